//! The report as CSV, one file per entity, in a ZIP archive (deflate).
//!
//! Column names are the JSON field names, so the CSV and JSON downloads read alike; dates
//! are ISO 8601, numbers plain. Text that a spreadsheet would take for a formula is
//! neutralised. As in the JSON, `progress` is the figure the forum validated and `reported`
//! the one the institutions reported (pending and contested included).

use std::io::{Cursor, Write};

use chrono::{DateTime, NaiveDate, Utc};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use super::Seal;
use super::model::Report;
use crate::domain::Progress;
use crate::domain::cells::neutralise;

/// The files of the archive, in order.
pub const FILES: &[&str] = &[
    "summary.csv",
    "commitments.csv",
    "milestones.csv",
    "updates.csv",
    "assessments.csv",
    "counterpart_reports.csv",
    "round_assessments.csv",
];

/// The file a frozen report adds: its name, hash and sign-offs, one row per sign-off.
pub const SIGNOFFS_FILE: &str = "signoffs.csv";

pub fn render(report: &Report, seal: Option<&Seal>) -> anyhow::Result<Vec<u8>> {
    let mut tables = vec![
        (FILES[0], summary(report)),
        (FILES[1], commitments(report)),
        (FILES[2], milestones(report)),
        (FILES[3], updates(report)),
        (FILES[4], assessments(report)),
        (FILES[5], counterpart_reports(report)),
        (FILES[6], round_assessments(report)),
    ];
    if let Some(seal) = seal {
        tables.push((SIGNOFFS_FILE, signoffs(seal)));
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed timestamp keeps the archive identical for the same report.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, rows) in tables {
        zip.start_file(name, options)?;
        zip.write_all(&to_csv(&rows)?)?;
    }
    Ok(zip.finish()?.into_inner())
}

type Rows = Vec<Vec<String>>;

