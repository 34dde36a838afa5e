//! The plan template: a plan's commitments and milestones as two tables (sheets `commitments`
//! and `milestones`), the format `abierto export plan` writes and `abierto import plan` reads.
//! Parsing turns raw cells into typed rows, or into one error per bad cell (sheet, row,
//! column, message key), so a dry run can list every problem of a file at once.

use std::collections::HashSet;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::domain::drafting::check_code;
use crate::domain::{CommitmentState, OgpValue};

pub const COMMITMENTS: &str = "commitments";
pub const MILESTONES: &str = "milestones";

/// The columns of the `commitments` sheet, in order.
pub const COMMITMENT_COLUMNS: [&str; 23] = [
    "code",
    "ogp_id",
    "title",
    "title_en",
    "state",
    "start_date",
    "end_date",
    "ogp_values",
    "policy_areas",
    "sdgs",
    "lead",
    "co_lead",
    "supporting",
    "problem",
    "causes",
    "status_quo",
    "objective",
    "description",
    "advances_transparency",
    "advances_accountability",
    "advances_participation",
    "contact",
    "source",
];

/// The columns of the `milestones` sheet, in order.
pub const MILESTONE_COLUMNS: [&str; 10] = [
    "commitment_code",
    "position",
    "title",
    "expected_output",
    "responsible",
    "weight",
    "baseline_start",
    "baseline_due",
    "current_start",
    "current_due",
];

/// Separates the values of a list cell (`ogp_values`, `policy_areas`, `sdgs`, institutions).
pub const LIST_SEPARATOR: char = ';';

/// One table as read from a file: its header and its rows with their 1-based row numbers in
/// the file (the header is row 1).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// One bad cell: where it is and what is wrong (a message key, with a detail such as the
/// allowed values).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowError {
    pub sheet: String,
    pub row: usize,
    pub column: String,
    pub key: &'static str,
    pub detail: String,
}

/// The text fields of a commitment, in template order (`problem` … `source`).
pub const COMMITMENT_TEXTS: [(&str, usize); 10] = [
    ("problem", 20_000),
    ("causes", 20_000),
    ("status_quo", 20_000),
    ("objective", 20_000),
    ("description", 20_000),
    ("advances_transparency", 20_000),
    ("advances_accountability", 20_000),
    ("advances_participation", 20_000),
    ("contact", 1_000),
    ("source", 20_000),
];

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CommitmentRow {
    pub code: String,
    pub ogp_id: Option<String>,
    pub title: String,
    pub title_en: Option<String>,
    pub state: CommitmentState,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub ogp_values: Vec<String>,
    pub policy_areas: Vec<String>,
    pub sdgs: Vec<i16>,
    /// Institution slugs by role.
    pub lead: Vec<String>,
    pub co_lead: Vec<String>,
    pub supporting: Vec<String>,
    /// `COMMITMENT_TEXTS`, in that order.
    pub texts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MilestoneRow {
    pub commitment_code: String,
    pub position: i32,
    pub title: String,
    pub expected_output: String,
    /// Institution slug.
    pub responsible: Option<String>,
    pub weight: i32,
    pub baseline_start: Option<NaiveDate>,
    pub baseline_due: Option<NaiveDate>,
    pub current_start: Option<NaiveDate>,
    pub current_due: Option<NaiveDate>,
}

/// A parsed file: rows with their row numbers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanTemplate {
    pub commitments: Vec<(usize, CommitmentRow)>,
    pub milestones: Vec<(usize, MilestoneRow)>,
}

impl PlanTemplate {
    /// Every institution slug the file names, once each.
    pub fn institution_slugs(&self) -> Vec<String> {
        let mut seen = HashSet::new();
        let commitment_slugs = self
            .commitments
            .iter()
            .flat_map(|(_, c)| c.lead.iter().chain(&c.co_lead).chain(&c.supporting));
        let milestone_slugs = self
            .milestones
            .iter()
            .filter_map(|(_, m)| m.responsible.as_ref());
        commitment_slugs
            .chain(milestone_slugs)
            .filter(|s| seen.insert(s.as_str()))
            .cloned()
            .collect()
    }
}

/// Reads the cells of one row by column name.
struct Cells<'a> {
    sheet: &'a str,
    row: usize,
    header: &'a [String],
    values: &'a [String],
    errors: &'a mut Vec<RowError>,
}

