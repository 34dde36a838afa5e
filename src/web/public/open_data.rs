//! `/open-data`: what can be downloaded, under which licence, with the data dictionary; and
//! the download itself (`/open-data/abierto-open-data.zip`), open to other sites (CORS).

use crate::web::ui::trail::Trail;
use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use crate::config::DataLicense;
use crate::domain::opendata::{DEFAULT_LIMIT, MAX_LIMIT, RESOURCES};
use crate::i18n::{Locale, Tr};
use crate::opendata::{ZIP_NAME, build_zip};
use crate::web::AppState;
use crate::web::http::error::AppResult;
use crate::web::http::routes::Routes;
use crate::web::http::session::Viewer;
use crate::web::ui::views::render;

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
    pub license_name: String,
    pub license_url: String,
    pub default_limit: u32,
    pub max_limit: u32,
    pub tables: Vec<TableView>,
}

impl OpenDataPage {
    /// Every table of the archive with its fields, described in the reader's language.
    pub fn build(tr: Tr, path: String, viewer: Viewer, license: &DataLicense) -> Self {
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
    let path = uri.0.path().to_owned();
    render(&OpenDataPage::build(
        tr,
        path,
        viewer,
        &state.config.data_license,
    ))
}

/// `GET /open-data/abierto-open-data.zip`: built fresh from the database on each request.
async fn download(State(state): State<AppState>) -> AppResult<Response> {
    let zip = build_zip(
        state.db.clone(),
        state.config.data_license.clone(),
        state.config.public_url.clone(),
    )
    .await?;
    Ok((
        [
            (CONTENT_TYPE, "application/zip".to_owned()),
            (CACHE_CONTROL, "no-cache".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ZIP_NAME}\""),
            ),
        ],
        zip,
    )
        .into_response())
}
