//! The review loop a report goes through, in a real browser, as its three people live it: the
//! official reports with a photo, the forum sees the photo and returns the report with a note,
//! the official finds it at the top of the dashboard and corrects it, the forum validates, and
//! the public page shows the validated figure.

use abierto::domain::Role;
use fantoccini::Locator;
use uuid::Uuid;

use crate::driver::Browser;
use crate::journeys::log_in;
use crate::server::ServedApp;

const OFFICIAL: &str = "oficial.ciclo@example.org";
const MEMBER: &str = "nucleo.ciclo@example.org";
const FIRST: &str = "Acta de la mesa técnica con la sociedad civil, firmada.";
const NOTE: &str = "La foto del acta no muestra las firmas; adjunte la página 2.";
const SECOND: &str = "Acta completa con las firmas de la mesa técnica (páginas 1 y 2).";

/// The commitment chart's row for today, as the public reads it: (reported, validated).
fn chart_today(page: &str) -> (String, String) {
    let doc = scraper::Html::parse_document(page);
    let rows =
        scraper::Selector::parse("figure#commitment-progress-chart details.chart-data tbody tr")
            .expect("selector");
    let cells = scraper::Selector::parse("td").expect("selector");
    let today = doc
        .select(&rows)
        .next_back()
        .expect("the chart's table has rows");
    assert!(
        today.text().collect::<String>().contains("(hoy)"),
        "the last row is today"
    );
    let values: Vec<String> = today
        .select(&cells)
        .map(|c| c.text().collect::<String>().trim().replace('\u{a0}', " "))
        .collect();
    (values[0].clone(), values[1].clone())
}

/// A photo of the minutes, as an official would take it with a phone.
fn photo() -> String {
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/foto-acta.png");
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("foto-acta.png");
    std::fs::copy(&source, &path).expect("copy the photo");
    path.to_string_lossy().into_owned()
}

/// The official fills the report form: progress, status, narrative and the photo.
async fn report(browser: &Browser, served: &ServedApp, milestone: Uuid, narrative: &str) {
    browser
        .goto(&served.url(&format!("/implementation/milestones/{milestone}/report")))
        .await;
    browser.fill("#progress", "60").await;
    browser.click("#status option[value='in_progress']").await;
    browser.fill("#narrative", narrative).await;
    browser
        .fill(
            "#challenges",
            "La revisión con las mesas tomó más de lo previsto.",
        )
        .await;
    browser
        .client
        .find(Locator::Css("#file_0"))
        .await
        .expect("file input")
        .send_keys(&photo())
        .await
        .expect("choose the photo");
    browser.fill("#file_source_0", "Asamblea Nacional").await;
    browser.click("form.stacked button[type=submit]").await;
    browser.wait_for_text("Reporte enviado").await;
}

/// The report's id, found by its narrative.
async fn report_id(served: &ServedApp, narrative: &str) -> Uuid {
    sqlx::query_scalar("SELECT id FROM progress_updates WHERE narrative = $1")
        .bind(narrative)
        .fetch_one(&served.app.db)
        .await
        .expect("the report")
}

