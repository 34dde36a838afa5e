use abierto::domain::Role;
use axum::http::StatusCode;
use uuid::Uuid;

use crate::helpers::{TestApp, ec0014_milestone, logged_in, spawn_demo_app};

/// The demo's civil-society co-lead of EC0014.
const FCD: &str = "fundacion-ciudadania-y-desarrollo-fcd";

async fn reports_on(app: &TestApp, milestone: Uuid) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM counterpart_reports WHERE milestone_id = $1")
        .bind(milestone)
        .fetch_one(&app.db)
        .await
        .expect("count")
}

fn report<'a>(fulfilled: &'a str, note: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("completion", "limited"),
        ("institution_fulfilled", fulfilled),
        ("fulfilment_note", note),
        (
            "perceived_change",
            "Antes no había catálogo; ahora hay un borrador público.",
        ),
        ("endorses", "no"),
        (
            "link_url_0",
            "https://www.ciudadaniaydesarrollo.org/informe",
        ),
        ("link_type_0", "document"),
    ]
}

/// A civil-society institution of `government` that co-leads an approved commitment of the
/// first plan (not EC0014).
async fn other_co_lead(app: &TestApp, government: &str, slug: &str) {
    sqlx::query(
        "WITH i AS (INSERT INTO institutions (government_id, name, slug, sector)
                    SELECT id, $2, $2, 'civil_society' FROM governments WHERE slug = $1
                    RETURNING id)
         INSERT INTO commitment_actors (commitment_id, institution_id, role)
         SELECT (SELECT c.id FROM commitments c JOIN action_plans p ON p.id = c.plan_id
                  WHERE p.slug = 'ecuador-2019-2022' ORDER BY c.code LIMIT 1),
                i.id, 'civil_society_co_lead' FROM i",
    )
    .bind(government)
    .bind(slug)
    .execute(&app.db)
    .await
    .expect("a co-lead institution");
}

#[tokio::test]
async fn a_counterpart_reports_on_its_commitment_only_and_the_report_is_kept_as_filed() {
    let app = spawn_demo_app().await;
    let (milestone, _) = ec0014_milestone(&app, 3).await;
    let form = format!("/counterpart/milestones/{milestone}/report");

    // A counterpart of another commitment: refused, nothing stored.
    other_co_lead(&app, "ecuador", "observatorio-ciudadano").await;
    let mut stranger = logged_in(
        &app,
        "otra.contraparte@example.org",
        Role::Counterpart,
        Some("observatorio-ciudadano"),
    )
    .await;
    assert_eq!(stranger.get(&form).await.status, StatusCode::FORBIDDEN);
    let refused = stranger
        .post_form("/counterpart", &form, &report("yes", ""))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(reports_on(&app, milestone).await, 0);

    // The co-lead's counterpart: stored with its link, audited, listed on its dashboard.
    let mut counterpart = logged_in(
        &app,
        "contraparte@example.org",
        Role::Counterpart,
        Some(FCD),
    )
    .await;
    let dashboard = counterpart.get("/counterpart").await;
    assert_eq!(dashboard.status, StatusCode::OK);
    assert!(dashboard.body.contains("Mis compromisos como contraparte"));
    assert!(dashboard.body.contains(&form), "{}", dashboard.body);
    let sent = counterpart
        .post_form(
            &form,
            &form,
            &report("partly", "No nos convocaron a la segunda mesa."),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let location = sent.headers["location"].to_str().expect("location");
    assert_eq!(
        location,
        "/plans/ecuador-2022-2024/commitments/4#milestone-3"
    );
    assert_eq!(reports_on(&app, milestone).await, 1);
    let (fulfilled, endorses, links): (String, bool, i64) = sqlx::query_as(
        "SELECT r.institution_fulfilled, r.endorses,
                (SELECT count(*) FROM evidence e WHERE e.counterpart_report_id = r.id)
           FROM counterpart_reports r WHERE r.milestone_id = $1",
    )
    .bind(milestone)
    .fetch_one(&app.db)
    .await
    .expect("the report");
    assert_eq!((fulfilled.as_str(), endorses, links), ("partly", false, 1));
    let audited: serde_json::Value = sqlx::query_scalar(
        "SELECT after FROM audit_log WHERE action = 'counterpart.report' AND entity_id = $1",
    )
    .bind(milestone.to_string())
    .fetch_one(&app.db)
    .await
    .expect("an audit entry");
    assert_eq!(audited["institution_fulfilled"], "partly");
    assert_eq!(audited["endorses"], false);
    let dashboard = counterpart.get("/counterpart").await;
    assert!(
        dashboard.body.contains("no respaldado"),
        "{}",
        dashboard.body
    );

    // Append-only: the database refuses to change it.
    let update = sqlx::query("UPDATE counterpart_reports SET endorses = true")
        .execute(&app.db)
        .await;
    assert!(update.is_err(), "a counterpart report cannot be edited");
}

#[tokio::test]
async fn partly_without_a_justification_comes_back_translated_and_stores_nothing() {
    let app = spawn_demo_app().await;
    let (milestone, _) = ec0014_milestone(&app, 3).await;
    let form = format!("/counterpart/milestones/{milestone}/report");
    let mut counterpart = logged_in(
        &app,
        "contraparte@example.org",
        Role::Counterpart,
        Some(FCD),
    )
    .await;
    let page = counterpart
        .post_form(&form, &form, &report("partly", "  "))
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("Explique por qué la institución no cumplió del todo."),
        "{}",
        page.body
    );
    assert!(page.body.contains("aria-invalid=\"true\""));
    assert!(
        page.body.contains("Antes no había catálogo"),
        "typed text kept"
    );
    assert_eq!(reports_on(&app, milestone).await, 0);
}

#[tokio::test]
async fn only_a_counterpart_of_the_plans_government_gets_the_form() {
    let app = spawn_demo_app().await;
    let (milestone, _) = ec0014_milestone(&app, 3).await;
    let form = format!("/counterpart/milestones/{milestone}/report");
    for (email, role, institution) in [
        (
            "oficial@example.org",
            Role::Official,
            Some("asamblea-nacional"),
        ),
        ("nucleo.c@example.org", Role::Nucleo, None),
        ("participante.c@example.org", Role::Participant, None),
    ] {
        let mut visitor = logged_in(&app, email, role, institution).await;
        assert_eq!(
            visitor.get(&form).await.status,
            StatusCode::FORBIDDEN,
            "{role:?}"
        );
    }
    // A co-lead institution of another government, even if recorded on this commitment.
    app.government("Perú", "peru", "PE").await;
    other_co_lead(&app, "peru", "proetica").await;
    sqlx::query(
        "INSERT INTO commitment_actors (commitment_id, institution_id, role)
         SELECT c.id, i.id, 'civil_society_co_lead' FROM commitments c, institutions i
          WHERE c.ogp_id = 'EC0014' AND i.slug = 'proetica'",
    )
    .execute(&app.db)
    .await
    .expect("a foreign co-lead");
    let mut foreign = logged_in(
        &app,
        "proetica@example.org",
        Role::Counterpart,
        Some("proetica"),
    )
    .await;
    assert_eq!(foreign.get(&form).await.status, StatusCode::FORBIDDEN);
    let unknown = format!("/counterpart/milestones/{}/report", Uuid::now_v7());
    let mut counterpart = logged_in(
        &app,
        "contraparte@example.org",
        Role::Counterpart,
        Some(FCD),
    )
    .await;
    assert_eq!(
        counterpart.get(&unknown).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(counterpart.get(&form).await.status, StatusCode::OK);
}
