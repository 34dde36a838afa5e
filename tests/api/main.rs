//! Integration tests: the real router, in process, against a real PostgreSQL.

mod access_matrix;
mod accounts;
mod admin;
mod audit;
mod cocreation_drafting;
mod cocreation_flow;
mod cocreation_proposals;
mod following;
mod fuzz;
mod hardening;
mod helpers;
mod hostile_files;
mod html;
mod implementation;
mod invitations;
mod monitoring;
mod open_data;
mod operations;
mod page_cache;
mod public_pages;
mod reminders;
mod reports;
mod schema_rules;
mod transfer;
mod validation;
