//! Public pages, follows and open data.

pub mod following;
pub mod open_data;
pub mod pages;
