//! Outcome indicators, by the commitment's lead institution: define an indicator (baseline
//! and target) and record its measurements, for the forum to review.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::indicators::{
    Direction, IndicatorDefinition, IndicatorInput, Measurement, MeasurementInput,
};
use crate::domain::progress_report::FieldError;
use crate::domain::{Action, PlanPhase};
use crate::i18n::Tr;
use crate::store;
use crate::store::implementation::indicators::IndicatorCommitment;
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::flash::Done;
use crate::web::http::forms::unprocessable;
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser, Viewer};
use crate::web::ui::indicators::{IndicatorView, indicator_views};
use crate::web::ui::trail::Trail;
use crate::web::ui::views::render;

pub fn router() -> Routes {
    Routes::new()
        .get("/implementation/commitments/{id}/indicators", page)
        .post("/implementation/commitments/{id}/indicators", define)
        .post(
            "/implementation/commitments/{id}/indicators/{indicator}/measurements",
            record,
        )
}

/// Which form was refused, with what was typed.
pub enum Refused {
    None,
    Definition,
    Measurement(Uuid),
}

#[derive(Template)]
#[template(path = "implementation/indicators.html")]
pub struct IndicatorsPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub commitment: IndicatorCommitment,
    pub indicators: Vec<IndicatorView>,
    pub directions: Vec<(&'static str, String)>,
    pub definition: IndicatorInput,
    pub measurement: MeasurementInput,
    pub refused: Refused,
    /// (field id, message): the error summary links to each field.
    pub errors: Vec<(String, String)>,
}

/// One input of a form, ready to show: its id, label, what was typed and its problem.
pub struct FormField {
    pub id: String,
    pub name: &'static str,
    pub label: String,
    pub kind: &'static str,
    pub value: String,
    pub error: String,
    /// A number: phones show a decimal keypad.
    pub decimal: bool,
}

impl IndicatorsPage {
    pub fn error(&self, field: &str) -> String {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.clone())
            .unwrap_or_default()
    }

    fn field(
        &self,
        (name, label, kind): (&'static str, &str, &'static str),
        id: String,
        value: &str,
    ) -> FormField {
        FormField {
            error: self.error(&id),
            label: self.tr.t(label),
            value: value.to_owned(),
            decimal: name.ends_with("value"),
            id,
            name,
            kind,
        }
    }

    /// The new indicator form's inputs (the direction is a choice, shown apart).
    pub fn definition_fields(&self) -> Vec<FormField> {
        let d = &self.definition;
        [
            (("name", "indicator-name", "text"), &d.name),
            (("unit", "indicator-unit", "text"), &d.unit),
            (
                ("baseline_value", "indicator-baseline-value", "text"),
                &d.baseline_value,
            ),
            (
                ("baseline_date", "indicator-baseline-date", "date"),
                &d.baseline_date,
            ),
            (
                ("baseline_source", "indicator-baseline-source", "text"),
                &d.baseline_source,
            ),
            (
                ("target_value", "indicator-target-value", "text"),
                &d.target_value,
            ),
            (
                ("target_date", "indicator-target-date", "date"),
                &d.target_date,
            ),
        ]
        .into_iter()
        .map(|(spec, value)| self.field(spec, spec.0.to_owned(), value))
        .collect()
    }

    /// An indicator's measurement form inputs, ids suffixed by the indicator; what was typed
    /// only in the form that was refused. The last is the disaggregation (a text area).
    pub fn measurement_fields(&self, indicator: &Uuid) -> Vec<FormField> {
        let refused = matches!(self.refused, Refused::Measurement(id) if id == *indicator);
        let empty = MeasurementInput::default();
        let m = if refused { &self.measurement } else { &empty };
        [
            (("value", "indicator-value", "text"), &m.value),
            (
                ("measured_on", "indicator-measured-on", "date"),
                &m.measured_on,
            ),
            (("source", "indicator-source", "text"), &m.source),
            (
                ("evidence_url", "indicator-evidence-url", "url"),
                &m.evidence_url,
            ),
            (
                ("disaggregation", "indicator-disaggregation", "textarea"),
                &m.disaggregation,
            ),
        ]
        .into_iter()
        .map(|(spec, value)| self.field(spec, format!("{}-{indicator}", spec.0), value))
        .collect()
    }

    /// Whether this indicator's measurement form was the one refused (it opens).
    pub fn refused_for(&self, indicator: &Uuid) -> bool {
        matches!(self.refused, Refused::Measurement(id) if id == *indicator)
    }
}

