//! Derived figures: progress roll-up, expected progress and health, as of any moment.
//!
//! This is the one implementation used by pages, the API and reports (DESIGN.md §2,
//! "Derived figures"). Every function takes the append-only history and an `as_of`
//! moment, so a report for a past date is the same today as it was then.
//!
//! Arithmetic is on integers (weights `u32`, sums `u64`) so the same history always gives
//! the same figures on every platform. Averages are rounded to the nearest whole point,
//! halves up (62.5 → 63).
//!
//! Dates are compared as UTC calendar dates: an `as_of` moment falls on
//! `as_of.date_naive()`.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::vocab::{CommitmentState, HeadlineFigure, Health, MilestoneStatus, ReviewState};

/// How many points behind expected progress a milestone or commitment may fall before it is
/// at risk: at 15 it is still on track, at 16 it is at risk.
pub const AT_RISK_TOLERANCE: u8 = 15;

/// A percentage of completion, 0 to 100 inclusive.
#[derive(
    Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(try_from = "i32", into = "u8")]
pub struct Progress(u8);

/// A number outside 0..=100 offered as a progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("progress must be between 0 and 100, got {0}")]
pub struct ProgressOutOfRange(pub i64);

impl Progress {
    pub const ZERO: Self = Self(0);
    pub const FULL: Self = Self(100);

    pub fn value(self) -> u8 {
        self.0
    }

    pub fn is_full(self) -> bool {
        self == Self::FULL
    }

    /// For results of our own arithmetic, which cannot exceed 100 but are computed in wider
    /// types; clamping keeps the invariant without a panic path.
    fn clamped(points: u64) -> Self {
        Self(u8::try_from(points.min(100)).unwrap_or(100))
    }

    /// Points by which `self` falls short of `expected` (0 when ahead).
    fn shortfall_from(self, expected: Self) -> u8 {
        expected.0.saturating_sub(self.0)
    }

    fn parse(points: i64) -> Result<Self, ProgressOutOfRange> {
        match u8::try_from(points) {
            Ok(p) if p <= 100 => Ok(Self(p)),
            _ => Err(ProgressOutOfRange(points)),
        }
    }
}

impl TryFrom<u8> for Progress {
    type Error = ProgressOutOfRange;

    fn try_from(points: u8) -> Result<Self, Self::Error> {
        Self::parse(i64::from(points))
    }
}

impl TryFrom<i16> for Progress {
    type Error = ProgressOutOfRange;

    fn try_from(points: i16) -> Result<Self, Self::Error> {
        Self::parse(i64::from(points))
    }
}

impl TryFrom<i32> for Progress {
    type Error = ProgressOutOfRange;

    fn try_from(points: i32) -> Result<Self, Self::Error> {
        Self::parse(i64::from(points))
    }
}

impl From<Progress> for u8 {
    fn from(progress: Progress) -> Self {
        progress.0
    }
}

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Rounds `numerator / denominator` to the nearest integer, halves up.
/// `denominator` must be positive; callers only pass sums of weights, which are.
fn div_round_half_up(numerator: u64, denominator: u64) -> u64 {
    (2 * numerator + denominator) / (2 * denominator.max(1))
}

/// Weighted mean of progresses, rounded half up; `None` when there is nothing to average.
fn weighted_mean(items: impl IntoIterator<Item = (u32, Progress)>) -> Option<Progress> {
    let (weighted_sum, total_weight) =
        items
            .into_iter()
            .fold((0_u64, 0_u64), |(sum, total), (weight, progress)| {
                let weight = u64::from(weight);
                (sum + weight * u64::from(progress.0), total + weight)
            });
    (total_weight > 0).then(|| Progress::clamped(div_round_half_up(weighted_sum, total_weight)))
}

/// One progress report on a milestone, as far as the figures need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateFact {
    pub reported_at: DateTime<Utc>,
    pub progress: Progress,
    pub status: MilestoneStatus,
    pub review: ReviewState,
    /// When the forum decided; `None` reads as "decided when reported" (a cached fact).
    pub reviewed_at: Option<DateTime<Utc>>,
}

impl UpdateFact {
    /// The review as it stood at `as_of`: pending until the forum decided.
    pub fn review_as_of(&self, as_of: DateTime<Utc>) -> ReviewState {
        match self.reviewed_at {
            Some(decided) if decided > as_of => ReviewState::Pending,
            _ => self.review,
        }
    }

    /// Whether the report counts on this basis at `as_of`. A returned report was sent back
    /// and no longer speaks for the milestone; a pending or contested one is still the
    /// institution's claim; only a validated one counts as validated.
    fn counts(&self, basis: Basis, as_of: DateTime<Utc>) -> bool {
        let review = self.review_as_of(as_of);
        match basis {
            Basis::Reported => review != ReviewState::Returned,
            Basis::Validated => review == ReviewState::Validated,
        }
    }
}

/// Which reports a figure counts: the forum's validated ones, or everything the institution
/// reported that was not returned (pending and contested included).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    #[default]
    Validated,
    Reported,
}

impl HeadlineFigure {
    /// The figure that leads the plan's headline; `None` when both stand side by side.
    pub fn leading(self) -> Option<Basis> {
        match self {
            Self::Both => None,
            Self::Validated => Some(Basis::Validated),
            Self::Reported => Some(Basis::Reported),
        }
    }

    /// The figure health is computed from: the leading one, and the validated one when both
    /// stand side by side (what the forum has checked decides whether a plan is on track).
    pub fn health_basis(self) -> Basis {
        self.leading().unwrap_or(Basis::Validated)
    }

    /// Both figures in the order the headline shows them: the leading one first, the
    /// validated one first when neither leads.
    pub fn order(self) -> [Basis; 2] {
        match self.health_basis() {
            Basis::Validated => [Basis::Validated, Basis::Reported],
            Basis::Reported => [Basis::Reported, Basis::Validated],
        }
    }
}

/// The update that gives a milestone its reported progress and status as of `as_of`: the
/// latest one reported by then that was not returned.
///
/// Ties on `reported_at` go to the later element of the slice, so the result does not
/// depend on how a sort happened to order equal times.
pub fn latest_counting_update(updates: &[UpdateFact], as_of: DateTime<Utc>) -> Option<&UpdateFact> {
    latest_on(updates, Basis::Reported, as_of)
}

/// The latest update that counts on `basis` as of `as_of` (ties: the later element).
pub fn latest_on(
    updates: &[UpdateFact],
    basis: Basis,
    as_of: DateTime<Utc>,
) -> Option<&UpdateFact> {
    updates
        .iter()
        .filter(|u| u.reported_at <= as_of && u.counts(basis, as_of))
        // `max_by_key` returns the last of equal maxima.
        .max_by_key(|u| u.reported_at)
}

/// Progress expected on `on` if work advanced evenly from `start` (0) to `due` (100).
///
/// Before `start` nothing is expected; on and after `due` everything is. Counting whole
/// days keeps the figure stable through the day. Rounded half up.
pub fn expected_progress(start: NaiveDate, due: NaiveDate, on: NaiveDate) -> Progress {
    if on < start {
        return Progress::ZERO;
    }
    if on >= due {
        return Progress::FULL;
    }
    // Here start <= on < due, so both spans are non-negative and `total` is positive.
    let elapsed = (on - start).num_days().unsigned_abs();
    let total = (due - start).num_days().unsigned_abs();
    Progress::clamped(div_round_half_up(100 * elapsed, total))
}

