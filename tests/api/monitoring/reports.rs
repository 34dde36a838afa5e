//! Monitoring reports: the five formats, "as of" a past date, frozen reports and sign-offs,
//! all public; freezing and signing, by the forum.

use std::io::{Cursor, Read};

use abierto::domain::Role;
use axum::http::{StatusCode, header};
use calamine::{Data, DataType, Reader, Xlsx, open_workbook_from_rs};
use chrono::{Duration, Utc};
use serde_json::Value;

use crate::helpers::{Browser, TestApp, spawn_demo_app};

const PLAN: &str = "ecuador-2019-2022";
const REPORT: &str = "/monitoring/plans/ecuador-2019-2022/report";
/// The same live report, for everyone.
const PUBLIC_REPORT: &str = "/plans/ecuador-2019-2022/report";
/// The Spanish sheet names of a Spanish export.
const SPANISH_SHEETS: [&str; 5] = [
    "Resumen",
    "Compromisos",
    "Hitos",
    "Reportes de avance",
    "Evaluaciones",
];

async fn nucleo(app: &TestApp) -> Browser<'_> {
    app.user("grupo@example.org", Role::Nucleo, None).await;
    let mut browser = app.browser();
    browser.log_in("grupo@example.org").await;
    browser
}

async fn json_report(browser: &mut Browser<'_>, as_of: &str) -> (Vec<u8>, Value) {
    let (status, headers, bytes) = browser
        .get_bytes(&format!("{REPORT}?as_of={as_of}&format=json"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    let value = serde_json::from_slice(&bytes).expect("the JSON report parses");
    (bytes, value)
}

/// A validated report on the first milestone of the plan's first commitment, reported now.
async fn new_update(app: &TestApp, narrative: &str, progress: i16) {
    sqlx::query(
        "INSERT INTO progress_updates (milestone_id, author_name, progress, status, narrative,
                                       review_state, reviewed_at)
         SELECT m.id, 'Oficial de prueba', $2, 'in_progress', $1, 'validated', now()
           FROM milestones m JOIN commitments c ON c.id = m.commitment_id
           JOIN action_plans p ON p.id = c.plan_id
          WHERE p.slug = $3
          ORDER BY length(c.code), c.code, m.position LIMIT 1",
    )
    .bind(narrative)
    .bind(progress)
    .bind(PLAN)
    .execute(&app.db)
    .await
    .expect("insert an update");
}

fn today() -> String {
    Utc::now().date_naive().format("%Y-%m-%d").to_string()
}

async fn commitment_titles(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT c.title FROM commitments c JOIN action_plans p ON p.id = c.plan_id
          WHERE p.slug = $1 ORDER BY length(c.code), c.code",
    )
    .bind(PLAN)
    .fetch_all(&app.db)
    .await
    .expect("titles")
}

#[tokio::test]
async fn the_xlsx_report_holds_the_reports_numbers_and_real_dates() {
    let app = spawn_demo_app().await;
    new_update(&app, "=HYPERLINK(\"http://example.org\")", 40).await;
    let mut browser = nucleo(&app).await;
    let (_, json) = json_report(&mut browser, &today()).await;
    let (status, headers, bytes) = browser.get_bytes(&format!("{REPORT}?format=xlsx")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        format!("attachment; filename=\"informe-{PLAN}-{}.xlsx\"", today()).as_str()
    );
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("an xlsx file");
    assert_eq!(book.sheet_names(), SPANISH_SHEETS, "a Spanish export");

    let summary = book.worksheet_range("Resumen").expect("summary");
    let as_of = summary.get((3, 1)).expect("as-of cell");
    assert!(matches!(as_of, Data::DateTime(_)), "a date cell: {as_of:?}");
    assert_eq!(as_of.as_date(), Some(Utc::now().date_naive()));
    let progress = summary.get((6, 1)).and_then(|c| c.get_float());
    assert_eq!(progress, json["summary"]["progress"].as_f64());

    let commitments = book.worksheet_range("Compromisos").expect("commitments");
    let rows: Vec<_> = commitments.rows().skip(1).collect();
    let expected = json["commitments"].as_array().expect("commitments");
    assert_eq!(rows.len(), expected.len());
    for (row, c) in rows.iter().zip(expected) {
        assert_eq!(row[2].get_string(), c["title"].as_str());
        assert_eq!(row[7].get_float(), c["progress"].as_f64(), "{}", c["code"]);
        if let Some(end) = c["end"].as_str() {
            assert_eq!(
                row[6].as_date().map(|d| d.to_string()).as_deref(),
                Some(end)
            );
        }
    }

    let milestones = book.worksheet_range("Hitos").expect("milestones");
    assert_eq!(
        milestones.get((0, 2)).and_then(|c| c.get_string()),
        Some("Hito"),
        "milestone titles are headed as milestones"
    );

    let updates = book.worksheet_range("Reportes de avance").expect("updates");
    let narratives: Vec<String> = updates
        .rows()
        .skip(1)
        .filter_map(|r| r[10].get_string().map(str::to_owned))
        .collect();
    assert!(
        narratives.contains(&"'=HYPERLINK(\"http://example.org\")".to_owned()),
        "a formula-like narrative is kept as neutralised text"
    );
    let reported = updates.get((1, 3)).expect("reported-at cell");
    assert!(matches!(reported, Data::DateTime(_)), "{reported:?}");
}

