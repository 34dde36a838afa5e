//! Cross-site request forgery protection for every state-changing request: the request must
//! come from this site (Origin / Sec-Fetch-Site) and carry the session's form token, in the
//! `csrf` form field (for a file upload, its first part), the `x-csrf-token` header, or the
//! `csrf` query parameter (clients that send it there; no form of the site does, so the token
//! never shows in the address bar).

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
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
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    if let Some(boundary) = multipart_boundary(&content_type) {
        return protect_multipart(request, next, &boundary, &expected).await;
    }
    if !content_type.starts_with("application/x-www-form-urlencoded") {
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

/// Most of a multipart body read to find its first part (the token field comes first).
const FIRST_PART_LIMIT: usize = 16 * 1024;

/// The boundary of a `multipart/form-data` content type.
fn multipart_boundary(content_type: &str) -> Option<String> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_owned())
            .filter(|b| !b.is_empty())
    })
}

/// What the start of a multipart body says of its first part: the token when that part is the
/// `csrf` field, `Err(())` when it is another part (or no multipart at all), `Ok(None)` when
/// more bytes are needed to tell.
fn first_part_token(body: &[u8], boundary: &str) -> Result<Option<String>, ()> {
    let opening = format!("--{boundary}\r\n");
    if body.len() < opening.len() {
        return if opening.as_bytes().starts_with(body) {
            Ok(None)
        } else {
            Err(())
        };
    }
    let Some(rest) = body.strip_prefix(opening.as_bytes()) else {
        return Err(());
    };
    let Some(head_end) = find(rest, b"\r\n\r\n") else {
        return Ok(None);
    };
    let head = std::str::from_utf8(&rest[..head_end]).map_err(|_| ())?;
    let names_the_token = head.lines().any(|line| {
        let lower = line.to_ascii_lowercase();
        lower.starts_with("content-disposition:")
            && lower.contains("form-data")
            && lower
                .split(';')
                .any(|p| p.trim() == format!("name=\"{FIELD}\""))
            && !lower.contains("filename")
    });
    if !names_the_token {
        return Err(());
    }
    let value = &rest[head_end + 4..];
    let closing = format!("\r\n--{boundary}");
    let Some(end) = find(value, closing.as_bytes()) else {
        return Ok(None);
    };
    String::from_utf8(value[..end].to_vec())
        .map(Some)
        .map_err(|_| ())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A file upload carries the token as its first part: only that much of the body is read
/// here, and the whole body goes on to the handler untouched.
async fn protect_multipart(
    request: Request,
    next: Next,
    boundary: &str,
    expected: &str,
) -> Response {
    let (parts, body) = request.into_parts();
    let mut stream = body.into_data_stream();
    let mut read: Vec<u8> = Vec::new();
    let given = loop {
        match first_part_token(&read, boundary) {
            Ok(Some(token)) => break token,
            Err(()) => return AppError::Csrf.into_response(),
            Ok(None) if read.len() > FIRST_PART_LIMIT => return AppError::Csrf.into_response(),
            Ok(None) => match stream.next().await {
                Some(Ok(chunk)) => read.extend_from_slice(&chunk),
                Some(Err(_)) => return AppError::BadRequest("error-bad-request").into_response(),
                None => return AppError::Csrf.into_response(),
            },
        }
    };
    if !tokens_match(&given, expected) {
        return AppError::Csrf.into_response();
    }
    let head = futures_util::stream::once(async move { Ok(bytes::Bytes::from(read)) });
    let body = Body::from_stream(head.chain(stream));
    next.run(Request::from_parts(parts, body)).await
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
    fn a_uploads_token_is_its_first_part() {
        let b = "XyZ";
        assert_eq!(
            multipart_boundary("multipart/form-data; boundary=XyZ").as_deref(),
            Some(b)
        );
        assert_eq!(
            multipart_boundary("multipart/form-data; boundary=\"XyZ\"").as_deref(),
            Some(b)
        );
        assert_eq!(
            multipart_boundary("application/x-www-form-urlencoded"),
            None
        );
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok+1\r\n--XyZ\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n3\r\n--XyZ--\r\n";
        assert_eq!(first_part_token(body, b), Ok(Some("tok+1".into())));
        for cut in [0, 3, 20, 52, 60] {
            assert_eq!(first_part_token(&body[..cut], b), Ok(None), "{cut}");
        }
        let other_first =
            b"--XyZ\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n3\r\n--XyZ--\r\n";
        assert_eq!(first_part_token(other_first, b), Err(()));
        let a_file = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"; filename=\"a\"\r\n\r\nx\r\n--XyZ--";
        assert_eq!(first_part_token(a_file, b), Err(()));
        assert_eq!(first_part_token(b"garbage", b), Err(()));
    }

    #[test]
    fn token_comparison_needs_equal_length_and_bytes() {
        assert!(tokens_match("abc", "abc"));
        assert!(!tokens_match("abc", "abd"));
        assert!(!tokens_match("abc", "abcd"));
    }
}
