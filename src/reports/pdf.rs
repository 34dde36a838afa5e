//! The report as a tagged PDF, made in-process with krilla.
//!
//! Layout is done here in two passes: [`Layout`] places every text run, rule and bar on
//! A4 pages (measuring text with the font's own advances, wrapping table cells at spaces),
//! and records the document's logical structure as it goes: headings, paragraphs, tables
//! (header row, body rows, cells) and the chart as a figure with a text alternative. Then
//! the pages are drawn, each piece of text marked as content of its place in that structure
//! and rules, backgrounds, page footers and repeated table headers marked as artifacts, and
//! the structure becomes the PDF's tag tree. The document language (`/Lang`) is the report's.
//! The font is DejaVu Sans (static/fonts, free licence), embedded as a subset with a
//! ToUnicode map, so the text (accents included) can be searched and copied.

use std::num::NonZeroU16;
use std::sync::LazyLock;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, TableHeaderScope, Tag, TagGroup,
    TagKind, TagTree,
};
use krilla::text::{Font, TextDirection};

use super::model::Report;
use super::{Seal, label};
use crate::domain::Progress;
use crate::i18n::Tr;

static REGULAR_TTF: &[u8] = include_bytes!("../../static/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../static/fonts/DejaVuSans-Bold.ttf");

static REGULAR: LazyLock<Option<rustybuzz::Face<'static>>> =
    LazyLock::new(|| rustybuzz::Face::from_slice(REGULAR_TTF, 0));
static BOLD: LazyLock<Option<rustybuzz::Face<'static>>> =
    LazyLock::new(|| rustybuzz::Face::from_slice(BOLD_TTF, 0));

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 42.0;
const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;
const BODY: f32 = 8.5;
const LINE: f32 = 1.3;
/// Space between a cell's text and its column's edges (2 points each side).
const CELL_PAD: f32 = 4.0;
/// No column is widened beyond this share of the text width to keep one long word whole.
const WIDEST_WORD_SHARE: f32 = 0.35;
/// A cell shows at most this many lines; longer text ends with an ellipsis.
const MAX_CELL_LINES: usize = 30;
const HEADING: f32 = 12.5;

type Colour = (u8, u8, u8);
const INK: Colour = (30, 30, 30);
const MUTED: Colour = (100, 100, 100);
const RULE: Colour = (190, 190, 190);
const BAR_BG: Colour = (225, 230, 235);
const BAR: Colour = (31, 111, 139);
const EXPECTED: Colour = (200, 80, 40);

/// Where a drawn piece belongs: content (leaf `n` of the structure) or an artifact, which
/// assistive technology skips (rules, backgrounds, footers, a header repeated on a new page).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Mark {
    Content(usize),
    Artifact(ArtifactType),
}

const DECORATION: Mark = Mark::Artifact(ArtifactType::Layout);
const PAGINATION: Mark = Mark::Artifact(ArtifactType::PaginationOther);

enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: Colour,
        text: String,
        mark: Mark,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Colour,
        mark: Mark,
    },
}

/// A kind of structure element.
#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Heading(u16, String),
    Paragraph,
    Table(String),
    Head,
    Body,
    Row,
    HeaderCell,
    Cell,
    Figure(String),
}

/// The logical structure, in reading order; leaves are numbered drawn pieces.
#[derive(Debug, PartialEq)]
enum Node {
    Group(Kind, Vec<Node>),
    Leaf(usize),
}

/// Width of `text` at `size` points.
fn width(text: &str, size: f32, bold: bool) -> f32 {
    let face = if bold { &*BOLD } else { &*REGULAR };
    let Some(face) = face.as_ref() else {
        return text.chars().count() as f32 * size * 0.6;
    };
    let units: f32 = text
        .chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(size * 0.6, f32::from)
        })
        .sum();
    units * size / face.units_per_em().max(1) as f32
}

/// One wrapped line, and whether a space (or line break) of the text follows it.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    text: String,
    space_after: bool,
}

