//! The cycle of an action plan: draft → co-creation → implementation → closed, the
//! co-creation window, and what a plan still lacks before implementation may start.

use chrono::{DateTime, NaiveDate, Utc};

use super::vocab::{CommitmentState, PlanPhase};

/// Why a phase change is refused (each value is a message key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhaseRefusal {
    /// Phases never go back: what was published stays published.
    Backwards,
    /// The plan is already in that phase.
    Same,
    /// Phases are not skipped: co-creation and implementation each happen.
    Skips,
}

impl PhaseRefusal {
    pub fn message_key(self) -> &'static str {
        match self {
            Self::Backwards => "phase-refused-backwards",
            Self::Same => "phase-refused-same",
            Self::Skips => "phase-refused-skip",
        }
    }
}

impl PlanPhase {
    /// A plan is public from co-creation on: a draft is seen only by the forum (the public
    /// queries hold the same rule: `phase <> 'draft'`).
    pub fn is_public(self) -> bool {
        self != PlanPhase::Draft
    }
}

fn rank(phase: PlanPhase) -> usize {
    PlanPhase::ALL
        .iter()
        .position(|p| *p == phase)
        .unwrap_or_default()
}

/// A plan moves one phase forward at a time.
pub fn check_phase_change(from: PlanPhase, to: PlanPhase) -> Result<(), PhaseRefusal> {
    let (from, to) = (rank(from), rank(to));
    if to == from {
        Err(PhaseRefusal::Same)
    } else if to < from {
        Err(PhaseRefusal::Backwards)
    } else if to > from + 1 {
        Err(PhaseRefusal::Skips)
    } else {
        Ok(())
    }
}

/// A step that cannot be undone: the forum is shown what it will do, on a page of its own,
/// before it is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Irreversible {
    /// The plan closes: no more progress reports; its figures stay as of that day.
    ClosePlan,
    /// A commitment is approved: its milestones' baseline dates freeze.
    ApproveCommitment,
    /// A monitoring report is frozen as of a date: the copy is final.
    FreezeReport,
}

/// Whether a form carried the confirmation page's `confirm=yes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmation {
    Given,
    Missing,
}

impl Confirmation {
    pub fn parse(field: &str) -> Self {
        if field == "yes" {
            Confirmation::Given
        } else {
            Confirmation::Missing
        }
    }
}

/// The phase change that cannot be undone: closing the plan (a closed plan never reopens).
pub fn needs_confirmation(from: PlanPhase, to: PlanPhase) -> Option<Irreversible> {
    (to == PlanPhase::Closed && from != PlanPhase::Closed).then_some(Irreversible::ClosePlan)
}

/// The commitment state change that cannot be undone: approving (an approved commitment
/// may only be withdrawn, and its baseline stays).
pub fn state_needs_confirmation(
    from: CommitmentState,
    to: CommitmentState,
) -> Option<Irreversible> {
    (to == CommitmentState::Approved && from != CommitmentState::Approved)
        .then_some(Irreversible::ApproveCommitment)
}

/// The step to confirm first, if `step` is irreversible and the form did not confirm it.
pub fn must_confirm(
    step: Option<Irreversible>,
    confirmation: Confirmation,
) -> Option<Irreversible> {
    step.filter(|_| confirmation == Confirmation::Missing)
}

/// A form problem: the field and the message key.
pub type FieldProblem = (&'static str, &'static str);

/// Checks a phase change the forum asked for: one step forward; opening co-creation needs
/// the window typed in the form (returned); entering implementation needs a plan without
/// `gaps` (the page lists them). Every other step needs nothing more.
pub fn check_phase_move(
    from: PlanPhase,
    to: PlanPhase,
    (opens, closes): (&str, &str),
    gaps: &[Gap],
) -> Result<Option<CoCreationWindow>, Vec<FieldProblem>> {
    check_phase_change(from, to).map_err(|refusal| vec![("phase", refusal.message_key())])?;
    match to {
        PlanPhase::CoCreation => CoCreationWindow::parse(opens, closes).map(Some),
        PlanPhase::Implementation if !gaps.is_empty() => Err(vec![("phase", "phase-refused-gaps")]),
        _ => Ok(None),
    }
}

/// The co-creation window: participants propose and comment from `opens` until `closes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CoCreationWindow {
    pub opens: NaiveDate,
    /// The last day of the window (inclusive).
    pub closes: NaiveDate,
}

