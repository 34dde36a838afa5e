//! Monitoring by the forum: the queue of reports waiting for validation.

use crate::web::ui::trail::Trail;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::Action;
use crate::domain::progress_report::{FieldError, ReplanDecision, Review};
use crate::i18n::Tr;
use crate::store::audit::NewAuditEntry;
use crate::store::implementation::replans::PendingReplan;
use crate::store::monitoring::reviews::{PendingReport, ReviewEvidence};
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::flash::Done;
use crate::web::http::forms::unprocessable;
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser, Viewer};
use crate::web::ui::views::{file_size, long_date, maybe_date, moment, render};
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
    pub trail: Trail,
    pub viewer: Viewer,
    pub replans: Vec<ReplanView>,
}

impl ReplanView {
    fn new(tr: &Tr, r: PendingReplan) -> Self {
        Self {
            old_dates: format!(
                "{} – {}",
                maybe_date(tr, r.old_start),
                maybe_date(tr, r.old_due)
            ),
            new_dates: format!(
                "{} – {}",
                maybe_date(tr, r.new_start),
                maybe_date(tr, r.new_due)
            ),
            requested: moment(tr, r.requested_at),
            id: r.id,
            milestone: r.milestone_title,
            plan_slug: r.plan_slug,
            code: r.code,
            institution: r.institution.unwrap_or_default(),
            reason: r.reason,
        }
    }
}

/// `GET /monitoring/replans`
async fn replan_queue(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
) -> AppResult<Response> {
    user.authorize(Action::ReviewProgress)?;
    let replans = store::implementation::replans::pending(&state.db, user.government_id)
        .await?
        .into_iter()
        .map(|r| ReplanView::new(&tr, r))
        .collect();
    render(&ReplanQueuePage {
        trail: Trail::area(&tr, "monitoring-nav", "/monitoring").here(tr.t("replans-title")),
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
    let by = store::versions::Author {
        id: Some(user.id),
        name: &user.display_name,
    };
    let milestone = store::implementation::replans::decide(&mut tx, id, by, approve, note)
        .await?
        .map_err(|_| AppError::Conflict("review-already-done"))?;
    within_milestone(&mut tx, &user, milestone).await?;
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
    store::audit::commit(tx, entry).await?;
    Ok(Done("flash-replan-decided").redirect("/monitoring/replans"))
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
    pub plan_title: String,
    pub code: String,
    pub commitment: String,
    pub institution: String,
    pub dates: String,
    pub validated: String,
    pub evidence: Vec<EvidenceView>,
    pub earlier: Vec<String>,
}

/// An evidence item as the reviewer sees it: a file to download (an image inline), or a link.
pub struct EvidenceView {
    pub title: String,
    pub kind: String,
    /// Where it opens: the file's download or the link's address.
    pub href: String,
    pub is_file: bool,
    pub is_image: bool,
    /// File name, type and size; or the link's date.
    pub details: String,
}

impl EvidenceView {
    fn new(tr: &Tr, e: ReviewEvidence) -> Self {
        let is_file = e.kind == "file";
        let media = e.media_type.unwrap_or_default();
        let details = if is_file {
            [
                e.file_name.unwrap_or_default(),
                media.clone(),
                e.size_bytes.map(|b| file_size(tr, b)).unwrap_or_default(),
            ]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
        } else {
            e.evidence_date
                .map(|d| long_date(tr, d))
                .unwrap_or_default()
        };
        Self {
            kind: tr.t(e.evidence_type.label_key()),
            href: match e.url {
                Some(url) if !is_file => url,
                _ => format!("/evidence/{}", e.id),
            },
            is_image: is_file && INLINE_IMAGES.contains(&media.as_str()),
            title: e.title,
            is_file,
            details,
        }
    }
}

/// Image types shown inline as thumbnails (the upload sniffs the type from the content).
const INLINE_IMAGES: &[&str] = &["image/jpeg", "image/png", "image/webp", "image/gif"];

impl PendingView {
    fn new(tr: &Tr, r: PendingReport) -> Self {
        Self {
            date: moment(tr, r.reported_at),
            status: tr.t(r.status.label_key()),
            dates: format!(
                "{} – {}",
                maybe_date(tr, r.current_start),
                maybe_date(tr, r.current_due)
            ),
            validated: tr.t1("progress-validated", "value", r.validated_progress),
            evidence: r
                .evidence
                .0
                .into_iter()
                .map(|e| EvidenceView::new(tr, e))
                .collect(),
            earlier: r
                .earlier
                .0
                .iter()
                .map(|u| {
                    format!(
                        "{} · {} % · {}",
                        moment(tr, u.reported_at),
                        u.progress,
                        tr.t(u.review_state.label_key())
                    )
                })
                .collect(),
            id: r.id,
            author: r.author_name,
            progress: r.progress,
            narrative: r.narrative,
            milestone: r.milestone_title,
            plan_slug: r.plan_slug,
            plan_title: r.plan_title,
            code: r.code,
            commitment: r.commitment_title,
            institution: r.institution.unwrap_or_default(),
        }
    }
}

/// A review that was refused (of a progress report or an indicator's measurement): which
/// one, why, and what the reviewer had chosen and typed.
pub struct Refused {
    pub id: Uuid,
    pub message: String,
    pub decision: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "monitoring/updates.html")]
pub struct QueuePage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub reports: Vec<PendingView>,
    pub refused: Option<Refused>,
}

