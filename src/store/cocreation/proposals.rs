//! Co-creation proposals, their supports and comments, the forum's responses and the
//! figures of a plan's co-creation.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::types::Json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::PlanPhase;
use crate::domain::proposal::{NewProposal, ProposalResponse};

/// A published plan with its co-creation window.
#[derive(Debug, Clone)]
pub struct PlanWindow {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub government_id: Uuid,
    pub phase: PlanPhase,
    pub opens: Option<DateTime<Utc>>,
    pub closes: Option<DateTime<Utc>>,
    pub is_demo: bool,
}

pub async fn plan(db: &PgPool, slug: &str) -> sqlx::Result<Option<PlanWindow>> {
    sqlx::query_as!(
        PlanWindow,
        r#"SELECT id, slug, title, government_id, phase AS "phase: PlanPhase", cocreation_opens AS opens, cocreation_closes AS closes,
                  is_demo
             FROM action_plans WHERE slug = $1 AND phase <> 'draft'"#,
        slug
    )
    .fetch_optional(db)
    .await
}

/// A line of the public list and of the forum's triage.
#[derive(Debug, Clone)]
pub struct ProposalLine {
    pub id: Uuid,
    pub title: String,
    pub theme: String,
    pub state: String,
    pub institution: Option<String>,
    pub created_at: DateTime<Utc>,
    pub supports: i64,
    pub comments: i64,
}

/// The plan's proposals, optionally of one state and one theme, newest first.
pub async fn list(
    db: &PgPool,
    plan_id: Uuid,
    state: Option<&str>,
    theme: Option<&str>,
) -> sqlx::Result<Vec<ProposalLine>> {
    sqlx::query_as!(
        ProposalLine,
        r#"SELECT p.id, p.title, p.theme, p.state, i.name AS "institution?", p.created_at,
                  (SELECT count(*) FROM supports s WHERE s.proposal_id = p.id) AS "supports!",
                  (SELECT count(*) FROM comments c
                    WHERE c.proposal_id = p.id AND c.hidden_at IS NULL) AS "comments!"
             FROM proposals p LEFT JOIN institutions i ON i.id = p.institution_id
            WHERE p.plan_id = $1 AND ($2::text IS NULL OR p.state = $2)
              AND ($3::text IS NULL OR p.theme = $3)
            ORDER BY p.created_at DESC, p.id"#,
        plan_id,
        state,
        theme
    )
    .fetch_all(db)
    .await
}

/// The counts behind a plan's co-creation panel and its filters.
#[derive(Debug, Clone)]
pub struct PlanCounts {
    pub proposals: i64,
    pub answered: i64,
    pub by_state: HashMap<String, i64>,
    pub themes: Vec<String>,
    pub sessions: i64,
    pub sectors: Vec<String>,
}

/// Every count of the panel, in one statement.
pub async fn counts(db: &PgPool, plan_id: Uuid) -> sqlx::Result<PlanCounts> {
    let r = sqlx::query!(
        r#"SELECT
             (SELECT count(*) FROM proposals WHERE plan_id = $1) AS "proposals!",
             (SELECT count(*) FROM proposals WHERE plan_id = $1 AND response IS NOT NULL)
                 AS "answered!",
             (SELECT coalesce(jsonb_object_agg(state, n), '{}')
                FROM (SELECT state, count(*) AS n FROM proposals WHERE plan_id = $1
                       GROUP BY state) s) AS "by_state!: Json<HashMap<String, i64>>",
             (SELECT coalesce(array_agg(DISTINCT theme ORDER BY theme), '{}') FROM proposals
               WHERE plan_id = $1 AND theme <> '') AS "themes!",
             (SELECT count(*) FROM cocreation_sessions WHERE plan_id = $1) AS "sessions!",
             (SELECT coalesce(array_agg(DISTINCT sector ORDER BY sector), '{}')
                FROM cocreation_sessions cs, unnest(cs.sectors) AS sector
               WHERE cs.plan_id = $1) AS "sectors!""#,
        plan_id
    )
    .fetch_one(db)
    .await?;
    Ok(PlanCounts {
        proposals: r.proposals,
        answered: r.answered,
        by_state: r.by_state.0,
        themes: r.themes,
        sessions: r.sessions,
        sectors: r.sectors,
    })
}