impl CoCreationWindow {
    /// Parses the dates of the form; the problems are (field, message key).
    pub fn parse(opens: &str, closes: &str) -> Result<Self, Vec<(&'static str, &'static str)>> {
        let parse = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        let mut problems = Vec::new();
        let o = parse(opens);
        let c = parse(closes);
        if o.is_none() {
            problems.push(("opens", "window-date-invalid"));
        }
        if c.is_none() {
            problems.push(("closes", "window-date-invalid"));
        }
        match (o, c) {
            (Some(opens), Some(closes)) if closes >= opens => Ok(Self { opens, closes }),
            (Some(_), Some(_)) => Err(vec![("closes", "window-closes-before-opens")]),
            _ => Err(problems),
        }
    }

    /// The first instant of the window (midnight UTC of the first day).
    pub fn opens_at(&self) -> DateTime<Utc> {
        self.opens.and_time(chrono::NaiveTime::MIN).and_utc()
    }

    /// The first instant after the window (midnight UTC after the last day).
    pub fn closes_at(&self) -> DateTime<Utc> {
        self.closes
            .succ_opt()
            .unwrap_or(self.closes)
            .and_time(chrono::NaiveTime::MIN)
            .and_utc()
    }
}

/// Whether participants may propose and comment now: the plan is in co-creation and the
/// moment falls inside the window (a window not yet set is closed).
pub fn window_is_open(
    phase: PlanPhase,
    opens: Option<DateTime<Utc>>,
    closes: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    phase == PlanPhase::CoCreation
        && matches!((opens, closes), (Some(o), Some(c)) if o <= now && now < c)
}

/// Where the consultation stands, in the days a visitor reads (the last day is included).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Consultation {
    /// Open now, until its last day.
    Open { last_day: NaiveDate },
    /// Dates are set and the window has not begun.
    Upcoming {
        opens: NaiveDate,
        last_day: NaiveDate,
    },
    /// It was open between these days.
    Over {
        opens: NaiveDate,
        last_day: NaiveDate,
    },
    /// No dates yet.
    NotSet,
}

/// The consultation of a plan at `now`. The stored close is the first instant after the
/// window (see [`CoCreationWindow::closes_at`]), so its last day is the day before.
pub fn consultation(
    phase: PlanPhase,
    opens: Option<DateTime<Utc>>,
    closes: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Consultation {
    let (Some(o), Some(c)) = (opens, closes) else {
        return Consultation::NotSet;
    };
    let first = o.date_naive();
    let last_day = (c - chrono::Duration::seconds(1)).date_naive().max(first);
    let before_end = matches!(phase, PlanPhase::Draft | PlanPhase::CoCreation) && now < c;
    if window_is_open(phase, opens, closes, now) {
        Consultation::Open { last_day }
    } else if before_end {
        Consultation::Upcoming {
            opens: first,
            last_day,
        }
    } else {
        Consultation::Over {
            opens: first,
            last_day,
        }
    }
}

/// What the readiness check needs of a milestone.
#[derive(Clone, Debug)]
pub struct MilestoneReadiness {
    pub position: i32,
    pub has_responsible: bool,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
}

/// What the readiness check needs of a commitment.
#[derive(Clone, Debug)]
pub struct CommitmentReadiness {
    pub code: String,
    pub state: CommitmentState,
    pub milestones: Vec<MilestoneReadiness>,
}

/// One thing missing before implementation: the commitment, the message key, and the
/// milestone position when it is about a milestone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    pub code: String,
    pub milestone: Option<i32>,
    pub problem: &'static str,
}

/// What a commitment's milestones lack: each needs a responsible institution and baseline
/// dates inside the plan's period; a commitment needs at least one milestone.
pub fn milestone_gaps(c: &CommitmentReadiness, period: (NaiveDate, NaiveDate)) -> Vec<Gap> {
    let gap = |milestone, problem| Gap {
        code: c.code.clone(),
        milestone,
        problem,
    };
    if c.milestones.is_empty() {
        return vec![gap(None, "gap-no-milestones")];
    }
    let inside = |d: NaiveDate| period.0 <= d && d <= period.1;
    let mut gaps = Vec::new();
    for m in &c.milestones {
        if !m.has_responsible {
            gaps.push(gap(Some(m.position), "gap-no-responsible"));
        }
        match (m.start, m.due) {
            (Some(s), Some(d)) if inside(s) && inside(d) => {}
            (Some(_), Some(_)) => gaps.push(gap(Some(m.position), "gap-dates-outside-period")),
            _ => gaps.push(gap(Some(m.position), "gap-no-dates")),
        }
    }
    gaps
}

