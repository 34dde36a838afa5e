//! View pieces shared by the pages of every area: formatted dates and vocabularies, charts.

pub mod charts;
pub mod confirm;
pub mod indicators;
pub mod pager;
pub mod trail;
pub mod views;
pub mod voices;
