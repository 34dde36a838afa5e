//! A router that remembers its routes, so tests can check every one of them (an
//! unlisted route fails the access-matrix test).

use std::collections::BTreeSet;
use std::sync::{Mutex, PoisonError};

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{get, post};

use utoipa_axum::router::UtoipaMethodRouter;

use crate::web::AppState;

/// One route: its method and its path pattern as registered (`/plans/{plan}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: Method,
    pub path: &'static str,
}

/// A path read from the API's document, kept for the program's lifetime: each distinct
/// path once, however many routers are built.
fn interned(path: &str) -> &'static str {
    static PATHS: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut paths = PATHS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(known) = paths.get(path) {
        return known;
    }
    let path: &'static str = Box::leak(path.into());
    paths.insert(path);
    path
}

pub struct Routes {
    router: Router<AppState>,
    table: Vec<RouteInfo>,
}

impl Default for Routes {
    fn default() -> Self {
        Self::new()
    }
}

impl Routes {
    pub fn new() -> Self {
        Self {
            router: Router::new(),
            table: Vec::new(),
        }
    }

    pub fn get<H, T>(mut self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, get(handler));
        self.table.push(RouteInfo {
            method: Method::GET,
            path,
        });
        self
    }

    pub fn post<H, T>(mut self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, post(handler));
        self.table.push(RouteInfo {
            method: Method::POST,
            path,
        });
        self
    }

    /// A documented API path (`utoipa_axum::routes!(handler)`), registered at the path and
    /// methods its `#[utoipa::path]` names: the one place the path is written.
    pub fn documented(mut self, (_, paths, handler): UtoipaMethodRouter<AppState>) -> Self {
        for (path, item) in &paths.paths {
            let path = interned(path);
            let operations = [
                (Method::GET, &item.get),
                (Method::POST, &item.post),
                (Method::PUT, &item.put),
                (Method::PATCH, &item.patch),
                (Method::DELETE, &item.delete),
            ];
            for (method, operation) in operations {
                if operation.is_some() {
                    self.table.push(RouteInfo { method, path });
                }
            }
            self.router = self.router.route(path, handler.clone());
        }
        self
    }

    /// Wraps every route added so far (all their methods, so a CORS layer also answers
    /// preflight `OPTIONS` requests).
    pub fn layer<L>(mut self, layer: L) -> Self
    where
        L: tower::Layer<axum::routing::Route> + Clone + Send + Sync + 'static,
        L::Service: tower::Service<axum::extract::Request> + Clone + Send + Sync + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Response:
            axum::response::IntoResponse + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Error:
            Into<std::convert::Infallible> + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Future: Send + 'static,
    {
        self.router = self.router.layer(layer);
        self
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.table.extend(other.table);
        self
    }

    pub fn into_parts(self) -> (Router<AppState>, Vec<RouteInfo>) {
        (self.router, self.table)
    }
}
