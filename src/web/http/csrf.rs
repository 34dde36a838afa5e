//! Cross-site request forgery protection for every state-changing request: the request must
//! come from this site (Origin / Sec-Fetch-Site) and carry the session's form token, in the
//! `csrf` form field, the `csrf` query parameter (file uploads) or the `x-csrf-token` header.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

use crate::web::http::error::AppError;
use crate::web::http::session::{CSRF_KEY, session_error};

pub const FIELD: &str = "csrf";
const HEADER: &str = "x-csrf-token";

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The request's own site: `Origin` absent (same-origin navigation from older browsers),
/// or naming the host the request was sent to.
pub fn same_origin(headers: &HeaderMap) -> bool {
    if headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site")
    {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let origin_host = origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'))
        .unwrap_or_default();
    !host.is_empty() && origin_host.eq_ignore_ascii_case(host)
}

fn field_in(form: &[u8]) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(form)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == FIELD)
        .map(|(_, v)| v)
}

/// Constant-time comparison, so the token cannot be guessed byte by byte.
fn tokens_match(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Largest urlencoded form read to find the token (forms are small; uploads are multipart).
const FORM_LIMIT: usize = 1024 * 1024;

pub async fn protect(request: Request, next: Next) -> Response {
    if is_safe(request.method()) {
        return next.run(request).await;
    }
    if !same_origin(request.headers()) {
        return AppError::Csrf.into_response();
    }
    let expected = match request.extensions().get::<Session>() {
        // A session that cannot be read because the database is down is a 503, not a
        // forged form; any other unreadable session has no token, as before.
        Some(session) => match session.get::<String>(CSRF_KEY).await {
            Ok(token) => token,
            Err(e) => match session_error(e) {
                unavailable @ AppError::Unavailable(_) => return unavailable.into_response(),
                _ => None,
            },
        },
        None => None,
    };
    let Some(expected) = expected else {
        return AppError::Csrf.into_response();
    };
    let from_header = request
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let from_query = request.uri().query().and_then(|q| field_in(q.as_bytes()));
    if let Some(given) = from_header.or(from_query) {
        return if tokens_match(&given, &expected) {
            next.run(request).await
        } else {
            AppError::Csrf.into_response()
        };
    }
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return AppError::Csrf.into_response();
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, FORM_LIMIT).await else {
        return AppError::BadRequest("error-too-large").into_response();
    };
    match field_in(&bytes) {
        Some(given) if tokens_match(&given, &expected) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        _ => AppError::Csrf.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn origin_must_name_the_host_asked() {
        assert!(same_origin(&headers(&[
            ("host", "abierto.example"),
            ("origin", "https://abierto.example")
        ])));
        assert!(!same_origin(&headers(&[
            ("host", "abierto.example"),
            ("origin", "https://evil.example")
        ])));
        assert!(!same_origin(&headers(&[
            ("host", "abierto.example"),
            ("origin", "null")
        ])));
        assert!(same_origin(&headers(&[("host", "abierto.example")])));
        assert!(!same_origin(&headers(&[("sec-fetch-site", "cross-site")])));
    }

    #[test]
    fn the_token_field_is_found_and_decoded() {
        assert_eq!(
            field_in(b"a=1&csrf=ab%2Bc&name=Jos%C3%A9+P").as_deref(),
            Some("ab+c")
        );
        assert_eq!(field_in(b"a=1"), None);
    }

    #[test]
    fn token_comparison_needs_equal_length_and_bytes() {
        assert!(tokens_match("abc", "abc"));
        assert!(!tokens_match("abc", "abd"));
        assert!(!tokens_match("abc", "abcd"));
    }
}
