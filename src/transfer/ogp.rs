//! OGP's commitments data export (one row per commitment, the columns OGP publishes):
//! parsed into what Abierto keeps of it, with a report line for every value that could not
//! be read or had to be interpreted (docs/imports.md lists the rules and the message keys).
//!
//! "NA" and "N/A" mean absent. IRM ratings are read from their numeric code columns
//! (`_Specificity`, `_Potential Impact`, …; DESIGN.md §6), except the labels whose code is
//! shared ("No early results to report yet" is code 1 like "Did not change"); "NR" (not
//! reviewed) and "ND" (no data) are kept apart as the assessment's `absent` marks. The labels
//! as published are kept in the assessment's `source_label`.

mod dates;
pub mod export;
pub(crate) mod institutions;
pub mod report;

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

pub use self::dates::{DayOrder, PeriodKind, Reading, Written};
pub use self::institutions::{decode_entities, sector_of, split_names};
use crate::domain::directory::split_acronym;
use crate::domain::{IrmAbsence, OgpValue, Sector};

/// The longest text kept of each kind (the database's CHECKs allow as much).
pub const MAX_TITLE: usize = 1_000;
pub const MAX_DESCRIPTION: usize = 100_000;
pub const MAX_INSTITUTION: usize = 500;
const MAX_COUNTRY: usize = 200;
const MAX_SOURCE: usize = 20_000;
const MAX_CODE: usize = 20;

/// One commitment of the export, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct OgpCommitment {
    pub row: usize,
    pub ogp_id: String,
    pub country: String,
    pub country_code: &'static str,
    pub local: bool,
    /// The member's code is not a known country's: its government is found by name.
    pub unknown_country: bool,
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
    /// Ratings left empty because the IRM did not review them or had no data, by field.
    pub absent: Vec<(&'static str, IrmAbsence)>,
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

/// A value the import could not read or had to interpret, and what it did: the message
/// key (`ogp-date-ambiguous`, …) and its detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportLine {
    pub row: usize,
    pub ogp_id: String,
    pub column: String,
    pub value: String,
    pub key: &'static str,
    pub detail: String,
}

/// What the export holds: the commitments, the rows left out and the report.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub commitments: Vec<OgpCommitment>,
    pub skipped: Vec<Skipped>,
    pub report: Vec<ReportLine>,
}

/// The file is not a CSV with OGP's header.
#[derive(Debug, thiserror::Error)]
pub enum Unreadable {
    #[error("not a CSV file: {0}")]
    Csv(String),
    #[error("the header has no column {0:?}: is this OGP's commitments export?")]
    MissingColumn(&'static str),
}

impl Unreadable {
    /// The message key for people (its `value` is [`Unreadable::detail`]).
    pub fn key(&self) -> &'static str {
        match self {
            Self::Csv(_) => "ogp-unreadable-csv",
            Self::MissingColumn(_) => "ogp-unreadable-column",
        }
    }

    pub fn detail(&self) -> String {
        match self {
            Self::Csv(why) => why.clone(),
            Self::MissingColumn(column) => (*column).to_owned(),
        }
    }
}

const ID: &str = "Commitment Unique Identifier";
const COUNTRY: &str = "Country/Locality";
const CODE: &str = "Code";
const PLAN_NUMBER: &str = "Action Plan Number";
const NUMBER: &str = "Commitment Number";
const TITLE: &str = "Commitment Title";
const SHORT_TITLE: &str = "Short Title";
const FULL_TEXT: &str = "Full Text";
const START: &str = "Start Date";
const END: &str = "End Date";
const LEAD: &str = "Lead Institution";
const SUPPORTING: &str = "Supporting Institution(s)";
const REQUIRED: [&str; 9] = [
    ID,
    COUNTRY,
    PLAN_NUMBER,
    TITLE,
    FULL_TEXT,
    START,
    END,
    LEAD,
    SUPPORTING,
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
    /// The cell trimmed, or `None` when it is empty.
    fn raw(&self, column: &str) -> Option<&str> {
        let value = self.header.get(column).and_then(|&i| self.values.get(i))?;
        Some(value.trim()).filter(|v| !v.is_empty())
    }

    /// The cell, or `None` when it is empty or one of OGP's "absent" marks.
    fn get(&self, column: &str) -> Option<&str> {
        self.raw(column)
            .filter(|v| !matches!(*v, "NA" | "ND" | "NR" | "N/A"))
    }

    /// "Not reviewed" or "no data", when the cell says so.
    fn absence(&self, column: &str) -> Option<IrmAbsence> {
        match self.raw(column)? {
            "NR" => Some(IrmAbsence::NotReviewed),
            "ND" => Some(IrmAbsence::NoData),
            _ => None,
        }
    }

    fn flag(&self, column: &str) -> bool {
        self.get(column) == Some("1")
    }
}

