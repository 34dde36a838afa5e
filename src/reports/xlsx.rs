//! The report as an Excel workbook: sheets summary, commitments, milestones, updates and
//! assessments (and, for a frozen report, its sign-offs), named and headed in the report's
//! language. Numbers are number cells, dates date cells (times in UTC), and text that a
//! spreadsheet would take for a formula is neutralised. Columns are as wide as their content,
//! within bounds.

use chrono::{DateTime, NaiveDate, Utc};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::model::Report;
use super::{Seal, label};
use crate::domain::Progress;
use crate::domain::cells::neutralise;
use crate::i18n::Tr;

/// The message keys of the sheet names, in order (Excel allows 31 characters and none of
/// `[]:*?/\`; every translation keeps to that). Scripts that want stable names read the CSV
/// or JSON downloads, whose names are the field names.
pub const SHEETS: &[&str] = &[
    "mreport-sheet-summary",
    "mreport-sheet-commitments",
    "mreport-sheet-milestones",
    "mreport-sheet-updates",
    "mreport-sheet-assessments",
];

/// The sheet a frozen report adds.
pub const SIGNOFFS_SHEET: &str = "mreport-sheet-signoffs";

/// Column widths, in characters: content decides within these bounds.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 70;

/// One cell of a row.
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    Date(Option<NaiveDate>),
    Moment(Option<DateTime<Utc>>),
    Flag(Option<bool>),
}

fn pct(p: Progress) -> Cell<'static> {
    Cell::Number(f64::from(p.value()))
}

fn maybe_pct(p: Option<Progress>) -> Cell<'static> {
    p.map_or(Cell::Text(""), pct)
}

fn count(n: usize) -> Cell<'static> {
    // Counts of rows in one plan are far below 2^53.
    Cell::Number(n as f64)
}

/// Writes one sheet of the workbook.
type SheetWriter = fn(&mut Sheet, &Report, &Tr, &Formats) -> Result<(), XlsxError>;

struct Formats {
    header: Format,
    date: Format,
    moment: Format,
}

struct Sheet<'w> {
    ws: &'w mut Worksheet,
    row: u32,
    /// The widest content of each column so far, in characters.
    widths: Vec<usize>,
}

/// How many characters wide a text shows: its longest line.
fn text_width(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

impl Cell<'_> {
    fn width(&self) -> usize {
        match self {
            Cell::Text(t) => text_width(t),
            Cell::Number(n) => n.to_string().len(),
            Cell::Date(_) => 10,
            Cell::Moment(_) => 16,
            Cell::Flag(_) => 5,
        }
    }
}

impl<'w> Sheet<'w> {
    fn new(ws: &'w mut Worksheet) -> Self {
        Self {
            ws,
            row: 0,
            widths: Vec::new(),
        }
    }

    fn measure(&mut self, col: u16, width: usize) {
        let col = usize::from(col);
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0);
        }
        self.widths[col] = self.widths[col].max(width);
    }

    /// Sets each column to its widest content (plus a margin), within bounds.
    fn fit_columns(&mut self) -> Result<(), XlsxError> {
        for (col, width) in (0u16..).zip(&self.widths) {
            let chars = (width + 2).clamp(MIN_WIDTH, MAX_WIDTH);
            // At most MAX_WIDTH: exact as a float.
            self.ws.set_column_width(col, chars as f64)?;
        }
        Ok(())
    }

    fn header(&mut self, tr: &Tr, keys: &[&str], f: &Formats) -> Result<(), XlsxError> {
        for (col, key) in (0u16..).zip(keys) {
            let text = tr.t(key);
            // Bold text runs a little wider.
            self.measure(col, text_width(&text) + 1);
            self.ws
                .write_string_with_format(self.row, col, text, &f.header)?;
        }
        self.ws.set_freeze_panes(1, 0)?;
        self.row += 1;
        Ok(())
    }

    fn row(&mut self, cells: &[Cell<'_>], f: &Formats) -> Result<(), XlsxError> {
        for (col, cell) in (0u16..).zip(cells) {
            let r = self.row;
            self.measure(col, cell.width());
            match cell {
                Cell::Text(t) => {
                    if !t.is_empty() {
                        self.ws.write_string(r, col, neutralise(t))?;
                    }
                }
                Cell::Number(n) => {
                    self.ws.write_number(r, col, *n)?;
                }
                Cell::Date(Some(d)) => {
                    self.ws.write_datetime_with_format(r, col, d, &f.date)?;
                }
                Cell::Moment(Some(t)) => {
                    self.ws
                        .write_datetime_with_format(r, col, t.naive_utc(), &f.moment)?;
                }
                Cell::Flag(Some(b)) => {
                    self.ws.write_boolean(r, col, *b)?;
                }
                Cell::Date(None) | Cell::Moment(None) | Cell::Flag(None) => {}
            }
        }
        self.row += 1;
        Ok(())
    }
}

