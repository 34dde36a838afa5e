//! The forum's review of reports, the dashboard and monitoring reports.

pub mod reports;
pub mod reviews;
pub mod rounds;
pub mod voices;
