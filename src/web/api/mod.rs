//! The read-only JSON API under `/api/v1`, described by the OpenAPI document at
//! `/api/v1/openapi.json`. Every response carries a strong ETag over its body
//! (`If-None-Match` answers 304); errors are JSON with a message in the visitor's language.
//! CORS is open for reading, without credentials.
//!
//! `handlers` answers each path, written once in its `#[utoipa::path]`; `schema` holds the
//! public types, built from the store's rows; `context` what every handler shares.

mod context;
mod handlers;
mod params;
pub mod schema;

use axum::extract::State;
use axum::http::Method;
use axum::http::header::{ETAG, IF_NONE_MATCH};
use axum::response::Response;
use tower_http::cors::{Any, CorsLayer};
use utoipa::OpenApi;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};
use utoipa_axum::routes;

use crate::web::AppState;
use crate::web::http::routes::Routes;
use context::ApiContext;
use schema::{
    ApiErrorBody, ApiErrorDetail, Assessment, Commitment, CommitmentActor, Evidence, Milestone,
    Plan, Proposal, Update,
};

/// Every documented path, each registered where its `#[utoipa::path]` says.
fn documented() -> [UtoipaMethodRouter<AppState>; 14] {
    [
        routes!(handlers::list_plans),
        routes!(handlers::get_plan),
        routes!(handlers::list_commitments),
        routes!(handlers::get_commitment),
        routes!(handlers::list_milestones),
        routes!(handlers::get_milestone),
        routes!(handlers::list_updates),
        routes!(handlers::get_update),
        routes!(handlers::list_assessments),
        routes!(handlers::list_counterpart_reports),
        routes!(handlers::list_round_assessments),
        routes!(handlers::list_proposals),
        routes!(handlers::get_proposal),
        routes!(handlers::list_indicators),
    ]
}

pub fn router() -> Routes {
    documented()
        .into_iter()
        .fold(
            Routes::new().get("/api/v1/openapi.json", openapi_json),
            Routes::documented,
        )
        .layer(cors())
}

/// Anyone may read from any site; no cookies or credentials are involved.
pub fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::HEAD, Method::OPTIONS])
        .allow_headers([IF_NONE_MATCH])
        .expose_headers([ETAG])
}

/// The document's description and shared schemas; the paths come from [`documented`].
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Abierto open data API",
        version = "1",
        description = "Read-only access to published Open Government Partnership action plans: \
                       plans, commitments, milestones, progress reports with their review state, \
                       assessments and co-creation proposals. Lists are paged with `limit` \
                       (1–200, default 50) and `offset`; every response has a strong ETag and \
                       answers `If-None-Match` with 304. Dates are ISO 8601."
    ),
    components(schemas(
        Plan,
        Commitment,
        CommitmentActor,
        Milestone,
        Update,
        Evidence,
        Assessment,
        Proposal,
        ApiErrorBody,
        ApiErrorDetail
    ))
)]
struct ApiDoc;

/// The OpenAPI 3 document, with the configured data licence.
pub fn openapi(state: &AppState) -> utoipa::openapi::OpenApi {
    let mut doc = documented()
        .into_iter()
        .fold(
            OpenApiRouter::with_openapi(ApiDoc::openapi()),
            |api, route| api.routes(route),
        )
        .into_openapi();
    let license = &state.config.data_license;
    doc.info.license = Some(
        utoipa::openapi::info::LicenseBuilder::new()
            .name(license.name.clone())
            .url(Some(license.url.clone()))
            .build(),
    );
    doc
}

async fn openapi_json(State(state): State<AppState>, cx: ApiContext) -> Response {
    cx.json(&openapi(&state))
}
