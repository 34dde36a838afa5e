//! Co-creation run by the forum: the list of plans (a new one starts as a draft), and each
//! plan's phase and co-creation window.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::phases::{
    CoCreationWindow, Gap, PlanInput, check_phase_change, implementation_gaps, window_is_open,
};
use crate::domain::{Action, PlanPhase};
use crate::i18n::Tr;
use crate::store;
use crate::store::cocreation::plan_cycle::{CyclePlan, NewPlan};
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::routes::Routes;
use crate::web::http::session::{RequireUser, Viewer};
use crate::web::ui::views::{Choice, long_date, maybe_date, moment, render, vocab};

pub fn router() -> Routes {
    Routes::new()
        .get("/co-creation", index)
        .post("/co-creation/plans", create_plan)
        .get("/co-creation/plans/{plan}", plan_page)
        .post("/co-creation/plans/{plan}/phase", change_phase)
        .post("/co-creation/plans/{plan}/window", change_window)
}

/// Field errors of a form: (field, translated message).
#[derive(Default)]
pub struct FieldErrors(pub Vec<(String, String)>);

impl FieldErrors {
    pub fn of(
        tr: &Tr,
        problems: impl IntoIterator<Item = (impl Into<String>, &'static str)>,
    ) -> Self {
        Self(
            problems
                .into_iter()
                .map(|(f, k)| (f.into(), tr.t(k)))
                .collect(),
        )
    }

    pub fn get(&self, field: &str) -> String {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.clone())
            .unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A page re-shown with what was wrong.
pub fn unprocessable(mut response: Response) -> Response {
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    response
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

#[derive(Template)]
#[template(path = "cocreation/index.html")]
pub struct IndexPage {
    pub tr: Tr,
    pub path: String,
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
    let plans = store::cocreation::plan_cycle::all(&state.db)
        .await?
        .into_iter()
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
        .map(|g| Choice {
            selected: g.id.to_string() == form.government,
            value: g.id.to_string(),
            label: g.name,
        })
        .collect();
    render(&IndexPage {
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

/// `POST /co-creation/plans`: a new plan, in the draft phase.
async fn create_plan(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Form(form): Form<PlanForm>,
) -> AppResult<Response> {
    user.authorize(Action::RunCoCreation)?;
    let government: Option<Uuid> = form.government.parse().ok();
    let parsed = PlanInput::parse(
        &form.title,
        &form.slug,
        &form.period_start,
        &form.period_end,
    );
    let (Some(government_id), Ok(input)) = (government, parsed.clone()) else {
        let mut problems = parsed.err().unwrap_or_default();
        if government.is_none() {
            problems.insert(0, ("government", "draft-choice-invalid"));
        }
        let errors = FieldErrors::of(&tr, problems);
        return Ok(unprocessable(
            index_page(&state, tr, viewer, form, errors).await?,
        ));
    };
    let new = NewPlan {
        government_id,
        title: input.title,
        slug: input.slug,
        period_start: input.period_start,
        period_end: input.period_end,
    };
    let mut tx = state.db.begin().await?;
    let id = match store::cocreation::plan_cycle::create(&mut tx, &new).await {
        Ok(id) => id,
        Err(e) => {
            let field = match e.as_database_error().and_then(|d| d.constraint()) {
                Some("action_plans_slug_key") => ("slug", "plan-slug-taken"),
                Some("action_plans_government_id_fkey") => ("government", "draft-choice-invalid"),
                _ => return Err(e.into()),
            };
            drop(tx);
            let errors = FieldErrors::of(&tr, [field]);
            return Ok(unprocessable(
                index_page(&state, tr, viewer, form, errors).await?,
            ));
        }
    };
    let after = serde_json::json!({
        "title": new.title, "slug": new.slug, "government_id": government_id,
        "period_start": new.period_start, "period_end": new.period_end, "phase": "draft",
    });
    let entry = user.audit_entry("plan.create", "action_plan", id, None, Some(after));
    store::audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/co-creation/plans/{}", new.slug)).into_response())
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
    /// The participation window may be changed (during co-creation).
    pub window_editable: bool,
    /// Commitments may be drafted in this phase.
    pub drafting_open: bool,
    pub opens: String,
    pub closes: String,
    pub commitments: Vec<CommitmentLine>,
    /// What keeps the plan from implementation (shown during co-creation).
    pub gaps: Vec<String>,
    pub errors: FieldErrors,
}

/// The plan page, with what was typed and what was wrong when a change was refused.
async fn plan_view(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    slug: &str,
    typed: (String, String),
    errors: FieldErrors,
) -> AppResult<Response> {
    let plan = store::cocreation::plan_cycle::by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
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
        let readiness = store::cocreation::plan_cycle::readiness(&mut conn, plan.id).await?;
        implementation_gaps(&readiness, (plan.period_start, plan.period_end))
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
        period: format!(
            "{} – {}",
            long_date(&tr, plan.period_start),
            long_date(&tr, plan.period_end)
        ),
        phase: tr.t(phase.label_key()),
        window_open: window_is_open(
            phase,
            plan.cocreation_opens,
            plan.cocreation_closes,
            Utc::now(),
        ),
        window,
        next,
        next_asks_window: next_phase == Some(&PlanPhase::CoCreation),
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
    user.authorize(Action::RunCoCreation)?;
    plan_view(
        &state,
        tr,
        viewer,
        &slug,
        Default::default(),
        FieldErrors::default(),
    )
    .await
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
    let version: i32 = form
        .version
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest("form-version-invalid"))?;
    let to: PlanPhase = form
        .phase
        .parse()
        .map_err(|_| AppError::BadRequest("phase-unknown"))?;
    let mut tx = state.db.begin().await?;
    let plan = store::cocreation::plan_cycle::by_slug(&mut *tx, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    store::cocreation::plan_cycle::lock(&mut tx, plan.id).await?;
    if version != plan.version {
        return Err(AppError::Conflict("plan-version-stale"));
    }
    let refused = |problems: Vec<(&'static str, &'static str)>| FieldErrors::of(&tr, problems);
    let mut window = None;
    let errors = if let Err(refusal) = check_phase_change(plan.phase(), to) {
        refused(vec![("phase", refusal.message_key())])
    } else if to == PlanPhase::CoCreation {
        match CoCreationWindow::parse(&form.opens, &form.closes) {
            Ok(w) => {
                window = Some(w);
                FieldErrors::default()
            }
            Err(problems) => refused(problems),
        }
    } else if to == PlanPhase::Implementation {
        let readiness = store::cocreation::plan_cycle::readiness(&mut tx, plan.id).await?;
        let gaps = implementation_gaps(&readiness, (plan.period_start, plan.period_end));
        // The page lists the gaps themselves.
        refused(if gaps.is_empty() {
            vec![]
        } else {
            vec![("phase", "phase-refused-gaps")]
        })
    } else {
        FieldErrors::default()
    };
    if !errors.is_empty() {
        drop(tx);
        let page = plan_view(&state, tr, viewer, &slug, (form.opens, form.closes), errors).await?;
        return Ok(unprocessable(page));
    }
    if !store::cocreation::plan_cycle::change_phase(&mut tx, plan.id, version, to, window).await? {
        return Err(AppError::Conflict("plan-version-stale"));
    }
    let before = serde_json::json!({ "phase": plan.phase, "version": plan.version });
    let after = serde_json::json!({
        "phase": to.as_str(), "version": plan.version + 1,
        "cocreation_opens": window.map(|w| w.opens), "cocreation_closes": window.map(|w| w.closes),
    });
    let entry = user.audit_entry(
        "plan.phase",
        "action_plan",
        plan.id,
        Some(before),
        Some(after),
    );
    store::audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/co-creation/plans/{slug}")).into_response())
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
    user.authorize(Action::RunCoCreation)?;
    let version: i32 = form
        .version
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest("form-version-invalid"))?;
    let plan = store::cocreation::plan_cycle::by_slug(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if version != plan.version {
        return Err(AppError::Conflict("plan-version-stale"));
    }
    if plan.phase() != PlanPhase::CoCreation {
        return Err(AppError::Conflict("window-only-in-cocreation"));
    }
    let window = match CoCreationWindow::parse(&form.opens, &form.closes) {
        Ok(w) => w,
        Err(problems) => {
            let errors = FieldErrors::of(&tr, problems);
            let page = plan_view(&state, tr, viewer, &slug, (form.opens, form.closes), errors);
            return Ok(unprocessable(page.await?));
        }
    };
    let mut tx = state.db.begin().await?;
    if !store::cocreation::plan_cycle::set_window(&mut tx, plan.id, version, window).await? {
        return Err(AppError::Conflict("plan-version-stale"));
    }
    let before = serde_json::json!({
        "cocreation_opens": plan.cocreation_opens, "cocreation_closes": plan.cocreation_closes,
    });
    let after =
        serde_json::json!({ "cocreation_opens": window.opens, "cocreation_closes": window.closes });
    let entry = user.audit_entry(
        "plan.window",
        "action_plan",
        plan.id,
        Some(before),
        Some(after),
    );
    store::audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/co-creation/plans/{slug}")).into_response())
}