/// What the figures of a milestone are computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneFacts {
    /// Share of the milestone in its commitment's progress; at least 1 (a 0 counts as 1).
    pub weight: u32,
    /// Current planned start (after any approved re-plan).
    pub start: Option<NaiveDate>,
    /// Current planned due date (after any approved re-plan).
    pub due: Option<NaiveDate>,
    /// Every progress update, in any order.
    pub updates: Vec<UpdateFact>,
}

impl MilestoneFacts {
    /// Weights are at least 1 by database constraint; treating 0 as 1 keeps a bad row from
    /// silently dropping a milestone (or dividing by zero).
    fn effective_weight(&self) -> u32 {
        self.weight.max(1)
    }

    fn expected_on(&self, day: NaiveDate) -> Option<Progress> {
        Some(expected_progress(self.start?, self.due?, day))
    }

    fn is_past_due(&self, day: NaiveDate) -> bool {
        self.due.is_some_and(|due| day > due)
    }
}

/// A milestone's figures as of a moment.
///
/// `progress`, `status`, `health` and `last_reported_at` are on the figures' `basis` (the
/// validated one unless asked otherwise); `validated` and `reported` are always both there,
/// so every page can say what the forum validated and what the institution claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MilestoneFigures {
    pub progress: Progress,
    pub status: MilestoneStatus,
    /// `None` unless both planned dates are known.
    pub expected: Option<Progress>,
    pub health: Health,
    /// When the counting update (the one giving progress and status) was reported.
    pub last_reported_at: Option<DateTime<Utc>>,
    pub basis: Basis,
    /// Progress of the latest validated report.
    pub validated: Progress,
    pub validated_status: MilestoneStatus,
    /// Progress of the latest report not returned: what the institution claims.
    pub reported: Progress,
    pub reported_status: MilestoneStatus,
    /// The review, as of the moment, of the report giving `reported`.
    pub claim: Option<ReviewState>,
}

impl MilestoneFigures {
    /// What the institution claims and the forum has not validated (pending or contested):
    /// shown beside the validated figure, never in its place.
    pub fn open_claim(&self) -> Option<ReviewState> {
        self.claim.filter(|c| *c != ReviewState::Validated)
    }

    /// The key of the status as the public reads it: "Completado" only when a complete report
    /// was validated; a complete claim still waiting or disputed says so.
    pub fn status_key(&self) -> &'static str {
        match (self.open_claim(), self.reported_status) {
            (Some(ReviewState::Pending), MilestoneStatus::Completed)
                if self.validated_status != MilestoneStatus::Completed =>
            {
                "milestone-status-claimed-pending"
            }
            (Some(ReviewState::Contested), MilestoneStatus::Completed)
                if self.validated_status != MilestoneStatus::Completed =>
            {
                "milestone-status-claimed-contested"
            }
            _ => self.status.label_key(),
        }
    }
}

/// Figures of one milestone as of `as_of`, on the validated basis.
pub fn milestone_figures(m: &MilestoneFacts, as_of: DateTime<Utc>) -> MilestoneFigures {
    milestone_figures_on(m, as_of, Basis::Validated)
}

/// Figures of one milestone as of `as_of`, with progress, status and health on `basis`.
pub fn milestone_figures_on(
    m: &MilestoneFacts,
    as_of: DateTime<Utc>,
    basis: Basis,
) -> MilestoneFigures {
    let day = as_of.date_naive();
    let validated = latest_on(&m.updates, Basis::Validated, as_of);
    let reported = latest_on(&m.updates, Basis::Reported, as_of);
    let progress_of = |u: Option<&UpdateFact>| u.map_or(Progress::ZERO, |u| u.progress);
    let status_of = |u: Option<&UpdateFact>| u.map_or(MilestoneStatus::NotStarted, |u| u.status);
    let leading = match basis {
        Basis::Validated => validated,
        Basis::Reported => reported,
    };
    let progress = progress_of(leading);
    let status = status_of(leading);
    let expected = m.expected_on(day);
    let health = milestone_health(progress, status, expected, m.is_past_due(day));
    MilestoneFigures {
        progress,
        status,
        expected,
        health,
        last_reported_at: leading.map(|u| u.reported_at),
        basis,
        validated: progress_of(validated),
        validated_status: status_of(validated),
        reported: progress_of(reported),
        reported_status: status_of(reported),
        claim: reported.map(|u| u.review_as_of(as_of)),
    }
}

/// The health rules for a milestone, first match wins.
fn milestone_health(
    progress: Progress,
    status: MilestoneStatus,
    expected: Option<Progress>,
    past_due: bool,
) -> Health {
    // With no counting update, progress is 0 and status NotStarted, so this covers both.
    let nothing_reported = progress == Progress::ZERO && status == MilestoneStatus::NotStarted;
    let nothing_expected_yet = expected.is_none_or(|e| e == Progress::ZERO);
    if status == MilestoneStatus::Cancelled {
        Health::Cancelled
    } else if progress.is_full() || status == MilestoneStatus::Completed {
        Health::Completed
    } else if past_due {
        Health::Overdue
    } else if nothing_reported && nothing_expected_yet {
        Health::NotStarted
    } else if is_behind(progress, expected) {
        Health::AtRisk
    } else {
        Health::OnTrack
    }
}

/// More than the tolerance behind expected progress; unknown expectations are never behind.
fn is_behind(progress: Progress, expected: Option<Progress>) -> bool {
    expected.is_some_and(|e| progress.shortfall_from(e) > AT_RISK_TOLERANCE)
}

/// What the figures of a commitment are computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentFacts {
    pub state: CommitmentState,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub milestones: Vec<MilestoneFacts>,
}

/// A commitment's figures as of a moment (`progress`, `expected`, `health` on `basis`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitmentFigures {
    pub progress: Progress,
    pub expected: Option<Progress>,
    pub health: Health,
    /// One per milestone, in the order of `CommitmentFacts::milestones`.
    pub milestones: Vec<MilestoneFigures>,
    /// Milestones that count towards progress (those not cancelled).
    pub counted_milestones: usize,
    pub basis: Basis,
    /// The milestones' validated progress, rolled up the same way.
    pub validated: Progress,
    /// The milestones' reported progress, rolled up the same way.
    pub reported: Progress,
    /// Milestones whose latest claim waits for the forum, and those it contested.
    pub pending_claims: usize,
    pub contested_claims: usize,
}

/// Figures of a commitment as of `as_of`, on the validated basis.
pub fn commitment_figures(c: &CommitmentFacts, as_of: DateTime<Utc>) -> CommitmentFigures {
    commitment_figures_on(c, as_of, Basis::Validated)
}

