//! Anonymous pages come from memory, yet nobody ever reads a page older than the data: writes
//! through any node, and changes made straight in the database, show on the very next request.

use std::time::{Duration, Instant};

use abierto::domain::Role;
use axum::http::StatusCode;
use uuid::Uuid;

use crate::helpers::{TestApp, logged_in, spawn_demo_app, sql_count};

const COMMITMENT: &str = "/plans/ecuador-2022-2024/commitments/4";

/// Waits until `uri` is served from memory (the cache starts once its feed listens).
async fn until_cached(app: &TestApp, uri: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        app.get(uri).await;
        let (page, statements) = sql_count::count(app.get(uri)).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        if statements == 0 {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{uri} was never served from memory"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Polls `uri` anonymously until its page satisfies `done` (a change from elsewhere arrives
/// as a notice); returns how long that took.
async fn until_page(app: &TestApp, uri: &str, done: impl Fn(&str) -> bool) -> Duration {
    let start = Instant::now();
    loop {
        let page = app.get(uri).await;
        if done(&page.body) {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{uri} still shows the old data"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

async fn report_through(app: &TestApp, narrative: &str) {
    let email = format!("oficial-{}@example.org", Uuid::now_v7().simple());
    let mut official = logged_in(app, &email, Role::Official, Some("asamblea-nacional")).await;
    let page = official.report_progress(3, "60", narrative).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_public_page_is_served_from_memory_until_a_report_changes_it() {
    let app = spawn_demo_app().await;
    until_cached(&app, COMMITMENT).await;
    let cached = app.get(COMMITMENT).await;
    assert!(cached.headers.contains_key("x-request-id"));
    assert!(cached.headers.contains_key("content-security-policy"));

    report_through(&app, "Sala de monitoreo instalada en el pleno.").await;
    // The writing node dropped its pages before answering: no wait.
    let page = app.get(COMMITMENT).await;
    assert!(
        page.body
            .contains("Sala de monitoreo instalada en el pleno.")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_through_one_node_shows_through_another() {
    let a = spawn_demo_app().await;
    let b = a.second_node();
    until_cached(&b, COMMITMENT).await;

    for round in 1..=5 {
        let narrative = format!("Informe {round} hecho en el nodo A.");
        report_through(&a, &narrative).await;
        // Right after A's answer, with no wait: B serves its kept page only once caught up.
        let page = b.get(COMMITMENT).await;
        assert!(
            page.body.contains(&narrative),
            "round {round}: B served an old page"
        );
        until_cached(&b, COMMITMENT).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_made_straight_in_the_database_drops_the_pages() {
    let app = spawn_demo_app().await;
    until_cached(&app, COMMITMENT).await;
    sqlx::query("UPDATE institutions SET name = 'Asamblea Nacional del Ecuador' WHERE slug = 'asamblea-nacional'")
        .execute(&app.db)
        .await
        .expect("rename");
    let page = app.get(COMMITMENT).await;
    assert!(page.body.contains("Asamblea Nacional del Ecuador"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_in_visitors_never_get_or_leave_a_shared_page() {
    let app = spawn_demo_app().await;
    until_cached(&app, COMMITMENT).await;
    app.user("lectora@example.org", Role::Participant, None)
        .await;
    let mut reader = app.browser();
    reader.log_in("lectora@example.org").await;
    let (mine, statements) = sql_count::count(reader.get(COMMITMENT)).await;
    assert!(statements > 0, "a signed-in page comes from the database");
    assert!(
        mine.body.contains("action=\"/logout\""),
        "the reader's own page"
    );
    let anonymous = app.get(COMMITMENT).await;
    assert!(!anonymous.body.contains("lectora@example.org"));
    assert!(!anonymous.body.contains("action=\"/logout\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_language_has_its_own_page() {
    let app = spawn_demo_app().await;
    until_cached(&app, COMMITMENT).await;
    let english = app.get_with_cookie(COMMITMENT, "lang=en").await;
    assert!(english.body.contains("<html lang=\"en\""));
    let spanish = app.get(COMMITMENT).await;
    assert!(spanish.body.contains("<html lang=\"es\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_change_feed_lost_pages_come_from_the_database_until_it_is_back() {
    let app = spawn_demo_app().await;
    until_cached(&app, COMMITMENT).await;
    // Cut the node's listening connection, then change the data while nobody listens.
    let cut: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND (query LIKE 'LISTEN%' OR query = 'SELECT 1')",
    )
    .fetch_all(&app.db)
    .await
    .expect("terminate");
    assert_eq!(cut, [true]);
    // The session runs no trigger while `session_replication_role` is replica: a change no
    // notice reports.
    let mut tx = app.db.begin().await.expect("begin");
    sqlx::query("SET LOCAL session_replication_role = replica")
        .execute(&mut *tx)
        .await
        .expect("silence triggers");
    sqlx::query(
        "UPDATE institutions SET name = 'Asamblea sin aviso' WHERE slug = 'asamblea-nacional'",
    )
    .execute(&mut *tx)
    .await
    .expect("rename");
    tx.commit().await.expect("commit");
    // The node notices the lost connection, reads from the database, then caches again.
    until_page(&app, COMMITMENT, |body| body.contains("Asamblea sin aviso")).await;
    until_cached(&app, COMMITMENT).await;
}

#[tokio::test]
async fn every_table_the_public_reads_sends_change_notices() {
    let app = spawn_demo_app().await;
    let silent: Vec<String> = sqlx::query_scalar(
        "SELECT t.tablename::text FROM pg_tables t
          WHERE t.schemaname = 'public'
            AND t.tablename NOT IN ('audit_log', 'user_tokens', 'job_runs', '_sqlx_migrations')
            AND NOT EXISTS (SELECT 1 FROM pg_trigger g
                             WHERE g.tgrelid = format('public.%I', t.tablename)::regclass
                               AND g.tgfoid = 'notify_change'::regproc)
          ORDER BY 1",
    )
    .fetch_all(&app.db)
    .await
    .expect("tables");
    assert!(
        silent.is_empty(),
        "tables without change notices: {silent:?}"
    );
}
