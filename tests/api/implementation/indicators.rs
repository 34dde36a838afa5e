//! Outcome indicators: defined and measured by the lead institution, validated by the forum,
//! shown on the public page and in the API as a share of the way from baseline to target.

use abierto::domain::Role;
use axum::http::StatusCode;
use uuid::Uuid;

use crate::helpers::{Browser, TestApp, logged_in, spawn_demo_app};

async fn ec0014(app: &TestApp) -> Uuid {
    sqlx::query_scalar("SELECT id FROM commitments WHERE ogp_id = 'EC0014'")
        .fetch_one(&app.db)
        .await
        .expect("EC0014")
}

async fn official_of_asamblea(app: &TestApp) -> Browser<'_> {
    logged_in(
        app,
        "oficial.a@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await
}

const DEFINITION: &[(&str, &str)] = &[
    ("name", "Solicitudes de información respondidas a tiempo"),
    ("unit", "%"),
    ("direction", "increase"),
    ("baseline_value", "10"),
    ("baseline_date", "2023-01-01"),
    ("baseline_source", "Informe LOTAIP 2022"),
    ("target_value", "50"),
    ("target_date", "2024-12-31"),
];

/// Defines the baseline 10 → target 50 indicator on EC0014; returns its id.
async fn define(app: &TestApp, official: &mut Browser<'_>, commitment: Uuid) -> Uuid {
    let form = format!("/implementation/commitments/{commitment}/indicators");
    let page = official.post_form(&form, &form, DEFINITION).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    sqlx::query_scalar("SELECT id FROM indicators WHERE commitment_id = $1")
        .bind(commitment)
        .fetch_one(&app.db)
        .await
        .expect("the indicator")
}