/// Where one row's report lines go.
struct Notes<'a> {
    row: usize,
    ogp_id: &'a str,
    lines: &'a mut Vec<ReportLine>,
}

impl Notes<'_> {
    fn add(&mut self, column: &str, value: &str, key: &'static str, detail: impl Into<String>) {
        self.lines.push(ReportLine {
            row: self.row,
            ogp_id: self.ogp_id.to_owned(),
            column: column.to_owned(),
            value: value.to_owned(),
            key,
            detail: detail.into(),
        });
    }

    /// At most `max` characters of the trimmed text, with a line when it had more.
    fn clip(&mut self, column: &str, text: &str, max: usize) -> String {
        let text = text.trim();
        let length = text.chars().count();
        if length <= max {
            return text.to_owned();
        }
        let kept: String = text.chars().take(max).collect();
        let shown: String = text.chars().take(80).collect();
        self.add(
            column,
            &format!("{shown}…"),
            "ogp-text-clipped",
            format!("{max} / {length}"),
        );
        kept
    }
}

/// Reads the export. Rows that cannot become a commitment are returned as skipped; every
/// value read with an interpretation, or not read, has a report line.
pub fn parse(bytes: &[u8]) -> Result<Parsed, Unreadable> {
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
    let mut parsed = Parsed::default();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| Unreadable::Csv(e.to_string()))?;
        let row = Row {
            header: &header,
            values: &record,
        };
        match commitment(i + 2, &row, &policy_columns, &mut parsed.report) {
            Ok(c) => parsed.commitments.push(c),
            Err(s) => parsed.skipped.push(s),
        }
    }
    disambiguate_codes(&mut parsed);
    Ok(parsed)
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

/// The government a row belongs to.
struct Member {
    country_code: &'static str,
    local: bool,
    unknown: bool,
}

/// A country's code; a "Legacy Local" member's four letters (`ARBA`: Buenos Aires, AR) or a
/// row marked Local make a local government of its country; Kosovo (`XKX`) is `XK`; an
/// unknown code becomes a government of its own, found by name, under `ZZ`.
fn member(r: &Row<'_>, notes: &mut Notes<'_>) -> Member {
    let code = r.get(CODE).unwrap_or_default().to_ascii_uppercase();
    let says_local = r
        .get("National Or Local")
        .is_some_and(|v| v.to_lowercase().contains("local"));
    if let Some(country_code) = country_code(&code) {
        return Member {
            country_code,
            local: says_local,
            unknown: false,
        };
    }
    if code == "XKX" {
        notes.add(CODE, &code, "ogp-country-kosovo", "XK");
        return Member {
            country_code: "XK",
            local: says_local,
            unknown: false,
        };
    }
    let alpha2 = code
        .get(..2)
        .filter(|_| code.len() == 4)
        .and_then(alpha2_code);
    if let Some(country_code) = alpha2 {
        notes.add(CODE, &code, "ogp-country-local-member", country_code);
        return Member {
            country_code,
            local: true,
            unknown: false,
        };
    }
    notes.add(CODE, &code, "ogp-country-unknown", "ZZ");
    Member {
        country_code: "ZZ",
        local: says_local,
        unknown: true,
    }
}