/// The forum member opens the queue, checks the photo is shown, and records a decision.
async fn decide(browser: &Browser, served: &ServedApp, report: Uuid, decision: &str, note: &str) {
    browser.goto(&served.url("/monitoring/updates")).await;
    let card = format!("#report-{report}");
    let text = browser.text_of(&card).await;
    assert!(text.contains("foto-acta.png"), "the file is listed: {text}");
    // The photo is shown inline, and it really loaded (a broken image has no width).
    let width = browser
        .client
        .execute(
            "const img = document.querySelector(arguments[0] + ' img.evidence-thumb');
             return img && img.complete ? img.naturalWidth : 0;",
            vec![serde_json::json!(card)],
        )
        .await
        .expect("the thumbnail");
    assert_eq!(
        width,
        serde_json::json!(64),
        "the photo is shown in the queue"
    );
    browser.click(&format!("#{decision}-{report}")).await;
    browser.fill(&format!("#note-{report}"), note).await;
    browser.click(&format!("{card} button[type=submit]")).await;
    browser.wait_for_text("Decisión registrada").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_with_a_photo_is_returned_corrected_and_validated() {
    let served = ServedApp::demo().await;
    served
        .app
        .user(OFFICIAL, Role::Official, Some("asamblea-nacional"))
        .await;
    served.app.user(MEMBER, Role::Nucleo, None).await;
    // A milestone of the Asamblea Nacional below 60 % validated, with nothing awaiting review.
    let (milestone, slug, code, position, title): (Uuid, String, String, i32, String) =
        sqlx::query_as(
            "SELECT m.id, p.slug, c.code, m.position, m.title FROM milestones m
               JOIN commitments c ON c.id = m.commitment_id
               JOIN action_plans p ON p.id = c.plan_id
               JOIN institutions i ON i.id = m.responsible_institution_id
              WHERE i.slug = 'asamblea-nacional' AND p.phase = 'implementation'
                AND m.validated_progress < 60
                AND m.claim_review IS DISTINCT FROM 'pending'
              ORDER BY p.slug, c.code, m.position LIMIT 1",
        )
        .fetch_one(&served.app.db)
        .await
        .expect("a milestone of the Asamblea Nacional to report on");

    let public = format!("/plans/{slug}/commitments/{code}");
    let (_, validated_before) = chart_today(&served.app.get(&public).await.body);

    let official = Browser::start().await;
    official
        .journey("loop-official-reports", async |browser| {
            log_in(browser, &served, OFFICIAL).await;
            report(browser, &served, milestone, FIRST).await;
        })
        .await;
    let first = report_id(&served, FIRST).await;

    let forum = Browser::start().await;
    forum
        .journey("loop-forum-returns", async |browser| {
            log_in(browser, &served, MEMBER).await;
            decide(browser, &served, first, "returned", NOTE).await;
        })
        .await;

    let official = Browser::start().await;
    official
        .journey("loop-official-corrects", async |browser| {
            log_in(browser, &served, OFFICIAL).await;
            browser.goto(&served.url("/implementation")).await;
            // The returned report is the first thing on the dashboard, with the forum's note.
            let first_section = browser.text_of("main section").await;
            assert!(first_section.contains(&title), "{first_section}");
            assert!(first_section.contains(NOTE), "{first_section}");
            browser.click("#needs-action + ul a.button").await;
            let form = browser.wait_for_text(NOTE).await;
            assert!(
                form.contains("Devuelto"),
                "the form shows the returned report: {form}"
            );
            report(browser, &served, milestone, SECOND).await;
        })
        .await;
    let second = report_id(&served, SECOND).await;

    let forum = Browser::start().await;
    forum
        .journey("loop-forum-validates", async |browser| {
            log_in(browser, &served, MEMBER).await;
            decide(browser, &served, second, "validated", "").await;
        })
        .await;

    let validated: i16 =
        sqlx::query_scalar("SELECT validated_progress FROM milestones WHERE id = $1")
            .bind(milestone)
            .fetch_one(&served.app.db)
            .await
            .expect("the milestone's validated figure");
    assert_eq!(validated, 60);

    let visitor = Browser::start().await;
    visitor
        .journey("loop-public-sees-validated", async |browser| {
            browser
                .goto(&served.url(&format!("/plans/{slug}/commitments/{code}")))
                .await;
            let milestone_text = browser
                .client
                .execute(
                    "return document.getElementById(arguments[0]).closest('article').innerText;",
                    vec![serde_json::json!(format!("m{position}"))],
                )
                .await
                .expect("the milestone's article");
            let milestone_text = milestone_text.as_str().unwrap_or_default().to_owned();
            assert!(
                milestone_text.contains("60 %"),
                "the validated figure: {milestone_text}"
            );
            assert!(
                !milestone_text.contains("pendiente de validación"),
                "nothing is pending any more: {milestone_text}"
            );
            let page = browser.body_text().await;
            assert!(
                page.contains(SECOND),
                "the corrected report is public: {page}"
            );
            // The chart's point for today rose with the validation.
            let source = browser.client.source().await.expect("the page's HTML");
            let (_, validated) = chart_today(&source);
            let percent = |s: &str| -> u8 {
                s.trim_end_matches('%')
                    .trim()
                    .parse()
                    .unwrap_or_else(|_| panic!("{s}"))
            };
            assert!(
                percent(&validated) > percent(&validated_before),
                "the chart's validated point moved: {validated_before} → {validated}"
            );
        })
        .await;
}