async fn measure(
    app: &TestApp,
    official: &mut Browser<'_>,
    (commitment, indicator): (Uuid, Uuid),
    value: &str,
    on: &str,
) -> Uuid {
    let form = format!("/implementation/commitments/{commitment}/indicators");
    let uri = format!("{form}/{indicator}/measurements");
    let fields = [
        ("value", value),
        ("measured_on", on),
        ("source", "Registro de la Asamblea"),
        (
            "evidence_url",
            "https://www.asambleanacional.gob.ec/es/transparencia",
        ),
        ("disaggregation", "mujeres: 12\nhombres: 18"),
    ];
    let page = official.post_form(&form, &uri, &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    sqlx::query_scalar(
        "SELECT id FROM indicator_measurements WHERE indicator_id = $1
          ORDER BY recorded_at DESC, id DESC LIMIT 1",
    )
    .bind(indicator)
    .fetch_one(&app.db)
    .await
    .expect("the measurement")
}

async fn review(forum: &mut Browser<'_>, measurement: Uuid, decision: &str, note: &str) {
    let page = forum
        .post_form(
            "/monitoring/indicators",
            &format!("/monitoring/indicators/{measurement}/review"),
            &[("decision", decision), ("note", note)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

#[tokio::test]
async fn a_validated_measurement_of_30_shows_half_way_from_10_to_50_on_the_page_and_the_api() {
    let app = spawn_demo_app().await;
    let commitment = ec0014(&app).await;
    let mut official = official_of_asamblea(&app).await;
    // The lead institution's dashboard leads to the commitment's indicators.
    let dashboard = official.get("/implementation").await;
    assert!(
        dashboard.body.contains(&format!(
            "href=\"/implementation/commitments/{commitment}/indicators\""
        )),
        "{}",
        dashboard.body
    );
    let indicator = define(&app, &mut official, commitment).await;
    let measurement = measure(
        &app,
        &mut official,
        (commitment, indicator),
        "30",
        "2024-06-30",
    )
    .await;

    let mut forum = logged_in(&app, "foro@example.org", Role::Nucleo, None).await;
    let queue = forum.get("/monitoring/indicators").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.body.contains(&format!("measurement-{measurement}")));
    review(&mut forum, measurement, "validated", "").await;

    let public = app
        .browser()
        .get("/plans/ecuador-2022-2024/commitments/4")
        .await;
    assert_eq!(public.status, StatusCode::OK);
    let body = &public.body;
    assert!(body.contains("Indicadores de resultado"), "{body}");
    assert!(body.contains("Solicitudes de información respondidas a tiempo"));
    assert!(
        body.contains(r#"<strong class="indicator-share">50 %</strong>"#),
        "{body}"
    );
    assert!(body.contains(&format!(r#"<title id="indicator-{indicator}-title">"#)));
    assert!(body.contains("mujeres: 12") && body.contains("hombres: 18"));

    let api = app
        .browser()
        .get(&format!("/api/v1/indicators?commitment={commitment}"))
        .await;
    assert_eq!(api.status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&api.body).expect("json");
    let item = &json["items"][0];
    assert_eq!(item["baseline"]["value"], 10.0);
    assert_eq!(item["target"]["value"], 50.0);
    assert_eq!(item["actual"][0]["value"], 30.0);
    assert_eq!(item["actual"][0]["review_state"], "validated");
    assert_eq!(item["actual"][0]["disaggregation"]["mujeres"], 12);
    assert_eq!(item["validated_share"], 50.0);

    // The open-data download carries the indicator and its reviewed measurement.
    let files = crate::public::open_data::download(&app).await;
    let indicators = &files["indicators.csv"];
    assert!(
        indicators.contains(&format!("{indicator},{commitment},,")),
        "{indicators}"
    );
    assert!(
        indicators.contains(",10,") && indicators.contains(",50,"),
        "{indicators}"
    );
    let measurements = &files["indicator_measurements.csv"];
    assert!(
        measurements.contains(&format!("{measurement},{indicator},30,2024-06-30,")),
        "{measurements}"
    );
    assert!(
        measurements.contains("hombres: 18; mujeres: 12"),
        "{measurements}"
    );
    assert!(measurements.contains(",validated,"), "{measurements}");

    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log
          WHERE action IN ('indicator.define', 'indicator.measure', 'indicator.review')",
    )
    .fetch_one(&app.db)
    .await
    .expect("audit");
    assert_eq!(audited, 3);
}

#[tokio::test]
async fn an_official_of_another_institution_is_refused() {
    let app = spawn_demo_app().await;
    let commitment = ec0014(&app).await;
    let mut other = logged_in(
        &app,
        "oficial.b@example.org",
        Role::Official,
        Some("defensoria-del-pueblo-de-ecuador"),
    )
    .await;
    let form = format!("/implementation/commitments/{commitment}/indicators");
    assert_eq!(other.get(&form).await.status, StatusCode::FORBIDDEN);
    let page = other.post_form("/implementation", &form, DEFINITION).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM indicators")
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(count, 0);
}

#[tokio::test]
async fn a_bad_value_gets_a_translated_422_and_writes_nothing() {
    let app = spawn_demo_app().await;
    let commitment = ec0014(&app).await;
    let mut official = official_of_asamblea(&app).await;
    let form = format!("/implementation/commitments/{commitment}/indicators");
    let mut fields = DEFINITION.to_vec();
    fields[3] = ("baseline_value", "diez");
    fields[6] = ("target_value", "10");
    let page = official.post_form(&form, &form, &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("Escriba un número (por ejemplo 30 o 12,5)."),
        "{}",
        page.body
    );
    assert!(page.body.contains(r##"href="#baseline_value""##));
    assert!(
        page.body
            .contains(r#"id="baseline_value" name="baseline_value" value="diez""#)
    );
    assert!(page.body.contains(r#"aria-invalid="true""#));

    let indicator = define(&app, &mut official, commitment).await;
    let uri = format!("{form}/{indicator}/measurements");
    let page = official
        .post_form(
            &form,
            &uri,
            &[
                ("value", "NaN"),
                ("measured_on", "2024-06-30"),
                ("source", "x"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains(&format!(r##"href="#value-{indicator}""##)),
        "{}",
        page.body
    );
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM indicator_measurements")
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(count, 0);
}

#[tokio::test]
async fn a_returned_measurement_does_not_count() {
    let app = spawn_demo_app().await;
    let commitment = ec0014(&app).await;
    let mut official = official_of_asamblea(&app).await;
    let indicator = define(&app, &mut official, commitment).await;
    let mut forum = logged_in(&app, "foro@example.org", Role::Nucleo, None).await;
    let first = measure(
        &app,
        &mut official,
        (commitment, indicator),
        "20",
        "2024-01-31",
    )
    .await;
    review(&mut forum, first, "validated", "").await;
    let later = measure(
        &app,
        &mut official,
        (commitment, indicator),
        "50",
        "2024-06-30",
    )
    .await;
    review(
        &mut forum,
        later,
        "returned",
        "La fuente no respalda el valor.",
    )
    .await;

    let public = app
        .browser()
        .get("/plans/ecuador-2022-2024/commitments/4")
        .await;
    assert!(
        public
            .body
            .contains(r#"<strong class="indicator-share">25 %</strong>"#),
        "{}",
        public.body
    );
    assert!(public.body.contains("La fuente no respalda el valor."));
    let api = app
        .browser()
        .get(&format!("/api/v1/indicators?commitment={commitment}"))
        .await;
    let json: serde_json::Value = serde_json::from_str(&api.body).expect("json");
    assert_eq!(json["items"][0]["validated_share"], 25.0);
    assert_eq!(json["items"][0]["actual"][1]["review_state"], "returned");

    // A measurement's record never changes, and its review happens once.
    let edit = sqlx::query("UPDATE indicator_measurements SET value = 99 WHERE id = $1")
        .bind(first)
        .execute(&app.db)
        .await;
    assert!(edit.is_err(), "measurements are append-only");
}

#[tokio::test]
async fn the_commitment_page_reads_indicators_in_two_statements_however_many() {
    let app = spawn_demo_app().await;
    let commitment = ec0014(&app).await;
    let count = || async {
        let (page, statements) = crate::helpers::sql_count::count(
            app.browser().get("/plans/ecuador-2022-2024/commitments/4"),
        )
        .await;
        assert_eq!(page.status, StatusCode::OK);
        statements
    };
    let without = count().await;
    let mut official = official_of_asamblea(&app).await;
    let indicator = define(&app, &mut official, commitment).await;
    for on in ["2024-01-31", "2024-03-31", "2024-06-30"] {
        measure(&app, &mut official, (commitment, indicator), "30", on).await;
    }
    assert_eq!(
        count().await,
        without,
        "no statement per indicator or measurement"
    );
}
