//! Administration: accounts, institutions (with their housekeeping), governments and the
//! OGP import.
//! Administrators only.

pub mod directory;
mod forms;
mod housekeeping;
mod ogp_import;
mod pages;

pub use forms::{GovernmentForm, InstitutionForm, UserForm};
pub use pages::*;

use crate::web::http::routes::Routes;

/// Every route of this area.
pub fn router() -> Routes {
    Routes::new()
        .merge(directory::router())
        .merge(housekeeping::router())
        .merge(ogp_import::router())
}
