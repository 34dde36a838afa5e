//! Monitoring by the forum: the queue of indicator measurements waiting for validation.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::Action;
use crate::domain::ReviewState;
use crate::domain::indicators::{format_value, share_of_the_way};
use crate::domain::progress_report::{FieldError, Review};
use crate::i18n::Tr;
use crate::store;
use crate::store::implementation::indicators::PendingMeasurement;
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::flash::Done;
use crate::web::http::forms::unprocessable;
use crate::web::http::routes::Routes;
use crate::web::http::session::{RequireUser, Viewer};
use crate::web::monitoring::reviews::Refused;
use crate::web::ui::indicators::disaggregation_text;
use crate::web::ui::trail::Trail;
use crate::web::ui::views::{long_date, moment, render};

pub fn router() -> Routes {
    Routes::new()
        .get("/monitoring/indicators", queue)
        .post("/monitoring/indicators/{id}/review", review)
}

pub struct PendingView {
    pub id: Uuid,
    pub indicator: String,
    pub plan_slug: String,
    pub code: String,
    pub commitment: String,
    pub value: String,
    pub share: String,
    pub measured_on: String,
    pub source: String,
    pub evidence_url: String,
    pub disaggregation: String,
    pub recorded: String,
}

impl PendingView {
    fn new(tr: &Tr, m: PendingMeasurement) -> Self {
        let share = share_of_the_way(m.baseline_value, m.target_value, m.value)
            .map(|s| tr.t1("indicator-share", "share", s.shown()))
            .unwrap_or_default();
        Self {
            value: format!("{} {}", format_value(m.value), m.unit),
            measured_on: long_date(tr, m.measured_on),
            recorded: format!("{} · {}", moment(tr, m.recorded_at), m.author_name),
            disaggregation: disaggregation_text(m.disaggregation.as_ref()),
            evidence_url: m.evidence_url.unwrap_or_default(),
            id: m.id,
            indicator: m.indicator,
            plan_slug: m.plan_slug,
            code: m.code,
            commitment: m.commitment_title,
            share,
            source: m.source,
        }
    }
}

#[derive(Template)]
#[template(path = "monitoring/indicators.html")]
pub struct QueuePage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub measurements: Vec<PendingView>,
    pub refused: Option<Refused>,
}

impl QueuePage {
    pub fn refused_for(&self, id: &Uuid) -> Option<&Refused> {
        self.refused.as_ref().filter(|r| r.id == *id)
    }

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
    let measurements = store::implementation::indicators::pending(&state.db, government)
        .await?
        .into_iter()
        .map(|m| PendingView::new(&tr, m))
        .collect();
    Ok(QueuePage {
        trail: Trail::area(&tr, "monitoring-nav", "/monitoring")
            .here(tr.t("indicator-queue-title")),
        tr,
        path: "/monitoring/indicators".into(),
        viewer,
        measurements,
        refused,
    })
}

/// `GET /monitoring/indicators`
async fn queue(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
) -> AppResult<Response> {
    user.authorize(Action::ReviewMeasurement)?;
    render(&queue_page(&state, tr, viewer, None).await?)
}

#[derive(Deserialize)]
struct ReviewForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    note: String,
}

/// A measurement is validated or returned (with a public note); never contested.
fn parse_review(form: &ReviewForm) -> Result<Review, Vec<FieldError>> {
    let review = Review::parse(&form.decision, &form.note)?;
    if review.state == ReviewState::Contested {
        return Err(vec![("decision".into(), "review-decision-invalid")]);
    }
    Ok(review)
}

/// `POST /monitoring/indicators/{id}/review`
async fn review(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(id): Path<Uuid>,
    Form(form): Form<ReviewForm>,
) -> AppResult<Response> {
    user.authorize(Action::ReviewMeasurement)?;
    let decision = match parse_review(&form) {
        Ok(decision) => decision,
        Err(problems) => {
            let refused = Refused {
                id,
                message: problems.first().map(|(_, k)| tr.t(k)).unwrap_or_default(),
                decision: form.decision,
                note: form.note,
            };
            return unprocessable(render(
                &queue_page(&state, tr, viewer, Some(refused)).await?,
            ));
        }
    };
    let mut tx = state.db.begin().await?;
    let state_str = decision.state.as_str();
    let note = decision.note.as_deref();
    let government =
        store::implementation::indicators::review(&mut tx, id, user.id, state_str, note)
            .await?
            .ok_or(AppError::Conflict("review-already-done"))?;
    // Another government's measurement: refused, and the transaction rolls back.
    user.authorize_within(Action::ReviewMeasurement, government)?;
    let entry = user.audit_entry(
        "indicator.review",
        "indicator_measurement",
        id,
        Some(serde_json::json!({ "review_state": "pending" })),
        Some(serde_json::json!({ "review_state": state_str, "note": note })),
    );
    store::audit::commit(tx, entry).await?;
    Ok(Done("flash-review-recorded").redirect("/monitoring/indicators"))
}
