//! OGP's commitments export imported from the administration pages, as `abierto import ogp`
//! does it: the file is read while the administrator waits (a file that is not OGP's export
//! is refused on the form), then stored after the response, so a large file outlasts no
//! request timeout. The run's page follows it and offers its report as CSV. Platform
//! administrators only: an import creates governments.
use askama::Template;
use axum::extract::{Path, Request, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use super::directory::{operator, parse_id};
use crate::domain::Action;
use crate::i18n::Tr;
use crate::i18n::format::{file_size, long_moment};
use crate::store;
use crate::store::admin::ogp_runs::{Run, RunStatus};
use crate::store::cocreation::plan_transfer::Importer;
use crate::transfer::ogp::{self, Parsed, report};
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::flash::Done;
use crate::web::http::forms::unprocessable;
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser, Viewer};
use crate::web::http::upload;
use crate::web::ui::trail::Trail;
use crate::web::ui::views::render;

pub fn router() -> Routes {
    Routes::new()
        .get("/admin/ogp-import", import_form)
        .post("/admin/ogp-import", import)
        .get("/admin/ogp-import/{id}", run_page)
        .get("/admin/ogp-import/{id}/report.csv", report_csv)
}

/// The runs listed under the form.
const RECENT_RUNS: i64 = 20;
/// The report lines shown on a run's page; the CSV has them all.
const LINES_SHOWN: usize = 200;
/// The longest file name kept (it is only a label).
const FILE_NAME_MAX: usize = 200;

/// `GET /admin/ogp-import`
async fn import_form(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
) -> AppResult<Response> {
    user.authorize(Action::ManageGovernments)?;
    let runs = store::admin::ogp_runs::recent(&state.db, RECENT_RUNS).await?;
    render(&ImportPage::build(tr, viewer, &runs, None))
}

/// `POST /admin/ogp-import` (multipart: `csrf` first, `file`): read now, stored after the
/// response; the run's page follows it.
async fn import(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    headers: axum::http::HeaderMap,
    request: Request,
) -> AppResult<Response> {
    user.authorize(Action::ManageGovernments)?;
    let form = upload::read(&state, request).await?;
    if !form.has_file() {
        return refused(&state, tr, viewer, ("import-no-file", String::new())).await;
    }
    let (name, size) = (file_label(&form.file_name), form.bytes.len());
    let bytes = form.bytes;
    let parsed = match state.parsing.run(move || ogp::parse(&bytes)).await? {
        Ok(parsed) => parsed,
        Err(why) => return refused(&state, tr, viewer, (why.key(), why.detail())).await,
    };
    let by = operator(&user, &headers);
    let id = store::admin::ogp_runs::start(&state.db, &by, &name, size).await?;
    let importer = Importer {
        actor_id: Some(user.id),
        actor_label: user.email.clone(),
    };
    tokio::spawn(store_run(state, id, parsed, importer));
    Ok(Done("ogp-run-received").redirect(&format!("/admin/ogp-import/{id}")))
}

/// The import's transaction, after the response; the run's row says how it went.
async fn store_run(state: AppState, id: Uuid, parsed: Parsed, by: Importer) {
    let outcome = match store::admin::ogp_import::import(&state.db, &parsed, &by, || {}).await {
        Ok(summary) => store::admin::ogp_runs::finish(&state.db, id, &summary).await,
        Err(e) => {
            tracing::error!(run = %id, error = %format!("{e:#}"), "OGP import failed");
            store::admin::ogp_runs::fail(&state.db, id, "ogp-run-failed-store", "").await
        }
    };
    if let Err(e) = outcome {
        tracing::error!(run = %id, error = %format!("{e:#}"), "OGP import run not recorded");
    }
}