#[tokio::test]
async fn the_pdf_report_carries_every_commitment_title_as_text() {
    let app = spawn_demo_app().await;
    let mut browser = nucleo(&app).await;
    let (status, headers, bytes) = browser.get_bytes(&format!("{REPORT}?format=pdf")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("text extracts");
    // Text extraction joins wrapped lines without a space: compare without whitespace.
    let flat = |s: &str| s.split_whitespace().collect::<String>();
    let text = flat(&text);
    assert!(text.contains(&flat("Informe de seguimiento")));
    let titles = commitment_titles(&app).await;
    assert!(titles.iter().any(|t| !t.is_ascii()), "accents are tested");
    for title in titles {
        assert!(
            text.contains(&flat(&title)),
            "missing from the PDF: {title}"
        );
    }
}

#[tokio::test]
async fn a_report_as_of_a_past_day_ignores_later_updates() {
    let app = spawn_demo_app().await;
    let mut browser = nucleo(&app).await;
    let yesterday = (Utc::now() - Duration::days(1)).date_naive().to_string();
    let (before, _) = json_report(&mut browser, &yesterday).await;
    new_update(&app, "Reporte de hoy", 100).await;
    let (after, value) = json_report(&mut browser, &yesterday).await;
    assert_eq!(
        before, after,
        "a report of yesterday does not see today's update"
    );
    assert!(!String::from_utf8_lossy(&after).contains("Reporte de hoy"));
    let (_, now) = json_report(&mut browser, &today()).await;
    let narratives: Vec<&str> = now["updates"]
        .as_array()
        .expect("updates")
        .iter()
        .filter_map(|u| u["narrative"].as_str())
        .collect();
    assert!(narratives.contains(&"Reporte de hoy"));
    assert_eq!(value["as_of"], yesterday.as_str());
}

#[tokio::test]
async fn freezing_first_shows_what_cannot_be_undone_and_writes_nothing() {
    let app = spawn_demo_app().await;
    let mut browser = nucleo(&app).await;
    let audited = "SELECT count(*) FROM audit_log WHERE action = 'report.freeze'";
    let page = browser
        .post_form(
            REPORT,
            &format!("/monitoring/plans/{PLAN}/snapshots"),
            &[("period_label", "Cierre 2021"), ("as_of", "2021-12-31")],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    for said in [
        "¿Congelar el informe «Cierre 2021»?",
        "las cifras al 31 de diciembre de 2021",
        "No se puede deshacer",
        "Sí, congelar el informe",
        "Volver",
    ] {
        assert!(page.body.contains(said), "{said}: {}", page.body);
    }
    let frozen = "SELECT count(*) FROM report_snapshots";
    for sql in [frozen, audited] {
        let n: i64 = sqlx::query_scalar(sql).fetch_one(&app.db).await.expect(sql);
        assert_eq!(n, 0, "nothing written before confirming: {sql}");
    }

    let done = crate::helpers::confirm(&mut browser, &page).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    for sql in [frozen, audited] {
        let n: i64 = sqlx::query_scalar(sql).fetch_one(&app.db).await.expect(sql);
        assert_eq!(n, 1, "{sql}");
    }
}

#[tokio::test]
async fn a_frozen_report_stays_byte_identical_after_new_updates() {
    let app = spawn_demo_app().await;
    let mut browser = nucleo(&app).await;
    let page = browser
        .post_form(
            REPORT,
            &format!("/monitoring/plans/{PLAN}/snapshots"),
            &[
                ("period_label", "Primer semestre"),
                ("as_of", &today()),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let location = page.headers[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(location.starts_with(&format!("/plans/{PLAN}/reports/")));

    let mut anonymous = app.browser();
    let json_uri = format!("{location}?format=json");
    let (status, headers, frozen) = anonymous.get_bytes(&json_uri).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_DISPOSITION]
            .to_str()
            .expect("ascii")
            .contains(".json")
    );
    let stored: String = sqlx::query_scalar("SELECT sha256 FROM report_snapshots")
        .fetch_one(&app.db)
        .await
        .expect("one snapshot");
    assert_eq!(abierto::reports::json::sha256_hex(&frozen), stored);

    new_update(&app, "Reporte posterior al corte", 90).await;
    let (_, _, again) = anonymous.get_bytes(&json_uri).await;
    assert_eq!(again, frozen, "the frozen JSON does not change");
    let (live, _) = json_report(&mut browser, &today()).await;
    assert_ne!(live, frozen, "the live report does see the new update");

    let page = anonymous.get(&location).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Primer semestre"));
    assert!(page.body.contains(&stored));
    assert!(!page.body.contains("Reporte posterior al corte"));
}

#[tokio::test]
async fn a_forum_member_signs_a_frozen_report_once() {
    let app = spawn_demo_app().await;
    let (institution_slug, institution_name): (String, String) = sqlx::query_as(
        "SELECT i.slug, m.institution_name FROM nucleo_members m
           JOIN institutions i ON i.id = m.institution_id
           JOIN action_plans p ON p.id = m.plan_id
          WHERE p.slug = $1 ORDER BY m.position LIMIT 1",
    )
    .bind(PLAN)
    .fetch_one(&app.db)
    .await
    .expect("a forum seat with an institution");
    let mut freezer = nucleo(&app).await;
    let page = freezer
        .post_form(
            REPORT,
            &format!("/monitoring/plans/{PLAN}/snapshots"),
            &[
                ("period_label", "Cierre 2021"),
                ("as_of", "2021-12-31"),
                ("confirm", "yes"),
            ],
        )
        .await;
    let location = page.headers[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned();
    let id = location.rsplit('/').next().expect("id").to_owned();
    let sign = format!("/monitoring/plans/{PLAN}/snapshots/{id}/signoffs");

    // A forum account whose institution holds no seat is refused.
    let refused = freezer.post_form(&location, &sign, &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    app.user("miembro@example.org", Role::Nucleo, Some(&institution_slug))
        .await;
    let mut member = app.browser();
    member.log_in("miembro@example.org").await;
    let signed = member.post_form(&location, &sign, &[]).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    let twice = member.post_form(&location, &sign, &[]).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);

    let page = app.browser().get(&location).await;
    assert!(page.body.contains(&institution_name));
    let audited: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'report.signoff'")
            .fetch_one(&app.db)
            .await
            .expect("audit");
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn the_csv_zip_holds_one_file_per_entity() {
    let app = spawn_demo_app().await;
    let mut browser = nucleo(&app).await;
    let (status, headers, bytes) = browser.get_bytes(&format!("{REPORT}?format=csv")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/zip");
    assert!(
        headers[header::CONTENT_DISPOSITION]
            .to_str()
            .expect("ascii")
            .ends_with(".csv.zip\"")
    );
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.expect("a file name").into_owned())
        .collect();
    assert_eq!(
        names.len(),
        7,
        "summary, commitments, milestones, updates, assessments, counterpart reports, round assessments: {names:?}"
    );
    for entity in [
        "summary",
        "commitments",
        "milestones",
        "updates",
        "assessments",
        "counterpart_reports",
        "round_assessments",
    ] {
        assert!(names.contains(&format!("{entity}.csv")), "{entity}");
    }
    let mut text = String::new();
    zip.by_name("commitments.csv")
        .expect("commitments.csv")
        .read_to_string(&mut text)
        .expect("utf-8");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(&reader.headers().expect("header")[2], "title");
    let titles: Vec<String> = reader
        .records()
        .map(|r| r.expect("record")[2].to_owned())
        .collect();
    assert_eq!(titles, commitment_titles(&app).await);
}

#[tokio::test]
async fn the_html_report_shows_the_chart_and_links_every_download() {
    let app = spawn_demo_app().await;
    let mut browser = nucleo(&app).await;
    let page = browser.get(&format!("{REPORT}?as_of=2021-06-30")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<svg class=\"report-chart\""));
    assert!(page.body.contains("Situación al 30 de junio de 2021"));
    let html = scraper::Html::parse_document(&page.body);
    let links = scraper::Selector::parse("a[href]").expect("selector");
    let hrefs: Vec<&str> = html
        .select(&links)
        .filter_map(|a| a.value().attr("href"))
        .collect();
    for format in ["pdf", "xlsx", "csv", "json"] {
        let href = format!("{REPORT}?as_of=2021-06-30&format={format}");
        assert!(hrefs.contains(&href.as_str()), "{href}");
    }
}

#[tokio::test]
async fn only_the_forum_gets_reports() {
    let app = spawn_demo_app().await;
    for (email, role, institution) in [
        ("p@example.org", Role::Participant, None),
        ("o@example.org", Role::Official, Some("asamblea-nacional")),
        ("a@example.org", Role::Admin, None),
    ] {
        app.user(email, role, institution).await;
        let mut browser = app.browser();
        browser.log_in(email).await;
        let (status, _, _) = browser.get_bytes(&format!("{REPORT}?format=json")).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email}");
    }
}

#[tokio::test]
async fn a_bad_cut_off_date_or_format_is_a_translated_400() {
    let app = spawn_demo_app().await;
    let mut browser = nucleo(&app).await;
    let page = browser.get(&format!("{REPORT}?as_of=2024-13-45")).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("La fecha de corte no es válida"));
    let tomorrow = (Utc::now() + Duration::days(1)).date_naive();
    let page = browser
        .get(&format!("{REPORT}?as_of={tomorrow}&format=pdf"))
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("no puede ser posterior a hoy"));
    let page = browser.get(&format!("{REPORT}?format=docx")).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let page = browser
        .post_form(
            REPORT,
            &format!("/monitoring/plans/{PLAN}/snapshots"),
            &[
                ("period_label", " "),
                ("as_of", "2021-01-01"),
                ("confirm", "yes"),
            ],
        )
        .await;
    // The report comes back as of the same day, its freeze form marked beside the field.
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("aria-describedby=\"period-label-error\"")
    );
    assert!(page.body.contains("name=\"as_of\" value=\"2021-01-01\""));
    assert!(page.body.contains("Indique el nombre del corte"));
    let frozen: i64 = sqlx::query_scalar("SELECT count(*) FROM report_snapshots")
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(frozen, 0, "nothing half-written");
}

