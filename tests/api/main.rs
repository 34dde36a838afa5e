//! Integration tests: the real router, in process, against a real PostgreSQL.

mod access_matrix;
mod accounts;
mod admin;
mod audit;
mod cocreation_proposals;
mod helpers;
mod html;
mod implementation;
mod invitations;
mod operations;
mod public_pages;
mod schema_rules;
mod transfer;
mod validation;