pub fn render(report: &Report, tr: &Tr, seal: Option<&Seal>) -> anyhow::Result<Vec<u8>> {
    let f = Formats {
        header: Format::new().set_bold(),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        moment: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
    };
    let mut book = Workbook::new();
    let writers: [SheetWriter; 5] = [summary, commitments, milestones, updates, assessments];
    for (key, write) in SHEETS.iter().zip(writers) {
        let ws = book.add_worksheet();
        ws.set_name(tr.t(key))?;
        let mut sheet = Sheet::new(ws);
        write(&mut sheet, report, tr, &f)?;
        sheet.fit_columns()?;
    }
    if let Some(seal) = seal {
        let ws = book.add_worksheet();
        ws.set_name(tr.t(SIGNOFFS_SHEET))?;
        let mut sheet = Sheet::new(ws);
        signoffs(&mut sheet, seal, tr, &f)?;
        sheet.fit_columns()?;
    }
    Ok(book.save_to_buffer()?)
}

/// The frozen report's name, hash and date, then one row per sign-off.
fn signoffs(s: &mut Sheet, seal: &Seal, tr: &Tr, f: &Formats) -> Result<(), XlsxError> {
    s.header(
        tr,
        &[
            "mreport-col-member",
            "mreport-col-representative",
            "mreport-col-signed-at",
        ],
        f,
    )?;
    for sign in &seal.signoffs {
        s.row(
            &[
                Cell::Text(&sign.member),
                Cell::Text(sign.representative.as_deref().unwrap_or("")),
                Cell::Moment(Some(sign.signed_at)),
            ],
            f,
        )?;
    }
    if seal.signoffs.is_empty() {
        s.row(&[Cell::Text(&tr.t("mreport-signoffs-none"))], f)?;
    }
    s.row(&[], f)?;
    let label = tr.t("mreport-snapshot-label");
    let sha = tr.t("mreport-sha256");
    let frozen = tr.t("mreport-frozen-at");
    s.row(&[Cell::Text(&label), Cell::Text(&seal.label)], f)?;
    s.row(&[Cell::Text(&sha), Cell::Text(&seal.sha256)], f)?;
    s.row(
        &[Cell::Text(&frozen), Cell::Moment(Some(seal.frozen_at))],
        f,
    )?;
    Ok(())
}

fn summary(s: &mut Sheet, r: &Report, tr: &Tr, f: &Formats) -> Result<(), XlsxError> {
    s.header(tr, &["mreport-col-field", "mreport-col-value"], f)?;
    let sum = &r.summary;
    let h = &sum.commitment_health;
    let rows: Vec<(String, Cell<'_>)> = vec![
        (tr.t("mreport-plan"), Cell::Text(&r.plan.title)),
        (tr.t("mreport-government"), Cell::Text(&r.plan.government)),
        (tr.t("mreport-as-of"), Cell::Date(Some(r.as_of))),
        (
            tr.t("mreport-period-start"),
            Cell::Date(Some(r.plan.period_start)),
        ),
        (
            tr.t("mreport-period-end"),
            Cell::Date(Some(r.plan.period_end)),
        ),
        (tr.t("mreport-col-validated"), pct(sum.progress)),
        (tr.t("mreport-col-reported"), pct(sum.reported)),
        (tr.t("mreport-commitments"), count(sum.commitments)),
        (tr.t("mreport-milestones"), count(sum.milestones)),
        (tr.t("mreport-updates"), count(sum.updates)),
        (tr.t("health-completed"), count(h.completed)),
        (tr.t("health-on-track"), count(h.on_track)),
        (tr.t("health-at-risk"), count(h.at_risk)),
        (tr.t("health-overdue"), count(h.overdue)),
        (tr.t("health-not-started"), count(h.not_started)),
        (tr.t("health-cancelled"), count(h.cancelled)),
        (tr.t("review-state-pending"), count(sum.reviews.pending)),
        (tr.t("review-state-validated"), count(sum.reviews.validated)),
        (tr.t("review-state-returned"), count(sum.reviews.returned)),
        (tr.t("review-state-contested"), count(sum.reviews.contested)),
    ];
    for (label, value) in rows {
        s.row(&[Cell::Text(&label), value], f)?;
    }
    Ok(())
}

fn commitments(s: &mut Sheet, r: &Report, tr: &Tr, f: &Formats) -> Result<(), XlsxError> {
    s.header(
        tr,
        &[
            "mreport-col-code",
            "mreport-col-ogp-id",
            "mreport-col-title",
            "mreport-col-state",
            "mreport-col-lead",
            "mreport-col-start",
            "mreport-col-end",
            "mreport-col-validated",
            "mreport-col-reported",
            "mreport-col-expected",
            "mreport-col-health",
            "mreport-milestones",
        ],
        f,
    )?;
    for c in &r.commitments {
        let state = tr.t(c.state.label_key());
        let health = tr.t(c.health.label_key());
        s.row(
            &[
                Cell::Text(&c.code),
                Cell::Text(c.ogp_id.as_deref().unwrap_or("")),
                Cell::Text(&c.title),
                Cell::Text(&state),
                Cell::Text(c.lead.as_deref().unwrap_or("")),
                Cell::Date(c.start),
                Cell::Date(c.end),
                pct(c.progress),
                pct(c.reported),
                maybe_pct(c.expected),
                Cell::Text(&health),
                count(c.milestones),
            ],
            f,
        )?;
    }
    Ok(())
}

