//! The officials' daily reminder: once a day, whatever the number of app nodes.

use abierto::config::Config;
use abierto::domain::Role;
use abierto::jobs::{ReminderRun, daily_reminders};
use abierto::mail::Mailer;
use chrono::{Duration, Utc};

use crate::helpers::{TestApp, spawn_demo_app};

const OFFICIAL: &str = "o@example.org";

/// The settings and mailer of the test app, as `serve` would hand them to the job.
fn job_settings(app: &TestApp) -> (Config, Mailer) {
    let data = app
        .mailbox
        .parent()
        .expect("data directory")
        .to_string_lossy()
        .into_owned();
    let config =
        Config::from_lookup(|key| (key == "ABIERTO_DATA").then(|| data.clone())).expect("config");
    let mailer = Mailer::from_config(&config).expect("mailer");
    (config, mailer)
}

/// Milestone 3 of EC0014 falls due in a week; milestone 4 went 90 days without a report;
/// milestone 1 is completed (and must not be listed).
async fn arrange_milestones(app: &TestApp) {
    let today = Utc::now().date_naive();
    sqlx::query(
        "UPDATE milestones m SET current_due = CASE m.position WHEN 3 THEN $1 ELSE m.current_due END,
                current_start = LEAST(m.current_start, $2),
                last_update_at = CASE m.position WHEN 4 THEN now() - interval '90 days'
                                                 ELSE now() - interval '1 day' END,
                current_status = CASE m.position WHEN 1 THEN 'completed'
                                                 WHEN 3 THEN 'in_progress' ELSE 'in_progress' END
           FROM commitments c
          WHERE c.id = m.commitment_id AND c.ogp_id = 'EC0014'",
    )
    .bind(today + Duration::days(7))
    .bind(today - Duration::days(200))
    .execute(&app.db)
    .await
    .expect("arrange milestones");
}

fn reminders_to(app: &TestApp, to: &str) -> Vec<String> {
    app.mails()
        .into_iter()
        .filter(|eml| eml.contains(&format!("\r\nTo: {to}\r\n")))
        .map(|eml| eml.replace("=\r\n", ""))
        .collect()
}

async fn milestone_id(app: &TestApp, position: i32) -> uuid::Uuid {
    sqlx::query_scalar(
        "SELECT m.id FROM milestones m JOIN commitments c ON c.id = m.commitment_id
          WHERE c.ogp_id = 'EC0014' AND m.position = $1",
    )
    .bind(position)
    .fetch_one(&app.db)
    .await
    .expect("milestone")
}

#[tokio::test]
async fn two_concurrent_runs_send_each_reminder_once_and_a_later_run_that_day_sends_nothing() {
    let app = spawn_demo_app().await;
    app.user(OFFICIAL, Role::Official, Some("asamblea-nacional"))
        .await;
    arrange_milestones(&app).await;
    let (config, mailer) = job_settings(&app);
    // Early in today's reminder window, so that three hours later is still the same day.
    let now = Utc::now()
        .date_naive()
        .and_hms_opt(12, 30, 0)
        .expect("a time")
        .and_utc();

    let (first, second) = tokio::join!(
        daily_reminders(&app.db, &mailer, &config, now),
        daily_reminders(&app.db, &mailer, &config, now),
    );
    let runs = [first.expect("first run"), second.expect("second run")];
    let senders = runs
        .iter()
        .filter(|r| matches!(r, ReminderRun::Sent { .. }))
        .count();
    assert_eq!(senders, 1, "{runs:?}");
    assert_eq!(reminders_to(&app, OFFICIAL).len(), 1);
    let total = app.mails().len();

    let later = daily_reminders(&app.db, &mailer, &config, now + Duration::hours(3))
        .await
        .expect("later run");
    assert_eq!(later, ReminderRun::AlreadyRan);
    assert_eq!(app.mails().len(), total, "nothing sent twice");

    let claimed: i64 =
        sqlx::query_scalar("SELECT count(*) FROM job_runs WHERE name = 'daily_reminders'")
            .fetch_one(&app.db)
            .await
            .expect("job runs");
    assert_eq!(claimed, 1);
}

