//! Progress reports, evidence, re-plans and reminders.

pub mod progress_report;
pub mod reminders;
