//! Login sessions in PostgreSQL, shared by every app node (`tower_sessions.session`).

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use uuid::Uuid;

/// The session entry that holds who signed in.
pub const AUTH_KEY: &str = "auth";

#[derive(Clone, Debug)]
pub struct PgSessionStore {
    db: PgPool,
}

impl PgSessionStore {
    pub fn new(db: PgPool) -> Self {
        Self { db }
    }

    /// Removes sessions past their expiry (run periodically).
    pub async fn delete_expired(&self) -> sqlx::Result<u64> {
        let done = sqlx::query!("DELETE FROM tower_sessions.session WHERE expiry_date < now()")
            .execute(&self.db)
            .await?;
        Ok(done.rows_affected())
    }
}

/// Ends every session of an account, in the caller's transaction; returns how many.
pub async fn end_all_of_user(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "DELETE FROM tower_sessions.session WHERE user_id = $1",
        user_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// The account a session is logged in as, read from its data (see `web::http::session::Login`).
fn logged_in_user(record: &Record) -> Option<Uuid> {
    record
        .data
        .get(AUTH_KEY)?
        .get("user_id")?
        .as_str()?
        .parse()
        .ok()
}

/// Starts the message of a store failure caused by the database being unreachable, so that
/// pages can answer 503 rather than 500 (the store's error type carries only text).
pub const UNAVAILABLE: &str = "database unavailable";

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

fn database(e: sqlx::Error) -> session_store::Error {
    if crate::db::is_unavailable(&e) {
        session_store::Error::Backend(format!("{UNAVAILABLE}: {e}"))
    } else {
        backend(e)
    }
}

fn expiry(record: &Record) -> session_store::Result<DateTime<Utc>> {
    DateTime::from_timestamp(
        record.expiry_date.unix_timestamp(),
        record.expiry_date.nanosecond(),
    )
    .ok_or_else(|| backend("session expiry out of range"))
}

#[async_trait::async_trait]
impl SessionStore for PgSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A colliding id (vanishingly rare) gets a new one rather than overwriting.
        loop {
            let data = serde_json::to_vec(&record.data).map_err(backend)?;
            let inserted = sqlx::query!(
                "INSERT INTO tower_sessions.session (id, data, expiry_date, user_id)
                 VALUES ($1, $2, $3, $4)
                 ON CONFLICT (id) DO NOTHING",
                record.id.to_string(),
                data,
                expiry(record)?,
                logged_in_user(record)
            )
            .execute(&self.db)
            .await
            .map_err(database)?;
            if inserted.rows_affected() == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = serde_json::to_vec(&record.data).map_err(backend)?;
        sqlx::query!(
            "INSERT INTO tower_sessions.session (id, data, expiry_date, user_id)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (id) DO UPDATE
                SET data = excluded.data, expiry_date = excluded.expiry_date,
                    user_id = excluded.user_id",
            record.id.to_string(),
            data,
            expiry(record)?,
            logged_in_user(record)
        )
        .execute(&self.db)
        .await
        .map_err(database)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row = sqlx::query!(
            "SELECT data, expiry_date FROM tower_sessions.session WHERE id = $1 AND expiry_date > now()",
            id.to_string()
        )
        .fetch_optional(&self.db)
        .await
        .map_err(database)?;
        let Some(row) = row else { return Ok(None) };
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(row.expiry_date.timestamp())
            .map_err(backend)?;
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_slice(&row.data).map_err(backend)?,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query!(
            "DELETE FROM tower_sessions.session WHERE id = $1",
            id.to_string()
        )
        .execute(&self.db)
        .await
        .map_err(database)?;
        Ok(())
    }
}
