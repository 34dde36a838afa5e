//! What every form handler shares: the translated problems of a refused form by field, the
//! form shown again with them (422), the version a form was read at, and the database
//! constraints that belong to a field.

use axum::http::StatusCode;
use axum::response::Response;

use crate::i18n::Tr;
use crate::web::http::error::{AppError, AppResult};

/// Translated problems by form field; a field shows its first problem only.
#[derive(Clone, Debug, Default)]
pub struct FieldErrors(Vec<(String, String)>);

impl FieldErrors {
    /// The problems of a form, from (field, message key) pairs.
    pub fn of(
        tr: &Tr,
        problems: impl IntoIterator<Item = (impl Into<String>, &'static str)>,
    ) -> Self {
        let mut errors = Self::default();
        for (field, key) in problems {
            errors.add(field, tr.t(key));
        }
        errors
    }

    /// Adds a translated message; a field that already has one keeps it.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        let field = field.into();
        if self.0.iter().all(|(f, _)| *f != field) {
            self.0.push((field, message.into()));
        }
    }

    /// The message of a field, empty when the field is fine.
    pub fn get(&self, field: &str) -> &str {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map_or("", |(_, m)| m.as_str())
    }

    pub fn has(&self, field: &str) -> bool {
        !self.get(field).is_empty()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every (field, message), in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(f, m)| (f.as_str(), m.as_str()))
    }
}

/// The form shown again with what was wrong (`render(&page)`, or a page builder's result):
/// 422 tells scripts and tests it was refused.
pub fn unprocessable(page: AppResult<Response>) -> AppResult<Response> {
    let mut response = page?;
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(response)
}

/// The version of the record the form was read at (a hidden field): a save over a newer
/// version is a conflict, not a silent overwrite.
pub fn form_version(value: &str) -> AppResult<i32> {
    value
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest("form-version-invalid"))
}

/// A database constraint that belongs to a form field: (constraint, field, message key).
pub type ConstraintField = (&'static str, &'static str, &'static str);

/// The field and message of a write refused by one of `fields`; other errors stay errors.
pub fn constraint_field(
    e: sqlx::Error,
    fields: &[ConstraintField],
) -> Result<(&'static str, &'static str), sqlx::Error> {
    let name = e.as_database_error().and_then(|d| d.constraint());
    match fields.iter().find(|(c, _, _)| Some(*c) == name) {
        Some((_, field, key)) => Ok((field, key)),
        None => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_keeps_its_first_problem() {
        let mut errors = FieldErrors::default();
        assert!(errors.is_empty());
        errors.add("title", "obligatorio");
        errors.add("title", "demasiado largo");
        errors.add("code", "no válido");
        assert_eq!(errors.get("title"), "obligatorio");
        assert_eq!(errors.get("code"), "no válido");
        assert_eq!(errors.get("due"), "");
        assert!(errors.has("code") && !errors.has("due"));
        assert_eq!(errors.iter().count(), 2);
    }

    #[test]
    fn versions_are_whole_numbers() {
        assert_eq!(form_version(" 7 ").ok(), Some(7));
        for bad in ["", "x", "1.5", "99999999999"] {
            assert!(matches!(
                form_version(bad),
                Err(AppError::BadRequest("form-version-invalid"))
            ));
        }
    }

    #[test]
    fn an_error_without_a_known_constraint_stays_an_error() {
        let fields: &[ConstraintField] = &[("plans_slug_key", "slug", "plan-slug-taken")];
        assert!(constraint_field(sqlx::Error::RowNotFound, fields).is_err());
    }
}
