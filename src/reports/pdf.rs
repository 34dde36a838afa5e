//! The report as a PDF, made in-process with krilla.
//!
//! Layout is done here in two passes: [`Layout`] places every text run, rule and bar on
//! A4 pages (measuring text with the font's own advances, wrapping table cells), then the
//! pages are drawn. The font is DejaVu Sans (static/fonts, free licence), embedded as a
//! subset with a ToUnicode map, so the text (accents included) can be searched and copied.

use std::sync::LazyLock;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};

use super::label;
use super::model::Report;
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
const BODY: f32 = 8.5;
const LINE: f32 = 1.3;
/// A cell shows at most this many lines; longer text ends with an ellipsis.
const MAX_CELL_LINES: usize = 30;

type Colour = (u8, u8, u8);
const INK: Colour = (30, 30, 30);
const MUTED: Colour = (100, 100, 100);
const RULE: Colour = (190, 190, 190);
const BAR_BG: Colour = (225, 230, 235);
const BAR: Colour = (31, 111, 139);
const EXPECTED: Colour = (200, 80, 40);

enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: Colour,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Colour,
    },
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

/// Greedy word wrap to `max` points; words longer than a line are cut. Each word is
/// measured once, so wrapping is linear in the length of the text.
fn wrap(text: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
    let space = width(" ", size, bold);
    let mut lines = Vec::new();
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
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
            }
            if word_w <= max {
                line.push_str(word);
                line_w = word_w;
                continue;
            }
            for c in word.chars() {
                let mut buf = [0u8; 4];
                let c_w = width(c.encode_utf8(&mut buf), size, bold);
                if line_w + c_w > max && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += c_w;
            }
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    if lines.len() > MAX_CELL_LINES {
        lines.truncate(MAX_CELL_LINES);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

struct Layout {
    pages: Vec<Vec<Op>>,
    y: f32,
    footer: String,
}

impl Layout {
    fn new(footer: String) -> Self {
        Self {
            pages: vec![Vec::new()],
            y: MARGIN,
            footer,
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

    /// Starts a new page unless `height` more points fit on this one.
    fn room(&mut self, height: f32) -> bool {
        if self.y + height > PAGE_H - MARGIN - 14.0 {
            self.new_page();
            return false;
        }
        true
    }

    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, colour: Colour, text: &str) {
        self.ops().push(Op::Text {
            x,
            y,
            size,
            bold,
            colour,
            text: text.to_owned(),
        });
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour) {
        self.ops().push(Op::Rect { x, y, w, h, colour });
    }

    fn paragraph(&mut self, text: &str, size: f32, bold: bool, colour: Colour) {
        for line in wrap(text, size, bold, PAGE_W - 2.0 * MARGIN) {
            self.room(size * LINE);
            self.y += size * LINE;
            let y = self.y;
            self.text(MARGIN, y - size * 0.25, size, bold, colour, &line);
        }
    }

    fn heading(&mut self, text: &str) {
        self.room(60.0);
        self.y += 10.0;
        self.paragraph(text, 12.5, true, INK);
        self.y += 4.0;
    }

    /// A table: `widths` are fractions of the text width; the header repeats on each page.
    fn table(&mut self, headers: &[String], widths: &[f32], rows: &[Vec<String>]) {
        let total = PAGE_W - 2.0 * MARGIN;
        let cols: Vec<(f32, f32)> = widths
            .iter()
            .scan(MARGIN, |x, w| {
                let col = (*x, w * total);
                *x += w * total;
                Some(col)
            })
            .collect();
        let header = Self::wrap_row(headers, &cols, true);
        self.table_row(&header, &cols, true);
        for row in rows {
            let cells = Self::wrap_row(row, &cols, false);
            if !self.room(Self::row_height(&cells)) {
                self.table_row(&header, &cols, true);
            }
            self.table_row(&cells, &cols, false);
        }
        self.y += 6.0;
    }

    fn wrap_row(row: &[String], cols: &[(f32, f32)], bold: bool) -> Vec<Vec<String>> {
        row.iter()
            .zip(cols)
            .map(|(cell, (_, w))| wrap(cell, BODY, bold, w - 4.0))
            .collect()
    }

    fn row_height(cells: &[Vec<String>]) -> f32 {
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1);
        lines as f32 * BODY * LINE + 4.0
    }

    fn table_row(&mut self, cells: &[Vec<String>], cols: &[(f32, f32)], header: bool) {
        let height = Self::row_height(cells);
        self.room(height);
        let top = self.y;
        if header {
            self.rect(MARGIN, top, PAGE_W - 2.0 * MARGIN, height, BAR_BG);
        }
        for (lines, (x, _)) in cells.iter().zip(cols) {
            for (i, line) in lines.iter().enumerate() {
                let y = top + 2.0 + (i as f32 + 1.0) * BODY * LINE - BODY * 0.3;
                self.text(x + 2.0, y, BODY, header, INK, line);
            }
        }
        self.y = top + height;
        self.rect(MARGIN, self.y - 0.4, PAGE_W - 2.0 * MARGIN, 0.4, RULE);
    }

    /// Horizontal bars of progress per commitment, with the expected progress marked.
    fn chart(&mut self, bars: &[(String, Progress, Option<Progress>)]) {
        let label_w = 150.0;
        let bar_x = MARGIN + label_w + 6.0;
        let bar_w = PAGE_W - MARGIN - bar_x - 30.0;
        for (label, progress, expected) in bars {
            self.room(16.0);
            let top = self.y + 3.0;
            let mut label = label.clone();
            while width(&label, BODY, false) > label_w && label.chars().count() > 2 {
                label.pop();
                label.pop();
                label.push('…');
            }
            self.text(MARGIN, top + 8.0, BODY, false, INK, &label);
            self.rect(bar_x, top, bar_w, 10.0, BAR_BG);
            let filled = bar_w * f32::from(progress.value()) / 100.0;
            self.rect(bar_x, top, filled, 10.0, BAR);
            if let Some(e) = expected {
                let ex = bar_x + bar_w * f32::from(e.value()) / 100.0;
                self.rect(ex - 0.75, top - 2.0, 1.5, 14.0, EXPECTED);
            }
            let value = format!("{progress} %");
            self.text(bar_x + bar_w + 4.0, top + 8.0, BODY, true, INK, &value);
            self.y += 16.0;
        }
        self.y += 6.0;
    }
}

fn date(tr: &Tr, d: Option<chrono::NaiveDate>) -> String {
    crate::i18n::format::maybe_date(tr, d)
}

fn pct(p: Option<Progress>) -> String {
    p.map(|p| format!("{p} %")).unwrap_or_else(|| "—".into())
}

pub fn render(report: &Report, tr: &Tr) -> anyhow::Result<Vec<u8>> {
    let as_of = crate::i18n::format::long_date(tr, report.as_of);
    let mut l = Layout::new(format!("{} · {}", report.plan.title, as_of));
    header(&mut l, report, tr, &as_of);
    commitments(&mut l, report, tr);
    milestones(&mut l, report, tr);
    updates(&mut l, report, tr);
    assessments(&mut l, report, tr);
    draw(l, report, tr)
}

fn header(l: &mut Layout, r: &Report, tr: &Tr, as_of: &str) {
    l.paragraph(&tr.t("mreport-title"), 18.0, true, INK);
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
    l.heading(&tr.t("mreport-summary"));
    let s = &r.summary;
    let h = &s.commitment_health;
    let rows = vec![
        vec![tr.t("mreport-col-progress"), format!("{} %", s.progress)],
        vec![tr.t("mreport-commitments"), s.commitments.to_string()],
        vec![tr.t("mreport-milestones"), s.milestones.to_string()],
        vec![tr.t("mreport-updates"), s.updates.to_string()],
        vec![tr.t("health-completed"), h.completed.to_string()],
        vec![tr.t("health-on-track"), h.on_track.to_string()],
        vec![tr.t("health-at-risk"), h.at_risk.to_string()],
        vec![tr.t("health-overdue"), h.overdue.to_string()],
        vec![tr.t("health-not-started"), h.not_started.to_string()],
        vec![tr.t("health-cancelled"), h.cancelled.to_string()],
    ];
    l.table(
        &[tr.t("mreport-col-field"), tr.t("mreport-col-value")],
        &[0.6, 0.4],
        &rows,
    );
    l.heading(&tr.t("mreport-chart"));
    l.paragraph(&tr.t("mreport-chart-legend"), 8.0, false, MUTED);
    l.y += 4.0;
    let bars: Vec<(String, Progress, Option<Progress>)> = r
        .commitments
        .iter()
        .map(|c| (format!("{}. {}", c.code, c.title), c.progress, c.expected))
        .collect();
    l.chart(&bars);
}

fn commitments(l: &mut Layout, r: &Report, tr: &Tr) {
    l.heading(&tr.t("mreport-commitments"));
    let rows: Vec<Vec<String>> = r
        .commitments
        .iter()
        .map(|c| {
            vec![
                c.code.clone(),
                c.title.clone(),
                c.lead.clone().unwrap_or_default(),
                format!("{} %", c.progress),
                pct(c.expected),
                tr.t(c.health.label_key()),
            ]
        })
        .collect();
    let headers = [
        "mreport-col-code",
        "mreport-col-title",
        "mreport-col-lead",
        "mreport-col-progress",
        "mreport-col-expected",
        "mreport-col-health",
    ]
    .map(|k| tr.t(k));
    l.table(&headers, &[0.09, 0.38, 0.2, 0.1, 0.1, 0.13], &rows);
}

fn milestones(l: &mut Layout, r: &Report, tr: &Tr) {
    l.heading(&tr.t("mreport-milestones"));
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
        "mreport-col-progress",
        "mreport-col-expected",
        "mreport-col-health",
    ]
    .map(|k| tr.t(k));
    l.table(&headers, &[0.08, 0.27, 0.2, 0.13, 0.08, 0.1, 0.14], &rows);
}

