//! The administrators' directory: accounts, institutions and governments. Every write runs
//! in one transaction together with its audit entry.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use crate::domain::directory::{AccountChange, Acronym, CountryCode, Name, WebAddress};
use crate::domain::{GovernmentKind, Role, Sector};
use crate::store::audit::{self, NewAuditEntry};

/// The administrator making a change, as the audit log records them.
#[derive(Clone, Debug)]
pub struct Operator {
    pub id: Uuid,
    pub email: String,
    pub request_id: Option<String>,
}

impl Operator {
    pub(super) fn entry(
        &self,
        action: &'static str,
        entity: &'static str,
        entity_id: Uuid,
        before: Option<serde_json::Value>,
        after: serde_json::Value,
    ) -> NewAuditEntry {
        NewAuditEntry {
            actor_id: Some(self.id),
            actor_label: self.email.clone(),
            action,
            entity,
            entity_id: Some(entity_id.to_string()),
            before,
            after: Some(after),
            request_id: self.request_id.clone(),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------------------

/// One line of the account list.
#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub institution_name: Option<String>,
    pub active: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    /// How many accounts match the whole list (every row carries it).
    pub total: i64,
}

/// A page of a directory list: `limit` rows after `offset`.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    pub limit: i64,
    pub offset: i64,
}

/// A page of the accounts (or those with `role`) of `government` (of the platform when
/// `None`) whose email, name or institution contains `words` (accents and case ignored), by
/// email, counted in the same statement.
pub async fn users(
    db: &PgPool,
    (role, government): (Option<Role>, Option<Uuid>),
    words: Option<&str>,
    at: Window,
) -> sqlx::Result<Vec<UserRow>> {
    let pattern = words.map(like_pattern);
    sqlx::query_as!(
        UserRow,
        r#"SELECT u.id, u.email, u.display_name, u.role, i.name AS "institution_name?",
                  u.active, u.last_login_at, count(*) OVER () AS "total!"
             FROM users u LEFT JOIN institutions i ON i.id = u.institution_id
            WHERE ($1::text IS NULL OR u.role = $1)
              AND ($2::uuid IS NULL OR COALESCE(i.government_id, u.government_id) = $2)
              AND ($3::text IS NULL
                   OR lower(unaccent(u.email || ' ' || u.display_name || ' '
                                     || coalesce(i.name, '') || ' ' || coalesce(i.acronym, '')))
                      LIKE lower(unaccent($3)))
            ORDER BY lower(u.email), u.id
            LIMIT $4 OFFSET $5"#,
        role.map(|r| r.as_str()),
        government,
        pattern,
        at.limit,
        at.offset
    )
    .fetch_all(db)
    .await
}

/// `%words%` for LIKE, with LIKE's own wildcards and escape taken literally.
fn like_pattern(words: &str) -> String {
    let mut pattern = String::from("%");
    for c in words.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// An account as its edit form shows it.
#[derive(Debug, Clone)]
pub struct UserDetail {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub institution_id: Option<Uuid>,
    /// The government the account works for (its institution's, or its own).
    pub government_id: Option<Uuid>,
    pub active: bool,
    pub last_login_at: Option<DateTime<Utc>>,
}

pub async fn user(db: &PgPool, id: Uuid) -> sqlx::Result<Option<UserDetail>> {
    sqlx::query_as!(
        UserDetail,
        r#"SELECT u.id, u.email, u.display_name, u.role, u.institution_id,
                  COALESCE(i.government_id, u.government_id) AS "government_id?",
                  u.active, u.last_login_at
             FROM users u LEFT JOIN institutions i ON i.id = u.institution_id
            WHERE u.id = $1"#,
        id
    )
    .fetch_optional(db)
    .await
}

/// Changes an account's role, institution and active flag, audited with the values before
/// and after (never password data). `RowNotFound` when there is no such account.
pub async fn update_user(
    db: &PgPool,
    by: &Operator,
    id: Uuid,
    change: &AccountChange,
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    let before = sqlx::query!(
        "SELECT role, institution_id, active FROM users WHERE id = $1 FOR UPDATE",
        id
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE users SET role = $2, institution_id = $3, active = $4 WHERE id = $1",
        id,
        change.role.as_str(),
        change.institution_id,
        change.active
    )
    .execute(&mut *tx)
    .await?;
    let entry = by.entry(
        "user.update",
        "user",
        id,
        Some(json!({
            "role": before.role,
            "institution_id": before.institution_id,
            "active": before.active,
        })),
        json!({
            "role": change.role.as_str(),
            "institution_id": change.institution_id,
            "active": change.active,
        }),
    );
    audit::record(&mut tx, entry).await?;
    tx.commit().await
}

// ---------------------------------------------------------------------------------------
// Institutions
// ---------------------------------------------------------------------------------------

/// One line of the institution list.
#[derive(Debug, Clone)]
pub struct InstitutionRow {
    pub id: Uuid,
    pub name: String,
    pub acronym: Option<String>,
    pub slug: String,
    pub sector: String,
    pub website: Option<String>,
    pub government_name: String,
}

/// One line of the institution list, with what refers to it.
#[derive(Debug, Clone)]
pub struct InstitutionListing {
    pub id: Uuid,
    pub name: String,
    pub acronym: Option<String>,
    pub slug: String,
    pub sector: String,
    pub government_name: String,
    /// Commitments it takes part in, milestones it is responsible for, accounts it has.
    pub commitments: i64,
    pub milestones: i64,
    pub accounts: i64,
    /// How many institutions match the whole list (every row carries it).
    pub total: i64,
}

/// A page of the institutions of `government` (of the platform when `None`) whose name or
/// acronym contains `words` (accents and case ignored), by name, counted in one statement.
pub async fn institution_list(
    db: &PgPool,
    government: Option<Uuid>,
    words: Option<&str>,
    at: Window,
) -> sqlx::Result<Vec<InstitutionListing>> {
    let pattern = words.map(like_pattern);
    sqlx::query_as!(
        InstitutionListing,
        r#"SELECT pg.id AS "id!", pg.name AS "name!", pg.acronym, pg.slug AS "slug!",
                  pg.sector AS "sector!", g.name AS government_name,
                  (SELECT count(DISTINCT a.commitment_id) FROM commitment_actors a
                    WHERE a.institution_id = pg.id) AS "commitments!",
                  (SELECT count(*) FROM milestones m
                    WHERE m.responsible_institution_id = pg.id) AS "milestones!",
                  (SELECT count(*) FROM users u WHERE u.institution_id = pg.id) AS "accounts!",
                  pg.total AS "total!"
             FROM (SELECT i.*, count(*) OVER () AS total
                     FROM institutions i
                    WHERE ($1::uuid IS NULL OR i.government_id = $1)
                      AND ($2::text IS NULL
                           OR lower(unaccent(i.name || ' ' || coalesce(i.acronym, '')))
                              LIKE lower(unaccent($2)))
                    ORDER BY lower(i.name), i.id
                    LIMIT $3 OFFSET $4) pg
             JOIN governments g ON g.id = pg.government_id
            ORDER BY lower(pg.name), pg.id"#,
        government,
        pattern,
        at.limit,
        at.offset
    )
    .fetch_all(db)
    .await
}

/// Every institution, by name; also the choices of the account form.
pub async fn institutions(db: &PgPool) -> sqlx::Result<Vec<InstitutionRow>> {
    sqlx::query_as!(
        InstitutionRow,
        r#"SELECT i.id, i.name, i.acronym, i.slug, i.sector, i.website,
                  g.name AS government_name
             FROM institutions i JOIN governments g ON g.id = i.government_id
            ORDER BY lower(i.name), i.id"#
    )
    .fetch_all(db)
    .await
}

/// The institutions of one government, by name: the choices of its plans' forms.
pub async fn institutions_of(db: &PgPool, government: Uuid) -> sqlx::Result<Vec<InstitutionRow>> {
    sqlx::query_as!(
        InstitutionRow,
        r#"SELECT i.id, i.name, i.acronym, i.slug, i.sector, i.website,
                  g.name AS government_name
             FROM institutions i JOIN governments g ON g.id = i.government_id
            WHERE i.government_id = $1
            ORDER BY lower(i.name), i.id"#,
        government
    )
    .fetch_all(db)
    .await
}

/// An institution as its edit form shows it.
#[derive(Debug, Clone)]
pub struct InstitutionDetail {
    pub id: Uuid,
    pub government_id: Uuid,
    pub name: String,
    pub acronym: Option<String>,
    pub slug: String,
    pub sector: String,
    pub website: Option<String>,
}

pub async fn institution(db: &PgPool, id: Uuid) -> sqlx::Result<Option<InstitutionDetail>> {
    sqlx::query_as!(
        InstitutionDetail,
        "SELECT id, government_id, name, acronym, slug, sector, website
           FROM institutions WHERE id = $1",
        id
    )
    .fetch_optional(db)
    .await
}

/// An institution's fields, parsed.
#[derive(Debug, Clone)]
pub struct InstitutionInput {
    pub government_id: Uuid,
    pub name: Name,
    pub acronym: Option<Acronym>,
    pub sector: Sector,
    pub website: Option<WebAddress>,
}

impl InstitutionInput {
    fn audit_json(&self, slug: &str) -> serde_json::Value {
        json!({
            "government_id": self.government_id,
            "name": self.name.as_str(),
            "acronym": self.acronym.as_ref().map(Acronym::as_str),
            "slug": slug,
            "sector": self.sector.as_str(),
            "website": self.website.as_ref().map(WebAddress::as_str),
        })
    }
}

/// Creates an institution under `slug`. A duplicate fails on `institutions_slug_key` or
/// `institutions_government_name_key`.
pub async fn create_institution(
    db: &PgPool,
    by: &Operator,
    input: &InstitutionInput,
    slug: &str,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    let mut tx = db.begin().await?;
    sqlx::query!(
        "INSERT INTO institutions (id, government_id, name, acronym, slug, sector, website)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        id,
        input.government_id,
        input.name.as_str(),
        input.acronym.as_ref().map(Acronym::as_str),
        slug,
        input.sector.as_str(),
        input.website.as_ref().map(WebAddress::as_str)
    )
    .execute(&mut *tx)
    .await?;
    let entry = by.entry(
        "institution.create",
        "institution",
        id,
        None,
        input.audit_json(slug),
    );
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes an institution; its slug stays, so published links keep working.
/// `RowNotFound` when there is no such institution.
pub async fn update_institution(
    db: &PgPool,
    by: &Operator,
    id: Uuid,
    input: &InstitutionInput,
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    let before = sqlx::query_as!(
        InstitutionDetail,
        "SELECT id, government_id, name, acronym, slug, sector, website
           FROM institutions WHERE id = $1 FOR UPDATE",
        id
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE institutions
            SET government_id = $2, name = $3, acronym = $4, sector = $5, website = $6
          WHERE id = $1",
        id,
        input.government_id,
        input.name.as_str(),
        input.acronym.as_ref().map(Acronym::as_str),
        input.sector.as_str(),
        input.website.as_ref().map(WebAddress::as_str)
    )
    .execute(&mut *tx)
    .await?;
    let before_json = json!({
        "government_id": before.government_id,
        "name": before.name,
        "acronym": before.acronym,
        "slug": before.slug,
        "sector": before.sector,
        "website": before.website,
    });
    let entry = by.entry(
        "institution.update",
        "institution",
        id,
        Some(before_json),
        input.audit_json(&before.slug),
    );
    audit::record(&mut tx, entry).await?;
    tx.commit().await
}

// ---------------------------------------------------------------------------------------
// Governments
// ---------------------------------------------------------------------------------------

/// One line of the government list; also the choices of the institution form.
#[derive(Debug, Clone)]
pub struct GovernmentRow {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub kind: String,
    pub country_code: String,
}

pub async fn governments(db: &PgPool) -> sqlx::Result<Vec<GovernmentRow>> {
    sqlx::query_as!(
        GovernmentRow,
        "SELECT id, name, slug, kind, country_code FROM governments ORDER BY lower(name), id"
    )
    .fetch_all(db)
    .await
}

/// A government's fields, parsed.
#[derive(Debug, Clone)]
pub struct GovernmentInput {
    pub name: Name,
    pub kind: GovernmentKind,
    pub country_code: CountryCode,
}

/// Creates a government under `slug`; a duplicate fails on `governments_slug_key`.
pub async fn create_government(
    db: &PgPool,
    by: &Operator,
    input: &GovernmentInput,
    slug: &str,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    let mut tx = db.begin().await?;
    sqlx::query!(
        "INSERT INTO governments (id, name, slug, kind, country_code) VALUES ($1, $2, $3, $4, $5)",
        id,
        input.name.as_str(),
        slug,
        input.kind.as_str(),
        input.country_code.as_str()
    )
    .execute(&mut *tx)
    .await?;
    let after = json!({
        "name": input.name.as_str(),
        "slug": slug,
        "kind": input.kind.as_str(),
        "country_code": input.country_code.as_str(),
    });
    let entry = by.entry("government.create", "government", id, None, after);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(id)
}

/// The id of the government with this slug.
pub async fn government_id(db: &PgPool, slug: &str) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!("SELECT id FROM governments WHERE slug = $1", slug)
        .fetch_optional(db)
        .await
}

/// Those of `ids` that belong to another government than `government`.
pub async fn institutions_outside(
    conn: &mut sqlx::PgConnection,
    government: Uuid,
    ids: &[Uuid],
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        "SELECT id FROM institutions WHERE id = ANY($2) AND government_id <> $1",
        government,
        ids
    )
    .fetch_all(conn)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_match_anywhere_and_wildcards_mean_themselves() {
        assert_eq!(like_pattern("asamblea"), "%asamblea%");
        assert_eq!(like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}
