//! Implementation: progress reports, their evidence (and the file store), re-plan requests,
//! and the civil-society counterparts' own reports.

pub mod counterpart;
pub mod evidence;
pub mod files;
pub mod indicators;
pub mod progress;
pub mod replans;
