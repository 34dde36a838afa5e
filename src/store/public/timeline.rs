//! What changed in a commitment besides its progress reports: re-plans of its milestones and
//! changes of its own state, for the public timeline.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;
use uuid::Uuid;

/// One entry of a commitment's timeline of changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A request for new dates for a milestone, and the forum's decision.
    Replan {
        at: DateTime<Utc>,
        milestone_title: String,
        old_due: Option<NaiveDate>,
        new_due: Option<NaiveDate>,
        reason: String,
        state: String,
    },
    /// The commitment moved from one state to another (draft, consultation, approved,
    /// withdrawn), as recorded in the audit log by whichever write made the change.
    State {
        at: DateTime<Utc>,
        from: Option<String>,
        to: String,
        reason: Option<String>,
    },
}

/// Re-plans and state changes of a commitment, newest first, in one statement. A state
/// change is any audit entry about the commitment whose `after` carries a `state`, so every
/// writer that audits its change is shown without knowing about this page.
pub async fn commitment_changes(db: &PgPool, commitment_id: Uuid) -> sqlx::Result<Vec<Change>> {
    let rows = sqlx::query!(
        r#"SELECT 'replan' AS "kind!", COALESCE(r.decided_at, r.requested_at) AS "at!",
                  m.title AS milestone_title, r.old_due, r.new_due, r.reason,
                  r.state AS "state!", NULL::text AS from_state
             FROM milestone_replans r JOIN milestones m ON m.id = r.milestone_id
            WHERE m.commitment_id = $1
           UNION ALL
           SELECT 'state', a.at, NULL, NULL, NULL, a.after ->> 'reason', a.after ->> 'state',
                  a.before ->> 'state'
             FROM audit_log a
            WHERE a.entity = 'commitment' AND a.entity_id = ($1::uuid)::text
              AND jsonb_typeof(a.after -> 'state') = 'string'
            ORDER BY 2 DESC"#,
        commitment_id
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| match r.kind.as_str() {
            "replan" => Change::Replan {
                at: r.at,
                milestone_title: r.milestone_title.unwrap_or_default(),
                old_due: r.old_due,
                new_due: r.new_due,
                reason: r.reason.unwrap_or_default(),
                state: r.state,
            },
            _ => Change::State {
                at: r.at,
                from: r.from_state,
                to: r.state,
                reason: r.reason.filter(|s| !s.trim().is_empty()),
            },
        })
        .collect())
}
