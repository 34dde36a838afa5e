//! The forum's side of proposals: triage with reasoned responses, and comment moderation.

use crate::web::ui::trail::Trail;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::proposal::{ProposalResponse, parse_hide_reason};
use crate::domain::{Action, ProposalState};
use crate::i18n::{Locale, Tr};
use crate::mail::OutgoingMail;
use crate::store;
use crate::store::cocreation::proposals::{BeforeResponse, PlanWindow, Proposal, ResponseRefused};
use crate::web::AppState;
use crate::web::cocreation::proposals::{
    LineView, StateCount, forum_plan, line_view, state_counts,
};
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::forms::{FieldErrors, unprocessable};
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser, Viewer};
use crate::web::ui::views::{Choice, render, vocab};

pub fn router() -> Routes {
    Routes::new()
        .get("/co-creation/plans/{plan}/proposals", triage)
        .get("/co-creation/plans/{plan}/proposals/{id}", response_form)
        .post("/co-creation/plans/{plan}/proposals/{id}", respond)
        .post("/co-creation/proposal-comments/{id}/hide", hide_comment)
}

#[derive(Template)]
#[template(path = "cocreation/proposals.html")]
pub struct TriagePage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plan: PlanWindow,
    pub states: Vec<StateCount>,
    pub lines: Vec<LineView>,
}

/// `GET /co-creation/plans/{plan}/proposals`: every proposal, to answer.
async fn triage(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let plan = forum_plan(&state, &user, Action::RunCoCreation, &slug).await?;
    let lines = store::cocreation::proposals::list(&state.db, plan.id, None, None).await?;
    let counts = store::cocreation::proposals::counts(&state.db, plan.id).await?;
    render(&TriagePage {
        trail: Trail::cocreation(&tr, &plan.title, &plan.slug).here(tr.t("triage-title")),
        path: format!("/co-creation/plans/{}/proposals", plan.slug),
        states: state_counts(&tr, &counts, None),
        lines: lines.into_iter().map(|l| line_view(&tr, l)).collect(),
        plan,
        tr,
        viewer,
    })
}

#[derive(Debug, Default, Deserialize)]
struct ResponseForm {
    #[serde(default)]
    state: String,
    #[serde(default)]
    response: String,
    #[serde(default)]
    commitment: String,
}

#[derive(Template)]
#[template(path = "cocreation/respond.html")]
pub struct ResponsePage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plan: PlanWindow,
    pub p: Proposal,
    pub state_label: String,
    pub states: Vec<Choice>,
    pub commitments: Vec<Choice>,
    pub response: String,
    pub errors: FieldErrors,
}

/// The form for one proposal, filled with what was typed (or what is stored).
async fn response_page(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    plan: PlanWindow,
    id: &str,
    typed: Option<ResponseForm>,
) -> AppResult<ResponsePage> {
    let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    let p = store::cocreation::proposals::by_id(&state.db, plan.id, id, None)
        .await?
        .ok_or(AppError::NotFound)?;
    let choices = store::cocreation::proposals::commitment_choices(&state.db, plan.id).await?;
    let typed = typed.unwrap_or_else(|| ResponseForm {
        state: p.state.clone(),
        response: p.response.clone().unwrap_or_default(),
        commitment: p.commitment_id.map(|c| c.to_string()).unwrap_or_default(),
    });
    Ok(ResponsePage {
        trail: Trail::cocreation(&tr, &plan.title, &plan.slug)
            .up(
                tr.t("triage-title"),
                format!("/co-creation/plans/{}/proposals", plan.slug),
            )
            .here(p.title.clone()),
        path: format!("/co-creation/plans/{}/proposals/{id}", plan.slug),
        state_label: vocab(&tr, "proposal-state", &p.state),
        states: ProposalState::ALL
            .iter()
            .map(|s| Choice {
                value: s.as_str().to_owned(),
                label: tr.t(s.label_key()),
                selected: typed.state == s.as_str(),
            })
            .collect(),
        commitments: choices
            .into_iter()
            .map(|c| Choice {
                selected: typed.commitment == c.id.to_string(),
                value: c.id.to_string(),
                label: c.label,
            })
            .collect(),
        response: typed.response,
        errors: FieldErrors::default(),
        p,
        plan,
        tr,
        viewer,
    })
}

