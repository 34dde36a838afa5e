//! Implementation: officials report progress on their milestones and ask for re-plans.

pub mod progress_report;

use crate::web::http::routes::Routes;

/// Every route of this area.
pub fn router() -> Routes {
    Routes::new().merge(progress_report::router())
}
