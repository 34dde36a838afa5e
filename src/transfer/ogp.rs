//! OGP's commitments data export (one row per commitment, the columns OGP publishes):
//! parsed into what Abierto keeps of it. "NA", "ND" and "NR" (not available, no data, not
//! reviewed) mean absent. IRM ratings are read from their numeric code columns
//! (`_Specificity`, `_Potential Impact`, …; DESIGN.md §6); the labels as published are kept
//! in the assessment's `source_label`.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::domain::directory::{guess_sector, split_acronym};
use crate::domain::{OgpValue, Sector};

/// One commitment of the export, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct OgpCommitment {
    pub row: usize,
    pub ogp_id: String,
    pub country: String,
    pub country_code: &'static str,
    pub local: bool,
    pub plan_number: i16,
    pub plan_years: (i32, i32),
    pub code: String,
    pub title: String,
    pub title_en: Option<String>,
    pub description: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub leads: Vec<OgpInstitution>,
    pub supporting: Vec<OgpInstitution>,
    pub ogp_values: Vec<OgpValue>,
    pub policy_areas: Vec<String>,
    pub source: String,
    pub assessments: Vec<IrmAssessment>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OgpInstitution {
    pub name: String,
    pub acronym: Option<String>,
    pub sector: Sector,
}

/// One IRM report's ratings of a commitment, as database values.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IrmAssessment {
    pub period_label: String,
    pub specificity: Option<&'static str>,
    pub verifiable: Option<bool>,
    pub relevance: Vec<OgpValue>,
    pub potential_impact: Option<&'static str>,
    pub completion: Option<&'static str>,
    pub early_results: Option<&'static str>,
    pub starred: Option<bool>,
    pub source_label: String,
}

/// A row left out, with the message key saying why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub row: usize,
    pub ogp_id: String,
    pub reason: &'static str,
    pub detail: String,
}

/// The file is not a CSV with OGP's header.
#[derive(Debug, thiserror::Error)]
pub enum Unreadable {
    #[error("not a CSV file: {0}")]
    Csv(String),
    #[error("the header has no column {0:?}: is this OGP's commitments export?")]
    MissingColumn(&'static str),
}

const ID: &str = "Commitment Unique Identifier";
const COUNTRY: &str = "Country/Locality";
const PLAN_NUMBER: &str = "Action Plan Number";
const TITLE: &str = "Commitment Title";
const REQUIRED: [&str; 9] = [
    ID,
    COUNTRY,
    PLAN_NUMBER,
    TITLE,
    "Full Text",
    "Start Date",
    "End Date",
    "Lead Institution",
    "Supporting Institution(s)",
];
/// The policy-area flags run from the first to the last of these columns.
const POLICY_AREAS: (&str, &str) = ("Anti-Corruption and Integrity", "Money in Politics");
const VALUE_FLAGS: [(&str, OgpValue); 4] = [
    (
        "OGP Value Access To Information",
        OgpValue::AccessToInformation,
    ),
    (
        "OGP Value Civic Participation",
        OgpValue::CivicParticipation,
    ),
    (
        "OGP Value Public Accountability",
        OgpValue::PublicAccountability,
    ),
    ("OGP Value Technology", OgpValue::TechnologyInnovation),
];

/// A row read by column name.
struct Row<'a> {
    header: &'a HashMap<&'a str, usize>,
    values: &'a csv::StringRecord,
}

impl Row<'_> {
    /// The cell, or `None` when it is empty or one of OGP's "absent" marks.
    fn get(&self, column: &str) -> Option<&str> {
        let value = self.header.get(column).and_then(|&i| self.values.get(i))?;
        let value = value.trim();
        (!matches!(value, "" | "NA" | "ND" | "NR" | "N/A")).then_some(value)
    }

    fn code(&self, column: &str) -> Option<u8> {
        self.get(column).and_then(|v| v.parse().ok())
    }

    fn flag(&self, column: &str) -> bool {
        self.get(column) == Some("1")
    }
}

/// Reads the export. Rows that cannot become a commitment are returned as skipped.
pub fn parse(bytes: &[u8]) -> Result<(Vec<OgpCommitment>, Vec<Skipped>), Unreadable> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header_record = reader
        .headers()
        .map_err(|e| Unreadable::Csv(e.to_string()))?
        .clone();
    let header: HashMap<&str, usize> = header_record
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim(), i))
        .collect();
    if let Some(missing) = REQUIRED.iter().find(|c| !header.contains_key(**c)) {
        return Err(Unreadable::MissingColumn(missing));
    }
    let policy_columns = policy_area_columns(&header_record);
    let mut commitments = Vec::new();
    let mut skipped = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| Unreadable::Csv(e.to_string()))?;
        let row = Row {
            header: &header,
            values: &record,
        };
        match commitment(i + 2, &row, &policy_columns) {
            Ok(c) => commitments.push(c),
            Err(s) => skipped.push(s),
        }
    }
    Ok((commitments, skipped))
}

