//! Server-rendered SVG charts: no script, readable by screen readers (title and desc), and
//! always shown beside a table with the same figures. Every text is escaped here, since the
//! template includes the SVG as markup.
//!
//! The charts have no `viewBox`: positions across are percentages of the width they are given
//! and positions down are pixels. A chart then fills a 360-pixel phone or a desktop column
//! with its text at the same legible size; only its lines get longer. Series differ by line
//! style and marker shape as well as colour, so they can be told apart in grey print.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use crate::domain::series::{ProgressSeries, SeriesPoint};

/// Text made safe for SVG (XML) content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A percentage of the chart's width, as an SVG length.
fn pct(value: f64) -> String {
    format!("{value:.2}%")
}

/// The opening tag, named and described for screen readers; `id` must be unique in the page.
fn open(svg: &mut String, id: &str, class: &str, height: u32, title: &str, desc: &str) {
    let id = escape(id);
    let _ = write!(
        svg,
        r#"<svg class="chart {class}" role="img" aria-labelledby="{id}-title {id}-desc" width="100%" height="{height}"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(desc)
    );
}

/// One bar: its label, its value, and the class that colours it (see the stylesheet).
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: u32,
    pub class: &'static str,
}

/// Each bar has its label on a line of its own above it, so the label has the whole width.
const BAR_ROW: u32 = 44;
const BAR_THICKNESS: u32 = 16;
/// The longest bar leaves room for its value after it.
const BAR_ROOM: f64 = 88.0;
/// Labels longer than this are cut (the full text is in the bar's tooltip and the table).
const MAX_LABEL_CHARS: usize = 44;

fn short(label: &str) -> String {
    if label.chars().count() <= MAX_LABEL_CHARS {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(MAX_LABEL_CHARS - 1).collect();
        format!("{cut}…")
    }
}

