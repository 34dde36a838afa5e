//! The infrastructure that is no page: the route table, middleware, errors, CSRF, sessions, the page cache, conditional GETs, static assets, the server loop.

pub mod assets;
pub mod conditional;
pub mod csrf;
pub mod error;
pub mod flash;
pub mod forms;
pub mod locale;
pub mod middleware;
pub mod ops;
pub mod page_cache;
pub mod routes;
pub mod server;
pub mod session;
pub mod throttle;
pub mod upload;
