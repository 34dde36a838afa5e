//! What everyone reads, without an account: plans, commitments, institutions, search, feeds,
//! open data, evidence downloads; and what a signed-in participant adds to a public page
//! (comments, follows).

pub mod change_history;
pub mod charts;
pub mod commitment_comments;
pub mod evidence;
pub mod feeds;
pub mod follows;
pub mod open_data;
mod pages;
pub mod plans;

pub use pages::*;

use crate::web::http::routes::Routes;

/// Every route of this area.
pub fn router() -> Routes {
    Routes::new()
        .merge(plans::router())
        .merge(feeds::router())
        .merge(follows::router())
        .merge(open_data::router())
        .merge(evidence::router())
        .merge(commitment_comments::router())
}
