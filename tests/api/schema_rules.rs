//! Rules the database itself enforces, whatever code writes to it.

use crate::helpers::spawn_demo_app;

#[tokio::test]
async fn progress_history_is_append_only() {
    let app = spawn_demo_app().await;
    let delete = sqlx::query("DELETE FROM progress_updates")
        .execute(&app.db)
        .await;
    assert!(delete.is_err(), "a report cannot be deleted");
    let edit = sqlx::query("UPDATE progress_updates SET progress = 5")
        .execute(&app.db)
        .await;
    assert!(edit.is_err(), "reported content cannot be edited");
    let review = sqlx::query(
        "UPDATE progress_updates SET review_state = 'validated', reviewed_at = now() WHERE review_state = 'validated'",
    )
    .execute(&app.db)
    .await;
    assert!(review.is_ok(), "review columns may change: {review:?}");
}

#[tokio::test]
async fn progress_outside_zero_to_hundred_is_rejected() {
    let app = spawn_demo_app().await;
    let insert = sqlx::query(
        "INSERT INTO progress_updates (id, milestone_id, author_name, reported_at, progress, status, narrative)
         SELECT gen_random_uuid(), id, 'x', now(), 101, 'in_progress', 'x' FROM milestones LIMIT 1",
    )
    .execute(&app.db)
    .await;
    assert!(insert.is_err());
}

#[tokio::test]
async fn milestone_due_date_cannot_precede_its_start() {
    let app = spawn_demo_app().await;
    let update = sqlx::query("UPDATE milestones SET current_due = current_start - 1")
        .execute(&app.db)
        .await;
    assert!(update.is_err());
}
