//! What everyone reads: plans, commitments, milestones, search, the timeline, feeds, follows, open data, public comments.

pub mod commitment_comments;
pub mod commitments;
pub mod feeds;
pub mod follows;
pub mod milestones;
pub mod opendata;
pub mod plans;
pub mod search;
pub mod timeline;