fn commitment(
    row: usize,
    r: &Row<'_>,
    policy_columns: &[String],
    report: &mut Vec<ReportLine>,
) -> Result<OgpCommitment, Skipped> {
    let ogp_id = r.get(ID).unwrap_or_default().to_owned();
    let skip = |reason: &'static str, detail: &str| Skipped {
        row,
        ogp_id: ogp_id.clone(),
        reason,
        detail: detail.to_owned(),
    };
    if ogp_id.is_empty() || ogp_id.chars().count() > 20 {
        return Err(skip("ogp-skip-no-id", &ogp_id));
    }
    let country = r
        .get(COUNTRY)
        .ok_or_else(|| skip("ogp-skip-no-country", ""))?;
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
    let mut notes = Notes {
        row,
        ogp_id: &ogp_id,
        lines: report,
    };
    let member = member(r, &mut notes);
    let (start_date, end_date) = commitment_dates(r, member.country_code, &mut notes);
    let code = match r.get(NUMBER) {
        None => ogp_id.clone(),
        Some(raw) => commitment_code(Some(raw)).unwrap_or_else(|| {
            notes.add(NUMBER, raw, "ogp-code-unreadable", ogp_id.as_str());
            ogp_id.clone()
        }),
    };
    Ok(OgpCommitment {
        row,
        ogp_id: ogp_id.clone(),
        country: notes.clip(COUNTRY, country, MAX_COUNTRY),
        country_code: member.country_code,
        local: member.local,
        unknown_country: member.unknown,
        plan_number,
        plan_years: (start_year, end_year),
        code,
        title: notes.clip(TITLE, title, MAX_TITLE),
        title_en: r
            .get(SHORT_TITLE)
            .map(|t| notes.clip(SHORT_TITLE, t, MAX_TITLE)),
        description: notes.clip(
            FULL_TEXT,
            r.get(FULL_TEXT).unwrap_or_default(),
            MAX_DESCRIPTION,
        ),
        start_date,
        end_date,
        leads: institutions(r, LEAD, Sector::Government, &mut notes),
        supporting: institutions(r, SUPPORTING, Sector::Government, &mut notes),
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
        source: notes.clip("URL", r.get("URL").unwrap_or_default(), MAX_SOURCE),
        assessments: [
            progress_report(r, &mut notes),
            end_of_term_report(r, &mut notes),
        ]
        .into_iter()
        .flatten()
        .collect(),
    })
}

/// OGP numbers commitments as floats ("2.2000000000000002"): the shortest decimal that reads
/// back as the same float is the number as published.
pub fn commitment_code(raw: Option<&str>) -> Option<String> {
    let raw = raw?;
    let code = match raw.parse::<f64>() {
        Ok(n) if n.is_finite() => n.to_string(),
        _ => raw.to_owned(),
    };
    Some(code).filter(|c| !c.is_empty() && c.chars().count() <= MAX_CODE)
}

