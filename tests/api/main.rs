//! Integration tests: the real router, in process, against a real PostgreSQL.

mod account;
mod admin;
mod audit;
mod cocreation;
mod helpers;
mod html;
mod implementation;
mod monitoring;
mod operations;
mod page_cache;
mod public;
mod schema_rules;
mod security;
mod transfer;
mod transfer_ogp;
mod validation;
