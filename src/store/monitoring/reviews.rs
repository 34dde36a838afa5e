//! The forum's review of progress reports, and the milestone cache that follows from it.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::progress_report::Review;
use crate::domain::{
    Basis, EvidenceType, MilestoneStatus, Progress, ReviewState, UpdateFact, latest_on,
};

/// A report waiting for the forum, with what a reviewer needs to judge it: every evidence
/// item (files and links), the milestone's dates and validated figure, its earlier reports.
#[derive(Debug, Clone)]
pub struct PendingReport {
    pub id: Uuid,
    pub reported_at: DateTime<Utc>,
    pub author_name: String,
    pub progress: i16,
    pub status: MilestoneStatus,
    pub narrative: String,
    pub milestone_title: String,
    pub plan_slug: String,
    pub plan_title: String,
    pub code: String,
    pub commitment_title: String,
    pub institution: Option<String>,
    pub current_start: Option<NaiveDate>,
    pub current_due: Option<NaiveDate>,
    pub validated_progress: i16,
    pub evidence: sqlx::types::Json<Vec<ReviewEvidence>>,
    pub earlier: sqlx::types::Json<Vec<EarlierReport>>,
}

/// One evidence item as the reviewer sees it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ReviewEvidence {
    pub id: Uuid,
    pub kind: String,
    pub evidence_type: EvidenceType,
    pub title: String,
    pub url: Option<String>,
    pub file_name: Option<String>,
    pub media_type: Option<String>,
    pub size_bytes: Option<i64>,
    pub evidence_date: Option<NaiveDate>,
}

/// An earlier report on the same milestone.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct EarlierReport {
    pub reported_at: DateTime<Utc>,
    pub progress: i16,
    pub review_state: ReviewState,
}

/// How many earlier reports of a milestone the queue shows beside a pending one.
pub const EARLIER_SHOWN: i64 = 3;

/// Every pending report, oldest first, in one statement.
/// The reports waiting for the forum of `government` (none when it is `None`).
pub async fn pending(db: &PgPool, government: Option<Uuid>) -> sqlx::Result<Vec<PendingReport>> {
    sqlx::query_as!(
        PendingReport,
        r#"SELECT u.id, u.reported_at, u.author_name, u.progress,
                  u.status AS "status: MilestoneStatus", u.narrative,
                  m.title AS milestone_title, p.slug AS plan_slug, p.title AS plan_title, c.code,
                  c.title AS commitment_title, i.name AS "institution?",
                  m.current_start, m.current_due, m.validated_progress,
                  COALESCE((SELECT json_agg(json_build_object(
                                'id', e.id, 'kind', e.kind, 'evidence_type', e.evidence_type,
                                'title', e.title, 'url', e.url, 'file_name', e.file_name,
                                'media_type', e.media_type, 'size_bytes', e.size_bytes,
                                'evidence_date', e.evidence_date) ORDER BY e.created_at, e.id)
                              FROM evidence e WHERE e.update_id = u.id), '[]')
                    AS "evidence!: sqlx::types::Json<Vec<ReviewEvidence>>",
                  COALESCE((SELECT json_agg(json_build_object(
                                'reported_at', x.reported_at, 'progress', x.progress,
                                'review_state', x.review_state) ORDER BY x.reported_at DESC)
                              FROM (SELECT pu.reported_at, pu.progress, pu.review_state
                                      FROM progress_updates pu
                                     WHERE pu.milestone_id = u.milestone_id
                                       AND pu.reported_at < u.reported_at
                                     ORDER BY pu.reported_at DESC LIMIT $1) x), '[]')
                    AS "earlier!: sqlx::types::Json<Vec<EarlierReport>>"
             FROM progress_updates u
             JOIN milestones m ON m.id = u.milestone_id
             JOIN commitments c ON c.id = m.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
             LEFT JOIN institutions i ON i.id = m.responsible_institution_id
            WHERE u.review_state = 'pending' AND p.government_id = $2
            ORDER BY u.reported_at, u.id"#,
        EARLIER_SHOWN,
        government
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

/// Sets a milestone's cached figures from its reports, as the domain defines them: the
/// latest claim (newest report not returned) with its review, and the latest validated one.
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
            reviewed_at: None,
        })
        .collect();
    let now = Utc::now();
    let claim = latest_on(&facts, Basis::Reported, now);
    let validated = latest_on(&facts, Basis::Validated, now);
    let points = |u: Option<&UpdateFact>| u.map_or(0, |u| i16::from(u.progress.value()));
    let status = |u: Option<&UpdateFact>| u.map_or("not_started", |u| u.status.as_str());
    sqlx::query!(
        "UPDATE milestones SET current_progress = $2, current_status = $3, last_update_at = $4,
                claim_review = $5, validated_progress = $6, validated_status = $7,
                validated_update_at = $8, version = version + 1
          WHERE id = $1",
        milestone_id,
        points(claim),
        status(claim),
        claim.map(|u| u.reported_at),
        claim.map(|u| u.review.as_str()),
        points(validated),
        status(validated),
        validated.map(|u| u.reported_at)
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