/// Everything that keeps a plan from entering implementation: every commitment approved or
/// withdrawn, and every milestone of those kept complete (see [`milestone_gaps`]).
pub fn implementation_gaps(
    commitments: &[CommitmentReadiness],
    period: (NaiveDate, NaiveDate),
) -> Vec<Gap> {
    let mut gaps = Vec::new();
    if commitments.is_empty() {
        gaps.push(Gap {
            code: String::new(),
            milestone: None,
            problem: "gap-no-commitments",
        });
    }
    for c in commitments {
        if c.state == CommitmentState::Withdrawn {
            continue;
        }
        if c.state != CommitmentState::Approved {
            gaps.push(Gap {
                code: c.code.clone(),
                milestone: None,
                problem: "gap-not-approved",
            });
        }
        gaps.extend(milestone_gaps(c, period));
    }
    gaps
}

/// A new plan as the forum enters it; problems are (field, message key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanInput {
    pub title: String,
    pub slug: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
}

impl PlanInput {
    /// A new plan and the government it belongs to (chosen from a drop-down); every problem
    /// at once, the government's first.
    pub fn parse_with_government(
        government: &str,
        title: &str,
        slug: &str,
        (start, end): (&str, &str),
    ) -> Result<(uuid::Uuid, Self), Vec<FieldProblem>> {
        let government = government.parse().ok();
        match (government, Self::parse(title, slug, start, end)) {
            (Some(government), Ok(plan)) => Ok((government, plan)),
            (government, parsed) => {
                let mut problems = parsed.err().unwrap_or_default();
                if government.is_none() {
                    problems.insert(0, ("government", "draft-choice-invalid"));
                }
                Err(problems)
            }
        }
    }

