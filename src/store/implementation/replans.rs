//! Re-planning: officials ask for new current dates, the forum approves or rejects.
//! Baseline dates never change.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::progress_report::ReplanRequest;
use crate::store::versions::{self, Author};

pub async fn request(
    conn: &mut PgConnection,
    milestone_id: Uuid,
    requested_by: Uuid,
    r: &ReplanRequest,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO milestone_replans (id, milestone_id, old_start, old_due, new_start, new_due,
                                        reason, requested_by)
         SELECT $1, m.id, m.current_start, m.current_due, $3, $4, $5, $6
           FROM milestones m WHERE m.id = $2",
        id,
        milestone_id,
        r.new_start,
        r.new_due,
        r.reason,
        requested_by
    )
    .execute(conn)
    .await?;
    Ok(id)
}

#[derive(Debug, Clone)]
pub struct PendingReplan {
    pub id: Uuid,
    pub milestone_title: String,
    pub plan_slug: String,
    pub code: String,
    pub institution: Option<String>,
    pub old_start: Option<NaiveDate>,
    pub old_due: Option<NaiveDate>,
    pub new_start: Option<NaiveDate>,
    pub new_due: Option<NaiveDate>,
    pub reason: String,
    pub requested_at: DateTime<Utc>,
}

/// The re-plans waiting for the forum of `government` (none when it is `None`).
pub async fn pending(db: &PgPool, government: Option<Uuid>) -> sqlx::Result<Vec<PendingReplan>> {
    sqlx::query_as!(
        PendingReplan,
        r#"SELECT r.id, m.title AS milestone_title, p.slug AS plan_slug, c.code,
                  i.name AS "institution?", r.old_start, r.old_due, r.new_start, r.new_due,
                  r.reason, r.requested_at
             FROM milestone_replans r
             JOIN milestones m ON m.id = r.milestone_id
             JOIN commitments c ON c.id = m.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
             LEFT JOIN institutions i ON i.id = m.responsible_institution_id
            WHERE r.state = 'requested' AND p.government_id = $1
            ORDER BY r.requested_at"#,
        government
    )
    .fetch_all(db)
    .await
}

#[derive(Debug)]
pub struct AlreadyDecided;

/// Approves (moving the milestone's current dates, a new version of its commitment with the
/// re-plan's reason) or rejects a requested re-plan.
pub async fn decide(
    conn: &mut PgConnection,
    replan_id: Uuid,
    decided_by: Author<'_>,
    approve: bool,
    note: Option<&str>,
) -> sqlx::Result<Result<Uuid, AlreadyDecided>> {
    let row = sqlx::query!(
        "UPDATE milestone_replans
            SET state = $3, decided_by = $2, decided_at = now(), decision_note = $4
          WHERE id = $1 AND state = 'requested'
      RETURNING milestone_id, new_start, new_due, reason",
        replan_id,
        decided_by.id,
        if approve { "approved" } else { "rejected" },
        note
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(Err(AlreadyDecided));
    };
    if approve {
        let commitment = sqlx::query_scalar!(
            "UPDATE milestones SET current_start = $2, current_due = $3, version = version + 1
              WHERE id = $1 RETURNING commitment_id",
            row.milestone_id,
            row.new_start,
            row.new_due
        )
        .fetch_one(&mut *conn)
        .await?;
        versions::record_version(conn, commitment, decided_by, &row.reason).await?;
    }
    Ok(Ok(row.milestone_id))
}
