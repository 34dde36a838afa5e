//! The account: one's own password and language; invitations; password resets.

use crate::web::ui::trail::Trail;
use std::time::Instant;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use serde::Deserialize;
use tower_sessions::Session;

use crate::accounts::{DUMMY_HASH, HashError};
use crate::domain::invitation::Invitation;
use crate::domain::{Action, NewPassword, Role};
use crate::i18n::{Locale, Tr};
use crate::mail::OutgoingMail;
use crate::store;
use crate::store::account::tokens::{INVITATION, PASSWORD_RESET};
use crate::web::AppState;
use crate::web::account::login::ClientIp;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::flash::Done;
use crate::web::http::forms::{FieldErrors, unprocessable};
use crate::web::http::routes::Routes;
use crate::web::http::session::{
    CurrentUser, FormToken, RequireUser, Viewer, begin_login, session_error,
};
use crate::web::http::throttle::too_many;
use crate::web::ui::views::{Choice, render};

const INVITATION_DAYS: i64 = 14;
const RESET_HOURS: i64 = 2;

pub fn router() -> Routes {
    Routes::new()
        .get("/account", account_page)
        .post("/account/password", change_password)
        .post("/account/language", change_language)
        .get("/invitations/new", invitation_form)
        .post("/invitations", invite)
        .get("/invitations/{token}", accept_form)
        .post("/invitations/{token}", accept)
        .get("/password-reset", reset_request_form)
        .post("/password-reset", request_reset)
        .get("/password-reset/{token}", reset_form)
        .post("/password-reset/{token}", reset)
}

#[derive(Template)]
#[template(path = "account/account.html")]
struct AccountPage {
    tr: Tr,
    path: String,
    trail: Trail,
    viewer: Viewer,
    role: String,
    institution: String,
    notice: String,
    error: String,
    follows: Vec<store::public::follows::Followed>,
}

async fn account_view(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    notice: String,
    error: String,
) -> AppResult<AccountPage> {
    let user = viewer.user.clone();
    let follows = match &user {
        Some(u) => store::public::follows::for_user(&state.db, u.id).await?,
        None => Vec::new(),
    };
    Ok(AccountPage {
        trail: Trail::home(&tr).here(tr.t("nav-account")),
        role: user
            .as_ref()
            .map(|u| tr.t(u.role.label_key()))
            .unwrap_or_default(),
        institution: user.and_then(|u| u.institution_name).unwrap_or_default(),
        tr,
        path: "/account".into(),
        viewer,
        notice,
        error,
        follows,
    })
}

/// `GET /account`
async fn account_page(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
) -> AppResult<Response> {
    user.authorize(Action::ManageOwnAccount)?;
    render(&account_view(&state, tr, viewer, String::new(), String::new()).await?)
}

#[derive(Deserialize)]
struct PasswordChange {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
}

/// `POST /account/password`: the current password, then a new one meeting the policy. The
/// account's other sessions end (this one goes on under a new id), and reset links sent
/// before are void.
async fn change_password(
    State(state): State<AppState>,
    tr: Tr,
    session: Session,
    RequireUser(user, viewer): RequireUser,
    Form(form): Form<PasswordChange>,
) -> AppResult<Response> {
    user.authorize(Action::ManageOwnAccount)?;
    if !is_current_password(&state, &user, form.current).await? {
        return account_refused(&state, tr, viewer, "account-current-wrong").await;
    }
    let new = match NewPassword::parse(&form.new, &user.email, &user.display_name) {
        Ok(p) => p,
        Err(problem) => return account_refused(&state, tr, viewer, problem.message_key()).await,
    };
    let hash = state.hasher.hash(new.expose().to_owned()).await?;
    replace_password(&state, &user, &hash).await?;
    // This session's row went with the others: a new id writes it anew at the end of the
    // request, with the login it holds.
    session.cycle_id().await.map_err(session_error)?;
    let notice = tr.t("account-password-changed-others-ended");
    render(&account_view(&state, tr, viewer, notice, String::new()).await?)
}

