//! The visitor's language: a cookie set by the switch in the header, Spanish otherwise.

use std::convert::Infallible;

use axum::extract::{FromRequestParts, Path, Query};
use axum::http::header::{COOKIE, LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::i18n::{Locale, Tr};

pub const LANG_COOKIE: &str = "lang";

pub fn locale_from_headers(headers: &HeaderMap) -> Locale {
    cookie(headers, LANG_COOKIE)
        .and_then(Locale::parse)
        .unwrap_or_default()
}

/// The value of the request's cookie `name`, if it sent one.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    cookie_pairs(headers)
        .find(|(cookie, _)| cookie == name)
        .map(|(_, value)| value)
}

/// Every cookie of the request as the session layer reads it: names trimmed and
/// percent-decoded (`abierto =…` and `%61bierto=…` both name `abierto`), values trimmed.
pub fn cookie_pairs(headers: &HeaderMap) -> impl Iterator<Item = (String, &str)> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.split_once('='))
        .map(|(name, value)| (percent_decoded(name.trim()), value.trim()))
}

fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl<S: Send + Sync> FromRequestParts<S> for Tr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Tr::new(locale_from_headers(&parts.headers)))
    }
}

#[derive(Deserialize)]
pub struct NextPage {
    next: Option<String>,
}

/// Only paths on this site: `/plans`, never `//evil.example` or `https://…`. Browsers drop
/// tabs and line breaks from a `Location` before reading it (`/\t/evil.example` becomes
/// `//evil.example`), so a path with any control character or white space is refused too;
/// that also keeps every accepted path a valid header value.
pub fn same_site_path(next: Option<&str>) -> &str {
    match next {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && !p.chars().any(|c| c.is_control() || c.is_whitespace()) =>
        {
            p
        }
        _ => "/",
    }
}

/// `GET /lang/{code}?next=/path`: remember the language for this browser and go back.
pub async fn switch_language(Path(code): Path<String>, Query(q): Query<NextPage>) -> Response {
    let Some(locale) = Locale::parse(&code) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let target = same_site_path(q.next.as_deref());
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        locale.code()
    );
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let (Ok(location), Ok(cookie)) = (
        HeaderValue::from_str(target),
        HeaderValue::from_str(&cookie),
    ) {
        headers.insert(LOCATION, location);
        headers.insert(SET_COOKIE, cookie);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_same_site_paths_are_followed() {
        assert_eq!(same_site_path(Some("/plans/x")), "/plans/x");
        assert_eq!(same_site_path(Some("//evil.example")), "/");
        assert_eq!(same_site_path(Some("https://evil.example")), "/");
        assert_eq!(same_site_path(Some("/\\evil.example")), "/");
        assert_eq!(same_site_path(None), "/");
    }

    #[test]
    fn paths_that_browsers_would_read_as_another_host_are_refused() {
        for hostile in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/ /evil.example",
            "/\u{0b}/evil.example",
            "/\u{a0}/evil.example",
            "/\u{2028}x",
        ] {
            assert_eq!(same_site_path(Some(hostile)), "/", "{hostile:?}");
        }
        assert_eq!(same_site_path(Some("/plans?q=a%20b")), "/plans?q=a%20b");
    }

    #[test]
    fn language_cookie_is_read_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("a=1; lang=en; b=2"));
        assert_eq!(locale_from_headers(&headers), Locale::En);
        headers.insert(COOKIE, HeaderValue::from_static("lang=fr"));
        assert_eq!(locale_from_headers(&headers), Locale::Es);
    }

    #[test]
    fn cookie_names_are_read_as_the_session_layer_reads_them() {
        for sent in [
            "abierto =s1",
            " abierto = s1 ",
            "%61bierto=s1",
            "x=1; %61%62ierto=s1",
        ] {
            let mut headers = HeaderMap::new();
            headers.insert(COOKIE, HeaderValue::from_str(sent).unwrap());
            assert_eq!(cookie(&headers, "abierto"), Some("s1"), "{sent:?}");
        }
    }
}
