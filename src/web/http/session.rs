//! Who is asking: the session, the logged-in user and the page's CSRF token.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use uuid::Uuid;

use crate::domain::policy::{within, within_record};
use crate::domain::{Action, Actor, Decision, Role, decide};
use crate::store;
use crate::web::AppState;
use crate::web::http::error::AppError;

/// Where the session keeps its [`Login`] (the session store reads the user id from it).
pub use crate::store::account::sessions::AUTH_KEY;
pub const CSRF_KEY: &str = "csrf";

/// Officials, forum members and administrators are logged out after this much inactivity.
pub const STAFF_IDLE: Duration = Duration::minutes(30);
/// Participants are logged out after this much inactivity.
pub const PARTICIPANT_IDLE: Duration = Duration::hours(12);
/// Nobody stays logged in longer than this.
pub const ABSOLUTE_LIFETIME: Duration = Duration::hours(12);
/// `last_seen` is written back at most this often (each write is a database round trip).
const TOUCH_EVERY: Duration = Duration::seconds(60);

/// `__Host-` binds the cookie to this exact host over HTTPS (no Domain, Path=/, Secure).
pub fn cookie_name(config: &crate::config::Config) -> &'static str {
    if config.is_https() {
        "__Host-abierto"
    } else {
        "abierto"
    }
}

/// What the session remembers about a login.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct Login {
    pub user_id: Uuid,
    pub at: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
}

pub fn idle_limit(role: Role) -> Duration {
    match role {
        Role::Participant => PARTICIPANT_IDLE,
        Role::Official | Role::Counterpart | Role::Nucleo | Role::Admin => STAFF_IDLE,
    }
}

/// Whether a login is still valid at `now` for a person with `role`.
pub fn login_is_current(login: &Login, role: Role, now: DateTime<Utc>) -> bool {
    now - login.at <= ABSOLUTE_LIFETIME && now - login.last_seen <= idle_limit(role)
}

/// The logged-in person, loaded fresh from the database on every request so that a role
/// change or a deactivation takes effect at once.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub institution_id: Option<Uuid>,
    pub institution_name: Option<String>,
    /// The government whose plans this person acts on (see [`crate::domain::policy::within`]).
    pub government_id: Option<Uuid>,
    pub locale: String,
}

impl CurrentUser {
    fn from_row(row: store::account::users::SessionUser) -> Option<Self> {
        Some(Self {
            role: row.role,
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            institution_id: row.institution_id,
            institution_name: row.institution_name,
            government_id: row.government_id,
            locale: row.locale,
        })
    }

    pub fn actor(&self) -> Actor {
        Actor {
            role: self.role,
            institution_id: self.institution_id,
            government_id: self.government_id,
        }
    }

    /// An audit entry for something this person did (the request id is added on record).
    pub fn audit_entry(
        &self,
        action: &'static str,
        entity: &'static str,
        entity_id: impl ToString,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
    ) -> store::audit::NewAuditEntry {
        store::audit::NewAuditEntry {
            actor_id: Some(self.id),
            actor_label: self.email.clone(),
            action,
            entity,
            entity_id: Some(entity_id.to_string()),
            before,
            after,
            request_id: None,
        }
    }

    /// Asks the policy; a refusal becomes the matching error page.
    pub fn authorize(&self, action: Action) -> Result<(), AppError> {
        refusal(decide(Some(&self.actor()), action))
    }

    /// The same for a record that may belong to no government (an account): a government's
    /// administrator acts only on their government's.
    pub fn authorize_record(
        &self,
        action: Action,
        government: Option<Uuid>,
    ) -> Result<(), AppError> {
        self.authorize(action)?;
        refusal(within_record(&self.actor(), government))
    }

    /// Asks the policy for an action on a plan of `government`: the role's rule, then the
    /// government's scope (a forum of one government acts on no other's plans).
    pub fn authorize_within(&self, action: Action, government: Uuid) -> Result<(), AppError> {
        self.authorize(action)?;
        refusal(within(&self.actor(), government))
    }
}