/// Figures of a commitment as of `as_of`: its milestones' figures rolled up by weight.
///
/// Cancelled milestones are left out of both progress and expected progress: cancelling a
/// milestone re-scopes the commitment rather than dragging its progress down.
pub fn commitment_figures_on(
    c: &CommitmentFacts,
    as_of: DateTime<Utc>,
    basis: Basis,
) -> CommitmentFigures {
    let day = as_of.date_naive();
    let milestones: Vec<MilestoneFigures> = c
        .milestones
        .iter()
        .map(|m| milestone_figures_on(m, as_of, basis))
        .collect();
    let counted: Vec<(u32, &MilestoneFigures)> = c
        .milestones
        .iter()
        .zip(&milestones)
        .filter(|(_, f)| f.status != MilestoneStatus::Cancelled)
        .map(|(m, f)| (m.effective_weight(), f))
        .collect();
    let mean = |of: fn(&MilestoneFigures) -> Progress| {
        weighted_mean(counted.iter().map(|(w, f)| (*w, of(f)))).unwrap_or(Progress::ZERO)
    };
    let progress = mean(|f| f.progress);
    // Without milestones there is nothing to measure, so nothing is expected either.
    let expected = weighted_mean(counted.iter().filter_map(|(w, f)| Some((*w, f.expected?))))
        .or_else(|| {
            let dates = (c.start?, c.end?);
            (!counted.is_empty()).then(|| expected_progress(dates.0, dates.1, day))
        });
    let counted_figures: Vec<&MilestoneFigures> = counted.iter().map(|(_, f)| *f).collect();
    let health = commitment_health(c, day, progress, expected, &milestones, &counted_figures);
    let claims = |state| {
        counted_figures
            .iter()
            .filter(|f| f.open_claim() == Some(state))
            .count()
    };

    CommitmentFigures {
        progress,
        expected,
        health,
        counted_milestones: counted.len(),
        basis,
        validated: mean(|f| f.validated),
        reported: mean(|f| f.reported),
        pending_claims: claims(ReviewState::Pending),
        contested_claims: claims(ReviewState::Contested),
        milestones,
    }
}

/// The health rules for a commitment, first match wins.
fn commitment_health(
    c: &CommitmentFacts,
    day: NaiveDate,
    progress: Progress,
    expected: Option<Progress>,
    all: &[MilestoneFigures],
    counted: &[&MilestoneFigures],
) -> Health {
    let every_milestone_cancelled = !all.is_empty() && counted.is_empty();
    let any_overdue = counted.iter().any(|f| f.health == Health::Overdue);
    let past_end = c.end.is_some_and(|end| day > end);
    let nothing_reported = counted.iter().all(|f| f.last_reported_at.is_none());
    if c.state == CommitmentState::Withdrawn || every_milestone_cancelled {
        Health::Cancelled
    } else if all.is_empty() {
        Health::Unmeasured
    } else if progress.is_full() {
        Health::Completed
    } else if any_overdue || past_end {
        Health::Overdue
    } else if is_behind(progress, expected) {
        Health::AtRisk
    } else if progress == Progress::ZERO && nothing_reported {
        Health::NotStarted
    } else {
        Health::OnTrack
    }
}

impl CommitmentFigures {
    /// This figure of the commitment (`of`), or `None` when it has no milestones to measure.
    pub fn measured(&self, of: fn(&CommitmentFigures) -> Progress) -> Option<Progress> {
        (self.health != Health::Unmeasured).then(|| of(self))
    }
}

/// A plan's progress: the plain average of its commitments that are not withdrawn and have
/// something to measure (`None`: no milestones, as in a plan's history imported from OGP).
///
/// Commitments weigh the same whatever their number of milestones, as OGP reports count
/// commitments. Rounded half up; 0 when no commitment counts (see [`plan_is_measured`]).
pub fn plan_progress(commitments: &[(CommitmentState, Option<Progress>)]) -> Progress {
    weighted_mean(
        commitments
            .iter()
            .filter(|(state, _)| *state != CommitmentState::Withdrawn)
            .filter_map(|(_, progress)| Some((1, (*progress)?))),
    )
    .unwrap_or(Progress::ZERO)
}

/// Whether any commitment of the plan has milestones whose progress the plan's figure shows.
pub fn plan_is_measured(commitments: &[(CommitmentState, Option<Progress>)]) -> bool {
    commitments
        .iter()
        .any(|(state, progress)| *state != CommitmentState::Withdrawn && progress.is_some())
}

/// How many milestones or commitments have each health, for dashboards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthCounts {
    pub completed: usize,
    pub on_track: usize,
    pub at_risk: usize,
    pub overdue: usize,
    pub not_started: usize,
    /// Absent from reports frozen before commitments without milestones had their own health.
    #[serde(default)]
    pub unmeasured: usize,
    pub cancelled: usize,
}

impl HealthCounts {
    pub fn get(&self, health: Health) -> usize {
        match health {
            Health::Completed => self.completed,
            Health::OnTrack => self.on_track,
            Health::AtRisk => self.at_risk,
            Health::Overdue => self.overdue,
            Health::NotStarted => self.not_started,
            Health::Unmeasured => self.unmeasured,
            Health::Cancelled => self.cancelled,
        }
    }

    pub fn add(&mut self, health: Health) {
        *self.slot(health) += 1;
    }

    pub fn total(&self) -> usize {
        Health::ALL.iter().map(|h| self.get(*h)).sum()
    }

    fn slot(&mut self, health: Health) -> &mut usize {
        match health {
            Health::Completed => &mut self.completed,
            Health::OnTrack => &mut self.on_track,
            Health::AtRisk => &mut self.at_risk,
            Health::Overdue => &mut self.overdue,
            Health::NotStarted => &mut self.not_started,
            Health::Unmeasured => &mut self.unmeasured,
            Health::Cancelled => &mut self.cancelled,
        }
    }
}

impl FromIterator<Health> for HealthCounts {
    fn from_iter<I: IntoIterator<Item = Health>>(iter: I) -> Self {
        let mut counts = Self::default();
        counts.extend(iter);
        counts
    }
}

impl Extend<Health> for HealthCounts {
    fn extend<I: IntoIterator<Item = Health>>(&mut self, iter: I) {
        for health in iter {
            self.add(health);
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    /// Noon UTC, so the calendar date is the same in every OGP member's time zone.
    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0)
            .single()
            .expect("valid time")
    }

    fn p(points: u8) -> Progress {
        Progress::try_from(points).expect("0..=100")
    }

    fn update(
        at: DateTime<Utc>,
        points: u8,
        status: MilestoneStatus,
        review: ReviewState,
    ) -> UpdateFact {
        UpdateFact {
            reported_at: at,
            progress: p(points),
            status,
            review,
            reviewed_at: None,
        }
    }

    /// A validated in-progress report.
    fn report(at: DateTime<Utc>, points: u8) -> UpdateFact {
        update(
            at,
            points,
            MilestoneStatus::InProgress,
            ReviewState::Validated,
        )
    }

    fn cancellation(at: DateTime<Utc>) -> UpdateFact {
        update(at, 0, MilestoneStatus::Cancelled, ReviewState::Validated)
    }

    /// A milestone running through 2024 (1 January to 31 December).
    fn milestone(weight: u32, updates: Vec<UpdateFact>) -> MilestoneFacts {
        MilestoneFacts {
            weight,
            start: Some(day(2024, 1, 1)),
            due: Some(day(2024, 12, 31)),
            updates,
        }
    }

    /// A milestone from `start` to `due`, 100 days apart, so expected progress is a whole
    /// number of points per day.
    fn hundred_day_milestone(updates: Vec<UpdateFact>) -> MilestoneFacts {
        MilestoneFacts {
            weight: 1,
            start: Some(day(2024, 1, 1)),
            due: Some(day(2024, 4, 10)),
            updates,
        }
    }

    fn undated_milestone(weight: u32, updates: Vec<UpdateFact>) -> MilestoneFacts {
        MilestoneFacts {
            weight,
            start: None,
            due: None,
            updates,
        }
    }

    fn commitment(milestones: Vec<MilestoneFacts>) -> CommitmentFacts {
        CommitmentFacts {
            state: CommitmentState::Approved,
            start: None,
            end: None,
            milestones,
        }
    }

    // Progress

    #[test]
    fn progress_accepts_every_whole_point_from_0_to_100() {
        for points in 0..=100_i16 {
            assert_eq!(
                Progress::try_from(points).map(Progress::value),
                Ok(points as u8)
            );
        }
        assert_eq!(Progress::try_from(0_i32), Ok(Progress::ZERO));
        assert_eq!(Progress::try_from(100_i32), Ok(Progress::FULL));
    }

