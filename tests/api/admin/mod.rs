//! Users, institutions and governments.

pub mod directory;
