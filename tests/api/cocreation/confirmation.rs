//! Irreversible steps of co-creation ask again first: closing a plan and approving a
//! commitment show what will happen and what cannot be undone, and write nothing until the
//! forum confirms on that page.

use axum::http::StatusCode;

use crate::cocreation::drafting::{PLAN, commitment_version, nucleo, plan_in_consultation};
use crate::helpers::{TestApp, confirm, confirmation_form};

/// The demo plan under implementation: the next step is closing it.
const IMPLEMENTING: &str = "ecuador-2022-2024";

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.expect(sql)
}

async fn phase_and_version(app: &TestApp, slug: &str) -> (String, i32) {
    sqlx::query_as("SELECT phase::text, version FROM action_plans WHERE slug = $1")
        .bind(slug)
        .fetch_one(&app.db)
        .await
        .expect("the plan")
}

#[tokio::test]
async fn the_close_button_is_not_the_main_one_and_says_it_cannot_be_undone() {
    let app = crate::helpers::spawn_demo_app().await;
    let mut forum = nucleo(&app).await;
    let page = forum
        .get(&format!("/co-creation/plans/{IMPLEMENTING}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(
            r#"<button type="submit" class="button-danger" aria-describedby="close-hint">"#
        ),
        "{}",
        page.body
    );
    assert!(page.body.contains("Cerrar el plan no se puede deshacer"));
}

#[tokio::test]
async fn closing_a_plan_first_shows_what_happens_and_writes_nothing() {
    let app = crate::helpers::spawn_demo_app().await;
    let mut forum = nucleo(&app).await;
    let (phase, version) = phase_and_version(&app, IMPLEMENTING).await;
    assert_eq!(phase, "implementation");
    let audited = "SELECT count(*) FROM audit_log WHERE action = 'plan.phase'";
    let before = count(&app, audited).await;

    let uri = format!("/co-creation/plans/{IMPLEMENTING}");
    let version = version.to_string();
    let page = forum
        .post_form(
            &uri,
            &format!("{uri}/phase"),
            &[("version", version.as_str()), ("phase", "closed")],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    for said in [
        "Sí, cerrar el plan",
        "Volver",
        "ya no podrán enviar informes de avance",
        "quedan congeladas",
        "El plan sigue siendo público",
        "No se puede deshacer",
    ] {
        assert!(page.body.contains(said), "{said}: {}", page.body);
    }
    assert_eq!(
        phase_and_version(&app, IMPLEMENTING).await,
        (
            "implementation".to_owned(),
            version.parse().expect("version")
        )
    );
    assert_eq!(count(&app, audited).await, before, "nothing audited");

    let (action, fields) = confirmation_form(&page.body);
    assert_eq!(action, format!("{uri}/phase"));
    for field in [
        ("version", version.as_str()),
        ("phase", "closed"),
        ("confirm", "yes"),
    ] {
        assert!(
            fields
                .iter()
                .any(|(k, v)| (k.as_str(), v.as_str()) == field),
            "{field:?} in {fields:?}"
        );
    }
    let done = confirm(&mut forum, &page).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(phase_and_version(&app, IMPLEMENTING).await.0, "closed");
    assert_eq!(count(&app, audited).await, before + 1);
}

#[tokio::test]
async fn the_confirmation_page_in_english_says_the_same() {
    let app = crate::helpers::spawn_demo_app().await;
    let mut forum = nucleo(&app).await;
    forum.get("/lang/en?next=/").await;
    let uri = format!("/co-creation/plans/{IMPLEMENTING}");
    let version = phase_and_version(&app, IMPLEMENTING).await.1.to_string();
    let page = forum
        .post_form(
            &uri,
            &format!("{uri}/phase"),
            &[("version", version.as_str()), ("phase", "closed")],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Yes, close the plan"), "{}", page.body);
    assert!(page.body.contains("The plan stays public"));
}

#[tokio::test]
async fn approving_a_commitment_first_shows_what_happens_and_writes_nothing() {
    let app = crate::helpers::spawn_demo_app().await;
    let mut forum = plan_in_consultation(&app).await;
    let state = format!(
        "SELECT c.state::text FROM commitments c JOIN action_plans p ON p.id = c.plan_id
          WHERE p.slug = '{PLAN}' AND c.code = '1'"
    );
    let audited = "SELECT count(*) FROM audit_log WHERE action = 'commitment.state'";
    let before = count(&app, audited).await;
    let version = commitment_version(&app, "1").await;

    let edit = format!("/co-creation/plans/{PLAN}/commitments/1/edit");
    let page = forum
        .post_form(
            &edit,
            &format!("/co-creation/plans/{PLAN}/commitments/1/state"),
            &[("version", version.as_str()), ("state", "approved")],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Sí, aprobar el compromiso"),
        "{}",
        page.body
    );
    assert!(page.body.contains("línea de base"));
    assert!(page.body.contains("No se puede deshacer"));
    let current: String = sqlx::query_scalar(&state)
        .fetch_one(&app.db)
        .await
        .expect("state");
    assert_eq!(current, "consultation");
    assert_eq!(count(&app, audited).await, before, "nothing audited");

    let done = confirm(&mut forum, &page).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let current: String = sqlx::query_scalar(&state)
        .fetch_one(&app.db)
        .await
        .expect("state");
    assert_eq!(current, "approved");
    assert_eq!(count(&app, audited).await, before + 1);
}

#[tokio::test]
async fn a_step_that_can_be_undone_needs_no_confirmation() {
    let app = crate::helpers::spawn_demo_app().await;
    let mut forum = plan_in_consultation(&app).await;
    let version = commitment_version(&app, "1").await;
    let page = forum
        .post_form(
            &format!("/co-creation/plans/{PLAN}/commitments/1/edit"),
            &format!("/co-creation/plans/{PLAN}/commitments/1/state"),
            &[("version", version.as_str()), ("state", "draft")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}
