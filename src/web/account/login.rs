//! Logging in and out.

use crate::web::ui::trail::Trail;
use std::net::IpAddr;
use std::time::Instant;

use askama::Template;
use axum::Form;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use crate::accounts::{DUMMY_HASH, HashError};
use crate::domain::Role;
use crate::domain::policy::work_home;
use crate::i18n::Tr;
use crate::store;
use crate::store::account::users::LoginRecord;
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::flash::Done;
use crate::web::http::locale::same_site_path;
use crate::web::http::routes::Routes;
use crate::web::http::session::{FormToken, Viewer, begin_login, end_login};
use crate::web::http::throttle::{Attempt, client_ip, too_many};
use crate::web::ui::views::render;

pub fn router() -> Routes {
    Routes::new()
        .get("/login", login_page)
        .post("/login", login)
        .post("/logout", logout)
}

#[derive(Template)]
#[template(path = "account/login.html")]
pub struct LoginPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub csrf: String,
    pub email: String,
    pub next: String,
    pub error: String,
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    pub next: Option<String>,
}

/// `GET /login`
async fn login_page(
    tr: Tr,
    viewer: Viewer,
    FormToken(csrf): FormToken,
    Query(q): Query<NextQuery>,
) -> AppResult<Response> {
    let next = same_site_path(q.next.as_deref()).to_owned();
    if viewer.is_logged_in() {
        return Ok(Redirect::to(&next).into_response());
    }
    render(&LoginPage {
        trail: Trail::home(&tr).here(tr.t("login-title")),
        tr,
        path: "/login".into(),
        viewer,
        csrf,
        email: String::new(),
        next,
        error: String::new(),
    })
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: Option<String>,
}

/// The client address of the request, as configured to trust proxies or not.
pub struct ClientIp(pub std::net::IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(parts, state.config.trust_forwarded_for)))
    }
}

/// `POST /login`: checks the password (throttled per address and per account), rotates the
/// session id and goes back to the page asked for.
///
/// The attempt is counted for the address before any password is checked, so concurrent
/// guesses cannot all pass; only a success takes back its own attempt. Every refusal (wrong
/// password, unknown email, locked account) gets the same answer.
async fn login(
    State(state): State<AppState>,
    tr: Tr,
    session: Session,
    ClientIp(ip): ClientIp,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    let next = same_site_path(form.next.as_deref()).to_owned();
    let now = Instant::now();
    let Some(attempt) = state.login_throttle.try_begin(ip, now) else {
        let wait = state.login_throttle.retry_after(&ip, now);
        return Ok(too_many("login-too-many-from-address", wait));
    };
    let email = form.email.trim().to_owned();
    let Some(record) = account_opened(&state, attempt, &email, form.password).await? else {
        return failed(tr, session, email, next).await;
    };
    let role: Role = record
        .role
        .parse()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored role: {e}")))?;
    store::account::users::succeed_login(&state.db, record.id, &record.email).await?;
    begin_login(&session, record.id, role).await?;
    // No page asked for (or only the home page): each person goes to their work.
    let to = if next == "/" { work_home(role) } else { &next };
    Ok(Done("flash-signed-in").redirect(to))
}

/// The active, unlocked account this email and password open; `None` for every refusal
/// alike, each recorded. A success, or a check that could not run (busy), takes back the
/// address's attempt.
async fn account_opened(
    state: &AppState,
    attempt: Attempt<IpAddr>,
    email: &str,
    password: String,
) -> AppResult<Option<LoginRecord>> {
    let record = store::account::users::for_login(&state.db, email).await?;
    if let Some(record) = record.as_ref().filter(|r| is_locked(r)) {
        // No hash for a locked account, but as long as one, so the answer is the same.
        if let Err(busy) = state.hasher.pretend().await {
            state.login_throttle.forgive(attempt);
            return Err(busy.into());
        }
        store::account::users::audit_locked_login(&state.db, record.id, email).await?;
        return Ok(None);
    }
    let Some(password_ok) = password_matches(state, record.as_ref(), password).await else {
        // Nothing was checked: the attempt does not count against the address.
        state.login_throttle.forgive(attempt);
        return Err(AppError::Busy);
    };
    let Some(record) = record.filter(|r| r.active) else {
        store::account::users::audit_failed_login(&state.db, None, email).await?;
        return Ok(None);
    };
    if !password_ok {
        store::account::users::fail_login(&state.db, record.id, email).await?;
        return Ok(None);
    }
    state.login_throttle.forgive(attempt);
    Ok(Some(record))
}

/// An active account locked after too many failures, until its lock ends.
fn is_locked(record: &LoginRecord) -> bool {
    record.active
        && record
            .locked_until
            .is_some_and(|until| until > chrono::Utc::now())
}

/// Whether the password matches the account's hash (an unknown email or an account without
/// a password is checked against a dummy hash, so it takes as long); `None` when hashing is
/// busy and nothing was checked.
async fn password_matches(
    state: &AppState,
    record: Option<&LoginRecord>,
    password: String,
) -> Option<bool> {
    let hash = record
        .and_then(|r| r.password_hash.clone())
        .unwrap_or_else(|| DUMMY_HASH.to_owned());
    match state.hasher.verify(password, hash).await {
        Ok(ok) => Some(ok),
        Err(HashError::Busy) => None,
        Err(HashError::Failed(e)) => {
            tracing::error!(error = %e, "checking a password");
            Some(false)
        }
    }
}

/// The form again with the email kept and a message; 401 so scripts see the failure.
async fn failed(tr: Tr, session: Session, email: String, next: String) -> AppResult<Response> {
    let csrf = crate::web::http::session::csrf_token(&session).await?;
    let mut response = render(&LoginPage {
        trail: Trail::home(&tr).here(tr.t("login-title")),
        tr,
        path: "/login".into(),
        viewer: Viewer::default(),
        csrf,
        email,
        next,
        error: tr.t1(
            "login-refused",
            "minutes",
            store::account::users::LOCK_MINUTES,
        ),
    })?;
    *response.status_mut() = StatusCode::UNAUTHORIZED;
    Ok(response)
}

/// `POST /logout`
async fn logout(
    State(state): State<AppState>,
    viewer: Viewer,
    session: Session,
) -> AppResult<Response> {
    if let Some(user) = &viewer.user {
        store::account::users::record_logout(&state.db, user.id, &user.email).await?;
    }
    end_login(&session).await?;
    Ok(Redirect::to("/").into_response())
}
