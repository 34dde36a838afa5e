//! The audit log: every write leaves a hash-chained entry that verification can check.

use abierto::domain::Role;
use abierto::store::account::users;
use abierto::store::audit::{self, NewAuditEntry, VerifyReport};

use crate::helpers::{spawn_app, spawn_demo_app};

fn entry(action: &'static str, n: usize) -> NewAuditEntry {
    NewAuditEntry {
        actor_id: None,
        actor_label: format!("task {n}"),
        action,
        entity: "test",
        entity_id: Some(n.to_string()),
        before: None,
        after: Some(serde_json::json!({ "n": n, "ratio": 1.50, "big": 1e3 })),
        request_id: None,
    }
}

async fn count_rows(db: &sqlx::PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM audit_log")
        .fetch_one(db)
        .await
        .expect("count audit rows")
}

#[tokio::test]
async fn loading_the_demo_leaves_an_intact_chain() {
    let app = spawn_demo_app().await;
    let report = audit::verify(&app.db).await.expect("verify");
    assert_eq!(report.first_mismatch, None);
    assert!(report.rows > 0);
    assert_eq!(
        i64::try_from(report.rows).ok(),
        Some(count_rows(&app.db).await)
    );
    let plans_logged: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'demo.load'")
            .fetch_one(&app.db)
            .await
            .expect("count demo.load");
    let plans: i64 = sqlx::query_scalar("SELECT count(*) FROM action_plans")
        .fetch_one(&app.db)
        .await
        .expect("count plans");
    assert_eq!(plans_logged, plans);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_transactions_append_one_chain() {
    let app = spawn_app().await;
    let tasks: Vec<_> = (0..8)
        .map(|n| {
            let db = app.db.clone();
            tokio::spawn(async move {
                let mut tx = db.begin().await?;
                audit::record(&mut tx, entry("test.concurrent", n)).await?;
                tx.commit().await
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("task ran").expect("append committed");
    }
    let report = audit::verify(&app.db).await.expect("verify");
    assert_eq!(
        report,
        VerifyReport {
            rows: 8,
            first_mismatch: None
        }
    );
}

#[tokio::test]
async fn a_row_edited_by_hand_is_named() {
    let app = spawn_demo_app().await;
    let middle: i64 = sqlx::query_scalar(
        "SELECT id FROM audit_log ORDER BY id OFFSET (SELECT count(*) / 2 FROM audit_log) LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .expect("a middle row");
    let last: i64 = sqlx::query_scalar("SELECT max(id) FROM audit_log")
        .fetch_one(&app.db)
        .await
        .expect("last row");
    assert!(
        middle > 1 && middle < last,
        "the demo leaves rows on both sides"
    );

    let mut tx = app.db.begin().await.expect("begin");
    sqlx::query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
        .execute(&mut *tx)
        .await
        .expect("disable trigger");
    sqlx::query("UPDATE audit_log SET actor_label = 'x' WHERE id = $1")
        .bind(middle)
        .execute(&mut *tx)
        .await
        .expect("edit row");
    sqlx::query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
        .execute(&mut *tx)
        .await
        .expect("enable trigger");
    tx.commit().await.expect("commit");

    let report = audit::verify(&app.db).await.expect("verify");
    let (id, _) = report.first_mismatch.expect("the edit is found");
    assert_eq!(id, middle);
}

#[tokio::test]
async fn a_rolled_back_write_leaves_no_audit_row() {
    let app = spawn_app().await;
    let mut tx = app.db.begin().await.expect("begin");
    users::create(
        &mut tx,
        "rolled.back@example.org",
        "Rolled Back",
        Role::Admin,
        (None, None),
        "not-a-real-hash",
    )
    .await
    .expect("create user");
    tx.rollback().await.expect("rollback");

    assert_eq!(count_rows(&app.db).await, 0);
    let report = audit::verify(&app.db).await.expect("verify");
    assert_eq!(report.rows, 0);
}

#[tokio::test]
async fn audit_entries_hold_no_password_or_hash() {
    let app = spawn_app().await;
    let accounts = abierto::demo::install(&app.db)
        .await
        .expect("load the demo");
    assert!(!accounts.is_empty());
    let created: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'user.create'")
            .fetch_one(&app.db)
            .await
            .expect("count user.create");
    assert_eq!(usize::try_from(created).ok(), Some(accounts.len()));
    let contents: Vec<String> =
        sqlx::query_scalar("SELECT concat_ws(' ', before::text, after::text) FROM audit_log")
            .fetch_all(&app.db)
            .await
            .expect("audit contents");
    for content in &contents {
        assert!(!content.to_lowercase().contains("argon2"), "{content}");
        for account in &accounts {
            assert!(!content.contains(&account.password), "{content}");
        }
    }
}
