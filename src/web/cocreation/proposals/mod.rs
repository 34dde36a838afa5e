//! Co-creation for participants: the public list of a plan's proposals with its panel, the
//! proposal page, proposing, supporting and commenting, and the public register of answers.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::Action;
use crate::domain::cells::neutralise;
use crate::domain::phases::window_is_open;
use crate::domain::proposal::{NewProposal, parse_comment};
use crate::i18n::Tr;
use crate::store;
use crate::store::cocreation::proposals::PlanWindow;
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::forms::{FieldErrors, unprocessable};
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser, Viewer};
use crate::web::ui::views::render;

mod pages;

pub use pages::*;

pub fn router() -> Routes {
    Routes::new()
        .get("/plans/{plan}/proposals", list)
        .post("/plans/{plan}/proposals", submit)
        .get("/plans/{plan}/proposals/new", new_form)
        .get("/plans/{plan}/proposals/register", register)
        .get("/plans/{plan}/proposals/register.csv", register_csv)
        .get("/plans/{plan}/proposals/{id}", detail)
        .post("/plans/{plan}/proposals/{id}/support", support)
        .post("/plans/{plan}/proposals/{id}/comments", comment)
}

/// The published plan of the path, or not found.
pub async fn plan_of(state: &AppState, slug: &str) -> AppResult<PlanWindow> {
    store::cocreation::proposals::plan(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)
}

/// The published plan of the path, for a forum member of its government allowed `action`.
pub async fn forum_plan(
    state: &AppState,
    user: &CurrentUser,
    action: Action,
    slug: &str,
) -> AppResult<PlanWindow> {
    user.authorize(action)?;
    let plan = plan_of(state, slug).await?;
    user.authorize_within(action, plan.government_id)?;
    Ok(plan)
}

/// Whether participants may propose and support now.
pub fn is_open(plan: &PlanWindow) -> bool {
    window_is_open(plan.phase, plan.opens, plan.closes, Utc::now())
}

fn comment_action(plan: &PlanWindow) -> Action {
    Action::Comment {
        window_open: is_open(plan),
        phase: plan.phase,
    }
}

/// A malformed id names no proposal.
fn proposal_id(raw: &str) -> AppResult<Uuid> {
    raw.parse().map_err(|_| AppError::NotFound)
}

#[derive(Debug, Default, Deserialize)]
pub struct ListFilters {
    pub state: Option<String>,
    pub theme: Option<String>,
}

impl ListFilters {
    fn state(&self) -> Option<&str> {
        self.state.as_deref().filter(|s| !s.is_empty())
    }

    fn theme(&self) -> Option<&str> {
        self.theme.as_deref().filter(|s| !s.is_empty())
    }
}

/// `GET /plans/{plan}/proposals`: the co-creation panel and the proposals, filtered.
async fn list(
    State(state): State<AppState>,
    tr: Tr,
    viewer: Viewer,
    Path(slug): Path<String>,
    Query(filters): Query<ListFilters>,
) -> AppResult<Response> {
    let plan = plan_of(&state, &slug).await?;
    let lines =
        store::cocreation::proposals::list(&state.db, plan.id, filters.state(), filters.theme())
            .await?;
    let counts = store::cocreation::proposals::counts(&state.db, plan.id).await?;
    let open = is_open(&plan);
    render(&ListPage::build(
        tr, viewer, plan, open, lines, counts, &filters,
    ))
}

/// `GET /plans/{plan}/proposals/new`
async fn new_form(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let plan = plan_of(&state, &slug).await?;
    user.authorize(Action::Propose {
        window_open: is_open(&plan),
    })?;
    let institutions = store::cocreation::proposals::institution_choices(&state.db).await?;
    let form = ProposalForm::default();
    let page = NewProposalPage::build(tr, viewer, plan, institutions, form, FieldErrors::default());
    render(&page)
}

#[derive(Debug, Default, Deserialize)]
pub struct ProposalForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub problem: String,
    #[serde(default)]
    pub proposal: String,
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub institution: String,
}

impl ProposalForm {
    fn parse(&self) -> Result<NewProposal, Vec<(&'static str, &'static str)>> {
        NewProposal::parse(
            &self.title,
            &self.problem,
            &self.proposal,
            &self.theme,
            &self.institution,
        )
    }
}

/// `POST /plans/{plan}/proposals`: a participant's proposal, while the window is open.
async fn submit(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
    Form(form): Form<ProposalForm>,
) -> AppResult<Response> {
    let plan = plan_of(&state, &slug).await?;
    user.authorize(Action::Propose {
        window_open: is_open(&plan),
    })?;
    let new = match form.parse() {
        Ok(p) => p,
        Err(problems) => {
            let institutions = store::cocreation::proposals::institution_choices(&state.db).await?;
            let errors = FieldErrors::of(&tr, problems);
            let page = NewProposalPage::build(tr, viewer, plan, institutions, form, errors);
            return unprocessable(render(&page));
        }
    };
    let mut tx = state.db.begin().await?;
    let id = store::cocreation::proposals::create(&mut tx, plan.id, user.id, &new).await?;
    let after = serde_json::json!({ "plan": plan.slug, "title": new.title, "theme": new.theme });
    let entry = user.audit_entry("proposal.submit", "proposal", id, None, Some(after));
    store::audit::commit(tx, entry).await?;
    Ok(Redirect::to(&format!("/plans/{}/proposals/{id}", plan.slug)).into_response())
}

