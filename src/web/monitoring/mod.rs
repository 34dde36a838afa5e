//! Monitoring, by the forum: reviewing progress reports and re-plans, the dashboard, assessments, monitoring reports, reporting rounds.

pub mod assessments;
pub mod dashboard;
pub mod indicator_reviews;
pub mod report_view;
pub mod reports;
pub mod reviews;
pub mod round_assessments;
pub mod rounds;

use crate::web::http::routes::Routes;

/// Every route of this area.
pub fn router() -> Routes {
    Routes::new()
        .merge(reviews::router())
        .merge(dashboard::router())
        .merge(assessments::router())
        .merge(reports::router())
        .merge(rounds::router())
        .merge(round_assessments::router())
        .merge(indicator_reviews::router())
}
