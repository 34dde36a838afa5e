//! Single-use links (invitations, password resets): only a SHA-256 of the token is stored,
//! so a copy of the database cannot be used to take over accounts.

use chrono::{Duration, Utc};
use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use uuid::Uuid;

pub const INVITATION: &str = "invitation";
pub const PASSWORD_RESET: &str = "password_reset";

fn digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Issues a token for `user_id` valid for `ttl`; returns the token to put in the link.
pub async fn issue(
    conn: &mut PgConnection,
    user_id: Uuid,
    purpose: &str,
    created_by: Option<Uuid>,
    ttl: Duration,
) -> sqlx::Result<String> {
    let token = crate::accounts::new_token();
    sqlx::query!(
        "INSERT INTO user_tokens (id, user_id, purpose, token_hash, expires_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6)",
        Uuid::now_v7(),
        user_id,
        purpose,
        digest(&token),
        Utc::now() + ttl,
        created_by
    )
    .execute(conn)
    .await?;
    Ok(token)
}

/// The account a valid, unused, unexpired token is for (without using it up).
pub async fn peek(
    conn: &mut PgConnection,
    token: &str,
    purpose: &str,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "SELECT user_id FROM user_tokens
          WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()",
        digest(token),
        purpose
    )
    .fetch_optional(conn)
    .await
}

/// Uses the token up (once, even under concurrent requests); returns its account.
pub async fn redeem(
    conn: &mut PgConnection,
    token: &str,
    purpose: &str,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "UPDATE user_tokens SET used_at = now()
          WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
        RETURNING user_id",
        digest(token),
        purpose
    )
    .fetch_optional(conn)
    .await
}

/// Uses up every outstanding link of the account: once a password is chosen (through a
/// link or on the account page), the links sent before choose nothing any more.
pub async fn void_all(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL",
        user_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
