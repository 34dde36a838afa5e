//! Reporting rounds: the forum sets them, and each round lists the milestones still lacking a
//! report; a report filed within the round takes its milestone off the list.

use abierto::domain::Role;
use abierto::domain::rounds::semiannual;
use axum::http::StatusCode;
use chrono::{Duration, NaiveDate, Utc};
use uuid::Uuid;

use crate::helpers::{TestApp, logged_in, spawn_demo_app};

const PLAN: &str = "ecuador-2022-2024";
const ROUNDS: &str = "/monitoring/plans/ecuador-2022-2024/rounds";

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.expect(sql)
}

/// The milestones the round expects by the rule the pages follow, counted here on their own.
async fn expected(app: &TestApp, opens: NaiveDate, closes: NaiveDate) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM milestones m
           JOIN commitments c ON c.id = m.commitment_id AND c.state = 'approved'
           JOIN action_plans p ON p.id = c.plan_id AND p.slug = $1
          WHERE (m.current_start IS NULL OR m.current_start <= $3)
            AND m.id NOT IN (SELECT milestone_id FROM progress_updates
                              WHERE status = 'completed' AND reported_at::date < $2)",
    )
    .bind(PLAN)
    .bind(opens)
    .bind(closes)
    .fetch_one(&app.db)
    .await
    .expect("expected milestones")
}

