//! The forum's assessment of a commitment in a reporting round: its own view beside both
//! parties' reports in the round (and where they disagree), with the communication strategy
//! item of the PAGA form. Forum members of the plan's government only.
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;

use super::reports::monitored;
use super::rounds::{RoundView, round_of, rounds_href};
use crate::domain::rounds::RoundAssessmentInput;
use crate::domain::{Completion, Fulfilment};
use crate::i18n::Tr;
use crate::store;
use crate::store::monitoring::rounds::Round;
use crate::store::monitoring::voices::Scope;
use crate::store::public::commitments::Commitment;
use crate::store::public::plans::Plan;
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::flash::Done;
use crate::web::http::forms::{FieldErrors, unprocessable};
use crate::web::http::routes::Routes;
use crate::web::http::session::{RequireUser, Viewer};
use crate::web::ui::trail::Trail;
use crate::web::ui::views::{Choice, render};
use crate::web::ui::voices::{RoundAssessmentView, VoicesView};

pub fn router() -> Routes {
    Routes::new()
        .get(
            "/monitoring/plans/{plan}/rounds/{id}/commitments/{code}",
            assessment_form,
        )
        .post(
            "/monitoring/plans/{plan}/rounds/{id}/commitments/{code}",
            record_assessment,
        )
}

#[derive(Deserialize, Default)]
pub struct AssessmentForm {
    #[serde(default)]
    completion: String,
    #[serde(default)]
    narrative: String,
    #[serde(default)]
    communication: String,
    #[serde(default)]
    communication_note: String,
}

/// `GET /monitoring/plans/{plan}/rounds/{id}/commitments/{code}`
async fn assessment_form(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path((slug, id, code)): Path<(String, String, String)>,
) -> AppResult<Response> {
    let plan = monitored(&state, &user, &slug).await?;
    let (round, commitment) = target(&state, &plan, &id, &code).await?;
    let page = AssessmentPage::load(&state, tr, viewer, &plan, &round, &commitment).await?;
    render(&page.with_form(AssessmentForm::default()))
}

/// `POST …/commitments/{code}`: a new assessment of the round (an earlier one stays).
async fn record_assessment(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path((slug, id, code)): Path<(String, String, String)>,
    Form(form): Form<AssessmentForm>,
) -> AppResult<Response> {
    let plan = monitored(&state, &user, &slug).await?;
    let (round, commitment) = target(&state, &plan, &id, &code).await?;
    let parsed = RoundAssessmentInput::parse(
        &form.completion,
        &form.narrative,
        &form.communication,
        &form.communication_note,
    );
    let input = match parsed {
        Ok(input) => input,
        Err(problems) => {
            let page = AssessmentPage::load(&state, tr, viewer, &plan, &round, &commitment);
            let mut page = page.await?.with_form(form);
            page.errors = FieldErrors::of(&page.tr, problems);
            return unprocessable(render(&page));
        }
    };
    let mut tx = state.db.begin().await?;
    let by = (user.id, user.display_name.as_str());
    let store =
        store::monitoring::round_assessments::record(&mut tx, round.id, commitment.id, by, &input);
    let assessment_id = store.await?;
    let after = json!({
        "round": round.label, "commitment": commitment.code, "completion": input.completion,
        "communication": input.communication, "assessment_id": assessment_id,
    });
    let entry = user.audit_entry(
        "round.assess",
        "commitment",
        commitment.id,
        None,
        Some(after),
    );
    store::audit::commit(tx, entry).await?;
    let back = format!("{}/{}#assessments-heading", rounds_href(&plan), round.id);
    Ok(Done("round-assessment-recorded").redirect(&back))
}

/// The round and the commitment of the path, both of this plan.
async fn target(
    state: &AppState,
    plan: &Plan,
    round: &str,
    code: &str,
) -> AppResult<(Round, Commitment)> {
    let round = round_of(state, plan, round).await?;
    let commitment = store::public::commitments::by_code(&state.db, plan.id, code)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((round, commitment))
}

#[derive(Template)]
#[template(path = "monitoring/round_assessment.html")]
pub struct AssessmentPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plan_title: String,
    pub plan_slug: String,
    pub round: RoundView,
    pub commitment: String,
    pub commitment_href: String,
    pub voices: Vec<VoicesView>,
    pub earlier: Vec<RoundAssessmentView>,
    pub completions: Vec<Choice>,
    pub communications: Vec<Choice>,
    pub narrative: String,
    pub communication_note: String,
    pub errors: FieldErrors,
}

impl AssessmentPage {
    /// Both parties' reports filed in the round on each milestone, and the round's earlier
    /// assessments of the commitment.
    async fn load(
        state: &AppState,
        tr: Tr,
        viewer: Viewer,
        plan: &Plan,
        round: &Round,
        commitment: &Commitment,
    ) -> AppResult<Self> {
        let scope = Scope {
            commitment: Some(commitment.id),
            days: Some((round.opens_on, round.closes_on)),
            ..Scope::now()
        };
        let voices = store::monitoring::voices::latest(&state.db, scope).await?;
        let earlier = store::monitoring::round_assessments::of_commitments(
            &state.db,
            &[commitment.id],
            Some(round.id),
            chrono::Utc::now(),
        )
        .await?;
        let view = RoundView::new(&tr, plan, round);
        Ok(Self {
            trail: Trail::area(&tr, "monitoring-nav", "/monitoring")
                .up(tr.t("rounds-title"), rounds_href(plan))
                .up(round.label.clone(), view.href.clone())
                .here(format!("{}. {}", commitment.code, commitment.title)),
            path: format!("{}/commitments/{}", view.href, commitment.code),
            voices: voices.iter().map(|v| VoicesView::new(&tr, v)).collect(),
            earlier: earlier
                .iter()
                .map(|a| RoundAssessmentView::new(&tr, a))
                .collect(),
            plan_title: plan.title.clone(),
            plan_slug: plan.slug.clone(),
            commitment: format!("{}. {}", commitment.code, commitment.title),
            commitment_href: format!("/plans/{}/commitments/{}", plan.slug, commitment.code),
            round: view,
            completions: Vec::new(),
            communications: Vec::new(),
            narrative: String::new(),
            communication_note: String::new(),
            errors: FieldErrors::default(),
            tr,
            viewer,
        })
    }

    /// The form with what was typed (or empty).
    fn with_form(mut self, form: AssessmentForm) -> Self {
        let tr = &self.tr;
        self.completions = Completion::ALL
            .iter()
            .map(|c| Choice {
                value: c.as_str().to_owned(),
                label: tr.t(c.label_key()),
                selected: form.completion == c.as_str(),
            })
            .collect();
        self.communications = Fulfilment::ALL
            .iter()
            .map(|f| Choice {
                value: f.as_str().to_owned(),
                label: tr.t(f.label_key()),
                selected: form.communication == f.as_str(),
            })
            .collect();
        self.narrative = form.narrative;
        self.communication_note = form.communication_note;
        self
    }
}
