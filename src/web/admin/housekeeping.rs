//! Institution housekeeping: merging two records of one institution, splitting a list that
//! was recorded as one name. Administrators of the institution's government only.
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;

use super::directory::{institution_of, operator};
use super::pages::{MergePage, SplitPage};
use crate::domain::directory::split_pieces;
use crate::i18n::Tr;
use crate::store;
use crate::store::admin::directory::InstitutionDetail;
use crate::transfer::ogp::institutions::split_names;
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::flash::Done;
use crate::web::http::forms::{ConstraintField, FieldErrors, constraint_field, unprocessable};
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser};
use crate::web::ui::views::render;

pub fn router() -> Routes {
    Routes::new()
        .get("/admin/institutions/{id}/merge", merge_page)
        .post("/admin/institutions/{id}/merge", merge)
        .get("/admin/institutions/{id}/split", split_page)
        .post("/admin/institutions/{id}/split", split)
}

/// `?into=` or `into=`: the institution that stays.
#[derive(Deserialize, Default)]
pub struct MergeForm {
    #[serde(default)]
    into: String,
}

/// The institution `from` is merged into: another one of the same government.
async fn target_of(
    state: &AppState,
    user: &CurrentUser,
    from: &InstitutionDetail,
    raw: &str,
) -> AppResult<InstitutionDetail> {
    let into = institution_of(state, user, raw.trim())
        .await
        .map_err(|e| match e {
            AppError::NotFound => AppError::BadRequest("admin-error-merge-target"),
            other => other,
        })?;
    if into.id == from.id || into.government_id != from.government_id {
        return Err(AppError::BadRequest("admin-error-merge-target"));
    }
    Ok(into)
}

/// `GET /admin/institutions/{id}/merge?into=`: the other institutions of its government to
/// choose from; with one chosen, what the merge moves and what it cannot undo.
async fn merge_page(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(id): Path<String>,
    Query(form): Query<MergeForm>,
) -> AppResult<Response> {
    let from = institution_of(&state, &user, &id).await?;
    let into = match form.into.trim() {
        "" => None,
        raw => Some(target_of(&state, &user, &from, raw).await?),
    };
    let others = store::admin::directory::institutions_of(&state.db, from.government_id).await?;
    let moves = store::admin::housekeeping::references(&state.db, from.id).await?;
    render(&MergePage::build(
        tr,
        viewer,
        (&from, into.as_ref()),
        &others,
        moves,
    ))
}

/// `POST /admin/institutions/{id}/merge`: everything that names it moves to `into`; its
/// address leads there from now on.
async fn merge(
    State(state): State<AppState>,
    RequireUser(user, _): RequireUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<MergeForm>,
) -> AppResult<Response> {
    let from = institution_of(&state, &user, &id).await?;
    let into = target_of(&state, &user, &from, &form.into).await?;
    let by = operator(&user, &headers);
    store::admin::housekeeping::merge(&state.db, &by, &from, &into).await?;
    Ok(Done("admin-merged").redirect(&format!("/admin/institutions/{}?saved=1", into.id)))
}

/// A name the government already has, among those of a split.
const SPLIT_FIELDS: &[ConstraintField] = &[
    (
        "institutions_government_name_key",
        "names",
        "admin-error-split-exists",
    ),
    (
        "institutions_name_check",
        "names",
        "admin-error-split-too-long",
    ),
];

/// `names=`: one institution per line.
#[derive(Deserialize, Default)]
pub struct SplitForm {
    #[serde(default)]
    names: String,
}

/// `GET /admin/institutions/{id}/split`: the names it holds, one per line as the OGP import
/// would split them, to correct before splitting.
async fn split_page(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let institution = institution_of(&state, &user, &id).await?;
    let moves = store::admin::housekeeping::references(&state.db, institution.id).await?;
    let names = split_names(&institution.name).join("\n");
    let page = SplitPage::build(
        tr,
        viewer,
        &institution,
        moves,
        names,
        FieldErrors::default(),
    );
    render(&page)
}

/// `POST /admin/institutions/{id}/split`: it keeps the first name; each other name becomes
/// an institution that takes part in the same commitments.
async fn split(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<SplitForm>,
) -> AppResult<Response> {
    let institution = institution_of(&state, &user, &id).await?;
    let problem = match split_pieces(&form.names) {
        Ok(names) => {
            let by = operator(&user, &headers);
            match store::admin::housekeeping::split(&state.db, &by, &institution, &names).await {
                Ok(_) => {
                    let back = format!("/admin/institutions/{}?saved=1", institution.id);
                    return Ok(Done("admin-split").redirect(&back));
                }
                Err(e) => constraint_field(e, SPLIT_FIELDS)?,
            }
        }
        Err(key) => ("names", key),
    };
    let error = FieldErrors::of(&tr, [problem]);
    let moves = store::admin::housekeeping::references(&state.db, institution.id).await?;
    let page = SplitPage::build(tr, viewer, &institution, moves, form.names, error);
    unprocessable(render(&page))
}
