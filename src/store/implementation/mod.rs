//! Implementation: progress reports, their evidence (and the file store), re-plan requests.

pub mod evidence;
pub mod files;
pub mod progress;
pub mod replans;