/// `GET /co-creation/plans/{plan}/proposals/{id}`
async fn response_form(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path((slug, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let plan = forum_plan(&state, &user, Action::RunCoCreation, &slug).await?;
    render(&response_page(&state, tr, viewer, plan, &id, None).await?)
}

/// `POST /co-creation/plans/{plan}/proposals/{id}`: the forum's decision, with a public
/// reasoned response whenever the proposal leaves review; the author is told by mail.
async fn respond(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path((slug, raw_id)): Path<(String, String)>,
    Form(form): Form<ResponseForm>,
) -> AppResult<Response> {
    let plan = forum_plan(&state, &user, Action::RunCoCreation, &slug).await?;
    let id: Uuid = raw_id.parse().map_err(|_| AppError::NotFound)?;
    let answer = match ProposalResponse::parse(&form.state, &form.response, &form.commitment) {
        Ok(a) => a,
        Err(problems) => {
            let mut page = response_page(&state, tr, viewer, plan, &raw_id, Some(form)).await?;
            page.errors = FieldErrors::of(&tr, problems);
            return unprocessable(render(&page));
        }
    };
    let before = record_response(&state, &user, &plan, id, &answer).await?;
    notify_author(&state, &plan, id, &before, &answer).await;
    Ok(Redirect::to(&format!("/plans/{}/proposals/{id}", plan.slug)).into_response())
}

async fn record_response(
    state: &AppState,
    user: &CurrentUser,
    plan: &PlanWindow,
    id: Uuid,
    answer: &ProposalResponse,
) -> AppResult<BeforeResponse> {
    let mut tx = state.db.begin().await?;
    let before =
        match store::cocreation::proposals::respond(&mut tx, plan.id, id, user.id, answer).await? {
            None => return Err(AppError::NotFound),
            Some(Err(ResponseRefused::ForeignCommitment)) => {
                return Err(AppError::BadRequest("response-commitment-invalid"));
            }
            Some(Ok(before)) => before,
        };
    let entry = user.audit_entry(
        "proposal.respond",
        "proposal",
        id,
        Some(serde_json::json!({
            "state": before.state, "response": before.response, "commitment_id": before.commitment_id,
        })),
        Some(serde_json::json!({
            "state": answer.state.as_str(), "response": answer.response,
            "commitment_id": answer.commitment_id,
        })),
    );
    store::audit::commit(tx, entry).await?;
    Ok(before)
}

/// Tells the author, in their language, that the forum answered; a failed delivery is
/// logged and does not undo the answer.
async fn notify_author(
    state: &AppState,
    plan: &PlanWindow,
    id: Uuid,
    before: &BeforeResponse,
    answer: &ProposalResponse,
) {
    let (Some(to), Some(response)) = (before.author_email.clone(), answer.response.as_ref()) else {
        return;
    };
    if before.response.as_ref() == Some(response) && before.state == answer.state.as_str() {
        return;
    }
    let tr = Tr::new(
        before
            .author_locale
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or(Locale::Es),
    );
    let link = state
        .config
        .public_link(&format!("/plans/{}/proposals/{id}", plan.slug));
    let body = format!(
        "{}\n\n{}: {}\n\n{}\n\n{}",
        tr.t1("response-mail-intro", "title", &before.title),
        tr.t("register-state"),
        tr.t(answer.state.label_key()),
        response,
        link
    );
    let mail = OutgoingMail {
        to,
        subject: tr.t("response-mail-subject"),
        body_text: body,
    };
    if let Err(e) = state.mailer.send(mail).await {
        tracing::warn!(error = %e, "response mail not sent");
    }
}

#[derive(Debug, Default, Deserialize)]
struct HideForm {
    #[serde(default)]
    reason: String,
}

/// `POST /co-creation/proposal-comments/{id}/hide`: hidden with a public reason, kept.
async fn hide_comment(
    State(state): State<AppState>,
    RequireUser(user, _): RequireUser,
    Path(id): Path<String>,
    Form(form): Form<HideForm>,
) -> AppResult<Response> {
    user.authorize(Action::Moderate)?;
    let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    let reason = parse_hide_reason(&form.reason)
        .map_err(|_| AppError::BadRequest("comment-hide-reason-required"))?;
    let mut tx = state.db.begin().await?;
    let hidden = store::cocreation::proposals::hide_comment(&mut tx, id, user.id, &reason)
        .await?
        .ok_or(AppError::Conflict("comment-already-hidden"))?;
    // Refused here, the transaction rolls back: the comment stays as it was.
    user.authorize_within(Action::Moderate, hidden.government_id)?;
    let after = serde_json::json!({ "reason": reason, "proposal_id": hidden.proposal_id });
    let entry = user.audit_entry("comment.hide", "comment", id, None, Some(after));
    store::audit::commit(tx, entry).await?;
    Ok(Redirect::to(&format!(
        "/plans/{}/proposals/{}#comment-{id}",
        hidden.plan_slug, hidden.proposal_id
    ))
    .into_response())
}
