//! Monitoring: the review of progress reports, the dashboard, assessments, monitoring reports.

pub mod assessments;
pub mod dashboard;
pub mod reports;
pub mod reviews;
