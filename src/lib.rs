//! Abierto: tracks Open Government Partnership action plans from co-creation to the last
//! milestone.

pub mod accounts;
pub mod archive;
pub mod blocking;
pub mod commands;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod jobs;
mod layers;
pub mod mail;
pub mod notifications;
pub mod opendata;
pub mod reports;
pub mod store;
pub mod telemetry;
pub mod transfer;
pub mod web;

pub use web::{AppState, router};
