//! Comments on a commitment (public consultation during co-creation, remarks during
//! implementation). Moderation hides a comment with a reason; its text never leaves the
//! database again.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct CommentRow {
    pub id: Uuid,
    pub author_name: String,
    /// `None` once hidden.
    pub body: Option<String>,
    pub hidden_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The commitment's comments, oldest first; hidden ones without their text.
pub async fn for_commitment(db: &PgPool, commitment_id: Uuid) -> sqlx::Result<Vec<CommentRow>> {
    sqlx::query_as!(
        CommentRow,
        r#"SELECT id, author_name,
                  CASE WHEN hidden_at IS NULL THEN body END AS "body?",
                  CASE WHEN hidden_at IS NOT NULL THEN hidden_reason END AS "hidden_reason?",
                  created_at
             FROM comments
            WHERE commitment_id = $1
            ORDER BY created_at, id"#,
        commitment_id
    )
    .fetch_all(db)
    .await
}

pub async fn add(
    conn: &mut PgConnection,
    commitment_id: Uuid,
    author_id: Uuid,
    author_name: &str,
    body: &str,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO comments (id, commitment_id, author_id, author_name, body)
         VALUES ($1, $2, $3, $4, $5)",
        id,
        commitment_id,
        author_id,
        author_name,
        body
    )
    .execute(conn)
    .await?;
    Ok(id)
}

/// Hides a visible comment of this commitment; false when there is none to hide.
pub async fn hide(
    conn: &mut PgConnection,
    comment_id: Uuid,
    commitment_id: Uuid,
    hidden_by: Uuid,
    reason: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE comments SET hidden_at = now(), hidden_by = $3, hidden_reason = $4
          WHERE id = $1 AND commitment_id = $2 AND hidden_at IS NULL",
        comment_id,
        commitment_id,
        hidden_by,
        reason
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
