//! Operations: liveness and readiness for load balancers and orchestrators.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;

use crate::web::AppState;
use crate::web::http::routes::Routes;

pub fn router() -> Routes {
    Routes::new()
        .get("/healthz", healthz)
        .get("/readyz", readyz)
}

/// The process is up.
async fn healthz() -> &'static str {
    "ok"
}

/// The database answers: 200, otherwise 503 so the balancer sends traffic elsewhere.
async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    let ping = tokio::time::timeout(Duration::from_secs(2), crate::db::ping(&state.db)).await;
    match ping {
        Ok(Ok(())) => (StatusCode::OK, "ready"),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}
