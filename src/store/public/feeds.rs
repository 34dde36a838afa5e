//! The newest of the three voices, for Atom feeds: the institutions' progress reports, the
//! civil-society counterparts' reports and the forum's round assessments.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

/// One entry: which voice speaks (`institution`, `counterpart` or `forum`) and what it said.
/// The columns a voice does not have are `None`.
#[derive(Debug, Clone)]
pub struct FeedEntry {
    pub voice: String,
    pub id: Uuid,
    pub at: DateTime<Utc>,
    /// When the forum reviewed an institution's report.
    pub reviewed_at: Option<DateTime<Utc>>,
    pub author_name: String,
    /// The institution's reported progress.
    pub progress: Option<i16>,
    /// The milestone's status (institution) or the IRM completion (counterpart, forum).
    pub state: String,
    pub review_state: Option<String>,
    pub review_note: Option<String>,
    /// The narrative, the perceived change or the assessment's narrative.
    pub narrative: String,
    /// The milestone spoken of; a round assessment speaks of the whole commitment.
    pub milestone_title: Option<String>,
    /// The counterpart's institution.
    pub institution_name: Option<String>,
    /// The counterpart's view of the institution's part (yes, partly, no) and why.
    pub fulfilled: Option<String>,
    pub fulfilment_note: Option<String>,
    pub endorses: Option<bool>,
    /// The round the forum assessed, and its communication strategy item.
    pub round_label: Option<String>,
    pub communication: Option<String>,
    pub communication_note: Option<String>,
    pub plan_id: Uuid,
    pub commitment_id: Uuid,
    pub plan_slug: String,
    pub code: String,
    pub commitment_title: String,
}

/// The newest entries of all published plans, of one plan, or of one commitment.
pub async fn recent(
    db: &PgPool,
    plan_slug: Option<&str>,
    code: Option<&str>,
    limit: i64,
) -> sqlx::Result<Vec<FeedEntry>> {
    sqlx::query_as!(
        FeedEntry,
        r#"SELECT v.voice AS "voice!", v.id AS "id!", v.at AS "at!", v.reviewed_at,
                  v.author_name AS "author_name!", v.progress, v.state AS "state!",
                  v.review_state, v.review_note, v.narrative AS "narrative!", v.milestone_title,
                  v.institution_name, v.fulfilled, v.fulfilment_note, v.endorses, v.round_label,
                  v.communication, v.communication_note, p.id AS "plan_id!",
                  c.id AS "commitment_id!", p.slug AS "plan_slug!", c.code AS "code!",
                  c.title AS "commitment_title!"
             FROM (SELECT 'institution' AS voice, u.id, u.reported_at AS at, u.reviewed_at,
                          u.author_name, u.progress, u.status AS state, u.review_state,
                          u.review_note, u.narrative, m.title AS milestone_title,
                          m.commitment_id, NULL::text AS institution_name,
                          NULL::text AS fulfilled, NULL::text AS fulfilment_note,
                          NULL::boolean AS endorses, NULL::text AS round_label,
                          NULL::text AS communication, NULL::text AS communication_note
                     FROM progress_updates u JOIN milestones m ON m.id = u.milestone_id
                   UNION ALL
                   SELECT 'counterpart', r.id, r.reported_at, NULL, r.author_name, NULL,
                          r.completion, NULL, NULL, r.perceived_change, m.title,
                          m.commitment_id, i.name, r.institution_fulfilled, r.fulfilment_note,
                          r.endorses, NULL, NULL, NULL
                     FROM counterpart_reports r
                     JOIN milestones m ON m.id = r.milestone_id
                     JOIN institutions i ON i.id = r.institution_id
                   UNION ALL
                   SELECT 'forum', a.id, a.assessed_at, NULL, a.author_name, NULL,
                          a.completion, NULL, NULL, a.narrative, NULL, a.commitment_id, NULL,
                          NULL, NULL, NULL, rr.label, a.communication, a.communication_note
                     FROM round_assessments a JOIN reporting_rounds rr ON rr.id = a.round_id
                  ) v
             JOIN commitments c ON c.id = v.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
            WHERE p.phase <> 'draft'
              AND ($1::text IS NULL OR p.slug = $1)
              AND ($2::text IS NULL OR c.code = $2)
            ORDER BY GREATEST(v.at, v.reviewed_at) DESC, v.id DESC
            LIMIT $3"#,
        plan_slug,
        code,
        limit
    )
    .fetch_all(db)
    .await
}
