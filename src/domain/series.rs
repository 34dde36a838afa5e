//! Progress over time: a commitment's or a plan's figures on every day one of them changes,
//! and a milestone's dates as planned and as they happened.
//!
//! Nothing new is computed here: each point is [`commitment_figures_on`] as of that day, so
//! a chart says exactly what the page, the API and a monitoring report say for the same
//! moment. The points are the days where the figures change (a report was made, the forum
//! decided on one) or where the expected figure bends (a period or milestone starts or ends),
//! plus today. Between two points the validated and reported figures hold (a step) and the
//! expected figure moves in a straight line.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::domain::figures::{
    Basis, CommitmentFacts, MilestoneFacts, Progress, UpdateFact, commitment_figures_on, latest_on,
    plan_is_measured, plan_progress,
};
use crate::domain::vocab::{CommitmentState, MilestoneStatus, ReviewState};

/// The validated and reported figures on a day, and the claims still open that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayFigures {
    pub validated: Progress,
    pub reported: Progress,
    /// Milestones whose latest claim waits for the forum.
    pub pending_claims: usize,
    /// Milestones whose latest claim the forum contested.
    pub contested_claims: usize,
}

/// One day of a progress series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesPoint {
    pub on: NaiveDate,
    /// The figures at the end of the day; `None` after today (the future has an expectation,
    /// not figures).
    pub figures: Option<DayFigures>,
    /// `None` when no planned dates are known.
    pub expected: Option<Progress>,
    /// A report was made or the forum decided on one that day.
    pub event: bool,
}

/// Progress over time, from `from` to `to` (both included), with `today` in between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressSeries {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub today: NaiveDate,
    /// In date order, one per day at most; the first is `from`, the last `to`.
    pub points: Vec<SeriesPoint>,
}

impl ProgressSeries {
    /// Whether any report was ever made: without one the series is flat at zero.
    pub fn has_reports(&self) -> bool {
        self.points.iter().any(|p| p.event)
    }

    /// The point of today (there is always one).
    pub fn today_point(&self) -> Option<&SeriesPoint> {
        self.points.iter().find(|p| p.on == self.today)
    }
}

/// The moments a report changes the figures: when it was made and, once the forum decided,
/// when it did.
fn moments(update: &UpdateFact) -> impl Iterator<Item = DateTime<Utc>> {
    let decided = match (update.review, update.reviewed_at) {
        (ReviewState::Pending, _) => None,
        (_, decided) => decided,
    };
    std::iter::once(update.reported_at).chain(decided)
}

fn end_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::MIN).and_utc() + chrono::Duration::days(1)
        - chrono::Duration::seconds(1)
}

/// What a series is drawn from: its period, the days its expected figure bends, the days
/// something was reported or decided, and how to compute the figures as of a moment.
struct Sampling<F> {
    period: (Option<NaiveDate>, Option<NaiveDate>),
    bends: BTreeSet<NaiveDate>,
    events: BTreeSet<NaiveDate>,
    at: F,
}

impl<F> Sampling<F>
where
    F: Fn(DateTime<Utc>) -> (DayFigures, Option<Progress>),
{
    /// The period runs from its start to its end, widened to the first report and to today
    /// (a period still to come starts today).
    fn series(self, now: DateTime<Utc>) -> ProgressSeries {
        let today = now.date_naive();
        let first_event = self.events.first().copied();
        let from = [self.period.0, first_event, Some(today)]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(today);
        let to = self.period.1.map_or(today, |end| end.max(today)).max(from);
        let days: BTreeSet<NaiveDate> = [from, to, today]
            .into_iter()
            .chain(self.bends.iter().copied())
            .chain(self.events.iter().copied())
            .filter(|d| (from..=to).contains(d))
            .collect();
        let points = days
            .into_iter()
            .map(|on| {
                let as_of = if on == today { now } else { end_of(on) };
                let (figures, expected) = (self.at)(as_of);
                SeriesPoint {
                    on,
                    figures: (on <= today).then_some(figures),
                    expected,
                    event: self.events.contains(&on),
                }
            })
            .collect();
        ProgressSeries {
            from,
            to,
            today,
            points,
        }
    }
}

fn day_figures(c: &CommitmentFacts, as_of: DateTime<Utc>) -> (DayFigures, Option<Progress>) {
    let f = commitment_figures_on(c, as_of, Basis::Validated);
    (
        DayFigures {
            validated: f.validated,
            reported: f.reported,
            pending_claims: f.pending_claims,
            contested_claims: f.contested_claims,
        },
        f.expected,
    )
}

