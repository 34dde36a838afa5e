//! Commitments, their actors and assessments.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::domain::CommitmentState;

/// An institution sharing responsibility for a commitment.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Actor {
    pub name: String,
    pub acronym: Option<String>,
    pub slug: String,
    pub sector: String,
    pub role: String,
}

/// A line of the plan overview.
#[derive(Debug, Clone)]
pub struct CommitmentSummary {
    pub id: Uuid,
    pub code: String,
    pub ogp_id: Option<String>,
    pub title: String,
    pub state: String,
    pub ogp_values: Vec<String>,
    pub actors: Vec<Actor>,
    /// The latest IRM assessment's completion and early results (vocabulary values), the
    /// status of a commitment without milestones.
    pub irm_completion: Option<String>,
    pub irm_early_results: Option<String>,
}

/// The commitments of a plan with their actors and latest IRM ratings, in one statement.
pub async fn list_for_plan(db: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<CommitmentSummary>> {
    let rows = sqlx::query!(
        r#"SELECT c.id, c.code, c.ogp_id, c.title, c.state, c.ogp_values,
                  al.actors AS "actors!: sqlx::types::Json<Vec<Actor>>",
                  irm.completion AS "irm_completion?", irm.early_results AS "irm_early_results?"
             FROM commitments c JOIN commitment_actor_lists al ON al.commitment_id = c.id
             LEFT JOIN LATERAL (
                  SELECT a.completion, a.early_results FROM assessments a
                   WHERE a.commitment_id = c.id
                     AND (a.completion IS NOT NULL OR a.early_results IS NOT NULL)
                   ORDER BY a.as_of DESC NULLS LAST, a.created_at DESC
                   LIMIT 1) irm ON true
            WHERE c.plan_id = $1
            ORDER BY length(c.code), c.code"#,
        plan_id
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CommitmentSummary {
            id: r.id,
            code: r.code,
            ogp_id: r.ogp_id,
            title: r.title,
            state: r.state,
            ogp_values: r.ogp_values,
            actors: r.actors.0,
            irm_completion: r.irm_completion,
            irm_early_results: r.irm_early_results,
        })
        .collect())
}

/// Every field of the OGP commitment template.
#[derive(Debug, Clone)]
pub struct Commitment {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub code: String,
    pub ogp_id: Option<String>,
    pub title: String,
    pub title_en: Option<String>,
    pub problem: String,
    pub causes: String,
    pub status_quo: String,
    pub objective: String,
    pub description: String,
    pub advances_transparency: String,
    pub advances_accountability: String,
    pub advances_participation: String,
    pub ogp_values: Vec<String>,
    pub policy_areas: Vec<String>,
    pub sdgs: Vec<i16>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub state: CommitmentState,
    pub contact: String,
    pub is_illustrative: bool,
    pub source: String,
    pub actors: Vec<Actor>,
}

pub async fn by_code(db: &PgPool, plan_id: Uuid, code: &str) -> sqlx::Result<Option<Commitment>> {
    let row = sqlx::query!(
        r#"SELECT c.id, c.plan_id, c.code, c.ogp_id, c.title, c.title_en, c.problem, c.causes,
                  c.status_quo, c.objective, c.description, c.advances_transparency,
                  c.advances_accountability, c.advances_participation, c.ogp_values,
                  c.policy_areas, c.sdgs, c.start_date, c.end_date, c.state AS "state: CommitmentState",
                  c.contact,
                  c.is_illustrative, c.source,
                  al.actors AS "actors!: sqlx::types::Json<Vec<Actor>>"
             FROM commitments c JOIN commitment_actor_lists al ON al.commitment_id = c.id
            WHERE c.plan_id = $1 AND c.code = $2"#,
        plan_id,
        code
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| Commitment {
        id: r.id,
        plan_id: r.plan_id,
        code: r.code,
        ogp_id: r.ogp_id,
        title: r.title,
        title_en: r.title_en,
        problem: r.problem,
        causes: r.causes,
        status_quo: r.status_quo,
        objective: r.objective,
        description: r.description,
        advances_transparency: r.advances_transparency,
        advances_accountability: r.advances_accountability,
        advances_participation: r.advances_participation,
        ogp_values: r.ogp_values,
        policy_areas: r.policy_areas,
        sdgs: r.sdgs,
        start_date: r.start_date,
        end_date: r.end_date,
        state: r.state,
        contact: r.contact,
        is_illustrative: r.is_illustrative,
        source: r.source,
        actors: r.actors.0,
    }))
}

