//! The drafting rules, applied to a plan import row by row. The forms and the import ask the
//! same functions of `domain::drafting` and `domain::phases`, so a change the forms refuse is
//! refused in a file too, with the sheet, row and column of each refusal:
//!
//! - a commitment or milestone is created or changed only while the plan is a draft or in
//!   co-creation (`drafting_open`); a row equal to what is stored is no change, so a plan's
//!   own export always imports;
//! - a change of state is one the form allows in that phase (`check_commitment_write`: an
//!   approved commitment can only be withdrawn, a withdrawn one stays so, consultation needs
//!   co-creation);
//! - a commitment that the file approves (new, or in another state before) meets the form's
//!   approval conditions (`milestone_gaps`): at least one milestone, each with a responsible
//!   institution and baseline dates inside the plan's period, counting the milestones already
//!   stored and those of the file;
//! - the form's approval starts a milestone's current dates at its baseline, so a file that
//!   approves a commitment gives each of its milestones current dates equal to the baseline;
//! - approval froze the milestones of a commitment stored as approved (`milestones_frozen`):
//!   none is added and their dates do not move (that takes a re-plan request); a commitment
//!   withdrawn after approval keeps its milestones' baseline dates (`baseline_frozen`).
//!
//! Codes are checked when the file is parsed (`domain::drafting::check_code`).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::template::{
    COMMITMENT_COLUMNS, COMMITMENTS, CommitmentRow, MILESTONE_COLUMNS, MILESTONES, MilestoneRow,
    PlanTemplate, RowError, commitment_cells, milestone_cells,
};
use crate::domain::drafting::{
    baseline_frozen, check_commitment_write, drafting_open, milestones_frozen,
};
use crate::domain::phases::{CommitmentReadiness, Gap, MilestoneReadiness, milestone_gaps};
use crate::domain::{CommitmentState, PlanPhase};

/// The plan an import writes into, as it is now: its phase and period, its rows by their
/// natural keys (commitment code; commitment code and position), and the codes of the
/// commitments approval has stamped (approved, or withdrawn after approval).
pub struct StoredPlan<'a> {
    pub phase: PlanPhase,
    pub period: (NaiveDate, NaiveDate),
    pub commitments: HashMap<&'a str, &'a CommitmentRow>,
    pub milestones: HashMap<(&'a str, i32), &'a MilestoneRow>,
    pub approved_once: HashSet<&'a str>,
}

const DATE_COLUMNS: [&str; 4] = [
    "baseline_start",
    "baseline_due",
    "current_start",
    "current_due",
];
const BASELINE_COLUMNS: [&str; 2] = ["baseline_start", "baseline_due"];

/// Every refusal of the drafting rules in the file. Rows in `bad_rows` (sheet, row) already
/// have a parse error and are not judged again: their values are not what the file meant.
pub fn check(
    template: &PlanTemplate,
    plan: &StoredPlan,
    bad_rows: &HashSet<(String, usize)>,
) -> Vec<RowError> {
    let mut errors = Vec::new();
    let bad = |sheet: &str, row: usize| bad_rows.contains(&(sheet.to_owned(), row));
    for (row, c) in &template.commitments {
        if !bad(COMMITMENTS, *row) {
            check_commitment(template, plan, &bad, *row, c, &mut errors);
        }
    }
    for (row, m) in &template.milestones {
        if !bad(MILESTONES, *row) {
            check_milestone(plan, *row, m, &mut errors);
        }
    }
    errors
}

fn error(sheet: &str, row: usize, column: &str, key: &'static str, detail: String) -> RowError {
    RowError {
        sheet: sheet.to_owned(),
        row,
        column: column.to_owned(),
        key,
        detail,
    }
}

/// The columns whose cells differ, in the sheet's order.
fn changed_columns<'c>(columns: &[&'c str], before: &[String], after: &[String]) -> Vec<&'c str> {
    columns
        .iter()
        .zip(before.iter().zip(after))
        .filter(|(_, (b, a))| b != a)
        .map(|(column, _)| *column)
        .collect()
}

