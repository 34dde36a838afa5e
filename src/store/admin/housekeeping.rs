//! Institution housekeeping: merging two records of one institution and splitting a list
//! that was recorded as one name. Each is one transaction with its audit entry.

use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::directory::{InstitutionDetail, Operator};
use super::ogp_import::free_slug;
use crate::domain::slug::slugify;
use crate::store::audit;
use crate::store::versions;

/// What refers to an institution: what a merge moves, what a split copies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct References {
    /// Links to commitments (lead, co-lead, supporting).
    pub commitment_links: i64,
    pub milestones: i64,
    pub accounts: i64,
    pub forum_seats: i64,
    pub proposals: i64,
    /// Older names merged into it.
    pub aliases: i64,
}

pub async fn references(db: &PgPool, id: Uuid) -> sqlx::Result<References> {
    let mut conn = db.acquire().await?;
    references_in(&mut conn, id).await
}

async fn references_in(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<References> {
    sqlx::query_as!(
        References,
        r#"SELECT (SELECT count(*) FROM commitment_actors WHERE institution_id = $1) AS "commitment_links!",
                  (SELECT count(*) FROM milestones WHERE responsible_institution_id = $1) AS "milestones!",
                  (SELECT count(*) FROM users WHERE institution_id = $1) AS "accounts!",
                  (SELECT count(*) FROM nucleo_members WHERE institution_id = $1) AS "forum_seats!",
                  (SELECT count(*) FROM proposals WHERE institution_id = $1) AS "proposals!",
                  (SELECT count(*) FROM institution_aliases WHERE institution_id = $1) AS "aliases!""#,
        id
    )
    .fetch_one(conn)
    .await
}

/// Moves everything that refers to `from` onto `into`, keeps `from`'s address and name as
/// aliases of `into`, and removes `from`. A commitment that names both in the same role keeps
/// one link (`into`'s). Returns what was moved. Both belong to one government (the caller
/// checks).
pub async fn merge(
    db: &PgPool,
    by: &Operator,
    from: &InstitutionDetail,
    into: &InstitutionDetail,
) -> sqlx::Result<References> {
    let mut tx = db.begin().await?;
    // Both rows locked: nobody links the one that goes away meanwhile.
    sqlx::query!(
        "SELECT id FROM institutions WHERE id = ANY($1) ORDER BY id FOR UPDATE",
        &[from.id, into.id][..]
    )
    .fetch_all(&mut *tx)
    .await?;
    let moved = references_in(&mut tx, from.id).await?;
    let touched = versions::commitments_naming(&mut tx, from.id).await?;
    sqlx::query!(
        "DELETE FROM commitment_actors a
          WHERE a.institution_id = $1
            AND EXISTS (SELECT 1 FROM commitment_actors b
                         WHERE b.commitment_id = a.commitment_id AND b.role = a.role
                           AND b.institution_id = $2)",
        from.id,
        into.id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE commitment_actors SET institution_id = $2 WHERE institution_id = $1",
        from.id,
        into.id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE milestones SET responsible_institution_id = $2
          WHERE responsible_institution_id = $1",
        from.id,
        into.id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE users SET institution_id = $2 WHERE institution_id = $1",
        from.id,
        into.id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE nucleo_members SET institution_id = $2 WHERE institution_id = $1",
        from.id,
        into.id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE proposals SET institution_id = $2 WHERE institution_id = $1",
        from.id,
        into.id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE institution_aliases SET institution_id = $2 WHERE institution_id = $1",
        from.id,
        into.id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO institution_aliases (slug, government_id, name, institution_id)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (government_id, name) DO UPDATE SET institution_id = EXCLUDED.institution_id",
        from.slug,
        from.government_id,
        from.name,
        into.id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!("DELETE FROM institutions WHERE id = $1", from.id)
        .execute(&mut *tx)
        .await?;
    let author = versions::Author {
        id: Some(by.id),
        name: "",
    };
    versions::record_versions(&mut tx, &touched, author, versions::INSTITUTION_MERGE).await?;
    let before = detail_json(from);
    let after = json!({ "merged_into": detail_json(into), "moved": moved });
    let entry = by.entry(
        "institution.merge",
        "institution",
        from.id,
        Some(before),
        after,
    );
    audit::commit(tx, entry).await?;
    Ok(moved)
}

/// Splits `original` into itself renamed to the first of `pieces` and a new institution for
/// each other name (its address made from the name), of the same government and sector. Every commitment the
/// original takes part in names the new ones too, in the same role; its milestones, accounts
/// and forum seats stay with the original. Returns how many were created.
pub async fn split(
    db: &PgPool,
    by: &Operator,
    original: &InstitutionDetail,
    pieces: &[String],
) -> sqlx::Result<usize> {
    let Some((first, others)) = pieces.split_first() else {
        return Ok(0);
    };
    let mut tx = db.begin().await?;
    sqlx::query!(
        "UPDATE institutions SET name = $2, acronym = NULL WHERE id = $1",
        original.id,
        first
    )
    .execute(&mut *tx)
    .await?;
    let mut created = Vec::with_capacity(others.len());
    for name in others {
        let id = Uuid::now_v7();
        let slug = free_slug(&mut tx, "institutions", &slugify(name)).await?;
        sqlx::query!(
            "INSERT INTO institutions (id, government_id, name, slug, sector)
             VALUES ($1, $2, $3, $4, $5)",
            id,
            original.government_id,
            name,
            slug,
            original.sector
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query!(
            "INSERT INTO commitment_actors (commitment_id, institution_id, role, position)
             SELECT commitment_id, $2, role, position FROM commitment_actors
              WHERE institution_id = $1",
            original.id,
            id
        )
        .execute(&mut *tx)
        .await?;
        created.push(json!({ "id": id, "name": name, "slug": slug }));
    }
    let touched = versions::commitments_naming(&mut tx, original.id).await?;
    let author = versions::Author {
        id: Some(by.id),
        name: "",
    };
    versions::record_versions(&mut tx, &touched, author, versions::INSTITUTION_SPLIT).await?;
    let before = detail_json(original);
    let after = json!({
        "name": first,
        "created": created,
    });
    let entry = by.entry(
        "institution.split",
        "institution",
        original.id,
        Some(before),
        after,
    );
    audit::commit(tx, entry).await?;
    Ok(others.len())
}

/// The current address of an institution once known as `slug` (merged into another).
pub async fn alias_target(db: &PgPool, slug: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "SELECT i.slug FROM institution_aliases a JOIN institutions i ON i.id = a.institution_id
          WHERE a.slug = $1",
        slug
    )
    .fetch_optional(db)
    .await
}

fn detail_json(i: &InstitutionDetail) -> serde_json::Value {
    json!({
        "id": i.id,
        "government_id": i.government_id,
        "name": i.name,
        "acronym": i.acronym,
        "slug": i.slug,
        "sector": i.sector,
        "website": i.website,
    })
}
