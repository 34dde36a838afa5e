//! Monitoring by the forum: the queue of reports waiting for validation.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::Action;
use crate::domain::progress_report::{ReplanDecision, Review};
use crate::i18n::Tr;
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::routes::Routes;
use crate::web::http::session::{RequireUser, Viewer};
use crate::web::ui::views::{maybe_date, moment, render, vocab};
use crate::{notifications, store};

pub fn router() -> Routes {
    Routes::new()
        .get("/monitoring/updates", queue)
        .post("/monitoring/updates/{id}/review", review)
        .get("/monitoring/replans", replan_queue)
        .post("/monitoring/replans/{id}/decision", decide_replan)
}

pub struct ReplanView {
    pub id: Uuid,
    pub milestone: String,
    pub plan_slug: String,
    pub code: String,
    pub institution: String,
    pub old_dates: String,
    pub new_dates: String,
    pub reason: String,
    pub requested: String,
}

#[derive(Template)]
#[template(path = "monitoring/replans.html")]
pub struct ReplanQueuePage {
    pub tr: Tr,
    pub path: String,
    pub viewer: Viewer,
    pub replans: Vec<ReplanView>,
}

/// `GET /monitoring/replans`
async fn replan_queue(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
) -> AppResult<Response> {
    user.authorize(Action::ReviewProgress)?;
    let replans = store::implementation::replans::pending(&state.db)
        .await?
        .into_iter()
        .map(|r| ReplanView {
            old_dates: format!(
                "{} – {}",
                maybe_date(&tr, r.old_start),
                maybe_date(&tr, r.old_due)
            ),
            new_dates: format!(
                "{} – {}",
                maybe_date(&tr, r.new_start),
                maybe_date(&tr, r.new_due)
            ),
            requested: moment(&tr, r.requested_at),
            id: r.id,
            milestone: r.milestone_title,
            plan_slug: r.plan_slug,
            code: r.code,
            institution: r.institution.unwrap_or_default(),
            reason: r.reason,
        })
        .collect();
    render(&ReplanQueuePage {
        tr,
        path: "/monitoring/replans".into(),
        viewer,
        replans,
    })
}

#[derive(Deserialize)]
struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    note: String,
}

/// `POST /monitoring/replans/{id}/decision`: approve (the current dates move) or reject.
async fn decide_replan(
    State(state): State<AppState>,
    RequireUser(user, _): RequireUser,
    Path(id): Path<Uuid>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    user.authorize(Action::ReviewProgress)?;
    let ReplanDecision { approve, note } =
        ReplanDecision::parse(&form.decision, &form.note).map_err(AppError::BadRequest)?;
    let note = note.as_deref();
    let mut tx = state.db.begin().await?;
    let milestone = store::implementation::replans::decide(&mut tx, id, user.id, approve, note)
        .await?
        .map_err(|_| AppError::Conflict("review-already-done"))?;
    let entry = user.audit_entry(
        if approve {
            "replan.approve"
        } else {
            "replan.reject"
        },
        "milestone_replan",
        id,
        Some(serde_json::json!({ "state": "requested" })),
        Some(serde_json::json!({ "milestone_id": milestone, "approved": approve, "note": note })),
    );
    store::audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(Redirect::to("/monitoring/replans").into_response())
}

pub struct PendingView {
    pub id: Uuid,
    pub date: String,
    pub author: String,
    pub progress: i16,
    pub status: String,
    pub narrative: String,
    pub milestone: String,
    pub plan_slug: String,
    pub code: String,
    pub commitment: String,
    pub institution: String,
    pub links: Vec<String>,
}

#[derive(Template)]
#[template(path = "monitoring/updates.html")]
pub struct QueuePage {
    pub tr: Tr,
    pub path: String,
    pub viewer: Viewer,
    pub reports: Vec<PendingView>,
    /// The report whose review failed, and why (shown beside its form).
    pub failed: Option<(Uuid, String)>,
}

impl QueuePage {
    pub fn error_for(&self, id: &Uuid) -> String {
        match &self.failed {
            Some((failed, message)) if failed == id => message.clone(),
            _ => String::new(),
        }
    }
}

async fn queue_page(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    failed: Option<(Uuid, String)>,
) -> AppResult<QueuePage> {
    let reports = store::monitoring::reviews::pending(&state.db)
        .await?
        .into_iter()
        .map(|r| PendingView {
            date: moment(&tr, r.reported_at),
            status: vocab(&tr, "milestone-status", &r.status),
            id: r.id,
            author: r.author_name,
            progress: r.progress,
            narrative: r.narrative,
            milestone: r.milestone_title,
            plan_slug: r.plan_slug,
            code: r.code,
            commitment: r.commitment_title,
            institution: r.institution.unwrap_or_default(),
            links: r.links,
        })
        .collect();
    Ok(QueuePage {
        tr,
        path: "/monitoring/updates".into(),
        viewer,
        reports,
        failed,
    })
}

/// `GET /monitoring/updates`
async fn queue(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
) -> AppResult<Response> {
    user.authorize(Action::ReviewProgress)?;
    render(&queue_page(&state, tr, viewer, None).await?)
}

#[derive(Deserialize)]
struct ReviewForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    note: String,
}

/// `POST /monitoring/updates/{id}/review`: validate, return (with a note for the official)
/// or contest (with a public reason).
async fn review(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(id): Path<Uuid>,
    Form(form): Form<ReviewForm>,
) -> AppResult<Response> {
    user.authorize(Action::ReviewProgress)?;
    let decision = match Review::parse(&form.decision, &form.note) {
        Ok(d) => d,
        Err(problems) => {
            let message = problems
                .first()
                .map(|(_, key)| tr.t(key))
                .unwrap_or_default();
            let mut response = render(&queue_page(&state, tr, viewer, Some((id, message))).await?)?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(response);
        }
    };
    let mut tx = state.db.begin().await?;
    let milestone = store::monitoring::reviews::review(&mut tx, id, user.id, &decision)
        .await?
        .map_err(|_| AppError::Conflict("review-already-done"))?;
    let entry = user.audit_entry(
        "progress.review",
        "progress_update",
        id,
        Some(serde_json::json!({ "review_state": "pending" })),
        Some(serde_json::json!({
            "review_state": decision.state.as_str(),
            "note": decision.note,
            "milestone_id": milestone,
        })),
    );
    store::audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    notify_review(&state, id).await;
    Ok(Redirect::to("/monitoring/updates").into_response())
}

/// Tells the report's author (returned) or the commitment's followers (validated, contested).
/// The review is committed already: a failure here is logged, never shown as the review's.
async fn notify_review(state: &AppState, update_id: Uuid) {
    let audience = match store::public::follows::review_audience(&state.db, update_id).await {
        Ok(Some(audience)) => audience,
        Ok(None) => return,
        Err(e) => {
            tracing::warn!(error = %e, %update_id, "cannot read who to tell about a review");
            return;
        }
    };
    let mails = notifications::review_mails(&state.config, &audience);
    notifications::send_all(&state.mailer, mails).await;
}