fn bends_of(c: &CommitmentFacts) -> impl Iterator<Item = NaiveDate> + '_ {
    [c.start, c.end]
        .into_iter()
        .chain(c.milestones.iter().flat_map(|m| [m.start, m.due]))
        .flatten()
}

fn events_of(c: &CommitmentFacts) -> impl Iterator<Item = NaiveDate> + '_ {
    c.milestones
        .iter()
        .flat_map(|m| &m.updates)
        .flat_map(moments)
        .map(|t| t.date_naive())
}

/// A commitment's period: its own dates, else those of its milestones.
fn period_of(c: &CommitmentFacts) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let starts = c.milestones.iter().filter_map(|m| m.start);
    let dues = c.milestones.iter().filter_map(|m| m.due);
    (c.start.or(starts.min()), c.end.or(dues.max()))
}

/// A commitment's progress over time: its validated, reported and expected figures from the
/// start of its period to its end (or today, if later).
pub fn commitment_series(c: &CommitmentFacts, now: DateTime<Utc>) -> ProgressSeries {
    Sampling {
        period: period_of(c),
        bends: bends_of(c).collect(),
        events: events_of(c).collect(),
        at: |as_of| day_figures(c, as_of),
    }
    .series(now)
}

/// A plan's expected progress: the plain average of the expected progress of its commitments
/// that are not withdrawn and have planned dates, as plan progress averages their progress.
pub fn plan_expected(commitments: &[(CommitmentState, Option<Progress>)]) -> Option<Progress> {
    plan_is_measured(commitments).then(|| plan_progress(commitments))
}

/// A plan's progress over time across `period` (its start and end), each point the plan's
/// figures as of that day: the plain average of its commitments, withdrawn ones left out.
pub fn plan_series(
    commitments: &[CommitmentFacts],
    period: (NaiveDate, NaiveDate),
    now: DateTime<Utc>,
) -> ProgressSeries {
    Sampling {
        period: (Some(period.0), Some(period.1)),
        bends: commitments.iter().flat_map(bends_of).collect(),
        events: commitments.iter().flat_map(events_of).collect(),
        at: |as_of| {
            let each: Vec<(CommitmentState, DayFigures, Option<Progress>, bool)> = commitments
                .iter()
                .map(|c| {
                    let (figures, expected) = day_figures(c, as_of);
                    (c.state, figures, expected, !c.milestones.is_empty())
                })
                .collect();
            let average = |of: fn(&DayFigures) -> Progress| {
                let shares: Vec<_> = each
                    .iter()
                    .map(|(s, f, _, measured)| (*s, measured.then(|| of(f))))
                    .collect();
                plan_progress(&shares)
            };
            let counted = each
                .iter()
                .filter(|(s, _, _, _)| *s != CommitmentState::Withdrawn);
            let claims =
                |of: fn(&DayFigures) -> usize| counted.clone().map(|(_, f, _, _)| of(f)).sum();
            let figures = DayFigures {
                validated: average(|f| f.validated),
                reported: average(|f| f.reported),
                pending_claims: claims(|f| f.pending_claims),
                contested_claims: claims(|f| f.contested_claims),
            };
            let expected =
                plan_expected(&each.iter().map(|(s, _, e, _)| (*s, *e)).collect::<Vec<_>>());
            (figures, expected)
        },
    }
    .series(now)
}

/// When a milestone's work happened, as its reports tell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActualDates {
    /// The day of its first report (not returned).
    pub first_report: Option<NaiveDate>,
    /// The day of its latest report (not returned).
    pub last_report: Option<NaiveDate>,
    /// The day the institution reported it complete, when the forum validated that report.
    pub completed: Option<NaiveDate>,
}

/// A milestone's actual dates as of `as_of`: returned reports do not count; a completion
/// counts only once validated.
pub fn actual_dates(m: &MilestoneFacts, as_of: DateTime<Utc>) -> ActualDates {
    let counting: Vec<&UpdateFact> = m
        .updates
        .iter()
        .filter(|u| u.reported_at <= as_of && u.review_as_of(as_of) != ReviewState::Returned)
        .collect();
    let day = |u: &&UpdateFact| u.reported_at.date_naive();
    let completed = latest_on(&m.updates, Basis::Validated, as_of)
        .filter(|u| u.status == MilestoneStatus::Completed || u.progress.is_full())
        .map(|u| u.reported_at.date_naive());
    ActualDates {
        first_report: counting.iter().map(day).min(),
        last_report: counting.iter().map(day).max(),
        completed,
    }
}