/// Whether this is the account's password (a missing hash is checked as long as any).
async fn is_current_password(
    state: &AppState,
    user: &CurrentUser,
    password: String,
) -> AppResult<bool> {
    let stored = store::account::users::password_hash(&state.db, user.id)
        .await?
        .unwrap_or_else(|| DUMMY_HASH.to_owned());
    match state.hasher.verify(password, stored).await {
        Ok(ok) => Ok(ok),
        Err(HashError::Busy) => Err(AppError::Busy),
        Err(HashError::Failed(_)) => Ok(false),
    }
}

/// The account page again with why the password was not changed (422).
async fn account_refused(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    key: &str,
) -> AppResult<Response> {
    let error = tr.t(key);
    unprocessable(render(
        &account_view(state, tr, viewer, String::new(), error).await?,
    ))
}

/// The new password, with the account's reset links voided and its sessions ended.
async fn replace_password(state: &AppState, user: &CurrentUser, hash: &str) -> AppResult<()> {
    let mut tx = state.db.begin().await?;
    store::account::users::set_password(&mut tx, user.id, hash).await?;
    store::account::tokens::void_all(&mut tx, user.id).await?;
    store::account::sessions::end_all_of_user(&mut tx, user.id).await?;
    let entry = store::account::users::account_entry(
        "user.password_change",
        Some((user.id, &user.email)),
        user.id,
        None,
    );
    store::audit::commit(tx, entry).await?;
    Ok(())
}

#[derive(Deserialize)]
struct LanguageChange {
    locale: String,
}

/// `POST /account/language`: remembered for the account and for this browser.
async fn change_language(
    State(state): State<AppState>,
    RequireUser(user, _): RequireUser,
    Form(form): Form<LanguageChange>,
) -> AppResult<Response> {
    user.authorize(Action::ManageOwnAccount)?;
    let locale = Locale::parse(&form.locale).ok_or(AppError::BadRequest("error-bad-request"))?;
    let mut tx = state.db.begin().await?;
    store::account::users::set_locale(&mut tx, user.id, locale.code()).await?;
    let after = serde_json::json!({ "locale": locale.code() });
    let entry = store::account::users::account_entry(
        "user.locale",
        Some((user.id, &user.email)),
        user.id,
        Some(after),
    );
    store::audit::commit(tx, entry).await?;
    Ok(Redirect::to(&format!("/lang/{}?next=/account", locale.code())).into_response())
}

/// Roles a person may invite, per the policy.
fn invitable_roles(user: &CurrentUser) -> Vec<Role> {
    Role::ALL
        .iter()
        .copied()
        .filter(|role| user.authorize(Action::Invite { role: *role }).is_ok())
        .collect()
}

#[derive(Template)]
#[template(path = "account/invite.html")]
struct InvitePage {
    tr: Tr,
    path: String,
    trail: Trail,
    viewer: Viewer,
    roles: Vec<Choice>,
    institutions: Vec<Choice>,
    email: String,
    name: String,
    errors: FieldErrors,
    /// Said once an invitation went out.
    sent: String,
    link: String,
}

#[derive(Deserialize, Default)]
struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    institution: String,
}

async fn invite_page(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    form: &InviteForm,
    errors: FieldErrors,
) -> AppResult<InvitePage> {
    let user = viewer.user.clone().ok_or(AppError::Unauthorized)?;
    let institutions =
        store::account::users::institution_choices(&state.db, user.government_id).await?;
    Ok(InvitePage {
        trail: Trail::area(&tr, "nav-account", "/account").here(tr.t("invite-title")),
        roles: invitable_roles(&user)
            .into_iter()
            .map(|r| Choice {
                value: r.as_str().into(),
                label: tr.t(r.label_key()),
                selected: form.role == r.as_str(),
            })
            .collect(),
        institutions: institutions
            .into_iter()
            .map(|(id, name)| Choice {
                selected: form.institution == id.to_string(),
                value: id.to_string(),
                label: name,
            })
            .collect(),
        email: form.email.clone(),
        name: form.name.clone(),
        errors,
        sent: String::new(),
        link: String::new(),
        tr,
        path: "/invitations/new".into(),
        viewer,
    })
}

