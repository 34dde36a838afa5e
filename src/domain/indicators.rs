//! Outcome indicators: what a commitment should change, measured from a baseline towards a
//! target (IATI's results standard in spirit), and the one rule every page, the API and the
//! report use to say how far along it is.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::progress_report::FieldError;

/// Values beyond this (either sign) are typing mistakes, not measurements.
pub const MAX_ABS_VALUE: f64 = 1e12;
pub const MAX_NAME_CHARS: usize = 300;
pub const MAX_UNIT_CHARS: usize = 100;
pub const MAX_SOURCE_CHARS: usize = 500;
pub const MAX_DISAGGREGATION_ENTRIES: usize = 20;
pub const MAX_LABEL_CHARS: usize = 100;

/// Which way is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Increase,
    Decrease,
}

impl Direction {
    pub const ALL: &'static [Direction] = &[Direction::Increase, Direction::Decrease];

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|d| d.as_str() == value)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Direction::Increase => "indicator-direction-increase",
            Direction::Decrease => "indicator-direction-decrease",
        }
    }
}

/// The definition form as typed.
#[derive(Clone, Debug, Default)]
pub struct IndicatorInput {
    pub name: String,
    pub unit: String,
    pub direction: String,
    pub baseline_value: String,
    pub baseline_date: String,
    pub baseline_source: String,
    pub target_value: String,
    pub target_date: String,
}

/// A valid indicator definition.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorDefinition {
    pub name: String,
    pub unit: String,
    pub direction: Direction,
    pub baseline_value: f64,
    pub baseline_date: NaiveDate,
    pub baseline_source: String,
    pub target_value: f64,
    pub target_date: NaiveDate,
}

fn text(
    value: &str,
    field: &str,
    max: usize,
    empty_key: &'static str,
    long_key: &'static str,
    problems: &mut Vec<FieldError>,
) -> String {
    let value = value.trim();
    if value.is_empty() {
        problems.push((field.into(), empty_key));
    } else if value.chars().count() > max {
        problems.push((field.into(), long_key));
    }
    value.to_owned()
}

/// A number as people type it: `1234.5`, `1234,5` (comma as decimal mark) or `-3`.
pub fn parse_value(value: &str) -> Result<f64, &'static str> {
    let value = value.trim().replace(',', ".");
    if value.is_empty() {
        return Err("indicator-value-required");
    }
    match value.parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= MAX_ABS_VALUE => Ok(v),
        _ => Err("indicator-value-invalid"),
    }
}

fn parse_date(value: &str) -> Result<NaiveDate, &'static str> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| "indicator-date-invalid")
}

impl IndicatorDefinition {
    pub fn parse(input: &IndicatorInput) -> Result<Self, Vec<FieldError>> {
        let mut problems = Vec::new();
        let name = text(
            &input.name,
            "name",
            MAX_NAME_CHARS,
            "indicator-name-required",
            "indicator-text-too-long",
            &mut problems,
        );
        let unit = text(
            &input.unit,
            "unit",
            MAX_UNIT_CHARS,
            "indicator-unit-required",
            "indicator-text-too-long",
            &mut problems,
        );
        let baseline_source = text(
            &input.baseline_source,
            "baseline_source",
            MAX_SOURCE_CHARS,
            "indicator-source-required",
            "indicator-text-too-long",
            &mut problems,
        );
        let direction = Direction::parse(input.direction.trim());
        if direction.is_none() {
            problems.push(("direction".into(), "indicator-direction-invalid"));
        }
        let mut value = |raw: &str, field: &str| {
            parse_value(raw)
                .map_err(|key| problems.push((field.into(), key)))
                .ok()
        };
        let baseline_value = value(&input.baseline_value, "baseline_value");
        let target_value = value(&input.target_value, "target_value");
        let mut date = |raw: &str, field: &str| {
            parse_date(raw)
                .map_err(|key| problems.push((field.into(), key)))
                .ok()
        };
        let baseline_date = date(&input.baseline_date, "baseline_date");
        let target_date = date(&input.target_date, "target_date");
        if let (Some(b), Some(t)) = (baseline_value, target_value) {
            if b == t {
                problems.push(("target_value".into(), "indicator-target-equals-baseline"));
            } else if let Some(d) = direction
                && (d == Direction::Increase) != (t > b)
            {
                problems.push(("target_value".into(), "indicator-target-wrong-way"));
            }
        }
        if let (Some(b), Some(t)) = (baseline_date, target_date)
            && t < b
        {
            problems.push(("target_date".into(), "indicator-target-before-baseline"));
        }
        match (
            direction,
            baseline_value,
            target_value,
            baseline_date,
            target_date,
        ) {
            (Some(direction), Some(baseline_value), Some(target_value), Some(bd), Some(td))
                if problems.is_empty() =>
            {
                Ok(Self {
                    name,
                    unit,
                    direction,
                    baseline_value,
                    baseline_date: bd,
                    baseline_source,
                    target_value,
                    target_date: td,
                })
            }
            _ => Err(problems),
        }
    }
}