impl QueuePage {
    /// The refusal of this report's form, if it was the one refused.
    pub fn refused_for(&self, id: &Uuid) -> Option<&Refused> {
        self.refused.as_ref().filter(|r| r.id == *id)
    }

    /// Whether a decision is the one to show as chosen in this report's form: none is, until
    /// the reviewer picks one (a refused form keeps the pick).
    pub fn chosen(&self, id: &Uuid, decision: &str) -> bool {
        self.refused_for(id).is_some_and(|r| r.decision == decision)
    }
}

async fn queue_page(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    refused: Option<Refused>,
) -> AppResult<QueuePage> {
    let government = viewer.user.as_ref().and_then(|u| u.government_id);
    let reports = store::monitoring::reviews::pending(&state.db, government)
        .await?
        .into_iter()
        .map(|r| PendingView::new(&tr, r))
        .collect();
    Ok(QueuePage {
        trail: Trail::area(&tr, "monitoring-nav", "/monitoring").here(tr.t("queue-title")),
        tr,
        path: "/monitoring/updates".into(),
        viewer,
        reports,
        refused,
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

/// The queue again, the refused review's form showing its first problem and what the
/// reviewer chose and typed (422).
async fn refused(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    id: Uuid,
    problems: &[FieldError],
    form: ReviewForm,
) -> AppResult<Response> {
    let refused = Refused {
        id,
        message: problems
            .first()
            .map(|(_, key)| tr.t(key))
            .unwrap_or_default(),
        decision: form.decision,
        note: form.note,
    };
    unprocessable(render(&queue_page(state, tr, viewer, Some(refused)).await?))
}

/// The audit entry of a review: the report was pending, and what the forum decided.
fn review_entry(user: &CurrentUser, id: Uuid, decision: &Review, milestone: Uuid) -> NewAuditEntry {
    let after = serde_json::json!({
        "review_state": decision.state.as_str(), "note": decision.note, "milestone_id": milestone,
    });
    let before = serde_json::json!({ "review_state": "pending" });
    user.audit_entry(
        "progress.review",
        "progress_update",
        id,
        Some(before),
        Some(after),
    )
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
        Ok(decision) => decision,
        Err(problems) => return refused(&state, tr, viewer, id, &problems, form).await,
    };
    let mut tx = state.db.begin().await?;
    let milestone = store::monitoring::reviews::review(&mut tx, id, user.id, &decision)
        .await?
        .map_err(|_| AppError::Conflict("review-already-done"))?;
    within_milestone(&mut tx, &user, milestone).await?;
    let entry = review_entry(&user, id, &decision, milestone);
    store::audit::commit(tx, entry).await?;
    notify_review(&state, id).await;
    Ok(Done("flash-review-recorded").redirect("/monitoring/updates"))
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

/// A decision on another government's milestone is refused; the transaction it was made
/// in rolls back, so nothing of it stays.
async fn within_milestone(
    tx: &mut sqlx::PgConnection,
    user: &CurrentUser,
    milestone: Uuid,
) -> AppResult<()> {
    let government = store::public::plans::government_of_milestone(tx, milestone).await?;
    user.authorize_within(Action::ReviewProgress, government)
}
