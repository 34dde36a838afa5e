//! Evidence files, served as downloads: never rendered by the browser as a page.

use axum::extract::{Path, State};
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use crate::store;
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::routes::Routes;

pub fn router() -> Routes {
    Routes::new().get("/evidence/{id}", download)
}

/// `GET /evidence/{id}`: the file with its sniffed type, as an attachment.
async fn download(State(state): State<AppState>, Path(id): Path<Uuid>) -> AppResult<Response> {
    let file = store::implementation::evidence::file(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(bytes) = state.files.get(&file.storage_key).await? else {
        tracing::warn!(%id, key = %file.storage_key, "evidence file missing from the store");
        return Err(AppError::Missing("evidence-file-missing"));
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_str(&file.media_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    if let Ok(value) = HeaderValue::from_str(&attachment(&file.file_name)) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    headers.insert(
        CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}

/// `Content-Disposition` of a download: a plain fallback name, and the file's own name
/// percent-encoded (RFC 5987) so no character of it can break the header.
fn attachment(file_name: &str) -> String {
    let encoded: String = file_name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("attachment; filename=\"evidencia\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_download_names_the_file_percent_encoded() {
        assert_eq!(
            attachment("Acta nº 1.pdf"),
            "attachment; filename=\"evidencia\"; filename*=UTF-8''Acta%20n%C2%BA%201.pdf"
        );
        assert_eq!(
            attachment("a\"b\r\n.pdf"),
            "attachment; filename=\"evidencia\"; filename*=UTF-8''a%22b%0D%0A.pdf"
        );
    }
}
