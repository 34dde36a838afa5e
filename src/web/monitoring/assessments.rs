//! The forum's monitoring assessments of a commitment, on the IRM's scales: a form and the
//! history. Each assessment is a new row; the history is public on the commitment page.

use crate::web::ui::trail::Trail;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use uuid::Uuid;

use crate::domain::assessment::{AssessmentInput, NewAssessment};
use crate::domain::progress_report::FieldError;
use crate::domain::{Action, Completion, EarlyResults, OgpValue, PotentialImpact};
use crate::i18n::Tr;
use crate::store;
use crate::store::audit::NewAuditEntry;
use crate::store::monitoring::assessments::AssessedCommitment;
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::forms::unprocessable;
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser, Viewer};
use crate::web::public::AssessmentView;
use crate::web::ui::views::{Choice, render};

pub fn router() -> Routes {
    Routes::new()
        .get("/monitoring/commitments/{id}/assessments", form)
        .post("/monitoring/commitments/{id}/assessments", create)
}

/// A checkbox of the relevance fieldset.
pub struct ValueBox {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "monitoring/assessments.html")]
pub struct AssessmentsPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub commitment: AssessedCommitment,
    pub input: AssessmentInput,
    pub verifiable: Vec<Choice>,
    pub relevance: Vec<ValueBox>,
    pub potential_impact: Vec<Choice>,
    pub completion: Vec<Choice>,
    pub early_results: Vec<Choice>,
    /// (field, translated message)
    pub errors: Vec<(String, String)>,
    pub assessments: Vec<AssessmentView>,
}

impl AssessmentsPage {
    pub fn error(&self, field: &str) -> String {
        self.errors
            .iter()
            .filter(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A drop-down of a scale, "not assessed" first, the typed value selected.
fn scale(tr: &Tr, values: &[(&'static str, &'static str)], chosen: &str) -> Vec<Choice> {
    std::iter::once(("", "assessment-not-assessed"))
        .chain(values.iter().copied())
        .map(|(value, key)| Choice {
            value: value.into(),
            label: tr.t(key),
            selected: value == chosen,
        })
        .collect()
}

async fn page(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    id: Uuid,
    input: AssessmentInput,
    errors: Vec<(String, String)>,
) -> AppResult<AssessmentsPage> {
    let commitment = store::monitoring::assessments::commitment(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let history = store::public::commitments::assessments(&state.db, id).await?;
    Ok(AssessmentsPage {
        trail: Trail::area(&tr, "monitoring-nav", "/monitoring").here(tr.t("assessment-title")),
        verifiable: scale(
            &tr,
            &[("yes", "yes"), ("no", "no")],
            input.verifiable.as_str(),
        ),
        relevance: OgpValue::ALL
            .iter()
            .map(|v| ValueBox {
                value: v.as_str(),
                label: tr.t(v.label_key()),
                checked: input.relevance.iter().any(|r| r == v.as_str()),
            })
            .collect(),
        potential_impact: scale(
            &tr,
            &PotentialImpact::ALL
                .iter()
                .map(|v| (v.as_str(), v.label_key()))
                .collect::<Vec<_>>(),
            &input.potential_impact,
        ),
        completion: scale(
            &tr,
            &Completion::ALL
                .iter()
                .map(|v| (v.as_str(), v.label_key()))
                .collect::<Vec<_>>(),
            &input.completion,
        ),
        early_results: scale(
            &tr,
            &EarlyResults::ALL
                .iter()
                .map(|v| (v.as_str(), v.label_key()))
                .collect::<Vec<_>>(),
            &input.early_results,
        ),
        assessments: history
            .iter()
            .map(|a| AssessmentView::new(&tr, a))
            .collect(),
        path: format!("/monitoring/commitments/{id}/assessments"),
        commitment,
        input,
        errors,
        tr,
        viewer,
    })
}

/// `GET /monitoring/commitments/{id}/assessments`
async fn form(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    assessed(&state, &user, id).await?;
    let input = AssessmentInput {
        as_of: Utc::now().date_naive().to_string(),
        ..AssessmentInput::default()
    };
    render(&page(&state, tr, viewer, id, input, Vec::new()).await?)
}

/// The posted fields; `relevance` repeats, one per checked box.
fn read_form(fields: Vec<(String, String)>) -> AssessmentInput {
    let mut input = AssessmentInput::default();
    for (name, value) in fields {
        match name.as_str() {
            "period_label" => input.period_label = value,
            "as_of" => input.as_of = value,
            "verifiable" => input.verifiable = value,
            "relevance" => input.relevance.push(value),
            "potential_impact" => input.potential_impact = value,
            "completion" => input.completion = value,
            "early_results" => input.early_results = value,
            "narrative" => input.narrative = value,
            _ => {}
        }
    }
    input
}

/// The form again with its problems and what was typed (422).
async fn refused(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    id: Uuid,
    input: AssessmentInput,
    problems: Vec<FieldError>,
) -> AppResult<Response> {
    let errors = problems
        .into_iter()
        .map(|(f, key)| (f, tr.t(key)))
        .collect();
    unprocessable(render(&page(state, tr, viewer, id, input, errors).await?))
}

/// What the audit log keeps of a new assessment.
fn audit_entry(
    user: &CurrentUser,
    created: Uuid,
    commitment_id: Uuid,
    assessment: &NewAssessment,
) -> NewAuditEntry {
    let after = serde_json::json!({
        "commitment_id": commitment_id,
        "period_label": assessment.period_label,
        "as_of": assessment.as_of,
        "verifiable": assessment.verifiable,
        "relevance": assessment.relevance,
        "potential_impact": assessment.potential_impact,
        "completion": assessment.completion,
        "early_results": assessment.early_results,
    });
    user.audit_entry(
        "assessment.create",
        "assessment",
        created,
        None,
        Some(after),
    )
}

/// `POST /monitoring/commitments/{id}/assessments`: appends an assessment, audited.
async fn create(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(id): Path<Uuid>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let commitment = assessed(&state, &user, id).await?;
    let input = read_form(fields);
    let assessment = match NewAssessment::parse(&input, Utc::now().date_naive()) {
        Ok(assessment) => assessment,
        Err(problems) => return refused(&state, tr, viewer, id, input, problems).await,
    };
    let mut tx = state.db.begin().await?;
    let created =
        store::monitoring::assessments::create(&mut tx, commitment.id, user.id, &assessment)
            .await?;
    let entry = audit_entry(&user, created, commitment.id, &assessment);
    store::audit::commit(tx, entry).await?;
    Ok(Redirect::to(&format!("/monitoring/commitments/{id}/assessments")).into_response())
}

/// The commitment of the path, for a forum member of its plan's government.
async fn assessed(
    state: &AppState,
    user: &CurrentUser,
    id: Uuid,
) -> AppResult<store::monitoring::assessments::AssessedCommitment> {
    user.authorize(Action::Monitor)?;
    let commitment = store::monitoring::assessments::commitment(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    user.authorize_within(Action::Monitor, commitment.government_id)?;
    Ok(commitment)
}