/// `GET /invitations/new`: administrators invite anyone; forum members invite officials and
/// forum members.
async fn invitation_form(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
) -> AppResult<Response> {
    if invitable_roles(&user).is_empty() {
        user.authorize(Action::Invite {
            role: Role::Official,
        })?;
    }
    let form = InviteForm::default();
    render(&invite_page(&state, tr, viewer, &form, FieldErrors::default()).await?)
}

/// `POST /invitations`: the account and a single-use link to choose a password, by mail.
async fn invite(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Form(form): Form<InviteForm>,
) -> AppResult<Response> {
    let invitation = Invitation::new(&form.email, &form.name, &form.role, &form.institution);
    user.authorize(Action::Invite {
        role: invitation.role.unwrap_or(Role::Admin),
    })?;
    let taken = invitation.email_is_valid()
        && store::account::users::email_exists(&state.db, &invitation.email).await?;
    let problems = invitation.problems(taken);
    if !problems.is_empty() {
        let errors = FieldErrors::of(&tr, problems);
        let page = invite_page(&state, tr, viewer, &form, errors).await?;
        return unprocessable(render(&page));
    }
    let role = invitation
        .role
        .ok_or(AppError::BadRequest("error-bad-request"))?;
    let token = record_invitation(&state, &user, &invitation, role).await?;
    let link = send_invitation(&state, &tr, &invitation.email, &token).await?;
    invitation_sent(&state, tr, viewer, &invitation.email, link).await
}

/// The invitation form again, empty, saying the invitation went out.
async fn invitation_sent(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    email: &str,
    link: String,
) -> AppResult<Response> {
    let form = InviteForm::default();
    let mut done = invite_page(state, tr, viewer, &form, FieldErrors::default()).await?;
    // Without a mail server the message lands in a folder: show the inviter the link.
    if state.mailer.delivers_to_files() {
        done.link = link;
    }
    done.sent = tr.t1("invite-sent", "email", email);
    render(&done)
}

/// The invited account and its link, with the audit entry; returns the link's token.
async fn record_invitation(
    state: &AppState,
    user: &CurrentUser,
    invitation: &Invitation,
    role: Role,
) -> AppResult<String> {
    let (email, institution) = (&invitation.email, invitation.institution_id);
    let mut tx = state.db.begin().await?;
    if let Some(institution) = institution {
        // An inviter acts for their own government's institutions only.
        let government = store::account::users::institution_government(&mut tx, institution)
            .await?
            .ok_or(AppError::BadRequest("draft-choice-invalid"))?;
        user.authorize_within(Action::Invite { role }, government)?;
    }
    let scope = (institution, user.government_id);
    let invited =
        store::account::users::invite(&mut tx, email, &invitation.name, role, scope).await?;
    let days = Duration::days(INVITATION_DAYS);
    let token =
        store::account::tokens::issue(&mut tx, invited, INVITATION, Some(user.id), days).await?;
    let after =
        serde_json::json!({ "email": email, "role": role.as_str(), "institution_id": institution });
    let entry = store::account::users::account_entry(
        "user.invite",
        Some((user.id, &user.email)),
        invited,
        Some(after),
    );
    store::audit::commit(tx, entry).await?;
    Ok(token)
}

/// Mails the invitation's link; returns it.
async fn send_invitation(state: &AppState, tr: &Tr, email: &str, token: &str) -> AppResult<String> {
    let link = state.config.public_link(&format!("/invitations/{token}"));
    state
        .mailer
        .send(OutgoingMail {
            to: email.to_owned(),
            subject: tr.t("invite-mail-subject"),
            body_text: tr.t1("invite-mail-body", "link", &link),
        })
        .await?;
    Ok(link)
}

#[derive(Template)]
#[template(path = "account/set_password.html")]
struct SetPasswordPage {
    tr: Tr,
    path: String,
    trail: Trail,
    viewer: Viewer,
    csrf: String,
    heading: String,
    action: String,
    error: String,
}

