//! The charts of the public pages as view models: each SVG with the table of the same figures
//! beside it, in the reader's language. The figures come from `domain::series`; the drawing
//! from `web::ui::charts`.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::pages::HealthCount;
use crate::domain::CommitmentFacts;
use crate::domain::series::{ActualDates, ProgressSeries, SeriesPoint, days_off_plan, plan_series};
use crate::i18n::Tr;
use crate::web::ui::charts::{
    Bar, SeriesChart, SeriesNames, Span, bar_chart, date_spans, date_ticks, progress_over_time,
};
use crate::web::ui::views::{HealthView, long_date, maybe_date, short_date, short_month};

/// One line of the table beside a progress chart: one point of the chart.
pub struct SeriesRow {
    pub date: String,
    /// `YYYY-MM-DD`, for the `<time>` element.
    pub datetime: String,
    pub reported: String,
    pub validated: String,
    pub expected: String,
    /// Claims still open that day, in words; empty when none.
    pub note: String,
    pub is_today: bool,
    /// Something was reported or decided that day.
    pub event: bool,
}

/// Progress over time: the chart, what it says in one sentence, and its table.
pub struct ProgressChart {
    /// Unique in the page; names the chart, its heading and its table.
    pub id: String,
    pub heading: String,
    pub svg: String,
    /// Today's figures and the period, in words (also the chart's description).
    pub summary: String,
    pub rows: Vec<SeriesRow>,
    pub has_reports: bool,
}

fn percent(tr: &Tr, key: &str, value: Option<u8>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| tr.t1(key, "value", v))
}

fn claims_note(tr: &Tr, point: &SeriesPoint) -> String {
    let Some(f) = point.figures else {
        return String::new();
    };
    let mut parts = Vec::new();
    if f.pending_claims > 0 {
        parts.push(tr.tn("chart-note-pending", "count", f.pending_claims));
    }
    if f.contested_claims > 0 {
        parts.push(tr.tn("chart-note-contested", "count", f.contested_claims));
    }
    parts.join(" · ")
}

/// The labels of a date axis: month and year at both ends, the year on the first of January,
/// the month elsewhere.
pub(crate) fn axis_labels(tr: &Tr, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, String)> {
    date_ticks(from, to)
        .into_iter()
        .map(|day| {
            let label = if day == from || day == to {
                format!("{} {}", short_month(tr, day), day.year())
            } else if day.month() == 1 {
                day.year().to_string()
            } else {
                short_month(tr, day)
            };
            (day, label)
        })
        .collect()
}

impl ProgressChart {
    pub fn build(tr: &Tr, id: &str, heading: String, series: &ProgressSeries) -> Self {
        let rows: Vec<SeriesRow> = series
            .points
            .iter()
            .map(|p| {
                let is_today = p.on == series.today;
                let date = long_date(tr, p.on);
                SeriesRow {
                    date: if is_today {
                        tr.t1("chart-today-date", "value", date)
                    } else {
                        date
                    },
                    datetime: p.on.to_string(),
                    reported: percent(tr, "chart-percent", p.figures.map(|f| f.reported.value())),
                    validated: percent(tr, "chart-percent", p.figures.map(|f| f.validated.value())),
                    expected: percent(tr, "chart-percent", p.expected.map(|e| e.value())),
                    note: claims_note(tr, p),
                    is_today,
                    event: p.event,
                }
            })
            .collect();
        let summary = Self::summary(tr, series);
        let point_labels: Vec<String> = series.points.iter().map(|p| long_date(tr, p.on)).collect();
        let ticks = axis_labels(tr, series.from, series.to);
        let names = (
            tr.t("chart-reported"),
            tr.t("chart-validated"),
            tr.t("chart-expected"),
        );
        let svg = progress_over_time(&SeriesChart {
            id,
            title: &heading,
            desc: &summary,
            series,
            point_labels: &point_labels,
            ticks: &ticks,
            today_label: &tr.t("chart-today"),
            names: SeriesNames {
                reported: &names.0,
                validated: &names.1,
                expected: &names.2,
            },
        });
        Self {
            id: id.to_owned(),
            heading,
            svg,
            summary,
            rows,
            has_reports: series.has_reports(),
        }
    }

    /// "1 de enero de 2024 – 31 de diciembre de 2024. Hoy: reportado 70 %, validado 40 %,
    /// esperado 67 %. 3 días con reportes o revisiones."
    fn summary(tr: &Tr, series: &ProgressSeries) -> String {
        let period = format!(
            "{} – {}.",
            long_date(tr, series.from),
            long_date(tr, series.to)
        );
        let today = series.today_point();
        let figures = today.and_then(|p| p.figures);
        let now = [
            percent(
                tr,
                "chart-reported-value",
                figures.map(|f| f.reported.value()),
            ),
            percent(
                tr,
                "chart-validated-value",
                figures.map(|f| f.validated.value()),
            ),
            percent(
                tr,
                "chart-expected-value",
                today.and_then(|p| p.expected).map(|e| e.value()),
            ),
        ]
        .join(", ");
        let events = series.points.iter().filter(|p| p.event).count();
        format!(
            "{period} {}: {now}. {}",
            tr.t("chart-today-capital"),
            tr.tn("chart-event-days", "count", events)
        )
    }
}

/// Commitments by health: the bars and the rows of their table.
pub struct HealthChart {
    pub heading: String,
    pub svg: String,
    pub rows: Vec<(HealthView, usize)>,
}