fn check_commitment(
    template: &PlanTemplate,
    plan: &StoredPlan,
    bad: &impl Fn(&str, usize) -> bool,
    row: usize,
    c: &CommitmentRow,
    errors: &mut Vec<RowError>,
) {
    let stored = plan.commitments.get(c.code.as_str()).copied();
    if stored == Some(c) {
        return;
    }
    let from = stored.map(|s| s.state);
    if let Err(key) = check_commitment_write(plan.phase, from, c.state) {
        let column = match stored {
            _ if from.unwrap_or(CommitmentState::Draft) != c.state => "state",
            None => "code",
            Some(s) => changed_columns(
                &COMMITMENT_COLUMNS,
                &commitment_cells(s),
                &commitment_cells(c),
            )
            .first()
            .copied()
            .unwrap_or("code"),
        };
        errors.push(error(COMMITMENTS, row, column, key, String::new()));
    }
    if c.state == CommitmentState::Approved && from != Some(CommitmentState::Approved) {
        check_approval(template, plan, bad, row, c, errors);
    }
}

/// The commitment's milestones once the file is written: the stored ones, replaced or joined
/// by those of the file (with their rows).
fn milestones_after<'a>(
    template: &'a PlanTemplate,
    plan: &StoredPlan<'a>,
    code: &str,
) -> Vec<(Option<usize>, &'a MilestoneRow)> {
    let mut by_position: HashMap<i32, (Option<usize>, &MilestoneRow)> = plan
        .milestones
        .iter()
        .filter(|((c, _), _)| *c == code)
        .map(|((_, position), m)| (*position, (None, *m)))
        .collect();
    for (row, m) in template
        .milestones
        .iter()
        .filter(|(_, m)| m.commitment_code == code)
    {
        by_position.insert(m.position, (Some(*row), m));
    }
    let mut milestones: Vec<_> = by_position.into_values().collect();
    milestones.sort_by_key(|(_, m)| m.position);
    milestones
}

/// What the form asks before approval, asked of a commitment the file approves. A gap of a
/// milestone in the file is shown on its row; one of a stored milestone on the commitment's.
fn check_approval(
    template: &PlanTemplate,
    plan: &StoredPlan,
    bad: &impl Fn(&str, usize) -> bool,
    row: usize,
    c: &CommitmentRow,
    errors: &mut Vec<RowError>,
) {
    let milestones = milestones_after(template, plan, &c.code);
    let unreadable = template
        .milestones
        .iter()
        .any(|(r, m)| m.commitment_code == c.code && bad(MILESTONES, *r));
    if unreadable {
        return;
    }
    let readiness = CommitmentReadiness {
        code: c.code.clone(),
        state: c.state,
        milestones: milestones
            .iter()
            .map(|(_, m)| MilestoneReadiness {
                position: m.position,
                has_responsible: m.responsible.is_some(),
                start: m.baseline_start,
                due: m.baseline_due,
            })
            .collect(),
    };
    for gap in milestone_gaps(&readiness, plan.period) {
        let key = approval_key(&gap);
        let Some(position) = gap.milestone else {
            errors.push(error(COMMITMENTS, row, "state", key, String::new()));
            continue;
        };
        let found = milestones.iter().find(|(_, m)| m.position == position);
        let detail = position.to_string();
        match found {
            Some((Some(milestone_row), m)) => {
                let column = gap_column(&gap, m, plan.period);
                errors.push(error(MILESTONES, *milestone_row, column, key, detail));
            }
            _ => errors.push(error(COMMITMENTS, row, "state", key, detail)),
        }
    }
    for (milestone_row, m) in &milestones {
        let moved = [
            ("current_start", m.baseline_start, m.current_start),
            ("current_due", m.baseline_due, m.current_due),
        ];
        for (column, baseline, current) in moved {
            if baseline == current {
                continue;
            }
            let key = "import-error-approval-current-dates";
            let detail = m.position.to_string();
            match milestone_row {
                Some(r) => errors.push(error(MILESTONES, *r, column, key, detail)),
                None => errors.push(error(COMMITMENTS, row, "state", key, detail)),
            }
        }
    }
}

/// The import's message for an approval gap (the gap keys are phrased for a list under a
/// commitment's name).
fn approval_key(gap: &Gap) -> &'static str {
    match gap.problem {
        "gap-no-milestones" => "import-error-approval-no-milestones",
        "gap-no-responsible" => "import-error-approval-no-responsible",
        "gap-no-dates" => "import-error-approval-no-dates",
        "gap-dates-outside-period" => "import-error-approval-dates-outside-period",
        other => other,
    }
}

/// The cell a milestone's gap is about.
fn gap_column(gap: &Gap, m: &MilestoneRow, period: (NaiveDate, NaiveDate)) -> &'static str {
    let inside = |d: NaiveDate| period.0 <= d && d <= period.1;
    match gap.problem {
        "gap-no-responsible" => "responsible",
        _ if !m.baseline_start.is_some_and(inside) => "baseline_start",
        _ => "baseline_due",
    }
}

