//! The newest progress reports, for Atom feeds.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct FeedEntry {
    pub id: Uuid,
    pub reported_at: DateTime<Utc>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub author_name: String,
    pub progress: i16,
    pub status: String,
    pub review_state: String,
    pub review_note: Option<String>,
    pub narrative: String,
    pub milestone_title: String,
    pub plan_id: Uuid,
    pub commitment_id: Uuid,
    pub plan_slug: String,
    pub code: String,
    pub commitment_title: String,
}

/// The newest reports of all published plans, of one plan, or of one commitment.
pub async fn recent(
    db: &PgPool,
    plan_slug: Option<&str>,
    code: Option<&str>,
    limit: i64,
) -> sqlx::Result<Vec<FeedEntry>> {
    sqlx::query_as!(
        FeedEntry,
        r#"SELECT u.id, u.reported_at, u.reviewed_at, u.author_name, u.progress, u.status,
                  u.review_state, u.review_note, u.narrative, m.title AS milestone_title,
                  p.id AS plan_id, c.id AS commitment_id, p.slug AS plan_slug, c.code, c.title AS commitment_title
             FROM progress_updates u
             JOIN milestones m ON m.id = u.milestone_id
             JOIN commitments c ON c.id = m.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
            WHERE p.phase <> 'draft'
              AND ($1::text IS NULL OR p.slug = $1)
              AND ($2::text IS NULL OR c.code = $2)
            ORDER BY GREATEST(u.reported_at, u.reviewed_at) DESC, u.id DESC
            LIMIT $3"#,
        plan_slug,
        code,
        limit
    )
    .fetch_all(db)
    .await
}