impl HealthChart {
    pub fn build(tr: &Tr, id: &str, counts: Vec<(HealthView, usize)>) -> Self {
        let heading = tr.t("plan-health-chart");
        let bars: Vec<Bar> = counts
            .iter()
            .map(|(h, n)| Bar {
                label: h.label.clone(),
                value: u32::try_from(*n).unwrap_or(u32::MAX),
                class: h.class,
            })
            .collect();
        let desc = counts
            .iter()
            .map(|(h, n)| format!("{}: {n}", h.label))
            .collect::<Vec<_>>()
            .join("; ");
        Self {
            svg: bar_chart(id, &heading, &desc, &bars),
            heading,
            rows: counts,
        }
    }
}

/// The plan page's charts.
pub struct PlanCharts {
    pub progress: ProgressChart,
    pub health: HealthChart,
}

impl PlanCharts {
    /// `commitments` with their whole history; `health` as the page counts it.
    pub fn build(
        tr: &Tr,
        commitments: &[CommitmentFacts],
        period: (NaiveDate, NaiveDate),
        health: &[HealthCount],
        now: DateTime<Utc>,
    ) -> Self {
        let health = health.iter().map(|h| (h.health.clone(), h.count)).collect();
        let series = plan_series(commitments, period, now);
        Self {
            progress: ProgressChart::build(
                tr,
                "plan-progress-chart",
                tr.t("plan-chart-heading"),
                &series,
            ),
            health: HealthChart::build(tr, "plan-health-chart", health),
        }
    }
}

/// A milestone's dates: as planned at approval, as planned now, and as they happened.
pub struct MilestoneDates {
    pub svg: String,
    /// The actual dates in words, for the milestone's list of facts.
    pub actual: String,
}

/// What a milestone's date chart is drawn from.
pub struct DatesOf {
    pub position: i32,
    pub baseline: (Option<NaiveDate>, Option<NaiveDate>),
    pub current: (Option<NaiveDate>, Option<NaiveDate>),
    pub actual: ActualDates,
}

impl MilestoneDates {
    /// `range` is shared by every milestone of the commitment, so their charts line up.
    pub fn build(tr: &Tr, of: &DatesOf, range: (NaiveDate, NaiveDate), today: NaiveDate) -> Self {
        let span = |(start, end): (Option<NaiveDate>, Option<NaiveDate>)| {
            let day = |d: Option<NaiveDate>| {
                d.map_or_else(|| tr.t("date-unknown"), |d| short_date(tr, d))
            };
            format!("{} – {}", day(start), day(end))
        };
        let a = of.actual;
        let actual_end = a.completed.or(a.last_report);
        let actual_label = match (a.first_report, a.completed) {
            (None, _) => tr.t("dates-row-actual-none"),
            (Some(_), Some(_)) => tr.t1(
                "dates-row-actual-done",
                "value",
                span((a.first_report, actual_end)),
            ),
            (Some(_), None) => tr.t1(
                "dates-row-actual-open",
                "value",
                span((a.first_report, actual_end)),
            ),
        };
        let labels = [
            tr.t1("dates-row-baseline", "value", span(of.baseline)),
            tr.t1("dates-row-current", "value", span(of.current)),
            actual_label,
        ];
        let rows = [
            Span {
                label: &labels[0],
                start: of.baseline.0,
                end: of.baseline.1,
                open: false,
                class: "span-baseline",
            },
            Span {
                label: &labels[1],
                start: of.current.0,
                end: of.current.1,
                open: false,
                class: "span-current",
            },
            Span {
                label: &labels[2],
                start: a.first_report,
                end: actual_end,
                open: a.completed.is_none(),
                class: "span-actual",
            },
        ];
        let title = tr.t1("milestone-dates-chart", "value", of.position);
        let svg = date_spans(
            &format!("milestone-{}-dates", of.position),
            &title,
            &labels.join(". "),
            range,
            (today, &tr.t("chart-today")),
            &rows,
        );
        Self {
            svg,
            actual: actual_in_words(tr, a),
        }
    }
}

fn actual_in_words(tr: &Tr, a: ActualDates) -> String {
    if a.first_report.is_none() {
        return tr.t("actual-none");
    }
    let mut parts = vec![tr.t1("actual-first", "value", maybe_date(tr, a.first_report))];
    match a.completed {
        Some(done) => parts.push(tr.t1("actual-completed", "value", long_date(tr, done))),
        None => parts.push(tr.t1("actual-last", "value", maybe_date(tr, a.last_report))),
    }
    parts.join(" · ")
}

/// The start and completion the institution declared, each against the current plan:
/// "inicio: 15 ene 2024 (14 días después de lo planificado) · fin: …"; empty when it declared
/// neither.
pub fn declared_in_words(
    tr: &Tr,
    (start, completion): (Option<NaiveDate>, Option<NaiveDate>),
    (planned_start, planned_due): (Option<NaiveDate>, Option<NaiveDate>),
) -> String {
    let one = |key: &str, actual: Option<NaiveDate>, planned: Option<NaiveDate>| {
        let actual = actual?;
        let against = match days_off_plan(planned, Some(actual)) {
            Some(0) => tr.t("declared-on-plan"),
            Some(days) if days > 0 => tr.tn("declared-after-plan", "days", days),
            Some(days) => tr.tn("declared-before-plan", "days", -days),
            None => tr.t("declared-no-plan"),
        };
        Some(tr.t2(
            key,
            ("value", &long_date(tr, actual)),
            ("against", &against),
        ))
    };
    [
        one("declared-start", start, planned_start),
        one("declared-completion", completion, planned_due),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}
