//! The three voices on a milestone (docs/monitoring.md "Three voices"): where the responsible
//! institution and the civil-society counterpart disagree.
//!
//! The institution reports a status and a percentage; the counterpart judges the milestone on
//! the IRM's completion scale. They disagree on the **state** when the counterpart's level
//! cannot describe the institution's status: "completed" is only `complete`; "not started"
//! only `not_started` (or `no_evidence`); "cancelled" only `withdrawn`; work in progress
//! (in progress or delayed) is `limited` or `substantial`. No percentage threshold is
//! invented between limited and substantial. They disagree on **fulfilment** when their
//! answers about each other differ, or when either says the other did not fulfil its part.

use super::vocab::{Completion, Fulfilment, MilestoneStatus};

/// Whether the counterpart's level contradicts the institution's status.
pub fn state_disagrees(institution: MilestoneStatus, counterpart: Completion) -> bool {
    use Completion as C;
    let agrees = match institution {
        MilestoneStatus::Completed => counterpart == C::Complete,
        MilestoneStatus::NotStarted => matches!(counterpart, C::NotStarted | C::NoEvidence),
        MilestoneStatus::Cancelled => counterpart == C::Withdrawn,
        MilestoneStatus::InProgress | MilestoneStatus::Delayed => {
            matches!(counterpart, C::Limited | C::Substantial)
        }
    };
    !agrees
}

/// Whether the two parties' answers on each other's responsibilities disagree. The
/// institution's answer is optional (older reports have none): without it, only the
/// counterpart's own "no" marks a disagreement.
pub fn fulfilment_disagrees(
    institution_says: Option<Fulfilment>,
    counterpart_says: Fulfilment,
) -> bool {
    match institution_says {
        Some(i) => i != counterpart_says || i == Fulfilment::No,
        None => counterpart_says == Fulfilment::No,
    }
}

/// What disagrees between the latest reports of both parties on a milestone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Disagreement {
    pub state: bool,
    pub fulfilment: bool,
}

impl Disagreement {
    /// Compares the institution's latest report (status and its answer about the
    /// counterpart) with the counterpart's latest (level and its answer about the
    /// institution). Nothing disagrees while either has not reported.
    pub fn between(
        institution: Option<(MilestoneStatus, Option<Fulfilment>)>,
        counterpart: Option<(Completion, Fulfilment)>,
    ) -> Self {
        match (institution, counterpart) {
            (Some((status, about_counterpart)), Some((level, about_institution))) => Self {
                state: state_disagrees(status, level),
                fulfilment: fulfilment_disagrees(about_counterpart, about_institution),
            },
            _ => Self::default(),
        }
    }

    pub fn any(self) -> bool {
        self.state || self.fulfilment
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Completion as C;
    use MilestoneStatus as S;

    #[test]
    fn completed_disagrees_with_anything_but_complete() {
        assert!(!state_disagrees(S::Completed, C::Complete));
        for level in [
            C::Limited,
            C::Substantial,
            C::NotStarted,
            C::NoEvidence,
            C::Withdrawn,
        ] {
            assert!(state_disagrees(S::Completed, level), "{level:?}");
        }
    }

    #[test]
    fn work_in_progress_agrees_with_limited_or_substantial_only() {
        for status in [S::InProgress, S::Delayed] {
            assert!(!state_disagrees(status, C::Limited));
            assert!(!state_disagrees(status, C::Substantial));
            assert!(state_disagrees(status, C::Complete));
            assert!(state_disagrees(status, C::NotStarted));
        }
    }

    #[test]
    fn not_started_and_cancelled_need_the_same_word() {
        assert!(!state_disagrees(S::NotStarted, C::NotStarted));
        assert!(!state_disagrees(S::NotStarted, C::NoEvidence));
        assert!(state_disagrees(S::NotStarted, C::Limited));
        assert!(!state_disagrees(S::Cancelled, C::Withdrawn));
        assert!(state_disagrees(S::Cancelled, C::Complete));
    }

    #[test]
    fn fulfilment_disagrees_when_answers_differ_or_either_says_no() {
        use Fulfilment as F;
        assert!(!fulfilment_disagrees(Some(F::Yes), F::Yes));
        assert!(!fulfilment_disagrees(Some(F::Partly), F::Partly));
        assert!(fulfilment_disagrees(Some(F::Yes), F::Partly));
        assert!(fulfilment_disagrees(Some(F::No), F::No));
        assert!(fulfilment_disagrees(Some(F::Yes), F::No));
        assert!(!fulfilment_disagrees(None, F::Partly));
        assert!(fulfilment_disagrees(None, F::No));
    }

    #[test]
    fn nothing_disagrees_until_both_have_reported() {
        let institution = Some((S::Completed, Some(Fulfilment::Yes)));
        let counterpart = Some((C::Limited, Fulfilment::Yes));
        assert_eq!(
            Disagreement::between(institution, None),
            Disagreement::default()
        );
        assert_eq!(
            Disagreement::between(None, counterpart),
            Disagreement::default()
        );
        let both = Disagreement::between(institution, counterpart);
        assert!(both.state && !both.fulfilment && both.any());
    }
}
