//! The civil-society counterpart: its dashboard of co-led milestones and its own report form.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use uuid::Uuid;

use crate::domain::counterpart_report::{CounterpartInput, CounterpartReport};
use crate::domain::progress_report::{FieldError, LinkInput, MAX_LINKS};
use crate::domain::{Action, Completion, Fulfilment};
use crate::i18n::Tr;
use crate::store;
use crate::store::implementation::counterpart::{CounterpartTarget, DashboardRow};
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::flash::Done;
use crate::web::http::forms::unprocessable;
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser, Viewer};
use crate::web::implementation::progress_report::{LinkRow, evidence_rows};
use crate::web::public::milestone_anchor;
use crate::web::ui::trail::Trail;
use crate::web::ui::views::{Choice, maybe_date, moment, render};

pub fn router() -> Routes {
    Routes::new()
        .get("/counterpart", dashboard)
        .get("/counterpart/milestones/{id}/report", report_form)
        .post("/counterpart/milestones/{id}/report", submit_report)
}

/// One co-led milestone with both parties' latest reports, in words.
pub struct CoLedMilestone {
    pub id: Uuid,
    pub title: String,
    pub commitment: String,
    pub commitment_href: String,
    pub plan: String,
    pub due: String,
    pub institution_report: String,
    pub counterpart_report: String,
}

impl CoLedMilestone {
    fn new(tr: &Tr, r: DashboardRow) -> Self {
        let institution_report = match (r.institution_reported_at, r.institution_review) {
            (Some(at), Some(review)) => format!(
                "{} · {} % · {}",
                moment(tr, at),
                r.institution_progress.unwrap_or_default(),
                tr.t(review.label_key())
            ),
            _ => tr.t("counterpart-no-institution-report"),
        };
        let counterpart_report = match (r.counterpart_reported_at, r.counterpart_completion) {
            (Some(at), Some(level)) => {
                let endorses = if r.counterpart_endorses == Some(true) {
                    "counterpart-endorsed"
                } else {
                    "counterpart-not-endorsed"
                };
                format!(
                    "{} · {} · {}",
                    moment(tr, at),
                    tr.t(level.label_key()),
                    tr.t(endorses)
                )
            }
            _ => tr.t("counterpart-no-own-report"),
        };
        Self {
            id: r.milestone_id,
            commitment_href: format!("/plans/{}/commitments/{}", r.plan_slug, r.code),
            commitment: format!("{}. {}", r.code, r.commitment_title),
            due: maybe_date(tr, r.current_due),
            title: r.milestone_title,
            plan: r.plan_title,
            institution_report,
            counterpart_report,
        }
    }
}

#[derive(Template)]
#[template(path = "implementation/counterpart_dashboard.html")]
pub struct DashboardPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub institution: String,
    pub milestones: Vec<CoLedMilestone>,
}

/// `GET /counterpart`: the milestones the counterpart's institution co-leads.
async fn dashboard(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
) -> AppResult<Response> {
    user.authorize(Action::ViewCounterpartDashboard)?;
    let institution = user.institution_id.ok_or(AppError::NotFound)?;
    let government = user.government_id.ok_or(AppError::NotFound)?;
    let rows = store::implementation::counterpart::dashboard(&state.db, institution, government);
    let milestones = rows.await?.into_iter().map(|r| CoLedMilestone::new(&tr, r));
    render(&DashboardPage {
        trail: Trail::home(&tr).here(tr.t("counterpart-nav")),
        milestones: milestones.collect(),
        institution: user.institution_name.clone().unwrap_or_default(),
        tr,
        path: "/counterpart".into(),
        viewer,
    })
}

#[derive(Template)]
#[template(path = "implementation/counterpart_report.html")]
pub struct ReportPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub target: CounterpartTarget,
    pub completions: Vec<Choice>,
    pub fulfilments: Vec<Choice>,
    pub endorsements: Vec<Choice>,
    pub fulfilment_note: String,
    pub perceived_change: String,
    pub links: Vec<LinkRow>,
    pub errors: Vec<(String, String)>,
    /// The error summary: each problem as a link to its field and its message.
    pub summary: Vec<(String, String)>,
}

impl ReportPage {
    pub fn error(&self, field: &str) -> String {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.clone())
            .unwrap_or_default()
    }
}

/// The options of a choice list, the typed one selected.
fn choices<'a>(values: impl Iterator<Item = (&'a str, String)>, typed: &str) -> Vec<Choice> {
    values
        .map(|(value, label)| Choice {
            selected: typed == value,
            value: value.to_owned(),
            label,
        })
        .collect()
}

