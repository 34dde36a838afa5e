//! Co-creation run by the forum: the list of plans (a new one starts as a draft), and each
//! plan's phase and co-creation window.

use crate::web::ui::trail::Trail;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;

use crate::domain::phases::{
    CoCreationWindow, Confirmation, FieldProblem, Gap, Irreversible, PlanInput, check_phase_change,
    check_phase_move, must_confirm, needs_confirmation,
};
use crate::domain::policy::within;
use crate::domain::{Action, HeadlineFigure, PlanPhase};
use crate::i18n::Tr;
use crate::store;
use crate::store::cocreation::plan_cycle::{CyclePlan, NewPlan};
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::flash::Done;
use crate::web::http::forms::{
    ConstraintField, FieldErrors, constraint_field, form_version, unprocessable,
};
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser, Viewer};
use crate::web::ui::confirm::{Subject, confirm_page};
use crate::web::ui::views::{Choice, long_date, maybe_date, moment, render, vocab};
use uuid::Uuid;

pub fn router() -> Routes {
    Routes::new()
        .get("/co-creation", index)
        .post("/co-creation/plans", create_plan)
        .get("/co-creation/plans/{plan}", plan_page)
        .post("/co-creation/plans/{plan}/phase", change_phase)
        .post("/co-creation/plans/{plan}/window", change_window)
        .post("/co-creation/plans/{plan}/headline", choose_headline)
}

/// The plan of the path, for a forum member.
pub async fn plan_for(state: &AppState, user: &CurrentUser, slug: &str) -> AppResult<CyclePlan> {
    user.authorize(Action::RunCoCreation)?;
    let plan = store::cocreation::plan_cycle::by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    user.authorize_within(Action::RunCoCreation, plan.government_id)?;
    Ok(plan)
}

/// One line per gap: `Compromiso 3, hito 2: sin institución responsable`.
pub fn gap_lines(tr: &Tr, gaps: &[Gap]) -> Vec<String> {
    gaps.iter()
        .map(|g| {
            let mut place = Vec::new();
            if !g.code.is_empty() {
                place.push(tr.t1("gap-commitment", "code", &g.code));
            }
            if let Some(p) = g.milestone {
                place.push(tr.t1("gap-milestone", "position", p));
            }
            if place.is_empty() {
                tr.t(g.problem)
            } else {
                format!("{}: {}", place.join(", "), tr.t(g.problem))
            }
        })
        .collect()
}

pub struct PlanLine {
    pub slug: String,
    pub title: String,
    pub government: String,
    pub period: String,
    pub phase: String,
}

#[derive(Default, Deserialize)]
struct PlanForm {
    #[serde(default)]
    government: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    period_start: String,
    #[serde(default)]
    period_end: String,
}

impl PlanForm {
    fn parse(&self) -> Result<NewPlan, Vec<FieldProblem>> {
        let period = (self.period_start.as_str(), self.period_end.as_str());
        PlanInput::parse_with_government(&self.government, &self.title, &self.slug, period)
            .map(|(government_id, input)| NewPlan::new(government_id, input))
    }
}

#[derive(Template)]
#[template(path = "cocreation/index.html")]
pub struct IndexPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plans: Vec<PlanLine>,
    pub governments: Vec<Choice>,
    pub title: String,
    pub slug: String,
    pub period_start: String,
    pub period_end: String,
    pub errors: FieldErrors,
}