impl Cells<'_> {
    fn raw(&self, column: &str) -> &str {
        self.header
            .iter()
            .position(|h| h == column)
            .and_then(|i| self.values.get(i))
            .map(|v| v.trim())
            .unwrap_or("")
    }

    fn fail(&mut self, column: &str, key: &'static str, detail: impl Into<String>) {
        self.errors.push(RowError {
            sheet: self.sheet.to_owned(),
            row: self.row,
            column: column.to_owned(),
            key,
            detail: detail.into(),
        });
    }

    fn text(&mut self, column: &str, max: usize) -> String {
        let value = self.raw(column).to_owned();
        if value.chars().count() > max {
            self.fail(column, "import-error-too-long", max.to_string());
        }
        value
    }

    fn required(&mut self, column: &str, max: usize) -> String {
        let value = self.text(column, max);
        if value.is_empty() {
            self.fail(column, "import-error-required", "");
        }
        value
    }

    /// A commitment code, as the drafting form takes it (`domain::drafting::check_code`).
    fn code(&mut self, column: &str) -> String {
        let value = self.raw(column).to_owned();
        if value.is_empty() {
            self.fail(column, "import-error-required", "");
        } else if let Err(key) = check_code(&value) {
            self.fail(column, key, value.clone());
        }
        value
    }

    fn optional(&mut self, column: &str, max: usize) -> Option<String> {
        Some(self.text(column, max)).filter(|v| !v.is_empty())
    }

    fn date(&mut self, column: &str) -> Option<NaiveDate> {
        let raw = self.raw(column).to_owned();
        if raw.is_empty() {
            return None;
        }
        match NaiveDate::parse_from_str(&raw, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                self.fail(column, "import-error-date", raw);
                None
            }
        }
    }

    fn number(&mut self, column: &str, range: std::ops::RangeInclusive<i32>) -> Option<i32> {
        let raw = self.raw(column).to_owned();
        match raw.parse::<i32>() {
            Ok(n) if range.contains(&n) => Some(n),
            _ => {
                let detail = format!("{}–{}", range.start(), range.end());
                self.fail(column, "import-error-number", detail);
                None
            }
        }
    }

    fn list(&self, column: &str) -> Vec<String> {
        split_list(self.raw(column))
    }

    /// A list whose values must each parse as `T`.
    fn vocabulary_list<T: FromStr>(&mut self, column: &str, allowed: &[&str]) -> Vec<String> {
        let values = self.list(column);
        if values.iter().any(|v| v.parse::<T>().is_err()) {
            self.fail(column, "import-error-value", allowed.join(", "));
        }
        values
    }

    fn dates_in_order(&mut self, start: Option<NaiveDate>, end: Option<NaiveDate>, column: &str) {
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            self.fail(column, "import-error-date-order", "");
        }
    }
}

