//! Pieces shared by every page: rendering, progress bars, dates, the error page.

use askama::Template;
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use crate::domain::{Health, Progress};
use crate::i18n::Tr;
use crate::web::http::error::{AppError, ErrorPage};

/// Renders a page template into an HTML response.
pub fn render<T: Template>(page: &T) -> Result<Response, AppError> {
    let html = page
        .render()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("template: {e}")))?;
    Ok((
        [
            (CONTENT_TYPE, "text/html; charset=utf-8"),
            (CACHE_CONTROL, "no-cache"),
        ],
        html,
    )
        .into_response())
}

/// A progress bar with its text equivalent for screen readers.
#[derive(Debug, Clone)]
pub struct ProgressView {
    pub value: u8,
    pub expected: Option<u8>,
    pub label: String,
    pub expected_label: String,
}

impl ProgressView {
    pub fn new(tr: &Tr, progress: Progress, expected: Option<Progress>) -> Self {
        let label = match expected {
            Some(e) => format!(
                "{} · {}",
                tr.t1("progress-actual", "value", progress.value()),
                tr.t1("progress-expected", "value", e.value())
            ),
            None => tr.t1("progress-actual", "value", progress.value()),
        };
        Self {
            value: progress.value(),
            expected: expected.map(Progress::value),
            expected_label: expected
                .map(|e| tr.t1("progress-expected", "value", e.value()))
                .unwrap_or_default(),
            label,
        }
    }
}

/// One option of a drop-down: its value, its label, whether it is chosen.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A health badge: translated label and its colour class.
#[derive(Debug, Clone)]
pub struct HealthView {
    pub label: String,
    pub class: &'static str,
}

impl HealthView {
    pub fn new(tr: &Tr, health: Health) -> Self {
        Self {
            label: tr.t(health.label_key()),
            class: health.css_class(),
        }
    }
}

pub use crate::i18n::format::{long_date, maybe_date, moment, vocab};

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorView {
    pub tr: Tr,
    pub path: String,
    pub viewer: crate::web::http::session::Viewer,
    pub heading: String,
    pub message: String,
    /// For a refusal: the roles that may do it, translated.
    pub needed: String,
    pub login: bool,
    pub request_id: String,
}

impl ErrorView {
    pub fn new(tr: Tr, page: ErrorPage, request_id: String) -> Self {
        let heading = match page.status {
            StatusCode::NOT_FOUND => tr.t("error-not-found-title"),
            StatusCode::UNAUTHORIZED => tr.t("error-unauthorized-title"),
            StatusCode::FORBIDDEN => tr.t("error-forbidden-title"),
            s if s.is_server_error() => tr.t("error-server-title"),
            _ => tr.t("error-request-title"),
        };
        let needed = page
            .needed
            .iter()
            .map(|r| tr.t(r.label_key()))
            .collect::<Vec<_>>()
            .join(", ");
        Self {
            tr,
            path: "/".into(),
            viewer: Default::default(),
            heading,
            message: tr.t(page.message_key),
            needed,
            login: page.status == StatusCode::UNAUTHORIZED,
            request_id,
        }
    }
}

impl IntoResponse for ErrorView {
    fn into_response(self) -> Response {
        match render(&self) {
            Ok(r) => r,
            Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "error").into_response(),
        }
    }
}