/// A second commitment with the same number in one plan keeps it with a letter: `2.1-b`.
fn disambiguate_codes(parsed: &mut Parsed) {
    let mut taken: HashSet<(&'static str, bool, String, i16, String)> = HashSet::new();
    for c in &mut parsed.commitments {
        let government = if c.local || c.unknown_country {
            c.country.clone()
        } else {
            String::new()
        };
        let key = |code: &str| {
            (
                c.country_code,
                c.local,
                government.clone(),
                c.plan_number,
                code.to_owned(),
            )
        };
        if taken.insert(key(&c.code)) {
            continue;
        }
        let Some(code) = ('b'..='z')
            .map(|letter| with_letter(&c.code, letter))
            .find(|code| !taken.contains(&key(code)))
        else {
            continue;
        };
        taken.insert(key(&code));
        parsed.report.push(ReportLine {
            row: c.row,
            ogp_id: c.ogp_id.clone(),
            column: NUMBER.to_owned(),
            value: c.code.clone(),
            key: "ogp-code-repeated",
            detail: code.clone(),
        });
        c.code = code;
    }
}

/// `code-x`, shortening `code` to stay within the column's 20 characters.
pub fn with_letter(code: &str, letter: char) -> String {
    let base: String = code.chars().take(MAX_CODE - 2).collect();
    format!("{base}-{letter}")
}

/// The start and end dates of a row, read together (DESIGN: one row decides its order).
fn commitment_dates(
    r: &Row<'_>,
    country_code: &str,
    notes: &mut Notes<'_>,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let raw_start = r.get(START);
    let raw_end = r.get(END);
    let written = |raw: Option<&str>| raw.map_or(Written::Unreadable, dates::read);
    let (start_w, end_w) = (written(raw_start), written(raw_end));
    let mut one = |raw: Option<&str>, column: &str, w: &Written, other: &Written, end: bool| {
        let raw = raw?;
        let Some((date, reading)) = dates::resolve(w, end, other, country_code) else {
            notes.add(column, raw, "ogp-date-unreadable", "");
            return None;
        };
        let shown = date.format("%Y-%m-%d").to_string();
        match reading {
            Reading::Plain => {}
            Reading::OrderFromOtherDate(order) => notes.add(
                column,
                raw,
                "ogp-date-order-from-other-date",
                format!("{shown} ({})", order.as_str()),
            ),
            Reading::Ambiguous(order) => notes.add(
                column,
                raw,
                "ogp-date-ambiguous",
                format!("{shown} ({}, {country_code})", order.as_str()),
            ),
            Reading::Period(kind) => notes.add(column, raw, kind.key(), shown),
            Reading::Serial(_) => notes.add(column, raw, "ogp-date-serial", shown),
        }
        Some(date)
    };
    let start = one(raw_start, START, &start_w, &end_w, false);
    let end = one(raw_end, END, &end_w, &start_w, true);
    match (start, end) {
        (Some(s), Some(e)) if e < s => {
            notes.add(
                END,
                raw_end.unwrap_or_default(),
                "ogp-date-end-before-start",
                s.format("%Y-%m-%d").to_string(),
            );
            (start, None)
        }
        _ => (start, end),
    }
}

/// The institutions of a cell with their acronyms and sectors (`institutions` module).
fn institutions(
    r: &Row<'_>,
    column: &str,
    default: Sector,
    notes: &mut Notes<'_>,
) -> Vec<OgpInstitution> {
    let Some(raw) = r.get(column) else {
        return Vec::new();
    };
    if institutions::is_placeholder(raw) {
        notes.add(column, raw, "ogp-institution-placeholder", "");
        return Vec::new();
    }
    let names = split_names(raw);
    if names.len() > 1 {
        notes.add(column, raw, "ogp-institutions-split", names.join(" | "));
    }
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for name in names {
        if institutions::is_placeholder(&name) {
            notes.add(column, &name, "ogp-institution-placeholder", "");
            continue;
        }
        let name = notes.clip(column, &name, MAX_INSTITUTION);
        let (name, acronym) = split_acronym(&name);
        if name.is_empty() || !seen.insert(name.clone()) {
            continue;
        }
        let sector = match sector_of(&name) {
            Some((sector, _)) => sector,
            None => {
                notes.add(column, &name, "ogp-sector-guessed", default.as_str());
                default
            }
        };
        found.push(OgpInstitution {
            name,
            acronym,
            sector,
        });
    }
    found
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
/// The "did it open government" label that shares code 1 with "did not change".
const NO_EARLY_RESULTS_YET: &str = "no early results to report yet";

/// A rating from its code column; a code that is no value of the scale is reported.
fn scale(
    r: &Row<'_>,
    column: &str,
    values: &'static [&'static str],
    notes: &mut Notes<'_>,
) -> Option<&'static str> {
    let raw = r.get(column)?;
    let value = raw
        .parse::<usize>()
        .ok()
        .and_then(|c| values.get(c))
        .copied();
    if value.is_none() {
        notes.add(column, raw, "ogp-irm-unreadable", values.join(", "));
    }
    value
}

/// Yes/No or 1/0.
fn yes_no(r: &Row<'_>, column: &str, notes: &mut Notes<'_>) -> Option<bool> {
    let raw = r.get(column)?;
    match raw.to_lowercase().as_str() {
        "1" | "yes" | "y" | "true" | "sí" | "si" => Some(true),
        "0" | "no" | "n" | "false" => Some(false),
        _ => {
            notes.add(column, raw, "ogp-irm-unreadable", "yes, no");
            None
        }
    }
}