    #[test]
    fn progress_rejects_negative_and_above_100() {
        assert_eq!(Progress::try_from(-1_i16), Err(ProgressOutOfRange(-1)));
        assert_eq!(Progress::try_from(101_i16), Err(ProgressOutOfRange(101)));
        assert_eq!(
            Progress::try_from(i32::MAX),
            Err(ProgressOutOfRange(i64::from(i32::MAX)))
        );
        assert_eq!(Progress::try_from(101_u8), Err(ProgressOutOfRange(101)));
    }

    #[test]
    fn progress_displays_as_a_bare_number() {
        assert_eq!(p(45).to_string(), "45");
    }

    #[test]
    fn progress_is_a_number_in_json_and_rejects_out_of_range_values() {
        assert_eq!(serde_json::to_string(&p(45)).expect("serialises"), "45");
        assert_eq!(
            serde_json::from_str::<Progress>("45").expect("parses"),
            p(45)
        );
        assert!(serde_json::from_str::<Progress>("101").is_err());
        assert!(serde_json::from_str::<Progress>("-1").is_err());
    }

    #[test]
    fn progress_orders_by_points() {
        assert!(p(10) < p(11));
        assert_eq!(p(30).max(p(70)), p(70));
    }

    // Counting updates

    #[test]
    fn returned_update_stops_counting() {
        let updates = [
            report(at(2024, 3, 1), 20),
            update(
                at(2024, 4, 1),
                60,
                MilestoneStatus::InProgress,
                ReviewState::Returned,
            ),
        ];
        assert_eq!(
            latest_counting_update(&updates, at(2024, 5, 1)),
            Some(&updates[0])
        );
    }

    #[test]
    fn contested_update_still_counts() {
        let updates = [
            report(at(2024, 3, 1), 20),
            update(
                at(2024, 4, 1),
                60,
                MilestoneStatus::InProgress,
                ReviewState::Contested,
            ),
        ];
        assert_eq!(
            latest_counting_update(&updates, at(2024, 5, 1)),
            Some(&updates[1])
        );
    }

    #[test]
    fn pending_update_counts_until_it_is_reviewed() {
        let updates = [update(
            at(2024, 3, 1),
            20,
            MilestoneStatus::InProgress,
            ReviewState::Pending,
        )];
        assert_eq!(
            latest_counting_update(&updates, at(2024, 5, 1)),
            Some(&updates[0])
        );
    }

    #[test]
    fn update_reported_after_as_of_is_ignored() {
        let updates = [report(at(2024, 3, 1), 20), report(at(2024, 6, 1), 60)];
        assert_eq!(
            latest_counting_update(&updates, at(2024, 5, 1)),
            Some(&updates[0])
        );
    }

    #[test]
    fn update_reported_exactly_at_as_of_counts() {
        let updates = [report(at(2024, 3, 1), 20)];
        assert_eq!(
            latest_counting_update(&updates, at(2024, 3, 1)),
            Some(&updates[0])
        );
    }

    #[test]
    fn latest_update_wins_whatever_the_slice_order() {
        let updates = [report(at(2024, 4, 1), 60), report(at(2024, 3, 1), 20)];
        assert_eq!(
            latest_counting_update(&updates, at(2024, 5, 1)),
            Some(&updates[0])
        );
    }

    #[test]
    fn tie_on_reported_at_goes_to_the_later_element_of_the_slice() {
        let updates = [report(at(2024, 4, 1), 60), report(at(2024, 4, 1), 70)];
        assert_eq!(
            latest_counting_update(&updates, at(2024, 5, 1)),
            Some(&updates[1])
        );
    }

    #[test]
    fn only_returned_updates_means_no_counting_update() {
        let updates = [update(
            at(2024, 3, 1),
            20,
            MilestoneStatus::InProgress,
            ReviewState::Returned,
        )];
        assert_eq!(latest_counting_update(&updates, at(2024, 5, 1)), None);
    }

    // Expected progress

    #[test]
    fn expected_progress_is_zero_before_start() {
        assert_eq!(
            expected_progress(day(2024, 1, 1), day(2024, 4, 10), day(2023, 12, 31)),
            Progress::ZERO
        );
    }

    #[test]
    fn expected_progress_is_zero_on_the_start_day() {
        assert_eq!(
            expected_progress(day(2024, 1, 1), day(2024, 4, 10), day(2024, 1, 1)),
            Progress::ZERO
        );
    }

    #[test]
    fn expected_progress_is_linear_in_elapsed_days() {
        let (start, due) = (day(2024, 1, 1), day(2024, 4, 10));
        assert_eq!(expected_progress(start, due, day(2024, 1, 2)), p(1));
        assert_eq!(expected_progress(start, due, day(2024, 2, 20)), p(50));
        assert_eq!(expected_progress(start, due, day(2024, 4, 9)), p(99));
    }

    #[test]
    fn expected_progress_is_full_on_the_due_date_and_after() {
        let (start, due) = (day(2024, 1, 1), day(2024, 4, 10));
        assert_eq!(expected_progress(start, due, due), Progress::FULL);
        assert_eq!(
            expected_progress(start, due, day(2030, 1, 1)),
            Progress::FULL
        );
    }

    #[test]
    fn expected_progress_rounds_halves_up() {
        // One day of eight is 12.5 %.
        assert_eq!(
            expected_progress(day(2024, 1, 1), day(2024, 1, 9), day(2024, 1, 2)),
            p(13)
        );
        // One day of three is 33.3 %, two days 66.7 %.
        assert_eq!(
            expected_progress(day(2024, 1, 1), day(2024, 1, 4), day(2024, 1, 2)),
            p(33)
        );
        assert_eq!(
            expected_progress(day(2024, 1, 1), day(2024, 1, 4), day(2024, 1, 3)),
            p(67)
        );
    }

    #[test]
    fn expected_progress_with_start_on_due_jumps_from_0_to_100_that_day() {
        let d = day(2024, 6, 1);
        assert_eq!(expected_progress(d, d, day(2024, 5, 31)), Progress::ZERO);
        assert_eq!(expected_progress(d, d, d), Progress::FULL);
    }

    // Milestone figures

    #[test]
    fn milestone_without_updates_is_at_zero_and_not_started() {
        let f = milestone_figures(&undated_milestone(1, vec![]), at(2024, 5, 1));
        assert_eq!(
            (f.progress, f.status, f.health, f.last_reported_at),
            (
                Progress::ZERO,
                MilestoneStatus::NotStarted,
                Health::NotStarted,
                None
            )
        );
    }

    #[test]
    fn milestone_takes_progress_and_status_from_its_latest_counting_update() {
        let m = milestone(
            1,
            vec![
                report(at(2024, 3, 1), 20),
                update(
                    at(2024, 4, 1),
                    40,
                    MilestoneStatus::Delayed,
                    ReviewState::Validated,
                ),
            ],
        );
        let f = milestone_figures(&m, at(2024, 5, 1));
        assert_eq!(
            (f.progress, f.status, f.last_reported_at),
            (p(40), MilestoneStatus::Delayed, Some(at(2024, 4, 1)))
        );
    }

