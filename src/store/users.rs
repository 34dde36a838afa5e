//! Accounts.

use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::Role;
use crate::store::audit::{self, NewAuditEntry};

/// Creates an active account with a password hash, and its audit entry, in the caller's
/// transaction; the institution is given by slug.
pub async fn create(
    conn: &mut PgConnection,
    email: &str,
    display_name: &str,
    role: Role,
    institution_slug: Option<&str>,
    password_hash: &str,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO users (id, email, display_name, password_hash, role, institution_id)
         VALUES ($1, $2, $3, $4, $5, (SELECT id FROM institutions WHERE slug = $6))",
        id,
        email,
        display_name,
        password_hash,
        role.as_str(),
        institution_slug
    )
    .execute(&mut *conn)
    .await?;
    audit::record(
        conn,
        NewAuditEntry {
            actor_id: None,
            actor_label: "system".to_owned(),
            action: "user.create",
            entity: "user",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(json!({
                "email": email,
                "role": role.as_str(),
                "institution": institution_slug,
            })),
            request_id: None,
        },
    )
    .await?;
    Ok(id)
}

pub async fn email_exists(db: &PgPool, email: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower($1)) AS "exists!""#,
        email
    )
    .fetch_one(db)
    .await
}