/// The visitor, logged in or not, and the CSRF token of their session (if any).
#[derive(Clone, Debug, Default)]
pub struct Viewer {
    pub user: Option<CurrentUser>,
    pub csrf: String,
    /// The confirmation of the write that led here (a message key), shown once.
    pub flash: Option<String>,
}

impl Viewer {
    pub fn is_logged_in(&self) -> bool {
        self.user.is_some()
    }

    pub fn name(&self) -> &str {
        self.user.as_ref().map_or("", |u| u.display_name.as_str())
    }

    pub fn role_key(&self) -> &'static str {
        self.user.as_ref().map_or("", |u| u.role.label_key())
    }

    /// Whether the policy allows this visitor the action: what templates ask before showing a
    /// link or a form (the handler behind it asks again).
    pub fn may(&self, action: Action) -> bool {
        let actor = self.user.as_ref().map(CurrentUser::actor);
        decide(actor.as_ref(), action).is_allowed()
    }

    /// The forum's co-creation pages.
    pub fn may_run_cocreation(&self) -> bool {
        self.may(Action::RunCoCreation)
    }

    /// The forum's monitoring pages: reviews, the dashboard, reports.
    pub fn may_review(&self) -> bool {
        self.may(Action::ReviewProgress)
    }

    /// Recording assessments of a commitment.
    pub fn may_monitor(&self) -> bool {
        self.may(Action::Monitor)
    }

    /// An institution's implementation dashboard.
    pub fn may_report(&self) -> bool {
        self.may(Action::ViewImplementationDashboard)
    }

    /// The civil-society counterpart's dashboard.
    pub fn may_report_as_counterpart(&self) -> bool {
        self.may(Action::ViewCounterpartDashboard)
    }

    pub fn may_administer(&self) -> bool {
        self.may(Action::Administer)
    }

    /// Inviting anyone at all (which roles, the invitation form asks the policy).
    pub fn may_invite(&self) -> bool {
        Role::ALL
            .iter()
            .any(|&role| self.may(Action::Invite { role }))
    }

    /// Signing off a frozen report; the seat in the report's forum is checked on submission.
    pub fn may_sign_off(&self) -> bool {
        self.may(Action::SignOffReport { holds_seat: true })
    }
}

fn session_of(parts: &Parts) -> Option<Session> {
    parts.extensions.get::<Session>().cloned()
}

/// Loads the user of the session, ending the login when it is no longer valid.
async fn load_user(state: &AppState, session: &Session) -> Result<Option<CurrentUser>, AppError> {
    let login: Option<Login> = session.get(AUTH_KEY).await.map_err(session_error)?;
    let Some(mut login) = login else {
        return Ok(None);
    };
    let found = store::account::users::session_user(&state.db, login.user_id).await?;
    let Some(user) = found.and_then(CurrentUser::from_row) else {
        session.flush().await.map_err(session_error)?;
        return Ok(None);
    };
    let now = Utc::now();
    if !login_is_current(&login, user.role, now) {
        session.flush().await.map_err(session_error)?;
        return Ok(None);
    }
    if now - login.last_seen >= TOUCH_EVERY {
        login.last_seen = now;
        session
            .insert(AUTH_KEY, login)
            .await
            .map_err(session_error)?;
    }
    Ok(Some(user))
}

/// The session store failing because the database is unreachable is a 503, like any page.
pub fn session_error(e: tower_sessions::session::Error) -> AppError {
    use tower_sessions::session::Error as SessionError;
    use tower_sessions::session_store::Error as StoreError;
    match e {
        SessionError::Store(StoreError::Backend(message))
            if message.starts_with(store::account::sessions::UNAVAILABLE) =>
        {
            AppError::Unavailable(sqlx::Error::Io(std::io::Error::other(message)))
        }
        other => AppError::Internal(anyhow::anyhow!("session: {other}")),
    }
}

/// Starts a login: a new session id (no fixation), the user, a fresh CSRF token.
pub async fn begin_login(session: &Session, user_id: Uuid, role: Role) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_error)?;
    let now = Utc::now();
    session
        .insert(
            AUTH_KEY,
            Login {
                user_id,
                at: now,
                last_seen: now,
            },
        )
        .await
        .map_err(session_error)?;
    session
        .insert(CSRF_KEY, new_token())
        .await
        .map_err(session_error)?;
    let idle = idle_limit(role);
    session.set_expiry(Some(tower_sessions::Expiry::OnInactivity(
        time::Duration::seconds(idle.num_seconds()),
    )));
    Ok(())
}