async fn index_page(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    form: PlanForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let actor = viewer.user.as_ref().map(CurrentUser::actor);
    let ours = |government: Uuid| actor.is_some_and(|a| within(&a, government).is_allowed());
    let plans = store::cocreation::plan_cycle::all(&state.db)
        .await?
        .into_iter()
        .filter(|p| ours(p.government_id))
        .map(|p| PlanLine {
            period: format!(
                "{} – {}",
                long_date(&tr, p.period_start),
                long_date(&tr, p.period_end)
            ),
            phase: vocab(&tr, "plan-phase", &p.phase),
            slug: p.slug,
            title: p.title,
            government: p.government_name,
        })
        .collect();
    let governments = store::admin::directory::governments(&state.db)
        .await?
        .into_iter()
        .filter(|g| ours(g.id))
        .map(|g| Choice {
            selected: g.id.to_string() == form.government,
            value: g.id.to_string(),
            label: g.name,
        })
        .collect();
    render(&IndexPage {
        trail: Trail::home(&tr).here(tr.t("cocreation-title")),
        tr,
        path: "/co-creation".into(),
        viewer,
        plans,
        governments,
        title: form.title,
        slug: form.slug,
        period_start: form.period_start,
        period_end: form.period_end,
        errors,
    })
}

/// `GET /co-creation`: every plan in every phase, and the form for a new one.
async fn index(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
) -> AppResult<Response> {
    user.authorize(Action::RunCoCreation)?;
    index_page(
        &state,
        tr,
        viewer,
        PlanForm::default(),
        FieldErrors::default(),
    )
    .await
}

/// The index again with the plan form as typed and what was wrong (422).
async fn index_refused(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    form: PlanForm,
    problems: impl IntoIterator<Item = FieldProblem>,
) -> AppResult<Response> {
    let errors = FieldErrors::of(&tr, problems);
    unprocessable(index_page(state, tr, viewer, form, errors).await)
}

/// The constraints of a new plan that belong to a field of its form.
const PLAN_FIELDS: &[ConstraintField] = &[
    ("action_plans_slug_key", "slug", "plan-slug-taken"),
    (
        "action_plans_government_id_fkey",
        "government",
        "draft-choice-invalid",
    ),
];

/// `POST /co-creation/plans`: a new plan, in the draft phase.
async fn create_plan(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Form(form): Form<PlanForm>,
) -> AppResult<Response> {
    user.authorize(Action::RunCoCreation)?;
    let new = match form.parse() {
        Ok(new) => new,
        Err(problems) => return index_refused(&state, tr, viewer, form, problems).await,
    };
    user.authorize_within(Action::RunCoCreation, new.government_id)?;
    let mut tx = state.db.begin().await?;
    let id = match store::cocreation::plan_cycle::create(&mut tx, &new).await {
        Ok(id) => id,
        Err(e) => {
            let problem = constraint_field(e, PLAN_FIELDS)?;
            drop(tx);
            return index_refused(&state, tr, viewer, form, [problem]).await;
        }
    };
    let after = serde_json::json!({
        "title": new.title, "slug": new.slug, "government_id": new.government_id,
        "period_start": new.period_start, "period_end": new.period_end, "phase": "draft",
    });
    let entry = user.audit_entry("plan.create", "action_plan", id, None, Some(after));
    store::audit::commit(tx, entry).await?;
    Ok(to_plan(&new.slug))
}

/// Back to the plan's page after a change.
fn to_plan(slug: &str) -> Response {
    Redirect::to(&format!("/co-creation/plans/{slug}")).into_response()
}

pub struct CommitmentLine {
    pub code: String,
    pub title: String,
    pub state: String,
}

#[derive(Template)]
#[template(path = "cocreation/plan.html")]
pub struct PlanPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plan: CyclePlan,
    pub period: String,
    pub phase: String,
    pub window: String,
    pub window_open: bool,
    /// The phase the plan may move to next, with its label.
    pub next: Option<Choice>,
    /// Moving on opens co-creation, so the form asks for the participation window.
    pub next_asks_window: bool,
    /// Moving on closes the plan: not the page's main button, its consequence said beside it.
    pub next_closes: bool,
    /// The participation window may be changed (during co-creation).
    pub window_editable: bool,
    /// Commitments may be drafted in this phase.
    pub drafting_open: bool,
    pub opens: String,
    pub closes: String,
    pub commitments: Vec<CommitmentLine>,
    /// What keeps the plan from implementation (shown during co-creation).
    pub gaps: Vec<String>,
    /// Which figure may lead the plan's public headline, the current choice selected.
    pub headline: Vec<Choice>,
    pub errors: FieldErrors,
}