fn updates(l: &mut Layout, r: &Report, tr: &Tr) {
    l.heading(&tr.t("mreport-updates"));
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
    l.table(&headers, &[0.14, 0.08, 0.08, 0.12, 0.15, 0.43], &rows);
}

fn assessments(l: &mut Layout, r: &Report, tr: &Tr) {
    l.heading(&tr.t("mreport-assessments"));
    if r.assessments.is_empty() {
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
    let headers = [
        "mreport-col-code",
        "mreport-col-period",
        "mreport-col-impact",
        "mreport-col-completion",
        "mreport-col-early-results",
        "mreport-col-narrative",
    ]
    .map(|k| tr.t(k));
    l.table(&headers, &[0.08, 0.17, 0.13, 0.13, 0.13, 0.36], &rows);
}

fn fill(colour: Colour) -> Fill {
    Fill {
        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn draw(l: Layout, report: &Report, tr: &Tr) -> anyhow::Result<Vec<u8>> {
    let regular = Font::new(REGULAR_TTF.into(), 0)
        .ok_or_else(|| anyhow::anyhow!("the embedded regular font does not load"))?;
    let bold = Font::new(BOLD_TTF.into(), 0)
        .ok_or_else(|| anyhow::anyhow!("the embedded bold font does not load"))?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{} — {}", tr.t("mreport-title"), report.plan.title))
            .language(tr.locale.code().to_owned())
            .creator("Abierto".to_owned()),
    );
    let count = l.pages.len();
    for (n, ops) in l.pages.into_iter().enumerate() {
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
        };
        for op in ops.iter().chain(std::iter::once(&footer_op)) {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold: b,
                    colour,
                    text,
                } => {
                    if text.is_empty() {
                        continue;
                    }
                    surface.set_fill(Some(fill(*colour)));
                    let font = if *b { bold.clone() } else { regular.clone() };
                    surface.draw_text(
                        Point::from_xy(*x, *y),
                        font,
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Rect { x, y, w, h, colour } => {
                    let Some(rect) = Rect::from_xywh(*x, *y, w.max(0.01), h.max(0.01)) else {
                        continue;
                    };
                    let mut path = PathBuilder::new();
                    path.push_rect(rect);
                    if let Some(path) = path.finish() {
                        surface.set_fill(Some(fill(*colour)));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| anyhow::anyhow!("writing the PDF: {e}"))
}
