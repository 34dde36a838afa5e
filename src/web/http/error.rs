//! The one error type of the web layer. Handlers return it; `error_pages` turns it into a
//! translated page with the request id. Internal causes go to the log, never to the client.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::domain::Role;

/// What went wrong, as far as the user is concerned.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Something the database names but cannot be had (the key says what, and what to do).
    #[error("missing: {0}")]
    Missing(&'static str),
    #[error("login required")]
    Unauthorized,
    #[error("forbidden: {reason_key}")]
    Forbidden {
        needed: &'static [Role],
        reason_key: &'static str,
    },
    /// A state-changing request without a valid form token, or from another site.
    #[error("CSRF check failed")]
    Csrf,
    /// Too many attempts: the message key explains when to try again.
    #[error("too many requests: {0}")]
    TooManyRequests(&'static str),
    /// A link that was used already or has expired.
    #[error("gone: {0}")]
    Gone(&'static str),
    /// Valid request, refused by a rule of the domain (the message key says which).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Bad input: the message key explains it in the user's language.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("database unavailable: {0}")]
    Unavailable(sqlx::Error),
    /// Every slot and queue place for heavy work (password hashing, reading an uploaded
    /// file) is taken: 503 with `Retry-After`.
    #[error("busy")]
    Busy,
    #[error("database error: {0}")]
    Database(sqlx::Error),
    #[error(transparent)]
    Internal(anyhow::Error),
}

/// Text PostgreSQL cannot store (a NUL character, SQLSTATE 22021, or one with no equivalent
/// in the database's encoding, 22P05) is the visitor's input, not a fault of ours.
fn is_unstorable_text(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .and_then(|d| d.code())
        .is_some_and(|code| code == "22021" || code == "22P05")
}

fn is_check_violation(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .and_then(|d| d.code())
        .is_some_and(|code| code == "23514")
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        match e.downcast::<sqlx::Error>() {
            Ok(db) => AppError::from(db),
            Err(other) => AppError::Internal(other),
        }
    }
}

impl From<crate::blocking::PoolError> for AppError {
    fn from(e: crate::blocking::PoolError) -> Self {
        match e {
            crate::blocking::PoolError::Busy => AppError::Busy,
            crate::blocking::PoolError::Lost(e) => AppError::Internal(anyhow::anyhow!(e)),
        }
    }
}

impl From<crate::accounts::HashError> for AppError {
    fn from(e: crate::accounts::HashError) -> Self {
        match e {
            crate::accounts::HashError::Busy => AppError::Busy,
            crate::accounts::HashError::Failed(e) => AppError::Internal(e),
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => AppError::NotFound,
            ref e if is_unstorable_text(e) => AppError::BadRequest("error-unstorable-text"),
            // Every limit is checked in the form first; a value that still breaks a CHECK
            // constraint is the visitor's input, refused whole, not a fault of the server.
            ref e if is_check_violation(e) => {
                tracing::warn!(error = %e, "a CHECK constraint refused input the form let through");
                AppError::BadRequest("error-bad-request")
            }
            e if crate::db::is_unavailable(&e) => AppError::Unavailable(e),
            other => AppError::Database(other),
        }
    }
}

/// When to try again after a 503 for busy password hashing: a hash takes tens of
/// milliseconds, so the queue has moved on by then.
pub const BUSY_RETRY_AFTER_SECS: u64 = 2;

/// Marker left on an error response; `error_pages` renders it as a page.
#[derive(Clone, Copy, Debug)]
pub struct ErrorPage {
    pub status: StatusCode,
    /// Translation key of the explanation shown to the user.
    pub message_key: &'static str,
    /// For a refusal: the roles that may do what was asked.
    pub needed: &'static [Role],
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound | AppError::Missing(_) => StatusCode::NOT_FOUND,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden { .. } | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Gone(_) => StatusCode::GONE,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unavailable(_) | AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Database(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn message_key(&self) -> &'static str {
        match self {
            AppError::NotFound => "error-not-found",
            AppError::Unauthorized => "error-unauthorized",
            AppError::Forbidden { reason_key, .. } => reason_key,
            AppError::Csrf => "error-csrf",
            AppError::TooManyRequests(key) | AppError::Conflict(key) | AppError::Gone(key) => key,
            AppError::BadRequest(key) | AppError::Missing(key) => key,
            AppError::Unavailable(_) => "error-unavailable",
            AppError::Busy => "error-busy",
            AppError::Database(_) | AppError::Internal(_) => "error-internal",
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if matches!(self, AppError::Busy) {
            // Expected under a login flood: one line each, not an error to investigate.
            tracing::warn!("password hashing busy: refused with 503");
        } else if status.is_server_error() {
            // The request id is on the span, so this line can be matched with the page shown.
            tracing::error!(error = %self, "request failed");
        }
        let mut response = status.into_response();
        if matches!(self, AppError::Busy) {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                BUSY_RETRY_AFTER_SECS.into(),
            );
        }
        let needed = match &self {
            AppError::Forbidden { needed, .. } => needed,
            _ => &[][..],
        };
        response.extensions_mut().insert(ErrorPage {
            status,
            message_key: self.message_key(),
            needed,
        });
        response
    }
}

pub type AppResult<T> = Result<T, AppError>;
