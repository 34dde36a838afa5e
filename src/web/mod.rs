//! HTTP: the router, extractors, error pages and the handlers of each area.

pub mod assets;
pub mod error;
pub mod locale;
pub mod middleware;
pub mod ops;
pub mod public;
pub mod views;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use sqlx::PgPool;

use crate::config::Config;

/// What every handler may reach.
#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
    pub config: Arc<Config>,
}

/// The whole application, as served and as tested.
pub fn router(state: AppState) -> Router {
    let body_limit = state.config.body_limit;
    let timeout = state.config.request_timeout;
    let routes = Router::new()
        .merge(public::router())
        .merge(ops::router())
        .route("/lang/{code}", get(locale::switch_language))
        .route("/static/{name}", get(assets::serve))
        .with_state(state);
    middleware::apply(routes, body_limit, timeout)
}