fn check_milestone(plan: &StoredPlan, row: usize, m: &MilestoneRow, errors: &mut Vec<RowError>) {
    let code = m.commitment_code.as_str();
    let stored = plan.milestones.get(&(code, m.position)).copied();
    if stored == Some(m) {
        return;
    }
    let state = plan.commitments.get(code).map(|c| c.state);
    let frozen = state.is_some_and(milestones_frozen);
    let approved_once = plan.approved_once.contains(code);
    let baseline_kept = state.is_some_and(|s| baseline_frozen(s, approved_once));
    let Some(stored) = stored else {
        let refusal = if !drafting_open(plan.phase) {
            Some("drafting-closed")
        } else if frozen {
            Some("draft-milestones-frozen")
        } else {
            None
        };
        if let Some(key) = refusal {
            errors.push(error(MILESTONES, row, "position", key, String::new()));
        }
        return;
    };
    let changed = changed_columns(
        &MILESTONE_COLUMNS,
        &milestone_cells(stored),
        &milestone_cells(m),
    );
    let mut unfrozen = Vec::new();
    for column in changed {
        let refusal = if frozen && DATE_COLUMNS.contains(&column) {
            Some("import-error-dates-frozen")
        } else if baseline_kept && BASELINE_COLUMNS.contains(&column) {
            Some("import-error-baseline-frozen")
        } else {
            None
        };
        match refusal {
            Some(key) => errors.push(error(MILESTONES, row, column, key, String::new())),
            None => unfrozen.push(column),
        }
    }
    if let Some(column) = unfrozen.first()
        && !drafting_open(plan.phase)
    {
        errors.push(error(
            MILESTONES,
            row,
            column,
            "drafting-closed",
            String::new(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<NaiveDate> {
        Some(s.parse().expect("date"))
    }

    fn commitment(code: &str, state: CommitmentState) -> CommitmentRow {
        CommitmentRow {
            code: code.into(),
            ogp_id: None,
            title: format!("Compromiso {code}"),
            title_en: None,
            state,
            start_date: None,
            end_date: None,
            ogp_values: vec![],
            policy_areas: vec![],
            sdgs: vec![],
            lead: vec![],
            co_lead: vec![],
            supporting: vec![],
            texts: vec![String::new(); 10],
        }
    }

    fn milestone(code: &str, position: i32) -> MilestoneRow {
        MilestoneRow {
            commitment_code: code.into(),
            position,
            title: format!("Hito {position}"),
            expected_output: String::new(),
            responsible: Some("ministerio".into()),
            weight: 1,
            baseline_start: date("2026-02-01"),
            baseline_due: date("2026-06-30"),
            current_start: date("2026-02-01"),
            current_due: date("2026-06-30"),
        }
    }

    struct Case {
        phase: PlanPhase,
        stored_commitments: Vec<CommitmentRow>,
        stored_milestones: Vec<MilestoneRow>,
        approved_once: Vec<String>,
        file: PlanTemplate,
    }

    impl Case {
        fn new(phase: PlanPhase) -> Self {
            Self {
                phase,
                stored_commitments: vec![],
                stored_milestones: vec![],
                approved_once: vec![],
                file: PlanTemplate::default(),
            }
        }

        /// A stored commitment with its milestones; an approved one was stamped by approval.
        fn stored(mut self, c: CommitmentRow, milestones: Vec<MilestoneRow>) -> Self {
            if c.state == Approved {
                self.approved_once.push(c.code.clone());
            }
            self.stored_commitments.push(c);
            self.stored_milestones.extend(milestones);
            self
        }

        /// A stored commitment that approval stamped before it was withdrawn.
        fn withdrawn_after_approval(mut self, code: &str, milestones: Vec<MilestoneRow>) -> Self {
            self.approved_once.push(code.to_owned());
            self.stored_commitments.push(commitment(code, Withdrawn));
            self.stored_milestones.extend(milestones);
            self
        }

        fn file(mut self, c: Vec<CommitmentRow>, milestones: Vec<MilestoneRow>) -> Self {
            let rows = |n: usize| (2..).take(n);
            self.file.commitments = rows(c.len()).zip(c).collect();
            self.file.milestones = rows(milestones.len()).zip(milestones).collect();
            self
        }

        fn errors(&self) -> Vec<Found> {
            let plan = StoredPlan {
                phase: self.phase,
                period: (date("2026-01-01").unwrap(), date("2027-12-31").unwrap()),
                commitments: self
                    .stored_commitments
                    .iter()
                    .map(|c| (c.code.as_str(), c))
                    .collect(),
                milestones: self
                    .stored_milestones
                    .iter()
                    .map(|m| ((m.commitment_code.as_str(), m.position), m))
                    .collect(),
                approved_once: self.approved_once.iter().map(String::as_str).collect(),
            };
            check(&self.file, &plan, &HashSet::new())
                .into_iter()
                .map(|e| (e.sheet, e.row, e.column, e.key, e.detail))
                .collect()
        }
    }

    /// An error as (sheet, row, column, key, detail).
    type Found = (String, usize, String, &'static str, String);

    fn at(sheet: &str, row: usize, column: &str, key: &'static str, detail: &str) -> Found {
        (sheet.into(), row, column.into(), key, detail.into())
    }

    use CommitmentState::{Approved, Consultation, Draft, Withdrawn};
    use PlanPhase::{Closed, CoCreation, Implementation};

    #[test]
    fn a_plans_own_rows_import_in_any_phase() {
        for phase in PlanPhase::ALL.iter().copied() {
            let case = Case::new(phase)
                .stored(commitment("1", Approved), vec![milestone("1", 1)])
                .file(vec![commitment("1", Approved)], vec![milestone("1", 1)]);
            assert_eq!(case.errors(), vec![], "{phase:?}");
        }
    }

    #[test]
    fn an_approved_commitment_of_a_closed_plan_does_not_go_back_to_draft() {
        let case = Case::new(Closed)
            .stored(commitment("1", Approved), vec![milestone("1", 1)])
            .file(vec![commitment("1", Draft)], vec![]);
        assert_eq!(
            case.errors(),
            vec![at(COMMITMENTS, 2, "state", "drafting-closed", "")]
        );
    }

    #[test]
    fn in_cocreation_an_approved_commitment_is_only_withdrawn() {
        let stored =
            || Case::new(CoCreation).stored(commitment("1", Approved), vec![milestone("1", 1)]);
        assert_eq!(
            stored().file(vec![commitment("1", Draft)], vec![]).errors(),
            vec![at(
                COMMITMENTS,
                2,
                "state",
                "commitment-state-approved-final",
                ""
            )]
        );
        assert_eq!(
            stored()
                .file(vec![commitment("1", Withdrawn)], vec![])
                .errors(),
            vec![]
        );
    }

    #[test]
    fn past_cocreation_a_changed_cell_is_named() {
        let mut renamed = commitment("1", Approved);
        renamed.title = "Otro título".into();
        let case = Case::new(Implementation)
            .stored(commitment("1", Approved), vec![milestone("1", 1)])
            .file(vec![renamed, commitment("2", Draft)], vec![]);
        assert_eq!(
            case.errors(),
            vec![
                at(COMMITMENTS, 2, "title", "drafting-closed", ""),
                at(COMMITMENTS, 3, "code", "drafting-closed", ""),
            ]
        );
    }

    #[test]
    fn a_new_approved_commitment_needs_complete_milestones() {
        let case = Case::new(CoCreation).file(vec![commitment("1", Approved)], vec![]);
        assert_eq!(
            case.errors(),
            vec![at(
                COMMITMENTS,
                2,
                "state",
                "import-error-approval-no-milestones",
                ""
            )]
        );
        let mut incomplete = milestone("1", 2);
        incomplete.responsible = None;
        incomplete.baseline_due = date("2030-01-01");
        incomplete.current_due = incomplete.baseline_due;
        let case = Case::new(CoCreation).file(
            vec![commitment("1", Approved)],
            vec![milestone("1", 1), incomplete],
        );
        assert_eq!(
            case.errors(),
            vec![
                at(
                    MILESTONES,
                    3,
                    "responsible",
                    "import-error-approval-no-responsible",
                    "2"
                ),
                at(
                    MILESTONES,
                    3,
                    "baseline_due",
                    "import-error-approval-dates-outside-period",
                    "2"
                ),
            ]
        );
    }

    #[test]
    fn under_implementation_a_new_approved_commitment_is_refused_and_its_gaps_listed() {
        let case = Case::new(Implementation).file(vec![commitment("9", Approved)], vec![]);
        assert_eq!(
            case.errors(),
            vec![
                at(COMMITMENTS, 2, "state", "drafting-closed", ""),
                at(
                    COMMITMENTS,
                    2,
                    "state",
                    "import-error-approval-no-milestones",
                    ""
                ),
            ]
        );
    }

    #[test]
    fn approval_counts_the_stored_milestones_with_those_of_the_file() {
        let mut undated = milestone("1", 1);
        undated.baseline_start = None;
        undated.current_start = None;
        let case = Case::new(CoCreation)
            .stored(commitment("1", Consultation), vec![undated])
            .file(vec![commitment("1", Approved)], vec![milestone("1", 2)]);
        assert_eq!(
            case.errors(),
            vec![at(
                COMMITMENTS,
                2,
                "state",
                "import-error-approval-no-dates",
                "1"
            )]
        );
    }

    #[test]
    fn approval_froze_the_milestone_list_and_its_dates() {
        let mut moved = milestone("1", 1);
        moved.current_due = date("2026-09-30");
        moved.title = "Hito corregido".into();
        let case = Case::new(CoCreation)
            .stored(commitment("1", Approved), vec![milestone("1", 1)])
            .file(vec![], vec![moved.clone(), milestone("1", 2)]);
        assert_eq!(
            case.errors(),
            vec![
                at(
                    MILESTONES,
                    2,
                    "current_due",
                    "import-error-dates-frozen",
                    ""
                ),
                at(MILESTONES, 3, "position", "draft-milestones-frozen", ""),
            ]
        );
        let case = Case::new(Implementation)
            .stored(commitment("1", Approved), vec![milestone("1", 1)])
            .file(vec![], vec![moved]);
        assert_eq!(
            case.errors(),
            vec![
                at(
                    MILESTONES,
                    2,
                    "current_due",
                    "import-error-dates-frozen",
                    ""
                ),
                at(MILESTONES, 2, "title", "drafting-closed", ""),
            ]
        );
    }

    #[test]
    fn drafts_take_new_milestones_and_new_dates_while_drafting_is_open() {
        let mut moved = milestone("1", 1);
        moved.baseline_due = date("2026-09-30");
        let case = Case::new(PlanPhase::Draft)
            .stored(commitment("1", Draft), vec![milestone("1", 1)])
            .file(vec![], vec![moved, milestone("1", 2)]);
        assert_eq!(case.errors(), vec![]);
    }

    #[test]
    fn rows_that_did_not_parse_are_not_judged_again() {
        let case = Case::new(Closed).file(vec![commitment("1", Approved)], vec![]);
        let plan = StoredPlan {
            phase: case.phase,
            period: (date("2026-01-01").unwrap(), date("2027-12-31").unwrap()),
            commitments: HashMap::new(),
            milestones: HashMap::new(),
            approved_once: HashSet::new(),
        };
        let bad = HashSet::from([(COMMITMENTS.to_owned(), 2)]);
        assert_eq!(check(&case.file, &plan, &bad), vec![]);
    }

    #[test]
    fn a_commitment_withdrawn_after_approval_keeps_its_baseline_dates() {
        let mut moved = milestone("1", 1);
        moved.baseline_start = date("2026-03-01");
        moved.current_start = date("2026-03-01");
        moved.title = "Hito corregido".into();
        let case = Case::new(CoCreation)
            .withdrawn_after_approval("1", vec![milestone("1", 1)])
            .file(vec![], vec![moved.clone(), milestone("1", 2)]);
        assert_eq!(
            case.errors(),
            vec![at(
                MILESTONES,
                2,
                "baseline_start",
                "import-error-baseline-frozen",
                ""
            )],
            "the current dates, the title and a new milestone are a withdrawn draft's to change"
        );
        let case = Case::new(CoCreation)
            .stored(commitment("1", Withdrawn), vec![milestone("1", 1)])
            .file(vec![], vec![moved]);
        assert_eq!(case.errors(), vec![], "never approved: nothing is frozen");
    }

    #[test]
    fn an_approval_starts_the_current_dates_at_the_baseline() {
        let mut replanned = milestone("1", 2);
        replanned.current_due = date("2026-09-30");
        let mut stored = milestone("1", 1);
        stored.current_start = date("2026-03-01");
        let case = Case::new(CoCreation)
            .stored(commitment("1", Draft), vec![stored])
            .file(vec![commitment("1", Approved)], vec![replanned]);
        assert_eq!(
            case.errors(),
            vec![
                at(
                    COMMITMENTS,
                    2,
                    "state",
                    "import-error-approval-current-dates",
                    "1"
                ),
                at(
                    MILESTONES,
                    2,
                    "current_due",
                    "import-error-approval-current-dates",
                    "2"
                ),
            ]
        );
        let mut draft = milestone("1", 1);
        draft.current_due = date("2026-09-30");
        let case = Case::new(CoCreation).file(vec![commitment("1", Draft)], vec![draft]);
        assert_eq!(case.errors(), vec![], "a draft's current dates are free");
    }
}
