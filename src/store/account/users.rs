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
    (institution_slug, government_slug): (Option<&str>, Option<&str>),
    password_hash: &str,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO users (id, email, display_name, password_hash, role, institution_id,
                            government_id)
         VALUES ($1, $2, $3, $4, $5, (SELECT id FROM institutions WHERE slug = $6),
                 (SELECT id FROM governments WHERE slug = $7))",
        id,
        email,
        display_name,
        password_hash,
        role.as_str(),
        institution_slug,
        government_slug
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
                "government": government_slug,
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

/// The active user behind a session, with what pages need to show and decide.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub institution_id: Option<Uuid>,
    pub institution_name: Option<String>,
    /// The government whose plans the person acts on: their institution's, or the one the
    /// account was given (none: a platform administrator, or nobody's).
    pub government_id: Option<Uuid>,
    pub locale: String,
}

pub async fn session_user(db: &PgPool, id: Uuid) -> sqlx::Result<Option<SessionUser>> {
    sqlx::query_as!(
        SessionUser,
        r#"SELECT u.id, u.email, u.display_name, u.role AS "role: Role", u.institution_id,
                  u.locale, i.name AS "institution_name?",
                  COALESCE(i.government_id, u.government_id) AS "government_id?"
             FROM users u LEFT JOIN institutions i ON i.id = u.institution_id
            WHERE u.id = $1 AND u.active"#,
        id
    )
    .fetch_optional(db)
    .await
}

/// What a login attempt is checked against.
#[derive(Debug)]
pub struct LoginRecord {
    pub id: Uuid,
    pub email: String,
    pub role: String,
    pub password_hash: Option<String>,
    pub active: bool,
    pub locked_until: Option<chrono::DateTime<chrono::Utc>>,
}

pub async fn for_login(db: &PgPool, email: &str) -> sqlx::Result<Option<LoginRecord>> {
    sqlx::query_as!(
        LoginRecord,
        r#"SELECT id, email, role, password_hash, active, locked_until
             FROM users WHERE lower(email) = lower($1)"#,
        email
    )
    .fetch_optional(db)
    .await
}

/// Failures before an account locks, and for how long.
pub const MAX_FAILED_LOGINS: i32 = 5;
pub const LOCK_MINUTES: i32 = 15;

/// Counts a failed password; the fifth in a row locks the account for a while.
/// Returns whether the account is now locked.
pub async fn record_failed_login(conn: &mut sqlx::PgConnection, id: Uuid) -> sqlx::Result<bool> {
    let locked = sqlx::query_scalar!(
        r#"UPDATE users
              SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
                  locked_until = CASE WHEN failed_logins + 1 >= $2
                                      THEN now() + make_interval(mins => $3) ELSE locked_until END
            WHERE id = $1
        RETURNING COALESCE(locked_until > now(), false) AS "locked!""#,
        id,
        MAX_FAILED_LOGINS,
        LOCK_MINUTES
    )
    .fetch_one(conn)
    .await?;
    Ok(locked)
}

pub async fn record_login(conn: &mut sqlx::PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1",
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

fn login_entry(
    action: &'static str,
    user_id: Option<Uuid>,
    email: &str,
) -> crate::store::audit::NewAuditEntry {
    crate::store::audit::NewAuditEntry {
        actor_id: user_id,
        actor_label: email.to_owned(),
        action,
        entity: "user",
        entity_id: user_id.map(|id| id.to_string()),
        before: None,
        after: None,
        request_id: None,
    }
}

/// A failed login for an unknown or inactive email: only the audit line.
pub async fn audit_failed_login(
    db: &PgPool,
    user_id: Option<Uuid>,
    email: &str,
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    crate::store::audit::record(&mut tx, login_entry("login.failed", user_id, email)).await?;
    tx.commit().await
}

/// A wrong password: counted (and the account locked at the limit) and audited together.
pub async fn fail_login(db: &PgPool, user_id: Uuid, email: &str) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    let locked = record_failed_login(&mut tx, user_id).await?;
    let action = if locked {
        "login.locked"
    } else {
        "login.failed"
    };
    crate::store::audit::record(&mut tx, login_entry(action, Some(user_id), email)).await?;
    tx.commit().await?;
    Ok(locked)
}

