//! Co-creation: plan phases, drafting, proposals, working sessions, the forum, the plan spreadsheet import.

pub mod drafting;
pub mod forum;
pub mod plan_cycle;
pub mod plan_transfer;
pub mod proposals;
pub mod work_sessions;
