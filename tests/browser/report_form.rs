//! The progress report form on a phone with JavaScript off: from the narrative, the submit
//! button is a few Tab presses away, and a refused form opens on its error summary with no
//! form token in the address bar.

use abierto::domain::Role;
use fantoccini::Locator;

use crate::driver::Browser;
use crate::journeys::log_in;
use crate::server::ServedApp;

/// At most this many Tab presses from the narrative to the submit button.
const MAX_TABS_TO_SUBMIT: usize = 15;

/// The id (or the tag, when it has none) of the focused element.
async fn focused(browser: &Browser) -> String {
    let element = browser.client.active_element().await.expect("focus");
    let id = element.attr("id").await.expect("id").unwrap_or_default();
    if id.is_empty() {
        element
            .html(false)
            .await
            .expect("html")
            .chars()
            .take(80)
            .collect()
    } else {
        id
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_without_scripts_the_report_is_sent_in_few_tabs_and_errors_come_first() {
    let served = ServedApp::demo().await;
    let email = "oficial.movil@example.org";
    served
        .app
        .user(email, Role::Official, Some("asamblea-nacional"))
        .await;
    let (milestone,): (uuid::Uuid,) = sqlx::query_as(
        "SELECT m.id FROM milestones m JOIN commitments c ON c.id = m.commitment_id
          WHERE c.ogp_id = 'EC0014' ORDER BY m.position LIMIT 1",
    )
    .fetch_one(&served.app.db)
    .await
    .expect("a milestone of EC0014");
    let browser = Browser::start_without_scripts().await;
    browser
        .journey("report-form-phone", async |browser| {
            browser
                .client
                .set_window_size(360, 740)
                .await
                .expect("a phone's window");
            log_in(browser, &served, email).await;
            let form = served.url(&format!("/implementation/milestones/{milestone}/report"));
            browser.goto(&form).await;
            browser.fill("#narrative", "Se publicó el acta.").await;
            browser.click("#narrative").await;
            assert_eq!(focused(browser).await, "narrative");
            let submit = browser
                .client
                .find(Locator::Css("form.stacked button[type=submit]"))
                .await
                .expect("the submit button");
            let mut path = Vec::new();
            let mut reached = None;
            for press in 1..=MAX_TABS_TO_SUBMIT {
                browser.press_tab().await;
                let active = browser.client.active_element().await.expect("focus");
                if active.element_id() == submit.element_id() {
                    reached = Some(press);
                    break;
                }
                path.push(focused(browser).await);
            }
            let presses = reached.unwrap_or_else(|| {
                panic!(
                    "submit not reached in {MAX_TABS_TO_SUBMIT} Tab presses from the narrative: {}",
                    path.join(" → ")
                )
            });
            eprintln!("Tab presses from the narrative to submit: {presses} ({path:?})");

            // A refused report: an impossible figure and no narrative.
            browser.fill("#progress", "150").await;
            browser.fill("#narrative", "").await;
            submit.click().await.expect("send the form");
            browser
                .client
                .wait()
                .at_most(std::time::Duration::from_secs(10))
                .for_element(Locator::Css("#error-summary"))
                .await
                .expect("the error summary");
            let url = browser.client.current_url().await.expect("the address");
            assert!(
                !url.as_str().contains("csrf"),
                "the form token is in the address bar: {url}"
            );
            assert_eq!(url.fragment(), Some("error-summary"), "{url}");
            assert_eq!(
                focused(browser).await,
                "error-summary",
                "the summary has the focus without scripts"
            );
            browser.click("#error-summary a[href='#progress']").await;
            assert_eq!(focused(browser).await, "progress");
            let border = browser
                .client
                .find(Locator::Css("#progress"))
                .await
                .expect("the progress field")
                .css_value("border-top-color")
                .await
                .expect("its border");
            assert_eq!(
                border, "rgba(163, 33, 27, 1)",
                "the invalid number field is red"
            );
        })
        .await;
}