    #[test]
    fn milestone_last_reported_at_ignores_a_later_returned_update() {
        let m = milestone(
            1,
            vec![
                report(at(2024, 3, 1), 20),
                update(
                    at(2024, 4, 1),
                    90,
                    MilestoneStatus::InProgress,
                    ReviewState::Returned,
                ),
            ],
        );
        let f = milestone_figures(&m, at(2024, 5, 1));
        assert_eq!(
            (f.progress, f.last_reported_at),
            (p(20), Some(at(2024, 3, 1)))
        );
    }

    #[test]
    fn milestone_expected_progress_needs_both_dates() {
        let mut m = hundred_day_milestone(vec![]);
        assert_eq!(milestone_figures(&m, at(2024, 2, 20)).expected, Some(p(50)));
        m.start = None;
        assert_eq!(milestone_figures(&m, at(2024, 2, 20)).expected, None);
    }

    #[test]
    fn cancelled_milestone_is_cancelled_even_past_due() {
        let m = milestone(1, vec![cancellation(at(2024, 3, 1))]);
        assert_eq!(
            milestone_figures(&m, at(2025, 6, 1)).health,
            Health::Cancelled
        );
    }

    #[test]
    fn milestone_at_100_is_completed_even_past_due() {
        let m = milestone(1, vec![report(at(2024, 3, 1), 100)]);
        assert_eq!(
            milestone_figures(&m, at(2025, 6, 1)).health,
            Health::Completed
        );
    }

    #[test]
    fn milestone_reported_completed_is_completed_below_100() {
        let m = milestone(
            1,
            vec![update(
                at(2024, 3, 1),
                90,
                MilestoneStatus::Completed,
                ReviewState::Validated,
            )],
        );
        let f = milestone_figures(&m, at(2025, 6, 1));
        assert_eq!((f.progress, f.health), (p(90), Health::Completed));
    }

    #[test]
    fn milestone_past_due_and_incomplete_is_overdue() {
        let m = milestone(1, vec![report(at(2024, 3, 1), 99)]);
        assert_eq!(
            milestone_figures(&m, at(2025, 1, 1)).health,
            Health::Overdue
        );
    }

    #[test]
    fn milestone_on_its_due_date_is_not_yet_overdue() {
        let m = milestone(1, vec![report(at(2024, 3, 1), 99)]);
        assert_eq!(
            milestone_figures(&m, at(2024, 12, 31)).health,
            Health::OnTrack
        );
    }

    #[test]
    fn unreported_milestone_past_due_is_overdue() {
        assert_eq!(
            milestone_figures(&milestone(1, vec![]), at(2025, 1, 1)).health,
            Health::Overdue
        );
    }

    #[test]
    fn unreported_milestone_before_its_start_is_not_started() {
        assert_eq!(
            milestone_figures(&milestone(1, vec![]), at(2023, 12, 1)).health,
            Health::NotStarted
        );
    }

    #[test]
    fn milestone_reported_as_not_started_at_zero_is_not_started_before_its_window() {
        let m = milestone(
            1,
            vec![update(
                at(2023, 11, 1),
                0,
                MilestoneStatus::NotStarted,
                ReviewState::Validated,
            )],
        );
        assert_eq!(
            milestone_figures(&m, at(2023, 12, 1)).health,
            Health::NotStarted
        );
    }

    #[test]
    fn unreported_milestone_without_dates_is_not_started() {
        assert_eq!(
            milestone_figures(&undated_milestone(1, vec![]), at(2030, 1, 1)).health,
            Health::NotStarted
        );
    }

    #[test]
    fn unreported_milestone_16_points_behind_is_at_risk_not_not_started() {
        assert_eq!(
            milestone_figures(&hundred_day_milestone(vec![]), at(2024, 1, 17)).health,
            Health::AtRisk
        );
    }

    #[test]
    fn milestone_16_points_behind_expected_is_at_risk() {
        // 2024-02-20 is day 50 of 100.
        let m = hundred_day_milestone(vec![report(at(2024, 1, 5), 34)]);
        assert_eq!(
            milestone_figures(&m, at(2024, 2, 20)).health,
            Health::AtRisk
        );
    }

    #[test]
    fn milestone_15_points_behind_expected_is_on_track() {
        let m = hundred_day_milestone(vec![report(at(2024, 1, 5), 35)]);
        assert_eq!(
            milestone_figures(&m, at(2024, 2, 20)).health,
            Health::OnTrack
        );
    }

    #[test]
    fn milestone_ahead_of_expected_is_on_track() {
        let m = hundred_day_milestone(vec![report(at(2024, 1, 5), 80)]);
        assert_eq!(
            milestone_figures(&m, at(2024, 2, 20)).health,
            Health::OnTrack
        );
    }

    #[test]
    fn undated_milestone_in_progress_is_on_track() {
        let m = undated_milestone(1, vec![report(at(2024, 1, 5), 5)]);
        assert_eq!(
            milestone_figures(&m, at(2030, 1, 1)).health,
            Health::OnTrack
        );
    }

    // Commitment figures

    #[test]
    fn commitment_progress_is_the_weighted_average_of_milestones() {
        let c = commitment(vec![
            undated_milestone(3, vec![report(at(2024, 3, 1), 100)]),
            undated_milestone(1, vec![report(at(2024, 3, 1), 0)]),
        ]);
        assert_eq!(commitment_figures(&c, at(2024, 5, 1)).progress, p(75));
    }

    #[test]
    fn commitment_progress_rounds_halves_up() {
        let c = commitment(vec![
            undated_milestone(1, vec![report(at(2024, 3, 1), 50)]),
            undated_milestone(1, vec![report(at(2024, 3, 1), 25)]),
        ]);
        assert_eq!(commitment_figures(&c, at(2024, 5, 1)).progress, p(38));
    }

    #[test]
    fn zero_weight_counts_as_one() {
        let c = commitment(vec![
            undated_milestone(0, vec![report(at(2024, 3, 1), 100)]),
            undated_milestone(1, vec![]),
        ]);
        assert_eq!(commitment_figures(&c, at(2024, 5, 1)).progress, p(50));
    }

    #[test]
    fn cancelled_milestone_is_excluded_from_commitment_progress() {
        let c = commitment(vec![
            undated_milestone(1, vec![report(at(2024, 3, 1), 60)]),
            undated_milestone(5, vec![cancellation(at(2024, 3, 1))]),
        ]);
        let f = commitment_figures(&c, at(2024, 5, 1));
        assert_eq!(
            (f.progress, f.counted_milestones, f.milestones.len()),
            (p(60), 1, 2)
        );
    }

    #[test]
    fn commitment_lists_milestone_figures_in_order() {
        let c = commitment(vec![
            undated_milestone(1, vec![report(at(2024, 3, 1), 10)]),
            undated_milestone(1, vec![report(at(2024, 3, 1), 20)]),
        ]);
        let progresses: Vec<_> = commitment_figures(&c, at(2024, 5, 1))
            .milestones
            .iter()
            .map(|f| f.progress)
            .collect();
        assert_eq!(progresses, [p(10), p(20)]);
    }

    #[test]
    fn commitment_with_every_milestone_cancelled_is_cancelled() {
        let c = commitment(vec![milestone(1, vec![cancellation(at(2024, 3, 1))])]);
        let f = commitment_figures(&c, at(2024, 5, 1));
        assert_eq!(
            (f.progress, f.health, f.counted_milestones),
            (Progress::ZERO, Health::Cancelled, 0)
        );
    }

    #[test]
    fn withdrawn_commitment_is_cancelled() {
        let c = CommitmentFacts {
            state: CommitmentState::Withdrawn,
            ..commitment(vec![milestone(1, vec![report(at(2024, 3, 1), 100)])])
        };
        assert_eq!(
            commitment_figures(&c, at(2024, 5, 1)).health,
            Health::Cancelled
        );
    }

