//! Browser tests: real Chromium, driven through chromedriver, against the real app served on a
//! loopback port. Journeys a user relies on, axe-core accessibility checks of every page, and
//! every page of the route table on a phone screen (width, axe, the W3C Nu HTML checker).
//!
//! Chromium, chromedriver, axe-core and the Nu checker are installed by the harness when
//! missing (Debian's `chromium` and `chromium-driver`, the npm packages `axe-core` and
//! `vnu-jar`; the Nu checker runs on the machine's Java).

#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;

mod accessibility;
mod axe;
mod driver;
mod journeys;
mod phone;
mod report_form;
mod review_loop;
mod server;
