//! Accounts, sessions and one-time tokens.

pub mod sessions;
pub mod tokens;
pub mod users;