    #[test]
    fn commitment_without_milestones_is_at_zero_with_nothing_to_measure() {
        let f = commitment_figures(&commitment(vec![]), at(2024, 5, 1));
        assert_eq!(
            (f.progress, f.expected, f.health, f.counted_milestones),
            (Progress::ZERO, None, Health::Unmeasured, 0)
        );
    }

    #[test]
    fn commitment_expected_is_the_weighted_average_of_known_milestone_expectations() {
        let early = MilestoneFacts {
            weight: 3,
            ..hundred_day_milestone(vec![])
        };
        let c = commitment(vec![
            early,
            undated_milestone(1, vec![]),
            milestone(1, vec![]),
        ]);
        // On 2024-02-20: the 100-day milestone expects 50 (weight 3), the year-long one 14.
        let f = commitment_figures(&c, at(2024, 2, 20));
        assert_eq!(f.milestones[2].expected, Some(p(14)));
        assert_eq!(f.expected, Some(p(41)));
    }

    #[test]
    fn commitment_expected_falls_back_to_its_own_dates() {
        let c = CommitmentFacts {
            start: Some(day(2024, 1, 1)),
            end: Some(day(2024, 4, 10)),
            ..commitment(vec![undated_milestone(1, vec![])])
        };
        assert_eq!(
            commitment_figures(&c, at(2024, 2, 20)).expected,
            Some(p(50))
        );
    }

    #[test]
    fn commitment_expected_ignores_cancelled_milestones() {
        let cancelled = MilestoneFacts {
            due: Some(day(2024, 1, 2)),
            ..milestone(1, vec![cancellation(at(2024, 1, 1))])
        };
        let c = commitment(vec![hundred_day_milestone(vec![]), cancelled]);
        assert_eq!(
            commitment_figures(&c, at(2024, 2, 20)).expected,
            Some(p(50))
        );
    }

    #[test]
    fn commitment_at_100_is_completed() {
        let c = commitment(vec![
            milestone(1, vec![report(at(2024, 3, 1), 100)]),
            milestone(1, vec![cancellation(at(2024, 3, 1))]),
        ]);
        assert_eq!(
            commitment_figures(&c, at(2025, 5, 1)).health,
            Health::Completed
        );
    }

    #[test]
    fn commitment_with_an_overdue_milestone_is_overdue() {
        let late = MilestoneFacts {
            due: Some(day(2024, 2, 1)),
            ..milestone(1, vec![report(at(2024, 1, 15), 50)])
        };
        let c = commitment(vec![
            late,
            undated_milestone(5, vec![report(at(2024, 1, 15), 90)]),
        ]);
        assert_eq!(
            commitment_figures(&c, at(2024, 3, 1)).health,
            Health::Overdue
        );
    }

    #[test]
    fn commitment_past_its_end_date_and_incomplete_is_overdue() {
        let c = CommitmentFacts {
            end: Some(day(2024, 6, 30)),
            ..commitment(vec![undated_milestone(1, vec![report(at(2024, 3, 1), 90)])])
        };
        assert_eq!(
            commitment_figures(&c, at(2024, 6, 30)).health,
            Health::OnTrack
        );
        assert_eq!(
            commitment_figures(&c, at(2024, 7, 1)).health,
            Health::Overdue
        );
    }

    #[test]
    fn commitment_16_points_behind_expected_is_at_risk() {
        let c = commitment(vec![hundred_day_milestone(vec![report(
            at(2024, 1, 5),
            34,
        )])]);
        assert_eq!(
            commitment_figures(&c, at(2024, 2, 20)).health,
            Health::AtRisk
        );
    }

    #[test]
    fn commitment_15_points_behind_expected_is_on_track() {
        let c = commitment(vec![hundred_day_milestone(vec![report(
            at(2024, 1, 5),
            35,
        )])]);
        assert_eq!(
            commitment_figures(&c, at(2024, 2, 20)).health,
            Health::OnTrack
        );
    }

    #[test]
    fn commitment_with_no_counting_update_is_not_started() {
        let returned = update(
            at(2024, 1, 5),
            30,
            MilestoneStatus::InProgress,
            ReviewState::Returned,
        );
        let c = commitment(vec![
            undated_milestone(1, vec![returned]),
            undated_milestone(1, vec![]),
        ]);
        assert_eq!(
            commitment_figures(&c, at(2024, 2, 20)).health,
            Health::NotStarted
        );
    }

    #[test]
    fn commitment_reported_at_zero_is_on_track() {
        let c = commitment(vec![undated_milestone(1, vec![report(at(2024, 1, 5), 0)])]);
        assert_eq!(
            commitment_figures(&c, at(2024, 2, 20)).health,
            Health::OnTrack
        );
    }

    // Plan progress

    #[test]
    fn a_commitment_without_milestones_has_nothing_to_measure_and_is_never_overdue() {
        let c = CommitmentFacts {
            state: CommitmentState::Approved,
            start: Some(day(2014, 1, 1)),
            end: Some(day(2016, 12, 31)),
            milestones: Vec::new(),
        };
        let f = commitment_figures(&c, at(2026, 12, 6));
        assert_eq!(f.health, Health::Unmeasured);
        assert_eq!(f.expected, None, "nothing is expected of it either");
        assert_eq!(f.measured(|f| f.progress), None);
        let withdrawn = CommitmentFacts {
            state: CommitmentState::Withdrawn,
            ..c
        };
        assert_eq!(
            commitment_figures(&withdrawn, at(2026, 12, 6)).health,
            Health::Cancelled
        );
    }

    #[test]
    fn commitments_without_milestones_stay_out_of_the_plan_figure() {
        let shares = [
            (CommitmentState::Approved, Some(p(60))),
            (CommitmentState::Approved, None),
            (CommitmentState::Approved, None),
        ];
        assert_eq!(plan_progress(&shares), p(60), "not dragged to 20 %");
        assert!(plan_is_measured(&shares));
        let history = [
            (CommitmentState::Approved, None),
            (CommitmentState::Withdrawn, Some(p(50))),
        ];
        assert!(
            !plan_is_measured(&history),
            "nothing to measure: the page says so, not 0 %"
        );
        assert_eq!(plan_progress(&history), Progress::ZERO);
    }

    #[test]
    fn plan_progress_is_the_plain_average_of_commitments() {
        let commitments = [
            (CommitmentState::Approved, Some(p(100))),
            (CommitmentState::Approved, Some(p(0))),
            (CommitmentState::Approved, Some(p(50))),
        ];
        assert_eq!(plan_progress(&commitments), p(50));
    }

    #[test]
    fn withdrawn_commitment_is_excluded_from_plan_progress() {
        let commitments = [
            (CommitmentState::Approved, Some(p(80))),
            (CommitmentState::Withdrawn, Some(p(0))),
        ];
        assert_eq!(plan_progress(&commitments), p(80));
    }

    #[test]
    fn draft_and_consultation_commitments_count_in_plan_progress() {
        let commitments = [
            (CommitmentState::Approved, Some(p(80))),
            (CommitmentState::Draft, Some(p(0))),
            (CommitmentState::Consultation, Some(p(10))),
        ];
        assert_eq!(plan_progress(&commitments), p(30));
    }

