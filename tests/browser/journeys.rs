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
    // Logged in: the page that follows has the log-out button.
    browser
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(10))
        .for_element(Locator::Css("form[action='/logout']"))
        .await
        .unwrap_or_else(|e| panic!("{email} is not logged in: {e}"));
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
            browser
                .fill(
                    "#challenges",
                    "La revisión con las mesas tomó más de lo previsto.",
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
            browser.wait_for_text("Reporte enviado").await;

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

/// Fetches a link of the current page with the browser's own session, as a download would:
/// status, media type and the first bytes.
async fn download(browser: &Browser, href: &str) -> (u64, String, String) {
    let result = browser
        .client
        .execute_async(
            "const [href, done] = arguments;
             fetch(href).then(async r => {
                 const bytes = new Uint8Array(await r.arrayBuffer());
                 done([r.status, r.headers.get('content-type') || '',
                       String.fromCharCode(...bytes.slice(0, 4))]);
             }, e => done([0, String(e), '']));",
            vec![serde_json::Value::String(href.to_owned())],
        )
        .await
        .expect("download");
    (
        result[0].as_u64().unwrap_or_default(),
        result[1].as_str().unwrap_or_default().to_owned(),
        result[2].as_str().unwrap_or_default().to_owned(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forum_member_validates_a_report_and_downloads_the_pdf_and_xlsx_reports() {
    let served = ServedApp::demo().await;
    // An official's report waits in the queue.
    served
        .app
        .user(OFFICIAL, Role::Official, Some("asamblea-nacional"))
        .await;
    let (milestone, version): (uuid::Uuid, i32) = sqlx::query_as(
        "SELECT m.id, m.version FROM milestones m JOIN commitments c ON c.id = m.commitment_id
          WHERE c.ogp_id = 'EC0014' AND m.position = 3",
    )
    .fetch_one(&served.app.db)
    .await
    .expect("milestone");
    let mut official = served.app.browser();
    official.log_in(OFFICIAL).await;
    let form = format!("/implementation/milestones/{milestone}/report");
    let sent = official
        .post_form(
            &form,
            &form,
            &[
                ("version", &version.to_string()),
                ("progress", "80"),
                ("status", "in_progress"),
                ("challenges", "Retraso en la contratación."),
                (
                    "narrative",
                    "Sistema de monitoreo legislativo en pruebas públicas.",
                ),
            ],
        )
        .await;
    assert_eq!(sent.status.as_u16(), 303);

    let member = "nucleo.navegador@example.org";
    served.app.user(member, Role::Nucleo, None).await;
    let browser = Browser::start().await;
    browser
        .journey("forum-validates-and-downloads", async |browser| {
            log_in(browser, &served, member).await;
            browser.goto(&served.url("/monitoring")).await;
            browser.click("#pending a").await;
            let queue = browser.body_text().await;
            assert!(queue.contains("Sistema de monitoreo legislativo en pruebas públicas."));
            browser
                .click(
                    "form[action^='/monitoring/updates/'] input[name=decision][value='validated']",
                )
                .await;
            browser
                .click("form[action^='/monitoring/updates/'] button[type=submit]")
                .await;
            // The decision lands when the queue page comes back.
            let mut state = String::new();
            for _ in 0..50 {
                state = sqlx::query_scalar(
                    "SELECT review_state FROM progress_updates ORDER BY reported_at DESC LIMIT 1",
                )
                .fetch_one(&served.app.db)
                .await
                .expect("the report");
                if state != "pending" {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            assert_eq!(state, "validated");

            browser.goto(&served.url("/monitoring")).await;
            browser.click("a.button[href$='/report']").await;
            let page = browser.body_text().await;
            assert!(page.contains("Informe de seguimiento"), "{page}");
            let pdf = browser
                .client
                .find(Locator::LinkText("PDF"))
                .await
                .expect("PDF link")
                .attr("href")
                .await
                .expect("href")
                .expect("a link");
            let xlsx = browser
                .client
                .find(Locator::LinkText("XLSX"))
                .await
                .expect("XLSX link")
                .attr("href")
                .await
                .expect("href")
                .expect("a link");
            let (status, media, magic) = download(browser, &pdf).await;
            assert_eq!(
                (status, media.as_str(), magic.as_str()),
                (200, "application/pdf", "%PDF")
            );
            let (status, media, magic) = download(browser, &xlsx).await;
            assert_eq!(status, 200);
            assert!(media.contains("spreadsheetml"), "{media}");
            assert_eq!(&magic[..2], "PK", "an XLSX is a ZIP package");
        })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_proposes_during_co_creation_and_later_reads_the_reasoned_response() {
    let served = ServedApp::demo().await;
    sqlx::query(
        "INSERT INTO action_plans (government_id, title, slug, period_start, period_end, phase,
                                   cocreation_opens, cocreation_closes)
         SELECT government_id, 'Plan de cocreación 2026', 'plan-2026', '2026-01-01',
                '2028-12-31', 'co_creation', now() - interval '2 days', now() + interval '20 days'
           FROM action_plans LIMIT 1",
    )
    .execute(&served.app.db)
    .await
    .expect("a plan in co-creation");
    let participant = "ciudadana.navegador@example.org";
    served.app.user(participant, Role::Participant, None).await;
    let member = "nucleo.respuesta@example.org";
    served.app.user(member, Role::Nucleo, None).await;
    let response = "Se acepta: el compromiso de contratación abierta la incorpora.";

    let browser = Browser::start().await;
    browser
        .journey("participant-proposes", async |browser| {
            log_in(browser, &served, participant).await;
            browser
                .goto(&served.url("/plans/plan-2026/proposals"))
                .await;
            browser.click("a.button[href$='/proposals/new']").await;
            browser
                .fill("#title", "Contratos de emergencia publicados")
                .await;
            browser
                .fill(
                    "#problem",
                    "Las compras de emergencia no se publican a tiempo.",
                )
                .await;
            browser
                .fill(
                    "#proposal",
                    "Publicar cada contrato de emergencia en 48 horas.",
                )
                .await;
            browser.fill("#theme", "Contratación pública").await;
            browser.click("form.stacked button[type=submit]").await;
            browser
                .client
                .wait()
                .for_element(Locator::XPath(
                    "//*[contains(text(), 'Contratos de emergencia publicados')]",
                ))
                .await
                .expect("the proposal's page");
            let (id,): (uuid::Uuid,) = sqlx::query_as("SELECT id FROM proposals")
                .fetch_one(&served.app.db)
                .await
                .expect("the proposal was stored");

            // The forum answers it (in its own session).
            let mut forum = served.app.browser();
            forum.log_in(member).await;
            let triage = format!("/co-creation/plans/plan-2026/proposals/{id}");
            let answered = forum
                .post_form(
                    &triage,
                    &triage,
                    &[("state", "accepted"), ("response", response)],
                )
                .await;
            assert_eq!(answered.status.as_u16(), 303, "{}", answered.body);

            // Later, the participant finds the reasoned response on the proposal's page.
            browser
                .goto(&served.url("/plans/plan-2026/proposals"))
                .await;
            browser
                .click(&format!("a[href='/plans/plan-2026/proposals/{id}']"))
                .await;
            let page = browser.body_text().await;
            assert!(page.contains("Contratos de emergencia publicados"));
            assert!(page.contains(response), "{page}");
        })
        .await;
}

/// Waits for the page that follows an action to show `css`.
async fn wait_for(browser: &Browser, css: &str) {
    browser
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} never showed: {e}"));
}

/// Logs out with the header's button, and waits for the page that offers to log in again.
async fn log_out(browser: &Browser) {
    browser.click("form[action='/logout'] button").await;
    browser
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(10))
        .for_element(Locator::Css("a[href^='/login']"))
        .await
        .expect("logged out");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn institution_and_counterpart_disagree_and_the_forum_and_the_public_see_three_voices() {
    let served = ServedApp::demo().await;
    let db = &served.app.db;
    let (milestone, co_lead): (uuid::Uuid, String) = sqlx::query_as(
        "SELECT m.id, i.slug FROM milestones m
           JOIN commitments c ON c.id = m.commitment_id
           JOIN commitment_actors a ON a.commitment_id = c.id AND a.role = 'civil_society_co_lead'
           JOIN institutions i ON i.id = a.institution_id
          WHERE c.ogp_id = 'EC0014' AND m.position = 3
          ORDER BY i.name LIMIT 1",
    )
    .fetch_one(db)
    .await
    .expect("EC0014's third milestone and its co-lead");
    let (official, counterpart, forum) = (
        "oficial.voces@example.org",
        "contraparte.voces@example.org",
        "foro.voces@example.org",
    );
    served
        .app
        .user(official, Role::Official, Some("asamblea-nacional"))
        .await;
    served
        .app
        .user(counterpart, Role::Counterpart, Some(&co_lead))
        .await;
    served.app.user(forum, Role::Nucleo, None).await;
    sqlx::query(
        "INSERT INTO reporting_rounds (id, plan_id, label, opens_on, closes_on)
         SELECT gen_random_uuid(), id, 'Ronda de las tres voces', current_date - 30,
                current_date + 30
           FROM action_plans WHERE slug = 'ecuador-2022-2024'",
    )
    .execute(db)
    .await
    .expect("an open round");
    let browser = Browser::start().await;
    browser
        .journey("three-voices", async |browser| {
            // The institution reports the milestone completed.
            log_in(browser, &served, official).await;
            let form = format!("/implementation/milestones/{milestone}/report");
            browser.goto(&served.url(&form)).await;
            browser.fill("#progress", "100").await;
            browser.click("#status option[value='completed']").await;
            browser
                .fill(
                    "#narrative",
                    "Sistema de monitoreo legislativo terminado y publicado.",
                )
                .await;
            browser.click("form.stacked button[type=submit]").await;
            browser
                .wait_for_text("Sistema de monitoreo legislativo terminado")
                .await;
            log_out(browser).await;

            // The counterpart sees it otherwise.
            log_in(browser, &served, counterpart).await;
            browser.goto(&served.url("/counterpart")).await;
            assert!(browser.body_text().await.contains("Sistema de monitoreo"));
            browser
                .goto(&served.url(&format!("/counterpart/milestones/{milestone}/report")))
                .await;
            browser.click("#completion option[value='limited']").await;
            browser.click("#institution_fulfilled_partly").await;
            browser
                .fill("#fulfilment_note", "No se convocaron las mesas acordadas.")
                .await;
            browser
                .fill(
                    "#perceived_change",
                    "Aún no se pueden consultar las votaciones.",
                )
                .await;
            browser.click("#endorses_no").await;
            browser.click("form.stacked button[type=submit]").await;
            wait_for(browser, ".notice-done").await;
            log_out(browser).await;

            // The forum sees the disagreement and assesses the round.
            log_in(browser, &served, forum).await;
            browser
                .goto(&served.url("/monitoring?plan=ecuador-2022-2024"))
                .await;
            let dashboard = browser.body_text().await;
            assert!(
                dashboard.contains("1 hito con desacuerdo entre institución y contraparte"),
                "{dashboard}"
            );
            assert!(dashboard.contains("no coinciden en el estado del hito"));
            browser
                .goto(&served.url("/monitoring/plans/ecuador-2022-2024/rounds"))
                .await;
            browser.click("ul.cards a").await;
            wait_for(browser, "#assessments-heading").await;
            browser.click("a[href$='/commitments/4']").await;
            wait_for(browser, "#new-assessment").await;
            browser
                .click("#completion option[value='substantial']")
                .await;
            browser
                .fill(
                    "#narrative",
                    "El sistema existe; falta la consulta ciudadana.",
                )
                .await;
            browser.click("#communication-yes").await;
            browser.click("form.stacked button[type=submit]").await;
            wait_for(browser, ".notice-done").await;
            assert!(
                browser
                    .body_text()
                    .await
                    .contains("Evaluado como: Sustancial")
            );
            log_out(browser).await;

            // The public page shows the three voices and the mark.
            browser
                .goto(&served.url("/plans/ecuador-2022-2024/commitments/4"))
                .await;
            let voices = browser.text_of("#milestone-3 .voices").await;
            for text in [
                "Institución responsable",
                "Completado",
                "Contraparte de sociedad civil",
                "Limitado",
                "No respalda el avance reportado",
                "no coinciden en el estado del hito",
                "Grupo Núcleo",
                "Sustancial",
            ] {
                assert!(voices.contains(text), "{text}: {voices}");
            }
        })
        .await;
}