    pub fn parse(
        title: &str,
        slug: &str,
        start: &str,
        end: &str,
    ) -> Result<Self, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let title = title.trim();
        if title.is_empty() || title.chars().count() > 300 {
            problems.push(("title", "plan-title-invalid"));
        }
        let slug = slug.trim();
        let slug_ok = (1..=100).contains(&slug.len())
            && slug.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        if !slug_ok {
            problems.push(("slug", "plan-slug-invalid"));
        }
        let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        let (period_start, period_end) = (date(start), date(end));
        if period_start.is_none() {
            problems.push(("period_start", "window-date-invalid"));
        }
        if period_end.is_none() {
            problems.push(("period_end", "window-date-invalid"));
        }
        match (period_start, period_end) {
            (Some(s), Some(e)) if problems.is_empty() && e >= s => Ok(Self {
                title: title.to_owned(),
                slug: slug.to_owned(),
                period_start: s,
                period_end: e,
            }),
            (Some(s), Some(e)) if e < s => {
                problems.push(("period_end", "plan-period-order"));
                Err(problems)
            }
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PlanPhase::*;

    #[test]
    fn only_closing_a_plan_needs_confirmation() {
        assert_eq!(
            needs_confirmation(Implementation, Closed),
            Some(Irreversible::ClosePlan)
        );
        for (from, to) in [
            (Draft, CoCreation),
            (CoCreation, Implementation),
            (Closed, Closed),
        ] {
            assert_eq!(needs_confirmation(from, to), None, "{from:?} -> {to:?}");
        }
    }

    #[test]
    fn only_approving_a_commitment_needs_confirmation() {
        use CommitmentState as S;
        assert_eq!(
            state_needs_confirmation(S::Draft, S::Approved),
            Some(Irreversible::ApproveCommitment)
        );
        assert_eq!(
            state_needs_confirmation(S::Consultation, S::Approved),
            Some(Irreversible::ApproveCommitment)
        );
        for (from, to) in [
            (S::Draft, S::Consultation),
            (S::Consultation, S::Draft),
            (S::Approved, S::Withdrawn),
            (S::Draft, S::Withdrawn),
        ] {
            assert_eq!(
                state_needs_confirmation(from, to),
                None,
                "{from:?} -> {to:?}"
            );
        }
    }

    #[test]
    fn an_irreversible_step_goes_ahead_only_with_confirm_yes() {
        let step = Some(Irreversible::FreezeReport);
        assert_eq!(
            must_confirm(step, Confirmation::parse("")),
            Some(Irreversible::FreezeReport)
        );
        assert_eq!(
            must_confirm(step, Confirmation::parse("no")),
            Some(Irreversible::FreezeReport)
        );
        assert_eq!(must_confirm(step, Confirmation::parse("yes")), None);
        assert_eq!(must_confirm(None, Confirmation::parse("")), None);
    }

    #[test]
    fn the_consultation_reads_in_days_with_its_last_day_included() {
        let w = CoCreationWindow::parse("2026-02-01", "2026-02-15").expect("window");
        let (o, c) = (Some(w.opens_at()), Some(w.closes_at()));
        let at = |s: &str| {
            format!("{s}T12:00:00Z")
                .parse::<DateTime<Utc>>()
                .expect("moment")
        };
        let (first, last) = (date("2026-02-01"), date("2026-02-15"));
        assert_eq!(
            consultation(CoCreation, o, c, at("2026-02-15")),
            Consultation::Open { last_day: last }
        );
        assert_eq!(
            consultation(CoCreation, o, c, at("2026-01-20")),
            Consultation::Upcoming {
                opens: first,
                last_day: last
            }
        );
        assert_eq!(
            consultation(Draft, o, c, at("2026-02-03")),
            Consultation::Upcoming {
                opens: first,
                last_day: last
            },
            "set by the forum, but co-creation has not started"
        );
        assert_eq!(
            consultation(CoCreation, o, c, at("2026-02-16")),
            Consultation::Over {
                opens: first,
                last_day: last
            }
        );
        assert_eq!(
            consultation(Implementation, o, c, at("2026-02-10")),
            Consultation::Over {
                opens: first,
                last_day: last
            }
        );
        assert_eq!(
            consultation(CoCreation, None, None, at("2026-02-10")),
            Consultation::NotSet
        );
    }

    #[test]
    fn only_a_draft_plan_is_kept_from_the_public() {
        assert!(!Draft.is_public());
        for phase in [CoCreation, Implementation, Closed] {
            assert!(phase.is_public(), "{phase:?}");
        }
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn phases_move_one_step_forward() {
        assert_eq!(check_phase_change(Draft, CoCreation), Ok(()));
        assert_eq!(check_phase_change(CoCreation, Implementation), Ok(()));
        assert_eq!(check_phase_change(Implementation, Closed), Ok(()));
    }

    #[test]
    fn phases_never_go_back_skip_or_stay() {
        assert_eq!(
            check_phase_change(Implementation, CoCreation),
            Err(PhaseRefusal::Backwards)
        );
        assert_eq!(
            check_phase_change(Draft, Implementation),
            Err(PhaseRefusal::Skips)
        );
        assert_eq!(
            check_phase_change(CoCreation, CoCreation),
            Err(PhaseRefusal::Same)
        );
    }

    #[test]
    fn a_new_plan_needs_a_title_a_clean_slug_and_a_period_in_order() {
        let ok = PlanInput::parse("Plan 2026", "ecuador-2026-2028", "2026-01-01", "2028-12-31");
        assert_eq!(ok.map(|p| p.slug), Ok("ecuador-2026-2028".to_owned()));
        assert_eq!(
            PlanInput::parse("", "Ecuador 2026", "2026-01-01", "2025-01-01"),
            Err(vec![
                ("title", "plan-title-invalid"),
                ("slug", "plan-slug-invalid"),
                ("period_end", "plan-period-order")
            ])
        );
    }

    #[test]
    fn a_new_plan_needs_a_government_from_the_list() {
        let ok = PlanInput::parse_with_government(
            &uuid::Uuid::nil().to_string(),
            "Plan 2026",
            "ecuador-2026-2028",
            ("2026-01-01", "2028-12-31"),
        );
        assert_eq!(ok.map(|(g, _)| g), Ok(uuid::Uuid::nil()));
        assert_eq!(
            PlanInput::parse_with_government("", "", "plan", ("2026-01-01", "2028-12-31")),
            Err(vec![
                ("government", "draft-choice-invalid"),
                ("title", "plan-title-invalid")
            ])
        );
        assert_eq!(
            PlanInput::parse_with_government("x", "Plan", "plan", ("2026-01-01", "2028-12-31")),
            Err(vec![("government", "draft-choice-invalid")])
        );
    }

    #[test]
    fn a_phase_move_checks_the_step_then_what_the_new_phase_needs() {
        let window = ("2026-01-01", "2026-02-15");
        let gap = Gap {
            code: "1".into(),
            milestone: None,
            problem: "gap-not-approved",
        };
        assert_eq!(
            check_phase_move(Draft, Implementation, window, &[]),
            Err(vec![("phase", "phase-refused-skip")])
        );
        assert_eq!(
            check_phase_move(Draft, CoCreation, window, &[]),
            Ok(CoCreationWindow::parse(window.0, window.1).ok())
        );
        assert_eq!(
            check_phase_move(Draft, CoCreation, ("", window.1), &[]),
            Err(vec![("opens", "window-date-invalid")])
        );
        assert_eq!(
            check_phase_move(
                CoCreation,
                Implementation,
                ("", ""),
                std::slice::from_ref(&gap)
            ),
            Err(vec![("phase", "phase-refused-gaps")])
        );
        assert_eq!(
            check_phase_move(CoCreation, Implementation, ("", ""), &[]),
            Ok(None)
        );
        assert_eq!(
            check_phase_move(Implementation, Closed, ("", ""), &[gap]),
            Ok(None),
            "only the move into implementation asks for a complete plan"
        );
    }

    #[test]
    fn window_needs_two_dates_in_order() {
        let w = CoCreationWindow::parse("2026-01-01", "2026-02-15").expect("window");
        assert_eq!(w.closes_at().date_naive(), date("2026-02-16"));
        assert_eq!(
            CoCreationWindow::parse("2026-03-01", "2026-02-01"),
            Err(vec![("closes", "window-closes-before-opens")])
        );
        assert_eq!(
            CoCreationWindow::parse("", "1 de marzo"),
            Err(vec![
                ("opens", "window-date-invalid"),
                ("closes", "window-date-invalid")
            ])
        );
    }

    #[test]
    fn window_is_open_only_in_cocreation_between_its_dates() {
        let w = CoCreationWindow::parse("2026-01-01", "2026-01-31").expect("window");
        let (o, c) = (Some(w.opens_at()), Some(w.closes_at()));
        let at = |s: &str| date(s).and_hms_opt(12, 0, 0).expect("time").and_utc();
        assert!(window_is_open(CoCreation, o, c, at("2026-01-31")));
        assert!(!window_is_open(CoCreation, o, c, at("2026-02-01")));
        assert!(!window_is_open(CoCreation, o, c, at("2025-12-31")));
        assert!(!window_is_open(Implementation, o, c, at("2026-01-15")));
        assert!(!window_is_open(CoCreation, None, c, at("2026-01-15")));
    }

    fn milestone(
        position: i32,
        responsible: bool,
        dates: Option<(&str, &str)>,
    ) -> MilestoneReadiness {
        MilestoneReadiness {
            position,
            has_responsible: responsible,
            start: dates.map(|d| date(d.0)),
            due: dates.map(|d| date(d.1)),
        }
    }

    fn commitment(
        code: &str,
        state: CommitmentState,
        milestones: Vec<MilestoneReadiness>,
    ) -> CommitmentReadiness {
        CommitmentReadiness {
            code: code.into(),
            state,
            milestones,
        }
    }

    const PERIOD: (&str, &str) = ("2026-01-01", "2027-12-31");

    fn gaps(commitments: &[CommitmentReadiness]) -> Vec<(String, Option<i32>, &'static str)> {
        implementation_gaps(commitments, (date(PERIOD.0), date(PERIOD.1)))
            .into_iter()
            .map(|g| (g.code, g.milestone, g.problem))
            .collect()
    }

    #[test]
    fn a_complete_plan_has_no_gaps() {
        let ok = commitment(
            "1",
            CommitmentState::Approved,
            vec![milestone(1, true, Some(("2026-02-01", "2026-06-30")))],
        );
        let dropped = commitment("2", CommitmentState::Withdrawn, vec![]);
        assert!(gaps(&[ok, dropped]).is_empty());
    }

    #[test]
    fn gaps_name_the_commitment_and_what_it_lacks() {
        let c = commitment(
            "3",
            CommitmentState::Consultation,
            vec![
                milestone(1, false, Some(("2026-02-01", "2026-06-30"))),
                milestone(2, true, Some(("2025-02-01", "2026-06-30"))),
                milestone(3, true, None),
            ],
        );
        assert_eq!(
            gaps(&[c]),
            vec![
                ("3".into(), None, "gap-not-approved"),
                ("3".into(), Some(1), "gap-no-responsible"),
                ("3".into(), Some(2), "gap-dates-outside-period"),
                ("3".into(), Some(3), "gap-no-dates"),
            ]
        );
    }

    #[test]
    fn a_plan_without_commitments_or_a_commitment_without_milestones_is_not_ready() {
        assert_eq!(gaps(&[]), vec![(String::new(), None, "gap-no-commitments")]);
        let empty = commitment("4", CommitmentState::Approved, vec![]);
        assert_eq!(
            gaps(&[empty]),
            vec![("4".into(), None, "gap-no-milestones")]
        );
    }
}