#[tokio::test]
async fn the_forum_sets_rounds_and_sees_which_milestones_lack_a_report() {
    let app = spawn_demo_app().await;
    let mut forum = logged_in(&app, "foro@example.org", Role::Nucleo, None).await;
    let page = forum.get(ROUNDS).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("todavía no tiene rondas"));

    let today = Utc::now().date_naive();
    let (opens, closes) = (today - Duration::days(10), today + Duration::days(10));
    let fields = [
        ("label", "Ronda de prueba".to_owned()),
        ("opens_on", opens.to_string()),
        ("closes_on", closes.to_string()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let added = forum.post_form(ROUNDS, ROUNDS, &fields).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let round: Uuid = sqlx::query_scalar("SELECT id FROM reporting_rounds")
        .fetch_one(&app.db)
        .await
        .expect("round");
    let audited = "SELECT count(*) FROM audit_log WHERE action = 'round.create'";
    assert_eq!(count(&app, audited).await, 1);

    // Every expected milestone lacks a report at first (the demo's reports are older).
    let href = format!("{ROUNDS}/{round}");
    let expected = expected(&app, opens, closes).await;
    assert!(expected > 1, "the demo plan expects reports");
    let before = forum.get(&href).await;
    assert_eq!(before.status, StatusCode::OK);
    assert!(
        before
            .body
            .contains(&format!("0 de {expected} hitos con reporte")),
        "{}",
        before.body
    );
    let (milestone, title, version): (Uuid, String, i32) = sqlx::query_as(
        "SELECT m.id, m.title, m.version FROM milestones m
           JOIN commitments c ON c.id = m.commitment_id
          WHERE c.ogp_id = 'EC0014' AND m.position = 3",
    )
    .fetch_one(&app.db)
    .await
    .expect("a milestone of EC0014");
    assert!(before.body.contains(&title));

    // The institution reports: the milestone leaves the list; the round counts it.
    let mut official = logged_in(
        &app,
        "oficial@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let form = format!("/implementation/milestones/{milestone}/report");
    let version = version.to_string();
    let filed = official
        .post_form(
            &form,
            &form,
            &[
                ("version", version.as_str()),
                ("progress", "70"),
                ("status", "in_progress"),
                ("challenges", "Retraso en la contratación."),
                ("narrative", "Avance del sistema de monitoreo legislativo."),
            ],
        )
        .await;
    assert_eq!(filed.status, StatusCode::SEE_OTHER, "{}", filed.body);
    let after = forum.get(&href).await;
    assert!(
        after
            .body
            .contains(&format!("1 de {expected} hitos con reporte"))
    );
    // Off the institution's list (its counterpart, if any, has its own list).
    let institution_list = after
        .body
        .split("id=\"missing-counterpart-heading\"")
        .next()
        .expect("the page");
    assert!(
        !institution_list.contains(&title),
        "the reported milestone is gone"
    );
    let list = forum.get(ROUNDS).await;
    assert!(
        list.body
            .contains(&format!("1 de {expected} hitos con reporte"))
    );
    assert!(list.body.contains("Abierta ahora"));

    // Overlapping or reversed dates, or a taken name: the form again, nothing written.
    for (label, from, to, message) in [
        (
            "Otra",
            opens + Duration::days(5),
            closes + Duration::days(30),
            "se superponen",
        ),
        (
            "Al revés",
            closes + Duration::days(40),
            closes + Duration::days(35),
            "no puede cerrar antes de abrir",
        ),
        (
            "Ronda de prueba",
            closes + Duration::days(50),
            closes + Duration::days(60),
            "ya tiene una ronda con ese nombre",
        ),
    ] {
        let (from, to) = (from.to_string(), to.to_string());
        let fields = [
            ("label", label),
            ("opens_on", from.as_str()),
            ("closes_on", to.as_str()),
        ];
        let refused = forum.post_form(ROUNDS, ROUNDS, &fields).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(refused.body.contains(message), "{label}: {}", refused.body);
        assert!(refused.body.contains("aria-invalid=\"true\""));
    }
    assert_eq!(
        count(&app, "SELECT count(*) FROM reporting_rounds").await,
        1
    );

    // Semi-annual rounds fill the plan's period around the existing round.
    let (start, end): (NaiveDate, NaiveDate) =
        sqlx::query_as("SELECT period_start, period_end FROM action_plans WHERE slug = $1")
            .bind(PLAN)
            .fetch_one(&app.db)
            .await
            .expect("period");
    let fitting = semiannual(start, end)
        .iter()
        .filter(|h| h.closes_on < opens || h.opens_on > closes)
        .count() as i64;
    let semi = forum
        .post_form(ROUNDS, &format!("{ROUNDS}/semiannual"), &[])
        .await;
    assert_eq!(semi.status, StatusCode::SEE_OTHER);
    assert_eq!(
        count(&app, "SELECT count(*) FROM reporting_rounds").await,
        1 + fitting
    );
    assert!(forum.get(ROUNDS).await.body.contains("Primer semestre"));

    // Removing the round keeps the report.
    let reports = "SELECT count(*) FROM progress_updates";
    let reports_before = count(&app, reports).await;
    let removed = forum.post_form(&href, &format!("{href}/delete"), &[]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(forum.get(&href).await.status, StatusCode::NOT_FOUND);
    assert_eq!(count(&app, reports).await, reports_before);
    let deleted = "SELECT count(*) FROM audit_log WHERE action = 'round.delete'";
    assert_eq!(count(&app, deleted).await, 1);
}

#[tokio::test]
async fn rounds_belong_to_the_forum_of_the_plans_government() {
    let app = spawn_demo_app().await;
    let mut forum = logged_in(&app, "foro@example.org", Role::Nucleo, None).await;
    let added = forum
        .post_form(ROUNDS, &format!("{ROUNDS}/semiannual"), &[])
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let round: Uuid = sqlx::query_scalar("SELECT id FROM reporting_rounds LIMIT 1")
        .fetch_one(&app.db)
        .await
        .expect("round");
    // Another plan's path does not reach this round.
    let elsewhere = format!("/monitoring/plans/ecuador-2019-2022/rounds/{round}");
    assert_eq!(forum.get(&elsewhere).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        forum.get(&format!("{ROUNDS}/not-an-id")).await.status,
        StatusCode::NOT_FOUND
    );

    app.government("Kyrgyz Republic", "kyrgyz-republic", "KG")
        .await;
    app.user_of(
        "foro.kg@example.org",
        Role::Nucleo,
        (None, Some("kyrgyz-republic")),
    )
    .await;
    let mut other = app.browser();
    other.log_in("foro.kg@example.org").await;
    let href = format!("{ROUNDS}/{round}");
    assert_eq!(other.get(ROUNDS).await.status, StatusCode::FORBIDDEN);
    assert_eq!(other.get(&href).await.status, StatusCode::FORBIDDEN);
    let before = count(&app, "SELECT count(*) FROM reporting_rounds").await;
    let delete = other
        .post_form("/plans", &format!("{href}/delete"), &[])
        .await;
    assert_eq!(delete.status, StatusCode::FORBIDDEN);
    let add = other
        .post_form("/plans", &format!("{ROUNDS}/semiannual"), &[])
        .await;
    assert_eq!(add.status, StatusCode::FORBIDDEN);
    assert_eq!(
        count(&app, "SELECT count(*) FROM reporting_rounds").await,
        before
    );
    // Nor does it assess the plan's commitments in the round.
    let assess = format!("{href}/commitments/4");
    assert_eq!(other.get(&assess).await.status, StatusCode::FORBIDDEN);
    let fields = [
        ("completion", "complete"),
        ("narrative", "Desde otro gobierno"),
        ("communication", "yes"),
    ];
    let refused = other.post_form("/plans", &assess, &fields).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(forum.get(&assess).await.status, StatusCode::OK);
    assert_eq!(
        count(&app, "SELECT count(*) FROM round_assessments").await,
        0
    );
}

#[tokio::test]
async fn a_closed_round_gets_its_frozen_report_once_sealed_by_its_digest() {
    let app = spawn_demo_app().await;
    let today = Utc::now().date_naive();
    let closes = today - Duration::days(2);
    sqlx::query(
        "INSERT INTO reporting_rounds (id, plan_id, label, opens_on, closes_on)
         SELECT gen_random_uuid(), p.id, 'Ronda cerrada', $1, $2
           FROM action_plans p WHERE p.slug = 'ecuador-2022-2024'",
    )
    .bind(closes - Duration::days(30))
    .bind(closes)
    .execute(&app.db)
    .await
    .expect("a closed round");
    sqlx::query(
        "INSERT INTO reporting_rounds (id, plan_id, label, opens_on, closes_on)
         SELECT gen_random_uuid(), p.id, 'Ronda abierta', $1, $2
           FROM action_plans p WHERE p.slug = 'ecuador-2022-2024'",
    )
    .bind(today - Duration::days(1))
    .bind(today + Duration::days(10))
    .execute(&app.db)
    .await
    .expect("an open round");

    let now = Utc::now();
    assert_eq!(
        abierto::jobs::round_snapshots(&app.db, now)
            .await
            .expect("run"),
        Some(1),
        "only the closed round is frozen"
    );
    assert_eq!(
        abierto::jobs::round_snapshots(&app.db, now)
            .await
            .expect("again"),
        None,
        "the day's run is done"
    );
    let tomorrow = now + Duration::days(1);
    assert_eq!(
        abierto::jobs::round_snapshots(&app.db, tomorrow)
            .await
            .expect("next day"),
        Some(0),
        "never frozen twice"
    );

    let (id, as_of, sha256): (Uuid, NaiveDate, String) = sqlx::query_as(
        "SELECT id, as_of, sha256 FROM report_snapshots
              WHERE period_label = 'Ronda cerrada'",
    )
    .fetch_one(&app.db)
    .await
    .expect("the round's frozen report");
    assert_eq!(as_of, closes);
    let page = app
        .get(&format!("/plans/ecuador-2022-2024/reports/{id}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Ronda cerrada") && page.body.contains(&sha256));
    let download = app
        .get(&format!(
            "/plans/ecuador-2022-2024/reports/{id}?format=json"
        ))
        .await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(
        abierto::reports::json::sha256_hex(download.body.as_bytes()),
        sha256,
        "the published bytes are the sealed ones"
    );
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'report.freeze' AND actor_label = 'system'",
    )
    .fetch_one(&app.db)
    .await
    .expect("audit");
    assert_eq!(audited, 1);
}
