//! HTTP: the router, extractors, error pages and the handlers of each area.

pub mod account;
pub mod admin;
pub mod api;
pub mod cocreation;
pub mod http;
pub mod implementation;
pub mod monitoring;
pub mod public;
pub mod ui;

use std::sync::Arc;

use axum::Router;
use sqlx::PgPool;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::config::Config;
use crate::mail::Mailer;
use http::routes::{RouteInfo, Routes};

/// What every handler may reach.
#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
    pub config: Arc<Config>,
    pub login_throttle: Arc<http::throttle::LoginThrottle>,
    pub reset_throttle: Arc<http::throttle::ResetThrottle>,
    /// Every password hash and check goes through it (bounded: see `accounts`).
    pub hasher: Arc<crate::accounts::Hasher>,
    /// Reading uploaded spreadsheets and archives (bounded like the hasher).
    pub parsing: Arc<crate::blocking::Pool>,
    pub mailer: Mailer,
    pub files: crate::store::implementation::files::FileStore,
    pub pages: Arc<http::page_cache::PageCache>,
    /// The open-data archive, kept while the data it holds is unchanged.
    pub open_data: Arc<crate::opendata::ArchiveCache>,
}

impl AppState {
    /// Also starts following the database's change notices for the page cache, so it needs
    /// a running Tokio runtime.
    pub fn new(db: PgPool, config: Config) -> anyhow::Result<Self> {
        let pages = Arc::new(http::page_cache::PageCache::new(
            config.page_cache_lifetime,
            config.page_cache_budget,
            http::session::cookie_name(&config),
        ));
        pages.follow_changes(db.clone());
        Ok(Self {
            pages,
            open_data: Arc::default(),
            mailer: Mailer::from_config(&config)?,
            hasher: Arc::new(crate::accounts::Hasher::new(
                config.hash_concurrency,
                config.hash_queue,
            )),
            parsing: Arc::new(crate::blocking::Pool::per_core()),
            files: crate::store::implementation::files::FileStore::from_config(&config)?,
            db,
            config: Arc::new(config),
            login_throttle: Arc::default(),
            reset_throttle: Arc::default(),
        })
    }
}

/// Every route of the application, by area.
fn all_routes() -> Routes {
    Routes::new()
        .merge(public::router())
        .merge(account::router())
        .merge(cocreation::router())
        .merge(implementation::router())
        .merge(monitoring::router())
        .merge(admin::router())
        .merge(api::router())
        .merge(http::ops::router())
        .get("/lang/{code}", http::locale::switch_language)
        .get("/static/{name}", http::assets::serve)
}

/// The method and path of every route, as the router registers them.
pub fn route_table() -> Vec<RouteInfo> {
    all_routes().into_parts().1
}

/// The whole application, as served and as tested.
pub fn router(state: AppState) -> Router {
    let config = state.config.clone();
    let pages = state.pages.clone();
    let (routes, _) = all_routes().into_parts();
    let sessions = SessionManagerLayer::new(crate::store::account::sessions::PgSessionStore::new(
        state.db.clone(),
    ))
    .with_name(http::session::cookie_name(&config))
    .with_secure(config.is_https())
    .with_http_only(true)
    .with_same_site(SameSite::Lax)
    .with_expiry(Expiry::OnInactivity(time::Duration::hours(12)));
    let app = routes
        // Extractors (forms, uploads) may read up to the configured limit, not axum's 2 MB.
        .layer(axum::extract::DefaultBodyLimit::max(config.body_limit))
        .layer(axum::middleware::from_fn(http::flash::remember))
        .layer(axum::middleware::from_fn(http::csrf::protect))
        .layer(sessions)
        .with_state(state);
    http::middleware::apply(
        app,
        config.body_limit,
        config.request_timeout,
        config.is_https(),
    )
    // Outermost: a page served from memory skips the whole stack.
    .layer(axum::middleware::from_fn_with_state(
        pages,
        http::page_cache::serve,
    ))
}
