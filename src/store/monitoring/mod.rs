//! Monitoring: the review of progress reports, the dashboard, assessments, monitoring reports,
//! reporting rounds.

pub mod assessments;
pub mod dashboard;
pub mod reports;
pub mod reviews;
pub mod round_assessments;
pub mod rounds;
pub mod voices;