#[tokio::test]
async fn the_next_day_sends_again() {
    let app = spawn_demo_app().await;
    app.user(OFFICIAL, Role::Official, Some("asamblea-nacional"))
        .await;
    arrange_milestones(&app).await;
    let (config, mailer) = job_settings(&app);
    let now = Utc::now();
    daily_reminders(&app.db, &mailer, &config, now)
        .await
        .expect("today");
    let tomorrow = daily_reminders(&app.db, &mailer, &config, now + Duration::days(1))
        .await
        .expect("tomorrow");
    assert!(matches!(tomorrow, ReminderRun::Sent { .. }), "{tomorrow:?}");
    assert_eq!(reminders_to(&app, OFFICIAL).len(), 2);
}

#[tokio::test]
async fn the_reminder_lists_milestones_due_within_14_days_and_stale_ones_with_links() {
    let app = spawn_demo_app().await;
    app.user(OFFICIAL, Role::Official, Some("asamblea-nacional"))
        .await;
    arrange_milestones(&app).await;
    let (config, mailer) = job_settings(&app);
    daily_reminders(&app.db, &mailer, &config, Utc::now())
        .await
        .expect("run");
    let mails = reminders_to(&app, OFFICIAL);
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    let due_soon = format!(
        "http://127.0.0.1:3000/implementation/milestones/{}/report",
        milestone_id(&app, 3).await
    );
    let stale = format!(
        "http://127.0.0.1:3000/implementation/milestones/{}/report",
        milestone_id(&app, 4).await
    );
    let completed = milestone_id(&app, 1).await.to_string();
    let other = milestone_id(&app, 2).await.to_string();
    assert!(mail.contains(&due_soon), "{mail}");
    assert!(mail.contains(&stale), "{mail}");
    assert!(
        !mail.contains(&completed),
        "a completed milestone is not listed"
    );
    assert!(
        !mail.contains(&other),
        "recently reported, not due soon: not listed"
    );
    let at_due = mail.find(&due_soon).expect("due");
    let at_stale = mail.find(&stale).expect("stale");
    assert!(at_due < at_stale, "due-soon milestones come first");

    let officials_elsewhere = reminders_to(&app, "p@example.org");
    assert!(officials_elsewhere.is_empty());
}

#[tokio::test]
async fn the_reminder_lists_what_the_open_round_still_expects_from_the_institution() {
    let app = spawn_demo_app().await;
    app.user(OFFICIAL, Role::Official, Some("asamblea-nacional"))
        .await;
    arrange_milestones(&app).await;
    // Milestone 4 (due long ago, never completed) reported yesterday: neither due soon nor
    // stale, only the round asks for its report.
    sqlx::query(
        "UPDATE milestones m SET last_update_at = now() - interval '1 day'
           FROM commitments c
          WHERE c.id = m.commitment_id AND c.ogp_id = 'EC0014' AND m.position = 4",
    )
    .execute(&app.db)
    .await
    .expect("arrange");
    sqlx::query(
        "INSERT INTO reporting_rounds (id, plan_id, label, opens_on, closes_on)
         SELECT gen_random_uuid(), p.id, 'Ronda de prueba', current_date - 5, current_date + 20
           FROM action_plans p WHERE p.slug = 'ecuador-2022-2024'",
    )
    .execute(&app.db)
    .await
    .expect("round");
    let (config, mailer) = job_settings(&app);
    daily_reminders(&app.db, &mailer, &config, Utc::now())
        .await
        .expect("run");
    let mails = reminders_to(&app, OFFICIAL);
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    let second = milestone_id(&app, 4).await;
    let link = format!("http://127.0.0.1:3000/implementation/milestones/{second}/report");
    assert!(mail.contains("Ronda de prueba"), "{mail}");
    assert!(mail.contains(&link), "{mail}");
    // Once the institution reports in the round, the next day's reminder leaves it out.
    sqlx::query(
        "INSERT INTO progress_updates (milestone_id, author_name, progress, status, narrative)
         VALUES ($1, 'Ana', 50, 'in_progress', 'Avance en la ronda')",
    )
    .bind(second)
    .execute(&app.db)
    .await
    .expect("report");
    daily_reminders(&app.db, &mailer, &config, Utc::now() + Duration::days(1))
        .await
        .expect("next day");
    let mails = reminders_to(&app, OFFICIAL);
    assert_eq!(mails.len(), 2);
    // The mailbox is not in sending order: the link is in one of the two only.
    assert_eq!(mails.iter().filter(|m| m.contains(&link)).count(), 1);
}

