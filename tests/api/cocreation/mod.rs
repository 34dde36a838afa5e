//! Co-creation: plan phases, drafting, proposals and responses.

pub mod confirmation;
pub mod drafting;
pub mod flow;
pub mod headline;
pub mod plan_import;
pub mod proposals;
pub mod versions;