/// How a date the institution declared stands against the plan: days late (positive), early
/// (negative) or on the day (0); `None` when either is unknown.
pub fn days_off_plan(planned: Option<NaiveDate>, actual: Option<NaiveDate>) -> Option<i64> {
    Some((actual? - planned?).num_days())
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_declared_date_is_late_early_or_on_the_planned_day() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(days_off_plan(d("2024-03-31"), d("2024-04-10")), Some(10));
        assert_eq!(days_off_plan(d("2024-03-31"), d("2024-03-01")), Some(-30));
        assert_eq!(days_off_plan(d("2024-03-31"), d("2024-03-31")), Some(0));
        assert_eq!(days_off_plan(None, d("2024-03-31")), None);
        assert_eq!(days_off_plan(d("2024-03-31"), None), None);
    }
    use chrono::TimeZone;

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0)
            .single()
            .expect("valid time")
    }

    fn p(points: u8) -> Progress {
        Progress::try_from(points).expect("0..=100")
    }

    fn update(
        reported_at: DateTime<Utc>,
        points: u8,
        review: ReviewState,
        reviewed_at: Option<DateTime<Utc>>,
    ) -> UpdateFact {
        UpdateFact {
            reported_at,
            progress: p(points),
            status: if points == 100 {
                MilestoneStatus::Completed
            } else {
                MilestoneStatus::InProgress
            },
            review,
            reviewed_at,
        }
    }

    /// A milestone of weight 1 running 100 days, from 1 January to 10 April 2024.
    fn milestone(updates: Vec<UpdateFact>) -> MilestoneFacts {
        MilestoneFacts {
            weight: 1,
            start: Some(day(2024, 1, 1)),
            due: Some(day(2024, 4, 10)),
            updates,
        }
    }

    fn commitment(milestones: Vec<MilestoneFacts>) -> CommitmentFacts {
        CommitmentFacts {
            state: CommitmentState::Approved,
            start: Some(day(2024, 1, 1)),
            end: Some(day(2024, 4, 10)),
            milestones,
        }
    }

    fn point(s: &ProgressSeries, on: NaiveDate) -> SeriesPoint {
        *s.points
            .iter()
            .find(|p| p.on == on)
            .unwrap_or_else(|| panic!("no point on {on}: {:?}", s.points))
    }

    fn figures(s: &ProgressSeries, on: NaiveDate) -> (Progress, Progress) {
        let f = point(s, on).figures.expect("a past day has figures");
        (f.validated, f.reported)
    }

    #[test]
    fn a_pending_report_moves_the_reported_figure_and_not_the_validated_one() {
        let c = commitment(vec![milestone(vec![update(
            at(2024, 2, 1),
            40,
            ReviewState::Pending,
            None,
        )])]);
        let s = commitment_series(&c, at(2024, 3, 1));
        assert_eq!(figures(&s, day(2024, 1, 1)), (p(0), p(0)), "{:?}", s.points);
        assert_eq!(figures(&s, day(2024, 2, 1)), (p(0), p(40)));
        assert_eq!(
            point(&s, day(2024, 3, 1)).figures.map(|f| f.pending_claims),
            Some(1)
        );
    }

    #[test]
    fn a_validated_review_moves_the_validated_figure_on_the_day_it_was_decided() {
        let c = commitment(vec![milestone(vec![update(
            at(2024, 2, 1),
            40,
            ReviewState::Validated,
            Some(at(2024, 2, 20)),
        )])]);
        let s = commitment_series(&c, at(2024, 3, 1));
        assert_eq!(figures(&s, day(2024, 2, 1)), (p(0), p(40)));
        assert!(point(&s, day(2024, 2, 20)).event);
        assert_eq!(figures(&s, day(2024, 2, 20)), (p(40), p(40)));
        assert_eq!(figures(&s, day(2024, 3, 1)), (p(40), p(40)));
    }

    #[test]
    fn a_validation_recorded_without_its_moment_counts_from_the_report() {
        let c = commitment(vec![milestone(vec![update(
            at(2024, 2, 1),
            40,
            ReviewState::Validated,
            None,
        )])]);
        let s = commitment_series(&c, at(2024, 3, 1));
        assert_eq!(figures(&s, day(2024, 2, 1)), (p(40), p(40)));
    }

    #[test]
    fn a_contested_claim_stays_reported_and_never_becomes_validated() {
        let c = commitment(vec![milestone(vec![
            update(at(2024, 1, 20), 30, ReviewState::Validated, None),
            update(
                at(2024, 2, 1),
                90,
                ReviewState::Contested,
                Some(at(2024, 2, 10)),
            ),
        ])]);
        let s = commitment_series(&c, at(2024, 3, 1));
        assert_eq!(figures(&s, day(2024, 2, 1)), (p(30), p(90)));
        let contested = point(&s, day(2024, 2, 10)).figures.expect("figures");
        assert_eq!((contested.validated, contested.reported), (p(30), p(90)));
        assert_eq!(
            (contested.pending_claims, contested.contested_claims),
            (0, 1)
        );
    }

    #[test]
    fn a_returned_report_stops_counting_on_the_day_it_was_returned() {
        let c = commitment(vec![milestone(vec![update(
            at(2024, 2, 1),
            60,
            ReviewState::Returned,
            Some(at(2024, 2, 5)),
        )])]);
        let s = commitment_series(&c, at(2024, 3, 1));
        assert_eq!(figures(&s, day(2024, 2, 1)), (p(0), p(60)));
        assert_eq!(figures(&s, day(2024, 2, 5)), (p(0), p(0)));
    }

    #[test]
    fn expected_is_linear_between_start_and_due_and_bends_only_there() {
        let c = commitment(vec![milestone(Vec::new())]);
        let s = commitment_series(&c, at(2024, 2, 20));
        let days: Vec<NaiveDate> = s.points.iter().map(|p| p.on).collect();
        assert_eq!(
            days,
            [day(2024, 1, 1), day(2024, 2, 20), day(2024, 4, 10)],
            "start, today and due"
        );
        let expected: Vec<Option<Progress>> = s.points.iter().map(|p| p.expected).collect();
        // 50 of 100 days have passed on 20 February.
        assert_eq!(expected, [Some(p(0)), Some(p(50)), Some(p(100))]);
        assert!(!s.has_reports());
    }

    #[test]
    fn expected_bends_where_each_milestone_starts_and_ends() {
        let second = MilestoneFacts {
            start: Some(day(2024, 2, 1)),
            due: Some(day(2024, 3, 1)),
            ..milestone(Vec::new())
        };
        let c = commitment(vec![milestone(Vec::new()), second]);
        let s = commitment_series(&c, at(2024, 1, 15));
        let days: Vec<NaiveDate> = s.points.iter().map(|p| p.on).collect();
        assert!(days.contains(&day(2024, 2, 1)) && days.contains(&day(2024, 3, 1)));
        // 1 March: the first milestone is at 60 % of its time, the second is due: (60 + 100) / 2.
        assert_eq!(point(&s, day(2024, 3, 1)).expected, Some(p(80)));
    }

    #[test]
    fn the_future_has_an_expectation_and_no_figures() {
        let c = commitment(vec![milestone(Vec::new())]);
        let s = commitment_series(&c, at(2024, 2, 20));
        let due = point(&s, day(2024, 4, 10));
        assert_eq!((due.figures, due.expected), (None, Some(p(100))));
        assert!(point(&s, day(2024, 2, 20)).figures.is_some());
        assert_eq!(s.today_point().map(|t| t.on), Some(day(2024, 2, 20)));
    }

    #[test]
    fn the_period_runs_on_to_today_and_back_to_an_early_report() {
        let c = commitment(vec![milestone(vec![update(
            at(2023, 12, 1),
            10,
            ReviewState::Validated,
            None,
        )])]);
        let s = commitment_series(&c, at(2025, 6, 1));
        assert_eq!((s.from, s.to), (day(2023, 12, 1), day(2025, 6, 1)));
        assert_eq!(s.points.first().map(|p| p.on), Some(s.from));
        assert_eq!(s.points.last().map(|p| p.on), Some(s.to));
    }

    #[test]
    fn several_changes_on_one_day_make_one_point_with_the_days_last_figures() {
        let c = commitment(vec![milestone(vec![
            UpdateFact {
                reported_at: at(2024, 2, 1) - chrono::Duration::hours(3),
                ..update(at(2024, 2, 1), 20, ReviewState::Validated, None)
            },
            update(at(2024, 2, 1), 50, ReviewState::Pending, None),
        ])]);
        let s = commitment_series(&c, at(2024, 3, 1));
        assert_eq!(
            s.points.iter().filter(|p| p.on == day(2024, 2, 1)).count(),
            1
        );
        assert_eq!(figures(&s, day(2024, 2, 1)), (p(20), p(50)));
    }

    #[test]
    fn each_point_is_what_the_figures_say_as_of_that_day() {
        let c = commitment(vec![
            milestone(vec![
                update(
                    at(2024, 1, 10),
                    20,
                    ReviewState::Validated,
                    Some(at(2024, 1, 12)),
                ),
                update(at(2024, 2, 10), 70, ReviewState::Pending, None),
            ]),
            milestone(vec![update(
                at(2024, 1, 25),
                50,
                ReviewState::Contested,
                Some(at(2024, 2, 2)),
            )]),
        ]);
        let s = commitment_series(&c, at(2024, 3, 1));
        for point in s.points.iter().filter(|p| p.figures.is_some()) {
            let as_of = if point.on == s.today {
                at(2024, 3, 1)
            } else {
                end_of(point.on)
            };
            let f = commitment_figures_on(&c, as_of, Basis::Validated);
            let d = point.figures.expect("figures");
            assert_eq!(
                (d.validated, d.reported, point.expected),
                (f.validated, f.reported, f.expected)
            );
        }
    }

    #[test]
    fn an_undated_commitment_without_reports_is_one_day_today() {
        let c = CommitmentFacts {
            state: CommitmentState::Approved,
            start: None,
            end: None,
            milestones: Vec::new(),
        };
        let s = commitment_series(&c, at(2024, 3, 1));
        assert_eq!(s.points.len(), 1);
        assert_eq!(s.points[0].figures.map(|f| f.reported), Some(p(0)));
        assert_eq!(s.points[0].expected, None);
    }

    #[test]
    fn plan_series_averages_commitments_and_leaves_withdrawn_ones_out() {
        let done = commitment(vec![milestone(vec![update(
            at(2024, 2, 1),
            100,
            ReviewState::Validated,
            None,
        )])]);
        let claimed = commitment(vec![milestone(vec![update(
            at(2024, 2, 1),
            60,
            ReviewState::Pending,
            None,
        )])]);
        let withdrawn = CommitmentFacts {
            state: CommitmentState::Withdrawn,
            ..commitment(vec![milestone(Vec::new())])
        };
        let s = plan_series(
            &[done, claimed, withdrawn],
            (day(2024, 1, 1), day(2024, 12, 31)),
            at(2024, 3, 1),
        );
        assert_eq!((s.from, s.to), (day(2024, 1, 1), day(2024, 12, 31)));
        let f = point(&s, day(2024, 2, 1)).figures.expect("figures");
        // Validated (100 + 0) / 2, reported (100 + 60) / 2.
        assert_eq!(
            (f.validated, f.reported, f.pending_claims),
            (p(50), p(80), 1)
        );
        assert_eq!(point(&s, day(2024, 4, 10)).expected, Some(p(100)));
    }

    #[test]
    fn plan_expected_is_the_average_of_the_commitments_with_dates() {
        assert_eq!(
            plan_expected(&[
                (CommitmentState::Approved, Some(p(40))),
                (CommitmentState::Approved, None),
                (CommitmentState::Approved, Some(p(61))),
                (CommitmentState::Withdrawn, Some(p(0))),
            ]),
            Some(p(51))
        );
        assert_eq!(plan_expected(&[(CommitmentState::Approved, None)]), None);
    }

    #[test]
    fn actual_dates_count_reports_not_returned_and_only_a_validated_completion() {
        let m = milestone(vec![
            update(
                at(2024, 1, 5),
                10,
                ReviewState::Returned,
                Some(at(2024, 1, 6)),
            ),
            update(at(2024, 1, 20), 30, ReviewState::Validated, None),
            update(at(2024, 3, 1), 100, ReviewState::Pending, None),
        ]);
        let a = actual_dates(&m, at(2024, 3, 15));
        assert_eq!(
            (a.first_report, a.last_report, a.completed),
            (Some(day(2024, 1, 20)), Some(day(2024, 3, 1)), None)
        );
        let validated = MilestoneFacts {
            updates: vec![update(
                at(2024, 3, 1),
                100,
                ReviewState::Validated,
                Some(at(2024, 3, 9)),
            )],
            ..m
        };
        assert_eq!(actual_dates(&validated, at(2024, 3, 5)).completed, None);
        assert_eq!(
            actual_dates(&validated, at(2024, 3, 15)).completed,
            Some(day(2024, 3, 1))
        );
    }
}