/// An attempt on a locked account: not checked, but audited like any failure (and counted
/// against the address by the caller).
pub async fn audit_locked_login(db: &PgPool, user_id: Uuid, email: &str) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    crate::store::audit::record(
        &mut tx,
        login_entry("login.while_locked", Some(user_id), email),
    )
    .await?;
    tx.commit().await
}

pub async fn succeed_login(db: &PgPool, user_id: Uuid, email: &str) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    record_login(&mut tx, user_id).await?;
    crate::store::audit::record(&mut tx, login_entry("login", Some(user_id), email)).await?;
    tx.commit().await
}

pub async fn record_logout(db: &PgPool, user_id: Uuid, email: &str) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    crate::store::audit::record(&mut tx, login_entry("logout", Some(user_id), email)).await?;
    tx.commit().await
}

/// The account a page acts on, for the password policy and messages.
#[derive(Debug)]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: String,
}

pub async fn account(conn: &mut sqlx::PgConnection, id: Uuid) -> sqlx::Result<Option<Account>> {
    sqlx::query_as!(
        Account,
        "SELECT id, email, display_name, role FROM users WHERE id = $1 AND active",
        id
    )
    .fetch_optional(conn)
    .await
}

/// An invited person: an account without a password until the invitation is accepted. It
/// works for the government given (the inviter's); a forum member invited by a platform
/// administrator on an instance of one government works for that one.
pub async fn invite(
    conn: &mut sqlx::PgConnection,
    email: &str,
    display_name: &str,
    role: Role,
    (institution_id, government_id): (Option<Uuid>, Option<Uuid>),
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO users (id, email, display_name, role, institution_id, government_id)
         VALUES ($1, $2, $3, $4, $5,
                 COALESCE($6, (SELECT min(id::text)::uuid FROM governments
                                WHERE $4 = 'nucleo' HAVING count(*) = 1)))",
        id,
        email,
        display_name,
        role.as_str(),
        institution_id,
        government_id
    )
    .execute(conn)
    .await?;
    Ok(id)
}

pub async fn set_password(conn: &mut sqlx::PgConnection, id: Uuid, hash: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE id = $1",
        id,
        hash
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn password_hash(db: &PgPool, id: Uuid) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!("SELECT password_hash FROM users WHERE id = $1", id)
        .fetch_one(db)
        .await
}

pub async fn set_locale(conn: &mut sqlx::PgConnection, id: Uuid, locale: &str) -> sqlx::Result<()> {
    sqlx::query!("UPDATE users SET locale = $2 WHERE id = $1", id, locale)
        .execute(conn)
        .await?;
    Ok(())
}

/// Active account by email (for password resets).
pub async fn active_id_by_email(db: &PgPool, email: &str) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "SELECT id FROM users WHERE lower(email) = lower($1) AND active",
        email
    )
    .fetch_optional(db)
    .await
}

/// Institutions to choose from when inviting an official.
/// The institutions an inviter may choose: their government's, or (a platform
/// administrator, `None`) every institution, each named with its government.
pub async fn institution_choices(
    db: &PgPool,
    government: Option<Uuid>,
) -> sqlx::Result<Vec<(Uuid, String)>> {
    let rows = sqlx::query!(
        r#"SELECT i.id, CASE WHEN $1::uuid IS NULL THEN i.name || ' · ' || g.name
                             ELSE i.name END AS "label!"
             FROM institutions i JOIN governments g ON g.id = i.government_id
            WHERE $1::uuid IS NULL OR i.government_id = $1
            ORDER BY i.name, g.name"#,
        government
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.label)).collect())
}

/// The government an institution belongs to.
pub async fn institution_government(
    conn: &mut sqlx::PgConnection,
    institution: Uuid,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "SELECT government_id FROM institutions WHERE id = $1",
        institution
    )
    .fetch_optional(conn)
    .await
}

/// An audit entry about an account, by a person (or by the account itself).
pub fn account_entry(
    action: &'static str,
    actor: Option<(Uuid, &str)>,
    subject: Uuid,
    after: Option<serde_json::Value>,
) -> crate::store::audit::NewAuditEntry {
    crate::store::audit::NewAuditEntry {
        actor_id: actor.map(|a| a.0),
        actor_label: actor.map_or_else(|| "system".to_owned(), |a| a.1.to_owned()),
        action,
        entity: "user",
        entity_id: Some(subject.to_string()),
        before: None,
        after,
        request_id: None,
    }
}
