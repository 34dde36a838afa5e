//! The forum sets a plan's reporting rounds and sees, per round, which milestones still lack
//! a report. Forum members of the plan's government only.
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::Utc;
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::reports::monitored;
use crate::domain::rounds::{self, RoundInput};
use crate::domain::{CommitmentState, Completion};
use crate::i18n::Tr;
use crate::i18n::format::{long_date, moment};
use crate::store;
use crate::store::monitoring::round_assessments::RoundAssessment;
use crate::store::monitoring::rounds::{Missing, Round};
use crate::store::monitoring::voices::Scope;
use crate::store::public::commitments::CommitmentSummary;
use crate::store::public::plans::Plan;
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::flash::Done;
use crate::web::http::forms::{FieldErrors, unprocessable};
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser, Viewer};
use crate::web::ui::trail::Trail;
use crate::web::ui::views::render;
use crate::web::ui::voices::VoicesView;

pub fn router() -> Routes {
    Routes::new()
        .get("/monitoring/plans/{plan}/rounds", rounds_page)
        .post("/monitoring/plans/{plan}/rounds", add_round)
        .post("/monitoring/plans/{plan}/rounds/semiannual", add_semiannual)
        .get("/monitoring/plans/{plan}/rounds/{id}", round_page)
        .post("/monitoring/plans/{plan}/rounds/{id}/delete", delete_round)
}

/// The round form.
#[derive(Deserialize, Default)]
pub struct RoundForm {
    #[serde(default)]
    label: String,
    #[serde(default)]
    opens_on: String,
    #[serde(default)]
    closes_on: String,
}

/// `GET /monitoring/plans/{plan}/rounds`
async fn rounds_page(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let plan = monitored(&state, &user, &slug).await?;
    let rounds = store::monitoring::rounds::list(&state.db, plan.id).await?;
    let page = RoundsPage::build(tr, viewer, &plan, &rounds, RoundForm::default());
    render(&page)
}

/// `POST /monitoring/plans/{plan}/rounds`: one round, refused with the form when its dates
/// are wrong or meet another round's.
async fn add_round(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
    Form(form): Form<RoundForm>,
) -> AppResult<Response> {
    let plan = monitored(&state, &user, &slug).await?;
    let problems = match RoundInput::parse(&form.label, &form.opens_on, &form.closes_on) {
        Ok(round) => match add(&state, &user, &plan, &[round]).await? {
            None => return Ok(Done("round-added").redirect(&rounds_href(&plan))),
            Some(why) => vec![("opens_on", why)],
        },
        Err(problems) => problems,
    };
    let rounds = store::monitoring::rounds::list(&state.db, plan.id).await?;
    let mut page = RoundsPage::build(tr, viewer, &plan, &rounds, form);
    page.errors = FieldErrors::of(&page.tr, problems);
    unprocessable(render(&page))
}

/// `POST /monitoring/plans/{plan}/rounds/semiannual`: a round for each half-year of the
/// plan's period that meets no round the plan has.
async fn add_semiannual(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, _): RequireUser,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let plan = monitored(&state, &user, &slug).await?;
    let halves = rounds::semiannual(plan.period_start, plan.period_end);
    let proposed: Vec<RoundInput> = halves
        .iter()
        .map(|h| RoundInput {
            label: tr.tn2(
                "round-semester-label",
                ("half", i64::from(h.half)),
                ("year", i64::from(h.year)),
            ),
            opens_on: h.opens_on,
            closes_on: h.closes_on,
        })
        .collect();
    add(&state, &user, &plan, &proposed).await?;
    Ok(Done("round-added-semiannual").redirect(&rounds_href(&plan)))
}

/// Adds the rounds in one transaction, each audited; with one round, why it cannot join the
/// plan's (nothing is written then); with several, those that cannot are left out.
async fn add(
    state: &AppState,
    user: &CurrentUser,
    plan: &Plan,
    new: &[RoundInput],
) -> AppResult<Option<&'static str>> {
    let mut tx = state.db.begin().await?;
    let mut existing = store::monitoring::rounds::lock_plan(&mut tx, plan.id).await?;
    for round in new {
        if let Some(why) = rounds::refusal(round, &existing) {
            if new.len() == 1 {
                return Ok(Some(why));
            }
            continue;
        }
        let id = store::monitoring::rounds::create(&mut tx, plan.id, user.id, round).await?;
        let after = json!({ "plan": plan.slug, "label": round.label,
                            "opens_on": round.opens_on, "closes_on": round.closes_on });
        let entry = user.audit_entry("round.create", "reporting_round", id, None, Some(after));
        store::audit::record(&mut tx, entry).await?;
        existing.push(round.clone());
    }
    tx.commit().await?;
    Ok(None)
}

