//! OGP imports started from the administration pages: a row says who sent which file and how
//! the import went, and keeps its report. The row is written (and audited) when the file
//! arrives, the import runs in its own transaction after the response, and the row is
//! finished with what it created, or with why it failed.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::PgPool;
use sqlx::types::Json;
use uuid::Uuid;

use super::directory::Operator;
use super::ogp_import::OgpSummary;
use crate::store::audit;
use crate::transfer::ogp::report::Line;

/// A run left `running` longer than this was cut short (the server stopped during it): its
/// transaction was rolled back, so nothing of it was stored.
pub const INTERRUPTED_AFTER_MINUTES: i64 = 60;

/// How a run went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    Running,
    Done,
    Failed,
    /// Still `running` long after it started: the server stopped during the import.
    Interrupted,
}

impl RunStatus {
    /// The word used in message keys (`admin-ogp-status-…`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Done => "done",
            Self::Failed => "failed",
            Self::Interrupted => "interrupted",
        }
    }
}

/// One run, without its report lines.
#[derive(Debug, Clone)]
pub struct Run {
    pub id: Uuid,
    pub actor_label: String,
    pub file_name: String,
    pub file_bytes: i64,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub status: RunStatus,
    /// A failed run's message key and its detail.
    pub failure: Option<String>,
    pub failure_detail: String,
    pub governments: i32,
    pub plans: i32,
    pub institutions: i32,
    pub commitments: i32,
    pub assessments: i32,
    /// Report lines about values, and rows left out.
    pub values: i32,
    pub skipped: i32,
}

struct RunRow {
    id: Uuid,
    actor_label: String,
    file_name: String,
    file_bytes: i64,
    started_at: DateTime<Utc>,
    finished_at: Option<DateTime<Utc>>,
    status: String,
    stale: bool,
    failure: Option<String>,
    failure_detail: String,
    governments: i32,
    plans: i32,
    institutions: i32,
    commitments: i32,
    assessments: i32,
    values: i32,
    skipped: i32,
}

impl From<RunRow> for Run {
    fn from(r: RunRow) -> Self {
        let status = match r.status.as_str() {
            "done" => RunStatus::Done,
            "failed" => RunStatus::Failed,
            _ if r.stale => RunStatus::Interrupted,
            _ => RunStatus::Running,
        };
        Self {
            id: r.id,
            actor_label: r.actor_label,
            file_name: r.file_name,
            file_bytes: r.file_bytes,
            started_at: r.started_at,
            finished_at: r.finished_at,
            status,
            failure: r.failure,
            failure_detail: r.failure_detail,
            governments: r.governments,
            plans: r.plans,
            institutions: r.institutions,
            commitments: r.commitments,
            assessments: r.assessments,
            values: r.values,
            skipped: r.skipped,
        }
    }
}

/// Records that `by` sent the file (audited `ogp_import.start`); the run is `running`.
pub async fn start(
    db: &PgPool,
    by: &Operator,
    file_name: &str,
    file_bytes: usize,
) -> anyhow::Result<Uuid> {
    let id = Uuid::now_v7();
    let bytes = i64::try_from(file_bytes)?;
    let mut tx = db.begin().await?;
    sqlx::query!(
        "INSERT INTO ogp_import_runs (id, actor_id, actor_label, file_name, file_bytes)
         VALUES ($1, $2, $3, $4, $5)",
        id,
        by.id,
        by.email,
        file_name,
        bytes
    )
    .execute(&mut *tx)
    .await?;
    let after = json!({ "file_name": file_name, "file_bytes": bytes });
    let entry = by.entry("ogp_import.start", "ogp_import_run", id, None, after);
    audit::commit(tx, entry).await?;
    Ok(id)
}

/// The import committed: what it created and its report.
pub async fn finish(db: &PgPool, id: Uuid, summary: &OgpSummary) -> anyhow::Result<()> {
    let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    sqlx::query!(
        "UPDATE ogp_import_runs
            SET status = 'done', finished_at = now(), governments = $2, plans = $3,
                institutions = $4, commitments = $5, assessments = $6, value_lines = $7,
                skipped_rows = $8, lines = $9
          WHERE id = $1",
        id,
        count(summary.governments),
        count(summary.plans),
        count(summary.institutions),
        count(summary.commitments),
        count(summary.assessments),
        count(summary.report.len()),
        count(summary.skipped.len()),
        Json(summary.lines()) as _
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Nothing was stored: the message key `failure` says why, `detail` what exactly.
pub async fn fail(db: &PgPool, id: Uuid, failure: &str, detail: &str) -> anyhow::Result<()> {
    sqlx::query!(
        "UPDATE ogp_import_runs
            SET status = 'failed', finished_at = now(), failure = $2, failure_detail = $3
          WHERE id = $1",
        id,
        failure,
        detail
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The run, or `None`.
pub async fn run(db: &PgPool, id: Uuid) -> anyhow::Result<Option<Run>> {
    let row = sqlx::query_as!(
        RunRow,
        r#"SELECT id, actor_label, file_name, file_bytes, started_at, finished_at, status,
                  started_at < now() - make_interval(mins => $2::int) AS "stale!",
                  failure, failure_detail, governments, plans, institutions, commitments, assessments,
                  value_lines AS "values", skipped_rows AS "skipped"
             FROM ogp_import_runs WHERE id = $1"#,
        id,
        INTERRUPTED_AFTER_MINUTES as i32
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(Run::from))
}

/// The latest runs, newest first.
pub async fn recent(db: &PgPool, limit: i64) -> anyhow::Result<Vec<Run>> {
    let rows = sqlx::query_as!(
        RunRow,
        r#"SELECT id, actor_label, file_name, file_bytes, started_at, finished_at, status,
                  started_at < now() - make_interval(mins => $2::int) AS "stale!",
                  failure, failure_detail, governments, plans, institutions, commitments, assessments,
                  value_lines AS "values", skipped_rows AS "skipped"
             FROM ogp_import_runs ORDER BY started_at DESC, id DESC LIMIT $1"#,
        limit,
        INTERRUPTED_AFTER_MINUTES as i32
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Run::from).collect())
}

/// The run's report lines, in the order the import wrote them.
pub async fn lines(db: &PgPool, id: Uuid) -> anyhow::Result<Vec<Line>> {
    let lines = sqlx::query_scalar!(
        r#"SELECT lines AS "lines!: Json<Vec<Line>>" FROM ogp_import_runs WHERE id = $1"#,
        id
    )
    .fetch_optional(db)
    .await?;
    Ok(lines.map(|Json(l)| l).unwrap_or_default())
}