/// Splits a list cell on `;`, trimming and dropping empty values.
pub fn split_list(raw: &str) -> Vec<String> {
    raw.split(LIST_SEPARATOR)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Joins a list for a cell.
pub fn join_list<T: ToString>(values: &[T]) -> String {
    values
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Checks that a sheet has every column of its kind (extra columns are ignored).
fn missing_columns(sheet: &Sheet, columns: &[&str], errors: &mut Vec<RowError>) -> bool {
    let mut missing = false;
    for column in columns {
        if !sheet.header.iter().any(|h| h == column) {
            missing = true;
            errors.push(RowError {
                sheet: sheet.name.clone(),
                row: 1,
                column: (*column).to_owned(),
                key: "import-error-missing-column",
                detail: String::new(),
            });
        }
    }
    missing
}

fn parse_commitment(cells: &mut Cells<'_>) -> CommitmentRow {
    let state_raw = cells.raw("state").to_owned();
    let state = if state_raw.is_empty() {
        CommitmentState::Draft
    } else {
        state_raw.parse().unwrap_or_else(|_| {
            let allowed: Vec<_> = CommitmentState::ALL.iter().map(|s| s.as_str()).collect();
            cells.fail("state", "import-error-value", allowed.join(", "));
            CommitmentState::Draft
        })
    };
    let start_date = cells.date("start_date");
    let end_date = cells.date("end_date");
    cells.dates_in_order(start_date, end_date, "end_date");
    let values: Vec<_> = OgpValue::ALL.iter().map(|v| v.as_str()).collect();
    let ogp_values = cells.vocabulary_list::<OgpValue>("ogp_values", &values);
    let sdg_values = cells.list("sdgs");
    let sdgs: Vec<i16> = sdg_values
        .iter()
        .filter_map(|v| v.parse::<i16>().ok().filter(|n| (1..=17).contains(n)))
        .collect();
    if sdgs.len() != sdg_values.len() {
        cells.fail("sdgs", "import-error-number", "1–17");
    }
    CommitmentRow {
        code: cells.code("code"),
        ogp_id: cells.optional("ogp_id", 20),
        title: cells.required("title", 300),
        title_en: cells.optional("title_en", 300),
        state,
        start_date,
        end_date,
        ogp_values,
        policy_areas: cells.list("policy_areas"),
        sdgs,
        lead: cells.list("lead"),
        co_lead: cells.list("co_lead"),
        supporting: cells.list("supporting"),
        texts: COMMITMENT_TEXTS
            .iter()
            .map(|(column, max)| cells.text(column, *max))
            .collect(),
    }
}

fn parse_milestone(cells: &mut Cells<'_>) -> MilestoneRow {
    let weight = if cells.raw("weight").is_empty() {
        Some(1)
    } else {
        cells.number("weight", 1..=100)
    };
    let baseline_start = cells.date("baseline_start");
    let baseline_due = cells.date("baseline_due");
    cells.dates_in_order(baseline_start, baseline_due, "baseline_due");
    let current_start = cells.date("current_start");
    let current_due = cells.date("current_due");
    cells.dates_in_order(current_start, current_due, "current_due");
    MilestoneRow {
        commitment_code: cells.code("commitment_code"),
        position: cells.number("position", 1..=1000).unwrap_or(0),
        title: cells.required("title", 300),
        expected_output: cells.text("expected_output", 5_000),
        responsible: cells.optional("responsible", 100),
        weight: weight.unwrap_or(1),
        baseline_start,
        baseline_due,
        current_start: current_start.or(baseline_start),
        current_due: current_due.or(baseline_due),
    }
}

/// Parses the two sheets. Returns the rows and every problem found; rows with problems are
/// still returned (the caller writes nothing when there is any problem).
pub fn parse(sheets: &[Sheet]) -> (PlanTemplate, Vec<RowError>) {
    let mut errors = Vec::new();
    let mut template = PlanTemplate::default();
    for (name, columns) in [
        (COMMITMENTS, &COMMITMENT_COLUMNS[..]),
        (MILESTONES, &MILESTONE_COLUMNS[..]),
    ] {
        let Some(sheet) = sheets.iter().find(|s| s.name == name) else {
            errors.push(RowError {
                sheet: name.to_owned(),
                row: 0,
                column: String::new(),
                key: "import-error-missing-sheet",
                detail: String::new(),
            });
            continue;
        };
        if missing_columns(sheet, columns, &mut errors) {
            continue;
        }
        for (row, values) in &sheet.rows {
            let mut cells = Cells {
                sheet: name,
                row: *row,
                header: &sheet.header,
                values,
                errors: &mut errors,
            };
            if name == COMMITMENTS {
                template
                    .commitments
                    .push((*row, parse_commitment(&mut cells)));
            } else {
                template
                    .milestones
                    .push((*row, parse_milestone(&mut cells)));
            }
        }
    }
    check_duplicates(&template, &mut errors);
    (template, errors)
}

/// A code (or a commitment code and position) given twice in one file is an error.
fn check_duplicates(template: &PlanTemplate, errors: &mut Vec<RowError>) {
    let mut codes = HashSet::new();
    for (row, c) in &template.commitments {
        if !c.code.is_empty() && !codes.insert(c.code.as_str()) {
            errors.push(duplicate(COMMITMENTS, *row, "code", &c.code));
        }
    }
    let mut positions = HashSet::new();
    for (row, m) in &template.milestones {
        if m.position > 0 && !positions.insert((m.commitment_code.as_str(), m.position)) {
            errors.push(duplicate(
                MILESTONES,
                *row,
                "position",
                &m.position.to_string(),
            ));
        }
    }
}

fn duplicate(sheet: &str, row: usize, column: &str, value: &str) -> RowError {
    RowError {
        sheet: sheet.to_owned(),
        row,
        column: column.to_owned(),
        key: "import-error-duplicate",
        detail: value.to_owned(),
    }
}

/// Rows of a template ready to write as cells (the exporter's side of the format).
pub fn commitment_cells(c: &CommitmentRow) -> Vec<String> {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut cells = vec![
        c.code.clone(),
        c.ogp_id.clone().unwrap_or_default(),
        c.title.clone(),
        c.title_en.clone().unwrap_or_default(),
        c.state.as_str().to_owned(),
        date(c.start_date),
        date(c.end_date),
        join_list(&c.ogp_values),
        join_list(&c.policy_areas),
        join_list(&c.sdgs),
        join_list(&c.lead),
        join_list(&c.co_lead),
        join_list(&c.supporting),
    ];
    cells.extend(c.texts.iter().cloned());
    cells
}

pub fn milestone_cells(m: &MilestoneRow) -> Vec<String> {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    vec![
        m.commitment_code.clone(),
        m.position.to_string(),
        m.title.clone(),
        m.expected_output.clone(),
        m.responsible.clone().unwrap_or_default(),
        m.weight.to_string(),
        date(m.baseline_start),
        date(m.baseline_due),
        date(m.current_start),
        date(m.current_due),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(name: &str, header: &[&str], rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: name.to_owned(),
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| (i + 2, r.iter().map(|c| (*c).to_owned()).collect()))
                .collect(),
        }
    }

    fn commitment_row(code: &str, state: &str) -> Vec<String> {
        let mut cells = vec![String::new(); COMMITMENT_COLUMNS.len()];
        cells[0] = code.to_owned();
        cells[2] = format!("Compromiso {code}");
        cells[4] = state.to_owned();
        cells
    }

    fn sheets(commitments: Vec<Vec<String>>, milestones: &[&[&str]]) -> Vec<Sheet> {
        let mut c = sheet(COMMITMENTS, &COMMITMENT_COLUMNS, &[]);
        c.rows = commitments
            .into_iter()
            .enumerate()
            .map(|(i, r)| (i + 2, r))
            .collect();
        vec![c, sheet(MILESTONES, &MILESTONE_COLUMNS, milestones)]
    }

    #[test]
    fn a_valid_file_parses_without_errors() {
        let (template, errors) = parse(&sheets(
            vec![commitment_row("1", "approved")],
            &[&[
                "1",
                "1",
                "Hito",
                "",
                "",
                "",
                "2024-01-01",
                "2024-06-30",
                "",
                "",
            ]],
        ));
        assert_eq!(errors, vec![]);
        assert_eq!(template.commitments[0].1.state, CommitmentState::Approved);
        let m = &template.milestones[0].1;
        assert_eq!(m.weight, 1);
        assert_eq!(
            m.current_due, m.baseline_due,
            "current dates default to baseline"
        );
    }

    #[test]
    fn every_bad_cell_is_reported_with_sheet_row_and_column() {
        let (_, errors) = parse(&sheets(
            vec![commitment_row("1", "approved"), commitment_row("", "done")],
            &[&["1", "x", "Hito", "", "", "", "2024-13-01", "", "", ""]],
        ));
        let places: Vec<_> = errors
            .iter()
            .map(|e| (e.sheet.as_str(), e.row, e.column.as_str(), e.key))
            .collect();
        assert_eq!(
            places,
            vec![
                (COMMITMENTS, 3, "state", "import-error-value"),
                (COMMITMENTS, 3, "code", "import-error-required"),
                (MILESTONES, 2, "baseline_start", "import-error-date"),
                (MILESTONES, 2, "position", "import-error-number"),
            ]
        );
    }

    #[test]
    fn a_missing_column_is_reported_once_not_per_row() {
        let mut s = sheets(vec![commitment_row("1", "")], &[]);
        s[0].header.retain(|h| h != "title");
        let (_, errors) = parse(&s);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].key, "import-error-missing-column");
        assert_eq!(errors[0].column, "title");
    }

    #[test]
    fn codes_follow_the_drafting_form() {
        let (_, errors) = parse(&sheets(
            vec![commitment_row("../x?abc#", ""), commitment_row("3.1", "")],
            &[&["a b", "1", "Hito", "", "", "", "", "", "", ""]],
        ));
        let places: Vec<_> = errors
            .iter()
            .map(|e| (e.sheet.as_str(), e.row, e.column.as_str(), e.key))
            .collect();
        assert_eq!(
            places,
            vec![
                (COMMITMENTS, 2, "code", "draft-code-invalid"),
                (MILESTONES, 2, "commitment_code", "draft-code-invalid"),
            ]
        );
    }

    #[test]
    fn a_code_given_twice_is_an_error() {
        let (_, errors) = parse(&sheets(
            vec![commitment_row("1", ""), commitment_row("1", "")],
            &[],
        ));
        assert_eq!(errors.len(), 1);
        assert_eq!(
            (errors[0].row, errors[0].key),
            (3, "import-error-duplicate")
        );
    }

    #[test]
    fn cells_written_for_a_row_parse_back_to_the_same_row() {
        let mut cells = commitment_row("7", "consultation");
        cells[7] = "access_to_information; civic_participation".into();
        cells[9] = "16; 17".into();
        cells[10] = "asamblea-nacional".into();
        let (template, errors) = parse(&sheets(vec![cells], &[]));
        assert_eq!(errors, vec![]);
        let row = &template.commitments[0].1;
        assert_eq!(
            commitment_cells(row)[7],
            "access_to_information; civic_participation"
        );
        assert_eq!(row.sdgs, vec![16, 17]);
        assert_eq!(row.lead, vec!["asamblea-nacional"]);
    }
}