/// The plan page, with what was typed and what was wrong when a change was refused.
async fn plan_view(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    plan: CyclePlan,
    typed: (String, String),
    errors: FieldErrors,
) -> AppResult<Response> {
    let commitments = store::public::commitments::list_for_plan(&state.db, plan.id).await?;
    let phase = plan.phase();
    // The window form starts from the window as it stands.
    let typed = if typed.0.is_empty() && typed.1.is_empty() {
        let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        (
            day(plan.cocreation_opens.map(|o| o.date_naive())),
            day(plan
                .cocreation_closes
                .and_then(|c| c.date_naive().pred_opt())),
        )
    } else {
        typed
    };
    let gaps = if phase == PlanPhase::CoCreation {
        let mut conn = state.db.acquire().await?;
        store::cocreation::plan_cycle::gaps(&mut conn, &plan).await?
    } else {
        Vec::new()
    };
    let next_phase = PlanPhase::ALL
        .iter()
        .find(|to| check_phase_change(phase, **to).is_ok());
    let next = next_phase.map(|to| Choice {
        value: to.as_str().into(),
        label: tr.t(&format!("phase-move-{}", to.as_str().replace('_', "-"))),
        selected: true,
    });
    let window = match (plan.cocreation_opens, plan.cocreation_closes) {
        (Some(o), Some(c)) => format!(
            "{} – {}",
            moment(&tr, o),
            maybe_date(&tr, c.date_naive().pred_opt())
        ),
        _ => tr.t("window-not-set"),
    };
    render(&PlanPage {
        trail: plan_trail(&tr, &plan),
        period: format!(
            "{} – {}",
            long_date(&tr, plan.period_start),
            long_date(&tr, plan.period_end)
        ),
        phase: tr.t(phase.label_key()),
        window_open: plan.window_is_open(Utc::now()),
        window,
        next,
        next_asks_window: next_phase == Some(&PlanPhase::CoCreation),
        next_closes: next_phase == Some(&PlanPhase::Closed),
        window_editable: phase == PlanPhase::CoCreation,
        drafting_open: crate::domain::drafting::drafting_open(phase),
        opens: typed.0,
        closes: typed.1,
        commitments: commitments
            .into_iter()
            .map(|c| CommitmentLine {
                state: vocab(&tr, "commitment-state", &c.state),
                code: c.code,
                title: c.title,
            })
            .collect(),
        gaps: gap_lines(&tr, &gaps),
        headline: HeadlineFigure::ALL
            .iter()
            .map(|h| Choice {
                value: h.as_str().into(),
                label: tr.t(h.label_key()),
                selected: *h == plan.headline,
            })
            .collect(),
        errors,
        path: format!("/co-creation/plans/{}", plan.slug),
        plan,
        tr,
        viewer,
    })
}

/// `GET /co-creation/plans/{plan}`: phase, window, commitments and what is still missing.
async fn plan_page(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let plan = plan_for(&state, &user, &slug).await?;
    plan_view(
        &state,
        tr,
        viewer,
        plan,
        Default::default(),
        FieldErrors::default(),
    )
    .await
}

/// The plan page again with the window as typed and what was wrong (422).
async fn plan_refused(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    plan: CyclePlan,
    typed: (String, String),
    problems: Vec<FieldProblem>,
) -> AppResult<Response> {
    let errors = FieldErrors::of(&tr, problems);
    unprocessable(plan_view(state, tr, viewer, plan, typed, errors).await)
}

/// The plan a form was read from: it may change only if it is still at that version.
fn at_version(plan: &CyclePlan, version: i32) -> AppResult<()> {
    if version == plan.version {
        Ok(())
    } else {
        Err(AppError::Conflict("plan-version-stale"))
    }
}