fn policy_area_columns(header: &csv::StringRecord) -> Vec<String> {
    let names: Vec<&str> = header.iter().map(str::trim).collect();
    let first = names.iter().position(|h| *h == POLICY_AREAS.0);
    let last = names.iter().position(|h| *h == POLICY_AREAS.1);
    match (first, last) {
        (Some(a), Some(b)) if a <= b => names[a..=b].iter().map(|h| (*h).to_owned()).collect(),
        _ => Vec::new(),
    }
}

fn commitment(
    row: usize,
    r: &Row<'_>,
    policy_columns: &[String],
) -> Result<OgpCommitment, Skipped> {
    let ogp_id = r.get(ID).unwrap_or_default().to_owned();
    let skip = |reason: &'static str, detail: &str| Skipped {
        row,
        ogp_id: ogp_id.clone(),
        reason,
        detail: detail.to_owned(),
    };
    if ogp_id.is_empty() || ogp_id.chars().count() > 20 {
        return Err(skip("ogp-skip-no-id", ""));
    }
    let country = r
        .get(COUNTRY)
        .ok_or_else(|| skip("ogp-skip-no-country", ""))?;
    let iso3 = r.get("Code").unwrap_or_default();
    let country_code = country_code(iso3).ok_or_else(|| skip("ogp-skip-unknown-country", iso3))?;
    let plan_number = r
        .get(PLAN_NUMBER)
        .and_then(|n| n.parse::<i16>().ok())
        .filter(|n| (1..=100).contains(n))
        .ok_or_else(|| skip("ogp-skip-no-plan-number", r.get(PLAN_NUMBER).unwrap_or("")))?;
    let title = r.get(TITLE).ok_or_else(|| skip("ogp-skip-no-title", ""))?;
    let year = |c: &str| r.get(c).and_then(|y| y.parse::<i32>().ok());
    let start_year = year("Year Of Submission").ok_or_else(|| skip("ogp-skip-no-years", ""))?;
    let end_year = year("Action Plan End Year")
        .unwrap_or(start_year)
        .max(start_year);
    let start_date = r.get("Start Date").and_then(|d| ogp_date(d, false));
    let end_date = r
        .get("End Date")
        .and_then(|d| ogp_date(d, true))
        .filter(|e| start_date.is_none_or(|s| *e >= s));
    Ok(OgpCommitment {
        row,
        ogp_id: ogp_id.clone(),
        country: clip(country, 200),
        country_code,
        local: r
            .get("National Or Local")
            .is_some_and(|v| v.eq_ignore_ascii_case("local")),
        plan_number,
        plan_years: (start_year, end_year),
        code: commitment_code(r.get("Commitment Number")).unwrap_or_else(|| ogp_id.clone()),
        title: clip(title, 300),
        title_en: r.get("Short Title").map(|t| clip(t, 300)),
        description: clip(r.get("Full Text").unwrap_or_default(), 20_000),
        start_date,
        end_date,
        leads: institutions(r.get("Lead Institution"), Sector::Government),
        supporting: institutions(r.get("Supporting Institution(s)"), Sector::Government),
        ogp_values: VALUE_FLAGS
            .iter()
            .filter(|(c, _)| r.flag(c))
            .map(|(_, v)| *v)
            .collect(),
        policy_areas: policy_columns
            .iter()
            .filter(|c| r.flag(c))
            .cloned()
            .collect(),
        source: clip(r.get("URL").unwrap_or_default(), 20_000),
        assessments: [progress_report(r), end_of_term_report(r)]
            .into_iter()
            .flatten()
            .collect(),
    })
}

/// At most `max` characters.
fn clip(text: &str, max: usize) -> String {
    text.trim().chars().take(max).collect()
}

/// OGP numbers commitments as floats ("2.2000000000000002"): the shortest decimal that reads
/// back as the same float is the number as published.
pub fn commitment_code(raw: Option<&str>) -> Option<String> {
    let raw = raw?;
    let code = match raw.parse::<f64>() {
        Ok(n) if n.is_finite() => n.to_string(),
        _ => raw.to_owned(),
    };
    Some(code).filter(|c| !c.is_empty() && c.chars().count() <= 20)
}