fn report_page(
    tr: Tr,
    viewer: Viewer,
    target: CounterpartTarget,
    typed: CounterpartInput,
    errors: Vec<(String, String)>,
) -> ReportPage {
    let completions = Completion::ALL
        .iter()
        .map(|c| (c.as_str(), tr.t(c.label_key())));
    let fulfilments = Fulfilment::ALL
        .iter()
        .map(|f| (f.as_str(), tr.t(f.label_key())));
    let endorsements = [
        ("yes", tr.t("counterpart-endorses-yes")),
        ("no", tr.t("counterpart-endorses-no")),
    ];
    let summary = errors
        .iter()
        .map(|(field, message)| match field.strip_prefix("link-") {
            Some(i) => (format!("#link_url_{i}"), message.clone()),
            None => (format!("#{field}"), message.clone()),
        })
        .collect();
    ReportPage {
        trail: Trail::area(&tr, "counterpart-nav", "/counterpart")
            .here(tr.t("counterpart-report-title")),
        completions: choices(completions, &typed.completion),
        fulfilments: choices(fulfilments, &typed.institution_fulfilled),
        endorsements: choices(endorsements.into_iter(), &typed.endorses),
        links: evidence_rows(&tr, MAX_LINKS, &typed.links, "link", &errors),
        fulfilment_note: typed.fulfilment_note,
        perceived_change: typed.perceived_change,
        summary,
        errors,
        target,
        tr,
        path: String::new(),
        viewer,
    }
}

/// The milestone, if this counterpart may report on it: its institution co-leads the
/// commitment, the plan is under implementation, and of the counterpart's government.
async fn authorized_target(
    state: &AppState,
    user: &CurrentUser,
    id: Uuid,
) -> AppResult<CounterpartTarget> {
    let target = store::implementation::counterpart::target(&state.db, id, user.institution_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let action = Action::ReportAsCounterpart {
        co_leads: target.co_leads,
        phase: target.plan_phase,
    };
    user.authorize_within(action, target.government_id)?;
    Ok(target)
}

/// `GET /counterpart/milestones/{id}/report`
async fn report_form(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let target = authorized_target(&state, &user, id).await?;
    let typed = CounterpartInput::default();
    render(&report_page(tr, viewer, target, typed, Vec::new()))
}

/// The form as sent.
fn typed(fields: &[(String, String)]) -> CounterpartInput {
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or(String::new(), |(_, v)| v.clone())
    };
    CounterpartInput {
        completion: get("completion"),
        institution_fulfilled: get("institution_fulfilled"),
        fulfilment_note: get("fulfilment_note"),
        perceived_change: get("perceived_change"),
        endorses: get("endorses"),
        links: (0..MAX_LINKS)
            .map(|i| LinkInput {
                url: get(&format!("link_url_{i}")),
                evidence_type: get(&format!("link_type_{i}")),
                source: get(&format!("link_source_{i}")),
                date: get(&format!("link_date_{i}")),
            })
            .collect(),
    }
}

fn refused(
    tr: Tr,
    viewer: Viewer,
    target: CounterpartTarget,
    typed: CounterpartInput,
    problems: Vec<FieldError>,
) -> AppResult<Response> {
    let errors = problems.into_iter().map(|(f, k)| (f, tr.t(k))).collect();
    unprocessable(render(&report_page(tr, viewer, target, typed, errors)))
}

/// `POST /counterpart/milestones/{id}/report`: a new report, never an edit; it shows on the
/// commitment's public page.
async fn submit_report(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(id): Path<Uuid>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let target = authorized_target(&state, &user, id).await?;
    let institution = user.institution_id.ok_or(AppError::NotFound)?;
    let typed = typed(&fields);
    let report = match CounterpartReport::parse(&typed) {
        Ok(report) => report,
        Err(problems) => return refused(tr, viewer, target, typed, problems),
    };
    let mut tx = state.db.begin().await?;
    let by = (user.id, user.display_name.as_str());
    let report_id =
        store::implementation::counterpart::insert(&mut tx, id, institution, by, &report).await?;
    let after = serde_json::json!({
        "report_id": report_id,
        "institution_id": institution,
        "completion": report.completion.as_str(),
        "institution_fulfilled": report.institution_fulfilled.as_str(),
        "fulfilment_note": report.fulfilment_note,
        "perceived_change": report.perceived_change,
        "endorses": report.endorses,
        "links": report.links.iter().map(|l| &l.url).collect::<Vec<_>>(),
    });
    let entry = user.audit_entry("counterpart.report", "milestone", id, None, Some(after));
    store::audit::commit(tx, entry).await?;
    let href = format!(
        "/plans/{}/commitments/{}#{}",
        target.plan_slug,
        target.code,
        milestone_anchor(target.position)
    );
    Ok(Done("flash-counterpart-report-sent").redirect(&href))
}