/// The plan, locked until the transaction ends, as it was when the form was read.
async fn locked_at_version(
    tx: &mut sqlx::PgConnection,
    (user, slug): (&CurrentUser, &str),
    version: i32,
) -> AppResult<CyclePlan> {
    let plan = store::cocreation::plan_cycle::by_slug(&mut *tx, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    user.authorize_within(Action::RunCoCreation, plan.government_id)?;
    store::cocreation::plan_cycle::lock(tx, plan.id).await?;
    at_version(&plan, version)?;
    Ok(plan)
}

#[derive(Deserialize)]
struct PhaseForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    phase: String,
    #[serde(default)]
    opens: String,
    #[serde(default)]
    closes: String,
    /// `yes` once the confirmation page was shown (closing the plan).
    #[serde(default)]
    confirm: String,
}

impl PhaseForm {
    /// The phase asked for.
    fn phase(&self) -> AppResult<PlanPhase> {
        self.phase
            .parse()
            .map_err(|_| AppError::BadRequest("phase-unknown"))
    }
}

/// `POST /co-creation/plans/{plan}/phase`: one step forward, from the version the form
/// showed; opening co-creation sets the window, implementation needs a complete plan.
async fn change_phase(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
    Form(form): Form<PhaseForm>,
) -> AppResult<Response> {
    user.authorize(Action::RunCoCreation)?;
    let version = form_version(&form.version)?;
    let to = form.phase()?;
    let mut tx = state.db.begin().await?;
    let plan = locked_at_version(&mut tx, (&user, &slug), version).await?;
    let window = match phase_move(&mut tx, &plan, to, &form).await? {
        Ok(window) => window,
        Err(problems) => {
            let typed = (form.opens, form.closes);
            return plan_refused(&state, tr, viewer, plan, typed, problems).await;
        }
    };
    let confirmed = Confirmation::parse(&form.confirm);
    if let Some(step) = must_confirm(needs_confirmation(plan.phase(), to), confirmed) {
        drop(tx);
        return confirm_phase(tr, viewer, &plan, step, &form);
    }
    if !store::cocreation::plan_cycle::change_phase(&mut tx, plan.id, version, to, window).await? {
        return Err(AppError::Conflict("plan-version-stale"));
    }
    store::audit::commit(tx, phase_entry(&user, &plan, to, window)).await?;
    Ok(to_plan(&slug))
}

/// Whether the plan may move to `to` with the window the form gives (implementation asks
/// for a complete plan): the window it will have, or the problems.
async fn phase_move(
    tx: &mut sqlx::PgConnection,
    plan: &CyclePlan,
    to: PlanPhase,
    form: &PhaseForm,
) -> AppResult<Result<Option<CoCreationWindow>, Vec<FieldProblem>>> {
    let gaps = match to {
        PlanPhase::Implementation => store::cocreation::plan_cycle::gaps(tx, plan).await?,
        _ => Vec::new(),
    };
    Ok(check_phase_move(
        plan.phase(),
        to,
        (&form.opens, &form.closes),
        &gaps,
    ))
}

/// The page that asks again before the plan closes; it repeats the phase form.
fn confirm_phase(
    tr: Tr,
    viewer: Viewer,
    plan: &CyclePlan,
    step: Irreversible,
    form: &PhaseForm,
) -> AppResult<Response> {
    let today = long_date(&tr, Utc::now().date_naive());
    let subject = Subject {
        name: &plan.title,
        date: &today,
        from: plan_trail(&tr, plan),
    };
    let action = format!("/co-creation/plans/{}/phase", plan.slug);
    let back = format!("/co-creation/plans/{}", plan.slug);
    let hidden = vec![
        ("version", form.version.clone()),
        ("phase", form.phase.clone()),
        ("opens", form.opens.clone()),
        ("closes", form.closes.clone()),
    ];
    confirm_page(tr, viewer, step, subject, (&action, &back), hidden)
}

#[derive(Deserialize)]
struct HeadlineForm {
    #[serde(default)]
    headline_figure: String,
}

