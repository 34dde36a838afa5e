//! Signing in, passwords, sessions and invitations.

pub mod accounts;
pub mod invitations;
