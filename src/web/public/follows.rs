//! Following a commitment: its followers are told when the forum validates or contests one
//! of its progress reports.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::domain::Action;
use crate::store;
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser};

pub fn router() -> Routes {
    Routes::new()
        .post("/plans/{plan}/commitments/{code}/follow", follow)
        .post("/plans/{plan}/commitments/{code}/unfollow", unfollow)
}

#[derive(Deserialize)]
struct FollowForm {
    /// `account` when the button is on the account page, to go back there.
    #[serde(default)]
    back: String,
}

/// `POST /plans/{plan}/commitments/{code}/follow`
async fn follow(
    State(state): State<AppState>,
    RequireUser(user, _): RequireUser,
    Path((plan, code)): Path<(String, String)>,
    Form(form): Form<FollowForm>,
) -> AppResult<Response> {
    set_following(&state, &user, &plan, &code, true).await?;
    Ok(back_to(&form, &plan, &code))
}

/// `POST /plans/{plan}/commitments/{code}/unfollow`
async fn unfollow(
    State(state): State<AppState>,
    RequireUser(user, _): RequireUser,
    Path((plan, code)): Path<(String, String)>,
    Form(form): Form<FollowForm>,
) -> AppResult<Response> {
    set_following(&state, &user, &plan, &code, false).await?;
    Ok(back_to(&form, &plan, &code))
}

fn back_to(form: &FollowForm, plan: &str, code: &str) -> Response {
    let to = if form.back == "account" {
        "/account".to_owned()
    } else {
        format!("/plans/{plan}/commitments/{code}#follow")
    };
    Redirect::to(&to).into_response()
}

/// Follows or unfollows, audited when something changed.
async fn set_following(
    state: &AppState,
    user: &CurrentUser,
    plan: &str,
    code: &str,
    following: bool,
) -> AppResult<()> {
    user.authorize(Action::Follow)?;
    let commitment = store::public::follows::commitment_id(&state.db, plan, code)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    let changed = if following {
        store::public::follows::follow(&mut tx, user.id, commitment).await?
    } else {
        store::public::follows::unfollow(&mut tx, user.id, commitment).await?
    };
    if changed {
        let entry = user.audit_entry(
            if following {
                "commitment.follow"
            } else {
                "commitment.unfollow"
            },
            "follow",
            commitment,
            Some(serde_json::json!({ "following": !following })),
            Some(serde_json::json!({ "following": following })),
        );
        store::audit::record(&mut tx, entry).await?;
    }
    tx.commit().await?;
    Ok(())
}