/// `POST /co-creation/plans/{plan}/headline`: the forum chooses which figure leads the
/// plan's public headline and decides its health.
async fn choose_headline(
    State(state): State<AppState>,
    RequireUser(user, _): RequireUser,
    Path(slug): Path<String>,
    Form(form): Form<HeadlineForm>,
) -> AppResult<Response> {
    user.authorize(Action::ChooseHeadlineFigure)?;
    let chosen: HeadlineFigure = form
        .headline_figure
        .parse()
        .map_err(|_| AppError::BadRequest("headline-figure-unknown"))?;
    let mut tx = state.db.begin().await?;
    let plan = store::cocreation::plan_cycle::by_slug(&mut *tx, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    user.authorize_within(Action::ChooseHeadlineFigure, plan.government_id)?;
    let before =
        store::cocreation::plan_cycle::set_headline_figure(&mut tx, plan.id, chosen).await?;
    let change = |h: HeadlineFigure| Some(serde_json::json!({ "headline_figure": h.as_str() }));
    let entry = user.audit_entry(
        "plan.headline",
        "action_plan",
        plan.id,
        change(before),
        change(chosen),
    );
    store::audit::commit(tx, entry).await?;
    Ok(Done("flash-headline-saved").redirect(&format!("/co-creation/plans/{slug}")))
}

/// The audit entry of a phase change.
fn phase_entry(
    user: &CurrentUser,
    plan: &CyclePlan,
    to: PlanPhase,
    window: Option<CoCreationWindow>,
) -> store::audit::NewAuditEntry {
    let before = serde_json::json!({ "phase": plan.phase, "version": plan.version });
    let after = serde_json::json!({
        "phase": to.as_str(), "version": plan.version + 1,
        "cocreation_opens": window.map(|w| w.opens), "cocreation_closes": window.map(|w| w.closes),
    });
    user.audit_entry(
        "plan.phase",
        "action_plan",
        plan.id,
        Some(before),
        Some(after),
    )
}

#[derive(Deserialize)]
struct WindowForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    opens: String,
    #[serde(default)]
    closes: String,
}

/// `POST /co-creation/plans/{plan}/window`: during co-creation the forum may extend,
/// shorten or move the window.
async fn change_window(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
    Form(form): Form<WindowForm>,
) -> AppResult<Response> {
    let version = form_version(&form.version)?;
    let plan = plan_for(&state, &user, &slug).await?;
    at_version(&plan, version)?;
    if plan.phase() != PlanPhase::CoCreation {
        return Err(AppError::Conflict("window-only-in-cocreation"));
    }
    let window = match CoCreationWindow::parse(&form.opens, &form.closes) {
        Ok(w) => w,
        Err(problems) => {
            let typed = (form.opens, form.closes);
            return plan_refused(&state, tr, viewer, plan, typed, problems).await;
        }
    };
    let mut tx = state.db.begin().await?;
    if !store::cocreation::plan_cycle::set_window(&mut tx, plan.id, version, window).await? {
        return Err(AppError::Conflict("plan-version-stale"));
    }
    store::audit::commit(tx, window_entry(&user, &plan, window)).await?;
    Ok(to_plan(&slug))
}

/// The audit entry of a change of the co-creation window.
fn window_entry(
    user: &CurrentUser,
    plan: &CyclePlan,
    window: CoCreationWindow,
) -> store::audit::NewAuditEntry {
    let before = serde_json::json!({
        "cocreation_opens": plan.cocreation_opens, "cocreation_closes": plan.cocreation_closes,
    });
    let after =
        serde_json::json!({ "cocreation_opens": window.opens, "cocreation_closes": window.closes });
    user.audit_entry(
        "plan.window",
        "action_plan",
        plan.id,
        Some(before),
        Some(after),
    )
}

/// Home › Co-creación › the plan.
fn plan_trail(tr: &Tr, plan: &CyclePlan) -> Trail {
    Trail::area(tr, "cocreation-title", "/co-creation").here(plan.title.clone())
}
