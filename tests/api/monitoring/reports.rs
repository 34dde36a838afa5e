//! Monitoring reports: the five formats, "as of" a past date, frozen reports and sign-offs.

use std::io::{Cursor, Read};

use abierto::domain::Role;
use axum::http::{StatusCode, header};
use calamine::{Data, DataType, Reader, Xlsx, open_workbook_from_rs};
use chrono::{Duration, Utc};
use serde_json::Value;

use crate::helpers::{Browser, TestApp, spawn_demo_app};

const PLAN: &str = "ecuador-2019-2022";
const REPORT: &str = "/monitoring/plans/ecuador-2019-2022/report";

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
    assert_eq!(
        book.sheet_names(),
        [
            "Resumen",
            "Compromisos",
            "Hitos",
            "Reportes de avance",
            "Evaluaciones"
        ],
        "a Spanish export"
    );

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
async fn a_frozen_report_stays_byte_identical_after_new_updates() {
    let app = spawn_demo_app().await;
    let mut browser = nucleo(&app).await;
    let page = browser
        .post_form(
            REPORT,
            &format!("/monitoring/plans/{PLAN}/snapshots"),
            &[("period_label", "Primer semestre"), ("as_of", &today())],
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
            &[("period_label", "Cierre 2021"), ("as_of", "2021-12-31")],
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
        5,
        "summary, commitments, milestones, updates, assessments: {names:?}"
    );
    for entity in [
        "summary",
        "commitments",
        "milestones",
        "updates",
        "assessments",
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
            &[("period_label", " "), ("as_of", "2021-01-01")],
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let frozen: i64 = sqlx::query_scalar("SELECT count(*) FROM report_snapshots")
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(frozen, 0, "nothing half-written");
}