/// The proposal page, with a comment as typed and its problem (if any).
async fn detail_page(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    plan: PlanWindow,
    id: Uuid,
    typed: (String, Option<String>),
) -> AppResult<Response> {
    let viewer_id = viewer.user.as_ref().map(|u| u.id);
    let proposal = store::cocreation::proposals::by_id(&state.db, plan.id, id, viewer_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let comments = store::cocreation::proposals::comments(&state.db, id).await?;
    let may_comment = viewer
        .user
        .as_ref()
        .is_some_and(|u| u.authorize(comment_action(&plan)).is_ok());
    let open = is_open(&plan);
    render(&ProposalPage::build(
        tr,
        viewer,
        plan,
        proposal,
        comments,
        (open, may_comment),
        typed,
    ))
}

/// `GET /plans/{plan}/proposals/{id}`
async fn detail(
    State(state): State<AppState>,
    tr: Tr,
    viewer: Viewer,
    Path((slug, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let id = proposal_id(&id)?;
    let plan = plan_of(&state, &slug).await?;
    detail_page(&state, tr, viewer, plan, id, (String::new(), None)).await
}

/// The proposal of the path, checked to belong to the plan.
async fn proposal_of(state: &AppState, plan: &PlanWindow, raw: &str) -> AppResult<Uuid> {
    let id = proposal_id(raw)?;
    store::cocreation::proposals::by_id(&state.db, plan.id, id, None)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(id)
}

/// `POST /plans/{plan}/proposals/{id}/support`: adds the user's support or takes it back.
async fn support(
    State(state): State<AppState>,
    RequireUser(user, _): RequireUser,
    Path((slug, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let plan = plan_of(&state, &slug).await?;
    user.authorize(Action::Propose {
        window_open: is_open(&plan),
    })?;
    let id = proposal_of(&state, &plan, &id).await?;
    let mut tx = state.db.begin().await?;
    let supported = store::cocreation::proposals::toggle_support(&mut tx, id, user.id).await?;
    let action = if supported {
        "proposal.support"
    } else {
        "proposal.unsupport"
    };
    store::audit::commit(tx, user.audit_entry(action, "proposal", id, None, None)).await?;
    Ok(Redirect::to(&format!("/plans/{}/proposals/{id}#support", plan.slug)).into_response())
}

#[derive(Debug, Default, Deserialize)]
struct CommentForm {
    #[serde(default)]
    body: String,
}

/// `POST /plans/{plan}/proposals/{id}/comments`
async fn comment(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path((slug, id)): Path<(String, String)>,
    Form(form): Form<CommentForm>,
) -> AppResult<Response> {
    let plan = plan_of(&state, &slug).await?;
    user.authorize(comment_action(&plan))?;
    let id = proposal_of(&state, &plan, &id).await?;
    let body = match parse_comment(&form.body) {
        Ok(body) => body,
        Err((_, key)) => {
            let page = detail_page(&state, tr, viewer, plan, id, (form.body, Some(tr.t(key))));
            return unprocessable(page.await);
        }
    };
    let comment_id = add_comment(&state, &user, id, &body).await?;
    Ok(Redirect::to(&format!(
        "/plans/{}/proposals/{id}#comment-{comment_id}",
        plan.slug
    ))
    .into_response())
}

async fn add_comment(
    state: &AppState,
    user: &CurrentUser,
    proposal: Uuid,
    body: &str,
) -> AppResult<Uuid> {
    let mut tx = state.db.begin().await?;
    let id = store::cocreation::proposals::add_comment(
        &mut tx,
        proposal,
        (user.id, &user.display_name),
        body,
    )
    .await?;
    let after = serde_json::json!({ "proposal_id": proposal, "body": body });
    let entry = user.audit_entry("comment.create", "comment", id, None, Some(after));
    store::audit::commit(tx, entry).await?;
    Ok(id)
}

/// `GET /plans/{plan}/proposals/register`: every input, its answer and what it shaped.
async fn register(
    State(state): State<AppState>,
    tr: Tr,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let plan = plan_of(&state, &slug).await?;
    let lines = store::cocreation::proposals::register(&state.db, plan.id).await?;
    render(&RegisterPage::build(tr, viewer, plan, lines))
}

/// `GET /plans/{plan}/proposals/register.csv`: the register as open data.
async fn register_csv(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let plan = plan_of(&state, &slug).await?;
    let lines = store::cocreation::proposals::register(&state.db, plan.id).await?;
    let body = register_to_csv(&lines)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("register csv: {e}")))?;
    let disposition = format!("attachment; filename=\"{}-proposals.csv\"", plan.slug);
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (CONTENT_DISPOSITION, disposition),
            (CACHE_CONTROL, "no-cache".to_owned()),
        ],
        body,
    )
        .into_response())
}

/// The register's columns; names are stable for re-users of the data.
const CSV_HEADER: [&str; 10] = [
    "id",
    "submitted_at",
    "title",
    "theme",
    "state",
    "response",
    "responded_at",
    "commitment_code",
    "commitment_title",
    "supports",
];

fn register_to_csv(
    lines: &[store::cocreation::proposals::RegisterLine],
) -> anyhow::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(CSV_HEADER)?;
    for l in lines {
        let row = [
            l.id.to_string(),
            l.created_at.to_rfc3339(),
            l.title.clone(),
            l.theme.clone(),
            l.state.clone(),
            l.response.clone().unwrap_or_default(),
            l.responded_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            l.commitment_code.clone().unwrap_or_default(),
            l.commitment_title.clone().unwrap_or_default(),
            l.supports.to_string(),
        ];
        out.write_record(row.iter().map(|cell| neutralise(cell).into_owned()))?;
    }
    Ok(out.into_inner()?)
}
