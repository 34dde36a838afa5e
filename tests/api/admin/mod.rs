//! Users, institutions and governments.

pub mod directory;
pub mod housekeeping;
