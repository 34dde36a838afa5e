//! Co-creation by participants: proposals, supports, comments, the forum's reasoned
//! responses, moderation, the public register and working sessions.

use abierto::domain::Role;
use axum::http::StatusCode;
use uuid::Uuid;

use crate::helpers::{Browser, TestApp, spawn_demo_app, sql_count};

const PLAN: &str = "plan-cocreacion-2026";

/// A published plan in co-creation whose window is open now (or closed, when `open` is
/// false), with one draft commitment to link proposals to. Set directly: the phase pages
/// are another area's.
async fn cocreation_plan(app: &TestApp, open: bool) -> Uuid {
    let (opens, closes) = if open {
        ("now() - interval '3 days'", "now() + interval '10 days'")
    } else {
        ("now() - interval '30 days'", "now() - interval '1 day'")
    };
    let plan: Uuid = sqlx::query_scalar(&format!(
        "INSERT INTO action_plans (government_id, title, slug, period_start, period_end, phase,
                                   cocreation_opens, cocreation_closes)
         SELECT government_id, 'Plan de cocreación 2026', '{PLAN}', '2026-01-01', '2028-12-31',
                'co_creation', {opens}, {closes}
           FROM action_plans LIMIT 1
         RETURNING id"
    ))
    .fetch_one(&app.db)
    .await
    .expect("plan in co-creation");
    sqlx::query(
        "INSERT INTO commitments (plan_id, code, title, slug)
         VALUES ($1, '1', 'Datos abiertos de contratación', 'datos-abiertos-de-contratacion')",
    )
    .bind(plan)
    .execute(&app.db)
    .await
    .expect("commitment");
    plan
}

async fn logged_in<'a>(app: &'a TestApp, email: &str, role: Role) -> Browser<'a> {
    app.user(email, role, None).await;
    let mut browser = app.browser();
    let page = browser.log_in(email).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{email} logs in");
    browser
}

async fn propose(browser: &mut Browser<'_>, title: &str) -> crate::helpers::Page {
    browser
        .post_form(
            &format!("/plans/{PLAN}/proposals"),
            &format!("/plans/{PLAN}/proposals"),
            &[
                ("title", title),
                ("problem", "No se publican los contratos a tiempo."),
                ("proposal", "Publicar cada contrato en formato abierto."),
                ("theme", "Contratación pública"),
                ("institution", ""),
            ],
        )
        .await
}

async fn only_proposal(app: &TestApp) -> Uuid {
    sqlx::query_scalar("SELECT id FROM proposals")
        .fetch_one(&app.db)
        .await
        .expect("one proposal")
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(&app.db)
        .await
        .expect("audit count")
}

#[tokio::test]
async fn a_participant_proposes_during_the_window() {
    let app = spawn_demo_app().await;
    cocreation_plan(&app, true).await;
    let mut participant = logged_in(&app, "p1@example.org", Role::Participant).await;
    let page = propose(&mut participant, "Contratos abiertos").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let id = only_proposal(&app).await;
    let list = app.get(&format!("/plans/{PLAN}/proposals")).await;
    assert!(list.body.contains("Contratos abiertos"));
    assert!(list.body.contains(&format!("/plans/{PLAN}/proposals/{id}")));
    assert_eq!(audit_count(&app, "proposal.submit").await, 1);
}

#[tokio::test]
async fn an_incomplete_proposal_comes_back_with_translated_errors() {
    let app = spawn_demo_app().await;
    cocreation_plan(&app, true).await;
    let mut participant = logged_in(&app, "p1@example.org", Role::Participant).await;
    let page = propose(&mut participant, "  ").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Este campo es obligatorio."));
    assert!(page.body.contains("No se publican los contratos a tiempo."));
    assert_eq!(audit_count(&app, "proposal.submit").await, 0);
}