/// A proposal as its page shows it.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub id: Uuid,
    pub title: String,
    pub problem: String,
    pub proposal: String,
    pub theme: String,
    pub state: String,
    pub response: Option<String>,
    pub responded_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub author: Option<String>,
    pub institution: Option<String>,
    pub commitment_id: Option<Uuid>,
    pub commitment_code: Option<String>,
    pub commitment_title: Option<String>,
    pub supports: i64,
    /// Whether the viewer supports it.
    pub supported: bool,
}

pub async fn by_id(
    db: &PgPool,
    plan_id: Uuid,
    id: Uuid,
    viewer: Option<Uuid>,
) -> sqlx::Result<Option<Proposal>> {
    sqlx::query_as!(
        Proposal,
        r#"SELECT p.id, p.title, p.problem, p.proposal, p.theme, p.state, p.response,
                  p.responded_at, p.created_at, u.display_name AS "author?",
                  i.name AS "institution?", p.commitment_id, c.code AS "commitment_code?",
                  c.title AS "commitment_title?",
                  (SELECT count(*) FROM supports s WHERE s.proposal_id = p.id) AS "supports!",
                  EXISTS (SELECT 1 FROM supports s
                           WHERE s.proposal_id = p.id AND s.user_id = $3) AS "supported!"
             FROM proposals p
             LEFT JOIN users u ON u.id = p.author_id
             LEFT JOIN institutions i ON i.id = p.institution_id
             LEFT JOIN commitments c ON c.id = p.commitment_id
            WHERE p.plan_id = $1 AND p.id = $2"#,
        plan_id,
        id,
        viewer
    )
    .fetch_optional(db)
    .await
}

