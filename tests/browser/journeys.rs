//! What people do with Abierto, in a real browser.

use abierto::domain::Role;
use fantoccini::Locator;

use crate::driver::Browser;
use crate::server::ServedApp;

const OFFICIAL: &str = "oficial.a@example.org";

/// Types the credentials into the login form and submits it, as a person would.
pub async fn log_in(browser: &Browser, served: &ServedApp, email: &str) {
    browser.goto(&served.url("/login")).await;
    browser.fill("#email", email).await;
    browser.fill("#password", crate::helpers::PASSWORD).await;
    browser.click("form.stacked button[type=submit]").await;
    let header = browser.text_of("header").await;
    assert!(
        !browser
            .client
            .current_url()
            .await
            .expect("url")
            .path()
            .starts_with("/login"),
        "still on the login page after logging in as {email}: {header}"
    );
}

/// A small but real PDF file on disk, for the file input.
fn evidence_pdf() -> std::path::PathBuf {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("acta-de-avance.pdf");
    let pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
    std::fs::write(&path, pdf).expect("write the evidence file");
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_official_reports_progress_with_a_file_and_sees_it_pending() {
    let served = ServedApp::demo().await;
    served
        .app
        .user(OFFICIAL, Role::Official, Some("asamblea-nacional"))
        .await;
    let browser = Browser::start().await;
    browser
        .journey("official-reports-progress", async |browser| {
            log_in(browser, &served, OFFICIAL).await;
            browser.goto(&served.url("/implementation")).await;
            let report_link = browser
                .client
                .find(Locator::Css("a.button[href$='/report']"))
                .await
                .expect("a milestone to report on");
            let href = report_link.attr("href").await.expect("href").expect("link");
            report_link.click().await.expect("open the report form");

            browser.fill("#progress", "65").await;
            browser.click("#status option[value='in_progress']").await;
            browser
                .fill(
                    "#narrative",
                    "Borrador de ley revisado con la sociedad civil en tres mesas.",
                )
                .await;
            let file = evidence_pdf();
            browser
                .client
                .find(Locator::Css("#file_0"))
                .await
                .expect("file input")
                .send_keys(&file.to_string_lossy())
                .await
                .expect("choose the file");
            browser.fill("#file_source_0", "Asamblea Nacional").await;
            browser.click("form.stacked button[type=submit]").await;

            // The public page shows the report as awaiting validation.
            let milestone = href
                .trim_start_matches("/implementation/milestones/")
                .trim_end_matches("/report");
            let public: (String, String) = sqlx::query_as(
                "SELECT p.slug, c.code FROM milestones m
                   JOIN commitments c ON c.id = m.commitment_id
                   JOIN action_plans p ON p.id = c.plan_id WHERE m.id = $1::uuid",
            )
            .bind(milestone)
            .fetch_one(&served.app.db)
            .await
            .expect("the milestone's commitment");
            browser
                .goto(&served.url(&format!("/plans/{}/commitments/{}", public.0, public.1)))
                .await;
            let page = browser.body_text().await;
            assert!(page.contains("Borrador de ley revisado con la sociedad civil"));
            assert!(page.contains("Reportado, pendiente de validación"));
            assert!(page.contains("acta-de-avance.pdf"));
        })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_switches_to_english_and_reads_a_commitment() {
    let served = ServedApp::demo().await;
    let browser = Browser::start().await;
    browser
        .journey("visitor-reads-in-english", async |browser| {
            browser.goto(&served.url("/")).await;
            assert_eq!(
                browser
                    .client
                    .find(Locator::Css("html"))
                    .await
                    .expect("html")
                    .attr("lang")
                    .await
                    .expect("lang")
                    .as_deref(),
                Some("es")
            );
            browser.click("a.lang-switch").await;
            let html_lang = browser
                .client
                .find(Locator::Css("html"))
                .await
                .expect("html")
                .attr("lang")
                .await
                .expect("lang");
            assert_eq!(html_lang.as_deref(), Some("en"));

            browser.click("a[href='/plans']").await;
            browser.click("a[href='/plans/ecuador-2019-2022']").await;
            browser
                .click("a[href='/plans/ecuador-2019-2022/commitments/1']")
                .await;
            let heading = browser.text_of("h1").await;
            assert!(!heading.is_empty());
            let page = browser.body_text().await;
            assert!(page.contains("Milestones"), "English headings: {page}");
            assert!(page.contains("Español"), "the switch back to Spanish");
            // The choice sticks: the next page is in English too.
            browser.goto(&served.url("/plans")).await;
            assert_eq!(
                browser
                    .client
                    .find(Locator::Css("html"))
                    .await
                    .expect("html")
                    .attr("lang")
                    .await
                    .expect("lang")
                    .as_deref(),
                Some("en")
            );
        })
        .await;
}