#[tokio::test]
async fn a_proposal_after_the_window_closes_is_refused_with_a_clear_message() {
    let app = spawn_demo_app().await;
    cocreation_plan(&app, false).await;
    let mut participant = logged_in(&app, "p1@example.org", Role::Participant).await;
    let page = propose(&mut participant, "Tarde").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(
        page.body.contains("ya no se reciben propuestas"),
        "{}",
        page.body
    );
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM proposals")
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn others_support_once_each_and_comment() {
    let app = spawn_demo_app().await;
    cocreation_plan(&app, true).await;
    let mut author = logged_in(&app, "p1@example.org", Role::Participant).await;
    propose(&mut author, "Contratos abiertos").await;
    let id = only_proposal(&app).await;
    let page_uri = format!("/plans/{PLAN}/proposals/{id}");
    let support_uri = format!("{page_uri}/support");
    let mut b = logged_in(&app, "p2@example.org", Role::Participant).await;
    let mut c = logged_in(&app, "p3@example.org", Role::Participant).await;
    assert_eq!(
        b.post_form(&page_uri, &support_uri, &[]).await.status,
        StatusCode::SEE_OTHER
    );
    c.post_form(&page_uri, &support_uri, &[]).await;
    let page = app.get(&page_uri).await;
    assert!(page.body.contains("2 apoyos"), "two supporters");
    // A second support from the same person takes it back: never two.
    b.post_form(&page_uri, &support_uri, &[]).await;
    assert!(app.get(&page_uri).await.body.contains("1 apoyo"));
    assert!(c.get(&page_uri).await.body.contains("Retirar mi apoyo"));

    let comment = b
        .post_form(
            &page_uri,
            &format!("{page_uri}/comments"),
            &[("body", "Muy necesaria para Quito.")],
        )
        .await;
    assert_eq!(comment.status, StatusCode::SEE_OTHER);
    assert!(
        app.get(&page_uri)
            .await
            .body
            .contains("Muy necesaria para Quito.")
    );
    let empty = b
        .post_form(&page_uri, &format!("{page_uri}/comments"), &[("body", " ")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Este campo es obligatorio."));
    assert_eq!(audit_count(&app, "proposal.support").await, 2);
    assert_eq!(audit_count(&app, "proposal.unsupport").await, 1);
    assert_eq!(audit_count(&app, "comment.create").await, 1);
}

#[tokio::test]
async fn a_participant_cannot_answer_proposals() {
    let app = spawn_demo_app().await;
    cocreation_plan(&app, true).await;
    let mut participant = logged_in(&app, "p1@example.org", Role::Participant).await;
    propose(&mut participant, "Contratos abiertos").await;
    let id = only_proposal(&app).await;
    let triage = participant
        .get(&format!("/co-creation/plans/{PLAN}/proposals"))
        .await;
    assert_eq!(triage.status, StatusCode::FORBIDDEN);
    let answer = participant
        .post_form(
            &format!("/plans/{PLAN}/proposals/{id}"),
            &format!("/co-creation/plans/{PLAN}/proposals/{id}"),
            &[("state", "accepted"), ("response", "Me la acepto.")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let state: String = sqlx::query_scalar("SELECT state FROM proposals")
        .fetch_one(&app.db)
        .await
        .expect("state");
    assert_eq!(state, "submitted");
}

#[tokio::test]
async fn nucleo_answers_and_links_the_proposal_to_a_commitment() {
    let app = spawn_demo_app().await;
    let plan = cocreation_plan(&app, true).await;
    let mut participant = logged_in(&app, "p1@example.org", Role::Participant).await;
    propose(&mut participant, "Contratos abiertos").await;
    let id = only_proposal(&app).await;
    let commitment: Uuid = sqlx::query_scalar("SELECT id FROM commitments WHERE plan_id = $1")
        .bind(plan)
        .fetch_one(&app.db)
        .await
        .expect("commitment");
    let mut nucleo = logged_in(&app, "n1@example.org", Role::Nucleo).await;
    let form = format!("/co-creation/plans/{PLAN}/proposals/{id}");

    // Leaving review without a response: a translated 422 before the database refuses it.
    let missing = nucleo
        .post_form(&form, &form, &[("state", "not_accepted"), ("response", "")])
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.body.contains("Escriba la respuesta razonada"));

    let response = "Se integra en el compromiso 1 sobre contratación abierta.";
    let commitment = commitment.to_string();
    let saved = nucleo
        .post_form(
            &form,
            &form,
            &[
                ("state", "merged"),
                ("response", response),
                ("commitment", commitment.as_str()),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);

    let page = participant
        .get(&format!("/plans/{PLAN}/proposals/{id}"))
        .await;
    assert!(page.body.contains(response), "the author sees the response");
    assert!(page.body.contains("Integrada en un compromiso"));
    let register = app.get(&format!("/plans/{PLAN}/proposals/register")).await;
    assert_eq!(register.status, StatusCode::OK);
    assert!(register.body.contains(response));
    assert!(register.body.contains("Datos abiertos de contratación"));
    let csv = app
        .get(&format!("/plans/{PLAN}/proposals/register.csv"))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/csv")
    );
    assert!(csv.body.contains("Contratos abiertos"));
    assert!(csv.body.contains(response));
    assert!(csv.body.contains("merged"));
    assert_eq!(audit_count(&app, "proposal.respond").await, 1);
    let mails = app.mails();
    assert!(
        mails.iter().any(|m| m.contains("p1@example.org")),
        "the author is told by mail"
    );
}

#[tokio::test]
async fn the_register_csv_neutralises_formulas() {
    let app = spawn_demo_app().await;
    cocreation_plan(&app, true).await;
    let mut participant = logged_in(&app, "p1@example.org", Role::Participant).await;
    propose(&mut participant, "=HYPERLINK(\"http://x\")").await;
    let csv = app
        .get(&format!("/plans/{PLAN}/proposals/register.csv"))
        .await;
    assert!(csv.body.contains("'=HYPERLINK"), "{}", csv.body);
    assert!(!csv.body.contains(",=HYPERLINK"));
}

#[tokio::test]
async fn a_hidden_comment_shows_the_reason_not_the_text() {
    let app = spawn_demo_app().await;
    cocreation_plan(&app, true).await;
    let mut participant = logged_in(&app, "p1@example.org", Role::Participant).await;
    propose(&mut participant, "Contratos abiertos").await;
    let id = only_proposal(&app).await;
    let page_uri = format!("/plans/{PLAN}/proposals/{id}");
    participant
        .post_form(
            &page_uri,
            &format!("{page_uri}/comments"),
            &[("body", "Texto ofensivo que se oculta")],
        )
        .await;
    let comment: Uuid = sqlx::query_scalar("SELECT id FROM comments")
        .fetch_one(&app.db)
        .await
        .expect("comment");
    let hide = format!("/co-creation/proposal-comments/{comment}/hide");
    let refused = participant
        .post_form(&page_uri, &hide, &[("reason", "No me gusta")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let mut nucleo = logged_in(&app, "n1@example.org", Role::Nucleo).await;
    let hidden = nucleo
        .post_form(&page_uri, &hide, &[("reason", "Lenguaje ofensivo")])
        .await;
    assert_eq!(hidden.status, StatusCode::SEE_OTHER);
    let page = app.get(&page_uri).await;
    assert!(!page.body.contains("Texto ofensivo que se oculta"));
    assert!(page.body.contains("Lenguaje ofensivo"));
    // Kept, never deleted.
    let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM comments WHERE hidden_at IS NOT NULL")
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(kept, 1);
    assert_eq!(audit_count(&app, "comment.hide").await, 1);
}

#[tokio::test]
async fn nucleo_records_a_working_session_shown_publicly_and_in_the_panel() {
    let app = spawn_demo_app().await;
    cocreation_plan(&app, true).await;
    let mut nucleo = logged_in(&app, "n1@example.org", Role::Nucleo).await;
    let form = format!("/co-creation/plans/{PLAN}/sessions");
    let bad = nucleo
        .post_form(&form, &form, &[("held_on", "ayer"), ("participants", "x")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Indique la fecha"));
    let saved = nucleo
        .post_form(
            &form,
            &form,
            &[
                ("held_on", "2026-03-10"),
                ("place", "Quito, Casa de la Cultura"),
                ("sector", "government"),
                ("sector", "civil_society"),
                ("participants", "35"),
                ("summary", "Mesa sobre contratación abierta."),
                ("link", "https://example.org/acta-mesa-1.pdf"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let public = app.get(&format!("/plans/{PLAN}/sessions")).await;
    assert!(public.body.contains("Quito, Casa de la Cultura"));
    assert!(public.body.contains("35 participantes"));
    assert!(public.body.contains("https://example.org/acta-mesa-1.pdf"));
    let panel = app.get(&format!("/plans/{PLAN}/proposals")).await;
    assert!(
        panel
            .body
            .contains("<strong>1</strong> mesas de trabajo realizadas")
    );
    assert!(
        panel
            .body
            .contains("<strong>2</strong> sectores representados")
    );
    assert!(
        panel
            .body
            .contains("<strong>3</strong> días de consulta abierta")
    );
    assert_eq!(audit_count(&app, "session.create").await, 1);
}

#[tokio::test]
async fn anonymous_visitors_read_everything() {
    let app = spawn_demo_app().await;
    cocreation_plan(&app, true).await;
    let mut participant = logged_in(&app, "p1@example.org", Role::Participant).await;
    propose(&mut participant, "Contratos abiertos").await;
    let id = only_proposal(&app).await;
    for uri in [
        format!("/plans/{PLAN}/proposals"),
        format!("/plans/{PLAN}/proposals/{id}"),
        format!("/plans/{PLAN}/proposals/register"),
        format!("/plans/{PLAN}/proposals/register.csv"),
        format!("/plans/{PLAN}/sessions"),
    ] {
        let page = app.get(&uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
    }
    let page = app.get(&format!("/plans/{PLAN}/proposals/{id}")).await;
    assert!(
        page.body
            .contains("Publicar cada contrato en formato abierto.")
    );
    assert!(
        !page.body.contains("/support\""),
        "no support form for anonymous"
    );
}

#[tokio::test]
async fn list_pages_run_at_most_three_statements() {
    let app = spawn_demo_app().await;
    cocreation_plan(&app, true).await;
    let mut participant = logged_in(&app, "p1@example.org", Role::Participant).await;
    for title in ["Uno", "Dos", "Tres"] {
        propose(&mut participant, title).await;
    }
    for (uri, most) in [
        (format!("/plans/{PLAN}/proposals"), 3),
        (format!("/plans/{PLAN}/proposals?state=submitted"), 3),
        (format!("/plans/{PLAN}/proposals/register"), 2),
        (format!("/plans/{PLAN}/sessions"), 2),
    ] {
        let (page, statements) = sql_count::count(app.get(&uri)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(statements <= most, "{uri}: {statements} statements");
    }
}

#[tokio::test]
async fn an_empty_consultation_says_when_to_take_part_instead_of_showing_zeros() {
    let app = spawn_demo_app().await;
    let plan = cocreation_plan(&app, false).await;
    // The forum sets the window in the future: the page gives both days.
    sqlx::query(
        "UPDATE action_plans SET cocreation_opens = '2099-03-01T00:00:00Z',
                                 cocreation_closes = '2099-03-16T00:00:00Z' WHERE id = $1",
    )
    .bind(plan)
    .execute(&app.db)
    .await
    .expect("window");
    for page in ["proposals", "proposals/register"] {
        let body = app.get(&format!("/plans/{PLAN}/{page}")).await.body;
        assert!(
            body.contains("La consulta abrirá el 1 de marzo de 2099 y estará abierta hasta el 15 de marzo de 2099"),
            "{page}: the dates, the last day included: {body}"
        );
        assert!(body.contains("Todavía no hay propuestas."), "{page}");
        assert!(
            !body.contains("class=\"filters\""),
            "{page}: no filters over nothing"
        );
        assert!(
            !body.contains("<strong>0</strong>"),
            "{page}: no wall of zeros"
        );
    }
    // Once it has run, the page says when it was open.
    sqlx::query(
        "UPDATE action_plans SET cocreation_opens = '2026-02-01T00:00:00Z',
                                 cocreation_closes = '2026-02-16T00:00:00Z' WHERE id = $1",
    )
    .bind(plan)
    .execute(&app.db)
    .await
    .expect("window");
    let body = app.get(&format!("/plans/{PLAN}/proposals")).await.body;
    assert!(
        body.contains(
            "La consulta estuvo abierta del 1 de febrero de 2026 al 15 de febrero de 2026."
        ),
        "{body}"
    );
}
