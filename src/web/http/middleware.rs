//! The middleware stack in one place: request id, tracing, timeout, panic catching,
//! compression, body limit, common security headers and translated error pages.

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::{Response, StatusCode};
use axum::middleware::{self, Next};
use axum::response::IntoResponse;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::i18n::Tr;
use crate::web::http::error::ErrorPage;
use crate::web::http::locale::locale_from_headers;
use crate::web::ui::views::ErrorView;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Time-ordered request ids, so log lines sort by arrival.
#[derive(Clone, Copy, Default)]
struct MakeUuidV7;

impl MakeRequestId for MakeUuidV7 {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        HeaderValue::from_str(&uuid::Uuid::now_v7().to_string())
            .ok()
            .map(RequestId::new)
    }
}

/// The layers, outermost first. The request id, the security headers and the translated
/// error pages sit outside every layer that can answer on its own (body limit 413, timeout
/// 408, a caught panic 500), so those answers carry them too.
pub fn apply(router: Router, body_limit: usize, timeout: Duration, https: bool) -> Router {
    router.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeUuidV7))
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(middleware::from_fn(move |request: Request, next: Next| {
                security_headers(request, next, https)
            }))
            .layer(middleware::from_fn(error_pages))
            .layer(
                TraceLayer::new_for_http().make_span_with(|request: &Request| {
                    let id = request
                        .headers()
                        .get(REQUEST_ID)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    let path = loggable_path(request.uri().path());
                    tracing::info_span!("request", method = %request.method(), path = %path, request_id = %id)
                }),
            )
            .layer(middleware::from_fn(scope_request_id))
            .layer(CatchPanicLayer::new())
            // Brotli's default is its slowest quality (11), meant for static files; pages are
            // compressed on every request, so a middle level (4 for brotli and gzip). A ZIP is
            // compressed already: it goes out as kept, byte for byte what its ETag names.
            .layer(
                CompressionLayer::new()
                    .quality(CompressionLevel::Precise(4))
                    .compress_when(
                        DefaultPredicate::new().and(NotForContentType::const_new("application/zip")),
                    ),
            )
            .layer(RequestBodyLimitLayer::new(body_limit))
            .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, timeout)),
    )
}

/// Makes the request id available to code that records what the request did (the audit log).
async fn scope_request_id(request: Request, next: Next) -> Response<Body> {
    let id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    crate::telemetry::with_request_id(id, next.run(request)).await
}

/// Single-use links are as good as passwords: their tokens never reach the logs.
pub fn loggable_path(path: &str) -> String {
    for prefix in ["/invitations/", "/password-reset/"] {
        if let Some(rest) = path.strip_prefix(prefix)
            && !rest.is_empty()
            && rest != "new"
        {
            return format!("{prefix}***");
        }
    }
    path.to_owned()
}

/// Headers every response carries. Pages need no inline script or style.
async fn security_headers(request: Request, next: Next, https: bool) -> Response<Body> {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name: HeaderName, value: &'static str| {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    };
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "same-origin");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(
        headers,
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    );
    if https {
        set(
            headers,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    response
}

/// Turns an error marker (or a bare framework error status) into a page in the visitor's
/// language, with the request id to quote when asking for help.
async fn error_pages(request: Request, next: Next) -> Response<Body> {
    let tr = Tr::new(locale_from_headers(request.headers()));
    let request_id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let response = next.run(request).await;
    let page = match response.extensions().get::<ErrorPage>() {
        Some(page) => *page,
        None => match framework_error(&response) {
            Some(page) => page,
            None => return response,
        },
    };
    let mut rendered = ErrorView::new(tr, page, request_id).into_response();
    *rendered.status_mut() = page.status;
    if let Some(retry_after) = response.headers().get(header::RETRY_AFTER) {
        rendered
            .headers_mut()
            .insert(header::RETRY_AFTER, retry_after.clone());
    }
    rendered
}

/// Statuses produced by the framework itself (unknown route, wrong method, bad query string)
/// arrive without a body worth showing.
fn framework_error(response: &Response<Body>) -> Option<ErrorPage> {
    let status = response.status();
    let has_own_body = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.starts_with("text/html")
                || v.starts_with("application/json")
                || v.starts_with("application/atom")
        });
    if has_own_body || !(status.is_client_error() || status.is_server_error()) {
        return None;
    }
    let message_key = match status {
        StatusCode::NOT_FOUND => "error-not-found",
        StatusCode::METHOD_NOT_ALLOWED => "error-method",
        StatusCode::PAYLOAD_TOO_LARGE => "error-too-large",
        StatusCode::REQUEST_TIMEOUT => "error-timeout",
        StatusCode::TOO_MANY_REQUESTS => "error-too-many",
        s if s.is_client_error() => "error-bad-request",
        _ => "error-internal",
    };
    Some(ErrorPage {
        status,
        message_key,
        needed: &[],
    })
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn tokens_in_links_are_hidden_from_logs() {
        assert_eq!(loggable_path("/invitations/4f9a0c"), "/invitations/***");
        assert_eq!(
            loggable_path("/password-reset/4f9a0c"),
            "/password-reset/***"
        );
        assert_eq!(loggable_path("/invitations/new"), "/invitations/new");
        assert_eq!(loggable_path("/plans/x"), "/plans/x");
    }
}
