//! Signing in and out, one's own account, invitations and password resets.

pub mod login;
pub mod settings;

use crate::web::http::routes::Routes;

/// Every route of this area.
pub fn router() -> Routes {
    Routes::new()
        .merge(login::router())
        .merge(settings::router())
}