/// The measurement form as typed.
#[derive(Clone, Debug, Default)]
pub struct MeasurementInput {
    pub value: String,
    pub measured_on: String,
    pub source: String,
    pub evidence_url: String,
    /// One `label: value` per line (e.g. `mujeres: 12`).
    pub disaggregation: String,
}

/// A valid measurement.
#[derive(Clone, Debug, PartialEq)]
pub struct Measurement {
    pub value: f64,
    pub measured_on: NaiveDate,
    pub source: String,
    pub evidence_url: Option<String>,
    /// Label → value; `None` when the data has no breakdown.
    pub disaggregation: Option<Map<String, Value>>,
}

impl Measurement {
    /// `today` bounds the date: a measurement is of something already observed.
    pub fn parse(input: &MeasurementInput, today: NaiveDate) -> Result<Self, Vec<FieldError>> {
        let mut problems = Vec::new();
        let value = parse_value(&input.value)
            .map_err(|key| problems.push(("value".into(), key)))
            .ok();
        let measured_on = match parse_date(&input.measured_on) {
            Ok(d) if d > today => {
                problems.push(("measured_on".into(), "indicator-date-future"));
                None
            }
            Ok(d) => Some(d),
            Err(key) => {
                problems.push(("measured_on".into(), key));
                None
            }
        };
        let source = text(
            &input.source,
            "source",
            MAX_SOURCE_CHARS,
            "indicator-source-required",
            "indicator-text-too-long",
            &mut problems,
        );
        let evidence_url = match input.evidence_url.trim() {
            "" => None,
            url if is_web_address(url) => Some(url.to_owned()),
            _ => {
                problems.push(("evidence_url".into(), "indicator-url-invalid"));
                None
            }
        };
        let disaggregation = parse_disaggregation(&input.disaggregation)
            .map_err(|key| problems.push(("disaggregation".into(), key)))
            .ok()
            .flatten();
        match (value, measured_on) {
            (Some(value), Some(measured_on)) if problems.is_empty() => Ok(Self {
                value,
                measured_on,
                source,
                evidence_url,
                disaggregation,
            }),
            _ => Err(problems),
        }
    }
}

fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let host_ok = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .and_then(|rest| rest.split('/').next())
        .is_some_and(|host| host.contains('.') || host.starts_with("localhost"));
    host_ok && url.len() <= 2_000 && !url.chars().any(char::is_whitespace)
}

/// `label: value` lines into a small object; blank lines are skipped.
pub fn parse_disaggregation(text: &str) -> Result<Option<Map<String, Value>>, &'static str> {
    let mut map = Map::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (label, value) = line
            .rsplit_once([':', '='])
            .ok_or("indicator-disaggregation-invalid")?;
        let label = label.trim();
        if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
            return Err("indicator-disaggregation-invalid");
        }
        let value = parse_value(value).map_err(|_| "indicator-disaggregation-invalid")?;
        if map.contains_key(label) {
            return Err("indicator-disaggregation-invalid");
        }
        map.insert(label.to_owned(), number(value));
        if map.len() > MAX_DISAGGREGATION_ENTRIES {
            return Err("indicator-disaggregation-too-many");
        }
    }
    Ok((!map.is_empty()).then_some(map))
}