    #[test]
    fn a_pending_report_moves_the_reported_figure_and_not_the_validated_one() {
        let m = milestone(
            1,
            vec![
                report(at(2024, 3, 1), 40),
                update(
                    at(2024, 6, 1),
                    80,
                    MilestoneStatus::InProgress,
                    ReviewState::Pending,
                ),
            ],
        );
        let f = milestone_figures(&m, at(2024, 6, 2));
        assert_eq!((f.progress, f.validated, f.reported), (p(40), p(40), p(80)));
        assert_eq!(f.open_claim(), Some(ReviewState::Pending));
        assert_eq!(f.last_reported_at, Some(at(2024, 3, 1)));
        let on_claims = milestone_figures_on(&m, at(2024, 6, 2), Basis::Reported);
        assert_eq!((on_claims.progress, on_claims.validated), (p(80), p(40)));
        assert_eq!(on_claims.last_reported_at, Some(at(2024, 6, 1)));
    }

    #[test]
    fn a_contested_complete_milestone_is_never_completed() {
        let m = milestone(
            1,
            vec![
                report(at(2024, 3, 1), 60),
                update(
                    at(2024, 6, 1),
                    100,
                    MilestoneStatus::Completed,
                    ReviewState::Contested,
                ),
            ],
        );
        let f = milestone_figures(&m, at(2024, 6, 2));
        assert_ne!(f.health, Health::Completed);
        assert_eq!(f.status, MilestoneStatus::InProgress);
        assert_eq!(f.reported, p(100));
        assert_eq!(f.status_key(), "milestone-status-claimed-contested");
        let pending = milestone(
            1,
            vec![update(
                at(2024, 6, 1),
                100,
                MilestoneStatus::Completed,
                ReviewState::Pending,
            )],
        );
        let f = milestone_figures(&pending, at(2024, 6, 2));
        assert_eq!(f.status_key(), "milestone-status-claimed-pending");
        assert_eq!(f.health, Health::AtRisk);
        let validated = milestone(
            1,
            vec![update(
                at(2024, 6, 1),
                100,
                MilestoneStatus::Completed,
                ReviewState::Validated,
            )],
        );
        let f = milestone_figures(&validated, at(2024, 6, 2));
        assert_eq!(f.status_key(), MilestoneStatus::Completed.label_key());
        assert_eq!(f.health, Health::Completed);
    }

    #[test]
    fn a_review_counts_only_from_the_moment_it_was_decided() {
        let validated_later = UpdateFact {
            reviewed_at: Some(at(2024, 7, 1)),
            ..report(at(2024, 6, 1), 70)
        };
        let m = milestone(1, vec![validated_later]);
        let before = milestone_figures(&m, at(2024, 6, 15));
        assert_eq!((before.validated, before.reported), (p(0), p(70)));
        assert_eq!(before.claim, Some(ReviewState::Pending));
        let after = milestone_figures(&m, at(2024, 7, 2));
        assert_eq!((after.validated, after.reported), (p(70), p(70)));
        assert_eq!(after.open_claim(), None);
    }

    #[test]
    fn a_commitment_rolls_up_both_figures_and_counts_open_claims() {
        let c = CommitmentFacts {
            state: CommitmentState::Approved,
            start: None,
            end: None,
            milestones: vec![
                milestone(1, vec![report(at(2024, 3, 1), 50)]),
                milestone(
                    1,
                    vec![update(
                        at(2024, 3, 1),
                        90,
                        MilestoneStatus::InProgress,
                        ReviewState::Pending,
                    )],
                ),
                milestone(
                    2,
                    vec![update(
                        at(2024, 3, 1),
                        30,
                        MilestoneStatus::InProgress,
                        ReviewState::Contested,
                    )],
                ),
            ],
        };
        let f = commitment_figures(&c, at(2024, 4, 1));
        // Validated: (50 + 0 + 0·2) / 4 = 12.5 → 13; reported: (50 + 90 + 30·2) / 4 = 50.
        assert_eq!((f.progress, f.validated, f.reported), (p(13), p(13), p(50)));
        assert_eq!((f.pending_claims, f.contested_claims), (1, 1));
        let led = commitment_figures_on(&c, at(2024, 4, 1), Basis::Reported);
        assert_eq!((led.progress, led.validated), (p(50), p(13)));
    }

    // The headline setting

    #[test]
    fn a_plan_shows_both_figures_and_judges_health_on_the_validated_one_by_default() {
        let both = HeadlineFigure::default();
        assert_eq!(both, HeadlineFigure::Both);
        assert_eq!(both.leading(), None);
        assert_eq!(both.health_basis(), Basis::Validated);
        assert_eq!(both.order(), [Basis::Validated, Basis::Reported]);
    }

    #[test]
    fn the_leading_figure_comes_first_and_decides_health() {
        assert_eq!(HeadlineFigure::Validated.leading(), Some(Basis::Validated));
        assert_eq!(HeadlineFigure::Validated.health_basis(), Basis::Validated);
        assert_eq!(
            HeadlineFigure::Validated.order(),
            [Basis::Validated, Basis::Reported]
        );
        assert_eq!(HeadlineFigure::Reported.leading(), Some(Basis::Reported));
        assert_eq!(HeadlineFigure::Reported.health_basis(), Basis::Reported);
        assert_eq!(
            HeadlineFigure::Reported.order(),
            [Basis::Reported, Basis::Validated]
        );
    }

    #[test]
    fn a_plan_led_by_the_reported_figure_judges_a_pending_claim_as_progress() {
        // 10 % validated, 60 % claimed and pending, on 1 July of a year-long milestone
        // (about 50 % expected): at risk on what the forum validated, on track on the claim.
        let c = commitment(vec![milestone(
            1,
            vec![
                report(at(2024, 2, 1), 10),
                update(
                    at(2024, 6, 1),
                    60,
                    MilestoneStatus::InProgress,
                    ReviewState::Pending,
                ),
            ],
        )]);
        let health = |setting: HeadlineFigure| {
            commitment_figures_on(&c, at(2024, 7, 1), setting.health_basis()).health
        };
        assert_eq!(health(HeadlineFigure::Both), Health::AtRisk);
        assert_eq!(health(HeadlineFigure::Validated), Health::AtRisk);
        assert_eq!(health(HeadlineFigure::Reported), Health::OnTrack);
    }

    #[test]
    fn plan_progress_rounds_halves_up() {
        assert_eq!(
            plan_progress(&[
                (CommitmentState::Approved, Some(p(0))),
                (CommitmentState::Approved, Some(p(1)))
            ]),
            p(1)
        );
    }

    #[test]
    fn plan_without_counting_commitments_is_at_zero() {
        assert_eq!(plan_progress(&[]), Progress::ZERO);
        assert_eq!(
            plan_progress(&[(CommitmentState::Withdrawn, Some(p(90)))]),
            Progress::ZERO
        );
    }

    // Health counts

    #[test]
    fn health_counts_tally_each_health() {
        let counts: HealthCounts = [Health::AtRisk, Health::OnTrack, Health::AtRisk]
            .into_iter()
            .collect();
        assert_eq!(
            (
                counts.get(Health::AtRisk),
                counts.get(Health::OnTrack),
                counts.get(Health::Overdue)
            ),
            (2, 1, 0)
        );
        assert_eq!(counts.total(), 3);
    }

    #[test]
    fn health_counts_have_a_slot_for_every_health() {
        let counts = HealthCounts::from_iter(Health::ALL.iter().copied());
        assert!(Health::ALL.iter().all(|h| counts.get(*h) == 1));
    }
}

#[cfg(test)]
mod properties {
    use chrono::Duration;
    use proptest::prelude::*;
    use proptest::sample::select;

    use super::*;

