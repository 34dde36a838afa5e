//! Implementation: officials report progress on their milestones and ask for re-plans;
//! civil-society counterparts file their own reports on the milestones they co-lead.

pub mod counterpart;
pub mod indicators;
pub mod progress_report;

use crate::web::http::routes::Routes;

/// Every route of this area.
pub fn router() -> Routes {
    Routes::new()
        .merge(progress_report::router())
        .merge(counterpart::router())
        .merge(indicators::router())
}