/// Dates as the export writes them: `1/31/2023`, `6/1/18`, `April 2012`, `2012`. A month or a
/// year alone means its first day, or its last day for an end date.
pub fn ogp_date(raw: &str, end: bool) -> Option<NaiveDate> {
    let raw = raw.trim();
    // `%Y` would read "18" as the year 18.
    let two_digit_year = raw.contains('/') && raw.rsplit('/').next().is_some_and(|y| y.len() == 2);
    let slashed = if two_digit_year {
        "%m/%d/%y"
    } else {
        "%m/%d/%Y"
    };
    for format in [slashed, "%Y-%m-%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(raw, format) {
            return Some(d);
        }
    }
    let (month, year) = match raw.parse::<i32>() {
        Ok(y) => (if end { 12 } else { 1 }, y),
        Err(_) => {
            let first = NaiveDate::parse_from_str(&format!("1 {raw}"), "%d %B %Y").ok()?;
            (first.month0() + 1, first.year())
        }
    };
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    if end {
        first
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())
    } else {
        Some(first)
    }
}

/// Institution names split on bullets and semicolons, each with its acronym.
fn institutions(raw: Option<&str>, default: Sector) -> Vec<OgpInstitution> {
    let Some(raw) = raw else {
        return Vec::new();
    };
    raw.split(['•', ';'])
        .map(|part| part.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|name| !name.is_empty() && name != "NA" && name.chars().count() <= 200)
        .map(|name| {
            let (name, acronym) = split_acronym(&name);
            let sector = match guess_sector(&name) {
                Sector::Government => default,
                other => other,
            };
            OgpInstitution {
                name,
                acronym: acronym.filter(|a| a.chars().count() <= 30),
                sector,
            }
        })
        .filter(|i| !i.name.is_empty())
        .collect()
}

const SPECIFICITY: [&str; 4] = ["none", "low", "medium", "high"];
const POTENTIAL_IMPACT: [&str; 4] = ["none", "minor", "moderate", "transformative"];
const POTENTIAL_FOR_RESULTS: [&str; 3] = ["unclear", "modest", "substantial"];
const COMPLETION: [&str; 6] = [
    "withdrawn",
    "unclear",
    "not_started",
    "limited",
    "substantial",
    "complete",
];
const OPEN_GOVERNMENT: [&str; 5] = [
    "worsened",
    "did_not_change",
    "marginal",
    "major",
    "outstanding",
];
const EARLY_RESULTS: [&str; 3] = ["no_notable", "moderate", "significant"];