    const BASE_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2020, 1, 1) {
        Some(d) => d,
        None => panic!("valid date"),
    };
    /// Histories span about five years, enough for plans, re-plans and late reports.
    const SPAN_DAYS: i64 = 5 * 366;

    fn moment_at(seconds: i64) -> DateTime<Utc> {
        BASE_DAY.and_hms_opt(0, 0, 0).expect("midnight").and_utc() + Duration::seconds(seconds)
    }

    fn a_moment() -> impl Strategy<Value = DateTime<Utc>> {
        (0..SPAN_DAYS * 86_400).prop_map(moment_at)
    }

    fn a_day() -> impl Strategy<Value = NaiveDate> {
        (0..SPAN_DAYS).prop_map(|d| BASE_DAY + Duration::days(d))
    }

    fn a_progress() -> impl Strategy<Value = Progress> {
        (0..=100_u8).prop_map(Progress)
    }

    fn an_update() -> impl Strategy<Value = UpdateFact> {
        (
            a_moment(),
            a_progress(),
            select(MilestoneStatus::ALL),
            select(ReviewState::ALL),
        )
            .prop_map(|(reported_at, progress, status, review)| UpdateFact {
                reviewed_at: None,
                reported_at,
                progress,
                status,
                review,
            })
    }

    fn a_milestone() -> impl Strategy<Value = MilestoneFacts> {
        (
            0..=10_u32,
            proptest::option::of(a_day()),
            proptest::option::of(a_day()),
            prop::collection::vec(an_update(), 0..6),
        )
            .prop_map(|(weight, start, due, updates)| MilestoneFacts {
                weight,
                start,
                due,
                updates,
            })
    }

    fn a_commitment() -> impl Strategy<Value = CommitmentFacts> {
        (
            select(CommitmentState::ALL),
            proptest::option::of(a_day()),
            proptest::option::of(a_day()),
            prop::collection::vec(a_milestone(), 0..5),
        )
            .prop_map(|(state, start, end, milestones)| CommitmentFacts {
                state,
                start,
                end,
                milestones,
            })
    }

    fn in_range(progress: Progress) -> bool {
        progress.value() <= 100
    }

    proptest! {
        #[test]
        fn every_figure_is_between_0_and_100(c in a_commitment(), as_of in a_moment()) {
            let f = commitment_figures(&c, as_of);
            prop_assert!(in_range(f.progress));
            prop_assert!(f.expected.is_none_or(in_range));
            for m in &f.milestones {
                prop_assert!(in_range(m.progress));
                prop_assert!(m.expected.is_none_or(in_range));
            }
        }

        #[test]
        fn plan_progress_is_between_0_and_100(commitments in prop::collection::vec((select(CommitmentState::ALL), a_progress()), 0..20)) {
            let shares: Vec<_> = commitments.iter().map(|(s, p)| (*s, Some(*p))).collect();
            prop_assert!(in_range(plan_progress(&shares)));
        }

        #[test]
        fn equal_milestone_progress_rolls_up_to_that_progress_whatever_the_weights(
            progress in a_progress(),
            weights in prop::collection::vec(0..=1000_u32, 1..8),
            reported_at in a_moment(),
        ) {
            let update = UpdateFact { reported_at, progress, status: MilestoneStatus::InProgress, review: ReviewState::Validated, reviewed_at: None };
            let milestones = weights.into_iter().map(|weight| MilestoneFacts { weight, start: None, due: None, updates: vec![update.clone()] }).collect();
            let c = CommitmentFacts { state: CommitmentState::Approved, start: None, end: None, milestones };
            prop_assert_eq!(commitment_figures(&c, reported_at).progress, progress);
        }

        #[test]
        fn before_any_update_progress_is_zero(c in a_commitment(), before in 1..SPAN_DAYS * 86_400) {
            let first = c.milestones.iter().flat_map(|m| &m.updates).map(|u| u.reported_at).min();
            let as_of = first.map_or_else(|| moment_at(0), |t| t - Duration::seconds(before));
            let f = commitment_figures(&c, as_of);
            prop_assert_eq!(f.progress, Progress::ZERO);
            for m in &f.milestones {
                prop_assert_eq!((m.progress, m.status, m.last_reported_at), (Progress::ZERO, MilestoneStatus::NotStarted, None));
            }
        }

        #[test]
        fn withdrawn_commitments_do_not_change_plan_progress(
            counted in prop::collection::vec((select(CommitmentState::ALL), a_progress()), 0..10),
            withdrawn in prop::collection::vec(a_progress(), 1..5),
        ) {
            let counted: Vec<_> = counted.into_iter().map(|(s, p)| (s, Some(p))).collect();
            let mut with_withdrawn = counted.clone();
            with_withdrawn.extend(withdrawn.into_iter().map(|p| (CommitmentState::Withdrawn, Some(p))));
            prop_assert_eq!(plan_progress(&with_withdrawn), plan_progress(&counted));
        }

        #[test]
        fn cancelled_milestones_do_not_change_commitment_progress(
            c in a_commitment(),
            cancelled in a_milestone(),
            as_of in a_moment(),
            cancelled_before in 0..SPAN_DAYS * 86_400,
        ) {
            let cancelled_at = as_of - Duration::seconds(cancelled_before);
            let mut cancelled = cancelled;
            // Reported after every other update of the milestone, and validated, so it counts.
            cancelled.updates.retain(|u| u.reported_at < cancelled_at);
            cancelled.updates.push(UpdateFact { reported_at: cancelled_at, progress: Progress::ZERO, status: MilestoneStatus::Cancelled, review: ReviewState::Validated, reviewed_at: None });
            let mut with_cancelled = c.clone();
            with_cancelled.milestones.push(cancelled);
            let (before, after) = (commitment_figures(&c, as_of), commitment_figures(&with_cancelled, as_of));
            prop_assert_eq!(after.progress, before.progress);
            prop_assert_eq!(after.expected, before.expected);
            prop_assert_eq!(after.counted_milestones, before.counted_milestones);
        }

        #[test]
        fn an_update_reported_after_t_changes_no_figure_as_of_t(
            milestones in prop::collection::vec(a_milestone(), 1..5),
            which in any::<prop::sample::Index>(),
            later in an_update(),
            as_of in a_moment(),
            after in 1..SPAN_DAYS * 86_400,
        ) {
            let c = CommitmentFacts { state: CommitmentState::Approved, start: None, end: None, milestones };
            let later = UpdateFact { reported_at: as_of + Duration::seconds(after), ..later };
            let mut with_later = c.clone();
            let target = which.index(with_later.milestones.len());
            with_later.milestones[target].updates.push(later);
            prop_assert_eq!(commitment_figures(&with_later, as_of), commitment_figures(&c, as_of));
        }

        #[test]
        fn expected_progress_never_decreases_as_time_passes(start in a_day(), due in a_day(), d1 in a_day(), d2 in a_day()) {
            let (earlier, later) = (d1.min(d2), d1.max(d2));
            prop_assert!(expected_progress(start, due, earlier) <= expected_progress(start, due, later));
        }

        #[test]
        fn milestone_figures_depend_only_on_updates_not_their_order(m in a_milestone(), as_of in a_moment()) {
            // Equal times are the one case where order decides; keep times distinct here.
            let mut times: Vec<_> = m.updates.iter().map(|u| u.reported_at).collect();
            times.sort();
            times.dedup();
            prop_assume!(times.len() == m.updates.len());
            let mut reversed = m.clone();
            reversed.updates.reverse();
            prop_assert_eq!(milestone_figures(&reversed, as_of), milestone_figures(&m, as_of));
        }
    }
}
