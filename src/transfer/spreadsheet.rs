//! The plan template on disk: an XLSX workbook with the sheets `commitments` and
//! `milestones`, or one CSV file whose first column, `kind`, says which table a row belongs
//! to (`commitment` or `milestone`) and whose other columns are those of both sheets.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook};

use super::template::{
    COMMITMENT_COLUMNS, COMMITMENTS, MILESTONE_COLUMNS, MILESTONES, PlanTemplate, RowError, Sheet,
    commitment_cells, milestone_cells,
};
use super::workbook_limits::{self, MAX_COLUMNS, MAX_ROWS};

/// The two file formats of the template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    Xlsx,
    Csv,
}

impl FileFormat {
    /// By file name; `None` for anything but `.xlsx` and `.csv`.
    pub fn of_file_name(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".xlsx") {
            Some(Self::Xlsx)
        } else if lower.ends_with(".csv") {
            Some(Self::Csv)
        } else {
            None
        }
    }
}

/// A file that is not read: not a workbook or CSV at all, or one that would cost more to
/// read than any plan could (refused before the reader allocates anything for it).
#[derive(Debug, thiserror::Error)]
pub enum Unreadable {
    #[error("unreadable {format:?} file: {reason}")]
    Malformed { format: FileFormat, reason: String },
    #[error("refused workbook: {0}")]
    Refused(#[from] workbook_limits::Refusal),
    #[error("refused CSV: more than {MAX_ROWS} rows or {MAX_COLUMNS} columns")]
    CsvTooLarge,
}

impl Unreadable {
    /// The translation key of the message a person sees.
    pub fn key(&self) -> &'static str {
        match self {
            Unreadable::Malformed { .. } => "import-unreadable",
            Unreadable::Refused(refusal) => refusal.key(),
            Unreadable::CsvTooLarge => "import-refused-csv-size",
        }
    }
}

const KIND: &str = "kind";
const KIND_COMMITMENT: &str = "commitment";
const KIND_MILESTONE: &str = "milestone";

/// The CSV header: `kind`, the commitment columns, then the milestone columns the
/// commitments sheet does not have (`title` is shared).
pub fn csv_header() -> Vec<&'static str> {
    let mut header = vec![KIND];
    header.extend(COMMITMENT_COLUMNS);
    header.extend(
        MILESTONE_COLUMNS
            .iter()
            .filter(|c| !COMMITMENT_COLUMNS.contains(c)),
    );
    header
}

/// Reads the sheets of a file; cell-level problems (an unknown `kind`) are returned with them.
pub fn read(format: FileFormat, bytes: &[u8]) -> Result<(Vec<Sheet>, Vec<RowError>), Unreadable> {
    match format {
        FileFormat::Xlsx => read_xlsx(bytes).map(|s| (s, Vec::new())),
        FileFormat::Csv => read_csv(bytes),
    }
}

/// A plan from a file: its sheets read, then parsed row by row; every problem of a row is
/// returned with the plan. Reading costs at most what the limits allow: run it off the async
/// runtime.
pub fn read_plan(
    format: FileFormat,
    bytes: &[u8],
) -> Result<(PlanTemplate, Vec<RowError>), Unreadable> {
    let (sheets, mut errors) = read(format, bytes)?;
    let (plan, parse_errors) = super::template::parse(&sheets);
    errors.extend(parse_errors);
    Ok((plan, errors))
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|dt| dt.date().to_string())
            .unwrap_or_default(),
    }
}

/// Only the template's two sheets are read, and only after the workbook passed its limits.
fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, Unreadable> {
    let unreadable = |reason: String| Unreadable::Malformed {
        format: FileFormat::Xlsx,
        reason,
    };
    workbook_limits::check(bytes)?;
    // The reader is not ours: a panic on a malformed file means the file is unreadable.
    std::panic::catch_unwind(|| read_template_sheets(bytes))
        .unwrap_or_else(|_| Err("the reader panicked".to_owned()))
        .map_err(unreadable)
}

