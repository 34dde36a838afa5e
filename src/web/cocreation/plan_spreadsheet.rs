//! The forum's plan spreadsheet: download the plan as the import template, and upload a
//! filled-in template (with a dry run that lists every problem and changes nothing).

use crate::web::ui::trail::Trail;
use askama::Template;
use axum::extract::{Path, Request, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use crate::domain::Action;
use crate::i18n::Tr;
use crate::store;
use crate::store::cocreation::plan_transfer::{ImportSummary, Importer, PlanRef};
use crate::transfer::spreadsheet::{self, FileFormat, Unreadable};
use crate::transfer::template::{PlanTemplate, RowError};
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::forms::unprocessable;
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser, Viewer};
use crate::web::http::upload::{self, FileForm};
use crate::web::ui::views::render;

pub fn router() -> Routes {
    Routes::new()
        .get("/co-creation/plans/{plan}/import", import_form)
        .post("/co-creation/plans/{plan}/import", import)
        .get("/co-creation/plans/{plan}/export.xlsx", export_xlsx)
}

/// One problem of the file, as shown in the table.
pub struct ErrorLine {
    pub sheet: String,
    pub row: usize,
    pub column: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "cocreation/import.html")]
pub struct ImportPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plan: PlanRef,
    pub errors: Vec<ErrorLine>,
    /// After an import or a dry run without problems: what it did or would do.
    pub outcome: Option<ImportSummary>,
    /// Why the file was not read at all (unreadable, or too costly to read).
    pub refusal: Option<String>,
    /// No file was chosen (or none of a known format): the message beside the field.
    pub file_error: String,
}

/// The plan of the path, for a forum member of its government.
async fn plan(state: &AppState, user: &CurrentUser, slug: &str) -> AppResult<PlanRef> {
    user.authorize(Action::TransferPlan)?;
    let plan = store::cocreation::plan_transfer::plan_by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    user.authorize_within(Action::TransferPlan, plan.government_id)?;
    Ok(plan)
}

fn page(tr: Tr, viewer: Viewer, plan: PlanRef, outcome: Option<ImportSummary>) -> ImportPage {
    let errors = outcome
        .as_ref()
        .map(|o| {
            o.errors
                .iter()
                .map(|e| ErrorLine {
                    sheet: e.sheet.clone(),
                    row: e.row,
                    column: e.column.clone(),
                    message: tr.t1(e.key, "value", &e.detail),
                })
                .collect()
        })
        .unwrap_or_default();
    ImportPage {
        trail: Trail::cocreation(&tr, &plan.title, &plan.slug).here(tr.t("import-title")),
        tr,
        path: String::new(),
        viewer,
        plan,
        errors,
        outcome: outcome.filter(|o| o.errors.is_empty()),
        refusal: None,
        file_error: String::new(),
    }
}

/// `GET /co-creation/plans/{plan}/import`
async fn import_form(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let plan = plan(&state, &user, &slug).await?;
    render(&page(tr, viewer, plan, None))
}

/// The uploaded plan, read on the parsing pool: the template and its row problems, or why
/// the file could not be read at all. A file without a known format (or empty) is a 400.
async fn read_plan_file(
    state: &AppState,
    upload: FileForm,
) -> AppResult<Result<(PlanTemplate, Vec<RowError>), Unreadable>> {
    let format = FileFormat::of_file_name(&upload.file_name)
        .filter(|_| !upload.bytes.is_empty())
        .ok_or(AppError::BadRequest("import-no-file"))?;
    let bytes = upload.bytes;
    Ok(state
        .parsing
        .run(move || spreadsheet::read_plan(format, &bytes))
        .await?)
}

/// `POST /co-creation/plans/{plan}/import` (multipart: `csrf` first, `file`, `dry_run`)
async fn import(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
    request: Request,
) -> AppResult<Response> {
    let plan = plan(&state, &user, &slug).await?;
    let upload = upload::read(&state, request).await?;
    if !upload.has_file() || FileFormat::of_file_name(&upload.file_name).is_none() {
        return refused(tr, viewer, plan, None);
    }
    let dry_run = upload.has("dry_run");
    let (parsed, errors) = match read_plan_file(&state, upload).await? {
        Ok(read) => read,
        Err(unreadable) => return refused(tr, viewer, plan, Some(&unreadable)),
    };
    let by = Importer {
        actor_id: Some(user.id),
        actor_label: user.email.clone(),
    };
    let summary =
        store::cocreation::plan_transfer::import(&state.db, &plan, &parsed, errors, dry_run, &by)
            .await?;
    let failed = !summary.errors.is_empty();
    let page = render(&page(tr, viewer, plan, Some(summary)));
    if failed { unprocessable(page) } else { page }
}

/// A file not read at all (`why`), or none chosen: the page says so, with a 422.
fn refused(tr: Tr, viewer: Viewer, plan: PlanRef, why: Option<&Unreadable>) -> AppResult<Response> {
    let mut page = page(tr, viewer, plan, None);
    match why {
        Some(why) => {
            tracing::info!(plan = %page.plan.slug, reason = %why, "plan file refused");
            page.refusal = Some(page.tr.t(why.key()));
        }
        None => page.file_error = page.tr.t("import-no-file"),
    }
    unprocessable(render(&page))
}

/// `GET /co-creation/plans/{plan}/export.xlsx`
async fn export_xlsx(
    State(state): State<AppState>,
    RequireUser(user, _): RequireUser,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let plan = plan(&state, &user, &slug).await?;
    let template = store::cocreation::plan_transfer::export(&state.db, plan.id).await?;
    let bytes =
        tokio::task::spawn_blocking(move || spreadsheet::write(FileFormat::Xlsx, &template))
            .await
            .map_err(|e| AppError::Internal(e.into()))??;
    let disposition = format!("attachment; filename=\"{}.xlsx\"", plan.slug);
    Ok((
        [
            (
                CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
