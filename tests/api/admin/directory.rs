//! Administration: accounts, institutions and governments, for administrators only.

use abierto::domain::Role;
use axum::http::StatusCode;
use scraper::{Html, Selector};
use uuid::Uuid;

use crate::helpers::{Browser, TestApp, spawn_demo_app};

const ADMIN: &str = "root@example.org";
const DEMO_ACCOUNTS: [&str; 5] = [
    "admin@abierto.example",
    "nucleo@abierto.example",
    "oficial.asamblea@abierto.example",
    "oficial.defensoria@abierto.example",
    "participante@abierto.example",
];

/// A browser logged in as a fresh administrator.
async fn admin_browser(app: &TestApp) -> Browser<'_> {
    app.user(ADMIN, Role::Admin, None).await;
    let mut browser = app.browser();
    browser.log_in(ADMIN).await;
    browser
}

async fn user_id(app: &TestApp, email: &str) -> Uuid {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.db)
        .await
        .expect("user")
}

async fn account_state(app: &TestApp, email: &str) -> (String, Option<Uuid>, bool) {
    sqlx::query_as("SELECT role, institution_id, active FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.db)
        .await
        .expect("user")
}

async fn ecuador(app: &TestApp) -> String {
    let id: Uuid = sqlx::query_scalar("SELECT id FROM governments WHERE slug = 'ecuador'")
        .fetch_one(&app.db)
        .await
        .expect("demo government");
    id.to_string()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn anonymous_visitors_are_sent_to_log_in_and_back() {
    let app = spawn_demo_app().await;
    let page = app.get("/admin/users").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.headers["location"], "/login?next=/admin/users");
}

#[tokio::test]
async fn other_roles_get_a_refusal_that_names_the_administrator_role() {
    let app = spawn_demo_app().await;
    for (email, role, institution) in [
        ("ana@example.org", Role::Participant, None),
        (
            "olga@example.org",
            Role::Official,
            Some("asamblea-nacional"),
        ),
        ("nora@example.org", Role::Nucleo, None),
    ] {
        app.user(email, role, institution).await;
        let mut browser = app.browser();
        browser.log_in(email).await;
        for uri in [
            "/admin",
            "/admin/users",
            "/admin/institutions",
            "/admin/governments",
        ] {
            let page = browser.get(uri).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{email} {uri}");
            assert!(
                page.body.contains("Rol necesario: Administración."),
                "{email} {uri}"
            );
        }
        assert!(
            !browser
                .get("/plans")
                .await
                .body
                .contains("href=\"/admin/users\""),
            "no administration link for {email}"
        );
    }
}

#[tokio::test]
async fn admin_lands_on_the_account_list() {
    let app = spawn_demo_app().await;
    let mut browser = admin_browser(&app).await;
    let page = browser.get("/admin").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.headers["location"], "/admin/users");
    let plans = browser.get("/plans").await;
    assert!(
        plans
            .body
            .contains("<a href=\"/admin/users\">Administración</a>")
    );
}