fn set_password_page(
    tr: Tr,
    csrf: String,
    heading_key: &str,
    action: String,
    error: String,
) -> SetPasswordPage {
    SetPasswordPage {
        trail: Trail::home(&tr).here(tr.t(heading_key)),
        heading: tr.t(heading_key),
        path: action.clone(),
        tr,
        viewer: Viewer::default(),
        csrf,
        action,
        error,
    }
}

/// The heading and form action of the page a single-use link opens.
fn link_page(purpose: &str, token: &str) -> (&'static str, String) {
    if purpose == INVITATION {
        ("invitation-title", format!("/invitations/{token}"))
    } else {
        ("reset-title", format!("/password-reset/{token}"))
    }
}

/// The "choose a password" form behind a valid single-use link.
async fn link_form(
    state: &AppState,
    tr: Tr,
    csrf: String,
    token: &str,
    purpose: &'static str,
) -> AppResult<Response> {
    let mut conn = state.db.acquire().await?;
    store::account::tokens::peek(&mut conn, token, purpose)
        .await?
        .ok_or(AppError::Gone("token-invalid"))?;
    let (heading_key, action) = link_page(purpose, token);
    render(&set_password_page(
        tr,
        csrf,
        heading_key,
        action,
        String::new(),
    ))
}

/// `GET /invitations/{token}`: choose a password.
async fn accept_form(
    State(state): State<AppState>,
    tr: Tr,
    FormToken(csrf): FormToken,
    Path(token): Path<String>,
) -> AppResult<Response> {
    link_form(&state, tr, csrf, &token, INVITATION).await
}

#[derive(Deserialize)]
struct NewPasswordForm {
    #[serde(default)]
    password: String,
}

/// Sets a password through a single-use link and logs the person in, ending the account's
/// other sessions and voiding its other links.
async fn set_through_link(
    state: &AppState,
    tr: Tr,
    session: &Session,
    token: &str,
    purpose: &'static str,
    password: &str,
) -> AppResult<Response> {
    let (heading_key, action) = link_page(purpose, token);
    let mut tx = state.db.begin().await?;
    let user_id = store::account::tokens::peek(&mut tx, token, purpose)
        .await?
        .ok_or(AppError::Gone("token-invalid"))?;
    let account = store::account::users::account(&mut tx, user_id)
        .await?
        .ok_or(AppError::Gone("token-invalid"))?;
    let new = match NewPassword::parse(password, &account.email, &account.display_name) {
        Ok(p) => p,
        Err(problem) => {
            let csrf = crate::web::http::session::csrf_token(session).await?;
            let error = tr.t(problem.message_key());
            return unprocessable(render(&set_password_page(
                tr,
                csrf,
                heading_key,
                action,
                error,
            )));
        }
    };
    let hash = state.hasher.hash(new.expose().to_owned()).await?;
    store::account::tokens::redeem(&mut tx, token, purpose)
        .await?
        .ok_or(AppError::Gone("token-invalid"))?;
    // The other links sent to the account, and every session it had, end here.
    store::account::tokens::void_all(&mut tx, user_id).await?;
    store::account::sessions::end_all_of_user(&mut tx, user_id).await?;
    store::account::users::set_password(&mut tx, user_id, &hash).await?;
    let action_name = if purpose == INVITATION {
        "user.accept_invitation"
    } else {
        "user.password_reset"
    };
    let entry = store::account::users::account_entry(
        action_name,
        Some((user_id, &account.email)),
        user_id,
        None,
    );
    store::audit::commit(tx, entry).await?;
    let role: Role = account
        .role
        .parse()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored role: {e}")))?;
    begin_login(session, user_id, role).await?;
    Ok(Done("flash-password-set").redirect("/account"))
}

/// `POST /invitations/{token}`
async fn accept(
    State(state): State<AppState>,
    tr: Tr,
    session: Session,
    Path(token): Path<String>,
    Form(form): Form<NewPasswordForm>,
) -> AppResult<Response> {
    set_through_link(&state, tr, &session, &token, INVITATION, &form.password).await
}

