//! The forum's choice of the figure that leads a plan's headline: the form, who may use it,
//! the audit entry, and what the public plan page and plan cards then show.

use abierto::domain::Role;
use axum::http::StatusCode;

use crate::helpers::{TestApp, logged_in, spawn_demo_app};

const PLAN: &str = "ecuador-2022-2024";
const FORUM_PAGE: &str = "/co-creation/plans/ecuador-2022-2024";
const HEADLINE: &str = "/co-creation/plans/ecuador-2022-2024/headline";
const PUBLIC_PAGE: &str = "/plans/ecuador-2022-2024";

const VALIDATED: &str = "Validado por el Grupo Núcleo";
const REPORTED: &str = "Reportado por las instituciones";

/// The plan's headline block of a public page (from the overall-progress heading on).
fn headline(body: &str) -> &str {
    let start = body.find("class=\"headline").expect("a headline");
    let end = body[start..]
        .find("</dl>")
        .map_or(body.len(), |e| start + e);
    &body[start..end]
}

/// Which label comes first in the headline, and whether one is marked as leading.
fn order(body: &str) -> (bool, bool) {
    let h = headline(body);
    let validated = h.find(VALIDATED).expect("the validated figure is labelled");
    let reported = h.find(REPORTED).expect("the reported figure is labelled");
    (validated < reported, h.contains("is-leading"))
}

async fn stored(app: &TestApp) -> String {
    sqlx::query_scalar("SELECT headline_figure FROM action_plans WHERE slug = $1")
        .bind(PLAN)
        .fetch_one(&app.db)
        .await
        .expect("the setting")
}

#[tokio::test]
async fn a_plan_shows_both_figures_side_by_side_until_the_forum_chooses() {
    let app = spawn_demo_app().await;
    let page = app.get(PUBLIC_PAGE).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("headline headline-both"));
    assert_eq!(
        order(&page.body),
        (true, false),
        "validated first, neither leads"
    );
    assert!(page.body.contains("se calcula con el avance validado"));
    assert!(page.body.contains("decidió mostrar ambas lado a lado"));
    let cards = app.get("/plans").await;
    let first_card = headline(&cards.body);
    assert!(first_card.contains(VALIDATED) && first_card.contains(REPORTED));
}

#[tokio::test]
async fn the_forum_leads_a_plan_with_the_reported_figure_and_health_follows() {
    let app = spawn_demo_app().await;
    let mut forum = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let form = forum.get(FORUM_PAGE).await;
    assert!(
        form.body
            .contains("name=\"headline_figure\" value=\"both\" checked")
    );

    let page = forum
        .post_form(FORUM_PAGE, HEADLINE, &[("headline_figure", "reported")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(stored(&app).await, "reported");
    let confirmed = forum.get(FORUM_PAGE).await;
    assert!(
        confirmed
            .body
            .contains("Cifra principal del plan guardada.")
    );
    assert!(
        confirmed
            .body
            .contains("name=\"headline_figure\" value=\"reported\" checked")
    );

    let public = app.get(PUBLIC_PAGE).await;
    assert_eq!(
        order(&public.body),
        (false, true),
        "reported first, and it leads"
    );
    assert!(public.body.contains("se calcula con el avance reportado"));
    assert!(
        public
            .body
            .contains("decidió encabezar con el avance reportado")
    );
    let cards = app.get("/plans").await.body;
    let card = &cards[cards
        .find(&format!("href=\"{PUBLIC_PAGE}\""))
        .expect("the card")..];
    assert_eq!(
        order(card),
        (false, true),
        "the plan card follows the setting"
    );

    let api = app.get("/api/v1/plans").await;
    let plans: serde_json::Value = serde_json::from_str(&api.body).expect("json");
    let plan = plans["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|p| p["slug"] == PLAN)
        .expect("the plan in the API");
    assert_eq!(
        plan["headline_figure"], "reported",
        "the API says the setting"
    );

    let (action, before, after): (String, serde_json::Value, serde_json::Value) = sqlx::query_as(
        "SELECT action, before, after FROM audit_log WHERE action = 'plan.headline'",
    )
    .fetch_one(&app.db)
    .await
    .expect("one audit entry");
    assert_eq!(action, "plan.headline");
    assert_eq!(before["headline_figure"], "both");
    assert_eq!(after["headline_figure"], "reported");

    forum
        .post_form(FORUM_PAGE, HEADLINE, &[("headline_figure", "validated")])
        .await;
    let public = app.get(PUBLIC_PAGE).await;
    assert_eq!(
        order(&public.body),
        (true, true),
        "validated first, and it leads"
    );
    assert!(public.body.contains("se calcula con el avance validado"));
}

#[tokio::test]
async fn an_unknown_headline_figure_is_a_translated_400_and_changes_nothing() {
    let app = spawn_demo_app().await;
    let mut forum = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    for value in ["", "average", "Reported"] {
        let page = forum
            .post_form(FORUM_PAGE, HEADLINE, &[("headline_figure", value)])
            .await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{value:?}");
        assert!(
            page.body
                .contains("Esa opción de cifra principal no existe"),
            "{value:?}"
        );
    }
    assert_eq!(stored(&app).await, "both");
}

#[tokio::test]
async fn only_the_forum_chooses_the_headline_figure() {
    let app = spawn_demo_app().await;
    for (email, role, institution) in [
        ("a@example.org", Role::Admin, None),
        ("o@example.org", Role::Official, Some("asamblea-nacional")),
        ("p@example.org", Role::Participant, None),
    ] {
        let mut other = logged_in(&app, email, role, institution).await;
        let page = other
            .post_form("/account", HEADLINE, &[("headline_figure", "reported")])
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{email}");
    }
    let page = app
        .browser()
        .post_raw(HEADLINE, &[("headline_figure", "reported")])
        .await;
    assert_ne!(page.status, StatusCode::SEE_OTHER, "no token, no change");
    assert_eq!(stored(&app).await, "both");
    let audited: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'plan.headline'")
            .fetch_one(&app.db)
            .await
            .expect("count");
    assert_eq!(audited, 0);
}