/// A comment; the text of a hidden one never leaves the database.
#[derive(Debug, Clone)]
pub struct Comment {
    pub id: Uuid,
    pub author_name: String,
    pub body: Option<String>,
    pub hidden_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

pub async fn comments(db: &PgPool, proposal_id: Uuid) -> sqlx::Result<Vec<Comment>> {
    sqlx::query_as!(
        Comment,
        r#"SELECT id, author_name, CASE WHEN hidden_at IS NULL THEN body END AS body,
                  CASE WHEN hidden_at IS NOT NULL THEN hidden_reason END AS hidden_reason,
                  created_at
             FROM comments WHERE proposal_id = $1 ORDER BY created_at, id"#,
        proposal_id
    )
    .fetch_all(db)
    .await
}

/// One input of the public register, with its answer and the commitment it shaped.
#[derive(Debug, Clone)]
pub struct RegisterLine {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub title: String,
    pub theme: String,
    pub state: String,
    pub response: Option<String>,
    pub responded_at: Option<DateTime<Utc>>,
    pub commitment_code: Option<String>,
    pub commitment_title: Option<String>,
    pub supports: i64,
}

/// Every proposal of the plan, oldest first.
pub async fn register(db: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<RegisterLine>> {
    sqlx::query_as!(
        RegisterLine,
        r#"SELECT p.id, p.created_at, p.title, p.theme, p.state, p.response, p.responded_at,
                  c.code AS "commitment_code?", c.title AS "commitment_title?",
                  (SELECT count(*) FROM supports s WHERE s.proposal_id = p.id) AS "supports!"
             FROM proposals p LEFT JOIN commitments c ON c.id = p.commitment_id
            WHERE p.plan_id = $1
            ORDER BY p.created_at, p.id"#,
        plan_id
    )
    .fetch_all(db)
    .await
}

/// A choice of a drop-down: id and label.
#[derive(Debug, Clone)]
pub struct Pick {
    pub id: Uuid,
    pub label: String,
}

/// Institutions a proposal may address.
pub async fn institution_choices(db: &PgPool) -> sqlx::Result<Vec<Pick>> {
    sqlx::query_as!(
        Pick,
        r#"SELECT id, name AS label FROM institutions ORDER BY name"#
    )
    .fetch_all(db)
    .await
}

/// Commitments of the plan a proposal may be linked to.
pub async fn commitment_choices(db: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<Pick>> {
    sqlx::query_as!(
        Pick,
        r#"SELECT id, code || '. ' || title AS "label!" FROM commitments WHERE plan_id = $1
            ORDER BY length(code), code"#,
        plan_id
    )
    .fetch_all(db)
    .await
}

/// Stores a proposal; an institution that does not exist is left out.
pub async fn create(
    conn: &mut PgConnection,
    plan_id: Uuid,
    author_id: Uuid,
    p: &NewProposal,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO proposals (id, plan_id, author_id, title, problem, proposal, theme,
                                institution_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT id FROM institutions WHERE id = $8))",
        id,
        plan_id,
        author_id,
        p.title,
        p.problem,
        p.proposal,
        p.theme,
        p.institution_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Adds the user's support, or takes it back; returns whether they support it now.
pub async fn toggle_support(
    conn: &mut PgConnection,
    proposal_id: Uuid,
    user_id: Uuid,
) -> sqlx::Result<bool> {
    let removed = sqlx::query!(
        "DELETE FROM supports WHERE proposal_id = $1 AND user_id = $2",
        proposal_id,
        user_id
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if removed > 0 {
        return Ok(false);
    }
    sqlx::query!(
        "INSERT INTO supports (proposal_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        proposal_id,
        user_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(true)
}

pub async fn add_comment(
    conn: &mut PgConnection,
    proposal_id: Uuid,
    author: (Uuid, &str),
    body: &str,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO comments (id, proposal_id, author_id, author_name, body)
         VALUES ($1, $2, $3, $4, $5)",
        id,
        proposal_id,
        author.0,
        author.1,
        body
    )
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Where a hidden comment was: its proposal, the plan's slug and government.
#[derive(Debug, Clone)]
pub struct HiddenComment {
    pub proposal_id: Uuid,
    pub plan_slug: String,
    pub government_id: Uuid,
}

/// Hides a visible comment on a proposal (the text stays in the table).
pub async fn hide_comment(
    conn: &mut PgConnection,
    comment_id: Uuid,
    by: Uuid,
    reason: &str,
) -> sqlx::Result<Option<HiddenComment>> {
    sqlx::query_as!(
        HiddenComment,
        r#"UPDATE comments SET hidden_at = now(), hidden_by = $2, hidden_reason = $3
            WHERE id = $1 AND hidden_at IS NULL AND proposal_id IS NOT NULL
        RETURNING proposal_id AS "proposal_id!",
                  (SELECT a.slug FROM proposals p JOIN action_plans a ON a.id = p.plan_id
                    WHERE p.id = comments.proposal_id) AS "plan_slug!",
                  (SELECT a.government_id FROM proposals p JOIN action_plans a ON a.id = p.plan_id
                    WHERE p.id = comments.proposal_id) AS "government_id!""#,
        comment_id,
        by,
        reason
    )
    .fetch_optional(&mut *conn)
    .await
}

/// A proposal before the forum's response, with whom to tell about it.
#[derive(Debug, Clone)]
pub struct BeforeResponse {
    pub title: String,
    pub state: String,
    pub response: Option<String>,
    pub commitment_id: Option<Uuid>,
    pub author_email: Option<String>,
    pub author_locale: Option<String>,
}

/// Why a response was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseRefused {
    /// The commitment is not one of the plan's.
    ForeignCommitment,
}

/// Records the forum's decision and response; `None` when the proposal is not the plan's.
pub async fn respond(
    conn: &mut PgConnection,
    plan_id: Uuid,
    id: Uuid,
    by: Uuid,
    answer: &ProposalResponse,
) -> sqlx::Result<Option<Result<BeforeResponse, ResponseRefused>>> {
    let before = sqlx::query!(
        r#"SELECT p.title, p.state, p.response, p.commitment_id, u.email AS "email?",
                  u.locale AS "locale?",
                  ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM commitments c
                                                WHERE c.id = $3 AND c.plan_id = p.plan_id))
                      AS "commitment_ok!"
             FROM proposals p LEFT JOIN users u ON u.id = p.author_id
            WHERE p.id = $1 AND p.plan_id = $2
              FOR UPDATE OF p"#,
        id,
        plan_id,
        answer.commitment_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(before) = before else {
        return Ok(None);
    };
    if !before.commitment_ok {
        return Ok(Some(Err(ResponseRefused::ForeignCommitment)));
    }
    sqlx::query!(
        "UPDATE proposals
            SET state = $2, response = $3, commitment_id = $4,
                responded_by = CASE WHEN $3::text IS NULL THEN NULL ELSE $5::uuid END,
                responded_at = CASE WHEN $3::text IS NULL THEN NULL ELSE now() END
          WHERE id = $1",
        id,
        answer.state.as_str(),
        answer.response,
        answer.commitment_id,
        by
    )
    .execute(&mut *conn)
    .await?;
    Ok(Some(Ok(BeforeResponse {
        title: before.title,
        state: before.state,
        response: before.response,
        commitment_id: before.commitment_id,
        author_email: before.email,
        author_locale: before.locale,
    })))
}
