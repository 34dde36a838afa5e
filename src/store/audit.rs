//! The audit log: one hash-chained entry per write, appended in the writer's transaction.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::audit::{AuditRecord, chain_hash};

/// The advisory lock that serialises appends, so each entry chains to the one before it.
const CHAIN_LOCK: i64 = i64::from_be_bytes(*b"auditlog");

/// Rows `verify` reads per query.
const VERIFY_PAGE: i64 = 1_000;

/// What a write records about itself. Never put a password or a password hash here.
#[derive(Debug, Clone)]
pub struct NewAuditEntry {
    pub actor_id: Option<Uuid>,
    pub actor_label: String,
    pub action: &'static str,
    pub entity: &'static str,
    pub entity_id: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub request_id: Option<String>,
}

/// Records the entry in the writer's transaction and commits it: the write and its record
/// land together or not at all. The tail of every audited user action.
pub async fn commit(
    mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
    entry: NewAuditEntry,
) -> sqlx::Result<()> {
    record(&mut tx, entry).await?;
    tx.commit().await
}

/// Appends an entry inside the caller's transaction (pass `&mut *tx`): it commits or rolls
/// back with the write it describes.
///
/// The lock is held until that transaction ends, so keep the transaction short after this
/// call. Use it from READ COMMITTED transactions (the default): an older snapshot would
/// miss the latest entry and the append would fail on the unique `prev_hash`.
pub async fn record(conn: &mut PgConnection, entry: NewAuditEntry) -> sqlx::Result<()> {
    // A statement of its own: the next one must take its snapshot after the lock is held.
    sqlx::query!(
        r#"SELECT pg_advisory_xact_lock($1) AS "locked!: ()""#,
        CHAIN_LOCK
    )
    .fetch_one(&mut *conn)
    .await?;
    // The database's clock, read under the lock so times follow the chain, and the JSON as
    // jsonb gives it back (its numbers and key order): the row read back hashes the same.
    let stored = sqlx::query!(
        r#"SELECT (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS prev_hash,
                  clock_timestamp() AS "at!",
                  $1::jsonb AS before,
                  $2::jsonb AS after"#,
        entry.before,
        entry.after
    )
    .fetch_one(&mut *conn)
    .await?;
    let prev = stored.prev_hash.as_deref().map(to_hash).transpose()?;
    let record = AuditRecord {
        at: stored.at,
        actor_id: entry.actor_id,
        actor_label: entry.actor_label,
        action: entry.action.to_owned(),
        entity: entry.entity.to_owned(),
        entity_id: entry.entity_id,
        before: stored.before,
        after: stored.after,
        request_id: entry
            .request_id
            .or_else(crate::telemetry::current_request_id),
    };
    let hash = chain_hash(prev.as_ref(), &record);
    sqlx::query!(
        "INSERT INTO audit_log (at, actor_id, actor_label, action, entity, entity_id, before,
                                after, request_id, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        record.at,
        record.actor_id,
        record.actor_label,
        record.action,
        record.entity,
        record.entity_id,
        record.before,
        record.after,
        record.request_id,
        prev.as_ref().map(|h| h.as_slice()),
        hash.as_slice()
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The outcome of walking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    /// Rows checked: all of them when the chain is intact, up to the broken one otherwise.
    pub rows: u64,
    /// The first row whose hash or link is wrong, and what is wrong with it.
    pub first_mismatch: Option<(i64, String)>,
}

/// Recomputes every entry's hash in id order from its stored content and the previous
/// entry's stored hash, and checks each entry links to the one before it.
pub async fn verify(db: &PgPool) -> anyhow::Result<VerifyReport> {
    let mut rows = 0;
    let mut previous: Option<(i64, [u8; 32])> = None;
    loop {
        let after_id = previous.map_or(0, |(id, _)| id);
        let page = sqlx::query!(
            "SELECT id, at, actor_id, actor_label, action, entity, entity_id, before, after,
                    request_id, prev_hash, hash
             FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2",
            after_id,
            VERIFY_PAGE
        )
        .fetch_all(db)
        .await?;
        if page.is_empty() {
            return Ok(VerifyReport {
                rows,
                first_mismatch: None,
            });
        }
        for row in page {
            rows += 1;
            let broken = |what: String| VerifyReport {
                rows,
                first_mismatch: Some((row.id, what)),
            };
            let link = row.prev_hash.as_deref();
            match (previous, link) {
                (None, Some(_)) => {
                    return Ok(broken("the first row links to an earlier one".to_owned()));
                }
                (Some((id, _)), None) => {
                    return Ok(broken(format!("no link to row {id} before it")));
                }
                (Some((id, hash)), Some(link)) if link != hash.as_slice() => {
                    return Ok(broken(format!("link does not match the hash of row {id}")));
                }
                _ => {}
            }
            let record = AuditRecord {
                at: row.at,
                actor_id: row.actor_id,
                actor_label: row.actor_label,
                action: row.action,
                entity: row.entity,
                entity_id: row.entity_id,
                before: row.before,
                after: row.after,
                request_id: row.request_id,
            };
            let expected = chain_hash(previous.as_ref().map(|(_, hash)| hash), &record);
            if row.hash != expected {
                return Ok(broken("content does not match its hash".to_owned()));
            }
            previous = Some((row.id, expected));
        }
    }
}

/// An entry as a list of recent activity shows it.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_label: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
}

/// The latest entries, newest first.
pub async fn recent(db: &PgPool, limit: i64) -> sqlx::Result<Vec<AuditRow>> {
    sqlx::query_as!(
        AuditRow,
        "SELECT id, at, actor_label, action, entity, entity_id
         FROM audit_log ORDER BY id DESC LIMIT $1",
        limit
    )
    .fetch_all(db)
    .await
}

fn to_hash(bytes: &[u8]) -> sqlx::Result<[u8; 32]> {
    bytes
        .try_into()
        .map_err(|_| sqlx::Error::Decode("audit_log hash is not 32 bytes".into()))
}