/// A value as JSON: whole numbers without a decimal point.
pub fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9e15 {
        Value::from(value as i64)
    } else {
        serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number)
    }
}

/// How far a value has come from the baseline towards the target, in percent: 0 at the
/// baseline, 100 at the target, whichever way the target lies. Below 0 (it went the wrong
/// way) and above 100 (beyond the target) are kept: [`Share::shown`] clamps for display.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Share {
    pub raw: f64,
}

impl Share {
    /// The share to display: 0 to 100, rounded.
    pub fn shown(self) -> u8 {
        self.raw.clamp(0.0, 100.0).round() as u8
    }
}

pub fn share_of_the_way(baseline: f64, target: f64, value: f64) -> Option<Share> {
    let span = target - baseline;
    (span != 0.0 && span.is_finite()).then(|| Share {
        raw: (value - baseline) / span * 100.0,
    })
}

/// One measurement as the figure needs it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeasuredValue {
    pub value: f64,
    pub measured_on: NaiveDate,
    pub validated: bool,
}

/// The latest validated measurement (by date measured; among those of the same date, the last
/// given) and its share of the way. Pending and returned measurements never count.
pub fn validated_figure(
    baseline: f64,
    target: f64,
    measurements: &[MeasuredValue],
) -> Option<(MeasuredValue, Share)> {
    let latest = measurements
        .iter()
        .filter(|m| m.validated)
        .max_by_key(|m| m.measured_on)?;
    share_of_the_way(baseline, target, latest.value).map(|s| (*latest, s))
}