#[derive(Template)]
#[template(path = "account/reset_request.html")]
struct ResetRequestPage {
    tr: Tr,
    path: String,
    trail: Trail,
    viewer: Viewer,
    csrf: String,
    sent: bool,
}

fn reset_request_page(tr: Tr, viewer: Viewer, csrf: String, sent: bool) -> ResetRequestPage {
    ResetRequestPage {
        trail: Trail::home(&tr).here(tr.t("reset-title")),
        tr,
        path: "/password-reset".into(),
        viewer,
        csrf,
        sent,
    }
}

/// `GET /password-reset`
async fn reset_request_form(
    tr: Tr,
    viewer: Viewer,
    FormToken(csrf): FormToken,
) -> AppResult<Response> {
    render(&reset_request_page(tr, viewer, csrf, false))
}

#[derive(Deserialize)]
struct ResetRequest {
    #[serde(default)]
    email: String,
}

/// `POST /password-reset`: the same answer, as fast, whether or not the account exists: the
/// look-up, the link and the mail happen after the answer. Limited per address (429) and per
/// email (silently: no more mail).
async fn request_reset(
    State(state): State<AppState>,
    tr: Tr,
    viewer: Viewer,
    FormToken(csrf): FormToken,
    ClientIp(ip): ClientIp,
    Form(form): Form<ResetRequest>,
) -> AppResult<Response> {
    let email = form.email.trim().to_owned();
    let now = Instant::now();
    let limits = &state.reset_throttle;
    if limits.per_address.try_begin(ip, now).is_none() {
        let wait = limits.per_address.retry_after(&ip, now);
        return Ok(too_many("reset-too-many-from-address", wait));
    }
    // Past the limit for an email the answer stays the same (it tells nothing about the
    // account) but no more mail goes to that inbox.
    if limits
        .per_email
        .try_begin(email.to_lowercase(), now)
        .is_some()
    {
        send_reset_link_later(&state, tr, email);
    } else {
        tracing::warn!("password reset: limit for one email reached, nothing sent");
    }
    render(&reset_request_page(tr, viewer, csrf, true))
}

/// Sends the reset link after the answer has gone (see [`send_reset_link`]).
fn send_reset_link_later(state: &AppState, tr: Tr, email: String) {
    let background = state.clone();
    tokio::spawn(async move {
        if let Err(e) = send_reset_link(&background, tr, email).await {
            tracing::error!(error = %e, "sending a password reset link");
        }
    });
}

/// A reset link to an active account with this email (nothing for another email).
async fn send_reset_link(state: &AppState, tr: Tr, email: String) -> anyhow::Result<()> {
    let Some(user_id) = store::account::users::active_id_by_email(&state.db, &email).await? else {
        return Ok(());
    };
    let mut tx = state.db.begin().await?;
    let token = store::account::tokens::issue(
        &mut tx,
        user_id,
        PASSWORD_RESET,
        None,
        Duration::hours(RESET_HOURS),
    )
    .await?;
    let entry = store::account::users::account_entry("user.reset_requested", None, user_id, None);
    store::audit::commit(tx, entry).await?;
    let link = state
        .config
        .public_link(&format!("/password-reset/{token}"));
    state
        .mailer
        .send(OutgoingMail {
            to: email,
            subject: tr.t("reset-mail-subject"),
            body_text: tr.t1("reset-mail-body", "link", &link),
        })
        .await?;
    Ok(())
}

/// `GET /password-reset/{token}`
async fn reset_form(
    State(state): State<AppState>,
    tr: Tr,
    FormToken(csrf): FormToken,
    Path(token): Path<String>,
) -> AppResult<Response> {
    link_form(&state, tr, csrf, &token, PASSWORD_RESET).await
}

/// `POST /password-reset/{token}`
async fn reset(
    State(state): State<AppState>,
    tr: Tr,
    session: Session,
    Path(token): Path<String>,
    Form(form): Form<NewPasswordForm>,
) -> AppResult<Response> {
    set_through_link(&state, tr, &session, &token, PASSWORD_RESET, &form.password).await
}
