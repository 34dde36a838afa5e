//! The access matrix, hostile input and the hardening regressions.

pub mod access_matrix;
pub mod fuzz;
pub mod hardening;
pub mod hostile_files;