/// "Label: value" for each published label present, as given (NR and ND included).
fn labels(r: &Row<'_>, columns: &[&str]) -> String {
    columns
        .iter()
        .filter_map(|c| r.raw(c).filter(|v| *v != "NA").map(|v| format!("{c}: {v}")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The first "not reviewed" or "no data" mark among `columns`.
fn absence(r: &Row<'_>, columns: &[&str]) -> Option<IrmAbsence> {
    columns.iter().find_map(|c| r.absence(c))
}

impl IrmAssessment {
    fn is_empty(&self) -> bool {
        self.specificity.is_none()
            && self.potential_impact.is_none()
            && self.completion.is_none()
            && self.early_results.is_none()
    }

    /// Records why each empty rating is empty, when the export says.
    fn mark(&mut self, field: &'static str, empty: bool, why: Option<IrmAbsence>) {
        if let (true, Some(why)) = (empty, why) {
            self.absent.push((field, why));
        }
    }
}

/// The progress (mid-term) report or action plan review.
fn progress_report(r: &Row<'_>, notes: &mut Notes<'_>) -> Option<IrmAssessment> {
    let year = r.get("Report Publication Year (Progress Report)")?;
    let mut a = IrmAssessment {
        period_label: format!("IRM progress report {year}"),
        specificity: scale(r, "_Specificity", &SPECIFICITY, notes),
        verifiable: yes_no(r, "Verifiable", notes),
        relevance: VALUE_FLAGS
            .iter()
            .filter(|(c, _)| r.flag(c))
            .map(|(_, v)| *v)
            .collect(),
        potential_impact: scale(r, "_Potential Impact", &POTENTIAL_IMPACT, notes)
            .or_else(|| scale(r, "_Potential for Results", &POTENTIAL_FOR_RESULTS, notes)),
        completion: scale(r, "_CompletionProgress", &COMPLETION, notes),
        early_results: None,
        starred: yes_no(r, "Starred (Current Formula) Progress Report", notes),
        absent: Vec::new(),
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
    let why = absence(r, &["_Specificity", "Specificity"]);
    a.mark("specificity", a.specificity.is_none(), why);
    a.mark(
        "verifiable",
        a.verifiable.is_none(),
        absence(r, &["Verifiable"]),
    );
    let why = absence(
        r,
        &[
            "_Potential Impact",
            "Potential Impact",
            "_Potential for Results",
            "Potential for Results",
        ],
    );
    a.mark("potential_impact", a.potential_impact.is_none(), why);
    let why = absence(r, &["_CompletionProgress", "Completion (Progress Report)"]);
    a.mark("completion", a.completion.is_none(), why);
    let why = absence(r, &["Starred (Current Formula) Progress Report"]);
    a.mark("starred", a.starred.is_none(), why);
    (!a.is_empty()).then_some(a)
}

/// The end-of-term (or results) report.
fn end_of_term_report(r: &Row<'_>, notes: &mut Notes<'_>) -> Option<IrmAssessment> {
    let year = r.get("Report Publication Year (End Of Term)")?;
    let no_early_results_yet = r
        .get("Did It Open Government (Overall)")
        .is_some_and(|l| l.trim().to_lowercase() == NO_EARLY_RESULTS_YET);
    let early_results = if no_early_results_yet {
        Some("no_early_results")
    } else {
        scale(r, "_OpenGovernment", &OPEN_GOVERNMENT, notes)
            .or_else(|| scale(r, "_Early Results", &EARLY_RESULTS, notes))
    };
    let mut a = IrmAssessment {
        period_label: format!("IRM end-of-term report {year}"),
        completion: scale(r, "_CompletionEndTerm", &COMPLETION, notes),
        early_results,
        starred: yes_no(r, "Starred (Current Formula) End of Term", notes),
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
    let why = absence(r, &["_CompletionEndTerm", "Completion (End Of Term)"]);
    a.mark("completion", a.completion.is_none(), why);
    let why = absence(
        r,
        &[
            "_OpenGovernment",
            "Did It Open Government (Overall)",
            "_Early Results",
            "Early Results",
        ],
    );
    a.mark("early_results", a.early_results.is_none(), why);
    let why = absence(r, &["Starred (Current Formula) End of Term"]);
    a.mark("starred", a.starred.is_none(), why);
    (!a.is_empty()).then_some(a)
}

/// A known ISO alpha-2 code, as the program's static string.
fn alpha2_code(code: &str) -> Option<&'static str> {
    CODES.iter().find(|(_, b)| *b == code).map(|(_, b)| *b)
}

/// ISO 3166 alpha-3 and alpha-2 codes of OGP members (and their neighbours).
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

/// The alpha-3 code of an ISO alpha-2 code of the table.
pub fn alpha3_code(alpha2: &str) -> Option<&'static str> {
    CODES.iter().find(|(_, b)| *b == alpha2).map(|(a, _)| *a)
}

/// ISO 3166 alpha-2 for the alpha-3 codes of OGP members (and their neighbours).
pub fn country_code(iso3: &str) -> Option<&'static str> {
    let iso3 = iso3.trim().to_ascii_uppercase();
    CODES.iter().find(|(a, _)| *a == iso3).map(|(_, b)| *b)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = include_bytes!("../../tests/data/ogp-commitments-sample.csv");

    fn sample() -> Parsed {
        parse(SAMPLE).expect("the sample parses")
    }

    /// A file with the sample's header and one row per list of `(column, value)`, the other
    /// columns taken from a plain national commitment.
    fn file(rows: &[&[(&str, &str)]]) -> Parsed {
        let header = SAMPLE.split(|b| *b == b'\n').next().expect("a header line");
        let header = std::str::from_utf8(header).expect("utf-8").trim_end();
        let columns: Vec<&str> = header.trim_start_matches('\u{feff}').split(',').collect();
        let mut out = csv::Writer::from_writer(Vec::new());
        out.write_record(&columns).expect("header");
        for (n, row) in rows.iter().enumerate() {
            let id = format!("T{n:04}");
            let number = (n + 1).to_string();
            let defaults = [
                (ID, id.as_str()),
                (COUNTRY, "Chile"),
                (CODE, "CHL"),
                (PLAN_NUMBER, "3"),
                (NUMBER, number.as_str()),
                ("National Or Local", "National"),
                ("Year Of Submission", "2016"),
                ("Action Plan End Year", "2018"),
                (TITLE, "A commitment"),
                (LEAD, "Ministerio de Hacienda"),
            ];
            let record: Vec<&str> = columns
                .iter()
                .map(|c| {
                    row.iter()
                        .chain(defaults.iter())
                        .find(|(name, _)| name == c)
                        .map_or("NA", |(_, v)| *v)
                })
                .collect();
            out.write_record(&record).expect("row");
        }
        parse(&out.into_inner().expect("bytes")).expect("parses")
    }

    fn keys(parsed: &Parsed, column: &str) -> Vec<&'static str> {
        parsed
            .report
            .iter()
            .filter(|l| l.column == column)
            .map(|l| l.key)
            .collect()
    }

    #[test]
    fn the_sample_yields_every_commitment() {
        let parsed = sample();
        assert_eq!(parsed.skipped, vec![]);
        assert_eq!(parsed.commitments.len(), 25);
        let ec = parsed
            .commitments
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
    fn a_rows_dates_are_read_together_and_each_interpretation_is_reported() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let parsed = file(&[
            &[(START, "1/7/2014"), (END, "31/12/2016")],
            &[(START, "3/4/2015"), (END, "5/6/2016")],
            &[(START, "Quarter 1 2014"), (END, "43525")],
            &[(START, "soon"), (END, "2012")],
            &[(START, "1/1/2019"), (END, "1/1/2018")],
        ]);
        let c = &parsed.commitments;
        assert_eq!(
            (c[0].start_date, c[0].end_date),
            (d(2014, 7, 1), d(2016, 12, 31))
        );
        assert_eq!(
            (c[1].start_date, c[1].end_date),
            (d(2015, 4, 3), d(2016, 6, 5))
        );
        assert_eq!(
            (c[2].start_date, c[2].end_date),
            (d(2014, 1, 1), d(2019, 3, 1))
        );
        assert_eq!((c[3].start_date, c[3].end_date), (None, d(2012, 12, 31)));
        assert_eq!((c[4].start_date, c[4].end_date), (d(2019, 1, 1), None));
        let lines: Vec<(usize, &str, &str)> = parsed
            .report
            .iter()
            .filter(|l| l.column == START || l.column == END)
            .map(|l| (l.row, l.column.as_str(), l.key))
            .collect();
        assert_eq!(
            lines,
            [
                (2, START, "ogp-date-order-from-other-date"),
                (3, START, "ogp-date-ambiguous"),
                (3, END, "ogp-date-ambiguous"),
                (4, START, "ogp-date-quarter"),
                (4, END, "ogp-date-serial"),
                (5, START, "ogp-date-unreadable"),
                (5, END, "ogp-date-year-only"),
                (6, END, "ogp-date-end-before-start"),
            ]
        );
    }

    #[test]
    fn institutions_are_split_placeholders_dropped_and_long_names_kept() {
        let long = format!("Comisión {}", "de la Integridad Pública ".repeat(18));
        let long = long.trim();
        assert!(long.chars().count() > 400);
        let parsed = file(&[
            &[
                (LEAD, "Unclear"),
                (SUPPORTING, "Ministère de la Culture; N/A; TBD"),
            ],
            &[
                (LEAD, long),
                (SUPPORTING, "World Bank, UNDP\nFundación Ciudadana"),
            ],
        ]);
        let c = &parsed.commitments;
        assert!(c[0].leads.is_empty());
        assert_eq!(c[0].supporting.len(), 1);
        assert_eq!(c[1].leads[0].name, long);
        let supporting: Vec<(&str, Sector)> = c[1]
            .supporting
            .iter()
            .map(|i| (i.name.as_str(), i.sector))
            .collect();
        assert_eq!(
            supporting,
            [
                ("World Bank", Sector::Multilateral),
                ("UNDP", Sector::Multilateral),
                ("Fundación Ciudadana", Sector::CivilSociety),
            ]
        );
        assert_eq!(keys(&parsed, LEAD), ["ogp-institution-placeholder"]);
        assert_eq!(
            keys(&parsed, SUPPORTING),
            [
                "ogp-institutions-split",
                "ogp-institution-placeholder",
                "ogp-institution-placeholder",
                "ogp-institutions-split",
            ]
        );
    }

    #[test]
    fn an_institution_that_names_no_kind_of_body_keeps_the_default_sector_with_a_line() {
        let parsed = file(&[&[(LEAD, "AGESIC")]]);
        assert_eq!(parsed.commitments[0].leads[0].sector, Sector::Government);
        assert_eq!(keys(&parsed, LEAD), ["ogp-sector-guessed"]);
    }

    #[test]
    fn long_texts_are_kept_to_the_limit_with_a_line_and_paragraphs_stay() {
        let title = "Título largo ".repeat(100);
        let text = format!("First paragraph.\n\nSecond {}", "x".repeat(MAX_DESCRIPTION));
        let parsed = file(&[&[(TITLE, &title), (FULL_TEXT, &text)]]);
        let c = &parsed.commitments[0];
        assert_eq!(c.title.chars().count(), MAX_TITLE);
        assert_eq!(c.description.chars().count(), MAX_DESCRIPTION);
        assert!(c.description.starts_with("First paragraph.\n\nSecond"));
        assert_eq!(keys(&parsed, TITLE), ["ogp-text-clipped"]);
        assert_eq!(keys(&parsed, FULL_TEXT), ["ogp-text-clipped"]);
        let short = file(&[&[(TITLE, &"T".repeat(MAX_TITLE))]]);
        assert!(short.report.iter().all(|l| l.column != TITLE));
    }

    #[test]
    fn irm_codes_become_ratings_and_labels_are_kept() {
        let parsed = sample();
        let cr = parsed
            .commitments
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
        let co = parsed
            .commitments
            .iter()
            .find(|c| c.ogp_id == "CO0119")
            .expect("CO0119");
        assert!(co.assessments.is_empty(), "not reviewed yet");
    }

    #[test]
    fn irm_values_are_read_exactly() {
        let progress = [
            ("Report Publication Year (Progress Report)", "2020"),
            ("_Specificity", "2"),
            ("Specificity", "Medium"),
        ];
        let end = [
            ("Report Publication Year (End Of Term)", "2022"),
            ("_CompletionEndTerm", "NR"),
        ];
        let row = |extra: &[(&'static str, &'static str)]| -> Vec<(&'static str, &'static str)> {
            progress
                .iter()
                .chain(end.iter())
                .chain(extra)
                .copied()
                .collect()
        };
        let a = row(&[
            (
                "Did It Open Government (Overall)",
                "No early results to report yet",
            ),
            ("_OpenGovernment", "1"),
            ("Verifiable", "1"),
            ("_Potential Impact", "ND"),
        ]);
        let b = row(&[
            ("Did It Open Government (Overall)", "Did Not Change"),
            ("_OpenGovernment", "1"),
            ("Verifiable", "0"),
            ("_Potential Impact", "NR"),
        ]);
        let c = row(&[("Verifiable", "Yes"), ("_OpenGovernment", "7")]);
        let parsed = file(&[&a, &b, &c]);
        let [a, b, c] = &parsed.commitments[..] else {
            panic!("three rows");
        };
        assert_eq!(a.assessments[1].early_results, Some("no_early_results"));
        assert_eq!(b.assessments[1].early_results, Some("did_not_change"));
        assert_eq!(
            (
                a.assessments[0].verifiable,
                b.assessments[0].verifiable,
                c.assessments[0].verifiable
            ),
            (Some(true), Some(false), Some(true))
        );
        assert!(
            a.assessments[0]
                .absent
                .contains(&("potential_impact", IrmAbsence::NoData))
        );
        assert!(
            b.assessments[0]
                .absent
                .contains(&("potential_impact", IrmAbsence::NotReviewed))
        );
        assert!(
            a.assessments[1]
                .absent
                .contains(&("completion", IrmAbsence::NotReviewed))
        );
        assert!(
            !c.assessments[0]
                .absent
                .iter()
                .any(|(f, _)| *f == "potential_impact"),
            "an empty cell is neither mark"
        );
        assert_eq!(keys(&parsed, "_OpenGovernment"), ["ogp-irm-unreadable"]);
    }

    #[test]
    fn local_members_kosovo_and_unknown_codes_become_governments() {
        let parsed = file(&[
            &[
                (COUNTRY, "Buenos Aires"),
                (CODE, "ARBA"),
                ("National Or Local", "Legacy Local"),
            ],
            &[(COUNTRY, "Kosovo"), (CODE, "XKX")],
            &[(COUNTRY, "Atlantis"), (CODE, "ATL")],
            &[
                (COUNTRY, "Jalisco"),
                (CODE, "MEX"),
                ("National Or Local", "Local"),
            ],
        ]);
        assert_eq!(parsed.skipped, vec![]);
        let members: Vec<(&str, &str, bool, bool)> = parsed
            .commitments
            .iter()
            .map(|c| {
                (
                    c.country.as_str(),
                    c.country_code,
                    c.local,
                    c.unknown_country,
                )
            })
            .collect();
        assert_eq!(
            members,
            [
                ("Buenos Aires", "AR", true, false),
                ("Kosovo", "XK", false, false),
                ("Atlantis", "ZZ", false, true),
                ("Jalisco", "MX", true, false),
            ]
        );
        assert_eq!(
            keys(&parsed, CODE),
            [
                "ogp-country-local-member",
                "ogp-country-kosovo",
                "ogp-country-unknown"
            ]
        );
    }

    #[test]
    fn a_repeated_number_in_one_plan_gets_a_letter() {
        let parsed = file(&[
            &[(NUMBER, "2.1")],
            &[(NUMBER, "2.1000000000000001")],
            &[(NUMBER, "2.1"), (PLAN_NUMBER, "4")],
        ]);
        let codes: Vec<&str> = parsed.commitments.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["2.1", "2.1-b", "2.1"]);
        let line = &parsed.report[0];
        assert_eq!(
            (line.row, line.key, line.detail.as_str()),
            (3, "ogp-code-repeated", "2.1-b")
        );
    }

    #[test]
    fn a_file_without_ogp_columns_is_refused() {
        assert!(matches!(
            parse(b"a,b\n1,2\n"),
            Err(Unreadable::MissingColumn(_))
        ));
    }
}
