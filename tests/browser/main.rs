//! Browser tests: real Chromium, driven through chromedriver, against the real app served on a
//! loopback port. Journeys a user relies on, and axe-core accessibility checks of every page.
//!
//! Chromium, chromedriver and axe-core are installed by the harness when missing (Debian's
//! `chromium` and `chromium-driver`, the npm package `axe-core`).

#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;

mod accessibility;
mod axe;
mod driver;
mod journeys;
mod review_loop;
mod server;
