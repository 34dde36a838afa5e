//! The read-only JSON API under `/api/v1`, described by the OpenAPI document at
//! `/api/v1/openapi.json`. Every response carries a strong ETag over its body
//! (`If-None-Match` answers 304); errors are JSON with a message in the visitor's language.
//! CORS is open for reading, without credentials.

use axum::extract::{FromRequestParts, Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tower_http::cors::{Any, CorsLayer};
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;

use crate::domain::opendata::Paging;
use crate::domain::{CommitmentState, MilestoneStatus, PlanPhase, ProposalState, ReviewState};
use crate::i18n::Tr;
use crate::store;
use crate::store::api::{
    Assessment, Commitment, CommitmentActor, Evidence, Filter, Milestone, Page, Plan, Proposal,
    Update,
};
use crate::web::AppState;
use crate::web::http::routes::Routes;

pub fn router() -> Routes {
    Routes::new()
        .get("/api/v1/openapi.json", openapi_json)
        .get("/api/v1/plans", list_plans)
        .get("/api/v1/plans/{id}", get_plan)
        .get("/api/v1/commitments", list_commitments)
        .get("/api/v1/commitments/{id}", get_commitment)
        .get("/api/v1/milestones", list_milestones)
        .get("/api/v1/milestones/{id}", get_milestone)
        .get("/api/v1/updates", list_updates)
        .get("/api/v1/updates/{id}", get_update)
        .get("/api/v1/assessments", list_assessments)
        .get("/api/v1/proposals", list_proposals)
        .get("/api/v1/proposals/{id}", get_proposal)
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
    paths(
        list_plans,
        get_plan,
        list_commitments,
        get_commitment,
        list_milestones,
        get_milestone,
        list_updates,
        get_update,
        list_assessments,
        list_proposals,
        get_proposal
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
    let mut doc = ApiDoc::openapi();
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

// ---------------------------------------------------------------------------------------
// Request context, responses and errors
// ---------------------------------------------------------------------------------------

/// What every API handler needs from the request.
pub struct ApiContext {
    tr: Tr,
    if_none_match: Option<HeaderValue>,
    path: String,
    query: String,
}

impl FromRequestParts<AppState> for ApiContext {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self {
            tr: Tr::from_request_parts(parts, state).await?,
            if_none_match: parts.headers.get(IF_NONE_MATCH).cloned(),
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().unwrap_or_default().to_owned(),
        })
    }
}

impl ApiContext {
    /// The query parameters as `P`; a malformed query string is a bad filter.
    fn params<P: serde::de::DeserializeOwned>(&self) -> Result<P, ApiError> {
        serde_urlencoded::from_str(&self.query).map_err(|_| self.bad(BAD_FILTER, "query"))
    }

    fn bad(&self, key: &'static str, param: &'static str) -> ApiError {
        ApiError::new(self.tr, StatusCode::BAD_REQUEST, key, param)
    }

    fn not_found(&self) -> ApiError {
        ApiError::new(self.tr, StatusCode::NOT_FOUND, "api-not-found", "id")
    }

    fn failed(&self, error: sqlx::Error) -> ApiError {
        tracing::error!(%error, "API query failed");
        if crate::db::is_unavailable(&error) {
            let status = StatusCode::SERVICE_UNAVAILABLE;
            return ApiError::new(self.tr, status, "error-unavailable", "");
        }
        ApiError::new(
            self.tr,
            StatusCode::INTERNAL_SERVER_ERROR,
            "error-internal",
            "",
        )
    }

    /// `value` as JSON with a strong ETag over the exact bytes; 304 when the client has them.
    fn json<T: Serialize>(&self, value: &T) -> Response {
        let body = match serde_json::to_vec(value) {
            Ok(body) => body,
            Err(error) => {
                tracing::error!(%error, "API response not serialisable");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        };
        let etag = format!("\"{:x}\"", Sha256::digest(&body));
        let etag_value = HeaderValue::from_str(&etag).expect("hex digest is a header value");
        let headers = [
            (ETAG, etag_value),
            (CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ];
        if self
            .if_none_match
            .as_ref()
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| etag_matches(v, &etag))
        {
            return (StatusCode::NOT_MODIFIED, headers).into_response();
        }
        let content_type = (CONTENT_TYPE, HeaderValue::from_static("application/json"));
        (headers, [content_type], body).into_response()
    }

    fn list<T: Serialize + ToSchema>(&self, page: Page<T>, filter: &Filter) -> Response {
        let end = filter.offset + i64::try_from(page.items.len()).unwrap_or_default();
        let next = page.more.then(|| self.link_with_offset(end));
        self.json(&List {
            items: page.items,
            total: page.total,
            limit: filter.limit,
            offset: filter.offset,
            next,
        })
    }

    /// This request's path and query with another `offset`.
    fn link_with_offset(&self, offset: i64) -> String {
        let mut pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(&self.query).unwrap_or_default();
        pairs.retain(|(k, _)| k != "offset");
        pairs.push(("offset".into(), offset.to_string()));
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        format!("{}?{query}", self.path)
    }

    fn item<T: Serialize>(&self, page: Page<T>) -> Result<Response, ApiError> {
        let item = page
            .items
            .into_iter()
            .next()
            .ok_or_else(|| self.not_found())?;
        Ok(self.json(&item))
    }

    /// The filter selecting one item by its id.
    fn by_id(&self, id: &str) -> Result<Filter, ApiError> {
        let id = Uuid::parse_str(id).map_err(|_| self.bad(BAD_ID, "id"))?;
        Ok(Filter {
            id: Some(id),
            limit: 1,
            ..Filter::default()
        })
    }
}

/// `If-None-Match` (a list, or `*`) against the current ETag, with the weak comparison
/// RFC 9110 asks for: `W/"x"` matches `"x"`.
fn etag_matches(if_none_match: &str, etag: &str) -> bool {
    if_none_match.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == etag
    })
}

