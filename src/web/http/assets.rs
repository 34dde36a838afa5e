//! Static files compiled into the binary, served under content-hashed URLs so browsers
//! may keep them for a year.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

struct Asset {
    name: &'static str,
    media_type: &'static str,
    body: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "style.css",
        media_type: "text/css; charset=utf-8",
        body: include_bytes!("../../../static/style.css"),
    },
    Asset {
        name: "icon.svg",
        media_type: "image/svg+xml",
        body: include_bytes!("../../../static/icon.svg"),
    },
];

/// FNV-1a: a stable fingerprint for cache busting, not a security measure.
fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

fn url_of(name: &str) -> String {
    let version = ASSETS
        .iter()
        .find(|a| a.name == name)
        .map(|a| fingerprint(a.body))
        .unwrap_or_default();
    format!("/static/{name}?v={version}")
}

pub static STYLE_URL: LazyLock<String> = LazyLock::new(|| url_of("style.css"));
pub static ICON_URL: LazyLock<String> = LazyLock::new(|| url_of("icon.svg"));

/// `GET /static/{name}`
pub async fn serve(Path(name): Path<String>, headers: HeaderMap) -> Response {
    let Some(asset) = ASSETS.iter().find(|a| a.name == name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let etag = format!("\"{}\"", fingerprint(asset.body));
    let cache = HeaderValue::from_static("public, max-age=31536000, immutable");
    let etag_value = HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"0\""));
    if headers
        .get(IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        return (
            StatusCode::NOT_MODIFIED,
            [(ETAG, etag_value), (CACHE_CONTROL, cache)],
        )
            .into_response();
    }
    (
        [
            (CONTENT_TYPE, HeaderValue::from_static(asset.media_type)),
            (ETAG, etag_value),
            (CACHE_CONTROL, cache),
        ],
        asset.body,
    )
        .into_response()
}
