//! The civil-society counterpart's own reports on the milestones its institution co-leads.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::counterpart_report::CounterpartReport as NewReport;
use crate::domain::{Completion, Fulfilment, PlanPhase, ReviewState};

/// What the counterpart's report form needs about a milestone, and what decides who may file.
#[derive(Debug, Clone)]
pub struct CounterpartTarget {
    pub id: Uuid,
    pub title: String,
    pub expected_output: String,
    pub position: i32,
    pub commitment_id: Uuid,
    pub code: String,
    pub commitment_title: String,
    pub plan_slug: String,
    pub plan_phase: PlanPhase,
    pub government_id: Uuid,
    /// Whether the asking institution is a civil-society co-lead of the commitment.
    pub co_leads: bool,
}

/// The milestone, its commitment and plan, and whether `institution` co-leads it.
pub async fn target(
    db: &PgPool,
    milestone_id: Uuid,
    institution: Option<Uuid>,
) -> sqlx::Result<Option<CounterpartTarget>> {
    sqlx::query_as!(
        CounterpartTarget,
        r#"SELECT m.id, m.title, m.expected_output, m.position, c.id AS commitment_id, c.code,
                  c.title AS commitment_title, p.slug AS plan_slug,
                  p.phase AS "plan_phase: PlanPhase", p.government_id,
                  EXISTS (SELECT 1 FROM commitment_actors a
                           WHERE a.commitment_id = c.id AND a.institution_id = $2
                             AND a.role = 'civil_society_co_lead') AS "co_leads!"
             FROM milestones m
             JOIN commitments c ON c.id = m.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
            WHERE m.id = $1"#,
        milestone_id,
        institution
    )
    .fetch_optional(db)
    .await
}

/// Appends a counterpart's report and its evidence links in the caller's transaction.
pub async fn insert(
    conn: &mut PgConnection,
    milestone_id: Uuid,
    institution_id: Uuid,
    author: (Uuid, &str),
    report: &NewReport,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO counterpart_reports (id, milestone_id, institution_id, author_id, author_name,
                                          completion, institution_fulfilled, fulfilment_note,
                                          perceived_change, endorses)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        id,
        milestone_id,
        institution_id,
        author.0,
        author.1,
        report.completion.as_str(),
        report.institution_fulfilled.as_str(),
        report.fulfilment_note,
        report.perceived_change,
        report.endorses
    )
    .execute(&mut *conn)
    .await?;
    for link in &report.links {
        sqlx::query!(
            "INSERT INTO evidence (id, counterpart_report_id, kind, evidence_type, title, url,
                                   source, evidence_date)
             VALUES ($1, $2, 'link', $3, $4, $4, $5, $6)",
            Uuid::now_v7(),
            id,
            link.evidence_type.as_str(),
            link.url,
            link.source,
            link.date
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// A milestone on the counterpart's dashboard, with both parties' latest reports.
#[derive(Debug, Clone)]
pub struct DashboardRow {
    pub milestone_id: Uuid,
    pub milestone_title: String,
    pub position: i32,
    pub plan_slug: String,
    pub plan_title: String,
    pub code: String,
    pub commitment_title: String,
    pub current_due: Option<NaiveDate>,
    /// The responsible institution's latest report.
    pub institution_review: Option<ReviewState>,
    pub institution_progress: Option<i16>,
    pub institution_reported_at: Option<DateTime<Utc>>,
    /// This counterpart institution's latest report.
    pub counterpart_completion: Option<Completion>,
    pub counterpart_reported_at: Option<DateTime<Utc>>,
    pub counterpart_endorses: Option<bool>,
}

/// The milestones of approved commitments `institution` co-leads, in plans of `government`
/// under implementation, in one statement.
pub async fn dashboard(
    db: &PgPool,
    institution: Uuid,
    government: Uuid,
) -> sqlx::Result<Vec<DashboardRow>> {
    sqlx::query_as!(
        DashboardRow,
        r#"SELECT m.id AS milestone_id, m.title AS milestone_title, m.position,
                  p.slug AS plan_slug, p.title AS plan_title, c.code,
                  c.title AS commitment_title, m.current_due,
                  u.review_state AS "institution_review?: ReviewState",
                  u.progress AS "institution_progress?",
                  u.reported_at AS "institution_reported_at?",
                  r.completion AS "counterpart_completion?: Completion",
                  r.reported_at AS "counterpart_reported_at?",
                  r.endorses AS "counterpart_endorses?"
             FROM milestones m
             JOIN commitments c ON c.id = m.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
             LEFT JOIN LATERAL (
               SELECT review_state, progress, reported_at FROM progress_updates
                WHERE milestone_id = m.id ORDER BY reported_at DESC, id DESC LIMIT 1
             ) u ON true
             LEFT JOIN LATERAL (
               SELECT completion, reported_at, endorses FROM counterpart_reports
                WHERE milestone_id = m.id AND institution_id = $1
                ORDER BY reported_at DESC, id DESC LIMIT 1
             ) r ON true
            WHERE p.government_id = $2 AND p.phase = 'implementation' AND c.state = 'approved'
              AND EXISTS (SELECT 1 FROM commitment_actors a
                           WHERE a.commitment_id = c.id AND a.institution_id = $1
                             AND a.role = 'civil_society_co_lead')
            ORDER BY p.slug, c.code, m.position"#,
        institution,
        government
    )
    .fetch_all(db)
    .await
}

/// An evidence link of a counterpart's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CounterpartLink {
    pub url: String,
    pub evidence_type: String,
    pub source: String,
    pub date: Option<NaiveDate>,
}