/// The text of a PDF, without whitespace (extraction joins wrapped lines as it pleases).
fn pdf_text(bytes: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(bytes).expect("text extracts");
    flat(&text)
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect()
}

/// The structure types (`/S`) of a tagged PDF's structure tree, in reading order, with the
/// `/Alt` texts of its figures.
fn structure(doc: &pdf_extract::Document) -> (Vec<String>, Vec<String>) {
    fn walk(
        doc: &pdf_extract::Document,
        object: &pdf_extract::Object,
        kinds: &mut Vec<String>,
        alts: &mut Vec<String>,
    ) {
        let Ok((_, object)) = doc.dereference(object) else {
            return;
        };
        if let Ok(array) = object.as_array() {
            for item in array {
                walk(doc, item, kinds, alts);
            }
            return;
        }
        let Ok(dict) = object.as_dict() else { return };
        if let Ok(kind) = dict.get(b"S").and_then(|s| s.as_name()) {
            let kind = String::from_utf8_lossy(kind).into_owned();
            if kind == "Figure" {
                let alt = dict.get(b"Alt").and_then(|a| a.as_str()).unwrap_or(b"");
                alts.push(String::from_utf8_lossy(alt).into_owned());
            }
            kinds.push(kind);
        }
        if let Ok(children) = dict.get(b"K") {
            walk(doc, children, kinds, alts);
        }
    }
    let catalog = doc.catalog().expect("a catalog");
    let root = catalog.get(b"StructTreeRoot").expect("a structure tree");
    let (mut kinds, mut alts) = (Vec::new(), Vec::new());
    walk(doc, root, &mut kinds, &mut alts);
    (kinds, alts)
}