fn to_csv(rows: &Rows) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.write_record(row.iter().map(|cell| neutralise(cell).into_owned()))?;
    }
    Ok(writer.into_inner().map_err(|e| e.into_error())?)
}

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn moment(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

fn points(p: Option<Progress>) -> String {
    p.map(|p| p.to_string()).unwrap_or_default()
}

fn flag(b: Option<bool>) -> String {
    b.map(|b| b.to_string()).unwrap_or_default()
}

fn signoffs(seal: &Seal) -> Rows {
    let mut rows = vec![header(&[
        "period_label",
        "sha256",
        "frozen_at",
        "member",
        "representative",
        "signed_at",
    ])];
    rows.extend(seal.signoffs.iter().map(|s| {
        vec![
            seal.label.clone(),
            seal.sha256.clone(),
            moment(Some(seal.frozen_at)),
            s.member.clone(),
            s.representative.clone().unwrap_or_default(),
            moment(Some(s.signed_at)),
        ]
    }));
    rows
}

fn summary(r: &Report) -> Rows {
    let s = &r.summary;
    let mut rows = vec![header(&["field", "value"])];
    let h = &s.commitment_health;
    for (field, value) in [
        ("plan", r.plan.title.clone()),
        ("plan_slug", r.plan.slug.clone()),
        ("government", r.plan.government.clone()),
        ("as_of", date(Some(r.as_of))),
        ("period_start", date(Some(r.plan.period_start))),
        ("period_end", date(Some(r.plan.period_end))),
        ("progress", s.progress.to_string()),
        ("reported", s.reported.to_string()),
        ("commitments", s.commitments.to_string()),
        ("milestones", s.milestones.to_string()),
        ("updates", s.updates.to_string()),
        ("commitments_completed", h.completed.to_string()),
        ("commitments_on_track", h.on_track.to_string()),
        ("commitments_at_risk", h.at_risk.to_string()),
        ("commitments_overdue", h.overdue.to_string()),
        ("commitments_not_started", h.not_started.to_string()),
        ("commitments_cancelled", h.cancelled.to_string()),
        ("updates_pending", s.reviews.pending.to_string()),
        ("updates_validated", s.reviews.validated.to_string()),
        ("updates_returned", s.reviews.returned.to_string()),
        ("updates_contested", s.reviews.contested.to_string()),
        (
            "milestones_in_disagreement",
            s.disagreements.milestones.to_string(),
        ),
        ("participation_people", s.participation.people.to_string()),
        (
            "participation_activities",
            s.participation.activities.to_string(),
        ),
        (
            "participation_sectors",
            s.participation
                .sectors
                .iter()
                .map(|x| x.as_str())
                .collect::<Vec<_>>()
                .join(";"),
        ),
    ] {
        rows.push(vec![field.to_owned(), value]);
    }
    rows
}

fn commitments(r: &Report) -> Rows {
    let mut rows = vec![header(&[
        "code",
        "ogp_id",
        "title",
        "state",
        "lead",
        "start",
        "end",
        "progress",
        "reported",
        "expected",
        "health",
        "milestones",
    ])];
    rows.extend(r.commitments.iter().map(|c| {
        vec![
            c.code.clone(),
            c.ogp_id.clone().unwrap_or_default(),
            c.title.clone(),
            c.state.as_str().to_owned(),
            c.lead.clone().unwrap_or_default(),
            date(c.start),
            date(c.end),
            c.progress.to_string(),
            c.reported.to_string(),
            points(c.expected),
            c.health.as_str().to_owned(),
            c.milestones.to_string(),
        ]
    }));
    rows
}

fn milestones(r: &Report) -> Rows {
    let mut rows = vec![header(&[
        "commitment_code",
        "position",
        "title",
        "responsible",
        "weight",
        "baseline_start",
        "baseline_due",
        "start",
        "due",
        "progress",
        "reported",
        "expected",
        "status",
        "health",
        "last_reported_at",
        "is_illustrative",
        "counterpart_completion",
        "counterpart_endorses",
        "disagrees_on_state",
        "disagrees_on_fulfilment",
    ])];
    rows.extend(r.milestones.iter().map(|m| {
        vec![
            m.commitment_code.clone(),
            m.position.to_string(),
            m.title.clone(),
            m.responsible.clone().unwrap_or_default(),
            m.weight.to_string(),
            date(m.baseline_start),
            date(m.baseline_due),
            date(m.start),
            date(m.due),
            m.progress.to_string(),
            m.reported.to_string(),
            points(m.expected),
            m.status.as_str().to_owned(),
            m.health.as_str().to_owned(),
            moment(m.last_reported_at),
            m.is_illustrative.to_string(),
            m.counterpart_completion
                .map(|c| c.as_str().to_owned())
                .unwrap_or_default(),
            flag(m.counterpart_endorses),
            m.disagrees_on_state.to_string(),
            m.disagrees_on_fulfilment.to_string(),
        ]
    }));
    rows
}

fn updates(r: &Report) -> Rows {
    let mut rows = vec![header(&[
        "commitment_code",
        "milestone_position",
        "milestone_title",
        "reported_at",
        "author",
        "progress",
        "status",
        "review",
        "reviewed_at",
        "review_note",
        "narrative",
        "is_illustrative",
    ])];
    rows.extend(r.updates.iter().map(|u| {
        vec![
            u.commitment_code.clone(),
            u.milestone_position.to_string(),
            u.milestone_title.clone(),
            moment(Some(u.reported_at)),
            u.author.clone(),
            u.progress.to_string(),
            u.status.as_str().to_owned(),
            u.review.as_str().to_owned(),
            moment(u.reviewed_at),
            u.review_note.clone().unwrap_or_default(),
            u.narrative.clone(),
            u.is_illustrative.to_string(),
        ]
    }));
    rows
}

fn assessments(r: &Report) -> Rows {
    let mut rows = vec![header(&[
        "commitment_code",
        "period_label",
        "as_of",
        "source",
        "verifiable",
        "specificity",
        "relevance",
        "potential_impact",
        "completion",
        "early_results",
        "starred",
        "narrative",
    ])];
    rows.extend(r.assessments.iter().map(|a| {
        vec![
            a.commitment_code.clone(),
            a.period_label.clone(),
            date(a.as_of),
            a.source.clone(),
            flag(a.verifiable),
            a.specificity.clone().unwrap_or_default(),
            a.relevance.join(" "),
            a.potential_impact.clone().unwrap_or_default(),
            a.completion.clone().unwrap_or_default(),
            a.early_results.clone().unwrap_or_default(),
            flag(a.starred),
            a.narrative.clone(),
        ]
    }));
    rows
}

fn counterpart_reports(r: &Report) -> Rows {
    let mut rows = vec![header(&[
        "commitment_code",
        "milestone_position",
        "milestone_title",
        "institution",
        "author",
        "reported_at",
        "completion",
        "institution_fulfilled",
        "fulfilment_note",
        "perceived_change",
        "endorses",
    ])];
    rows.extend(r.counterpart_reports.iter().map(|k| {
        vec![
            k.commitment_code.clone(),
            k.milestone_position.to_string(),
            k.milestone_title.clone(),
            k.institution.clone(),
            k.author.clone(),
            moment(Some(k.reported_at)),
            k.completion.as_str().to_owned(),
            k.institution_fulfilled.as_str().to_owned(),
            k.fulfilment_note.clone(),
            k.perceived_change.clone(),
            k.endorses.to_string(),
        ]
    }));
    rows
}

fn round_assessments(r: &Report) -> Rows {
    let mut rows = vec![header(&[
        "commitment_code",
        "round",
        "assessed_at",
        "author",
        "completion",
        "narrative",
        "communication",
        "communication_note",
    ])];
    rows.extend(r.round_assessments.iter().map(|a| {
        vec![
            a.commitment_code.clone(),
            a.round.clone(),
            moment(Some(a.assessed_at)),
            a.author.clone(),
            a.completion.as_str().to_owned(),
            a.narrative.clone(),
            a.communication.as_str().to_owned(),
            a.communication_note.clone(),
        ]
    }));
    rows
}
