//! A form that sends one file (`file`) and a few plain fields, read whole: the request's body
//! limit bounds what it may cost. The CSRF token, the form's first field, was checked by the
//! middleware before this runs.

use axum::extract::{FromRequest, Multipart, Request};

use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};

/// What the form sent.
pub struct FileForm {
    /// As the browser named it (empty when no file was chosen).
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// The names of the other fields sent (a checked box is sent, an unchecked one not).
    fields: Vec<String>,
}

impl FileForm {
    /// The form sent this field (a checkbox that was ticked).
    pub fn has(&self, field: &str) -> bool {
        self.fields.iter().any(|f| f == field)
    }

    /// A file was chosen and it is not empty.
    pub fn has_file(&self) -> bool {
        !self.bytes.is_empty()
    }
}

/// Reads the form; a body that is not multipart is a 400 saying to choose a file.
pub async fn read(state: &AppState, request: Request) -> AppResult<FileForm> {
    let mut multipart = Multipart::from_request(request, state)
        .await
        .map_err(|_| AppError::BadRequest("import-no-file"))?;
    let mut form = FileForm {
        file_name: String::new(),
        bytes: Vec::new(),
        fields: Vec::new(),
    };
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("error-bad-request"))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            form.file_name = field.file_name().unwrap_or_default().to_owned();
            form.bytes = field
                .bytes()
                .await
                .map_err(|_| AppError::BadRequest("error-too-large"))?
                .to_vec();
        } else {
            form.fields.push(name);
        }
    }
    Ok(form)
}