fn scale(r: &Row<'_>, column: &str, values: &'static [&'static str]) -> Option<&'static str> {
    r.code(column)
        .and_then(|c| values.get(usize::from(c)))
        .copied()
}

/// "Label: value" for each published label present, as given.
fn labels(r: &Row<'_>, columns: &[&str]) -> String {
    columns
        .iter()
        .filter_map(|c| r.get(c).map(|v| format!("{c}: {v}")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn is_empty(a: &IrmAssessment) -> bool {
    a.specificity.is_none()
        && a.potential_impact.is_none()
        && a.completion.is_none()
        && a.early_results.is_none()
}

/// The progress (mid-term) report or action plan review.
fn progress_report(r: &Row<'_>) -> Option<IrmAssessment> {
    let year = r.get("Report Publication Year (Progress Report)")?;
    let assessment = IrmAssessment {
        period_label: format!("IRM progress report {year}"),
        specificity: scale(r, "_Specificity", &SPECIFICITY),
        verifiable: r.get("Verifiable").map(|v| v.eq_ignore_ascii_case("yes")),
        relevance: VALUE_FLAGS
            .iter()
            .filter(|(c, _)| r.flag(c))
            .map(|(_, v)| *v)
            .collect(),
        potential_impact: scale(r, "_Potential Impact", &POTENTIAL_IMPACT)
            .or_else(|| scale(r, "_Potential for Results", &POTENTIAL_FOR_RESULTS)),
        completion: scale(r, "_CompletionProgress", &COMPLETION),
        early_results: None,
        starred: r
            .get("Starred (Current Formula) Progress Report")
            .map(|v| v == "1"),
        source_label: labels(
            r,
            &[
                "Specificity",
                "Verifiable",
                "Potential Impact",
                "Potential for Results",
                "Completion (Progress Report)",
                "Starred (Current Formula) Progress Report",
            ],
        ),
    };
    (!is_empty(&assessment)).then_some(assessment)
}

/// The end-of-term (or results) report.
fn end_of_term_report(r: &Row<'_>) -> Option<IrmAssessment> {
    let year = r.get("Report Publication Year (End Of Term)")?;
    let assessment = IrmAssessment {
        period_label: format!("IRM end-of-term report {year}"),
        completion: scale(r, "_CompletionEndTerm", &COMPLETION),
        early_results: scale(r, "_OpenGovernment", &OPEN_GOVERNMENT)
            .or_else(|| scale(r, "_Early Results", &EARLY_RESULTS)),
        starred: r
            .get("Starred (Current Formula) End of Term")
            .map(|v| v == "1"),
        source_label: labels(
            r,
            &[
                "Completion (End Of Term)",
                "Did It Open Government (Overall)",
                "Early Results",
                "Starred (Current Formula) End of Term",
            ],
        ),
        ..IrmAssessment::default()
    };
    (!is_empty(&assessment)).then_some(assessment)
}

/// ISO 3166 alpha-2 for the alpha-3 codes of OGP members (and their neighbours).
pub fn country_code(iso3: &str) -> Option<&'static str> {
    const CODES: &[(&str, &str)] = &[
        ("AFG", "AF"),
        ("ALB", "AL"),
        ("ARG", "AR"),
        ("ARM", "AM"),
        ("AUS", "AU"),
        ("AUT", "AT"),
        ("AZE", "AZ"),
        ("BEL", "BE"),
        ("BEN", "BJ"),
        ("BFA", "BF"),
        ("BGR", "BG"),
        ("BIH", "BA"),
        ("BOL", "BO"),
        ("BRA", "BR"),
        ("CAN", "CA"),
        ("CHE", "CH"),
        ("CHL", "CL"),
        ("CIV", "CI"),
        ("CMR", "CM"),
        ("COL", "CO"),
        ("CPV", "CV"),
        ("CRI", "CR"),
        ("CZE", "CZ"),
        ("DEU", "DE"),
        ("DNK", "DK"),
        ("DOM", "DO"),
        ("ECU", "EC"),
        ("ESP", "ES"),
        ("EST", "EE"),
        ("FIN", "FI"),
        ("FRA", "FR"),
        ("GBR", "GB"),
        ("GEO", "GE"),
        ("GHA", "GH"),
        ("GRC", "GR"),
        ("GTM", "GT"),
        ("HND", "HN"),
        ("HRV", "HR"),
        ("HUN", "HU"),
        ("IDN", "ID"),
        ("IRL", "IE"),
        ("ISR", "IL"),
        ("ITA", "IT"),
        ("JAM", "JM"),
        ("JOR", "JO"),
        ("KEN", "KE"),
        ("KGZ", "KG"),
        ("KOR", "KR"),
        ("LBR", "LR"),
        ("LKA", "LK"),
        ("LTU", "LT"),
        ("LUX", "LU"),
        ("LVA", "LV"),
        ("MAR", "MA"),
        ("MDA", "MD"),
        ("MDG", "MG"),
        ("MEX", "MX"),
        ("MKD", "MK"),
        ("MLT", "MT"),
        ("MNE", "ME"),
        ("MNG", "MN"),
        ("MWI", "MW"),
        ("NGA", "NG"),
        ("NLD", "NL"),
        ("NOR", "NO"),
        ("NZL", "NZ"),
        ("PAK", "PK"),
        ("PAN", "PA"),
        ("PER", "PE"),
        ("PHL", "PH"),
        ("PNG", "PG"),
        ("POL", "PL"),
        ("PRT", "PT"),
        ("PRY", "PY"),
        ("ROU", "RO"),
        ("RUS", "RU"),
        ("SEN", "SN"),
        ("SLE", "SL"),
        ("SLV", "SV"),
        ("SRB", "RS"),
        ("SVK", "SK"),
        ("SVN", "SI"),
        ("SWE", "SE"),
        ("SYC", "SC"),
        ("TTO", "TT"),
        ("TUN", "TN"),
        ("TUR", "TR"),
        ("TZA", "TZ"),
        ("UKR", "UA"),
        ("URY", "UY"),
        ("USA", "US"),
        ("ZAF", "ZA"),
        ("ZMB", "ZM"),
        ("MUS", "MU"),
        ("MLI", "ML"),
        ("TGO", "TG"),
        ("NER", "NE"),
        ("GMB", "GM"),
        ("NPL", "NP"),
        ("UGA", "UG"),
        ("BRB", "BB"),
        ("BHS", "BS"),
        ("BLZ", "BZ"),
        ("NIC", "NI"),
        ("VEN", "VE"),
        ("CUB", "CU"),
        ("HTI", "HT"),
        ("ARE", "AE"),
        ("TWN", "TW"),
        ("JPN", "JP"),
        ("IND", "IN"),
        ("BGD", "BD"),
        ("BTN", "BT"),
        ("VNM", "VN"),
        ("THA", "TH"),
        ("MYS", "MY"),
        ("SGP", "SG"),
        ("KAZ", "KZ"),
        ("UZB", "UZ"),
        ("BLR", "BY"),
        ("ISL", "IS"),
        ("CYP", "CY"),
        ("LBN", "LB"),
        ("EGY", "EG"),
        ("ETH", "ET"),
        ("RWA", "RW"),
        ("SDN", "SD"),
        ("SOM", "SO"),
        ("MOZ", "MZ"),
        ("AGO", "AO"),
        ("NAM", "NA"),
        ("BWA", "BW"),
        ("ZWE", "ZW"),
        ("COD", "CD"),
        ("COG", "CG"),
        ("GAB", "GA"),
        ("TCD", "TD"),
        ("GIN", "GN"),
        ("GNB", "GW"),
        ("STP", "ST"),
        ("FJI", "FJ"),
        ("VUT", "VU"),
        ("WSM", "WS"),
        ("TON", "TO"),
        ("SLB", "SB"),
        ("TLS", "TL"),
        ("KHM", "KH"),
        ("LAO", "LA"),
        ("MMR", "MM"),
        ("TJK", "TJ"),
        ("TKM", "TM"),
        ("IRQ", "IQ"),
        ("SAU", "SA"),
        ("QAT", "QA"),
        ("KWT", "KW"),
        ("OMN", "OM"),
        ("BHR", "BH"),
        ("YEM", "YE"),
        ("LBY", "LY"),
        ("DZA", "DZ"),
        ("GUY", "GY"),
        ("SUR", "SR"),
    ];
    let iso3 = iso3.trim().to_ascii_uppercase();
    CODES.iter().find(|(a, _)| *a == iso3).map(|(_, b)| *b)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = include_bytes!("../../tests/data/ogp-commitments-sample.csv");

    fn sample() -> (Vec<OgpCommitment>, Vec<Skipped>) {
        parse(SAMPLE).expect("the sample parses")
    }

    #[test]
    fn the_sample_yields_every_commitment() {
        let (commitments, skipped) = sample();
        assert_eq!(skipped, vec![]);
        assert_eq!(commitments.len(), 25);
        let ec = commitments
            .iter()
            .find(|c| c.ogp_id == "EC0014")
            .expect("EC0014");
        assert_eq!(
            (ec.country_code, ec.plan_number, ec.code.as_str()),
            ("EC", 2, "4")
        );
        assert_eq!(ec.leads[0].name, "Asamblea Nacional");
        assert_eq!(ec.leads[0].acronym.as_deref(), Some("AN"));
    }

    #[test]
    fn float_commitment_numbers_read_as_published() {
        assert_eq!(
            commitment_code(Some("2.2000000000000002")).as_deref(),
            Some("2.2")
        );
        assert_eq!(
            commitment_code(Some("8.1999999999999993")).as_deref(),
            Some("8.2")
        );
        assert_eq!(commitment_code(Some("13")).as_deref(), Some("13"));
    }

    #[test]
    fn dates_in_every_published_shape() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(ogp_date("12/31/2024", true), d(2024, 12, 31));
        assert_eq!(ogp_date("6/1/18", false), d(2018, 6, 1));
        assert_eq!(ogp_date("April 2013", true), d(2013, 4, 30));
        assert_eq!(ogp_date("2012", true), d(2012, 12, 31));
        assert_eq!(ogp_date("soon", false), None);
    }

    #[test]
    fn irm_codes_become_ratings_and_labels_are_kept() {
        let (commitments, _) = sample();
        let cr = commitments
            .iter()
            .find(|c| c.ogp_id == "CR0026")
            .expect("CR0026");
        let [progress, end] = &cr.assessments[..] else {
            panic!("two reports: {:?}", cr.assessments);
        };
        assert_eq!(progress.specificity, Some("medium"));
        assert_eq!(progress.potential_impact, Some("moderate"));
        assert_eq!(progress.completion, Some("limited"));
        assert!(progress.source_label.contains("Specificity: Medium"));
        assert_eq!(end.completion, Some("complete"));
        assert_eq!(end.early_results, Some("did_not_change"));
        let co = commitments
            .iter()
            .find(|c| c.ogp_id == "CO0119")
            .expect("CO0119");
        assert!(co.assessments.is_empty(), "not reviewed yet");
    }

    #[test]
    fn a_file_without_ogp_columns_is_refused() {
        assert!(matches!(
            parse(b"a,b\n1,2\n"),
            Err(Unreadable::MissingColumn(_))
        ));
    }
}
