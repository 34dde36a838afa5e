//! The forum's monitoring dashboard and its assessments of commitments.

use abierto::domain::Role;
use axum::http::StatusCode;
use scraper::{Html, Selector};
use uuid::Uuid;

use crate::helpers::{TestApp, logged_in, spawn_demo_app, sql_count};

const EC0014: &str = "/plans/ecuador-2022-2024/commitments/4";

async fn ec0014(app: &TestApp) -> Uuid {
    sqlx::query_scalar("SELECT id FROM commitments WHERE ogp_id = 'EC0014'")
        .fetch_one(&app.db)
        .await
        .expect("commitment")
}

fn html5_with_labels(body: &str) {
    let doc = Html::parse_document(body);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    let select = |css: &str| {
        doc.select(&Selector::parse(css).expect("selector"))
            .collect::<Vec<_>>()
    };
    assert_eq!(select("h1").len(), 1);
    for control in select("select, input:not([type=hidden]), textarea") {
        let id = control.value().attr("id").unwrap_or_default();
        assert!(!id.is_empty(), "control without id");
        assert_eq!(
            select(&format!("label[for=\"{id}\"]")).len(),
            1,
            "{id} needs a label"
        );
    }
}

#[tokio::test]
async fn the_dashboard_shows_the_plan_in_implementation_with_charts_and_tables() {
    let app = spawn_demo_app().await;
    let mut nucleo = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let (page, statements) = sql_count::count(nucleo.get("/monitoring")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        statements <= 6,
        "session, user, (last seen), plans, the plan's figures, its disagreements: {statements}"
    );
    let body = &page.body;
    assert!(
        body.contains(r#"<option value="ecuador-2022-2024" selected>"#),
        "{body}"
    );
    for chart in ["by-health", "by-institution", "by-value"] {
        assert!(
            body.contains(&format!(r#"<title id="{chart}-title">"#)),
            "{chart}"
        );
        assert!(
            body.contains(&format!(r#"<desc id="{chart}-desc">"#)),
            "{chart}"
        );
    }
    assert!(body.contains("Asamblea Nacional"), "lead institution");
    assert!(
        body.contains("Avance promedio"),
        "a table beside each chart"
    );
    assert!(body.contains(r#"<a href="/monitoring/updates">0 reportes por validar</a>"#));
    assert!(!body.contains("<script"));
    html5_with_labels(body);
}

#[tokio::test]
async fn the_dashboard_counts_pending_reports_and_lists_overdue_milestones() {
    let app = spawn_demo_app().await;
    let mut official = logged_in(
        &app,
        "o@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let (milestone, version): (Uuid, i32) = sqlx::query_as(
        "SELECT m.id, m.version FROM milestones m JOIN commitments c ON c.id = m.commitment_id
          WHERE c.ogp_id = 'EC0014' AND m.position = 4",
    )
    .fetch_one(&app.db)
    .await
    .expect("milestone");
    let form = format!("/implementation/milestones/{milestone}/report");
    official
        .post_form(
            &form,
            &form,
            &[
                ("version", &version.to_string()),
                ("progress", "50"),
                ("status", "in_progress"),
                ("challenges", "Retraso en la contratación."),
                ("narrative", "Avance parcial."),
            ],
        )
        .await;
    let mut nucleo = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let body = nucleo.get("/monitoring").await.body;
    assert!(body.contains("1 reporte por validar"), "{body}");
    // The plan ended in 2024: the unfinished milestone is overdue.
    let overdue = &body[body.find(r#"id="overdue""#).expect("overdue table")..];
    assert!(overdue.contains("Campaña de comunicación."), "{overdue}");
}

#[tokio::test]
async fn another_plan_can_be_chosen() {
    let app = spawn_demo_app().await;
    let mut nucleo = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let page = nucleo.get("/monitoring?plan=ecuador-2019-2022").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains(r#"<option value="ecuador-2019-2022" selected>"#)
    );
    let unknown = nucleo.get("/monitoring?plan=no-such-plan").await;
    assert_eq!(
        unknown.status,
        StatusCode::OK,
        "falls back to the plan in implementation"
    );
    assert!(
        unknown
            .body
            .contains(r#"<option value="ecuador-2022-2024" selected>"#)
    );
}

#[tokio::test]
async fn the_forum_records_assessments_that_append_to_the_public_history() {
    let app = spawn_demo_app().await;
    let commitment = ec0014(&app).await;
    let mut nucleo = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let uri = format!("/monitoring/commitments/{commitment}/assessments");
    let form = nucleo.get(&uri).await;
    assert_eq!(form.status, StatusCode::OK);
    html5_with_labels(&form.body);
    let before: i64 =
        sqlx::query_scalar("SELECT count(*) FROM assessments WHERE commitment_id = $1")
            .bind(commitment)
            .fetch_one(&app.db)
            .await
            .expect("count");

    for (period, completion) in [
        ("Corte junio 2024", "limited"),
        ("Corte diciembre 2024", "substantial"),
    ] {
        let page = nucleo
            .post_form(
                &uri,
                &uri,
                &[
                    ("period_label", period),
                    ("as_of", "2024-06-30"),
                    ("verifiable", "yes"),
                    ("relevance", "civic_participation"),
                    ("relevance", "public_accountability"),
                    ("potential_impact", "moderate"),
                    ("completion", completion),
                    ("early_results", "marginal"),
                    (
                        "narrative",
                        "El sistema de monitoreo funciona con la sociedad civil.",
                    ),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    }
    let rows: Vec<(String, Vec<String>, Option<String>, String)> = sqlx::query_as(
        "SELECT period_label, relevance, completion, source FROM assessments
          WHERE commitment_id = $1 AND source = 'forum' ORDER BY created_at",
    )
    .bind(commitment)
    .fetch_all(&app.db)
    .await
    .expect("assessments");
    assert_eq!(rows.len(), 2, "each assessment is a new row");
    assert_eq!(rows[0].1, ["civic_participation", "public_accountability"]);
    assert_eq!(rows[1].2.as_deref(), Some("substantial"));
    let after: i64 =
        sqlx::query_scalar("SELECT count(*) FROM assessments WHERE commitment_id = $1")
            .bind(commitment)
            .fetch_one(&app.db)
            .await
            .expect("count");
    assert_eq!(after, before + 2);

    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'assessment.create' AND actor_label = 'n@example.org'",
    )
    .fetch_one(&app.db)
    .await
    .expect("audit");
    assert_eq!(audited, 2);

    let public = app.get(EC0014).await.body;
    assert!(public.contains("Corte diciembre 2024"));
    assert!(public.contains("Corte junio 2024"));
    assert!(public.contains("Sustancial"));
    assert!(public.contains("Participación cívica"), "{public}");
    let history = nucleo.get(&uri).await.body;
    assert!(
        history.contains("Corte diciembre 2024"),
        "the form shows the history"
    );
}

#[tokio::test]
async fn a_value_off_the_scale_is_a_translated_422_and_nothing_is_written() {
    let app = spawn_demo_app().await;
    let commitment = ec0014(&app).await;
    let mut nucleo = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let uri = format!("/monitoring/commitments/{commitment}/assessments");
    let count = || async {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM assessments")
            .fetch_one(&app.db)
            .await
            .expect("count");
        n
    };
    let before = count().await;
    let fields = [
        ("period_label", "Corte 2024"),
        ("as_of", "2024-06-30"),
        ("completion", "mostly_done"),
        ("narrative", "Texto que se conserva."),
    ];
    let page = nucleo.post_form(&uri, &uri, &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Elija un valor de la lista."));
    assert!(
        page.body.contains("Texto que se conserva."),
        "the text is kept"
    );
    assert!(
        page.body
            .contains(r#"id="completion" name="completion" aria-invalid="true""#)
    );
    assert_eq!(count().await, before);

    nucleo.get("/lang/en?next=/").await;
    let page = nucleo.post_form(&uri, &uri, &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Choose a value from the list."));

    let future = nucleo
        .post_form(
            &uri,
            &uri,
            &[("period_label", "Corte"), ("as_of", "2999-01-01")],
        )
        .await;
    assert_eq!(future.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        future
            .body
            .contains("The as-of date cannot be later than today.")
    );
    assert_eq!(count().await, before);
}

#[tokio::test]
async fn assessing_an_unknown_commitment_is_404() {
    let app = spawn_demo_app().await;
    let mut nucleo = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let uri = format!("/monitoring/commitments/{}/assessments", Uuid::now_v7());
    assert_eq!(nucleo.get(&uri).await.status, StatusCode::NOT_FOUND);
    let page = nucleo
        .post_form(
            "/monitoring",
            &uri,
            &[("period_label", "Corte"), ("as_of", "2024-06-30")],
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_commitment_page_links_the_forum_to_the_assessment_form() {
    let app = spawn_demo_app().await;
    let commitment = ec0014(&app).await;
    let link = format!("/monitoring/commitments/{commitment}/assessments");
    let mut nucleo = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    assert!(nucleo.get(EC0014).await.body.contains(&link));
    assert!(!app.get(EC0014).await.body.contains(&link));
}
