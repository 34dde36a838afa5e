//! Versions of a commitment: after approval a change says why, adding or removing a
//! milestone is the forum's decision, and the public page shows each change.

use axum::http::StatusCode;

use super::drafting::{
    PLAN, commitment_fields, commitment_version, move_commitment, plan_in_consultation,
};
use crate::helpers::{Browser, TestApp, spawn_demo_app};

const FORM: &str = "/co-creation/plans/plan-prueba-2026/commitments/1/edit";
const SAVE: &str = "/co-creation/plans/plan-prueba-2026/commitments/1";

async fn versions(app: &TestApp) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM commitment_versions v JOIN commitments c ON c.id = v.commitment_id
           JOIN action_plans p ON p.id = c.plan_id WHERE p.slug = $1 AND c.code = '1'",
    )
    .bind(PLAN)
    .fetch_one(&app.db)
    .await
    .expect("versions")
}

/// Approves commitment 1 of the test plan; the forum's browser.
async fn approved(app: &TestApp) -> Browser<'_> {
    let mut forum = plan_in_consultation(app).await;
    let page = move_commitment(app, &mut forum, "1", "approved").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    forum
}

/// The stored form of commitment 1 with `change` applied and the reason given.
async fn save(
    app: &TestApp,
    forum: &mut Browser<'_>,
    change: impl Fn(&mut Vec<(String, String)>),
    reason: &str,
) -> crate::helpers::Page {
    let mut fields = commitment_fields(app, "1", true).await;
    change(&mut fields);
    fields.push(("version".into(), commitment_version(app, "1").await));
    fields.push(("reason".into(), reason.into()));
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    forum.post_form(FORM, SAVE, &refs).await
}

fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    for (k, v) in fields.iter_mut() {
        if k == name {
            *v = value.into();
        }
    }
}

#[tokio::test]
async fn an_edit_after_approval_without_a_reason_is_refused_and_writes_nothing() {
    let app = spawn_demo_app().await;
    let mut forum = approved(&app).await;
    let before = versions(&app).await;
    let page = save(&app, &mut forum, |f| set(f, "title", "Otro título"), "  ").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("Explique el motivo del cambio"),
        "{}",
        page.body
    );
    assert!(page.body.contains("id=\"reason-error\""));
    assert!(
        page.body.contains("href=\"#reason\""),
        "the summary links to the field"
    );
    let title: String = sqlx::query_scalar(
        "SELECT c.title FROM commitments c JOIN action_plans p ON p.id = c.plan_id
          WHERE p.slug = $1 AND c.code = '1'",
    )
    .bind(PLAN)
    .fetch_one(&app.db)
    .await
    .expect("title");
    assert_eq!(title, "Datos abiertos de contratación pública");
    assert_eq!(versions(&app).await, before, "no version recorded");
}

#[tokio::test]
async fn the_public_page_shows_each_change_with_before_after_and_reason() {
    let app = spawn_demo_app().await;
    let mut forum = approved(&app).await;
    let page = save(
        &app,
        &mut forum,
        |f| {
            set(f, "title", "Contratación pública abierta");
            set(f, "m-weight-1", "7");
        },
        "Pedido de la mesa de sociedad civil",
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let public = app.get(&format!("/plans/{PLAN}/commitments/1")).await;
    assert_eq!(public.status, StatusCode::OK);
    let body = &public.body;
    let history = &body[body
        .find("id=\"versions-heading\"")
        .expect("the history section")..];
    assert!(history.contains("Historial de cambios"));
    assert!(history.contains("Pedido de la mesa de sociedad civil"));
    for text in [
        "Título",
        "Datos abiertos de contratación pública",
        "Contratación pública abierta",
        "Hito 1 · Peso",
    ] {
        assert!(history.contains(text), "{text} in {history}");
    }
}

#[tokio::test]
async fn removing_a_milestone_after_approval_is_the_forums_decision_with_a_reason() {
    let app = spawn_demo_app().await;
    let mut forum = approved(&app).await;
    let drop_second = |f: &mut Vec<(String, String)>| {
        f.retain(|(k, _)| !k.ends_with("-2"));
        set(f, "rows", "1");
    };
    let refused = save(&app, &mut forum, drop_second, "").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Explique el motivo del cambio"));
    let count = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM milestones m JOIN commitments c ON c.id = m.commitment_id
               JOIN action_plans p ON p.id = c.plan_id WHERE p.slug = $1 AND c.code = '1'",
        )
        .bind(PLAN)
        .fetch_one(&app.db)
        .await
        .expect("milestones")
    };
    assert_eq!(count().await, 2, "nothing removed");
    // Only the forum reaches the form; an official is refused it.
    let mut official = super::drafting::log_in_as(
        &app,
        "oficial.v@example.org",
        abierto::domain::Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let page = official.get(FORM).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);

    let page = save(
        &app,
        &mut forum,
        drop_second,
        "Acordado en la sesión del Grupo Núcleo",
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(count().await, 1);
    let public = app.get(&format!("/plans/{PLAN}/commitments/1")).await;
    assert!(public.body.contains("Hito quitado"));
    assert!(
        public
            .body
            .contains("Acordado en la sesión del Grupo Núcleo")
    );
}
