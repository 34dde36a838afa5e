//! The forum's review of progress reports, and the milestone cache that follows from it.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::progress_report::Review;
use crate::domain::{MilestoneStatus, Progress, ReviewState, UpdateFact, latest_counting_update};

/// A report waiting for the forum, with what a reviewer needs to judge it.
#[derive(Debug, Clone)]
pub struct PendingReport {
    pub id: Uuid,
    pub reported_at: DateTime<Utc>,
    pub author_name: String,
    pub progress: i16,
    pub status: String,
    pub narrative: String,
    pub milestone_title: String,
    pub plan_slug: String,
    pub code: String,
    pub commitment_title: String,
    pub institution: Option<String>,
    pub links: Vec<String>,
}

/// Every pending report, oldest first, in one statement.
pub async fn pending(db: &PgPool) -> sqlx::Result<Vec<PendingReport>> {
    sqlx::query_as!(
        PendingReport,
        r#"SELECT u.id, u.reported_at, u.author_name, u.progress, u.status, u.narrative,
                  m.title AS milestone_title, p.slug AS plan_slug, c.code,
                  c.title AS commitment_title, i.name AS "institution?",
                  COALESCE((SELECT array_agg(e.url ORDER BY e.created_at) FROM evidence e
                             WHERE e.update_id = u.id AND e.url IS NOT NULL), '{}') AS "links!"
             FROM progress_updates u
             JOIN milestones m ON m.id = u.milestone_id
             JOIN commitments c ON c.id = m.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
             LEFT JOIN institutions i ON i.id = m.responsible_institution_id
            WHERE u.review_state = 'pending'
            ORDER BY u.reported_at, u.id"#
    )
    .fetch_all(db)
    .await
}

#[derive(Debug)]
pub struct AlreadyReviewed;

/// Records the review of a pending report and recomputes its milestone's cache; returns the
/// milestone and the report's state before, for the audit entry.
pub async fn review(
    conn: &mut PgConnection,
    update_id: Uuid,
    reviewer: Uuid,
    review: &Review,
) -> sqlx::Result<Result<Uuid, AlreadyReviewed>> {
    let milestone = sqlx::query_scalar!(
        "UPDATE progress_updates
            SET review_state = $3, reviewed_by = $2, reviewed_at = now(), review_note = $4
          WHERE id = $1 AND review_state = 'pending'
      RETURNING milestone_id",
        update_id,
        reviewer,
        review.state.as_str(),
        review.note
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(milestone) = milestone else {
        return Ok(Err(AlreadyReviewed));
    };
    refresh_cache(conn, milestone).await?;
    Ok(Ok(milestone))
}

/// Sets a milestone's cached progress and status to those of its latest counting report,
/// as the domain defines it (a returned report stops counting).
pub async fn refresh_cache(conn: &mut PgConnection, milestone_id: Uuid) -> sqlx::Result<()> {
    let rows = sqlx::query!(
        "SELECT reported_at, progress, status, review_state FROM progress_updates
          WHERE milestone_id = $1 ORDER BY reported_at, id FOR SHARE",
        milestone_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let facts: Vec<UpdateFact> = rows
        .into_iter()
        .map(|r| UpdateFact {
            reported_at: r.reported_at,
            progress: Progress::try_from(r.progress).unwrap_or(Progress::ZERO),
            status: r.status.parse().unwrap_or(MilestoneStatus::NotStarted),
            review: r.review_state.parse().unwrap_or(ReviewState::Pending),
        })
        .collect();
    let latest = latest_counting_update(&facts, Utc::now());
    sqlx::query!(
        "UPDATE milestones SET current_progress = $2, current_status = $3, last_update_at = $4,
                version = version + 1
          WHERE id = $1",
        milestone_id,
        latest.map_or(0, |u| i16::from(u.progress.value())),
        latest.map_or("not_started", |u| u.status.as_str()),
        latest.map(|u| u.reported_at)
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
