//! Integration tests: the real router, in process, against a real PostgreSQL.

mod accounts;
mod admin;
mod helpers;
mod html;
mod operations;
mod public_pages;
mod schema_rules;
