//! What every API handler shares: the request context, the JSON answer with its ETag, the
//! error answer, and the parsing of query parameters into the store's filter.

use axum::extract::FromRequestParts;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use super::schema::{ApiErrorBody, ApiErrorDetail, List};
use crate::domain::opendata::Paging;
use crate::i18n::Tr;
use crate::store::api::{Filter, Page};
use crate::web::AppState;
use crate::web::http::conditional::etag_matches;

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
    pub(super) fn params<P: serde::de::DeserializeOwned>(&self) -> Result<P, ApiError> {
        serde_urlencoded::from_str(&self.query).map_err(|_| self.bad(BAD_FILTER, "query"))
    }

    pub(super) fn bad(&self, key: &'static str, param: &'static str) -> ApiError {
        ApiError::new(self.tr, StatusCode::BAD_REQUEST, key, param)
    }

    pub(super) fn not_found(&self) -> ApiError {
        ApiError::new(self.tr, StatusCode::NOT_FOUND, "api-not-found", "id")
    }

    pub(super) fn failed(&self, error: sqlx::Error) -> ApiError {
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
    pub(super) fn json<T: Serialize>(&self, value: &T) -> Response {
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

    pub(super) fn list<T: Serialize + ToSchema>(&self, page: Page<T>, filter: &Filter) -> Response {
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

    pub(super) fn item<T: Serialize>(&self, page: Page<T>) -> Result<Response, ApiError> {
        let item = page
            .items
            .into_iter()
            .next()
            .ok_or_else(|| self.not_found())?;
        Ok(self.json(&item))
    }

    /// The filter selecting one item by its id.
    pub(super) fn by_id(&self, id: &str) -> Result<Filter, ApiError> {
        let id = Uuid::parse_str(id).map_err(|_| self.bad(BAD_ID, "id"))?;
        Ok(Filter {
            id: Some(id),
            limit: 1,
            ..Filter::default()
        })
    }
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

pub(super) type ApiResult = Result<Response, ApiError>;

// Query parameters

const BAD_FILTER: &str = "api-bad-filter";
const BAD_ID: &str = "api-bad-id";

pub(super) fn paging(
    cx: &ApiContext,
    limit: Option<&str>,
    offset: Option<&str>,
) -> Result<Filter, ApiError> {
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
pub(super) fn slug(
    cx: &ApiContext,
    value: Option<String>,
    param: &'static str,
) -> Result<Option<String>, ApiError> {
    match present(value) {
        None => Ok(None),
        Some(v) if crate::domain::slug::is_slug(&v) => Ok(Some(v)),
        Some(_) => Err(cx.bad(BAD_FILTER, param)),
    }
}

pub(super) fn uuid(
    cx: &ApiContext,
    value: Option<String>,
    param: &'static str,
) -> Result<Option<Uuid>, ApiError> {
    present(value)
        .map(|v| Uuid::parse_str(v.trim()).map_err(|_| cx.bad(BAD_FILTER, param)))
        .transpose()
}

/// A filter given with an empty value (`?plan=`) is no filter at all.
fn present(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// A country code (`EC`, any case) or nothing.
pub(super) fn country(
    cx: &ApiContext,
    value: Option<String>,
    param: &'static str,
) -> Result<Option<String>, ApiError> {
    present(value)
        .map(|v| {
            let v = v.trim().to_ascii_uppercase();
            if v.len() == 2 && v.bytes().all(|b| b.is_ascii_uppercase()) {
                Ok(v)
            } else {
                Err(cx.bad(BAD_FILTER, param))
            }
        })
        .transpose()
}

/// OGP's plan number, 1–100, or nothing.
pub(super) fn plan_number(
    cx: &ApiContext,
    value: Option<String>,
    param: &'static str,
) -> Result<Option<i16>, ApiError> {
    present(value)
        .map(|v| match v.trim().parse::<i16>() {
            Ok(n) if (1..=100).contains(&n) => Ok(n),
            _ => Err(cx.bad(BAD_FILTER, param)),
        })
        .transpose()
}

/// A value of vocabulary `V`, returned in its canonical spelling.
pub(super) fn vocab<V: std::str::FromStr>(
    cx: &ApiContext,
    value: Option<String>,
    param: &'static str,
    as_str: fn(&V) -> &'static str,
) -> Result<Option<String>, ApiError> {
    present(value)
        .map(|v| {
            v.trim()
                .parse::<V>()
                .map(|v| as_str(&v).to_owned())
                .map_err(|_| cx.bad(BAD_FILTER, param))
        })
        .transpose()
}

/// A date (`2020-06-30`, from its midnight UTC) or an RFC 3339 time.
pub(super) fn since(
    cx: &ApiContext,
    value: Option<String>,
    param: &'static str,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, ApiError> {
    let Some(v) = present(value) else {
        return Ok(None);
    };
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
