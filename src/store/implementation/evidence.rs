//! Evidence files attached to progress reports.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct StoredFile {
    pub file_name: String,
    pub media_type: String,
    pub storage_key: String,
}

pub async fn file(db: &PgPool, id: Uuid) -> sqlx::Result<Option<StoredFile>> {
    sqlx::query_as!(
        StoredFile,
        r#"SELECT file_name AS "file_name!", media_type AS "media_type!", storage_key AS "storage_key!"
             FROM evidence WHERE id = $1 AND kind = 'file'"#,
        id
    )
    .fetch_optional(db)
    .await
}

/// The storage key of every evidence file the database refers to.
pub async fn storage_keys(db: &PgPool) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!(
        r#"SELECT DISTINCT storage_key AS "storage_key!" FROM evidence
            WHERE kind = 'file' AND storage_key IS NOT NULL ORDER BY 1"#
    )
    .fetch_all(db)
    .await
}

/// A file accepted for a report: already stored, described here.
#[derive(Debug, Clone)]
pub struct NewFile {
    pub file_name: String,
    pub media_type: &'static str,
    pub size: i64,
    pub sha256: String,
    pub storage_key: String,
    pub evidence_type: &'static str,
    pub source: String,
    pub date: Option<chrono::NaiveDate>,
}

pub async fn attach_files(
    conn: &mut PgConnection,
    update_id: Uuid,
    files: &[NewFile],
) -> sqlx::Result<()> {
    for f in files {
        sqlx::query!(
            "INSERT INTO evidence (id, update_id, kind, evidence_type, title, source, evidence_date,
                                   file_name, media_type, size_bytes, sha256, storage_key)
             VALUES ($1, $2, 'file', $3, $4, $5, $6, $4, $7, $8, $9, $10)",
            Uuid::now_v7(),
            update_id,
            f.evidence_type,
            f.file_name,
            f.source,
            f.date,
            f.media_type,
            f.size,
            f.sha256,
            f.storage_key
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