#[derive(Debug, Clone)]
pub struct Assessment {
    pub period_label: String,
    pub as_of: Option<NaiveDate>,
    pub verifiable: Option<bool>,
    pub relevance: Vec<String>,
    pub potential_impact: Option<String>,
    pub completion: Option<String>,
    pub early_results: Option<String>,
    pub starred: Option<bool>,
    pub narrative: String,
    pub source: String,
    pub source_label: String,
    pub created_at: DateTime<Utc>,
}

pub async fn assessments(db: &PgPool, commitment_id: Uuid) -> sqlx::Result<Vec<Assessment>> {
    sqlx::query_as!(
        Assessment,
        r#"SELECT period_label, as_of, verifiable, relevance, potential_impact, completion,
                  early_results, starred, narrative, source, source_label, created_at
             FROM assessments
            WHERE commitment_id = $1
            ORDER BY as_of DESC NULLS LAST, created_at DESC"#,
        commitment_id
    )
    .fetch_all(db)
    .await
}

/// Dated public evidence about the commitment as a whole (news, official pages, reports).
#[derive(Debug, Clone)]
pub struct PublicEvidence {
    pub title: String,
    pub url: String,
    pub evidence_type: String,
    pub source: String,
    pub evidence_date: Option<NaiveDate>,
    pub date_label: String,
}

pub async fn public_evidence(
    db: &PgPool,
    commitment_id: Uuid,
) -> sqlx::Result<Vec<PublicEvidence>> {
    sqlx::query_as!(
        PublicEvidence,
        r#"SELECT title, url AS "url!", evidence_type, source, evidence_date, date_label
             FROM evidence
            WHERE commitment_id = $1 AND url IS NOT NULL
            ORDER BY evidence_date NULLS LAST, created_at"#,
        commitment_id
    )
    .fetch_all(db)
    .await
}

/// Everything a commitment's public page shows about it besides the commitment itself.
pub struct CommitmentRecord {
    pub milestones: Vec<super::milestones::Milestone>,
    pub history: Vec<super::milestones::Update>,
    pub assessments: Vec<Assessment>,
    pub evidence: Vec<PublicEvidence>,
    pub comments: Vec<super::commitment_comments::CommentRow>,
    pub changes: Vec<super::timeline::Change>,
    /// Whether the signed-in visitor follows it.
    pub following: bool,
}

/// The record of a commitment, one statement after another; only a signed-in `visitor` is
/// asked about following it.
pub async fn record(
    db: &PgPool,
    commitment_id: Uuid,
    visitor: Option<Uuid>,
) -> sqlx::Result<CommitmentRecord> {
    let milestones = super::milestones::for_commitment(db, commitment_id).await?;
    let history = super::milestones::history_for_commitment(db, commitment_id).await?;
    let assessments = assessments(db, commitment_id).await?;
    let evidence = public_evidence(db, commitment_id).await?;
    let comments = super::commitment_comments::for_commitment(db, commitment_id).await?;
    let changes = super::timeline::commitment_changes(db, commitment_id).await?;
    let following = match visitor {
        Some(user_id) => super::follows::is_following(db, user_id, commitment_id).await?,
        None => false,
    };
    Ok(CommitmentRecord {
        milestones,
        history,
        assessments,
        evidence,
        comments,
        changes,
        following,
    })
}
