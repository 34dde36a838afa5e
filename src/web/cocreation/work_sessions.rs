//! Working sessions (*mesas de trabajo*): the forum records them, anyone reads them.

use crate::web::ui::trail::Trail;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use crate::domain::Action;
use crate::domain::Sector;
use crate::domain::work_session::{MAX_SESSION_LINKS, NewWorkSession, WorkSessionInput};
use crate::i18n::Tr;
use crate::store;
use crate::store::cocreation::proposals::PlanWindow;
use crate::store::cocreation::work_sessions::WorkSession;
use crate::web::AppState;
use crate::web::cocreation::proposals::{forum_plan, plan_of};
use crate::web::http::error::AppResult;
use crate::web::http::forms::{FieldErrors, unprocessable};
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser, Viewer};
use crate::web::ui::views::{Choice, long_date, render, vocab};

pub fn router() -> Routes {
    Routes::new()
        .get("/plans/{plan}/sessions", public_list)
        .get("/co-creation/plans/{plan}/sessions", manage)
        .post("/co-creation/plans/{plan}/sessions", create)
}

pub struct SessionView {
    pub id: Uuid,
    pub date: String,
    pub place: String,
    pub sectors: Vec<String>,
    pub participants: i64,
    pub summary: String,
    pub links: Vec<String>,
}

fn session_views(tr: &Tr, sessions: Vec<WorkSession>) -> Vec<SessionView> {
    sessions
        .into_iter()
        .map(|s| SessionView {
            id: s.id,
            date: long_date(tr, s.held_on),
            place: match (s.online, s.place.is_empty()) {
                (true, true) => tr.t("session-online"),
                (true, false) => format!("{} · {}", s.place, tr.t("session-online")),
                _ => s.place,
            },
            sectors: s.sectors.iter().map(|x| vocab(tr, "sector", x)).collect(),
            participants: i64::from(s.participants),
            summary: s.summary,
            links: s.links,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "cocreation/proposals/sessions.html")]
pub struct SessionsPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plan: PlanWindow,
    pub sessions: Vec<SessionView>,
}

/// `GET /plans/{plan}/sessions`
async fn public_list(
    State(state): State<AppState>,
    tr: Tr,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let plan = plan_of(&state, &slug).await?;
    let sessions = store::cocreation::work_sessions::list(&state.db, plan.id).await?;
    render(&SessionsPage {
        trail: Trail::plan(&tr, &plan.title, &plan.slug).here(tr.t("sessions-title")),
        path: format!("/plans/{}/sessions", plan.slug),
        sessions: session_views(&tr, sessions),
        plan,
        tr,
        viewer,
    })
}

#[derive(Template)]
#[template(path = "cocreation/sessions.html")]
pub struct ManagePage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plan: PlanWindow,
    pub sessions: Vec<SessionView>,
    pub form: WorkSessionInput,
    pub sectors: Vec<Choice>,
    pub errors: FieldErrors,
}

impl ManagePage {
    /// The typed link of slot `i` (the form always offers every slot).
    pub fn link(&self, i: &usize) -> &str {
        self.form.links.get(*i).map_or("", String::as_str)
    }

    pub fn slots(&self) -> Vec<usize> {
        (0..MAX_SESSION_LINKS).collect()
    }
}

async fn manage_page(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    plan: PlanWindow,
    form: WorkSessionInput,
) -> AppResult<ManagePage> {
    let sessions = store::cocreation::work_sessions::list(&state.db, plan.id).await?;
    Ok(ManagePage {
        trail: Trail::cocreation(&tr, &plan.title, &plan.slug).here(tr.t("sessions-manage-title")),
        path: format!("/co-creation/plans/{}/sessions", plan.slug),
        sessions: session_views(&tr, sessions),
        sectors: Sector::ALL
            .iter()
            .map(|s| Choice {
                value: s.as_str().to_owned(),
                label: tr.t(s.label_key()),
                selected: form.sectors.iter().any(|x| x == s.as_str()),
            })
            .collect(),
        errors: FieldErrors::default(),
        form,
        plan,
        tr,
        viewer,
    })
}

/// `GET /co-creation/plans/{plan}/sessions`: the form and the sessions recorded.
async fn manage(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let plan = forum_plan(&state, &user, Action::RunCoCreation, &slug).await?;
    let form = WorkSessionInput {
        participants: "0".into(),
        ..Default::default()
    };
    render(&manage_page(&state, tr, viewer, plan, form).await?)
}

/// Reads the form, whose sectors and links repeat.
fn input_of(fields: Vec<(String, String)>) -> WorkSessionInput {
    let mut input = WorkSessionInput::default();
    for (name, value) in fields {
        match name.as_str() {
            "held_on" => input.held_on = value,
            "place" => input.place = value,
            "online" => input.online = !value.is_empty(),
            "sector" => input.sectors.push(value),
            "participants" => input.participants = value,
            "summary" => input.summary = value,
            "link" if input.links.len() < MAX_SESSION_LINKS => input.links.push(value),
            _ => {}
        }
    }
    input
}

/// `POST /co-creation/plans/{plan}/sessions`
async fn create(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(slug): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let plan = forum_plan(&state, &user, Action::RunCoCreation, &slug).await?;
    let input = input_of(fields);
    let session = match NewWorkSession::parse(&input) {
        Ok(s) => s,
        Err(problems) => {
            let mut page = manage_page(&state, tr, viewer, plan, input).await?;
            page.errors = FieldErrors::of(&tr, problems);
            return unprocessable(render(&page));
        }
    };
    let mut tx = state.db.begin().await?;
    let id = store::cocreation::work_sessions::create(&mut tx, plan.id, user.id, &session).await?;
    store::audit::commit(tx, session_entry(&user, &plan, id, &session)).await?;
    Ok(Redirect::to(&format!("/plans/{}/sessions#session-{id}", plan.slug)).into_response())
}

/// The audit entry of a recorded session.
fn session_entry(
    user: &CurrentUser,
    plan: &PlanWindow,
    id: Uuid,
    session: &NewWorkSession,
) -> store::audit::NewAuditEntry {
    let after = serde_json::json!({
        "plan": plan.slug, "held_on": session.held_on, "participants": session.participants,
        "sectors": session.sectors, "links": session.links,
    });
    user.audit_entry(
        "session.create",
        "cocreation_session",
        id,
        None,
        Some(after),
    )
}
