//! Work done on a schedule by `serve`: the officials' daily reminder. Any number of app nodes
//! may run the schedule; an advisory lock and a row per day in `job_runs` make one of them do
//! each day's work.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use crate::config::Config;
use crate::mail::Mailer;
use crate::notifications;
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

/// Checks every hour whether today's reminders are due and not yet sent.
pub fn spawn_daily_reminders(db: PgPool, mailer: Mailer, config: Config) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            let now = Utc::now();
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