fn read_template_sheets(bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let names = workbook.sheet_names();
    let mut sheets = Vec::new();
    for name in [COMMITMENTS, MILESTONES] {
        if !names.iter().any(|n| n == name) {
            continue;
        }
        let range = workbook.worksheet_range(name).map_err(|e| e.to_string())?;
        let first_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
        let first_col = range.start().map(|(_, c)| c as usize).unwrap_or(0);
        let mut rows = range.rows().enumerate().map(|(i, cells)| {
            let mut values = vec![String::new(); first_col];
            values.extend(cells.iter().map(cell_text));
            (first_row + i + 1, values)
        });
        let header = rows.next().map(|(_, h)| h).unwrap_or_default();
        let rows = rows
            .filter(|(_, values)| values.iter().any(|v| !v.trim().is_empty()))
            .collect();
        sheets.push(Sheet {
            name: name.to_owned(),
            header: header.into_iter().map(|h| h.trim().to_owned()).collect(),
            rows,
        });
    }
    Ok(sheets)
}

fn read_csv(bytes: &[u8]) -> Result<(Vec<Sheet>, Vec<RowError>), Unreadable> {
    let unreadable = |reason: String| Unreadable::Malformed {
        format: FileFormat::Csv,
        reason,
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(r) => r
            .map_err(|e| unreadable(e.to_string()))?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect(),
        None => Vec::new(),
    };
    let kind_at = header.iter().position(|h| h == KIND);
    let mut commitments = Sheet {
        name: COMMITMENTS.into(),
        header: header.clone(),
        rows: Vec::new(),
    };
    let mut milestones = Sheet {
        name: MILESTONES.into(),
        header: header.clone(),
        rows: Vec::new(),
    };
    let mut errors = Vec::new();
    if header.len() as u64 > MAX_COLUMNS {
        return Err(Unreadable::CsvTooLarge);
    }
    for (i, record) in records.enumerate() {
        let row = i + 2;
        let record = record.map_err(|e| unreadable(e.to_string()))?;
        if row as u64 > MAX_ROWS || record.len() as u64 > MAX_COLUMNS {
            return Err(Unreadable::CsvTooLarge);
        }
        let values: Vec<String> = record.iter().map(str::to_owned).collect();
        if values.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let kind = kind_at
            .and_then(|k| values.get(k))
            .map(|k| k.trim())
            .unwrap_or("");
        match kind {
            KIND_COMMITMENT => commitments.rows.push((row, values)),
            KIND_MILESTONE => milestones.rows.push((row, values)),
            _ => errors.push(RowError {
                sheet: "csv".into(),
                row,
                column: KIND.into(),
                key: "import-error-value",
                detail: format!("{KIND_COMMITMENT}, {KIND_MILESTONE}"),
            }),
        }
    }
    Ok((vec![commitments, milestones], errors))
}

/// Writes a plan in the template's format.
pub fn write(format: FileFormat, plan: &PlanTemplate) -> anyhow::Result<Vec<u8>> {
    match format {
        FileFormat::Xlsx => write_xlsx(plan),
        FileFormat::Csv => write_csv(plan),
    }
}

/// A sheet to write: its name, its columns, its rows of cells.
type Table<'a> = (&'a str, &'a [&'a str], Vec<Vec<String>>);

