use abierto::domain::Role;
use axum::http::StatusCode;
use uuid::Uuid;

use crate::helpers::{Browser, TestApp, logged_in, spawn_demo_app};

const EC0014: &str = "/plans/ecuador-2022-2024/commitments/4";

async fn milestone(app: &TestApp) -> (Uuid, i32) {
    crate::helpers::ec0014_milestone(app, 4).await
}

/// An official reports `progress` on milestone 4 of EC0014; returns the report's id.
async fn report(
    app: &TestApp,
    official: &mut Browser<'_>,
    progress: &str,
    narrative: &str,
) -> Uuid {
    let page = official.report_progress(4, progress, narrative).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    sqlx::query_scalar("SELECT id FROM progress_updates WHERE narrative = $1")
        .bind(narrative)
        .fetch_one(&app.db)
        .await
        .expect("report")
}

fn computed_progress(body: &str) -> String {
    let at =
        body.find("Avance calculado: ").expect("computed progress") + "Avance calculado: ".len();
    body[at..].split(' ').next().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn validated_report_counts_and_a_returned_one_stops_counting() {
    let app = spawn_demo_app().await;
    let mut official = logged_in(
        &app,
        "a@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let mut nucleo = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let before = computed_progress(&app.get(EC0014).await.body);

    let first = report(&app, &mut official, "90", "Campaña casi terminada.").await;
    let queue = nucleo.get("/monitoring/updates").await;
    assert!(queue.body.contains("Campaña casi terminada."));
    let page = nucleo
        .post_form(
            "/monitoring/updates",
            &format!("/monitoring/updates/{first}/review"),
            &[("decision", "validated")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let after_validation = app.get(EC0014).await;
    assert!(after_validation.body.contains("Validado"));
    let validated = computed_progress(&after_validation.body);
    assert_ne!(
        validated, before,
        "the commitment's progress follows the validated report"
    );
    // Milestone 4 at 90 and the others as in the demo history: (100 + 100 + 60 + 90) / 4 = 87.5 → 88.
    assert_eq!(validated, "88");

    let second = report(&app, &mut official, "95", "Cifra sin respaldo.").await;
    assert_eq!(
        computed_progress(&app.get(EC0014).await.body),
        "89",
        "a pending report counts"
    );
    let page = nucleo
        .post_form(
            "/monitoring/updates",
            &format!("/monitoring/updates/{second}/review"),
            &[
                ("decision", "returned"),
                ("note", "Falta el medio de verificación."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        computed_progress(&app.get(EC0014).await.body),
        "88",
        "a returned report stops counting"
    );
}

#[tokio::test]
async fn a_contested_report_still_counts_and_shows_its_public_reason() {
    let app = spawn_demo_app().await;
    let mut official = logged_in(
        &app,
        "a@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let mut nucleo = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let id = report(&app, &mut official, "80", "Reporte discutido.").await;
    let page = nucleo
        .post_form(
            "/monitoring/updates",
            &format!("/monitoring/updates/{id}/review"),
            &[
                ("decision", "contested"),
                ("note", "La contraparte no reconoce este avance."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let public = app.get(EC0014).await;
    assert!(public.body.contains("Impugnado"));
    assert!(
        public
            .body
            .contains("La contraparte no reconoce este avance.")
    );
    assert_eq!(computed_progress(&public.body), "85");
}

#[tokio::test]
async fn returning_without_a_reason_is_refused_and_a_report_is_reviewed_once() {
    let app = spawn_demo_app().await;
    let mut official = logged_in(
        &app,
        "a@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let mut nucleo = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let id = report(&app, &mut official, "50", "Reporte a medias.").await;
    let review = format!("/monitoring/updates/{id}/review");
    let page = nucleo
        .post_form(
            "/monitoring/updates",
            &review,
            &[("decision", "returned"), ("note", "  ")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("escriba la razón"));
    let ok = nucleo
        .post_form("/monitoring/updates", &review, &[("decision", "validated")])
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let again = nucleo
        .post_form(
            "/monitoring/updates",
            &review,
            &[("decision", "contested"), ("note", "x")],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn officials_cannot_validate_their_own_reports() {
    let app = spawn_demo_app().await;
    let mut official = logged_in(
        &app,
        "a@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let id = report(&app, &mut official, "60", "Autovalidación.").await;
    let page = official
        .post_form(
            "/plans",
            &format!("/monitoring/updates/{id}/review"),
            &[("decision", "validated")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let state: String =
        sqlx::query_scalar("SELECT review_state FROM progress_updates WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .expect("state");
    assert_eq!(state, "pending");
}

#[tokio::test]
async fn the_feeds_list_the_validated_report_with_escaped_text() {
    let app = spawn_demo_app().await;
    let mut official = logged_in(
        &app,
        "a@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let mut nucleo = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let id = report(&app, &mut official, "85", "Campaña <en radio> & redes.").await;
    nucleo
        .post_form(
            "/monitoring/updates",
            &format!("/monitoring/updates/{id}/review"),
            &[("decision", "validated")],
        )
        .await;
    for uri in [
        "/feeds/updates.atom",
        "/plans/ecuador-2022-2024/feed.atom",
        "/plans/ecuador-2022-2024/commitments/4/feed.atom",
    ] {
        let feed = app.get(uri).await;
        assert_eq!(feed.status, StatusCode::OK, "{uri}");
        assert!(
            feed.headers["content-type"]
                .to_str()
                .expect("ascii")
                .starts_with("application/atom+xml")
        );
        assert!(feed.body.starts_with("<?xml"));
        assert!(
            feed.body.contains(&format!("urn:uuid:{id}")),
            "{uri} lists the report"
        );
        assert!(
            feed.body.contains("Validado"),
            "{uri} shows the review state"
        );
        assert!(!feed.body.contains("<en radio>"), "{uri} escapes text");
        assert!(
            feed.body
                .contains("Campaña &#60;en radio&#62; &#38; redes.")
                || feed.body.contains("Campaña &lt;en radio&gt; &amp; redes."),
            "{uri} keeps the text"
        );
    }
    let other_plan = app.get("/plans/ecuador-2019-2022/feed.atom").await;
    assert!(
        !other_plan.body.contains(&format!("urn:uuid:{id}")),
        "a plan's feed holds only its reports"
    );
}

#[tokio::test]
async fn an_approved_replan_moves_current_dates_and_keeps_the_baseline() {
    let app = spawn_demo_app().await;
    let mut official = logged_in(
        &app,
        "a@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let mut nucleo = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let (id, _) = milestone(&app).await;
    let form = format!("/implementation/milestones/{id}/replan");
    let page = official
        .post_form(
            &form,
            &form,
            &[
                ("start", "2024-04-01"),
                ("due", "2025-03-31"),
                ("reason", "La contratación de la campaña se retrasó."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let queue = nucleo.get("/monitoring/replans").await;
    assert!(
        queue
            .body
            .contains("La contratación de la campaña se retrasó.")
    );
    let replan: Uuid =
        sqlx::query_scalar("SELECT id FROM milestone_replans WHERE milestone_id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .expect("replan");
    let page = nucleo
        .post_form(
            "/monitoring/replans",
            &format!("/monitoring/replans/{replan}/decision"),
            &[("decision", "approved")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let public = app.get(EC0014).await;
    assert!(
        public.body.contains("31 de marzo de 2025"),
        "current due date moved"
    );
    assert!(
        public.body.contains("31 de diciembre de 2024"),
        "baseline due date kept"
    );
    assert!(public.body.contains("90 días de retraso"), "slippage shown");
    assert!(
        public.body.contains("Aprobado por el Grupo Núcleo"),
        "the timeline shows the re-plan"
    );
}
