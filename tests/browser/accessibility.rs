//! axe-core on every public page and every form page, in Spanish and in English: no WCAG 2.1
//! A or AA violation. And every control reachable with the Tab key, with a visible focus.

use abierto::domain::Role;
use fantoccini::Locator;

use crate::axe;
use crate::driver::Browser;
use crate::journeys::log_in;
use crate::server::ServedApp;

const PUBLIC_PAGES: &[&str] = &[
    "/",
    "/plans",
    "/plans/ecuador-2019-2022",
    "/plans/ecuador-2019-2022?health=overdue",
    "/plans/ecuador-2019-2022/commitments/1",
    "/plans/ecuador-2022-2024",
    "/plans/ecuador-2022-2024/commitments/4",
    "/plans/ecuador-2019-2022/forum",
    "/institutions/asamblea-nacional",
    "/search?q=transparencia",
    "/plans/ecuador-2022-2024/proposals",
    "/plans/ecuador-2022-2024/proposals/register",
    "/plans/ecuador-2022-2024/sessions",
    "/open-data",
    "/login",
    "/password-reset",
    "/plans/no-such-plan",
];

/// Visits each page in both languages and fails listing every violation found.
async fn check_pages(browser: &Browser, served: &ServedApp, pages: &[String]) {
    let mut found = Vec::new();
    for lang in ["es", "en"] {
        browser
            .goto(&served.url(&format!("/lang/{lang}?next=/")))
            .await;
        for page in pages {
            browser.goto(&served.url(page)).await;
            for v in axe::violations(browser).await {
                found.push(format!(
                    "[{lang}] {page}: {} ({}) {} at {}",
                    v.rule,
                    v.impact,
                    v.help,
                    v.targets.join(", ")
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "accessibility violations:\n{}",
        found.join("\n")
    );
}

async fn milestone_of_ec0014(served: &ServedApp) -> String {
    let (id,): (uuid::Uuid,) = sqlx::query_as(
        "SELECT m.id FROM milestones m JOIN commitments c ON c.id = m.commitment_id
          WHERE c.ogp_id = 'EC0014' ORDER BY m.position LIMIT 1",
    )
    .fetch_one(&served.app.db)
    .await
    .expect("a milestone of EC0014");
    id.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checker_reports_a_page_that_breaks_the_rules() {
    let browser = Browser::start().await;
    browser
        .journey("axe-finds-violations", async |browser| {
            browser
                .goto(
                    "data:text/html,<html><body><img src='x.png'><input type='text'></body></html>",
                )
                .await;
            let rules: Vec<String> = axe::violations(browser)
                .await
                .into_iter()
                .map(|v| v.rule)
                .collect();
            for rule in ["html-has-lang", "image-alt", "label"] {
                assert!(rules.iter().any(|r| r == rule), "{rule} not in {rules:?}");
            }
        })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_pages_have_no_accessibility_violations() {
    let served = ServedApp::demo().await;
    let pages: Vec<String> = PUBLIC_PAGES.iter().map(|p| p.to_string()).collect();
    let browser = Browser::start().await;
    browser
        .journey("axe-public", async |browser| {
            check_pages(browser, &served, &pages).await;
        })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn official_forms_have_no_accessibility_violations() {
    let served = ServedApp::demo().await;
    let email = "oficial.axe@example.org";
    served
        .app
        .user(email, Role::Official, Some("asamblea-nacional"))
        .await;
    let milestone = milestone_of_ec0014(&served).await;
    let pages = vec![
        "/implementation".to_owned(),
        format!("/implementation/milestones/{milestone}/report"),
        format!("/implementation/milestones/{milestone}/replan"),
        "/account".to_owned(),
    ];
    let browser = Browser::start().await;
    browser
        .journey("axe-official", async |browser| {
            log_in(browser, &served, email).await;
            check_pages(browser, &served, &pages).await;
        })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forum_and_admin_pages_have_no_accessibility_violations() {
    let served = ServedApp::demo().await;
    let nucleo = "nucleo.axe@example.org";
    let admin = "admin.axe@example.org";
    served.app.user(nucleo, Role::Nucleo, None).await;
    let admin_id = served.app.user(admin, Role::Admin, None).await;
    let (institution,): (uuid::Uuid,) =
        sqlx::query_as("SELECT id FROM institutions WHERE slug = 'asamblea-nacional'")
            .fetch_one(&served.app.db)
            .await
            .expect("institution");
    let (commitment,): (uuid::Uuid,) =
        sqlx::query_as("SELECT id FROM commitments WHERE ogp_id = 'EC0014'")
            .fetch_one(&served.app.db)
            .await
            .expect("EC0014");
    // A round with a counterpart's view that disagrees: the voices show on the round, its
    // assessment form, the dashboard and the commitment page.
    let (round,): (uuid::Uuid,) = sqlx::query_as(
        "INSERT INTO reporting_rounds (id, plan_id, label, opens_on, closes_on)
         SELECT gen_random_uuid(), id, 'Ronda axe', current_date - 30, current_date + 30
           FROM action_plans WHERE slug = 'ecuador-2022-2024'
         RETURNING id",
    )
    .fetch_one(&served.app.db)
    .await
    .expect("round");
    sqlx::query(
        "INSERT INTO counterpart_reports (id, milestone_id, institution_id, author_name,
                                          completion, institution_fulfilled, fulfilment_note,
                                          perceived_change, endorses)
         SELECT gen_random_uuid(), m.id, i.id, 'Contraparte', 'not_started', 'no',
                'Sin respuesta', 'Nada cambió', false
           FROM milestones m JOIN commitments c ON c.id = m.commitment_id,
                LATERAL (SELECT id FROM institutions WHERE sector = 'civil_society'
                          ORDER BY name LIMIT 1) i
          WHERE c.ogp_id = 'EC0014' AND m.position = 4",
    )
    .execute(&served.app.db)
    .await
    .expect("counterpart report");
    let forum_pages = vec![
        "/monitoring".to_owned(),
        format!("/monitoring/plans/ecuador-2022-2024/rounds/{round}"),
        format!("/monitoring/plans/ecuador-2022-2024/rounds/{round}/commitments/4"),
        "/plans/ecuador-2022-2024/commitments/4".to_owned(),
        format!("/monitoring/commitments/{commitment}/assessments"),
        "/monitoring/plans/ecuador-2019-2022/report".to_owned(),
        "/co-creation".to_owned(),
        "/co-creation/plans/ecuador-2022-2024".to_owned(),
        "/co-creation/plans/ecuador-2022-2024/proposals".to_owned(),
        "/co-creation/plans/ecuador-2022-2024/sessions".to_owned(),
        "/co-creation/plans/ecuador-2022-2024/forum".to_owned(),
        "/co-creation/plans/ecuador-2022-2024/import".to_owned(),
        "/co-creation/plans/ecuador-2022-2024/commitments/4/edit".to_owned(),
        "/monitoring/updates".to_owned(),
        "/monitoring/replans".to_owned(),
        "/monitoring/plans/ecuador-2022-2024/rounds".to_owned(),
        "/invitations/new".to_owned(),
    ];
    let admin_pages = vec![
        "/admin/users".to_owned(),
        format!("/admin/users/{admin_id}"),
        "/admin/institutions".to_owned(),
        format!("/admin/institutions/{institution}"),
        "/admin/governments".to_owned(),
        "/admin/ogp-import".to_owned(),
    ];
    let browser = Browser::start().await;
    browser
        .journey("axe-forum-admin", async |browser| {
            log_in(browser, &served, nucleo).await;
            check_pages(browser, &served, &forum_pages).await;
            browser.click("form[action='/logout'] button").await;
            // Logged out once the page that follows offers to log in again.
            browser
                .client
                .wait()
                .at_most(std::time::Duration::from_secs(10))
                .for_element(Locator::Css("a[href^='/login']"))
                .await
                .expect("logged out");
            log_in(browser, &served, admin).await;
            check_pages(browser, &served, &admin_pages).await;
        })
        .await;
}

/// Tabs through a page: every link, button and field is reached, each with a visible focus
/// indicator (an outline or a box shadow).
async fn tab_through(browser: &Browser, served: &ServedApp, page: &str) {
    browser.goto(&served.url(page)).await;
    // What is folded away (the report form's extra rows) is reached once unfolded: unfold
    // it all, so every control of the page is counted and must be reached.
    browser
        .client
        .execute(
            "document.querySelectorAll('details').forEach(d => { d.open = true; });",
            vec![],
        )
        .await
        .expect("unfold the page");
    let focusable: i64 = browser
        .client
        .execute(
            "return [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea')]
                .filter(e => !e.disabled && e.getClientRects().length > 0).length;",
            vec![],
        )
        .await
        .expect("count focusable elements")
        .as_i64()
        .expect("a number");
    let mut reached = std::collections::BTreeSet::new();
    let mut unfocused = Vec::new();
    // A date field takes three stops (day, month, year).
    for _ in 0..(focusable * 3 + 5) {
        if reached.len() as i64 >= focusable {
            break;
        }
        browser.press_tab().await;
        let state = browser
            .client
            .execute(
                "const e = document.activeElement; if (!e || e === document.body) return null;
                 if (!e.dataset.tabId) e.dataset.tabId = String(Math.random());
                 const s = getComputedStyle(e);
                 const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                    || s.boxShadow !== 'none';
                 return [e.dataset.tabId, visible, e.outerHTML.slice(0, 120)];",
                vec![],
            )
            .await
            .expect("inspect focus");
        let Some(state) = state.as_array() else {
            continue;
        };
        let id = state[0].as_str().unwrap_or_default().to_owned();
        if state[1] != serde_json::Value::Bool(true) {
            unfocused.push(state[2].to_string());
        }
        reached.insert(id);
    }
    assert!(
        unfocused.is_empty(),
        "{page}: focus not visible on {unfocused:?}"
    );
    assert!(
        reached.len() as i64 >= focusable,
        "{page}: Tab reached {} of {focusable} controls",
        reached.len()
    );
    let _ = browser.client.find(Locator::Css("body")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_control_is_reachable_by_keyboard_with_a_visible_focus() {
    let served = ServedApp::demo().await;
    let email = "oficial.teclado@example.org";
    served
        .app
        .user(email, Role::Official, Some("asamblea-nacional"))
        .await;
    let milestone = milestone_of_ec0014(&served).await;
    let browser = Browser::start().await;
    browser
        .journey("keyboard", async |browser| {
            tab_through(browser, &served, "/").await;
            tab_through(browser, &served, "/plans/ecuador-2019-2022").await;
            tab_through(browser, &served, "/login").await;
            log_in(browser, &served, email).await;
            tab_through(
                browser,
                &served,
                &format!("/implementation/milestones/{milestone}/report"),
            )
            .await;
        })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn participant_forms_have_no_accessibility_violations() {
    let served = ServedApp::demo().await;
    let proposal: uuid::Uuid = sqlx::query_scalar(
        "WITH plan AS (
           INSERT INTO action_plans (government_id, title, slug, period_start, period_end, phase,
                                     cocreation_opens, cocreation_closes)
           SELECT government_id, 'Plan de cocreación 2026', 'plan-2026', '2026-01-01',
                  '2028-12-31', 'co_creation', now() - interval '2 days', now() + interval '9 days'
             FROM action_plans LIMIT 1 RETURNING id)
         INSERT INTO proposals (plan_id, title, problem, proposal, theme)
         SELECT id, 'Compras públicas abiertas', 'Problema', 'Propuesta', 'Contratación' FROM plan
         RETURNING id",
    )
    .fetch_one(&served.app.db)
    .await
    .expect("a plan in co-creation with a proposal");
    let email = "participante.axe@example.org";
    served.app.user(email, Role::Participant, None).await;
    let pages = vec![
        "/plans/plan-2026/proposals".to_owned(),
        "/plans/plan-2026/proposals/new".to_owned(),
        format!("/plans/plan-2026/proposals/{proposal}"),
        "/account".to_owned(),
    ];
    let browser = Browser::start().await;
    browser
        .journey("axe-participant", async |browser| {
            log_in(browser, &served, email).await;
            check_pages(browser, &served, &pages).await;
        })
        .await;
}