fn milestones(s: &mut Sheet, r: &Report, tr: &Tr, f: &Formats) -> Result<(), XlsxError> {
    s.header(
        tr,
        &[
            "mreport-col-code",
            "mreport-col-position",
            "mreport-col-milestone",
            "mreport-col-responsible",
            "mreport-col-weight",
            "mreport-col-baseline-start",
            "mreport-col-baseline-due",
            "mreport-col-start",
            "mreport-col-due",
            "mreport-col-validated",
            "mreport-col-reported",
            "mreport-col-expected",
            "mreport-col-status",
            "mreport-col-health",
            "mreport-col-last-report",
        ],
        f,
    )?;
    for m in &r.milestones {
        let status = tr.t(m.status.label_key());
        let health = tr.t(m.health.label_key());
        s.row(
            &[
                Cell::Text(&m.commitment_code),
                Cell::Number(f64::from(m.position)),
                Cell::Text(&m.title),
                Cell::Text(m.responsible.as_deref().unwrap_or("")),
                Cell::Number(f64::from(m.weight)),
                Cell::Date(m.baseline_start),
                Cell::Date(m.baseline_due),
                Cell::Date(m.start),
                Cell::Date(m.due),
                pct(m.progress),
                pct(m.reported),
                maybe_pct(m.expected),
                Cell::Text(&status),
                Cell::Text(&health),
                Cell::Moment(m.last_reported_at),
            ],
            f,
        )?;
    }
    Ok(())
}

fn updates(s: &mut Sheet, r: &Report, tr: &Tr, f: &Formats) -> Result<(), XlsxError> {
    s.header(
        tr,
        &[
            "mreport-col-code",
            "mreport-col-position",
            "mreport-col-milestone",
            "mreport-col-reported-at",
            "mreport-col-author",
            "mreport-col-progress",
            "mreport-col-status",
            "mreport-col-review",
            "mreport-col-reviewed-at",
            "mreport-col-review-note",
            "mreport-col-narrative",
        ],
        f,
    )?;
    for u in &r.updates {
        let status = tr.t(u.status.label_key());
        let review = tr.t(u.review.label_key());
        s.row(
            &[
                Cell::Text(&u.commitment_code),
                Cell::Number(f64::from(u.milestone_position)),
                Cell::Text(&u.milestone_title),
                Cell::Moment(Some(u.reported_at)),
                Cell::Text(&u.author),
                pct(u.progress),
                Cell::Text(&status),
                Cell::Text(&review),
                Cell::Moment(u.reviewed_at),
                Cell::Text(u.review_note.as_deref().unwrap_or("")),
                Cell::Text(&u.narrative),
            ],
            f,
        )?;
    }
    Ok(())
}

fn assessments(s: &mut Sheet, r: &Report, tr: &Tr, f: &Formats) -> Result<(), XlsxError> {
    s.header(
        tr,
        &[
            "mreport-col-code",
            "mreport-col-period",
            "mreport-as-of",
            "mreport-col-source",
            "mreport-col-verifiable",
            "mreport-col-specificity",
            "mreport-col-relevance",
            "mreport-col-impact",
            "mreport-col-completion",
            "mreport-col-early-results",
            "mreport-col-starred",
            "mreport-col-narrative",
        ],
        f,
    )?;
    for a in &r.assessments {
        let relevance: Vec<String> = a
            .relevance
            .iter()
            .map(|v| label(tr, "ogp-value", Some(v)))
            .collect();
        let relevance = relevance.join(", ");
        let source = label(tr, "assessment-source", Some(&a.source));
        let impact = label(tr, "impact", a.potential_impact.as_deref());
        let completion = label(tr, "completion", a.completion.as_deref());
        let early = label(tr, "early-results", a.early_results.as_deref());
        s.row(
            &[
                Cell::Text(&a.commitment_code),
                Cell::Text(&a.period_label),
                Cell::Date(a.as_of),
                Cell::Text(&source),
                Cell::Flag(a.verifiable),
                Cell::Text(a.specificity.as_deref().unwrap_or("")),
                Cell::Text(&relevance),
                Cell::Text(&impact),
                Cell::Text(&completion),
                Cell::Text(&early),
                Cell::Flag(a.starred),
                Cell::Text(&a.narrative),
            ],
            f,
        )?;
    }
    Ok(())
}
