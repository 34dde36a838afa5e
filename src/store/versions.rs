//! Versions of commitments: each write that changes a commitment, its actors or its
//! milestones records the next version in its own transaction (one snapshot built in SQL by
//! `commitment_snapshot()`, the same definition the migration's backfill used).

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::versions::Snapshot;

/// The reasons the application itself gives (the public page names them in the reader's
/// language); any other reason is a person's own words.
pub const INITIAL: &str = "initial";
pub const IMPORT: &str = "import";
pub const INSTITUTION_MERGE: &str = "institution-merge";
pub const INSTITUTION_SPLIT: &str = "institution-split";

/// Who recorded a version: an account (its id and name), or the system (no id).
#[derive(Debug, Clone, Copy)]
pub struct Author<'a> {
    pub id: Option<Uuid>,
    pub name: &'a str,
}

impl Author<'static> {
    /// A version written by the application itself (an import from the command line, the demo).
    pub const SYSTEM: Self = Self {
        id: None,
        name: "system",
    };
}

/// Records the next version of each commitment as its rows are now (one statement); a
/// commitment whose rows say what its latest version says gets none.
pub async fn record_versions(
    conn: &mut PgConnection,
    commitments: &[Uuid],
    author: Author<'_>,
    reason: &str,
) -> sqlx::Result<()> {
    record_versions_at(conn, commitments, author, reason, None).await
}

/// Records the next version of the commitment as its rows are now.
pub async fn record_version(
    conn: &mut PgConnection,
    commitment: Uuid,
    author: Author<'_>,
    reason: &str,
) -> sqlx::Result<()> {
    record_versions(conn, &[commitment], author, reason).await
}

/// As [`record_versions`], dated `at` (now when `None`): the demo's plan is recorded as
/// approved when its period began.
pub async fn record_versions_at(
    conn: &mut PgConnection,
    commitments: &[Uuid],
    author: Author<'_>,
    reason: &str,
    at: Option<DateTime<Utc>>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO commitment_versions
                (commitment_id, version, recorded_at, author_id, author_name, reason, snapshot)
         SELECT c.id, coalesce(latest.version, 0) + 1, coalesce($5, now()), $2, $3, $4,
                c.snapshot
           FROM (SELECT id, commitment_snapshot(id) AS snapshot
                   FROM commitments WHERE id = ANY($1)) c
           LEFT JOIN LATERAL (SELECT v.version, v.snapshot FROM commitment_versions v
                               WHERE v.commitment_id = c.id
                               ORDER BY v.version DESC LIMIT 1) latest ON true
          WHERE latest.snapshot IS DISTINCT FROM c.snapshot",
        commitments,
        author.id,
        author.name,
        reason,
        at
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// One recorded version of a commitment.
#[derive(Debug, Clone)]
pub struct Version {
    pub version: i32,
    pub recorded_at: DateTime<Utc>,
    pub author: String,
    pub reason: String,
    pub snapshot: Snapshot,
}

/// Every version of a commitment, oldest first (one statement).
pub async fn of_commitment(db: &PgPool, commitment: Uuid) -> sqlx::Result<Vec<Version>> {
    let rows = sqlx::query!(
        "SELECT version, recorded_at, author_name, reason, snapshot
           FROM commitment_versions WHERE commitment_id = $1 ORDER BY version",
        commitment
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Version {
            version: r.version,
            recorded_at: r.recorded_at,
            author: r.author_name,
            reason: r.reason,
            snapshot: Snapshot::from_json(r.snapshot),
        })
        .collect())
}

/// The plan's commitments as the latest version of each recorded by `until` put them
/// (commitments with no version by then are left out), in code order (one statement).
pub async fn of_plan_as_of(
    db: &PgPool,
    plan_id: Uuid,
    until: DateTime<Utc>,
) -> sqlx::Result<Vec<(Uuid, Snapshot)>> {
    let rows = sqlx::query!(
        r#"SELECT DISTINCT ON (v.commitment_id) v.commitment_id, v.snapshot
             FROM commitment_versions v
             JOIN commitments c ON c.id = v.commitment_id
            WHERE c.plan_id = $1 AND v.recorded_at <= $2
            ORDER BY v.commitment_id, v.version DESC"#,
        plan_id,
        until
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.commitment_id, Snapshot::from_json(r.snapshot)))
        .collect())
}

/// The commitments that name an institution, as an actor or as a milestone's responsible.
pub async fn commitments_naming(
    conn: &mut PgConnection,
    institution: Uuid,
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        r#"SELECT commitment_id AS "id!" FROM commitment_actors WHERE institution_id = $1
           UNION
           SELECT commitment_id FROM milestones WHERE responsible_institution_id = $1"#,
        institution
    )
    .fetch_all(conn)
    .await
}