pub async fn end_login(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(session_error)
}

pub use crate::accounts::new_token;

/// The session's CSRF token, created on first use (a page with a form for an anonymous
/// visitor, such as the login page, starts a session).
pub async fn csrf_token(session: &Session) -> Result<String, AppError> {
    if let Some(token) = session
        .get::<String>(CSRF_KEY)
        .await
        .map_err(session_error)?
    {
        return Ok(token);
    }
    let token = new_token();
    session
        .insert(CSRF_KEY, token.clone())
        .await
        .map_err(session_error)?;
    Ok(token)
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(session) = session_of(parts) else {
            return Ok(Viewer::default());
        };
        let user = load_user(state, &session).await?;
        if user.is_some() {
            crate::web::http::page_cache::Personal::mark(&parts.extensions);
        }
        let (csrf, flash) = match user {
            Some(_) => (
                csrf_token(&session).await?,
                crate::web::http::flash::take(&session).await,
            ),
            None => (String::new(), None),
        };
        Ok(Viewer { user, csrf, flash })
    }
}

/// A page that needs a form token even for anonymous visitors (login, password reset).
pub struct FormToken(pub String);

impl FromRequestParts<AppState> for FormToken {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        let session = session_of(parts)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no session layer")))?;
        Ok(FormToken(csrf_token(&session).await?))
    }
}

/// A handler argument that requires a login; anonymous visitors are sent to the login page
/// and brought back afterwards.
pub struct RequireUser(pub CurrentUser, pub Viewer);

impl FromRequestParts<AppState> for RequireUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let viewer = Viewer::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match viewer.user.clone() {
            Some(user) => Ok(RequireUser(user, viewer)),
            None if parts.method == axum::http::Method::GET => {
                let next = parts
                    .uri
                    .path_and_query()
                    .map(|p| p.as_str())
                    .unwrap_or("/");
                let target = format!("/login?next={}", urlencode(next));
                Err(Redirect::to(&target).into_response())
            }
            None => Err(AppError::Unauthorized.into_response()),
        }
    }
}

/// Percent-encodes a path for use as a query value.
pub fn urlencode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A decision as the handler's result: a refusal becomes the matching error page.
fn refusal(decision: Decision) -> Result<(), AppError> {
    match decision {
        Decision::Allow => Ok(()),
        Decision::LogIn => Err(AppError::Unauthorized),
        Decision::Refuse { needed, reason_key } => Err(AppError::Forbidden { needed, reason_key }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn login(minutes_since_login: i64, minutes_idle: i64) -> (Login, DateTime<Utc>) {
        let now = Utc::now();
        (
            Login {
                user_id: Uuid::now_v7(),
                at: now - Duration::minutes(minutes_since_login),
                last_seen: now - Duration::minutes(minutes_idle),
            },
            now,
        )
    }

    #[test]
    fn staff_are_logged_out_after_thirty_idle_minutes() {
        let (l, now) = login(40, 31);
        for role in [Role::Official, Role::Nucleo, Role::Admin] {
            assert!(!login_is_current(&l, role, now));
        }
        let (l, now) = login(40, 29);
        assert!(login_is_current(&l, Role::Official, now));
    }

    #[test]
    fn participants_may_stay_idle_longer() {
        let (l, now) = login(120, 90);
        assert!(login_is_current(&l, Role::Participant, now));
    }

    #[test]
    fn nobody_stays_logged_in_beyond_twelve_hours() {
        let (l, now) = login(12 * 60 + 1, 1);
        for role in [Role::Participant, Role::Official] {
            assert!(!login_is_current(&l, role, now));
        }
    }

    #[test]
    fn tokens_are_random_hex() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn next_paths_are_percent_encoded() {
        assert_eq!(urlencode("/plans?x=1&y=2"), "/plans%3Fx%3D1%26y%3D2");
    }
}