/// A counterpart's report as the public commitment page shows it.
#[derive(Debug, Clone)]
pub struct CounterpartReport {
    pub id: Uuid,
    pub milestone_id: Uuid,
    /// The co-lead institution the author reported for.
    pub institution: String,
    pub author_name: String,
    pub reported_at: DateTime<Utc>,
    pub completion: Completion,
    pub institution_fulfilled: Fulfilment,
    pub fulfilment_note: String,
    pub perceived_change: String,
    pub endorses: bool,
    pub links: Vec<CounterpartLink>,
}

struct ReportRow {
    id: Uuid,
    milestone_id: Uuid,
    institution: String,
    author_name: String,
    reported_at: DateTime<Utc>,
    completion: Completion,
    institution_fulfilled: Fulfilment,
    fulfilment_note: String,
    perceived_change: String,
    endorses: bool,
}

/// Every counterpart report on the commitment's milestones, with evidence, newest first.
pub async fn history_for_commitment(
    db: &PgPool,
    commitment_id: Uuid,
) -> sqlx::Result<Vec<CounterpartReport>> {
    let rows = sqlx::query_as!(
        ReportRow,
        r#"SELECT r.id, r.milestone_id, i.name AS institution, r.author_name, r.reported_at,
                  r.completion AS "completion: Completion",
                  r.institution_fulfilled AS "institution_fulfilled: Fulfilment",
                  r.fulfilment_note, r.perceived_change, r.endorses
             FROM counterpart_reports r
             JOIN milestones m ON m.id = r.milestone_id
             JOIN institutions i ON i.id = r.institution_id
            WHERE m.commitment_id = $1
            ORDER BY r.reported_at DESC, r.id DESC"#,
        commitment_id
    )
    .fetch_all(db)
    .await?;
    with_links(db, rows).await
}

/// The reports with their links, read in one more statement for all of them.
async fn with_links(db: &PgPool, rows: Vec<ReportRow>) -> sqlx::Result<Vec<CounterpartReport>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let links = sqlx::query!(
        r#"SELECT counterpart_report_id AS "report_id!", url AS "url!", evidence_type,
                  source, evidence_date
             FROM evidence
            WHERE counterpart_report_id = ANY($1) AND kind = 'link'
            ORDER BY created_at, id"#,
        &ids
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CounterpartReport {
            links: links
                .iter()
                .filter(|l| l.report_id == r.id)
                .map(|l| CounterpartLink {
                    url: l.url.clone(),
                    evidence_type: l.evidence_type.clone(),
                    source: l.source.clone(),
                    date: l.evidence_date,
                })
                .collect(),
            id: r.id,
            milestone_id: r.milestone_id,
            institution: r.institution,
            author_name: r.author_name,
            reported_at: r.reported_at,
            completion: r.completion,
            institution_fulfilled: r.institution_fulfilled,
            fulfilment_note: r.fulfilment_note,
            perceived_change: r.perceived_change,
            endorses: r.endorses,
        })
        .collect())
}