/// A horizontal bar chart; `id` must be unique in the page (it names the title and desc).
pub fn bar_chart(id: &str, title: &str, desc: &str, bars: &[Bar]) -> String {
    let rows = u32::try_from(bars.len()).unwrap_or(u32::MAX).max(1);
    let height = rows * BAR_ROW + 8;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let mut svg = String::new();
    open(&mut svg, id, "chart-bars", height, title, desc);
    for (i, bar) in bars.iter().enumerate() {
        let top = u32::try_from(i).unwrap_or(0) * BAR_ROW;
        let length = f64::from(bar.value) * BAR_ROOM / f64::from(max);
        let label = escape(&bar.label);
        let _ = write!(
            svg,
            r#"<g><title>{label}: {value}</title><text x="0" y="{label_y}" class="chart-label">{short}</text><rect x="0" y="{bar_y}" width="{width}" height="{BAR_THICKNESS}" class="chart-bar {class}"/><text x="{width}" dx="6" y="{value_y}" class="chart-value">{value}</text></g>"#,
            value = bar.value,
            label_y = top + 14,
            bar_y = top + 20,
            value_y = top + 33,
            width = pct(length),
            short = escape(&short(&bar.label)),
            class = escape(bar.class),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Where a day falls across a chart running from `from` to `to`, in percent of its width
/// (kept off the edges, so markers there are drawn whole).
#[derive(Debug, Clone, Copy)]
struct DateScale {
    from: NaiveDate,
    to: NaiveDate,
}

const EDGE: f64 = 2.0;

impl DateScale {
    fn x(self, day: NaiveDate) -> f64 {
        let span = (self.to - self.from).num_days();
        if span <= 0 {
            return EDGE;
        }
        let elapsed = (day - self.from).num_days().clamp(0, span);
        // Both spans are day counts of a few thousand at most: exact in f64.
        EDGE + (100.0 - 2.0 * EDGE) * (elapsed as f64) / (span as f64)
    }
}

/// The days to label on a date axis from `from` to `to`: both ends, and between them the
/// first of each year (long periods), of each quarter or of each month (short ones), never
/// so close to an end that the labels would run into each other.
pub fn date_ticks(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let span = (to - from).num_days();
    if span <= 0 {
        return vec![from];
    }
    let every_months = if span <= 120 {
        1
    } else if span <= 550 {
        3
    } else {
        12
    };
    let mut inner = Vec::new();
    let mut month = NaiveDate::from_ymd_opt(from.year(), from.month(), 1);
    while let Some(day) = month.and_then(|m| m.checked_add_months(chrono::Months::new(1))) {
        month = Some(day);
        if day >= to {
            break;
        }
        if (day.month0() % every_months) == 0 {
            inner.push(day);
        }
    }
    let scale = DateScale { from, to };
    // The end labels are month and year, about a fifth of a phone's width.
    inner.retain(|d| (22.0..=78.0).contains(&scale.x(*d)));
    // At most six between the ends: every other one if there are more.
    let step = inner.len().div_ceil(6).max(1);
    let mut ticks = vec![from];
    ticks.extend(inner.into_iter().step_by(step));
    ticks.push(to);
    ticks
}

/// The names of the three series of a progress chart, for the tooltips of its markers.
#[derive(Debug, Clone, Copy)]
pub struct SeriesNames<'a> {
    pub reported: &'a str,
    pub validated: &'a str,
    pub expected: &'a str,
}

/// What a progress-over-time chart shows.
#[derive(Debug, Clone, Copy)]
pub struct SeriesChart<'a> {
    /// Unique in the page (it names the title and desc).
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub series: &'a ProgressSeries,
    /// One label per point of the series: its date as the table beside the chart shows it.
    pub point_labels: &'a [String],
    /// The days of the date axis and their labels.
    pub ticks: &'a [(NaiveDate, String)],
    pub today_label: &'a str,
    pub names: SeriesNames<'a>,
}

const LINE_HEIGHT: u32 = 216;
const PLOT_TOP: f64 = 24.0;
const PLOT_BOTTOM: f64 = 188.0;

fn y_of(value: u8) -> f64 {
    PLOT_BOTTOM - f64::from(value) * (PLOT_BOTTOM - PLOT_TOP) / 100.0
}

fn line(svg: &mut String, (x1, y1): (f64, f64), (x2, y2): (f64, f64)) {
    let _ = write!(
        svg,
        r#"<line x1="{}" y1="{y1:.1}" x2="{}" y2="{y2:.1}"/>"#,
        pct(x1),
        pct(x2)
    );
}

/// A figure held from each point to the next: a step line.
fn steps(svg: &mut String, class: &str, name: &str, points: &[(f64, u8)]) {
    let _ = write!(
        svg,
        r#"<g class="series {class}"><title>{}</title>"#,
        escape(name)
    );
    for pair in points.windows(2) {
        let [(x1, v1), (x2, v2)] = pair else { continue };
        line(svg, (*x1, y_of(*v1)), (*x2, y_of(*v1)));
        if v1 != v2 {
            line(svg, (*x2, y_of(*v1)), (*x2, y_of(*v2)));
        }
    }
    svg.push_str("</g>");
}

/// Reported, validated and expected progress over time, with today marked. Reported is a
/// dashed line with round markers, validated a solid line with square markers, expected a
/// dotted line; each marker's tooltip gives its date and figure.
pub fn progress_over_time(chart: &SeriesChart<'_>) -> String {
    let series = chart.series;
    let scale = DateScale {
        from: series.from,
        to: series.to,
    };
    let mut svg = String::new();
    open(
        &mut svg,
        chart.id,
        "chart-series",
        LINE_HEIGHT,
        chart.title,
        chart.desc,
    );

    svg.push_str(r#"<g class="chart-grid">"#);
    for value in [0_u8, 25, 50, 75, 100] {
        line(&mut svg, (0.0, y_of(value)), (100.0, y_of(value)));
    }
    svg.push_str("</g>");
    for value in [0_u8, 25, 50, 75, 100] {
        // The top label goes under its line, the others over theirs.
        let y = if value == 100 {
            y_of(value) + 13.0
        } else {
            y_of(value) - 4.0
        };
        let _ = write!(
            svg,
            r#"<text x="0" dx="2" y="{y:.1}" class="chart-axis">{value} %</text>"#
        );
    }

    let label_of = |i: usize| escape(chart.point_labels.get(i).map_or("", String::as_str));
    let known: Vec<(usize, &SeriesPoint)> = series.points.iter().enumerate().collect();
    let expected: Vec<(f64, u8)> = known
        .iter()
        .filter_map(|(_, p)| Some((scale.x(p.on), p.expected?.value())))
        .collect();
    let _ = write!(
        svg,
        r#"<g class="series series-expected"><title>{}</title>"#,
        escape(chart.names.expected)
    );
    for pair in expected.windows(2) {
        let [(x1, v1), (x2, v2)] = pair else { continue };
        line(&mut svg, (*x1, y_of(*v1)), (*x2, y_of(*v2)));
    }
    svg.push_str("</g>");

    let past: Vec<(usize, &SeriesPoint, f64)> = known
        .iter()
        .filter(|(_, p)| p.figures.is_some())
        .map(|(i, p)| (*i, *p, scale.x(p.on)))
        .collect();
    let figure = |of: fn(&crate::domain::series::DayFigures) -> u8| -> Vec<(f64, u8)> {
        past.iter()
            .filter_map(|(_, p, x)| Some((*x, of(&p.figures?))))
            .collect()
    };
    let names = chart.names;
    steps(
        &mut svg,
        "series-validated",
        names.validated,
        &figure(|f| f.validated.value()),
    );
    steps(
        &mut svg,
        "series-reported",
        names.reported,
        &figure(|f| f.reported.value()),
    );

    // Markers: a square where the validated figure changed, a circle on every day something
    // was reported or decided.
    svg.push_str(r#"<g class="markers markers-validated">"#);
    let mut before: Option<u8> = None;
    for (i, p, x) in &past {
        let Some(f) = p.figures else { continue };
        let value = f.validated.value();
        if before.is_some_and(|b| b != value) || (before.is_none() && p.event && value > 0) {
            let _ = write!(
                svg,
                r#"<rect x="{}" y="{:.1}" width="8" height="8" transform="translate(-4 0)"><title>{}: {} {value} %</title></rect>"#,
                pct(*x),
                y_of(value) - 4.0,
                label_of(*i),
                escape(chart.names.validated)
            );
        }
        before = Some(value);
    }
    svg.push_str(r#"</g><g class="markers markers-reported">"#);
    for (i, p, x) in past.iter().filter(|(_, p, _)| p.event) {
        let Some(f) = p.figures else { continue };
        let _ = write!(
            svg,
            r#"<circle cx="{}" cy="{:.1}" r="4.5"><title>{}: {} {} %</title></circle>"#,
            pct(*x),
            y_of(f.reported.value()),
            label_of(*i),
            escape(chart.names.reported),
            f.reported.value()
        );
    }
    svg.push_str("</g>");

    let today = scale.x(series.today);
    svg.push_str(r#"<g class="chart-today">"#);
    line(&mut svg, (today, PLOT_TOP - 6.0), (today, PLOT_BOTTOM));
    let _ = write!(
        svg,
        r#"</g><text x="{}" dx="{}" y="14" text-anchor="{}" class="chart-axis chart-today-label">{}</text>"#,
        pct(today),
        if today > 50.0 { -4 } else { 4 },
        if today > 50.0 { "end" } else { "start" },
        escape(chart.today_label)
    );

    svg.push_str(r#"<g class="chart-ticks">"#);
    for (day, _) in chart.ticks {
        let x = scale.x(*day);
        line(&mut svg, (x, PLOT_BOTTOM), (x, PLOT_BOTTOM + 5.0));
    }
    svg.push_str("</g>");
    for (day, label) in chart.ticks {
        let x = scale.x(*day);
        let anchor = match x {
            x if x < 10.0 => "start",
            x if x > 90.0 => "end",
            _ => "middle",
        };
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="{anchor}" class="chart-axis">{}</text>"#,
            pct(x),
            LINE_HEIGHT - 8,
            escape(label)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One row of a date-span chart: a label above a bar from `start` to `end`.
#[derive(Debug, Clone, Copy)]
pub struct Span<'a> {
    /// Shown above the bar; it says the dates in words.
    pub label: &'a str,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// The bar ends at the last report, not at a completion: the work goes on.
    pub open: bool,
    /// `span-baseline`, `span-current` or `span-actual` (see the stylesheet).
    pub class: &'static str,
}

const SPAN_ROW: u32 = 34;
const SPAN_TOP: u32 = 16;

/// Bars on a date axis from `from` to `to`: a milestone's baseline, current and actual dates,
/// with today marked. A row missing one date shows a mark at the other; missing both, only
/// its label (which says so).
pub fn date_spans(
    id: &str,
    title: &str,
    desc: &str,
    (from, to): (NaiveDate, NaiveDate),
    today: (NaiveDate, &str),
    rows: &[Span<'_>],
) -> String {
    let scale = DateScale { from, to };
    let count = u32::try_from(rows.len()).unwrap_or(u32::MAX).max(1);
    let height = SPAN_TOP + count * SPAN_ROW;
    let mut svg = String::new();
    open(&mut svg, id, "chart-spans", height, title, desc);
    for (i, row) in rows.iter().enumerate() {
        let top = SPAN_TOP + u32::try_from(i).unwrap_or(0) * SPAN_ROW;
        let _ = write!(
            svg,
            r#"<text x="0" y="{}" class="chart-label">{}</text>"#,
            top + 12,
            escape(row.label)
        );
        let (start, end) = match (row.start, row.end) {
            (Some(s), Some(e)) => (scale.x(s.min(e)), scale.x(s.max(e))),
            (Some(d), None) | (None, Some(d)) => (scale.x(d), scale.x(d)),
            (None, None) => continue,
        };
        let open_class = if row.open { " span-open" } else { "" };
        let _ = write!(
            svg,
            r#"<rect x="{}" y="{}" width="{}" height="10" class="span {}{open_class}"/>"#,
            pct(start),
            top + 17,
            pct((end - start).max(0.6)),
            escape(row.class)
        );
        if row.class == "span-actual" {
            let _ = write!(
                svg,
                r#"<circle cx="{}" cy="{}" r="5" class="span-end{open_class}"/>"#,
                pct(end),
                top + 22
            );
        }
    }
    let x = scale.x(today.0);
    let _ = write!(
        svg,
        r#"<g class="chart-today"><line x1="{x}" y1="12" x2="{x}" y2="{height}"/></g><text x="{x}" dx="{}" y="11" text-anchor="{}" class="chart-axis chart-today-label">{}</text>"#,
        if x > 50.0 { -4 } else { 4 },
        if x > 50.0 { "end" } else { "start" },
        escape(today.1),
        x = pct(x),
    );
    svg.push_str("</svg>");
    svg
}

/// One measurement on an indicator chart: its share of the way (raw; drawn clamped to the
/// chart), whether the forum validated it, and the text of its tooltip.
#[derive(Debug, Clone)]
pub struct IndicatorPoint {
    pub on: NaiveDate,
    pub share: f64,
    pub validated: bool,
    pub label: String,
}

/// What an indicator chart shows: measurements from the baseline (0 %) to the target (100 %).
#[derive(Debug, Clone, Copy)]
pub struct IndicatorChart<'a> {
    /// Unique in the page (it names the title and desc).
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Not returned, oldest first.
    pub points: &'a [IndicatorPoint],
    /// The axis labels at 0 % and 100 %: the baseline and target values with their unit.
    pub baseline_label: &'a str,
    pub target_label: &'a str,
    pub ticks: &'a [(NaiveDate, String)],
}

/// An indicator's measurements as a line from the baseline towards the target (a dotted line
/// at the top): a dashed line through every measurement not returned, round markers, and a
/// square on each validated one.
pub fn indicator_over_time(chart: &IndicatorChart<'_>) -> String {
    let scale = DateScale {
        from: chart.from,
        to: chart.to,
    };
    let y = |share: f64| y_of(share.clamp(0.0, 100.0).round() as u8);
    let mut svg = String::new();
    open(
        &mut svg,
        chart.id,
        "chart-series",
        LINE_HEIGHT,
        chart.title,
        chart.desc,
    );
    svg.push_str(r#"<g class="chart-grid">"#);
    for value in [0_u8, 50] {
        line(&mut svg, (0.0, y_of(value)), (100.0, y_of(value)));
    }
    svg.push_str(r#"</g><g class="series series-expected">"#);
    line(&mut svg, (0.0, y_of(100)), (100.0, y_of(100)));
    let _ = write!(
        svg,
        r#"</g><text x="0" dx="2" y="{:.1}" class="chart-axis">{}</text><text x="0" dx="2" y="{:.1}" class="chart-axis">{}</text>"#,
        y_of(100) + 13.0,
        escape(chart.target_label),
        y_of(0) - 4.0,
        escape(chart.baseline_label)
    );
    svg.push_str(r#"<g class="series series-reported">"#);
    for pair in chart.points.windows(2) {
        let [a, b] = pair else { continue };
        line(
            &mut svg,
            (scale.x(a.on), y(a.share)),
            (scale.x(b.on), y(b.share)),
        );
    }
    svg.push_str(r#"</g><g class="markers markers-reported">"#);
    for p in chart.points {
        let _ = write!(
            svg,
            r#"<circle cx="{}" cy="{:.1}" r="4.5"><title>{}</title></circle>"#,
            pct(scale.x(p.on)),
            y(p.share),
            escape(&p.label)
        );
    }
    svg.push_str(r#"</g><g class="markers markers-validated">"#);
    for p in chart.points.iter().filter(|p| p.validated) {
        let _ = write!(
            svg,
            r#"<rect x="{}" y="{:.1}" width="8" height="8" transform="translate(-4 0)"><title>{}</title></rect>"#,
            pct(scale.x(p.on)),
            y(p.share) - 4.0,
            escape(&p.label)
        );
    }
    svg.push_str(r#"</g><g class="chart-ticks">"#);
    for (day, _) in chart.ticks {
        let x = scale.x(*day);
        line(&mut svg, (x, PLOT_BOTTOM), (x, PLOT_BOTTOM + 5.0));
    }
    svg.push_str("</g>");
    for (day, label) in chart.ticks {
        let x = scale.x(*day);
        let anchor = match x {
            x if x < 10.0 => "start",
            x if x > 90.0 => "end",
            _ => "middle",
        };
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="{anchor}" class="chart-axis">{}</text>"#,
            pct(x),
            LINE_HEIGHT - 8,
            escape(label)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone, Utc};

    use super::*;
    use crate::domain::series::commitment_series;
    use crate::domain::{
        CommitmentFacts, CommitmentState, MilestoneFacts, MilestoneStatus, Progress, ReviewState,
        UpdateFact,
    };

    fn bar(label: &str, value: u32) -> Bar {
        Bar {
            label: label.into(),
            value,
            class: "health-on-track",
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0)
            .single()
            .expect("valid time")
    }

    const NAMES: SeriesNames<'static> = SeriesNames {
        reported: "Reportado",
        validated: "Validado",
        expected: "Esperado",
    };

    /// A commitment of 2024 with a validated report of 40 % and a pending one of 70 %.
    fn series(updates: Vec<UpdateFact>) -> ProgressSeries {
        let c = CommitmentFacts {
            state: CommitmentState::Approved,
            start: Some(day(2024, 1, 1)),
            end: Some(day(2024, 12, 31)),
            milestones: vec![MilestoneFacts {
                weight: 1,
                start: Some(day(2024, 1, 1)),
                due: Some(day(2024, 12, 31)),
                updates,
            }],
        };
        commitment_series(&c, at(2024, 9, 1))
    }

    fn report(at: DateTime<Utc>, points: u8, review: ReviewState) -> UpdateFact {
        UpdateFact {
            reported_at: at,
            progress: Progress::try_from(points).expect("0..=100"),
            status: MilestoneStatus::InProgress,
            review,
            reviewed_at: None,
        }
    }

    fn chart_of(series: &ProgressSeries, labels: &[String], title: &str) -> String {
        progress_over_time(&SeriesChart {
            id: "progress",
            title,
            desc: "Avance a lo largo del tiempo",
            series,
            point_labels: labels,
            ticks: &[
                (series.from, "ene 2024".into()),
                (series.to, "dic 2024".into()),
            ],
            today_label: "hoy",
            names: NAMES,
        })
    }

    #[test]
    fn the_chart_is_named_and_described_for_screen_readers() {
        let svg = bar_chart(
            "health",
            "Compromisos por salud",
            "Cuántos hay",
            &[bar("A", 1)],
        );
        assert!(svg.starts_with("<svg "));
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"aria-labelledby="health-title health-desc""#));
        assert!(svg.contains(r#"<title id="health-title">Compromisos por salud</title>"#));
        assert!(svg.contains(r#"<desc id="health-desc">Cuántos hay</desc>"#));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn every_text_is_escaped() {
        let svg = bar_chart(
            "x\"",
            "<script>",
            "a & b",
            &[bar("<img src=x onerror=alert(1)>", 3)],
        );
        assert!(!svg.contains("<script>"));
        assert!(!svg.contains("<img"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("a &amp; b"));
        assert!(svg.contains("x&quot;-title"));
    }

    #[test]
    fn bars_are_proportional_to_the_largest_value() {
        let svg = bar_chart("c", "t", "d", &[bar("A", 4), bar("B", 2), bar("C", 0)]);
        assert!(svg.contains(r#"width="88.00%""#), "{svg}");
        assert!(svg.contains(r#"width="44.00%""#));
        assert!(svg.contains(r#"width="0.00%""#));
    }

    #[test]
    fn an_empty_chart_is_still_valid() {
        let svg = bar_chart("e", "t", "d", &[]);
        assert!(svg.contains(r#"height="52""#), "{svg}");
        assert!(svg.contains(r#"<title id="e-title">t</title>"#));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn charts_keep_their_text_size_whatever_the_width() {
        // No viewBox: the chart is not scaled down to fit a phone, its text stays legible.
        let svg = bar_chart("w", "t", "d", &[bar("A", 1)]);
        assert!(!svg.contains("viewBox"));
        assert!(svg.contains(r#"width="100%""#));
    }

    #[test]
    fn long_labels_are_shortened_in_the_chart_but_whole_in_the_tooltip() {
        let long = "Superintendencia de Control del Poder de Mercado y de la Competencia";
        let svg = bar_chart("l", "t", "d", &[bar(long, 1)]);
        assert!(svg.contains(&format!("<title>{long}: 1</title>")));
        assert!(svg.contains("Superintendencia de Control del Poder de Me…"));
    }

    #[test]
    fn the_progress_chart_is_named_described_and_has_three_series() {
        let s = series(vec![
            report(at(2024, 3, 1), 40, ReviewState::Validated),
            report(at(2024, 6, 1), 70, ReviewState::Pending),
        ]);
        let labels: Vec<String> = s.points.iter().map(|p| p.on.to_string()).collect();
        let svg = chart_of(&s, &labels, "Avance del compromiso 3");
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"<title id="progress-title">Avance del compromiso 3</title>"#));
        assert!(svg.contains(r#"<desc id="progress-desc">Avance a lo largo del tiempo</desc>"#));
        for class in ["series-reported", "series-validated", "series-expected"] {
            assert!(svg.contains(class), "{class}");
        }
        assert!(
            svg.contains("<title>2024-06-01: Reportado 70 %</title>"),
            "{svg}"
        );
        assert!(svg.contains("<title>2024-03-01: Validado 40 %</title>"));
        assert!(svg.contains(">hoy</text>"));
        assert!(!svg.contains("viewBox"));
    }

    #[test]
    fn the_progress_chart_draws_the_reported_figure_as_a_step() {
        let s = series(vec![report(at(2024, 3, 1), 50, ReviewState::Pending)]);
        let svg = chart_of(&s, &[], "t");
        let reported = svg
            .split(r#"<g class="series series-reported">"#)
            .nth(1)
            .and_then(|rest| rest.split("</g>").next())
            .expect("the reported series");
        let scale = DateScale {
            from: s.from,
            to: s.to,
        };
        let (start, march, today) = (
            pct(scale.x(s.from)),
            pct(scale.x(day(2024, 3, 1))),
            pct(scale.x(s.today)),
        );
        let (zero, fifty) = (y_of(0), y_of(50));
        // Flat at 0 until 1 March, up to 50 there, then flat at 50 until today.
        let expected = format!(
            r#"<line x1="{start}" y1="{zero:.1}" x2="{march}" y2="{zero:.1}"/><line x1="{march}" y1="{zero:.1}" x2="{march}" y2="{fifty:.1}"/><line x1="{march}" y1="{fifty:.1}" x2="{today}" y2="{fifty:.1}"/>"#
        );
        assert!(reported.ends_with(&expected), "{reported}");
        assert_eq!(reported.matches("<line").count(), 3, "{reported}");
    }

    #[test]
    fn every_text_of_the_progress_chart_is_escaped() {
        let s = series(vec![report(at(2024, 3, 1), 50, ReviewState::Pending)]);
        let labels: Vec<String> = s.points.iter().map(|_| "<b>".to_owned()).collect();
        let svg = progress_over_time(&SeriesChart {
            id: "a\"b",
            title: "<script>",
            desc: "x & y",
            series: &s,
            point_labels: &labels,
            ticks: &[(s.from, "<i>".into())],
            today_label: "<hoy>",
            names: SeriesNames {
                reported: "<r>",
                validated: "<v>",
                expected: "<e>",
            },
        });
        for raw in [
            "<script>", "<b>", "<i>", "<hoy>", "<r>", "<v>", "<e>", "a\"b",
        ] {
            assert!(!svg.contains(raw), "{raw} left unescaped");
        }
        assert!(svg.contains("&lt;script&gt;") && svg.contains("x &amp; y"));
        assert!(svg.contains("&lt;b&gt;: &lt;r&gt; 50 %"));
    }

    #[test]
    fn a_progress_chart_without_reports_is_still_valid() {
        let s = series(Vec::new());
        let svg = chart_of(&s, &[], "t");
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        assert!(!svg.contains("<circle"), "no report, no marker");
        assert!(svg.contains(r#"<title id="progress-title">t</title>"#));
    }

    #[test]
    fn date_ticks_label_both_ends_and_the_years_between() {
        let ticks = date_ticks(day(2019, 3, 1), day(2026, 12, 4));
        assert_eq!(ticks.first(), Some(&day(2019, 3, 1)));
        assert_eq!(ticks.last(), Some(&day(2026, 12, 4)));
        assert!(
            ticks[1..ticks.len() - 1]
                .iter()
                .all(|d| d.month() == 1 && d.day() == 1)
        );
        assert!(ticks.len() <= 8, "{ticks:?}");
        let short = date_ticks(day(2024, 1, 10), day(2024, 3, 20));
        assert_eq!(
            short,
            [
                day(2024, 1, 10),
                day(2024, 2, 1),
                day(2024, 3, 1),
                day(2024, 3, 20)
            ]
        );
        assert_eq!(
            date_ticks(day(2024, 1, 1), day(2024, 1, 1)),
            [day(2024, 1, 1)]
        );
    }

    #[test]
    fn date_spans_are_named_escaped_and_placed_on_the_axis() {
        let rows = [
            Span {
                label: "Línea de base: <1>",
                start: Some(day(2024, 1, 1)),
                end: Some(day(2024, 12, 31)),
                open: false,
                class: "span-baseline",
            },
            Span {
                label: "Real",
                start: Some(day(2024, 1, 1)),
                end: Some(day(2024, 7, 1)),
                open: true,
                class: "span-actual",
            },
            Span {
                label: "Sin fechas",
                start: None,
                end: None,
                open: false,
                class: "span-current",
            },
        ];
        let svg = date_spans(
            "m1",
            "Fechas del hito 1",
            "Línea de base: todo 2024",
            (day(2024, 1, 1), day(2024, 12, 31)),
            (day(2024, 9, 1), "hoy"),
            &rows,
        );
        assert!(svg.contains(r#"aria-labelledby="m1-title m1-desc""#));
        assert!(svg.contains(r#"<title id="m1-title">Fechas del hito 1</title>"#));
        assert!(svg.contains("Línea de base: &lt;1&gt;"));
        assert!(svg.contains(r#"x="2.00%" y="33" width="96.00%""#), "{svg}");
        assert!(svg.contains("span-actual span-open"));
        assert!(svg.contains(">Sin fechas</text>"));
        assert_eq!(svg.matches("<rect").count(), 2, "no bar without dates");
    }

    #[test]
    fn an_empty_date_span_chart_is_still_valid() {
        let svg = date_spans(
            "e",
            "t",
            "d",
            (day(2024, 1, 1), day(2024, 1, 1)),
            (day(2024, 1, 1), "hoy"),
            &[],
        );
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"height="50""#), "{svg}");
    }
}
