//! Browser tests: real Chromium, driven through chromedriver, against the real app served on a
//! loopback port. Journeys a user relies on, axe-core accessibility checks of every page,
//! every page of the route table on a phone screen (width, axe, the W3C Nu HTML checker), and
//! the printout of a commitment and a plan (PDF text and colours).
//!
//! Chromium, chromedriver, poppler, axe-core and the Nu checker are installed by the harness
//! when missing (Debian's `chromium`, `chromium-driver` and `poppler-utils`, the npm packages
//! `axe-core` and `vnu-jar`; the Nu checker runs on the machine's Java).

#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;

mod accessibility;
mod axe;
mod driver;
mod journeys;
mod phone;
mod print;
mod report_form;
mod review_loop;
mod server;