/// Greedy word wrap to `max` points: lines break at spaces only; a word is cut only when it
/// alone is wider than `max`. Each word is measured once, so wrapping is linear in the
/// length of the text.
fn wrap_lines(text: &str, size: f32, bold: bool, max: f32) -> Vec<Line> {
    let space = width(" ", size, bold);
    let mut lines = Vec::new();
    let flush = |line: &mut String, space_after: bool, lines: &mut Vec<Line>| {
        lines.push(Line {
            text: std::mem::take(line),
            space_after,
        });
    };
    for paragraph in text.lines() {
        let (mut line, mut line_w) = (String::new(), 0.0_f32);
        for word in paragraph.split_whitespace() {
            let word_w = width(word, size, bold);
            if line.is_empty() && word_w <= max {
                line.push_str(word);
                line_w = word_w;
                continue;
            }
            if !line.is_empty() && line_w + space + word_w <= max {
                line.push(' ');
                line.push_str(word);
                line_w += space + word_w;
                continue;
            }
            if !line.is_empty() {
                flush(&mut line, true, &mut lines);
                line_w = 0.0;
            }
            if word_w <= max {
                line.push_str(word);
                line_w = word_w;
                continue;
            }
            // A word wider than the whole line: cut it where it must be.
            for c in word.chars() {
                let mut buf = [0u8; 4];
                let c_w = width(c.encode_utf8(&mut buf), size, bold);
                if line_w + c_w > max && !line.is_empty() {
                    flush(&mut line, false, &mut lines);
                    line_w = 0.0;
                }
                line.push(c);
                line_w += c_w;
            }
        }
        flush(&mut line, true, &mut lines);
    }
    if let Some(last) = lines.last_mut() {
        last.space_after = false;
    }
    if lines.is_empty() {
        lines.push(Line {
            text: String::new(),
            space_after: false,
        });
    }
    if lines.len() > MAX_CELL_LINES {
        lines.truncate(MAX_CELL_LINES);
        if let Some(last) = lines.last_mut() {
            last.text.push('…');
            last.space_after = false;
        }
    }
    lines
}

/// The lines of `text` wrapped to `max` points (see [`wrap_lines`]).
#[cfg(test)]
fn wrap(text: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
    wrap_lines(text, size, bold, max)
        .into_iter()
        .map(|l| l.text)
        .collect()
}

/// The text a line is drawn with: a space kept at its end when the text had one there, so
/// that text extracted or read aloud keeps its word breaks.
fn drawn(line: &Line) -> String {
    if line.space_after {
        format!("{} ", line.text)
    } else {
        line.text.clone()
    }
}

/// The widest single word of `text`.
fn widest_word(text: &str, size: f32, bold: bool) -> f32 {
    text.split_whitespace()
        .map(|w| width(w, size, bold))
        .fold(0.0, f32::max)
}

/// Column widths for a table: the given shares of `total`, widened where a column's widest
/// word (up to [`WIDEST_WORD_SHARE`] of the text width) would not fit whole, at the expense
/// of the columns with room to spare. When the words cannot all fit, the columns share the
/// width in proportion to their widest words.
fn fit_columns(shares: &[f32], least: &[f32], total: f32) -> Vec<f32> {
    let least_sum: f32 = least.iter().sum();
    if least_sum >= total {
        return least.iter().map(|m| m * total / least_sum).collect();
    }
    let mut widths: Vec<f32> = shares.iter().map(|s| s * total).collect();
    let short: f32 = widths
        .iter()
        .zip(least)
        .map(|(w, m)| (m - w).max(0.0))
        .sum();
    let spare: f32 = widths
        .iter()
        .zip(least)
        .map(|(w, m)| (w - m).max(0.0))
        .sum();
    if short > 0.0 && spare > 0.0 {
        // spare − short = total − Σ least > 0, so no column gives more than it has spare.
        for (w, m) in widths.iter_mut().zip(least) {
            if *w < *m {
                *w = *m;
            } else {
                *w -= short * (*w - m) / spare;
            }
        }
    }
    widths
}

struct Layout {
    pages: Vec<Vec<Op>>,
    y: f32,
    footer: String,
    /// Finished top-level structure elements.
    tree: Vec<Node>,
    /// Structure elements still open, innermost last.
    open: Vec<(Kind, Vec<Node>)>,
    leaves: usize,
}

