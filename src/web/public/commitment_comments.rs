//! Comments on a commitment's public page: participants comment on drafts in public
//! consultation while the plan is in co-creation (and on approved commitments during
//! implementation); the forum hides a comment with a public reason.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::drafting::{comment_body, hide_reason, open_for_comments};
use crate::domain::{Action, CommitmentState, PlanPhase};
use crate::i18n::Tr;
use crate::store;
use crate::store::cocreation::drafting::EditCommitment;
use crate::store::cocreation::plan_cycle::CyclePlan;
use crate::store::public::commitment_comments::CommentRow;
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::forms::unprocessable;
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser, Viewer};
use crate::web::public::plans::commitment_page;
use crate::web::ui::views::{moment, render};

/// One comment as the public page shows it: a hidden one shows only the reason.
pub struct CommentView {
    pub id: Uuid,
    pub author: String,
    pub date: String,
    pub body: Option<String>,
    pub hidden_reason: String,
}

/// The comments section of a commitment page.
pub struct CommentsView {
    pub items: Vec<CommentView>,
    /// The form is offered (the policy decides again when it is sent).
    pub open: bool,
    /// Forum members see a hide form beside each visible comment.
    pub moderate: bool,
    /// A comment sent back: its text as typed and what is wrong with it.
    pub typed: String,
    pub error: String,
}

impl CommentsView {
    pub fn build(
        tr: &Tr,
        viewer: &Viewer,
        phase: PlanPhase,
        state: CommitmentState,
        rows: Vec<CommentRow>,
    ) -> Self {
        Self {
            items: rows
                .into_iter()
                .map(|r| CommentView {
                    id: r.id,
                    author: r.author_name,
                    date: moment(tr, r.created_at),
                    body: r.body,
                    hidden_reason: r.hidden_reason.unwrap_or_default(),
                })
                .collect(),
            open: open_for_comments(phase, state),
            moderate: viewer.may(crate::domain::Action::Moderate),
            typed: String::new(),
            error: String::new(),
        }
    }
}

pub fn router() -> Routes {
    Routes::new()
        .post("/plans/{plan}/commitments/{code}/comments", add)
        .post(
            "/co-creation/plans/{plan}/commitments/{code}/comments/{id}/hide",
            hide,
        )
}

#[derive(Deserialize)]
struct CommentForm {
    #[serde(default)]
    body: String,
}

/// The plan (in any phase) and the commitment of the path.
async fn commitment_of(
    state: &AppState,
    slug: &str,
    code: &str,
) -> AppResult<(CyclePlan, EditCommitment)> {
    let plan = store::cocreation::plan_cycle::by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let commitment = store::cocreation::drafting::for_edit(&state.db, plan.id, code)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((plan, commitment))
}

/// The commitment of the path, if the user may comment on it now (the plan's phase and
/// window, the commitment's state).
async fn open_commitment(
    state: &AppState,
    user: &CurrentUser,
    (slug, code): (&str, &str),
) -> AppResult<EditCommitment> {
    let (plan, commitment) = commitment_of(state, slug, code).await?;
    let (phase, window_open) = (plan.phase(), plan.window_is_open(Utc::now()));
    user.authorize(Action::Comment { window_open, phase })?;
    if !open_for_comments(phase, commitment.state()) {
        return Err(AppError::Conflict("comments-commitment-closed"));
    }
    Ok(commitment)
}

/// Back to the comments of the commitment's public page.
fn to_comments(slug: &str, code: &str) -> Response {
    Redirect::to(&format!("/plans/{slug}/commitments/{code}#comments")).into_response()
}

/// `POST /plans/{plan}/commitments/{code}/comments`
async fn add(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path((slug, code)): Path<(String, String)>,
    Form(form): Form<CommentForm>,
) -> AppResult<Response> {
    let commitment = open_commitment(&state, &user, (&slug, &code)).await?;
    let body = match comment_body(&form.body) {
        Ok(body) => body,
        Err(key) => return refused(&state, tr, viewer, (&slug, &code), form.body, key).await,
    };
    let mut tx = state.db.begin().await?;
    let id = store::public::commitment_comments::add(
        &mut tx,
        commitment.id,
        user.id,
        &user.display_name,
        &body,
    )
    .await?;
    let after = serde_json::json!({ "commitment_id": commitment.id, "body": body });
    let entry = user.audit_entry("comment.create", "comment", id, None, Some(after));
    store::audit::commit(tx, entry).await?;
    Ok(to_comments(&slug, &code))
}

/// The commitment's page again, the comment kept and marked (empty, or too long), with 422.
async fn refused(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    (slug, code): (&str, &str),
    typed: String,
    key: &str,
) -> AppResult<Response> {
    let path = format!("/plans/{slug}/commitments/{code}");
    let mut page = commitment_page(state, tr, viewer, path, (slug, code)).await?;
    page.comments.error = page.tr.t(key);
    page.comments.typed = typed;
    unprocessable(render(&page))
}

#[derive(Deserialize)]
struct HideForm {
    #[serde(default)]
    reason: String,
}

/// `POST /co-creation/plans/{plan}/commitments/{code}/comments/{id}/hide`: the text stays in
/// the database but is never shown again; the reason is public.
async fn hide(
    State(state): State<AppState>,
    RequireUser(user, _): RequireUser,
    Path((slug, code, id)): Path<(String, String, Uuid)>,
    Form(form): Form<HideForm>,
) -> AppResult<Response> {
    user.authorize(Action::Moderate)?;
    let (plan, commitment) = commitment_of(&state, &slug, &code).await?;
    user.authorize_within(Action::Moderate, plan.government_id)?;
    let reason = hide_reason(&form.reason).map_err(AppError::BadRequest)?;
    let mut tx = state.db.begin().await?;
    if !store::public::commitment_comments::hide(&mut tx, id, commitment.id, user.id, &reason)
        .await?
    {
        return Err(AppError::Conflict("comment-already-hidden"));
    }
    let entry = user.audit_entry(
        "comment.hide",
        "comment",
        id,
        Some(serde_json::json!({ "hidden": false })),
        Some(serde_json::json!({ "hidden": true, "reason": reason })),
    );
    store::audit::commit(tx, entry).await?;
    Ok(to_comments(&slug, &code))
}
