//! Outcome indicators as pages show them (the public commitment page and the institution's
//! indicator page): baseline → target, the latest validated value and its share of the way,
//! a chart and the table of measurements. Built once from the two reads of a commitment.

use chrono::NaiveDate;

use crate::domain::ReviewState;
use crate::domain::indicators::{
    Direction, MeasuredValue, format_value, share_of_the_way, validated_figure,
};
use crate::i18n::Tr;
use crate::store::implementation::indicators::{IndicatorRow, MeasurementRow};
use crate::web::public::charts::axis_labels;
use crate::web::ui::charts::{IndicatorChart, IndicatorPoint, indicator_over_time};
use crate::web::ui::views::{long_date, short_date};

pub struct MeasurementView {
    pub id: String,
    pub value: String,
    pub date: String,
    /// `YYYY-MM-DD`, for the `<time>` element.
    pub datetime: String,
    pub source: String,
    pub evidence_url: String,
    pub author: String,
    pub review: String,
    pub review_state: String,
    pub review_note: String,
    /// `mujeres: 12 · hombres: 18`, or empty.
    pub disaggregation: String,
}

pub struct IndicatorView {
    pub indicator_id: uuid::Uuid,
    /// Its anchor in the page (`indicator-…`).
    pub id: String,
    pub name: String,
    pub unit: String,
    pub direction: String,
    pub baseline: String,
    pub baseline_source: String,
    pub target: String,
    /// The latest validated value and its date, or the page's "none validated yet".
    pub latest: String,
    /// Share of the way from baseline to target, 0–100 (validated), if any.
    pub share: Option<u8>,
    /// The same in words, with the raw figure when it lies outside 0–100.
    pub share_text: String,
    /// The SVG (escaped by the chart helper), empty without measurements to draw.
    pub chart: String,
    pub measurements: Vec<MeasurementView>,
}

fn with_unit(value: f64, unit: &str) -> String {
    if unit == "%" {
        format!("{} %", format_value(value))
    } else {
        format!("{} {unit}", format_value(value))
    }
}

/// The breakdown of a measurement in one line.
pub fn disaggregation_text(value: Option<&serde_json::Value>) -> String {
    value
        .and_then(serde_json::Value::as_object)
        .map(|map| {
            map.iter()
                .map(|(label, v)| {
                    let v = v.as_f64().map_or_else(|| v.to_string(), format_value);
                    format!("{label}: {v}")
                })
                .collect::<Vec<_>>()
                .join(" · ")
        })
        .unwrap_or_default()
}

fn review_state(state: &str) -> ReviewState {
    state.parse().unwrap_or(ReviewState::Pending)
}

impl IndicatorView {
    fn new(tr: &Tr, i: &IndicatorRow, measurements: &[&MeasurementRow]) -> Self {
        let values: Vec<MeasuredValue> = measurements
            .iter()
            .map(|m| MeasuredValue {
                value: m.value,
                measured_on: m.measured_on,
                validated: m.review_state == "validated",
            })
            .collect();
        let figure = validated_figure(i.baseline_value, i.target_value, &values);
        let share_text = figure.map_or_else(String::new, |(_, share)| {
            let shown = share.shown();
            if (0.0..=100.0).contains(&share.raw) {
                tr.t1("indicator-share", "share", shown)
            } else {
                tr.t2(
                    "indicator-share-raw",
                    ("share", &shown.to_string()),
                    ("raw", &format_value(share.raw)),
                )
            }
        });
        let latest = figure.map_or_else(
            || tr.t("indicator-none-validated"),
            |(m, _)| {
                format!(
                    "{} ({})",
                    with_unit(m.value, &i.unit),
                    long_date(tr, m.measured_on)
                )
            },
        );
        let direction = Direction::parse(&i.direction).unwrap_or(Direction::Increase);
        let id = format!("indicator-{}", i.id);
        Self {
            indicator_id: i.id,
            chart: chart(tr, &id, i, measurements),
            name: i.name.clone(),
            unit: i.unit.clone(),
            direction: tr.t(direction.label_key()),
            baseline: format!(
                "{} ({})",
                with_unit(i.baseline_value, &i.unit),
                long_date(tr, i.baseline_date)
            ),
            baseline_source: i.baseline_source.clone(),
            target: format!(
                "{} ({})",
                with_unit(i.target_value, &i.unit),
                long_date(tr, i.target_date)
            ),
            latest,
            share: figure.map(|(_, s)| s.shown()),
            share_text,
            measurements: measurements
                .iter()
                .map(|m| MeasurementView {
                    id: m.id.to_string(),
                    value: with_unit(m.value, &i.unit),
                    date: long_date(tr, m.measured_on),
                    datetime: m.measured_on.to_string(),
                    source: m.source.clone(),
                    evidence_url: m.evidence_url.clone().unwrap_or_default(),
                    author: m.author_name.clone(),
                    review: tr.t(review_state(&m.review_state).label_key()),
                    review_state: m.review_state.clone(),
                    review_note: m.review_note.clone().unwrap_or_default(),
                    disaggregation: disaggregation_text(m.disaggregation.as_ref()),
                })
                .collect(),
            id,
        }
    }
}

/// The chart of the measurements not returned, from the baseline date to the target date
/// (or the last measurement, when later).
fn chart(tr: &Tr, id: &str, i: &IndicatorRow, measurements: &[&MeasurementRow]) -> String {
    let points: Vec<IndicatorPoint> = measurements
        .iter()
        .filter(|m| m.review_state != "returned")
        .filter_map(|m| {
            let share = share_of_the_way(i.baseline_value, i.target_value, m.value)?;
            Some(IndicatorPoint {
                on: m.measured_on,
                share: share.raw,
                validated: m.review_state == "validated",
                label: format!(
                    "{}: {} · {}",
                    short_date(tr, m.measured_on),
                    with_unit(m.value, &i.unit),
                    tr.t(review_state(&m.review_state).label_key())
                ),
            })
        })
        .collect();
    if points.is_empty() {
        return String::new();
    }
    let last: NaiveDate = points.iter().map(|p| p.on).max().unwrap_or(i.target_date);
    let (from, to) = (i.baseline_date, i.target_date.max(last));
    let ticks = axis_labels(tr, from, to);
    let baseline_label = with_unit(i.baseline_value, &i.unit);
    let target_label = with_unit(i.target_value, &i.unit);
    let title = tr.t1("indicator-chart-title", "name", &i.name);
    let desc = tr.t2(
        "indicator-chart-desc",
        ("baseline", &baseline_label),
        ("target", &target_label),
    );
    indicator_over_time(&IndicatorChart {
        id,
        title: &title,
        desc: &desc,
        from,
        to,
        points: &points,
        baseline_label: &baseline_label,
        target_label: &target_label,
        ticks: &ticks,
    })
}

/// Every indicator of a commitment with its measurements, from the two reads.
pub fn indicator_views(
    tr: &Tr,
    indicators: &[IndicatorRow],
    measurements: &[MeasurementRow],
) -> Vec<IndicatorView> {
    indicators
        .iter()
        .map(|i| {
            let own: Vec<&MeasurementRow> = measurements
                .iter()
                .filter(|m| m.indicator_id == i.id)
                .collect();
            IndicatorView::new(tr, i, &own)
        })
        .collect()
}
