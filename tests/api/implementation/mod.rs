//! Progress reports, evidence, re-plans and reminders; counterparts' reports.

pub mod counterpart;
pub mod indicators;
pub mod progress_report;
pub mod reminders;