/// A page of items.
#[derive(Serialize, ToSchema)]
pub struct List<T: ToSchema> {
    pub items: Vec<T>,
    /// Items matching the filters, on every page; absent for progress updates, which are not
    /// counted (follow `next` until it is absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
    pub limit: i64,
    pub offset: i64,
    /// The next page (path and query), when there is one.
    pub next: Option<String>,
}

/// An error: the status, a stable code and a message in the visitor's language.
#[derive(Serialize, ToSchema)]
pub struct ApiErrorBody {
    pub error: ApiErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ApiErrorDetail {
    pub status: u16,
    /// Stable code, e.g. `api-bad-limit`.
    pub code: String,
    /// The parameter at fault, when one is.
    pub parameter: Option<String>,
    pub message: String,
}

pub struct ApiError {
    tr: Tr,
    status: StatusCode,
    key: &'static str,
    param: &'static str,
}

impl ApiError {
    fn new(tr: Tr, status: StatusCode, key: &'static str, param: &'static str) -> Self {
        Self {
            tr,
            status,
            key,
            param,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ApiErrorBody {
            error: ApiErrorDetail {
                status: self.status.as_u16(),
                code: self.key.to_owned(),
                parameter: (!self.param.is_empty()).then(|| self.param.to_owned()),
                message: self.tr.t1(self.key, "name", self.param),
            },
        };
        (self.status, axum::Json(body)).into_response()
    }
}

type ApiResult = Result<Response, ApiError>;

// ---------------------------------------------------------------------------------------
// Query parameters
// ---------------------------------------------------------------------------------------

const BAD_FILTER: &str = "api-bad-filter";
const BAD_ID: &str = "api-bad-id";

fn paging(cx: &ApiContext, limit: Option<&str>, offset: Option<&str>) -> Result<Filter, ApiError> {
    let paging = Paging::parse(limit, offset).map_err(|key| {
        let param = if key == crate::domain::opendata::BAD_LIMIT {
            "limit"
        } else {
            "offset"
        };
        ApiError::new(cx.tr, StatusCode::BAD_REQUEST, key, param)
    })?;
    Ok(Filter {
        limit: i64::from(paging.limit),
        offset: i64::from(paging.offset),
        ..Filter::default()
    })
}

/// A slug (`ecuador-2019-2022`) or nothing; anything else is a bad filter.
fn slug(
    cx: &ApiContext,
    value: Option<String>,
    param: &'static str,
) -> Result<Option<String>, ApiError> {
    let ok = |v: &str| {
        (1..=100).contains(&v.len())
            && v.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    match value {
        None => Ok(None),
        Some(v) if ok(&v) => Ok(Some(v)),
        Some(_) => Err(cx.bad(BAD_FILTER, param)),
    }
}

fn uuid(
    cx: &ApiContext,
    value: Option<String>,
    param: &'static str,
) -> Result<Option<Uuid>, ApiError> {
    value
        .map(|v| Uuid::parse_str(v.trim()).map_err(|_| cx.bad(BAD_FILTER, param)))
        .transpose()
}

/// A value of vocabulary `V`, returned in its canonical spelling.
fn vocab<V: std::str::FromStr>(
    cx: &ApiContext,
    value: Option<String>,
    param: &'static str,
    as_str: fn(&V) -> &'static str,
) -> Result<Option<String>, ApiError> {
    value
        .map(|v| {
            v.trim()
                .parse::<V>()
                .map(|v| as_str(&v).to_owned())
                .map_err(|_| cx.bad(BAD_FILTER, param))
        })
        .transpose()
}

/// A date (`2020-06-30`, from its midnight UTC) or an RFC 3339 time.
fn since(
    cx: &ApiContext,
    value: Option<String>,
    param: &'static str,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, ApiError> {
    let Some(v) = value else { return Ok(None) };
    let v = v.trim();
    if let Ok(at) = chrono::DateTime::parse_from_rfc3339(v) {
        return Ok(Some(at.to_utc()));
    }
    chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|at| Some(at.and_utc()))
        .ok_or_else(|| cx.bad(BAD_FILTER, param))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlanParams {
    /// Phase: co_creation, implementation or closed.
    phase: Option<String>,
    /// Only plans changed at or after this date (YYYY-MM-DD) or time (RFC 3339).
    #[param(value_type = Option<String>)]
    updated_since: Option<String>,
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    limit: Option<String>,
    /// Items to skip (default 0).
    #[param(value_type = Option<u32>, minimum = 0)]
    offset: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommitmentParams {
    /// Plan slug, e.g. ecuador-2019-2022.
    plan: Option<String>,
    /// Slug of an institution among the commitment's actors.
    institution: Option<String>,
    /// State: draft, consultation, approved or withdrawn.
    state: Option<String>,
    /// Only commitments changed at or after this date or time.
    updated_since: Option<String>,
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    limit: Option<String>,
    /// Items to skip (default 0).
    #[param(value_type = Option<u32>, minimum = 0)]
    offset: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MilestoneParams {
    /// Plan slug.
    plan: Option<String>,
    /// Commitment id.
    #[param(value_type = Option<Uuid>)]
    commitment: Option<String>,
    /// Slug of the responsible institution.
    institution: Option<String>,
    /// Status: not_started, in_progress, completed, delayed or cancelled.
    status: Option<String>,
    /// Only milestones changed at or after this date or time.
    updated_since: Option<String>,
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    limit: Option<String>,
    /// Items to skip (default 0).
    #[param(value_type = Option<u32>, minimum = 0)]
    offset: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UpdateParams {
    /// Plan slug.
    plan: Option<String>,
    /// Milestone id.
    #[param(value_type = Option<Uuid>)]
    milestone: Option<String>,
    /// Slug of the milestone's responsible institution.
    institution: Option<String>,
    /// Reported status: not_started, in_progress, completed, delayed or cancelled.
    status: Option<String>,
    /// Review state: pending, validated, returned or contested.
    review_state: Option<String>,
    /// Only reports made or reviewed at or after this date or time.
    since: Option<String>,
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    limit: Option<String>,
    /// Items to skip (default 0).
    #[param(value_type = Option<u32>, minimum = 0)]
    offset: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AssessmentParams {
    /// Plan slug.
    plan: Option<String>,
    /// Commitment id.
    #[param(value_type = Option<Uuid>)]
    commitment: Option<String>,
    /// Only assessments recorded at or after this date or time.
    since: Option<String>,
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    limit: Option<String>,
    /// Items to skip (default 0).
    #[param(value_type = Option<u32>, minimum = 0)]
    offset: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProposalParams {
    /// Plan slug.
    plan: Option<String>,
    /// Slug of the institution the proposal is addressed to.
    institution: Option<String>,
    /// State: submitted, under_review, accepted, merged or not_accepted.
    state: Option<String>,
    /// Only proposals changed at or after this date or time.
    updated_since: Option<String>,
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    limit: Option<String>,
    /// Items to skip (default 0).
    #[param(value_type = Option<u32>, minimum = 0)]
    offset: Option<String>,
}

// ---------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------

/// Published action plans.
#[utoipa::path(get, path = "/api/v1/plans", tag = "plans", params(PlanParams), responses(
    (status = 200, description = "A page of plans", body = List<Plan>),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Bad filter or paging value", body = ApiErrorBody)))]
async fn list_plans(State(state): State<AppState>, cx: ApiContext) -> ApiResult {
    let p: PlanParams = cx.params()?;
    let filter = Filter {
        state: vocab(&cx, p.phase, "phase", PlanPhase::as_str)?,
        since: since(&cx, p.updated_since, "updated_since")?,
        ..paging(&cx, p.limit.as_deref(), p.offset.as_deref())?
    };
    let page = store::api::plans(&state.db, &filter)
        .await
        .map_err(|e| cx.failed(e))?;
    Ok(cx.list(page, &filter))
}

/// One published plan.
#[utoipa::path(get, path = "/api/v1/plans/{id}", tag = "plans",
    params(("id" = Uuid, Path, description = "Plan id")), responses(
    (status = 200, description = "The plan", body = Plan),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Malformed id", body = ApiErrorBody),
    (status = 404, description = "No such published plan", body = ApiErrorBody)))]
async fn get_plan(
    State(state): State<AppState>,
    cx: ApiContext,
    Path(id): Path<String>,
) -> ApiResult {
    let filter = cx.by_id(&id)?;
    cx.item(
        store::api::plans(&state.db, &filter)
            .await
            .map_err(|e| cx.failed(e))?,
    )
}

/// Commitments of published plans, with their actors.
#[utoipa::path(get, path = "/api/v1/commitments", tag = "commitments", params(CommitmentParams),
    responses(
    (status = 200, description = "A page of commitments", body = List<Commitment>),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Bad filter or paging value", body = ApiErrorBody)))]
async fn list_commitments(State(state): State<AppState>, cx: ApiContext) -> ApiResult {
    let p: CommitmentParams = cx.params()?;
    let filter = Filter {
        plan: slug(&cx, p.plan, "plan")?,
        institution: slug(&cx, p.institution, "institution")?,
        state: vocab(&cx, p.state, "state", CommitmentState::as_str)?,
        since: since(&cx, p.updated_since, "updated_since")?,
        ..paging(&cx, p.limit.as_deref(), p.offset.as_deref())?
    };
    let page = store::api::commitments(&state.db, &filter)
        .await
        .map_err(|e| cx.failed(e))?;
    Ok(cx.list(page, &filter))
}

/// One commitment.
#[utoipa::path(get, path = "/api/v1/commitments/{id}", tag = "commitments",
    params(("id" = Uuid, Path, description = "Commitment id")), responses(
    (status = 200, description = "The commitment", body = Commitment),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Malformed id", body = ApiErrorBody),
    (status = 404, description = "No such published commitment", body = ApiErrorBody)))]
async fn get_commitment(
    State(state): State<AppState>,
    cx: ApiContext,
    Path(id): Path<String>,
) -> ApiResult {
    let filter = cx.by_id(&id)?;
    cx.item(
        store::api::commitments(&state.db, &filter)
            .await
            .map_err(|e| cx.failed(e))?,
    )
}

/// Milestones with baseline and current dates and current figures.
#[utoipa::path(get, path = "/api/v1/milestones", tag = "milestones", params(MilestoneParams),
    responses(
    (status = 200, description = "A page of milestones", body = List<Milestone>),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Bad filter or paging value", body = ApiErrorBody)))]
async fn list_milestones(State(state): State<AppState>, cx: ApiContext) -> ApiResult {
    let p: MilestoneParams = cx.params()?;
    let filter = Filter {
        plan: slug(&cx, p.plan, "plan")?,
        commitment: uuid(&cx, p.commitment, "commitment")?,
        institution: slug(&cx, p.institution, "institution")?,
        state: vocab(&cx, p.status, "status", MilestoneStatus::as_str)?,
        since: since(&cx, p.updated_since, "updated_since")?,
        ..paging(&cx, p.limit.as_deref(), p.offset.as_deref())?
    };
    let page = store::api::milestones(&state.db, &filter)
        .await
        .map_err(|e| cx.failed(e))?;
    Ok(cx.list(page, &filter))
}

/// One milestone.
#[utoipa::path(get, path = "/api/v1/milestones/{id}", tag = "milestones",
    params(("id" = Uuid, Path, description = "Milestone id")), responses(
    (status = 200, description = "The milestone", body = Milestone),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Malformed id", body = ApiErrorBody),
    (status = 404, description = "No such published milestone", body = ApiErrorBody)))]
async fn get_milestone(
    State(state): State<AppState>,
    cx: ApiContext,
    Path(id): Path<String>,
) -> ApiResult {
    let filter = cx.by_id(&id)?;
    cx.item(
        store::api::milestones(&state.db, &filter)
            .await
            .map_err(|e| cx.failed(e))?,
    )
}

/// Progress reports, newest first, with their review state and evidence.
#[utoipa::path(get, path = "/api/v1/updates", tag = "updates", params(UpdateParams), responses(
    (status = 200, description = "A page of progress reports", body = List<Update>),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Bad filter or paging value", body = ApiErrorBody)))]
async fn list_updates(State(state): State<AppState>, cx: ApiContext) -> ApiResult {
    let p: UpdateParams = cx.params()?;
    let filter = Filter {
        plan: slug(&cx, p.plan, "plan")?,
        milestone: uuid(&cx, p.milestone, "milestone")?,
        institution: slug(&cx, p.institution, "institution")?,
        state: vocab(&cx, p.status, "status", MilestoneStatus::as_str)?,
        review_state: vocab(&cx, p.review_state, "review_state", ReviewState::as_str)?,
        since: since(&cx, p.since, "since")?,
        ..paging(&cx, p.limit.as_deref(), p.offset.as_deref())?
    };
    let page = store::api::updates(&state.db, &filter)
        .await
        .map_err(|e| cx.failed(e))?;
    Ok(cx.list(page, &filter))
}

/// One progress report.
#[utoipa::path(get, path = "/api/v1/updates/{id}", tag = "updates",
    params(("id" = Uuid, Path, description = "Progress report id")), responses(
    (status = 200, description = "The progress report", body = Update),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Malformed id", body = ApiErrorBody),
    (status = 404, description = "No such published report", body = ApiErrorBody)))]
async fn get_update(
    State(state): State<AppState>,
    cx: ApiContext,
    Path(id): Path<String>,
) -> ApiResult {
    let filter = cx.by_id(&id)?;
    cx.item(
        store::api::updates(&state.db, &filter)
            .await
            .map_err(|e| cx.failed(e))?,
    )
}

/// Monitoring assessments (forum and IRM).
#[utoipa::path(get, path = "/api/v1/assessments", tag = "assessments", params(AssessmentParams),
    responses(
    (status = 200, description = "A page of assessments", body = List<Assessment>),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Bad filter or paging value", body = ApiErrorBody)))]
async fn list_assessments(State(state): State<AppState>, cx: ApiContext) -> ApiResult {
    let p: AssessmentParams = cx.params()?;
    let filter = Filter {
        plan: slug(&cx, p.plan, "plan")?,
        commitment: uuid(&cx, p.commitment, "commitment")?,
        since: since(&cx, p.since, "since")?,
        ..paging(&cx, p.limit.as_deref(), p.offset.as_deref())?
    };
    let page = store::api::assessments(&state.db, &filter)
        .await
        .map_err(|e| cx.failed(e))?;
    Ok(cx.list(page, &filter))
}

/// Co-creation proposals with the forum's reasoned responses, newest first.
#[utoipa::path(get, path = "/api/v1/proposals", tag = "proposals", params(ProposalParams),
    responses(
    (status = 200, description = "A page of proposals", body = List<Proposal>),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Bad filter or paging value", body = ApiErrorBody)))]
async fn list_proposals(State(state): State<AppState>, cx: ApiContext) -> ApiResult {
    let p: ProposalParams = cx.params()?;
    let filter = Filter {
        plan: slug(&cx, p.plan, "plan")?,
        institution: slug(&cx, p.institution, "institution")?,
        state: vocab(&cx, p.state, "state", ProposalState::as_str)?,
        since: since(&cx, p.updated_since, "updated_since")?,
        ..paging(&cx, p.limit.as_deref(), p.offset.as_deref())?
    };
    let page = store::api::proposals(&state.db, &filter)
        .await
        .map_err(|e| cx.failed(e))?;
    Ok(cx.list(page, &filter))
}

/// One proposal.
#[utoipa::path(get, path = "/api/v1/proposals/{id}", tag = "proposals",
    params(("id" = Uuid, Path, description = "Proposal id")), responses(
    (status = 200, description = "The proposal", body = Proposal),
    (status = 304, description = "Not modified (If-None-Match)"),
    (status = 400, description = "Malformed id", body = ApiErrorBody),
    (status = 404, description = "No such published proposal", body = ApiErrorBody)))]
async fn get_proposal(
    State(state): State<AppState>,
    cx: ApiContext,
    Path(id): Path<String>,
) -> ApiResult {
    let filter = cx.by_id(&id)?;
    cx.item(
        store::api::proposals(&state.db, &filter)
            .await
            .map_err(|e| cx.failed(e))?,
    )
}

#[cfg(test)]
mod tests {
    use super::etag_matches;

    #[test]
    fn if_none_match_compares_weakly_and_accepts_lists_and_star() {
        assert!(etag_matches("\"abc\"", "\"abc\""));
        assert!(etag_matches("\"x\", \"abc\"", "\"abc\""));
        assert!(etag_matches("*", "\"abc\""));
        assert!(etag_matches("W/\"abc\"", "\"abc\""));
        assert!(!etag_matches("\"abd\"", "\"abc\""));
    }
}