/// The form again with why the file was not imported (nothing was stored), as a 422.
async fn refused(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    (key, detail): (&'static str, String),
) -> AppResult<Response> {
    let runs = store::admin::ogp_runs::recent(&state.db, RECENT_RUNS).await?;
    let why = tr.t1(key, "value", detail);
    unprocessable(render(&ImportPage::build(tr, viewer, &runs, Some(why))))
}

/// `GET /admin/ogp-import/{id}`
async fn run_page(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let run = run_of(&state, &user, &id).await?;
    let lines = store::admin::ogp_runs::lines(&state.db, run.id).await?;
    render(&RunPage::build(tr, viewer, &run, &lines))
}

/// The run of the path, for a platform administrator.
async fn run_of(state: &AppState, user: &CurrentUser, raw: &str) -> AppResult<Run> {
    user.authorize(Action::ManageGovernments)?;
    store::admin::ogp_runs::run(&state.db, parse_id(raw)?)
        .await?
        .ok_or(AppError::NotFound)
}

/// `GET /admin/ogp-import/{id}/report.csv`: every line, messages in the reader's language.
async fn report_csv(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, _): RequireUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let run = run_of(&state, &user, &id).await?;
    if run.status != RunStatus::Done {
        return Err(AppError::NotFound);
    }
    let lines = store::admin::ogp_runs::lines(&state.db, run.id).await?;
    let bytes = report::csv(&tr, &lines)?;
    let disposition = format!("attachment; filename=\"ogp-import-{}-report.csv\"", run.id);
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

/// The browser's name for the file, without a path, at most [`FILE_NAME_MAX`] characters.
fn file_label(raw: &str) -> String {
    let name = raw.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    let name = if name.is_empty() { "ogp.csv" } else { name };
    if name.chars().count() <= FILE_NAME_MAX {
        return name.to_owned();
    }
    let kept: String = name.chars().take(FILE_NAME_MAX - 1).collect();
    format!("{kept}…")
}

/// One run as the pages show it.
pub struct RunView {
    pub href: String,
    pub file: String,
    pub by: String,
    pub started: String,
    pub status: RunStatus,
    pub status_label: String,
    /// What it created, one sentence per kind (empty unless done).
    pub created: Vec<String>,
    pub values: String,
    pub skipped: String,
    pub failure: String,
}

impl RunView {
    fn new(tr: &Tr, run: &Run) -> Self {
        let done = run.status == RunStatus::Done;
        let created = [
            ("ogp-created-governments", run.governments),
            ("ogp-created-plans", run.plans),
            ("ogp-created-institutions", run.institutions),
            ("ogp-created-commitments", run.commitments),
            ("ogp-created-assessments", run.assessments),
        ];
        Self {
            href: format!("/admin/ogp-import/{}", run.id),
            file: format!("{} ({})", run.file_name, file_size(tr, run.file_bytes)),
            by: run.actor_label.clone(),
            started: long_moment(tr, run.started_at),
            status: run.status,
            status_label: tr.t(&format!("ogp-run-status-{}", run.status.as_str())),
            created: created
                .iter()
                .filter(|_| done)
                .map(|(key, n)| tr.tn(key, "count", i64::from(*n)))
                .collect(),
            values: tr.tn("ogp-run-values", "count", i64::from(run.values)),
            skipped: tr.tn("ogp-run-skipped", "count", i64::from(run.skipped)),
            failure: run
                .failure
                .as_deref()
                .map(|key| tr.t1(key, "value", &run.failure_detail))
                .unwrap_or_default(),
        }
    }

    pub fn is_done(&self) -> bool {
        self.status == RunStatus::Done
    }

    pub fn is_running(&self) -> bool {
        self.status == RunStatus::Running
    }
}

#[derive(Template)]
#[template(path = "admin/ogp_import.html")]
pub struct ImportPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub section: &'static str,
    pub runs: Vec<RunView>,
    /// Why the file sent was not imported (nothing was stored).
    pub file_error: String,
}

impl ImportPage {
    fn build(tr: Tr, viewer: Viewer, runs: &[Run], file_error: Option<String>) -> Self {
        Self {
            trail: Trail::area(&tr, "admin-governments", "/admin/governments")
                .here(tr.t("ogp-import-title")),
            runs: runs.iter().map(|r| RunView::new(&tr, r)).collect(),
            file_error: file_error.unwrap_or_default(),
            tr,
            path: "/admin/ogp-import".into(),
            viewer,
            section: "ogp-import",
        }
    }
}

/// A report line as the run's page shows it.
pub struct LineView {
    pub row: usize,
    pub ogp_id: String,
    pub column: String,
    pub value: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "admin/ogp_run.html")]
pub struct RunPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub section: &'static str,
    pub run: RunView,
    /// Value lines by message, most frequent first: (message key, count).
    pub by_key: Vec<(String, usize)>,
    pub skipped: Vec<LineView>,
    pub lines: Vec<LineView>,
    /// More value lines than the page shows: the sentence that sends to the CSV.
    pub more: String,
    pub csv_href: String,
}

impl RunPage {
    fn build(tr: Tr, viewer: Viewer, run: &Run, lines: &[report::Line]) -> Self {
        let view = |l: &report::Line| LineView {
            row: l.row,
            ogp_id: l.ogp_id.clone(),
            column: l.column.clone(),
            value: l.value.clone(),
            message: l.message(&tr),
        };
        let values = lines.iter().filter(|l| !l.skipped);
        let value_count = values.clone().count();
        let mut by_key = report::counts_by_key(lines);
        by_key.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let more = if value_count > LINES_SHOWN {
            tr.tn2(
                "ogp-run-more-lines",
                ("shown", LINES_SHOWN as i64),
                ("count", value_count as i64),
            )
        } else {
            String::new()
        };
        let path = format!("/admin/ogp-import/{}", run.id);
        Self {
            trail: Trail::area(&tr, "admin-governments", "/admin/governments")
                .up(tr.t("ogp-import-title"), "/admin/ogp-import")
                .here(run.file_name.clone()),
            skipped: lines.iter().filter(|l| l.skipped).map(view).collect(),
            lines: values.take(LINES_SHOWN).map(view).collect(),
            by_key,
            more,
            csv_href: format!("{path}/report.csv"),
            run: RunView::new(&tr, run),
            tr,
            path,
            viewer,
            section: "ogp-import",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_labelled_by_its_own_name_only_and_not_endlessly() {
        assert_eq!(file_label("C:\\Users\\ana\\ogp.csv"), "ogp.csv");
        assert_eq!(file_label("/tmp/x/commitments.csv"), "commitments.csv");
        assert_eq!(file_label("  "), "ogp.csv");
        let long = file_label(&"a".repeat(500));
        assert_eq!(long.chars().count(), FILE_NAME_MAX);
        assert!(long.ends_with('…'));
    }
}