#[tokio::test]
async fn a_counterpart_hears_of_the_milestones_it_co_leads_still_without_its_round_report() {
    const COUNTERPART: &str = "c@example.org";
    const ELSEWHERE: &str = "c2@example.org";
    let app = spawn_demo_app().await;
    app.user(
        COUNTERPART,
        Role::Counterpart,
        Some("fundacion-ciudadania-y-desarrollo-fcd"),
    )
    .await;
    let other: String = sqlx::query_scalar(
        "SELECT i.slug FROM institutions i
          WHERE i.sector = 'civil_society'
            AND NOT EXISTS (SELECT 1 FROM commitment_actors a
                             WHERE a.institution_id = i.id AND a.role = 'civil_society_co_lead')
          ORDER BY i.slug LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .expect("a civil-society institution that co-leads nothing");
    app.user(ELSEWHERE, Role::Counterpart, Some(&other)).await;
    arrange_milestones(&app).await;
    sqlx::query(
        "INSERT INTO reporting_rounds (id, plan_id, label, opens_on, closes_on)
         SELECT gen_random_uuid(), p.id, 'Ronda de prueba', current_date - 5, current_date + 20
           FROM action_plans p WHERE p.slug = 'ecuador-2022-2024'",
    )
    .execute(&app.db)
    .await
    .expect("round");
    let (config, mailer) = job_settings(&app);
    daily_reminders(&app.db, &mailer, &config, Utc::now())
        .await
        .expect("run");
    let mails = reminders_to(&app, COUNTERPART);
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    let third = milestone_id(&app, 3).await;
    let link = format!("http://127.0.0.1:3000/counterpart/milestones/{third}/report");
    assert!(mail.contains("reporte de contraparte"), "{mail}");
    assert!(mail.contains("Ronda de prueba"), "{mail}");
    assert!(mail.contains(&link), "{mail}");
    assert!(
        mail.contains("Su tablero: http://127.0.0.1:3000/counterpart"),
        "{mail}"
    );
    assert!(!mail.contains("/implementation/"), "{mail}");
    assert!(
        reminders_to(&app, ELSEWHERE).is_empty(),
        "a counterpart of nothing hears nothing"
    );
    // Once the counterpart reports in the round, the next day's reminder leaves it out.
    let fcd: uuid::Uuid = sqlx::query_scalar(
        "SELECT id FROM institutions WHERE slug = 'fundacion-ciudadania-y-desarrollo-fcd'",
    )
    .fetch_one(&app.db)
    .await
    .expect("FCD");
    sqlx::query(
        "INSERT INTO counterpart_reports (id, milestone_id, institution_id, author_name,
                                          completion, institution_fulfilled, perceived_change,
                                          endorses)
         VALUES (gen_random_uuid(), $1, $2, 'Rosa', 'limited', 'yes', 'Algo cambió', true)",
    )
    .bind(third)
    .bind(fcd)
    .execute(&app.db)
    .await
    .expect("counterpart report");
    daily_reminders(&app.db, &mailer, &config, Utc::now() + Duration::days(1))
        .await
        .expect("next day");
    let mails = reminders_to(&app, COUNTERPART);
    assert_eq!(mails.len(), 2);
    assert_eq!(mails.iter().filter(|m| m.contains(&link)).count(), 1);
}
