//! Work done on a schedule by `serve`: the daily reminder, and the frozen report of each
//! reporting round once it closes. Any number of app nodes may run the schedule; an advisory
//! lock and a row per day in `job_runs` make one of them do each day's work.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use crate::config::Config;
use crate::mail::Mailer;
use crate::notifications;
use crate::reports;
use crate::store;
use crate::store::jobs::Claim;

/// The job's name in `job_runs`.
pub const DAILY_REMINDERS: &str = "daily_reminders";
const DAILY_REMINDERS_LOCK: i64 = i64::from_be_bytes(*b"reminder");
/// Milestones due within this many days are listed.
pub const DUE_WITHIN_DAYS: i64 = 14;
/// Milestones without a report for this many days are listed.
pub const STALE_AFTER_DAYS: i64 = crate::domain::progress_report::STALE_AFTER_DAYS;
/// Reminders go out from this hour (UTC) on: early morning in the Americas.
pub const SEND_FROM_HOUR_UTC: u32 = 12;

/// What one attempt at the day's reminders did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderRun {
    /// This node sent the day's reminders (`sent` messages).
    Sent { sent: usize },
    /// Another node is sending them right now.
    Busy,
    /// They were sent earlier today.
    AlreadyRan,
}

/// Sends today's reminders unless another node did or is doing it. The day is claimed and
/// the lines read in one transaction; the messages go after it commits, so a slow mail
/// server holds no lock, and a failed message is logged without sending twice.
pub async fn daily_reminders(
    db: &PgPool,
    mailer: &Mailer,
    config: &Config,
    now: DateTime<Utc>,
) -> anyhow::Result<ReminderRun> {
    let today = now.date_naive();
    let mut tx = db.begin().await?;
    let claim =
        store::jobs::claim_day(&mut tx, DAILY_REMINDERS, DAILY_REMINDERS_LOCK, today).await?;
    let early = match claim {
        Claim::Busy => Some(ReminderRun::Busy),
        Claim::AlreadyRan => Some(ReminderRun::AlreadyRan),
        Claim::Claimed => None,
    };
    if let Some(run) = early {
        // End the transaction now: it may hold the lock, and a dropped transaction is only
        // rolled back later, which would make the next attempt look busy.
        tx.rollback().await?;
        return Ok(run);
    }
    let lines = store::jobs::reminder_lines(
        &mut tx,
        today,
        today + chrono::Duration::days(DUE_WITHIN_DAYS),
        now - chrono::Duration::days(STALE_AFTER_DAYS),
    )
    .await?;
    let mails = notifications::reminder_mails(config, &lines);
    store::audit::record(
        &mut tx,
        store::audit::NewAuditEntry {
            actor_id: None,
            actor_label: "system".into(),
            action: "job.daily_reminders",
            entity: "job_run",
            entity_id: Some(format!("{DAILY_REMINDERS}/{today}")),
            before: None,
            after: Some(serde_json::json!({ "messages": mails.len() })),
            request_id: None,
        },
    )
    .await?;
    tx.commit().await?;
    let sent = notifications::send_all(mailer, mails).await;
    Ok(ReminderRun::Sent { sent })
}

/// The job's name in `job_runs`.
pub const ROUND_SNAPSHOTS: &str = "round_snapshots";
const ROUND_SNAPSHOTS_LOCK: i64 = i64::from_be_bytes(*b"rndsnaps");

/// Freezes the monitoring report of every reporting round that closed before today and has
/// none yet: named as the round, as of its closing day, sealed by the SHA-256 of its JSON like
/// a report the forum freezes, and audited. Returns how many were frozen, or `None` when
/// another node did or is doing today's run. A round missed (a failure, a node down) is
/// frozen on a later day: what is missing is read afresh each time.
pub async fn round_snapshots(db: &PgPool, now: DateTime<Utc>) -> anyhow::Result<Option<usize>> {
    let today = now.date_naive();
    let mut tx = db.begin().await?;
    let claim =
        store::jobs::claim_day(&mut tx, ROUND_SNAPSHOTS, ROUND_SNAPSHOTS_LOCK, today).await?;
    if claim != Claim::Claimed {
        tx.rollback().await?;
        return Ok(None);
    }
    let closed = store::monitoring::rounds::closed_without_snapshot(&mut tx, today).await?;
    tx.commit().await?;
    let mut frozen = 0;
    for round in closed {
        let Some(plan) = store::public::plans::by_slug(db, &round.plan_slug).await? else {
            continue;
        };
        let until = reports::model::end_of_day(round.closes_on);
        let facts = store::monitoring::reports::facts(db, &plan, until).await?;
        let report = reports::build(&facts, round.closes_on);
        let bytes = reports::json::to_bytes(&report);
        let sha256 = reports::json::sha256_hex(&bytes);
        let value: serde_json::Value = serde_json::from_slice(&bytes)?;
        let mut tx = db.begin().await?;
        let id = store::monitoring::reports::freeze(
            &mut tx,
            plan.id,
            &round.label,
            round.closes_on,
            &value,
            &sha256,
            None,
        )
        .await?;
        store::audit::record(
            &mut tx,
            store::audit::NewAuditEntry {
                actor_id: None,
                actor_label: "system".into(),
                action: "report.freeze",
                entity: "report_snapshot",
                entity_id: Some(id.to_string()),
                before: None,
                after: Some(serde_json::json!({
                    "plan": plan.slug, "period_label": round.label, "as_of": round.closes_on,
                    "sha256": sha256, "round": round.id,
                })),
                request_id: None,
            },
        )
        .await?;
        tx.commit().await?;
        frozen += 1;
    }
    Ok(Some(frozen))
}

/// Checks every hour whether a closed round awaits its frozen report, and whether today's
/// reminders are due and not yet sent.
pub fn spawn_schedule(db: PgPool, mailer: Mailer, config: Config) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            let now = Utc::now();
            match round_snapshots(&db, now).await {
                Ok(Some(frozen)) if frozen > 0 => tracing::info!(frozen, "round reports frozen"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %format!("{e:#}"), "round reports failed"),
            }
            if chrono::Timelike::hour(&now) < SEND_FROM_HOUR_UTC {
                continue;
            }
            match daily_reminders(&db, &mailer, &config, now).await {
                Ok(ReminderRun::Sent { sent }) => tracing::info!(sent, "daily reminders sent"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %format!("{e:#}"), "daily reminders failed"),
            }
        }
    });
}
