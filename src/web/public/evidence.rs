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
    let encoded: String = file
        .file_name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    let disposition = format!("attachment; filename=\"evidencia\"; filename*=UTF-8''{encoded}");
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_str(&file.media_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    headers.insert(
        CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}