/// Checks that `bytes` are a tagged PDF in `lang`; returns its structure types.
fn assert_tagged(bytes: &[u8], lang: &str) -> Vec<String> {
    let doc = pdf_extract::Document::load_mem(bytes).expect("a PDF");
    let catalog = doc.catalog().expect("a catalog");
    let marked = catalog
        .get(b"MarkInfo")
        .and_then(|m| doc.dereference(m))
        .and_then(|(_, m)| m.as_dict())
        .and_then(|m| m.get(b"Marked"))
        .and_then(|m| m.as_bool());
    assert_eq!(marked.ok(), Some(true), "/MarkInfo << /Marked true >>");
    let language = catalog
        .get(b"Lang")
        .and_then(|l| l.as_str())
        .map(|l| String::from_utf8_lossy(l).into_owned());
    assert_eq!(language.ok().as_deref(), Some(lang), "/Lang");
    let (kinds, alts) = structure(&doc);
    for kind in [
        "Document", "H1", "H2", "P", "Table", "THead", "TBody", "TR", "TH", "TD", "Figure",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "no {kind} in {kinds:?}");
    }
    assert!(
        !alts.is_empty() && alts.iter().all(|a| !a.trim().is_empty()),
        "figures have alt text"
    );
    kinds
}

#[tokio::test]
async fn anyone_gets_the_live_report_in_every_format() {
    let app = spawn_demo_app().await;
    let mut anonymous = app.browser();
    for (format, content_type) in [
        ("html", "text/html; charset=utf-8"),
        ("pdf", "application/pdf"),
        (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("csv", "application/zip"),
        ("json", "application/json"),
    ] {
        let uri = format!("{PUBLIC_REPORT}?as_of=2021-06-30&format={format}");
        let (status, headers, bytes) = anonymous.get_bytes(&uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(headers[header::CONTENT_TYPE], content_type, "{uri}");
        assert!(!bytes.is_empty());
        if format != "html" {
            let extension = if format == "csv" { "csv.zip" } else { format };
            assert_eq!(
                headers[header::CONTENT_DISPOSITION],
                format!("attachment; filename=\"informe-{PLAN}-2021-06-30.{extension}\"").as_str(),
                "{uri}"
            );
            assert_eq!(headers[header::CACHE_CONTROL], "no-store", "{uri}");
        }
    }
    let page = app.get(&format!("{PUBLIC_REPORT}?as_of=2021-06-30")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Situación al 30 de junio de 2021"));
    let html = scraper::Html::parse_document(&page.body);
    let forms = scraper::Selector::parse("form[method=post]").expect("selector");
    assert_eq!(
        html.select(&forms).count(),
        0,
        "no freeze or sign-off form for an anonymous visitor"
    );
    assert!(
        !page
            .body
            .contains(&format!("/monitoring/plans/{PLAN}/snapshots"))
    );
    let links = scraper::Selector::parse("a[href]").expect("selector");
    let hrefs: Vec<&str> = html
        .select(&links)
        .filter_map(|a| a.value().attr("href"))
        .collect();
    for format in ["pdf", "xlsx", "csv", "json"] {
        let href = format!("{PUBLIC_REPORT}?as_of=2021-06-30&format={format}");
        assert!(hrefs.contains(&href.as_str()), "{href}");
    }
    // The forum still sees its freeze form, on either address.
    let mut forum = nucleo(&app).await;
    for uri in [REPORT, PUBLIC_REPORT] {
        let page = forum.get(uri).await;
        assert!(page.body.contains("name=\"period_label\""), "{uri}");
    }
}

#[tokio::test]
async fn the_pdf_report_is_tagged_in_the_readers_language_with_the_validation_counts() {
    let app = spawn_demo_app().await;
    new_update(&app, "Reporte validado para el conteo", 30).await;
    let mut anonymous = app.browser();
    let (_, _, json) = anonymous
        .get_bytes(&format!("{PUBLIC_REPORT}?format=json"))
        .await;
    let json: Value = serde_json::from_slice(&json).expect("json");
    let started = std::time::Instant::now();
    let (status, _, bytes) = anonymous
        .get_bytes(&format!("{PUBLIC_REPORT}?format=pdf"))
        .await;
    let took = started.elapsed();
    assert_eq!(status, StatusCode::OK);
    let kinds = assert_tagged(&bytes, "es");
    let doc = pdf_extract::Document::load_mem(&bytes).expect("a PDF");
    println!(
        "demo PDF: {} bytes, {} pages, {} structure elements, {took:?} (debug build)",
        bytes.len(),
        doc.get_pages().len(),
        kinds.len()
    );
    let text = pdf_text(&bytes);
    for title in commitment_titles(&app).await {
        assert!(
            text.contains(&flat(&title)),
            "missing from the PDF: {title}"
        );
    }
    let reviews = &json["summary"]["reviews"];
    assert!(reviews["validated"].as_u64() > Some(0));
    for (label, key) in [
        ("Validado", "validated"),
        ("Reportado, pendiente de validación", "pending"),
        ("Devuelto", "returned"),
        ("Impugnado", "contested"),
    ] {
        let row = flat(&format!("{label} {}", reviews[key]));
        assert!(text.contains(&row), "the PDF shows {label}: {row}");
    }

    let english = app
        .get_with_cookie(&format!("{PUBLIC_REPORT}?format=pdf"), "lang=en")
        .await;
    assert_eq!(english.status, StatusCode::OK);
    assert_tagged(&english.bytes, "en");
    assert!(pdf_text(&english.bytes).contains(&flat("Monitoring report")));
}

#[tokio::test]
async fn anonymous_reports_are_kept_by_their_whole_query_and_never_go_stale() {
    let app = spawn_demo_app().await;
    let yesterday = (Utc::now() - Duration::days(1)).date_naive().to_string();
    let past = format!("{PUBLIC_REPORT}?as_of={yesterday}&format=json");
    let now = format!("{PUBLIC_REPORT}?format=json");
    let before = app.get(&past).await;
    assert_eq!(app.get(&past).await.bytes, before.bytes);
    let today = app.get(&now).await;
    assert_eq!(today.status, StatusCode::OK);
    new_update(&app, "Reporte que el caché no oculta", 70).await;
    let after = app.get(&now).await;
    assert!(after.body.contains("Reporte que el caché no oculta"));
    assert_eq!(
        app.get(&past).await.bytes,
        before.bytes,
        "yesterday stays yesterday"
    );
    let html = app.get(&format!("{PUBLIC_REPORT}?as_of={yesterday}")).await;
    assert!(!html.body.contains("Reporte que el caché no oculta"));
}

/// Freezes the report as of 2021-12-31 and has the plan's first forum seat sign it; returns
/// the frozen report's address and the signing institution's name.
async fn frozen_and_signed(app: &TestApp) -> (String, String) {
    let (institution_slug, institution_name): (String, String) = sqlx::query_as(
        "SELECT i.slug, m.institution_name FROM nucleo_members m
           JOIN institutions i ON i.id = m.institution_id
           JOIN action_plans p ON p.id = m.plan_id
          WHERE p.slug = $1 ORDER BY m.position LIMIT 1",
    )
    .bind(PLAN)
    .fetch_one(&app.db)
    .await
    .expect("a forum seat with an institution");
    let mut freezer = nucleo(app).await;
    let page = freezer
        .post_form(
            REPORT,
            &format!("/monitoring/plans/{PLAN}/snapshots"),
            &[
                ("period_label", "Cierre 2021"),
                ("as_of", "2021-12-31"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let location = page.headers[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned();
    let id = location.rsplit('/').next().expect("id").to_owned();
    app.user("firma@example.org", Role::Nucleo, Some(&institution_slug))
        .await;
    let mut member = app.browser();
    member.log_in("firma@example.org").await;
    let signed = member
        .post_form(
            &location,
            &format!("/monitoring/plans/{PLAN}/snapshots/{id}/signoffs"),
            &[],
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    (location, institution_name)
}

#[tokio::test]
async fn a_frozen_report_comes_in_every_format_with_its_signoffs() {
    let app = spawn_demo_app().await;
    let (location, institution) = frozen_and_signed(&app).await;
    let mut anonymous = app.browser();

    let page = anonymous.get(&location).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&institution));
    let html = scraper::Html::parse_document(&page.body);
    let forms = scraper::Selector::parse("form[method=post]").expect("selector");
    assert_eq!(
        html.select(&forms).count(),
        0,
        "no sign-off form for anonymous"
    );
    for format in ["pdf", "xlsx", "csv", "json"] {
        assert!(
            page.body.contains(&format!("{location}?format={format}")),
            "the frozen report links its {format}"
        );
    }

    let (status, headers, pdf) = anonymous.get_bytes(&format!("{location}?format=pdf")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        format!("attachment; filename=\"corte-{PLAN}-2021-12-31.pdf\"").as_str()
    );
    assert_tagged(&pdf, "es");
    let text = pdf_text(&pdf);
    assert!(text.contains(&flat("Cierre 2021")));
    assert!(
        text.contains(&flat(&institution)),
        "the PDF lists the sign-off"
    );
    assert!(text.contains(&flat("Situación al 31 de diciembre de 2021")));

    let (status, headers, xlsx) = anonymous
        .get_bytes(&format!("{location}?format=xlsx"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_DISPOSITION]
            .to_str()
            .expect("ascii")
            .ends_with(".xlsx\"")
    );
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx)).expect("an xlsx file");
    let mut sheets = SPANISH_SHEETS.to_vec();
    sheets.push("Corte y firmas");
    assert_eq!(book.sheet_names(), sheets);
    let signoffs = book.worksheet_range("Corte y firmas").expect("sign-offs");
    assert_eq!(
        signoffs.get((1, 0)).and_then(|c| c.get_string()),
        Some(institution.as_str())
    );

    let (status, headers, zip) = anonymous.get_bytes(&format!("{location}?format=csv")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/zip");
    let mut zip = zip::ZipArchive::new(Cursor::new(zip)).expect("a zip");
    let mut text = String::new();
    zip.by_name("signoffs.csv")
        .expect("signoffs.csv")
        .read_to_string(&mut text)
        .expect("utf-8");
    assert!(text.contains(&institution) && text.contains("Cierre 2021"));

    let (status, headers, _) = anonymous
        .get_bytes(&format!("{location}?format=json"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.contains_key(header::ETAG));
    let (status, _, _) = anonymous
        .get_bytes(&format!("{location}?format=docx"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_plan_page_links_the_live_report_and_lists_frozen_reports() {
    let app = spawn_demo_app().await;
    let page = app.get(&format!("/plans/{PLAN}")).await;
    assert!(page.body.contains(&format!("href=\"{PUBLIC_REPORT}\"")));
    assert!(
        page.body
            .contains("Aún no hay cortes congelados de este plan.")
    );

    let (location, _) = frozen_and_signed(&app).await;
    let page = app.get(&format!("/plans/{PLAN}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("href=\"{location}\"")));
    assert!(page.body.contains("Cierre 2021"));
    assert!(page.body.contains("una firma"), "the sign-off count");
    for format in ["pdf", "xlsx", "csv", "json"] {
        assert!(
            page.body.contains(&format!("{location}?format={format}")),
            "{format}"
        );
    }
}

/// A report waiting for the forum on each milestone of the plan not validated as complete.
async fn pending_update(app: &TestApp, progress: i16) {
    sqlx::query(
        "INSERT INTO progress_updates (milestone_id, author_name, progress, status, narrative)
         SELECT m.id, 'Oficial de prueba', $1, 'in_progress', 'Reporte pendiente'
           FROM milestones m JOIN commitments c ON c.id = m.commitment_id
           JOIN action_plans p ON p.id = c.plan_id
          WHERE p.slug = $2 AND m.validated_progress < 100",
    )
    .bind(progress)
    .bind(PLAN)
    .execute(&app.db)
    .await
    .expect("insert a pending update");
}

fn points(v: &Value) -> i64 {
    v.as_i64().expect("a whole number of points")
}

#[tokio::test]
async fn the_pdf_shows_every_commitment_title_with_both_figures() {
    let app = spawn_demo_app().await;
    pending_update(&app, 100).await;
    let mut anonymous = app.browser();
    let (_, _, json) = anonymous
        .get_bytes(&format!("{PUBLIC_REPORT}?format=json"))
        .await;
    let json: Value = serde_json::from_slice(&json).expect("json");
    let summary = &json["summary"];
    assert_ne!(
        summary["progress"], summary["reported"],
        "the pending report sets the two figures apart"
    );
    let (status, _, bytes) = anonymous
        .get_bytes(&format!("{PUBLIC_REPORT}?format=pdf"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_tagged(&bytes, "es");
    let text = pdf_text(&bytes);
    for (label, value) in [
        ("Avance validado", &summary["progress"]),
        ("Avance reportado", &summary["reported"]),
    ] {
        let row = flat(&format!("{label} {} %", points(value)));
        assert!(text.contains(&row), "the summary shows {row}");
    }
    // In the commitments table each title is followed by its validated then reported figure.
    let commitments_at = text
        .find(&flat("Compromisos Código"))
        .expect("the commitments table");
    let commitments = &text[commitments_at..];
    for c in json["commitments"].as_array().expect("commitments") {
        let title = flat(c["title"].as_str().expect("title"));
        let at = commitments
            .find(&title)
            .unwrap_or_else(|| panic!("missing from the PDF: {title}"));
        let figures = flat(&format!(
            "{} % {} %",
            points(&c["progress"]),
            points(&c["reported"])
        ));
        let after = &commitments[at + title.len()..];
        let within = after.find(&figures).unwrap_or(usize::MAX);
        assert!(
            within < 400,
            "{title} is followed by its validated and reported figures {figures}"
        );
    }
    let english = app
        .get_with_cookie(&format!("{PUBLIC_REPORT}?format=pdf"), "lang=en")
        .await;
    let english = pdf_text(&english.bytes);
    assert!(english.contains(&flat("Validated progress")));
    assert!(english.contains(&flat("Reported progress")));
}

#[tokio::test]
async fn the_spreadsheets_put_the_reported_figure_beside_the_validated_one() {
    let app = spawn_demo_app().await;
    pending_update(&app, 100).await;
    let mut anonymous = app.browser();
    let (_, _, json) = anonymous
        .get_bytes(&format!("{PUBLIC_REPORT}?format=json"))
        .await;
    let json: Value = serde_json::from_slice(&json).expect("json");

    let (_, _, bytes) = anonymous
        .get_bytes(&format!("{PUBLIC_REPORT}?format=xlsx"))
        .await;
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("an xlsx file");
    let summary = book.worksheet_range("Resumen").expect("summary");
    let field = |row: u32| summary.get((row as usize, 0)).and_then(|c| c.get_string());
    let value = |row: u32| summary.get((row as usize, 1)).and_then(|c| c.get_float());
    assert_eq!(
        (field(6), value(6)),
        (
            Some("Avance validado"),
            json["summary"]["progress"].as_f64()
        )
    );
    assert_eq!(
        (field(7), value(7)),
        (
            Some("Avance reportado"),
            json["summary"]["reported"].as_f64()
        )
    );
    for (sheet, entities, first) in [
        ("Compromisos", "commitments", 7),
        ("Hitos", "milestones", 9),
    ] {
        let range = book.worksheet_range(sheet).expect(sheet);
        let header = |col: usize| range.get((0, col)).and_then(|c| c.get_string());
        assert_eq!(header(first), Some("Avance validado"), "{sheet}");
        assert_eq!(header(first + 1), Some("Avance reportado"), "{sheet}");
        let rows: Vec<_> = range.rows().skip(1).collect();
        let expected = json[entities].as_array().expect(entities);
        assert_eq!(rows.len(), expected.len(), "{sheet}");
        assert!(
            expected.iter().any(|e| e["progress"] != e["reported"]),
            "{sheet}"
        );
        for (row, e) in rows.iter().zip(expected) {
            assert_eq!(row[first].get_float(), e["progress"].as_f64(), "{sheet}");
            assert_eq!(
                row[first + 1].get_float(),
                e["reported"].as_f64(),
                "{sheet}"
            );
        }
    }
    let english = app
        .get_with_cookie(&format!("{PUBLIC_REPORT}?format=xlsx"), "lang=en")
        .await;
    let mut book: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(english.bytes)).expect("an xlsx file");
    let sheet = book.sheet_names()[1].clone();
    let range = book.worksheet_range(&sheet).expect("commitments");
    assert_eq!(
        (
            range.get((0, 7)).and_then(|c| c.get_string()),
            range.get((0, 8)).and_then(|c| c.get_string())
        ),
        (Some("Validated progress"), Some("Reported progress"))
    );

    let (_, _, bytes) = anonymous
        .get_bytes(&format!("{PUBLIC_REPORT}?format=csv"))
        .await;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    for entities in ["commitments", "milestones"] {
        let mut text = String::new();
        zip.by_name(&format!("{entities}.csv"))
            .expect("the file")
            .read_to_string(&mut text)
            .expect("utf-8");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().expect("header").clone();
        let progress = headers
            .iter()
            .position(|h| h == "progress")
            .expect("progress");
        assert_eq!(headers.get(progress + 1), Some("reported"), "{entities}");
        let expected = json[entities].as_array().expect(entities);
        for (record, e) in reader.records().zip(expected) {
            let record = record.expect("record");
            assert_eq!(record[progress], points(&e["progress"]).to_string());
            assert_eq!(record[progress + 1], points(&e["reported"]).to_string());
        }
    }
    let mut summary = String::new();
    zip.by_name("summary.csv")
        .expect("summary.csv")
        .read_to_string(&mut summary)
        .expect("utf-8");
    assert!(summary.contains(&format!(
        "reported,{}",
        points(&json["summary"]["reported"])
    )));
}

#[tokio::test]
async fn the_csv_download_says_it_is_a_zip() {
    let app = spawn_demo_app().await;
    let page = app.get(PUBLIC_REPORT).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("format=csv\">CSV (ZIP)</a>"),
        "{}",
        page.body
    );
    assert!(!page.body.contains(">CSV</a>"));
}

/// The first milestone of the plan's first commitment gets a new title and weight today,
/// recorded as a new version the way every writer records one.
async fn edit_first_milestone(app: &TestApp, title: &str, weight: i32) {
    let mut tx = app.db.begin().await.expect("tx");
    let commitment: uuid::Uuid = sqlx::query_scalar(
        "UPDATE milestones m SET title = $1, weight = $2
          WHERE m.id = (SELECT m.id FROM milestones m JOIN commitments c ON c.id = m.commitment_id
                          JOIN action_plans p ON p.id = c.plan_id WHERE p.slug = $3
                         ORDER BY length(c.code), c.code, m.position LIMIT 1)
      RETURNING m.commitment_id",
    )
    .bind(title)
    .bind(weight)
    .bind(PLAN)
    .fetch_one(&mut *tx)
    .await
    .expect("edit the milestone");
    let author = abierto::store::versions::Author {
        id: None,
        name: "Grupo Núcleo",
    };
    abierto::store::versions::record_version(&mut tx, commitment, author, "Ajuste del hito")
        .await
        .expect("record the version");
    tx.commit().await.expect("commit");
}

#[tokio::test]
async fn a_report_as_of_a_date_before_an_edit_uses_the_old_weight_and_title() {
    let app = spawn_demo_app().await;
    let mut browser = nucleo(&app).await;
    let (_, before) = json_report(&mut browser, "2021-06-30").await;
    let first = before["milestones"][0].clone();
    let old_title = first["title"].as_str().expect("title").to_owned();
    let old_weight = first["weight"].as_u64().expect("weight");
    assert_ne!(old_weight, 100);

    edit_first_milestone(&app, "Título corregido después", 100).await;

    let (_, after) = json_report(&mut browser, "2021-06-30").await;
    assert_eq!(
        after["milestones"][0]["title"].as_str(),
        Some(old_title.as_str())
    );
    assert_eq!(after["milestones"][0]["weight"].as_u64(), Some(old_weight));
    assert_eq!(
        after["commitments"], before["commitments"],
        "the figures are those computed with the old weights"
    );
    assert_eq!(after["summary"], before["summary"]);

    let (_, now) = json_report(&mut browser, &today()).await;
    assert_eq!(
        now["milestones"][0]["title"].as_str(),
        Some("Título corregido después")
    );
    assert_eq!(now["milestones"][0]["weight"].as_u64(), Some(100));
}

#[tokio::test]
async fn a_report_as_of_a_date_before_a_commitment_existed_leaves_it_out() {
    let app = spawn_demo_app().await;
    let mut browser = nucleo(&app).await;
    let (_, early) = json_report(&mut browser, "2019-08-31").await;
    assert_eq!(early["commitments"].as_array().map(Vec::len), Some(0));
    let (_, later) = json_report(&mut browser, "2019-09-01").await;
    assert!(
        later["commitments"]
            .as_array()
            .is_some_and(|c| !c.is_empty())
    );
}
