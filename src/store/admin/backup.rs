//! The whole database as one JSON document, and back. Every table of the `public` schema
//! but sqlx's migration record is included (accounts with their password hashes, the audit
//! log with its hash chain, evidence metadata); sessions are not. Evidence *files* live in
//! the data directory (`ABIERTO_DATA/evidence`) and are copied separately.
//!
//! The tables are found in the catalogue rather than listed here, so a table added by a
//! later migration is backed up without touching this file; they are written in foreign-key
//! order so a restore inserts parents first. That is why these are the only queries of the
//! store built at run time: their table and column names come from `pg_catalog`, quoted
//! with `quote_ident`, never from input.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sqlx::{PgConnection, PgPool, Row};

/// Names the document's shape; a restore refuses any other.
pub const FORMAT: &str = "abierto-backup-1";

#[derive(Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    /// The last migration applied to the database the backup came from.
    pub schema_version: i64,
    /// Table name → rows (JSON objects), in restore order.
    pub tables: Vec<(String, Box<RawValue>)>,
}

/// A table and the columns a restore writes (generated columns are recomputed).
#[derive(Debug, Clone)]
struct Table {
    name: String,
    columns: Vec<String>,
    order_by: String,
}

/// Tables of the public schema in foreign-key order, parents first.
async fn tables(conn: &mut PgConnection) -> anyhow::Result<Vec<Table>> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_sqlx_migrations'
          ORDER BY c.relname",
    )
    .fetch_all(&mut *conn)
    .await?;
    let edges: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text
           FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
          WHERE c.contype = 'f' AND n.nspname = 'public' AND c.conrelid <> c.confrelid",
    )
    .fetch_all(&mut *conn)
    .await?;
    let order = dependency_order(&names, &edges)?;
    let mut result = Vec::with_capacity(order.len());
    for name in order {
        let columns: Vec<String> = sqlx::query_scalar(
            "SELECT a.attname::text FROM pg_attribute a
              WHERE a.attrelid = quote_ident($1)::regclass AND a.attnum > 0
                AND NOT a.attisdropped AND a.attgenerated = ''
              ORDER BY a.attnum",
        )
        .bind(&name)
        .fetch_all(&mut *conn)
        .await?;
        let key: Vec<String> = sqlx::query_scalar(
            "SELECT quote_ident(a.attname::text) FROM pg_index i
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
              WHERE i.indrelid = quote_ident($1)::regclass AND i.indisprimary
              ORDER BY array_position(i.indkey, a.attnum)",
        )
        .bind(&name)
        .fetch_all(&mut *conn)
        .await?;
        let order_by = if key.is_empty() {
            "t::text".to_owned()
        } else {
            key.join(", ")
        };
        result.push(Table {
            name,
            columns,
            order_by,
        });
    }
    Ok(result)
}

/// Parents before children; a cycle between tables cannot be restored in one pass.
fn dependency_order(names: &[String], edges: &[(String, String)]) -> anyhow::Result<Vec<String>> {
    let mut parents: BTreeMap<&str, BTreeSet<&str>> = names
        .iter()
        .map(|n| (n.as_str(), BTreeSet::new()))
        .collect();
    for (child, parent) in edges {
        if let Some(set) = parents.get_mut(child.as_str())
            && names.contains(parent)
        {
            set.insert(parent.as_str());
        }
    }
    let mut order: Vec<String> = Vec::new();
    while order.len() < names.len() {
        let ready: Vec<&str> = parents
            .iter()
            .filter(|(name, ps)| {
                !order.iter().any(|o| o == *name) && ps.iter().all(|p| order.iter().any(|o| o == p))
            })
            .map(|(name, _)| *name)
            .collect();
        anyhow::ensure!(
            !ready.is_empty(),
            "foreign keys form a cycle between tables"
        );
        order.extend(ready.into_iter().map(str::to_owned));
    }
    Ok(order)
}

async fn schema_version(conn: &mut PgConnection) -> anyhow::Result<i64> {
    let version: Option<i64> =
        sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(&mut *conn)
            .await?;
    Ok(version.unwrap_or(0))
}

/// Every row of every table, read in one snapshot (REPEATABLE READ), in key order so two
/// backups of the same data are the same bytes. `progress` is told each table done.
pub async fn export(db: &PgPool, mut progress: impl FnMut(&str, usize)) -> anyhow::Result<Backup> {
    let mut tx = db.begin().await?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .execute(&mut *tx)
        .await?;
    // Times in one zone, so the text is the same whatever the server's setting.
    sqlx::query("SET LOCAL TIME ZONE 'UTC'")
        .execute(&mut *tx)
        .await?;
    let tables = tables(&mut tx).await?;
    let schema_version = schema_version(&mut tx).await?;
    let mut out = Vec::with_capacity(tables.len());
    for (i, table) in tables.iter().enumerate() {
        let select = table
            .columns
            .iter()
            .map(|c| format!("'{c}', t.{}", quote(c)))
            .collect::<Vec<_>>()
            .join(", ");
        // json_build_object takes at most 100 arguments: 50 columns.
        anyhow::ensure!(
            table.columns.len() <= 50,
            "table {} is too wide",
            table.name
        );
        let sql = format!(
            "SELECT COALESCE(json_agg(json_build_object({select}) ORDER BY {order}), '[]')::text
               FROM {name} t",
            order = order_prefixed(&table.order_by),
            name = quote(&table.name),
        );
        let rows: String = sqlx::query_scalar(&sql).fetch_one(&mut *tx).await?;
        out.push((table.name.clone(), RawValue::from_string(rows)?));
        progress(&table.name, i + 1);
    }
    tx.commit().await?;
    Ok(Backup {
        format: FORMAT.into(),
        schema_version,
        tables: out,
    })
}

fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

fn order_prefixed(order_by: &str) -> String {
    if order_by == "t::text" {
        return order_by.to_owned();
    }
    order_by
        .split(", ")
        .map(|c| format!("t.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why a restore was refused.
#[derive(Debug, thiserror::Error)]
pub enum RestoreRefused {
    #[error(
        "the database is not empty (table {0} has rows): restore only into a new, migrated database"
    )]
    NotEmpty(String),
    #[error("not an Abierto backup (format {0:?})")]
    Format(String),
    #[error(
        "the backup is of schema version {backup}, the database is at {database}: migrate to the same version first"
    )]
    Schema { backup: i64, database: i64 },
    #[error("the backup has a table this database does not: {0}")]
    UnknownTable(String),
}

/// Restores a backup into an empty database in one transaction, then moves every sequence
/// past the restored ids. The restored audit log is the record: nothing is added to it, so
/// a backup of the restored database equals the backup restored.
pub async fn restore(
    db: &PgPool,
    backup: &Backup,
    mut progress: impl FnMut(&str, usize),
) -> anyhow::Result<()> {
    if backup.format != FORMAT {
        return Err(RestoreRefused::Format(backup.format.clone()).into());
    }
    let mut tx = db.begin().await?;
    sqlx::query("SET LOCAL TIME ZONE 'UTC'")
        .execute(&mut *tx)
        .await?;
    let database = schema_version(&mut tx).await?;
    if database != backup.schema_version {
        return Err(RestoreRefused::Schema {
            backup: backup.schema_version,
            database,
        }
        .into());
    }
    let tables = tables(&mut tx).await?;
    for table in &tables {
        let sql = format!("SELECT EXISTS (SELECT 1 FROM {})", quote(&table.name));
        let has_rows: bool = sqlx::query_scalar(&sql).fetch_one(&mut *tx).await?;
        if has_rows {
            return Err(RestoreRefused::NotEmpty(table.name.clone()).into());
        }
    }
    for (name, _) in &backup.tables {
        if !tables.iter().any(|t| &t.name == name) {
            return Err(RestoreRefused::UnknownTable(name.clone()).into());
        }
    }
    for (i, table) in tables.iter().enumerate() {
        let Some((_, rows)) = backup.tables.iter().find(|(n, _)| n == &table.name) else {
            continue;
        };
        let columns = table
            .columns
            .iter()
            .map(|c| quote(c))
            .collect::<Vec<_>>()
            .join(", ");
        let name = quote(&table.name);
        let sql = format!(
            "INSERT INTO {name} ({columns}) OVERRIDING SYSTEM VALUE
             SELECT {columns} FROM json_populate_recordset(NULL::{name}, $1::json)"
        );
        sqlx::query(&sql).bind(rows.get()).execute(&mut *tx).await?;
        progress(&table.name, i + 1);
    }
    reset_sequences(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Every sequence owned by a column continues after the largest restored value.
async fn reset_sequences(conn: &mut PgConnection) -> anyhow::Result<()> {
    let owned = sqlx::query(
        "SELECT quote_ident(n.nspname) || '.' || quote_ident(s.relname) AS seq,
                quote_ident(t.relname) AS tbl, quote_ident(a.attname) AS col
           FROM pg_class s
           JOIN pg_namespace n ON n.oid = s.relnamespace
           JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
           JOIN pg_class t ON t.oid = d.refobjid
           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
          WHERE s.relkind = 'S' AND n.nspname = 'public'",
    )
    .fetch_all(&mut *conn)
    .await?;
    for row in owned {
        let (seq, table, column): (String, String, String) = (
            row.try_get("seq")?,
            row.try_get("tbl")?,
            row.try_get("col")?,
        );
        let sql = format!(
            "SELECT setval('{seq}', COALESCE((SELECT max({column}) FROM {table}), 0) + 1, false)"
        );
        sqlx::query(&sql).execute(&mut *conn).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn parents_come_before_children() {
        let names = s(&["milestones", "commitments", "plans"]);
        let edges = vec![
            ("milestones".to_owned(), "commitments".to_owned()),
            ("commitments".to_owned(), "plans".to_owned()),
        ];
        assert_eq!(
            dependency_order(&names, &edges).expect("order"),
            s(&["plans", "commitments", "milestones"])
        );
    }

    #[test]
    fn a_cycle_is_refused() {
        let names = s(&["a", "b"]);
        let edges = vec![
            ("a".to_owned(), "b".to_owned()),
            ("b".to_owned(), "a".to_owned()),
        ];
        assert!(dependency_order(&names, &edges).is_err());
    }
}