#[tokio::test]
async fn admin_sees_every_demo_account_ordered_by_email() {
    let app = spawn_demo_app().await;
    let mut browser = admin_browser(&app).await;
    let page = browser.get("/admin/users").await;
    assert_eq!(page.status, StatusCode::OK);
    let positions: Vec<usize> = DEMO_ACCOUNTS
        .iter()
        .map(|email| {
            page.body
                .find(email)
                .unwrap_or_else(|| panic!("{email} listed"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "ordered by email"
    );
    assert!(page.body.contains("Asamblea Nacional"), "institution shown");
    assert!(page.body.contains("Funcionario/a"), "role label shown");
}

#[tokio::test]
async fn the_account_list_filters_by_role() {
    let app = spawn_demo_app().await;
    let mut browser = admin_browser(&app).await;
    let page = browser.get("/admin/users?role=official").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("oficial.asamblea@abierto.example"));
    assert!(page.body.contains("oficial.defensoria@abierto.example"));
    assert!(!page.body.contains("participante@abierto.example"));
    assert!(page.body.contains("<option value=\"official\" selected>"));
}

/// The rows of the page's table.
fn table_rows(body: &str) -> Vec<String> {
    let doc = Html::parse_document(body);
    let row = Selector::parse("tbody tr").expect("selector");
    doc.select(&row)
        .map(|r| r.text().collect::<Vec<_>>().join(" "))
        .collect()
}

#[tokio::test]
async fn long_directory_lists_come_a_page_at_a_time_and_search_ignores_accents() {
    let app = spawn_demo_app().await;
    let government = ecuador(&app).await;
    sqlx::query(
        "INSERT INTO institutions (government_id, name, slug, sector)
         SELECT $1::uuid, 'Dirección Zonal ' || lpad(n::text, 3, '0'), 'direccion-zonal-' || n, 'government'
           FROM generate_series(1, 120) n",
    )
    .bind(Uuid::parse_str(&government).expect("uuid"))
    .execute(&app.db)
    .await
    .expect("institutions");
    let other = app.government("República de Prueba", "prueba", "PR").await;
    sqlx::query(
        "INSERT INTO institutions (government_id, name, slug, sector)
         VALUES ($1, 'Dirección Zonal de Prueba', 'direccion-zonal-prueba', 'government')",
    )
    .bind(other)
    .execute(&app.db)
    .await
    .expect("foreign institution");
    let total = count(&app, "SELECT count(*) FROM institutions").await;
    let mut browser = admin_browser(&app).await;

    let first = browser.get("/admin/institutions").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(table_rows(&first.body).len(), 50, "a page holds 50");
    assert!(
        first.body.contains(&format!("1–50 de {total}")),
        "{}",
        first.body
    );
    assert!(
        first
            .body
            .contains("href=\"/admin/institutions?page=2\" rel=\"next\"")
    );

    // Accents and case do not matter; the government's other names stay out.
    let zonal = browser.get("/admin/institutions?q=DIRECCION+zonal").await;
    assert!(zonal.body.contains("121 instituciones"), "{}", zonal.body);
    let third = browser
        .get("/admin/institutions?q=DIRECCION+zonal&page=3")
        .await;
    let rows = table_rows(&third.body);
    assert_eq!(rows.len(), 21, "101–121");
    assert!(rows[0].contains("Dirección Zonal 101"), "{rows:?}");
    assert!(third.body.contains("101–121 de 121"));
    assert!(
        third
            .body
            .contains("href=\"/admin/institutions?q=DIRECCION+zonal&#38;page=2\" rel=\"prev\"")
    );
    assert!(!third.body.contains("rel=\"next\""));

    // LIKE's wildcards are plain characters in the words.
    let wildcard = browser.get("/admin/institutions?q=%25_").await;
    assert!(wildcard.body.contains("Nada coincide"), "{}", wildcard.body);

    // What refers to an institution is counted beside it.
    let asamblea = browser.get("/admin/institutions?q=asamblea+nacional").await;
    let expected = count(
        &app,
        "SELECT count(*) FROM milestones m JOIN institutions i ON i.id = m.responsible_institution_id
          WHERE i.slug = 'asamblea-nacional'",
    )
    .await;
    let row = table_rows(&asamblea.body)
        .into_iter()
        .find(|r| r.contains("Asamblea Nacional"));
    assert!(
        row.is_some_and(|r| r.split_whitespace().any(|w| w == expected.to_string())),
        "milestone count {expected} shown"
    );

    // An administrator of one government sees only its institutions.
    app.user_of("gadmin@example.org", Role::Admin, (None, Some("ecuador")))
        .await;
    let mut local = app.browser();
    local.log_in("gadmin@example.org").await;
    let scoped = local.get("/admin/institutions?q=zonal").await;
    assert!(scoped.body.contains("120 instituciones"), "{}", scoped.body);
    assert!(!scoped.body.contains("de Prueba"));

    for bad in [
        "/admin/institutions?page=0",
        "/admin/institutions?page=x",
        "/admin/users?role=king",
    ] {
        let refused = browser.get(bad).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{bad}");
    }
    let long = format!("/admin/users?q={}", "a".repeat(201));
    assert_eq!(browser.get(&long).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_account_list_searches_email_name_and_institution() {
    let app = spawn_demo_app().await;
    let mut browser = admin_browser(&app).await;
    let by_institution = browser.get("/admin/users?q=defensoria").await;
    assert!(
        by_institution
            .body
            .contains("oficial.defensoria@abierto.example")
    );
    assert!(
        !by_institution
            .body
            .contains("oficial.asamblea@abierto.example")
    );
    let with_role = browser
        .get("/admin/users?q=abierto.example&role=official")
        .await;
    assert_eq!(table_rows(&with_role.body).len(), 2, "{}", with_role.body);
    assert!(
        with_role.body.contains("value=\"abierto.example\""),
        "the words stay in the box"
    );
}

#[tokio::test]
async fn admin_changes_a_users_role() {
    let app = spawn_demo_app().await;
    let mut browser = admin_browser(&app).await;
    let id = user_id(&app, "participante@abierto.example").await;
    let uri = format!("/admin/users/{id}");
    let page = browser
        .post_form(&uri, &uri, &[("role", "nucleo"), ("active", "on")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.headers["location"], format!("{uri}?saved=1"));
    let (role, institution, active) = account_state(&app, "participante@abierto.example").await;
    assert_eq!((role.as_str(), institution, active), ("nucleo", None, true));
    let page = browser.get(&format!("{uri}?saved=1")).await;
    assert!(page.body.contains("Los cambios se guardaron."));
}

#[tokio::test]
async fn an_official_without_institution_is_refused_and_the_input_kept() {
    let app = spawn_demo_app().await;
    let mut browser = admin_browser(&app).await;
    let id = user_id(&app, "participante@abierto.example").await;
    let uri = format!("/admin/users/{id}");
    let page = browser
        .post_form(&uri, &uri, &[("role", "official"), ("institution", "")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("Una cuenta de funcionario/a o de contraparte necesita una institución.")
    );
    assert!(page.body.contains("<option value=\"official\" selected>"));
    assert!(
        page.body.contains("aria-describedby=\"institution-error\""),
        "the error is tied to its field"
    );
    assert!(
        !page
            .body
            .contains("id=\"active\" name=\"active\" value=\"on\" checked"),
        "the unchecked box stays unchecked"
    );
    let (role, _, active) = account_state(&app, "participante@abierto.example").await;
    assert_eq!(
        (role.as_str(), active),
        ("participant", true),
        "nothing written"
    );
}

#[tokio::test]
async fn an_official_gets_an_institution() {
    let app = spawn_demo_app().await;
    let mut browser = admin_browser(&app).await;
    let id = user_id(&app, "participante@abierto.example").await;
    let institution: Uuid =
        sqlx::query_scalar("SELECT id FROM institutions WHERE slug = 'asamblea-nacional'")
            .fetch_one(&app.db)
            .await
            .expect("institution");
    let uri = format!("/admin/users/{id}");
    let page = browser
        .post_form(
            &uri,
            &uri,
            &[
                ("role", "official"),
                ("institution", &institution.to_string()),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let (role, saved, _) = account_state(&app, "participante@abierto.example").await;
    assert_eq!((role.as_str(), saved), ("official", Some(institution)));
}

#[tokio::test]
async fn admin_cannot_deactivate_themself() {
    let app = spawn_demo_app().await;
    let mut browser = admin_browser(&app).await;
    let uri = format!("/admin/users/{}", user_id(&app, ADMIN).await);
    let page = browser.post_form(&uri, &uri, &[("role", "admin")]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("No puede desactivar su propia cuenta."));
    let (_, _, active) = account_state(&app, ADMIN).await;
    assert!(active);
}

#[tokio::test]
async fn admin_cannot_demote_themself() {
    let app = spawn_demo_app().await;
    let mut browser = admin_browser(&app).await;
    let uri = format!("/admin/users/{}", user_id(&app, ADMIN).await);
    let page = browser
        .post_form(&uri, &uri, &[("role", "nucleo"), ("active", "on")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("No puede quitarse a sí mismo el rol de administración.")
    );
    let (role, _, _) = account_state(&app, ADMIN).await;
    assert_eq!(role, "admin");
}

#[tokio::test]
async fn a_deactivated_user_cannot_log_in() {
    let app = spawn_demo_app().await;
    app.user("ana@example.org", Role::Participant, None).await;
    let mut browser = admin_browser(&app).await;
    let uri = format!("/admin/users/{}", user_id(&app, "ana@example.org").await);
    let page = browser
        .post_form(&uri, &uri, &[("role", "participant")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app.browser().log_in("ana@example.org").await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);

    // Reactivated, the account logs in again: users are never deleted.
    browser
        .post_form(&uri, &uri, &[("role", "participant"), ("active", "on")])
        .await;
    let page = app.browser().log_in("ana@example.org").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn admin_creates_an_institution_and_a_duplicate_name_is_refused() {
    let app = spawn_demo_app().await;
    let mut browser = admin_browser(&app).await;
    let government = ecuador(&app).await;
    let fields = [
        ("name", "  Observatorio Ciudadano de Datos "),
        ("acronym", "OCD"),
        ("sector", "civil_society"),
        ("website", "https://ocd.example.org"),
        ("government", government.as_str()),
    ];
    let page = browser
        .post_form("/admin/institutions", "/admin/institutions", &fields)
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let (name, sector): (String, String) = sqlx::query_as(
        "SELECT name, sector FROM institutions WHERE slug = 'observatorio-ciudadano-de-datos'",
    )
    .fetch_one(&app.db)
    .await
    .expect("created under the derived slug");
    assert_eq!(
        (name.as_str(), sector.as_str()),
        ("Observatorio Ciudadano de Datos", "civil_society")
    );
    let public = app
        .get("/institutions/observatorio-ciudadano-de-datos")
        .await;
    assert_eq!(public.status, StatusCode::OK);

    let page = browser
        .post_form("/admin/institutions", "/admin/institutions", &fields)
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("Ya existe una institución con este nombre")
    );
    assert!(page.body.contains("value=\"https://ocd.example.org\""));
    let copies = count(
        &app,
        "SELECT count(*) FROM institutions WHERE name = 'Observatorio Ciudadano de Datos'",
    )
    .await;
    assert_eq!(copies, 1);
}

#[tokio::test]
async fn an_institution_website_must_be_a_web_address() {
    let app = spawn_demo_app().await;
    let mut browser = admin_browser(&app).await;
    let government = ecuador(&app).await;
    let page = browser
        .post_form(
            "/admin/institutions",
            "/admin/institutions",
            &[
                ("name", "Observatorio"),
                ("sector", "academia"),
                ("website", "javascript:alert(1)"),
                ("government", government.as_str()),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("empiece por https://"));
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM institutions WHERE name = 'Observatorio'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn admin_edits_an_institution_and_its_slug_stays() {
    let app = spawn_demo_app().await;
    let mut browser = admin_browser(&app).await;
    let government = ecuador(&app).await;
    let id: Uuid =
        sqlx::query_scalar("SELECT id FROM institutions WHERE slug = 'asamblea-nacional'")
            .fetch_one(&app.db)
            .await
            .expect("institution");
    let uri = format!("/admin/institutions/{id}");
    let page = browser
        .post_form(
            &uri,
            &uri,
            &[
                ("name", "Asamblea Nacional del Ecuador"),
                ("acronym", "AN"),
                ("sector", "government"),
                ("website", "https://www.asambleanacional.gob.ec/"),
                ("government", government.as_str()),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let (name, slug, website): (String, String, Option<String>) =
        sqlx::query_as("SELECT name, slug, website FROM institutions WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .expect("institution");
    assert_eq!(name, "Asamblea Nacional del Ecuador");
    assert_eq!(slug, "asamblea-nacional");
    assert_eq!(
        website.as_deref(),
        Some("https://www.asambleanacional.gob.ec/")
    );
}

#[tokio::test]
async fn admin_creates_a_government() {
    let app = spawn_demo_app().await;
    let mut browser = admin_browser(&app).await;
    let page = browser
        .post_form(
            "/admin/governments",
            "/admin/governments",
            &[
                ("name", "Municipio de Quito"),
                ("kind", "local"),
                ("country_code", "ec"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let (kind, country): (String, String) = sqlx::query_as(
        "SELECT kind, country_code FROM governments WHERE slug = 'municipio-de-quito'",
    )
    .fetch_one(&app.db)
    .await
    .expect("created under the derived slug");
    assert_eq!((kind.as_str(), country.as_str()), ("local", "EC"));
    let page = browser.get("/admin/governments?saved=1").await;
    assert!(page.body.contains("Municipio de Quito"));
}

#[tokio::test]
async fn a_government_needs_a_two_letter_country_code() {
    let app = spawn_demo_app().await;
    let mut browser = admin_browser(&app).await;
    let page = browser
        .post_form(
            "/admin/governments",
            "/admin/governments",
            &[
                ("name", "Municipio de Quito"),
                ("kind", "local"),
                ("country_code", "ECU"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Escriba dos letras"));
    assert!(page.body.contains("value=\"Municipio de Quito\""));
}

#[tokio::test]
async fn a_post_without_the_form_token_is_refused_and_writes_nothing() {
    let app = spawn_demo_app().await;
    let mut browser = admin_browser(&app).await;
    let id = user_id(&app, "participante@abierto.example").await;
    let page = browser
        .post_raw(
            &format!("/admin/users/{id}"),
            &[("role", "admin"), ("active", "on")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = browser
        .post_raw(
            "/admin/governments",
            &[
                ("name", "Municipio de Quito"),
                ("kind", "local"),
                ("country_code", "EC"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let (role, _, _) = account_state(&app, "participante@abierto.example").await;
    assert_eq!(role, "participant");
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM governments WHERE slug = 'municipio-de-quito'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn administration_pages_are_valid_html_with_labelled_controls_in_both_languages() {
    let app = spawn_demo_app().await;
    let mut browser = admin_browser(&app).await;
    let account = format!("/admin/users/{}", user_id(&app, DEMO_ACCOUNTS[2]).await);
    let institution: Uuid = sqlx::query_scalar("SELECT id FROM institutions LIMIT 1")
        .fetch_one(&app.db)
        .await
        .expect("institution");
    let institution = format!("/admin/institutions/{institution}");
    for lang in ["es", "en"] {
        browser.get(&format!("/lang/{lang}?next=/")).await;
        for uri in [
            "/admin/users",
            account.as_str(),
            "/admin/institutions",
            institution.as_str(),
            "/admin/governments",
        ] {
            let page = browser.get(uri).await;
            assert_eq!(page.status, StatusCode::OK, "{lang} {uri}");
            assert!(!page.body.contains("style=\""), "{uri}: inline style");
            assert!(!page.body.contains("<script"), "{uri}: inline script");
            let doc = Html::parse_document(&page.body);
            assert!(doc.errors.is_empty(), "{lang} {uri}: {:?}", doc.errors);
            let one = |css: &str| doc.select(&Selector::parse(css).expect("selector")).count();
            assert_eq!(one("h1"), 1, "{uri}: one h1");
            assert_eq!(one(&format!("html[lang={lang}]")), 1, "{uri}: language");
            for control in
                doc.select(&Selector::parse("select, input:not([type=hidden])").expect("selector"))
            {
                let id = control.value().attr("id").unwrap_or_default();
                assert!(!id.is_empty(), "{uri}: control without id");
                assert_eq!(
                    one(&format!("label[for=\"{id}\"]")),
                    1,
                    "{uri}: {id} needs a label"
                );
            }
            for form in doc.select(&Selector::parse("form[method=post]").expect("selector")) {
                let token = Selector::parse("input[type=hidden][name=csrf]").expect("selector");
                assert_eq!(form.select(&token).count(), 1, "{uri}: form token");
            }
        }
    }
}

#[tokio::test]
async fn an_administrator_of_one_government_manages_only_its_accounts_and_institutions() {
    let app = spawn_demo_app().await;
    let paraguay = app.government("Paraguay", "paraguay", "PY").await;
    let admin = (None, Some("paraguay"));
    app.user_of("admin.py@example.org", Role::Admin, admin)
        .await;
    let mut browser = app.browser();
    browser.log_in("admin.py@example.org").await;

    // Ecuador's accounts and institutions are neither listed nor open to it.
    let users = browser.get("/admin/users").await;
    assert_eq!(users.status, StatusCode::OK);
    assert!(!users.body.contains("oficial.asamblea@abierto.example"));
    let official = user_id(&app, "oficial.asamblea@abierto.example").await;
    let page = browser.get(&format!("/admin/users/{official}")).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let institutions = browser.get("/admin/institutions").await;
    assert!(!institutions.body.contains("Asamblea Nacional"));
    let asamblea: Uuid =
        sqlx::query_scalar("SELECT id FROM institutions WHERE slug = 'asamblea-nacional'")
            .fetch_one(&app.db)
            .await
            .expect("asamblea");
    let page = browser
        .get(&format!("/admin/institutions/{asamblea}"))
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);

    // It adds institutions to its own government only, and no government at all.
    let ecuador = ecuador(&app).await;
    let new = |government: &str| {
        [
            ("name", "Secretaría Técnica de Planificación"),
            ("acronym", ""),
            ("sector", "government"),
            ("website", ""),
            ("government", government),
        ]
        .map(|(k, v)| (k, v.to_owned()))
    };
    let fields = new(&ecuador);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let page = browser
        .post_form("/admin/institutions", "/admin/institutions", &fields)
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "not in Ecuador");
    let fields = new(&paraguay.to_string());
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let page = browser
        .post_form("/admin/institutions", "/admin/institutions", &fields)
        .await;
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "in Paraguay: {}",
        page.body
    );
    let governments = browser.get("/admin/governments").await;
    assert!(!governments.body.contains("action=\"/admin/governments\""));
    let page = browser
        .post_form(
            "/admin/governments",
            "/admin/governments",
            &[
                ("name", "Uruguay"),
                ("kind", "national"),
                ("country_code", "UY"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let uruguay: i64 =
        sqlx::query_scalar("SELECT count(*) FROM governments WHERE slug = 'uruguay'")
            .fetch_one(&app.db)
            .await
            .expect("count");
    assert_eq!(uruguay, 0);
}