/// A value for people: no trailing zeros, at most two decimals.
pub fn format_value(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let text = format!("{rounded:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn definition() -> IndicatorInput {
        IndicatorInput {
            name: "Solicitudes de información respondidas a tiempo".into(),
            unit: "%".into(),
            direction: "increase".into(),
            baseline_value: "10".into(),
            baseline_date: "2024-01-01".into(),
            baseline_source: "Informe LOTAIP 2023".into(),
            target_value: "50".into(),
            target_date: "2026-06-30".into(),
        }
    }

    fn keys(result: Result<IndicatorDefinition, Vec<FieldError>>) -> Vec<&'static str> {
        result.unwrap_err().into_iter().map(|(_, k)| k).collect()
    }

    #[test]
    fn baseline_10_target_50_measured_30_is_half_way() {
        let share = share_of_the_way(10.0, 50.0, 30.0).unwrap();
        assert_eq!(share.raw, 50.0);
        assert_eq!(share.shown(), 50);
    }

    #[test]
    fn a_decrease_counts_the_other_way() {
        assert_eq!(share_of_the_way(50.0, 10.0, 30.0).unwrap().raw, 50.0);
        assert_eq!(share_of_the_way(50.0, 10.0, 10.0).unwrap().shown(), 100);
    }

    #[test]
    fn the_display_is_clamped_but_the_raw_share_kept() {
        let worse = share_of_the_way(10.0, 50.0, 0.0).unwrap();
        assert_eq!(worse.raw, -25.0);
        assert_eq!(worse.shown(), 0);
        let beyond = share_of_the_way(10.0, 50.0, 70.0).unwrap();
        assert_eq!(beyond.raw, 150.0);
        assert_eq!(beyond.shown(), 100);
        assert!(share_of_the_way(10.0, 10.0, 10.0).is_none());
    }

    #[test]
    fn only_validated_measurements_make_the_validated_figure() {
        let m = |value, on, validated| MeasuredValue {
            value,
            measured_on: d(on),
            validated,
        };
        let ms = [m(30.0, "2025-01-01", true), m(45.0, "2025-06-01", false)];
        let (latest, share) = validated_figure(10.0, 50.0, &ms).unwrap();
        assert_eq!(latest.value, 30.0);
        assert_eq!(share.shown(), 50);
        assert!(validated_figure(10.0, 50.0, &ms[1..]).is_none());
    }

    #[test]
    fn a_valid_definition_parses_with_a_comma_decimal() {
        let mut input = definition();
        input.target_value = "50,5".into();
        let def = IndicatorDefinition::parse(&input).unwrap();
        assert_eq!(def.direction, Direction::Increase);
        assert_eq!(def.target_value, 50.5);
        assert_eq!(def.baseline_date, d("2024-01-01"));
    }

    #[test]
    fn a_target_equal_to_the_baseline_or_the_wrong_way_is_refused() {
        let mut input = definition();
        input.target_value = "10".into();
        assert_eq!(
            keys(IndicatorDefinition::parse(&input)),
            ["indicator-target-equals-baseline"]
        );
        input.target_value = "5".into();
        assert_eq!(
            keys(IndicatorDefinition::parse(&input)),
            ["indicator-target-wrong-way"]
        );
        input.direction = "decrease".into();
        assert!(IndicatorDefinition::parse(&input).is_ok());
    }

    #[test]
    fn values_must_be_finite_numbers_within_bounds() {
        for bad in ["treinta", "NaN", "inf", "1e13", "-1e300"] {
            assert_eq!(parse_value(bad), Err("indicator-value-invalid"), "{bad}");
        }
        assert_eq!(parse_value(" "), Err("indicator-value-required"));
        assert_eq!(parse_value("-3"), Ok(-3.0));
    }

    #[test]
    fn dates_must_be_real_and_in_order() {
        let mut input = definition();
        input.baseline_date = "2024-02-30".into();
        assert_eq!(
            keys(IndicatorDefinition::parse(&input)),
            ["indicator-date-invalid"]
        );
        input.baseline_date = "2027-01-01".into();
        assert_eq!(
            keys(IndicatorDefinition::parse(&input)),
            ["indicator-target-before-baseline"]
        );
    }

    #[test]
    fn every_missing_field_is_named() {
        let problems = IndicatorDefinition::parse(&IndicatorInput::default()).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|(f, _)| f.as_str()).collect();
        for field in [
            "name",
            "unit",
            "baseline_source",
            "direction",
            "baseline_value",
            "target_value",
            "baseline_date",
            "target_date",
        ] {
            assert!(fields.contains(&field), "{field}");
        }
    }

    fn measurement() -> MeasurementInput {
        MeasurementInput {
            value: "30".into(),
            measured_on: "2025-06-30".into(),
            source: "Informe anual".into(),
            evidence_url: "https://www.dpe.gob.ec/lotaip".into(),
            disaggregation: "mujeres: 12\nhombres = 18\n".into(),
        }
    }

    #[test]
    fn a_measurement_parses_with_its_disaggregation() {
        let m = Measurement::parse(&measurement(), d("2026-01-01")).unwrap();
        assert_eq!(m.value, 30.0);
        let parts = m.disaggregation.unwrap();
        assert_eq!(parts["mujeres"], Value::from(12));
        assert_eq!(parts["hombres"], Value::from(18));
    }

    #[test]
    fn a_measurement_in_the_future_or_with_a_bad_link_is_refused() {
        let mut input = measurement();
        input.measured_on = "2027-01-01".into();
        input.evidence_url = "javascript:alert(1)".into();
        let problems = Measurement::parse(&input, d("2026-01-01")).unwrap_err();
        let keys: Vec<_> = problems.iter().map(|(_, k)| *k).collect();
        assert_eq!(keys, ["indicator-date-future", "indicator-url-invalid"]);
    }

    #[test]
    fn a_disaggregation_is_small_and_well_formed() {
        assert_eq!(parse_disaggregation(""), Ok(None));
        assert_eq!(
            parse_disaggregation("mujeres 12"),
            Err("indicator-disaggregation-invalid")
        );
        assert_eq!(
            parse_disaggregation("a: 1\na: 2"),
            Err("indicator-disaggregation-invalid")
        );
        let long = format!("{}: 1", "x".repeat(101));
        assert_eq!(
            parse_disaggregation(&long),
            Err("indicator-disaggregation-invalid")
        );
        let many: String = (0..21).map(|i| format!("p{i}: {i}\n")).collect();
        assert_eq!(
            parse_disaggregation(&many),
            Err("indicator-disaggregation-too-many")
        );
    }

    #[test]
    fn values_are_written_without_trailing_zeros() {
        assert_eq!(format_value(30.0), "30");
        assert_eq!(format_value(12.5), "12.5");
        assert_eq!(format_value(1.0 / 3.0), "0.33");
    }
}