/// The commitment, if this official's institution leads it (and its plan is implemented).
async fn commitment_for(
    state: &AppState,
    user: &CurrentUser,
    id: Uuid,
    action: impl FnOnce(bool, PlanPhase) -> Action,
) -> AppResult<IndicatorCommitment> {
    let commitment = store::implementation::indicators::commitment(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let leads = commitment.led_by(user.institution_id);
    user.authorize_within(
        action(leads, commitment.plan_phase),
        commitment.government_id,
    )?;
    Ok(commitment)
}

async fn build_page(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    commitment: IndicatorCommitment,
    typed: (IndicatorInput, MeasurementInput, Refused),
    problems: Vec<FieldError>,
) -> AppResult<IndicatorsPage> {
    let rows = store::implementation::indicators::of_commitment(&state.db, commitment.id).await?;
    let measurements =
        store::implementation::indicators::measurements_of_commitment(&state.db, commitment.id)
            .await?;
    let (definition, measurement, refused) = typed;
    // A measurement form's fields carry the indicator's id, so each form's ids are unique.
    let suffix = match refused {
        Refused::Measurement(id) => format!("-{id}"),
        _ => String::new(),
    };
    let errors = problems
        .into_iter()
        .map(|(field, key)| (format!("{field}{suffix}"), tr.t(key)))
        .collect();
    Ok(IndicatorsPage {
        trail: Trail::area(&tr, "implementation-nav", "/implementation")
            .here(tr.t("indicators-title")),
        path: format!("/implementation/commitments/{}/indicators", commitment.id),
        indicators: indicator_views(&tr, &rows, &measurements),
        directions: Direction::ALL
            .iter()
            .map(|d| (d.as_str(), tr.t(d.label_key())))
            .collect(),
        tr,
        viewer,
        commitment,
        definition,
        measurement,
        refused,
        errors,
    })
}

/// `GET /implementation/commitments/{id}/indicators`
async fn page(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let commitment = commitment_for(&state, &user, id, |leads, phase| Action::DefineIndicator {
        leads,
        phase,
    })
    .await?;
    let typed = (
        IndicatorInput::default(),
        MeasurementInput::default(),
        Refused::None,
    );
    render(&build_page(&state, tr, viewer, commitment, typed, Vec::new()).await?)
}

#[derive(Deserialize)]
struct DefinitionForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    direction: String,
    #[serde(default)]
    baseline_value: String,
    #[serde(default)]
    baseline_date: String,
    #[serde(default)]
    baseline_source: String,
    #[serde(default)]
    target_value: String,
    #[serde(default)]
    target_date: String,
}

/// `POST /implementation/commitments/{id}/indicators`: a new indicator.
async fn define(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(id): Path<Uuid>,
    Form(form): Form<DefinitionForm>,
) -> AppResult<Response> {
    let commitment = commitment_for(&state, &user, id, |leads, phase| Action::DefineIndicator {
        leads,
        phase,
    })
    .await?;
    let input = IndicatorInput {
        name: form.name,
        unit: form.unit,
        direction: form.direction,
        baseline_value: form.baseline_value,
        baseline_date: form.baseline_date,
        baseline_source: form.baseline_source,
        target_value: form.target_value,
        target_date: form.target_date,
    };
    let definition = match IndicatorDefinition::parse(&input) {
        Ok(definition) => definition,
        Err(problems) => {
            let typed = (input, MeasurementInput::default(), Refused::Definition);
            let page = build_page(&state, tr, viewer, commitment, typed, problems).await?;
            return unprocessable(render(&page));
        }
    };
    let mut tx = state.db.begin().await?;
    let indicator =
        store::implementation::indicators::define(&mut tx, id, user.id, &definition).await?;
    let after = serde_json::json!({
        "indicator_id": indicator, "name": definition.name, "unit": definition.unit,
        "direction": definition.direction.as_str(),
        "baseline": { "value": definition.baseline_value, "date": definition.baseline_date },
        "target": { "value": definition.target_value, "date": definition.target_date },
    });
    let entry = user.audit_entry("indicator.define", "commitment", id, None, Some(after));
    store::audit::commit(tx, entry).await?;
    Ok(Done("flash-indicator-defined")
        .redirect(&format!("/implementation/commitments/{id}/indicators")))
}

#[derive(Deserialize)]
struct MeasurementForm {
    #[serde(default)]
    value: String,
    #[serde(default)]
    measured_on: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    evidence_url: String,
    #[serde(default)]
    disaggregation: String,
}

/// `POST /implementation/commitments/{id}/indicators/{indicator}/measurements`
async fn record(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path((id, indicator)): Path<(Uuid, Uuid)>,
    Form(form): Form<MeasurementForm>,
) -> AppResult<Response> {
    let commitment = commitment_for(&state, &user, id, |leads, phase| {
        Action::RecordMeasurement { leads, phase }
    })
    .await?;
    let input = MeasurementInput {
        value: form.value,
        measured_on: form.measured_on,
        source: form.source,
        evidence_url: form.evidence_url,
        disaggregation: form.disaggregation,
    };
    let measurement = match Measurement::parse(&input, Utc::now().date_naive()) {
        Ok(measurement) => measurement,
        Err(problems) => {
            let typed = (
                IndicatorInput::default(),
                input,
                Refused::Measurement(indicator),
            );
            let page = build_page(&state, tr, viewer, commitment, typed, problems).await?;
            return unprocessable(render(&page));
        }
    };
    let mut tx = state.db.begin().await?;
    let author = (user.id, user.display_name.as_str());
    let recorded =
        store::implementation::indicators::record(&mut tx, id, indicator, author, &measurement)
            .await?
            .ok_or(AppError::NotFound)?;
    let after = serde_json::json!({
        "indicator_id": indicator, "value": measurement.value,
        "measured_on": measurement.measured_on, "source": measurement.source,
        "evidence_url": measurement.evidence_url, "disaggregation": measurement.disaggregation,
    });
    let entry = user.audit_entry(
        "indicator.measure",
        "indicator_measurement",
        recorded,
        None,
        Some(after),
    );
    store::audit::commit(tx, entry).await?;
    Ok(Done("flash-measurement-recorded")
        .redirect(&format!("/implementation/commitments/{id}/indicators")))
}