/// `POST /monitoring/plans/{plan}/rounds/{id}/delete`: reports stay; they stop counting for it.
/// A round the forum assessed stays (409): its assessments belong to it.
async fn delete_round(
    State(state): State<AppState>,
    RequireUser(user, _): RequireUser,
    Path((slug, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let plan = monitored(&state, &user, &slug).await?;
    let round = round_of(&state, &plan, &id).await?;
    let mut tx = state.db.begin().await?;
    if store::monitoring::round_assessments::round_has_any(&mut tx, round.id).await? {
        return Err(AppError::Conflict("round-delete-has-assessments"));
    }
    if !store::monitoring::rounds::delete(&mut tx, plan.id, round.id).await? {
        return Err(AppError::NotFound);
    }
    let before = json!({ "plan": plan.slug, "label": round.label,
                         "opens_on": round.opens_on, "closes_on": round.closes_on });
    let entry = user.audit_entry(
        "round.delete",
        "reporting_round",
        round.id,
        Some(before),
        None,
    );
    store::audit::commit(tx, entry).await?;
    Ok(Done("round-deleted").redirect(&rounds_href(&plan)))
}

/// `GET /monitoring/plans/{plan}/rounds/{id}`: the milestones still lacking a report.
async fn round_page(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path((slug, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let plan = monitored(&state, &user, &slug).await?;
    let round = round_of(&state, &plan, &id).await?;
    let missing = store::monitoring::rounds::missing(&state.db, round.id).await?;
    let commitments = store::public::commitments::list_for_plan(&state.db, plan.id).await?;
    let approved: Vec<_> = commitments
        .into_iter()
        .filter(|c| c.state == CommitmentState::Approved.as_str())
        .collect();
    let ids: Vec<Uuid> = approved.iter().map(|c| c.id).collect();
    let assessed = store::monitoring::round_assessments::of_commitments(
        &state.db,
        &ids,
        Some(round.id),
        Utc::now(),
    );
    let assessed = assessed.await?;
    let scope = Scope {
        plan: Some(plan.id),
        days: Some((round.opens_on, round.closes_on)),
        both_only: true,
        ..Scope::now()
    };
    let voices = store::monitoring::voices::latest(&state.db, scope).await?;
    let mut page = RoundPage::build(tr, viewer, &plan, &round, &missing);
    page.assessments = AssessedView::list(&page.tr, &page.round.href, &approved, &assessed);
    page.disagreements = voices
        .iter()
        .map(|v| VoicesView::new(&page.tr, v))
        .filter(VoicesView::disagrees)
        .collect();
    render(&page)
}

/// The round of the path, of this plan.
pub(super) async fn round_of(state: &AppState, plan: &Plan, raw: &str) -> AppResult<Round> {
    let id: Uuid = raw.parse().map_err(|_| AppError::NotFound)?;
    store::monitoring::rounds::round(&state.db, plan.id, id)
        .await?
        .ok_or(AppError::NotFound)
}

pub(super) fn rounds_href(plan: &Plan) -> String {
    format!("/monitoring/plans/{}/rounds", plan.slug)
}

/// Under the forum's monitoring (the plan is named on the page itself).
fn trail(tr: &Tr) -> Trail {
    Trail::area(tr, "monitoring-nav", "/monitoring")
}

/// A round as the list shows it.
pub struct RoundView {
    pub href: String,
    pub label: String,
    pub dates: String,
    /// "12 de 40 hitos con reporte".
    pub counts: String,
    /// The same for the counterparts, and the commitments the forum assessed.
    pub counterpart_counts: String,
    pub assessed_counts: String,
    pub is_open: bool,
}

impl RoundView {
    pub(super) fn new(tr: &Tr, plan: &Plan, r: &Round) -> Self {
        let today = Utc::now().date_naive();
        Self {
            href: format!("{}/{}", rounds_href(plan), r.id),
            label: r.label.clone(),
            dates: format!(
                "{} – {}",
                long_date(tr, r.opens_on),
                long_date(tr, r.closes_on)
            ),
            counts: tr.tn2(
                "round-counts",
                ("reported", r.reported),
                ("count", r.expected),
            ),
            counterpart_counts: tr.tn2(
                "round-counterpart-counts",
                ("reported", r.counterpart_reported),
                ("count", r.counterpart_expected),
            ),
            assessed_counts: tr.tn2(
                "round-assessed-counts",
                ("assessed", r.assessed),
                ("count", r.commitments),
            ),
            is_open: r.input().holds(today),
        }
    }
}

#[derive(Template)]
#[template(path = "monitoring/rounds.html")]
pub struct RoundsPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plan_title: String,
    pub plan_slug: String,
    pub plan_period: String,
    pub action: String,
    pub rounds: Vec<RoundView>,
    pub label: String,
    pub opens_on: String,
    pub closes_on: String,
    pub errors: FieldErrors,
}

impl RoundsPage {
    fn build(tr: Tr, viewer: Viewer, plan: &Plan, rounds: &[Round], form: RoundForm) -> Self {
        Self {
            trail: trail(&tr).here(tr.t("rounds-title")),
            plan_title: plan.title.clone(),
            plan_slug: plan.slug.clone(),
            plan_period: format!(
                "{} – {}",
                long_date(&tr, plan.period_start),
                long_date(&tr, plan.period_end)
            ),
            action: rounds_href(plan),
            rounds: rounds
                .iter()
                .map(|r| RoundView::new(&tr, plan, r))
                .collect(),
            label: form.label,
            opens_on: form.opens_on,
            closes_on: form.closes_on,
            errors: FieldErrors::default(),
            path: rounds_href(plan),
            tr,
            viewer,
        }
    }
}

/// A milestone lacking a party's report, as the round's page lists it.
pub struct MissingView {
    pub commitment: String,
    pub title: String,
    pub responsible: String,
    pub last_report: String,
    pub co_leads: String,
}

/// A commitment and the forum's latest assessment of it in the round.
pub struct AssessedView {
    pub commitment: String,
    pub href: String,
    /// The completion the forum gave, empty while it has not assessed.
    pub completion: String,
    pub date: String,
}

impl AssessedView {
    fn list(
        tr: &Tr,
        round_href: &str,
        commitments: &[CommitmentSummary],
        assessed: &[RoundAssessment],
    ) -> Vec<Self> {
        commitments
            .iter()
            .map(|c| {
                // Newest first: the first of the commitment is the forum's view.
                let latest = assessed.iter().find(|a| a.commitment_id == c.id);
                Self {
                    commitment: format!("{}. {}", c.code, c.title),
                    href: format!("{round_href}/commitments/{}", c.code),
                    completion: latest
                        .and_then(|a| a.completion.parse::<Completion>().ok())
                        .map(|l| tr.t(l.label_key()))
                        .unwrap_or_default(),
                    date: latest
                        .map(|a| moment(tr, a.assessed_at))
                        .unwrap_or_default(),
                }
            })
            .collect()
    }
}

impl MissingView {
    fn new(tr: &Tr, m: &Missing) -> Self {
        Self {
            commitment: format!("{}. {}", m.commitment_code, m.commitment_title),
            title: m.title.clone(),
            responsible: m
                .responsible
                .clone()
                .unwrap_or_else(|| tr.t("responsible-unknown")),
            last_report: m
                .last_update_at
                .map_or_else(|| tr.t("round-never-reported"), |at| moment(tr, at)),
            co_leads: m.co_leads.clone().unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "monitoring/round.html")]
pub struct RoundPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plan_title: String,
    pub plan_slug: String,
    pub round: RoundView,
    /// Milestones still lacking the institution's report, and the counterpart's.
    pub missing: Vec<MissingView>,
    pub missing_counterpart: Vec<MissingView>,
    pub assessments: Vec<AssessedView>,
    pub disagreements: Vec<VoicesView>,
    pub delete_action: String,
}

impl RoundPage {
    fn build(tr: Tr, viewer: Viewer, plan: &Plan, round: &Round, missing: &[Missing]) -> Self {
        let view = RoundView::new(&tr, plan, round);
        Self {
            trail: trail(&tr)
                .up(tr.t("rounds-title"), rounds_href(plan))
                .here(round.label.clone()),
            missing: missing
                .iter()
                .filter(|m| m.institution)
                .map(|m| MissingView::new(&tr, m))
                .collect(),
            missing_counterpart: missing
                .iter()
                .filter(|m| m.counterpart)
                .map(|m| MissingView::new(&tr, m))
                .collect(),
            assessments: Vec::new(),
            disagreements: Vec::new(),
            plan_title: plan.title.clone(),
            plan_slug: plan.slug.clone(),
            delete_action: format!("{}/delete", view.href),
            path: view.href.clone(),
            round: view,
            tr,
            viewer,
        }
    }
}
