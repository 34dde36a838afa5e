//! Working sessions (*mesas de trabajo*) of a plan's co-creation, with their evidence links.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::work_session::NewWorkSession;

#[derive(Debug, Clone)]
pub struct WorkSession {
    pub id: Uuid,
    pub held_on: NaiveDate,
    pub place: String,
    pub online: bool,
    pub sectors: Vec<String>,
    pub participants: i32,
    pub summary: String,
    pub links: Vec<String>,
    pub created_at: DateTime<Utc>,
}

/// The plan's sessions with their links, most recent first, in one statement.
pub async fn list(db: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<WorkSession>> {
    sqlx::query_as!(
        WorkSession,
        r#"SELECT s.id, s.held_on, s.place, s.online, s.sectors, s.participants, s.summary,
                  COALESCE((SELECT array_agg(e.url ORDER BY e.created_at, e.id) FROM evidence e
                             WHERE e.session_id = s.id AND e.url IS NOT NULL), '{}') AS "links!",
                  s.created_at
             FROM cocreation_sessions s
            WHERE s.plan_id = $1
            ORDER BY s.held_on DESC, s.created_at DESC"#,
        plan_id
    )
    .fetch_all(db)
    .await
}

/// Stores a session and its links as evidence.
pub async fn create(
    conn: &mut PgConnection,
    plan_id: Uuid,
    by: Uuid,
    s: &NewWorkSession,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    let sectors: Vec<String> = s.sectors.iter().map(|x| x.as_str().to_owned()).collect();
    sqlx::query!(
        "INSERT INTO cocreation_sessions (id, plan_id, held_on, place, online, sectors,
                                          participants, summary, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        id,
        plan_id,
        s.held_on,
        s.place,
        s.online,
        &sectors,
        s.participants,
        s.summary,
        by
    )
    .execute(&mut *conn)
    .await?;
    for url in &s.links {
        let title: String = url.chars().take(300).collect();
        sqlx::query!(
            "INSERT INTO evidence (id, session_id, kind, evidence_type, title, url)
             VALUES ($1, $2, 'link', 'minutes', $3, $4)",
            Uuid::now_v7(),
            id,
            title,
            url
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}
