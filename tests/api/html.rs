//! What every public page owes a screen-reader user and an HTML parser.

use axum::http::StatusCode;
use scraper::{Html, Selector};

use crate::helpers::{spawn_demo_app, sql_count};

const PAGES: [&str; 8] = [
    "/",
    "/plans",
    "/plans/ecuador-2019-2022",
    "/plans/ecuador-2019-2022/commitments/1",
    "/plans/ecuador-2022-2024/commitments/4",
    "/plans/ecuador-2019-2022/forum",
    "/institutions/asamblea-nacional",
    "/search?q=datos",
];

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).expect("valid selector");
    doc.select(&selector).collect()
}

#[tokio::test]
async fn public_pages_parse_as_html5_without_errors_in_both_languages() {
    let app = spawn_demo_app().await;
    for lang in ["es", "en"] {
        for uri in PAGES {
            let page = app.get_with_cookie(uri, &format!("lang={lang}")).await;
            assert_eq!(page.status, StatusCode::OK, "{uri}");
            let doc = Html::parse_document(&page.body);
            assert!(doc.errors.is_empty(), "{lang} {uri}: {:?}", doc.errors);
            assert_eq!(select(&doc, "html")[0].value().attr("lang"), Some(lang));
        }
    }
}

#[tokio::test]
async fn public_pages_have_landmarks_one_h1_and_labelled_controls() {
    let app = spawn_demo_app().await;
    for uri in PAGES {
        let page = app.get(uri).await;
        let doc = Html::parse_document(&page.body);
        assert_eq!(select(&doc, "main").len(), 1, "{uri}: one main landmark");
        assert_eq!(select(&doc, "header").len(), 1, "{uri}: banner");
        assert!(
            !select(&doc, "nav[aria-label]").is_empty(),
            "{uri}: labelled navigation"
        );
        assert_eq!(select(&doc, "h1").len(), 1, "{uri}: exactly one h1");
        assert!(
            !select(&doc, "title")[0]
                .text()
                .collect::<String>()
                .trim()
                .is_empty()
        );
        for control in select(&doc, "select, input:not([type=hidden]), textarea") {
            let id = control.value().attr("id").unwrap_or_default();
            assert!(!id.is_empty(), "{uri}: control without id");
            let label = select(&doc, &format!("label[for=\"{id}\"]"));
            assert_eq!(label.len(), 1, "{uri}: control {id} needs a label");
        }
        for bar in select(&doc, ".progress") {
            let text = bar.value().attr("aria-label").unwrap_or_default();
            assert!(
                text.contains('%'),
                "{uri}: progress bar without a text equivalent"
            );
        }
        for link in select(&doc, "a") {
            let text = link.text().collect::<String>();
            assert!(
                !text.trim().is_empty(),
                "{uri}: empty link {:?}",
                link.value().attr("href")
            );
        }
    }
}

#[tokio::test]
async fn every_public_page_runs_a_fixed_number_of_statements() {
    let app = spawn_demo_app().await;
    let expected = [
        ("/", 2),
        ("/plans", 5),
        ("/governments/ecuador", 4),
        ("/plans/ecuador-2019-2022", 7),
        ("/plans/ecuador-2019-2022/commitments/1", 15),
        ("/plans/ecuador-2019-2022/forum", 3),
        ("/institutions/asamblea-nacional", 3),
        ("/search?q=datos", 2),
    ];
    for (uri, statements) in expected {
        let (page, counted) = sql_count::count(app.get(uri)).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert_eq!(counted, statements, "{uri}");
    }
}

#[tokio::test]
async fn form_pages_parse_as_html5_and_label_every_control() {
    let app = spawn_demo_app().await;
    app.user("admin@example.org", abierto::domain::Role::Admin, None)
        .await;
    app.user(
        "oficial@example.org",
        abierto::domain::Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let milestone: uuid::Uuid = sqlx::query_scalar(
        "SELECT m.id FROM milestones m JOIN commitments c ON c.id = m.commitment_id WHERE c.ogp_id = 'EC0014' LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .expect("milestone");
    let report = format!("/implementation/milestones/{milestone}/report");
    let mut anonymous = app.browser();
    let mut admin = app.browser();
    admin.log_in("admin@example.org").await;
    let mut official = app.browser();
    official.log_in("oficial@example.org").await;
    for (who, uri) in [
        ("anonymous", "/login"),
        ("anonymous", "/password-reset"),
        ("admin", "/account"),
        ("admin", "/invitations/new"),
        ("admin", "/admin/users"),
        ("admin", "/admin/institutions"),
        ("admin", "/admin/governments"),
        ("admin", "/admin/ogp-import"),
        ("official", "/implementation"),
        ("official", report.as_str()),
    ] {
        let browser = match who {
            "admin" => &mut admin,
            "official" => &mut official,
            _ => &mut anonymous,
        };
        let page = browser.get(uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        let doc = Html::parse_document(&page.body);
        assert!(doc.errors.is_empty(), "{uri}: {:?}", doc.errors);
        assert_eq!(select(&doc, "h1").len(), 1, "{uri}: exactly one h1");
        for control in select(&doc, "select, input:not([type=hidden]), textarea") {
            let id = control.value().attr("id").unwrap_or_default();
            assert!(!id.is_empty(), "{uri}: control without id");
            assert_eq!(
                select(&doc, &format!("label[for=\"{id}\"]")).len(),
                1,
                "{uri}: {id} needs a label"
            );
        }
        for form in select(&doc, "form[method=post]") {
            let has_token = form
                .select(&Selector::parse("input[name=csrf]").expect("selector"))
                .any(|i| !i.value().attr("value").unwrap_or_default().is_empty());
            assert!(has_token, "{uri}: a POST form without its token");
        }
    }
}