impl Layout {
    fn new(footer: String) -> Self {
        Self {
            pages: vec![Vec::new()],
            y: MARGIN,
            footer,
            tree: Vec::new(),
            open: Vec::new(),
            leaves: 0,
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Whether `height` more points fit on this page.
    fn fits(&self, height: f32) -> bool {
        self.y + height <= PAGE_H - MARGIN - 14.0
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn room(&mut self, height: f32) -> bool {
        if !self.fits(height) {
            self.new_page();
            return false;
        }
        true
    }

    fn begin(&mut self, kind: Kind) {
        self.open.push((kind, Vec::new()));
    }

    fn end(&mut self) {
        if let Some((kind, children)) = self.open.pop() {
            self.attach(Node::Group(kind, children));
        }
    }

    fn attach(&mut self, node: Node) {
        match self.open.last_mut() {
            Some((_, children)) => children.push(node),
            None => self.tree.push(node),
        }
    }

    /// A new piece of content in the innermost open element.
    fn leaf(&mut self) -> Mark {
        let n = self.leaves;
        self.leaves += 1;
        self.attach(Node::Leaf(n));
        Mark::Content(n)
    }

    #[expect(clippy::too_many_arguments, reason = "one drawn text run")]
    fn text(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: Colour,
        text: &str,
        mark: Mark,
    ) {
        self.ops().push(Op::Text {
            x,
            y,
            size,
            bold,
            colour,
            text: text.to_owned(),
            mark,
        });
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour, mark: Mark) {
        self.ops().push(Op::Rect {
            x,
            y,
            w,
            h,
            colour,
            mark,
        });
    }

    /// A paragraph (or a heading, with `kind`) of wrapped lines.
    fn block(&mut self, kind: Kind, text: &str, size: f32, bold: bool, colour: Colour) {
        self.begin(kind);
        for line in wrap_lines(text, size, bold, TEXT_W) {
            self.room(size * LINE);
            self.y += size * LINE;
            let y = self.y;
            let mark = self.leaf();
            self.text(
                MARGIN,
                y - size * 0.25,
                size,
                bold,
                colour,
                &drawn(&line),
                mark,
            );
        }
        self.end();
    }

    fn paragraph(&mut self, text: &str, size: f32, bold: bool, colour: Colour) {
        self.block(Kind::Paragraph, text, size, bold, colour);
    }

    /// A section heading kept on one page with the first `keep` points of what follows it.
    fn heading(&mut self, level: u16, text: &str, keep: f32) {
        let lines = wrap_lines(text, HEADING, true, TEXT_W).len() as f32;
        self.room(10.0 + lines * HEADING * LINE + 4.0 + keep);
        self.y += 10.0;
        self.block(
            Kind::Heading(level, text.to_owned()),
            text,
            HEADING,
            true,
            INK,
        );
        self.y += 4.0;
    }

    /// Column positions and widths of a table.
    fn columns(headers: &[String], shares: &[f32], rows: &[Vec<String>]) -> Vec<(f32, f32)> {
        let cap = WIDEST_WORD_SHARE * TEXT_W;
        let least: Vec<f32> = (0..shares.len())
            .map(|col| {
                let header = headers.get(col).map_or(0.0, |h| widest_word(h, BODY, true));
                let cells = rows
                    .iter()
                    .filter_map(|r| r.get(col))
                    .map(|c| widest_word(c, BODY, false))
                    .fold(0.0, f32::max);
                (header.max(cells) + CELL_PAD + 0.5).min(cap)
            })
            .collect();
        fit_columns(shares, &least, TEXT_W)
            .into_iter()
            .scan(MARGIN, |x, w| {
                let col = (*x, w);
                *x += w;
                Some(col)
            })
            .collect()
    }

    /// How much of a table must fit on a page before it starts there: its header row and
    /// its first row.
    fn table_lead(headers: &[String], shares: &[f32], rows: &[Vec<String>]) -> f32 {
        let cols = Self::columns(headers, shares, rows);
        let header = Self::row_height(&Self::wrap_row(headers, &cols, true));
        let first = rows
            .first()
            .map_or(0.0, |r| Self::row_height(&Self::wrap_row(r, &cols, false)));
        header + first
    }

    /// A table under a heading: the heading, header row and first row stay together.
    fn table_section(
        &mut self,
        title: &str,
        headers: &[String],
        shares: &[f32],
        rows: &[Vec<String>],
    ) {
        self.heading(2, title, Self::table_lead(headers, shares, rows));
        self.table(title, headers, shares, rows);
    }

    /// A table: `shares` are fractions of the text width (adjusted to keep words whole).
    /// The header row never ends a page alone, and repeats (as an artifact) on each new page.
    fn table(&mut self, summary: &str, headers: &[String], shares: &[f32], rows: &[Vec<String>]) {
        let cols = Self::columns(headers, shares, rows);
        let header = Self::wrap_row(headers, &cols, true);
        let header_h = Self::row_height(&header);
        let first_h = rows
            .first()
            .map_or(0.0, |r| Self::row_height(&Self::wrap_row(r, &cols, false)));
        self.room(header_h + first_h);
        self.begin(Kind::Table(summary.to_owned()));
        self.begin(Kind::Head);
        self.table_row(&header, &cols, true, false);
        self.end();
        self.begin(Kind::Body);
        for row in rows {
            let cells = Self::wrap_row(row, &cols, false);
            if !self.room(Self::row_height(&cells)) {
                self.table_row(&header, &cols, true, true);
            }
            self.table_row(&cells, &cols, false, false);
        }
        self.end();
        self.end();
        self.y += 6.0;
    }

    fn wrap_row(row: &[String], cols: &[(f32, f32)], bold: bool) -> Vec<Vec<Line>> {
        row.iter()
            .zip(cols)
            .map(|(cell, (_, w))| wrap_lines(cell, BODY, bold, w - CELL_PAD))
            .collect()
    }

    fn row_height(cells: &[Vec<Line>]) -> f32 {
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1);
        lines as f32 * BODY * LINE + 4.0
    }

    /// One row; a `repeat` of the header row on a new page is drawn as an artifact.
    fn table_row(&mut self, cells: &[Vec<Line>], cols: &[(f32, f32)], header: bool, repeat: bool) {
        let height = Self::row_height(cells);
        self.room(height);
        let top = self.y;
        if header {
            self.rect(MARGIN, top, TEXT_W, height, BAR_BG, DECORATION);
        }
        if !repeat {
            self.begin(Kind::Row);
        }
        for (lines, (x, _)) in cells.iter().zip(cols) {
            if !repeat {
                self.begin(if header { Kind::HeaderCell } else { Kind::Cell });
            }
            for (i, line) in lines.iter().enumerate() {
                let y = top + 2.0 + (i as f32 + 1.0) * BODY * LINE - BODY * 0.3;
                let mark = if repeat { PAGINATION } else { self.leaf() };
                self.text(x + 2.0, y, BODY, header, INK, &drawn(line), mark);
            }
            if !repeat {
                self.end();
            }
        }
        if !repeat {
            self.end();
        }
        self.y = top + height;
        self.rect(MARGIN, self.y - 0.4, TEXT_W, 0.4, RULE, DECORATION);
    }

    /// Horizontal bars of progress per commitment, with the expected progress marked: a
    /// figure whose text alternative is `alt`.
    fn chart(&mut self, bars: &[(String, Progress, Option<Progress>)], alt: String) {
        let label_w = 150.0;
        let bar_x = MARGIN + label_w + 6.0;
        let bar_w = PAGE_W - MARGIN - bar_x - 30.0;
        self.begin(Kind::Figure(alt));
        for (label, progress, expected) in bars {
            self.room(16.0);
            let top = self.y + 3.0;
            let mut label = label.clone();
            while width(&label, BODY, false) > label_w && label.chars().count() > 2 {
                label.pop();
                label.pop();
                label.push('…');
            }
            let mark = self.leaf();
            self.text(MARGIN, top + 8.0, BODY, false, INK, &label, mark);
            let mark = self.leaf();
            self.rect(bar_x, top, bar_w, 10.0, BAR_BG, mark);
            let filled = bar_w * f32::from(progress.value()) / 100.0;
            let mark = self.leaf();
            self.rect(bar_x, top, filled, 10.0, BAR, mark);
            if let Some(e) = expected {
                let ex = bar_x + bar_w * f32::from(e.value()) / 100.0;
                let mark = self.leaf();
                self.rect(ex - 0.75, top - 2.0, 1.5, 14.0, EXPECTED, mark);
            }
            let value = format!("{progress} %");
            let mark = self.leaf();
            self.text(
                bar_x + bar_w + 4.0,
                top + 8.0,
                BODY,
                true,
                INK,
                &value,
                mark,
            );
            self.y += 16.0;
        }
        self.end();
        self.y += 6.0;
    }

    /// Closes whatever is still open and hands over the structure.
    fn finish_tree(&mut self) -> Vec<Node> {
        while !self.open.is_empty() {
            self.end();
        }
        std::mem::take(&mut self.tree)
    }
}

fn date(tr: &Tr, d: Option<chrono::NaiveDate>) -> String {
    crate::i18n::format::maybe_date(tr, d)
}

fn pct(p: Option<Progress>) -> String {
    p.map(|p| format!("{p} %")).unwrap_or_else(|| "—".into())
}

pub fn render(report: &Report, tr: &Tr, seal: Option<&Seal>) -> anyhow::Result<Vec<u8>> {
    let as_of = crate::i18n::format::long_date(tr, report.as_of);
    let mut l = Layout::new(format!("{} · {}", report.plan.title, as_of));
    header(&mut l, report, tr, &as_of);
    if let Some(seal) = seal {
        sealed(&mut l, seal, tr);
    }
    summary(&mut l, report, tr);
    chart(&mut l, report, tr);
    commitments(&mut l, report, tr);
    milestones(&mut l, report, tr);
    updates(&mut l, report, tr);
    assessments(&mut l, report, tr);
    draw(l, report, tr)
}

fn header(l: &mut Layout, r: &Report, tr: &Tr, as_of: &str) {
    let title = tr.t("mreport-title");
    l.block(Kind::Heading(1, title.clone()), &title, 18.0, true, INK);
    l.paragraph(&r.plan.title, 13.0, false, INK);
    l.y += 4.0;
    let period = format!(
        "{} · {} – {}",
        r.plan.government,
        date(tr, Some(r.plan.period_start)),
        date(tr, Some(r.plan.period_end))
    );
    l.paragraph(&period, 10.0, false, MUTED);
    l.paragraph(&tr.t1("mreport-as-of-line", "date", as_of), 10.0, true, INK);
    if r.plan.is_demo {
        l.paragraph(&tr.t("mreport-demo-notice"), 9.0, false, EXPECTED);
    }
}

/// A frozen report's name, date, hash and sign-offs.
fn sealed(l: &mut Layout, seal: &Seal, tr: &Tr) {
    let heading = tr.t1("mreport-frozen-heading", "label", &seal.label);
    l.heading(2, &heading, 3.0 * BODY * LINE);
    let frozen_on = crate::i18n::format::moment(tr, seal.frozen_at);
    l.paragraph(
        &tr.t1("mreport-frozen-on", "date", frozen_on),
        BODY,
        false,
        INK,
    );
    l.paragraph(
        &format!("{}: {}", tr.t("mreport-sha256"), seal.sha256),
        BODY,
        false,
        MUTED,
    );
    l.y += 4.0;
    let title = tr.t("mreport-signoffs");
    if seal.signoffs.is_empty() {
        l.heading(3, &title, BODY * LINE);
        l.paragraph(&tr.t("mreport-signoffs-none"), BODY, false, MUTED);
        return;
    }
    let rows: Vec<Vec<String>> = seal
        .signoffs
        .iter()
        .map(|s| {
            vec![
                s.member.clone(),
                s.representative.clone().unwrap_or_default(),
                crate::i18n::format::moment(tr, s.signed_at),
            ]
        })
        .collect();
    let headers = [
        "mreport-col-member",
        "mreport-col-representative",
        "mreport-col-signed-at",
    ]
    .map(|k| tr.t(k));
    let shares = [0.45, 0.3, 0.25];
    l.heading(3, &title, Layout::table_lead(&headers, &shares, &rows));
    l.table(&title, &headers, &shares, &rows);
}

/// The summary figures, the validation counts included, as the HTML and XLSX show them.
pub fn summary_rows(r: &Report, tr: &Tr) -> Vec<Vec<String>> {
    let s = &r.summary;
    let h = &s.commitment_health;
    let v = &s.reviews;
    [
        ("mreport-col-validated", format!("{} %", s.progress)),
        ("mreport-col-reported", format!("{} %", s.reported)),
        ("mreport-commitments", s.commitments.to_string()),
        ("mreport-milestones", s.milestones.to_string()),
        ("mreport-updates", s.updates.to_string()),
        ("health-completed", h.completed.to_string()),
        ("health-on-track", h.on_track.to_string()),
        ("health-at-risk", h.at_risk.to_string()),
        ("health-overdue", h.overdue.to_string()),
        ("health-not-started", h.not_started.to_string()),
        ("health-cancelled", h.cancelled.to_string()),
        ("review-state-validated", v.validated.to_string()),
        ("review-state-pending", v.pending.to_string()),
        ("review-state-returned", v.returned.to_string()),
        ("review-state-contested", v.contested.to_string()),
    ]
    .into_iter()
    .map(|(key, value)| vec![tr.t(key), value])
    .collect()
}

fn summary(l: &mut Layout, r: &Report, tr: &Tr) {
    let headers = [tr.t("mreport-col-field"), tr.t("mreport-col-value")];
    l.table_section(
        &tr.t("mreport-summary"),
        &headers,
        &[0.6, 0.4],
        &summary_rows(r, tr),
    );
}

/// The chart's text alternative: each commitment's validated progress (what the bars show),
/// its reported progress and its expected progress.
fn chart_alt(r: &Report, tr: &Tr) -> String {
    let expected = tr.t("mreport-col-expected");
    let reported = tr.t("mreport-col-reported");
    let bars: Vec<String> = r
        .commitments
        .iter()
        .map(|c| {
            let head = format!(
                "{}. {}: {} % ({reported}: {} %",
                c.code, c.title, c.progress, c.reported
            );
            match c.expected {
                Some(e) => format!("{head}; {expected}: {e} %)"),
                None => format!("{head})"),
            }
        })
        .collect();
    format!("{}. {}", tr.t("mreport-chart"), bars.join("; "))
}

fn chart(l: &mut Layout, r: &Report, tr: &Tr) {
    l.heading(2, &tr.t("mreport-chart"), 8.0 * LINE + 4.0 + 16.0);
    l.paragraph(&tr.t("mreport-chart-legend"), 8.0, false, MUTED);
    l.y += 4.0;
    let bars: Vec<(String, Progress, Option<Progress>)> = r
        .commitments
        .iter()
        .map(|c| (format!("{}. {}", c.code, c.title), c.progress, c.expected))
        .collect();
    l.chart(&bars, chart_alt(r, tr));
}

fn commitments(l: &mut Layout, r: &Report, tr: &Tr) {
    let rows: Vec<Vec<String>> = r
        .commitments
        .iter()
        .map(|c| {
            vec![
                c.code.clone(),
                c.title.clone(),
                c.lead.clone().unwrap_or_default(),
                format!("{} %", c.progress),
                format!("{} %", c.reported),
                pct(c.expected),
                tr.t(c.health.label_key()),
            ]
        })
        .collect();
    let headers = [
        "mreport-col-code",
        "mreport-col-title",
        "mreport-col-lead",
        "mreport-col-validated",
        "mreport-col-reported",
        "mreport-col-expected",
        "mreport-col-health",
    ]
    .map(|k| tr.t(k));
    l.table_section(
        &tr.t("mreport-commitments"),
        &headers,
        &[0.08, 0.32, 0.18, 0.1, 0.1, 0.1, 0.12],
        &rows,
    );
}

fn milestones(l: &mut Layout, r: &Report, tr: &Tr) {
    let rows: Vec<Vec<String>> = r
        .milestones
        .iter()
        .map(|m| {
            vec![
                format!("{}.{}", m.commitment_code, m.position),
                m.title.clone(),
                m.responsible.clone().unwrap_or_default(),
                date(tr, m.due),
                format!("{} %", m.progress),
                format!("{} %", m.reported),
                pct(m.expected),
                tr.t(m.health.label_key()),
            ]
        })
        .collect();
    let headers = [
        "mreport-col-code",
        "mreport-col-milestone",
        "mreport-col-responsible",
        "mreport-col-due",
        "mreport-col-validated",
        "mreport-col-reported",
        "mreport-col-expected",
        "mreport-col-health",
    ]
    .map(|k| tr.t(k));
    l.table_section(
        &tr.t("mreport-milestones"),
        &headers,
        &[0.07, 0.24, 0.17, 0.12, 0.09, 0.09, 0.09, 0.13],
        &rows,
    );
}

fn updates(l: &mut Layout, r: &Report, tr: &Tr) {
    let title = tr.t("mreport-updates");
    if r.updates.is_empty() {
        l.heading(2, &title, BODY * LINE);
        l.paragraph(&tr.t("mreport-none"), BODY, false, MUTED);
        return;
    }
    let rows: Vec<Vec<String>> = r
        .updates
        .iter()
        .map(|u| {
            vec![
                date(tr, Some(u.reported_at.date_naive())),
                format!("{}.{}", u.commitment_code, u.milestone_position),
                format!("{} %", u.progress),
                tr.t(u.status.label_key()),
                tr.t(u.review.label_key()),
                u.narrative.clone(),
            ]
        })
        .collect();
    let headers = [
        "mreport-col-reported-at",
        "mreport-col-code",
        "mreport-col-progress",
        "mreport-col-status",
        "mreport-col-review",
        "mreport-col-narrative",
    ]
    .map(|k| tr.t(k));
    l.table_section(
        &title,
        &headers,
        &[0.14, 0.08, 0.08, 0.12, 0.15, 0.43],
        &rows,
    );
}

fn assessments(l: &mut Layout, r: &Report, tr: &Tr) {
    let title = tr.t("mreport-assessments");
    if r.assessments.is_empty() {
        l.heading(2, &title, BODY * LINE);
        l.paragraph(&tr.t("mreport-none"), BODY, false, MUTED);
        return;
    }
    let rows: Vec<Vec<String>> = r
        .assessments
        .iter()
        .map(|a| {
            vec![
                a.commitment_code.clone(),
                a.period_label.clone(),
                label(tr, "impact", a.potential_impact.as_deref()),
                label(tr, "completion", a.completion.as_deref()),
                label(tr, "early-results", a.early_results.as_deref()),
                a.narrative.clone(),
            ]
        })
        .collect();
    l.table_section(&title, &assessment_headers(tr), &ASSESSMENT_SHARES, &rows);
}

const ASSESSMENT_SHARES: [f32; 6] = [0.08, 0.17, 0.13, 0.13, 0.13, 0.36];

fn assessment_headers(tr: &Tr) -> [String; 6] {
    [
        "mreport-col-code",
        "mreport-col-period",
        "mreport-col-impact",
        "mreport-col-completion",
        "mreport-col-early-results",
        "mreport-col-narrative",
    ]
    .map(|k| tr.t(k))
}

fn fill(colour: Colour) -> Fill {
    Fill {
        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// Draws one piece inside its marked-content section; content returns its identifier.
fn draw_op(surface: &mut Surface<'_>, op: &Op, fonts: (&Font, &Font)) -> (Mark, Identifier) {
    let (mark, is_text) = match op {
        Op::Text { mark, .. } => (*mark, true),
        Op::Rect { mark, .. } => (*mark, false),
    };
    let tag = match mark {
        Mark::Artifact(kind) => ContentTag::Artifact(Artifact::with_kind(kind)),
        Mark::Content(_) if is_text => ContentTag::Span(SpanTag::empty()),
        Mark::Content(_) => ContentTag::Other,
    };
    let id = surface.start_tagged(tag);
    match op {
        Op::Text {
            x,
            y,
            size,
            bold,
            colour,
            text,
            ..
        } => {
            // An empty cell is still a (blank) piece of its cell.
            if !text.is_empty() {
                surface.set_fill(Some(fill(*colour)));
                let font = if *bold { fonts.1 } else { fonts.0 };
                surface.draw_text(
                    Point::from_xy(*x, *y),
                    font.clone(),
                    *size,
                    text,
                    false,
                    TextDirection::Auto,
                );
            }
        }
        Op::Rect {
            x, y, w, h, colour, ..
        } => {
            if let Some(rect) = Rect::from_xywh(*x, *y, w.max(0.01), h.max(0.01)) {
                let mut path = PathBuilder::new();
                path.push_rect(rect);
                if let Some(path) = path.finish() {
                    surface.set_fill(Some(fill(*colour)));
                    surface.draw_path(&path);
                }
            }
        }
    }
    surface.end_tagged();
    (mark, id)
}

/// The structure with every leaf replaced by the identifier of what was drawn for it.
fn tag_node(node: Node, ids: &mut [Option<Identifier>]) -> Option<krilla::tagging::Node> {
    match node {
        Node::Leaf(n) => ids.get_mut(n).and_then(Option::take).map(Into::into),
        Node::Group(kind, children) => {
            let tag: TagKind = match kind {
                Kind::Heading(level, title) => Tag::Hn(
                    NonZeroU16::new(level).unwrap_or(NonZeroU16::MIN),
                    Some(title),
                )
                .into(),
                Kind::Paragraph => Tag::P.into(),
                Kind::Table(summary) => Tag::Table.with_summary(Some(summary)).into(),
                Kind::Head => Tag::THead.into(),
                Kind::Body => Tag::TBody.into(),
                Kind::Row => Tag::TR.into(),
                Kind::HeaderCell => Tag::TH(TableHeaderScope::Column).into(),
                Kind::Cell => Tag::TD.into(),
                Kind::Figure(alt) => Tag::Figure(Some(alt)).into(),
            };
            let children = children
                .into_iter()
                .filter_map(|c| tag_node(c, ids))
                .collect();
            Some(TagGroup::with_children(tag, children).into())
        }
    }
}

fn draw(mut l: Layout, report: &Report, tr: &Tr) -> anyhow::Result<Vec<u8>> {
    let regular = Font::new(REGULAR_TTF.into(), 0)
        .ok_or_else(|| anyhow::anyhow!("the embedded regular font does not load"))?;
    let bold = Font::new(BOLD_TTF.into(), 0)
        .ok_or_else(|| anyhow::anyhow!("the embedded bold font does not load"))?;
    let lang = tr.locale.code().to_owned();
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{} — {}", tr.t("mreport-title"), report.plan.title))
            .language(lang.clone())
            .creator("Abierto".to_owned()),
    );
    let tree = l.finish_tree();
    let mut ids: Vec<Option<Identifier>> = vec![None; l.leaves];
    let count = l.pages.len();
    for (n, ops) in std::mem::take(&mut l.pages).into_iter().enumerate() {
        let settings =
            PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| anyhow::anyhow!("page size"))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let footer = format!(
            "{} · {}",
            l.footer,
            tr.t1("mreport-page", "page", format!("{}/{}", n + 1, count))
        );
        let footer_op = Op::Text {
            x: MARGIN,
            y: PAGE_H - MARGIN / 2.0,
            size: 7.5,
            bold: false,
            colour: MUTED,
            text: footer,
            mark: Mark::Artifact(ArtifactType::Footer),
        };
        for op in ops.iter().chain(std::iter::once(&footer_op)) {
            if let (Mark::Content(leaf), id) = draw_op(&mut surface, op, (&regular, &bold))
                && let Some(slot) = ids.get_mut(leaf)
            {
                *slot = Some(id);
            }
        }
        surface.finish();
        page.finish();
    }
    let mut tag_tree = TagTree::new().with_lang(Some(lang));
    for node in tree {
        if let Some(node) = tag_node(node, &mut ids) {
            tag_tree.push(node);
        }
    }
    document.set_tag_tree(tag_tree);
    document
        .finish()
        .map_err(|e| anyhow::anyhow!("writing the PDF: {e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn flat(s: &str) -> String {
        s.split_whitespace().collect()
    }

    fn every_word_whole(lines: &[String], text: &str) -> bool {
        let words: Vec<&str> = text.split_whitespace().collect();
        lines
            .iter()
            .flat_map(|l| l.split_whitespace())
            .all(|w| words.contains(&w))
    }

    #[test]
    fn lines_break_at_spaces_not_inside_words() {
        let text = "Cumplimiento de los compromisos del plan de acción";
        let max = width("Cumplimiento", BODY, true) + 1.0;
        let lines = wrap(text, BODY, true, max);
        assert!(lines.len() > 1);
        assert_eq!(lines[0], "Cumplimiento");
        assert!(every_word_whole(&lines, text), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        for line in &lines {
            assert!(width(line, BODY, true) <= max, "{line}");
        }
    }

    #[test]
    fn only_a_word_wider_than_the_line_is_cut() {
        let long = "https://example.org/un/enlace/muy/largo/que/no/cabe/en/la/columna";
        let text = format!("Ver {long} ahora");
        let max = 60.0;
        let lines = wrap(&text, BODY, false, max);
        assert_eq!(lines.first().map(String::as_str), Some("Ver"));
        assert!(lines.iter().any(|l| l.split(' ').any(|w| w == "ahora")));
        assert_eq!(flat(&lines.concat()), flat(&text), "nothing lost, in order");
        assert!(lines.len() > 3, "the long word is cut: {lines:?}");
        for line in &lines {
            assert!(width(line, BODY, false) <= max, "{line}");
        }
    }

    #[test]
    fn wrapped_lines_keep_their_word_breaks_for_extraction() {
        let lines = wrap_lines("uno dos tres", BODY, false, width("uno dos", BODY, false));
        let joined: String = lines.iter().map(drawn).collect();
        assert_eq!(joined, "uno dos tres");
        let cut = wrap_lines("abcdefghij", BODY, false, width("abcd", BODY, false));
        let joined: String = cut.iter().map(drawn).collect();
        assert_eq!(joined, "abcdefghij", "a cut word gets no space");
        assert_eq!(wrap("", BODY, false, 50.0), vec![String::new()]);
        assert_eq!(wrap("a\n\nb", BODY, false, 50.0), vec!["a", "", "b"]);
    }

    #[test]
    fn columns_widen_to_keep_their_widest_word_whole() {
        let tr = Tr::new(Locale::Es);
        let headers = assessment_headers(&tr);
        let cols = Layout::columns(&headers, &ASSESSMENT_SHARES, &[]);
        let total: f32 = cols.iter().map(|(_, w)| w).sum();
        assert!((total - TEXT_W).abs() < 0.01, "{total}");
        for (header, (_, w)) in headers.iter().zip(&cols) {
            let lines = wrap(header, BODY, true, w - CELL_PAD);
            assert!(every_word_whole(&lines, header), "{header}: {lines:?}");
        }
        assert_eq!(
            fit_columns(&[0.5, 0.5], &[10.0, 80.0], 100.0),
            vec![20.0, 80.0]
        );
        assert_eq!(
            fit_columns(&[0.5, 0.5], &[10.0, 10.0], 100.0),
            vec![50.0, 50.0]
        );
    }

    #[test]
    fn a_table_header_never_ends_a_page_alone() {
        let headers = vec!["Código".to_owned(), "Descripción".to_owned()];
        let rows: Vec<Vec<String>> = (0..200)
            .map(|i| vec![i.to_string(), "Una fila de la tabla".to_owned()])
            .collect();
        for start in (0..60).map(|i| MARGIN + i as f32 * 12.5) {
            let mut l = Layout::new(String::new());
            l.y = start;
            l.table_section("Tabla", &headers, &[0.3, 0.7], &rows);
            for (n, page) in l.pages.iter().enumerate() {
                // The last text of every page is a body cell, never the header or heading.
                let last = page.iter().rev().find_map(|op| match op {
                    Op::Text { bold, text, .. } => Some((*bold, text.clone())),
                    Op::Rect { .. } => None,
                });
                if let Some((bold, text)) = last {
                    assert!(!bold, "page {n} (start {start}) ends with {text:?}");
                }
            }
            // Each page the table goes on to starts with its header again, as an artifact.
            let first_texts: Vec<_> = l
                .pages
                .iter()
                .map(|page| {
                    page.iter().find_map(|op| match op {
                        Op::Text { text, mark, .. } => Some((text.clone(), *mark)),
                        Op::Rect { .. } => None,
                    })
                })
                .collect();
            let starts = first_texts
                .iter()
                .position(|t| t.as_ref().is_some_and(|(text, _)| text == "Tabla"))
                .unwrap_or(0);
            for first in &first_texts[starts + 1..] {
                assert_eq!(first, &Some(("Código".to_owned(), PAGINATION)));
            }
        }
    }

    #[test]
    fn every_piece_of_content_has_exactly_one_place_in_the_structure() {
        let mut l = Layout::new(String::new());
        l.heading(2, "Resumen", 20.0);
        l.table_section(
            "Tabla",
            &["A".to_owned(), "B".to_owned()],
            &[0.5, 0.5],
            &[vec!["1".to_owned(), String::new()]],
        );
        let tree = l.finish_tree();
        fn leaves(nodes: &[Node], out: &mut Vec<usize>) {
            for node in nodes {
                match node {
                    Node::Leaf(n) => out.push(*n),
                    Node::Group(_, children) => leaves(children, out),
                }
            }
        }
        let mut found = Vec::new();
        leaves(&tree, &mut found);
        assert_eq!(found, (0..l.leaves).collect::<Vec<_>>());
        let drawn: Vec<usize> = l
            .pages
            .iter()
            .flatten()
            .filter_map(|op| match op {
                Op::Text {
                    mark: Mark::Content(n),
                    ..
                }
                | Op::Rect {
                    mark: Mark::Content(n),
                    ..
                } => Some(*n),
                _ => None,
            })
            .collect();
        assert_eq!(drawn, found, "the empty cell is drawn (blank) too");
    }
}
