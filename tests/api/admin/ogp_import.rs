//! OGP's commitments export imported from the administration pages: the same import and the
//! same report as `abierto import ogp`, the report downloadable, a wrong file refused on the
//! form with nothing stored, and platform administrators only.

use abierto::domain::Role;
use abierto::i18n::{Locale, Tr};
use abierto::store::admin::ogp_import;
use abierto::store::cocreation::plan_transfer::Importer;
use abierto::transfer::ogp;
use axum::http::StatusCode;

use crate::helpers::{Browser, Page, spawn_app, spawn_demo_app};

const ADMIN: &str = "root@example.org";
const HARD: &[u8] = include_bytes!("../../data/ogp-commitments-hard.csv");
const FORM: &str = "/admin/ogp-import";

async fn upload(browser: &mut Browser<'_>, name: &str, bytes: &[u8]) -> Page {
    browser
        .post_multipart(FORM, FORM, &[], &[("file", name, bytes.to_vec())])
        .await
}

/// The run's page once the import has finished (it runs after the upload's response).
async fn finished(browser: &mut Browser<'_>, href: &str) -> Page {
    for _ in 0..1200 {
        let page = browser.get(href).await;
        assert_eq!(page.status, StatusCode::OK, "{href}");
        if !page.body.contains("En curso") {
            return page;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the import at {href} did not finish");
}

async fn count(db: &sqlx::PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.expect(sql)
}

#[tokio::test]
async fn an_administrator_imports_ogp_data_from_the_web_and_downloads_the_report() {
    let app = spawn_demo_app().await;
    app.user(ADMIN, Role::Admin, None).await;
    let mut browser = app.browser();
    browser.log_in(ADMIN).await;
    let form = browser.get(FORM).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Todavía no se importó ningún archivo"));

    let sent = upload(&mut browser, "commitments.csv", HARD).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let href = sent.headers["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(href.starts_with("/admin/ogp-import/"), "{href}");
    let first = browser.get(&href).await;
    assert!(
        first
            .body
            .contains("Archivo recibido: la importación se está guardando."),
        "the upload is confirmed once: {}",
        first.body
    );
    let page = finished(&mut browser, &href).await;
    assert!(page.body.contains("Terminada"), "{}", page.body);
    assert!(page.body.contains("34 compromisos"));
    assert!(page.body.contains("Ninguna fila omitida"));
    assert!(page.body.contains("<code>ogp-date-ambiguous</code>"));
    assert!(page.body.contains("Descargar el informe (CSV)"));

    // Stored as the command stores it, each commitment audited under the administrator.
    let hd = "SELECT count(*) FROM commitments WHERE ogp_id LIKE 'HD%'";
    assert_eq!(count(&app.db, hd).await, 34);
    let audited = "SELECT count(*) FROM audit_log
                    WHERE action = 'commitment.ogp_import' AND actor_label = 'root@example.org'";
    assert_eq!(count(&app.db, audited).await, 34);
    let started = "SELECT count(*) FROM audit_log WHERE action = 'ogp_import.start'";
    assert_eq!(count(&app.db, started).await, 1);

    // The report is the command's, line for line, messages in the reader's language.
    let cli = spawn_app().await;
    let parsed = ogp::parse(HARD).expect("parse");
    let summary = ogp_import::import(&cli.db, &parsed, &Importer::cli(), || {})
        .await
        .expect("import");
    let expected = ogp::report::csv(&Tr::new(Locale::Es), &summary.lines()).expect("csv");
    let csv = browser.get(&format!("{href}/report.csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert!(
        csv.headers["content-disposition"]
            .to_str()
            .expect("disposition")
            .starts_with("attachment; filename=\"ogp-import-")
    );
    assert_eq!(csv.body, String::from_utf8(expected).expect("utf-8"));
    assert!(csv.body.lines().count() > 30, "{}", csv.body);
    assert!(csv.body.contains(
        "5,HD0004,Start Date,3/4/2015,ogp-date-ambiguous,\"2015-04-03 (day-first, CL)\","
    ));

    // Sent again, it creates nothing and says why each row was left out.
    let again = upload(&mut browser, "commitments.csv", HARD).await;
    let href2 = again.headers["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let page = finished(&mut browser, &href2).await;
    assert!(page.body.contains("0 compromisos"), "{}", page.body);
    assert!(page.body.contains("34 filas omitidas"));
    assert!(page.body.contains("el compromiso ya existe"));
    assert_eq!(count(&app.db, hd).await, 34);
    let list = browser.get(FORM).await;
    assert_eq!(list.body.matches("commitments.csv").count(), 2);
    assert!(list.body.find(&href2) < list.body.find(&format!("\"{href}\"")));
}

#[tokio::test]
async fn a_file_that_is_not_ogps_export_is_refused_on_the_form_and_nothing_is_stored() {
    let app = spawn_demo_app().await;
    app.user(ADMIN, Role::Admin, None).await;
    let mut browser = app.browser();
    browser.log_in(ADMIN).await;
    let before = count(&app.db, "SELECT count(*) FROM commitments").await;

    let page = upload(&mut browser, "plan.csv", b"Title,Start\nA,2020-01-01\n").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("Al encabezado le falta la columna «Commitment Unique Identifier»"),
        "{}",
        page.body
    );
    assert!(page.body.contains("aria-invalid=\"true\""));
    let page = upload(&mut browser, "empty.csv", b"").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Elija un archivo"));
    let page = upload(
        &mut browser,
        "binary.csv",
        &[0xff, 0xfe, 0x00, 0x22, 0x0a, 0x22],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let not_multipart = browser.post_form(FORM, FORM, &[("file", "x")]).await;
    assert_eq!(not_multipart.status, StatusCode::BAD_REQUEST);

    let runs = "SELECT count(*) FROM ogp_import_runs";
    assert_eq!(count(&app.db, runs).await, 0);
    let started = "SELECT count(*) FROM audit_log WHERE action = 'ogp_import.start'";
    assert_eq!(count(&app.db, started).await, 0);
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM commitments").await,
        before
    );
}

#[tokio::test]
async fn only_platform_administrators_import_ogp_data() {
    let app = spawn_demo_app().await;
    app.user(ADMIN, Role::Admin, None).await;
    let mut admin = app.browser();
    admin.log_in(ADMIN).await;
    let sent = upload(&mut admin, "commitments.csv", HARD).await;
    let run = sent.headers["location"]
        .to_str()
        .expect("location")
        .to_owned();
    finished(&mut admin, &run).await;

    app.government("Paraguay", "paraguay", "PY").await;
    app.user_of(
        "admin.py@example.org",
        Role::Admin,
        (None, Some("paraguay")),
    )
    .await;
    app.user("foro@example.org", Role::Nucleo, None).await;
    for email in ["admin.py@example.org", "foro@example.org"] {
        let mut browser = app.browser();
        browser.log_in(email).await;
        for uri in [FORM.to_owned(), run.clone(), format!("{run}/report.csv")] {
            assert_eq!(
                browser.get(&uri).await.status,
                StatusCode::FORBIDDEN,
                "{email} {uri}"
            );
        }
        // The form's token comes from a page it may open.
        let refused = browser
            .post_multipart("/account", FORM, &[], &[("file", "c.csv", HARD.to_vec())])
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{email}");
    }
    let nav = {
        let mut browser = app.browser();
        browser.log_in("admin.py@example.org").await;
        browser.get("/admin/users").await
    };
    assert!(!nav.body.contains("href=\"/admin/ogp-import\""));
    assert!(
        admin
            .get("/admin/users")
            .await
            .body
            .contains("href=\"/admin/ogp-import\"")
    );
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM ogp_import_runs").await,
        1
    );

    // Unknown or malformed runs do not exist; a run cut short says so and has no report.
    let unknown = format!("{FORM}/{}", uuid::Uuid::now_v7());
    assert_eq!(admin.get(&unknown).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        admin.get(&format!("{FORM}/x")).await.status,
        StatusCode::NOT_FOUND
    );
    let stale: uuid::Uuid = sqlx::query_scalar(
        "INSERT INTO ogp_import_runs (id, actor_label, file_name, file_bytes, started_at)
         VALUES (gen_random_uuid(), 'root@example.org', 'old.csv', 10, now() - interval '2 hours')
         RETURNING id",
    )
    .fetch_one(&app.db)
    .await
    .expect("stale run");
    let page = admin.get(&format!("{FORM}/{stale}")).await;
    assert!(page.body.contains("Interrumpida"), "{}", page.body);
    let report = admin.get(&format!("{FORM}/{stale}/report.csv")).await;
    assert_eq!(report.status, StatusCode::NOT_FOUND);
}
