//! Conditional GETs (RFC 9110 §13): whether the copy a client holds is still current, so the
//! answer can be an empty 304.

use axum::http::HeaderMap;
use axum::http::header::{IF_MODIFIED_SINCE, IF_NONE_MATCH};
use chrono::{DateTime, Utc};

/// `If-None-Match` (a list, or `*`) against the current ETag, with the weak comparison
/// RFC 9110 asks for: `W/"x"` matches `"x"`.
pub fn etag_matches(if_none_match: &str, etag: &str) -> bool {
    if_none_match.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == etag
    })
}

/// Whether the client's copy is current, for a representation with this ETag, last changed at
/// `modified`. `If-None-Match` decides when sent; `If-Modified-Since` only without it.
pub fn not_modified(headers: &HeaderMap, etag: &str, modified: DateTime<Utc>) -> bool {
    if let Some(tags) = headers.get(IF_NONE_MATCH) {
        return tags.to_str().is_ok_and(|tags| etag_matches(tags, etag));
    }
    headers
        .get(IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| DateTime::parse_from_rfc2822(v).ok())
        .is_some_and(|since| modified.timestamp() <= since.timestamp())
}

/// A moment as an HTTP date (`Last-Modified`): `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(pairs: &[(axum::http::HeaderName, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| (name.clone(), HeaderValue::from_static(value)))
            .collect()
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("a moment")
            .with_timezone(&Utc)
    }

    #[test]
    fn if_none_match_compares_weakly_and_accepts_lists_and_star() {
        assert!(etag_matches("\"abc\"", "\"abc\""));
        assert!(etag_matches("\"x\", \"abc\"", "\"abc\""));
        assert!(etag_matches("*", "\"abc\""));
        assert!(etag_matches("W/\"abc\"", "\"abc\""));
        assert!(!etag_matches("\"abd\"", "\"abc\""));
    }

    #[test]
    fn an_http_date_is_the_imf_fixdate_in_gmt() {
        assert_eq!(
            http_date(at("1994-11-06T08:49:37.250Z")),
            "Sun, 06 Nov 1994 08:49:37 GMT"
        );
    }

    #[test]
    fn if_modified_since_counts_only_without_if_none_match() {
        let modified = at("2024-03-15T14:02:09.123456Z");
        let same_second = headers(&[(IF_MODIFIED_SINCE, "Fri, 15 Mar 2024 14:02:09 GMT")]);
        assert!(not_modified(&same_second, "\"a\"", modified));
        let earlier = headers(&[(IF_MODIFIED_SINCE, "Fri, 15 Mar 2024 14:02:08 GMT")]);
        assert!(!not_modified(&earlier, "\"a\"", modified));
        let other_tag = headers(&[
            (IF_NONE_MATCH, "\"b\""),
            (IF_MODIFIED_SINCE, "Fri, 15 Mar 2024 14:02:09 GMT"),
        ]);
        assert!(!not_modified(&other_tag, "\"a\"", modified));
        assert!(!not_modified(&HeaderMap::new(), "\"a\"", modified));
    }
}