fn write_xlsx(plan: &PlanTemplate) -> anyhow::Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let tables: [Table<'_>; 2] = [
        (
            COMMITMENTS,
            &COMMITMENT_COLUMNS,
            plan.commitments
                .iter()
                .map(|(_, c)| commitment_cells(c))
                .collect(),
        ),
        (
            MILESTONES,
            &MILESTONE_COLUMNS,
            plan.milestones
                .iter()
                .map(|(_, m)| milestone_cells(m))
                .collect(),
        ),
    ];
    for (name, columns, rows) in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        for (col, title) in columns.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, *title, &bold)?;
        }
        for (r, cells) in rows.iter().enumerate() {
            for (col, value) in cells.iter().enumerate() {
                if !value.is_empty() {
                    sheet.write_string(r as u32 + 1, col as u16, value)?;
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    Ok(workbook.save_to_buffer()?)
}

fn write_csv(plan: &PlanTemplate) -> anyhow::Result<Vec<u8>> {
    let header = csv_header();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&header)?;
    let place = |columns: &[&str], cells: Vec<String>, kind: &str| {
        let mut record = vec![String::new(); header.len()];
        record[0] = kind.to_owned();
        for (column, value) in columns.iter().zip(cells) {
            if let Some(i) = header.iter().position(|h| h == column) {
                record[i] = value;
            }
        }
        record
    };
    for (_, c) in &plan.commitments {
        writer.write_record(place(
            &COMMITMENT_COLUMNS,
            commitment_cells(c),
            KIND_COMMITMENT,
        ))?;
    }
    for (_, m) in &plan.milestones {
        writer.write_record(place(
            &MILESTONE_COLUMNS,
            milestone_cells(m),
            KIND_MILESTONE,
        ))?;
    }
    Ok(writer.into_inner()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CommitmentState;
    use crate::transfer::template::{CommitmentRow, MilestoneRow, parse};

    fn plan() -> PlanTemplate {
        PlanTemplate {
            commitments: vec![(
                2,
                CommitmentRow {
                    code: "1".into(),
                    ogp_id: Some("EC0001".into()),
                    title: "Datos abiertos, \"ya\"".into(),
                    title_en: None,
                    state: CommitmentState::Approved,
                    start_date: chrono::NaiveDate::from_ymd_opt(2020, 1, 1),
                    end_date: None,
                    ogp_values: vec!["access_to_information".into()],
                    policy_areas: vec![],
                    sdgs: vec![16],
                    lead: vec!["asamblea-nacional".into()],
                    co_lead: vec![],
                    supporting: vec![],
                    texts: vec!["línea 1\nlínea 2".into(); 10],
                },
            )],
            milestones: vec![(
                3,
                MilestoneRow {
                    commitment_code: "1".into(),
                    position: 1,
                    title: "Hito".into(),
                    expected_output: String::new(),
                    responsible: None,
                    weight: 2,
                    baseline_start: None,
                    baseline_due: chrono::NaiveDate::from_ymd_opt(2021, 6, 30),
                    current_start: None,
                    current_due: chrono::NaiveDate::from_ymd_opt(2021, 6, 30),
                },
            )],
        }
    }

    fn rows(t: &PlanTemplate) -> (Vec<&CommitmentRow>, Vec<&MilestoneRow>) {
        (
            t.commitments.iter().map(|(_, c)| c).collect(),
            t.milestones.iter().map(|(_, m)| m).collect(),
        )
    }

    #[test]
    fn both_formats_read_back_what_they_wrote() {
        let original = plan();
        for format in [FileFormat::Xlsx, FileFormat::Csv] {
            let bytes = write(format, &original).expect("write");
            let (sheets, errors) = read(format, &bytes).expect("read");
            assert_eq!(errors, vec![]);
            let (back, errors) = parse(&sheets);
            assert_eq!(errors, vec![], "{format:?}");
            assert_eq!(rows(&back), rows(&original), "{format:?}");
        }
    }

    #[test]
    fn a_csv_row_of_unknown_kind_is_reported() {
        let csv = format!("{}\nhito,1\n", csv_header().join(","));
        let (_, errors) = read(FileFormat::Csv, csv.as_bytes()).expect("read");
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].row, errors[0].column.as_str()), (2, "kind"));
    }

    #[test]
    fn garbage_is_not_a_workbook() {
        assert!(read(FileFormat::Xlsx, b"not a zip").is_err());
    }
}
