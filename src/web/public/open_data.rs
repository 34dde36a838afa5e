//! `/open-data`: what can be downloaded (with its size and date), under which licence, with the
//! data dictionary; and the download itself (`/open-data/abierto-open-data.zip`), open to other
//! sites (CORS). Both describe the one archive kept in the app state.

use std::sync::Arc;

use crate::web::ui::trail::Trail;
use askama::Template;
use axum::body::Body;
use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, ETAG, HeaderMap, LAST_MODIFIED,
};
use axum::response::{IntoResponse, Response};

use crate::config::DataLicense;
use crate::domain::opendata::{DEFAULT_LIMIT, MAX_LIMIT, RESOURCES};
use crate::i18n::{Locale, Tr};
use crate::opendata::{Archive, ZIP_NAME};
use crate::web::AppState;
use crate::web::http::conditional::{http_date, not_modified};
use crate::web::http::error::AppResult;
use crate::web::http::routes::Routes;
use crate::web::http::session::Viewer;
use crate::web::ui::views::{file_size, long_moment, machine_moment, render};

pub fn router() -> Routes {
    Routes::new()
        .get("/open-data/abierto-open-data.zip", download)
        .layer(crate::web::api::cors())
        .merge(Routes::new().get("/open-data", page))
}

pub struct FieldView {
    pub name: &'static str,
    pub kind: &'static str,
    pub es: &'static str,
    pub en: &'static str,
}

pub struct TableView {
    pub file: String,
    pub description: &'static str,
    pub fields: Vec<FieldView>,
}

#[derive(Template)]
#[template(path = "public/open_data.html")]
pub struct OpenDataPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub zip_name: &'static str,
    /// `34 KB`: the size of the archive the link downloads.
    pub zip_size: String,
    /// When its data was produced, for people and for `<time datetime>`.
    pub zip_produced: String,
    pub zip_produced_datetime: String,
    pub license_name: String,
    pub license_url: String,
    pub default_limit: u32,
    pub max_limit: u32,
    pub tables: Vec<TableView>,
}

impl OpenDataPage {
    /// The archive's size and date, and every table of it with its fields, described in the
    /// reader's language.
    pub fn build(
        tr: Tr,
        path: String,
        viewer: Viewer,
        license: &DataLicense,
        archive: &Archive,
    ) -> Self {
        let tables = RESOURCES
            .iter()
            .map(|r| TableView {
                file: r.file_name(),
                description: if tr.locale == Locale::En { r.en } else { r.es },
                fields: r
                    .fields
                    .iter()
                    .map(|f| FieldView {
                        name: f.name,
                        kind: f.kind.as_str(),
                        es: f.es,
                        en: f.en,
                    })
                    .collect(),
            })
            .collect();
        Self {
            trail: Trail::home(&tr).here(tr.t("open-data-title")),
            tr,
            path,
            viewer,
            zip_name: ZIP_NAME,
            zip_size: file_size(&tr, i64::try_from(archive.bytes.len()).unwrap_or(i64::MAX)),
            zip_produced: long_moment(&tr, archive.produced_at),
            zip_produced_datetime: machine_moment(archive.produced_at),
            license_name: license.name.clone(),
            license_url: license.url.clone(),
            default_limit: DEFAULT_LIMIT,
            max_limit: MAX_LIMIT,
            tables,
        }
    }
}

/// `GET /open-data`.
async fn page(
    State(state): State<AppState>,
    tr: Tr,
    viewer: Viewer,
    uri: OriginalUri,
) -> AppResult<Response> {
    let archive = current_archive(&state).await?;
    let path = uri.0.path().to_owned();
    render(&OpenDataPage::build(
        tr,
        path,
        viewer,
        &state.config.data_license,
        &archive,
    ))
}

/// `GET /open-data/abierto-open-data.zip`: the kept archive while the data is unchanged,
/// 304 when the client holds it already.
async fn download(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    let archive = current_archive(&state).await?;
    let etag = format!("\"{}\"", archive.sha256);
    let validators = [
        (CACHE_CONTROL, "no-cache".to_owned()),
        (LAST_MODIFIED, http_date(archive.produced_at)),
        (ETAG, etag.clone()),
    ];
    if not_modified(&headers, &etag, archive.produced_at) {
        return Ok((StatusCode::NOT_MODIFIED, validators).into_response());
    }
    Ok((
        validators,
        [
            (CONTENT_TYPE, "application/zip".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ZIP_NAME}\""),
            ),
        ],
        Body::from(archive.bytes.clone()),
    )
        .into_response())
}

async fn current_archive(state: &AppState) -> anyhow::Result<Arc<Archive>> {
    state
        .open_data
        .current(
            &state.db,
            &state.config.data_license,
            &state.config.public_url,
        )
        .await
}
