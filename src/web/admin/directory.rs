//! The directory: accounts, institutions and governments. Administrators only.
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::pages::LIST_PAGE;
use super::*;
use crate::domain::Action;
use crate::domain::opendata::page_number;
use crate::i18n::Tr;
use crate::store;
use crate::store::admin::directory::{GovernmentRow, InstitutionRow, Operator, Window};
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::forms::{ConstraintField, FieldErrors, constraint_field, unprocessable};
use crate::web::http::middleware::REQUEST_ID;
use crate::web::http::routes::Routes;
use crate::web::http::session::{CurrentUser, RequireUser, Viewer};
use crate::web::ui::pager::PageOf;
use crate::web::ui::views::render;

pub fn router() -> Routes {
    Routes::new()
        .get("/admin", home)
        .get("/admin/users", user_list)
        .get("/admin/users/{id}", user_page)
        .post("/admin/users/{id}", update_user)
        .get("/admin/institutions", institution_list)
        .post("/admin/institutions", create_institution)
        .get("/admin/institutions/{id}", institution_page)
        .post("/admin/institutions/{id}", update_institution)
        .get("/admin/governments", government_list)
        .post("/admin/governments", create_government)
}

/// The administrator behind a write, for the audit log.
pub(super) fn operator(user: &CurrentUser, headers: &HeaderMap) -> Operator {
    Operator {
        id: user.id,
        email: user.email.clone(),
        request_id: headers
            .get(REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    }
}

/// An id in a path; anything else is a page that does not exist.
pub(super) fn parse_id(raw: &str) -> AppResult<Uuid> {
    raw.parse().map_err(|_| AppError::NotFound)
}

/// The directory's constraints that belong to a field of its forms.
const DIRECTORY_FIELDS: &[ConstraintField] = &[
    (
        "institutions_slug_key",
        "name",
        "admin-error-institution-exists",
    ),
    (
        "institutions_government_name_key",
        "name",
        "admin-error-institution-exists",
    ),
    (
        "governments_slug_key",
        "name",
        "admin-error-government-exists",
    ),
    (
        "institutions_government_id_fkey",
        "government",
        "admin-error-choose",
    ),
    (
        "users_institution_id_fkey",
        "institution",
        "admin-error-choose",
    ),
];

/// Back to a page of the directory; the next page says the change was saved.
fn saved_at(path: &str) -> AppResult<Response> {
    Ok(crate::web::http::flash::Done("admin-saved").redirect(&format!("{path}?saved=1")))
}

/// `GET /admin`
async fn home(RequireUser(user, _): RequireUser) -> AppResult<Response> {
    user.authorize(Action::Administer)?;
    Ok(Redirect::to("/admin/users").into_response())
}

/// The longest search words a list takes.
const MAX_WORDS: usize = 200;

/// The query of a directory list: what to look for, a role (accounts only), which page.
#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    page: Option<String>,
}

impl ListQuery {
    /// The search words (none when blank) and the page, or the message of what is wrong.
    fn read(&self) -> AppResult<ListFilter> {
        let words = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
        if words.is_some_and(|q| q.chars().count() > MAX_WORDS) {
            return Err(AppError::BadRequest("error-search-too-long"));
        }
        let page =
            page_number(self.page.as_deref(), LIST_LAST_PAGE).map_err(AppError::BadRequest)?;
        let role = match self.role.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(r) => Some(
                r.parse()
                    .map_err(|_| AppError::BadRequest("admin-filter-invalid"))?,
            ),
        };
        Ok(ListFilter {
            words: words.map(str::to_owned),
            role,
            page,
        })
    }
}

/// `GET /admin/users?q=&role=&page=`: the accounts the administrator looks after, by
/// email, a page at a time.
async fn user_list(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    user.authorize(Action::Administer)?;
    let filter = query.read()?;
    let scope = (filter.role, user.government_id);
    let at = window(filter.page);
    let users =
        store::admin::directory::users(&state.db, scope, filter.words.as_deref(), at).await?;
    render(&UserListPage::build(tr, viewer, users, &filter))
}

/// The rows of a page of a directory list.
fn window(page: u32) -> Window {
    Window {
        limit: i64::from(LIST_PAGE),
        offset: PageOf::offset(page, LIST_PAGE),
    }
}

/// The account of the path.
async fn account_of(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> AppResult<store::admin::directory::UserDetail> {
    let account = store::admin::directory::user(&state.db, parse_id(id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    user.authorize_record(Action::Administer, account.government_id)?;
    Ok(account)
}

/// The institutions an administrator of `scope` may choose: that government's, or every
/// one for a platform administrator (`None`).
async fn institutions_for(state: &AppState, scope: Option<Uuid>) -> AppResult<Vec<InstitutionRow>> {
    Ok(match scope {
        Some(government) => store::admin::directory::institutions_of(&state.db, government).await?,
        None => store::admin::directory::institutions(&state.db).await?,
    })
}

/// The governments an administrator of `scope` may choose: that one, or every one.
async fn governments_for(state: &AppState, scope: Option<Uuid>) -> AppResult<Vec<GovernmentRow>> {
    let mut governments = store::admin::directory::governments(&state.db).await?;
    if let Some(own) = scope {
        governments.retain(|g| g.id == own);
    }
    Ok(governments)
}

/// An institution chosen on a form must be of the administrator's government.
async fn chosen_institution(
    state: &AppState,
    user: &CurrentUser,
    id: Option<Uuid>,
) -> AppResult<()> {
    let Some(id) = id else { return Ok(()) };
    let mut conn = state.db.acquire().await?;
    let government = store::account::users::institution_government(&mut conn, id).await?;
    user.authorize_record(Action::Administer, government)
}

/// `GET /admin/users/{id}`
async fn user_page(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let account = account_of(&state, &user, &id).await?;
    let institutions = institutions_for(&state, user.government_id).await?;
    let form = UserForm::from_account(&account);
    let page = UserPage::build(
        tr,
        viewer,
        account,
        &institutions,
        form,
        FieldErrors::default(),
    );
    render(&page)
}

/// `POST /admin/users/{id}`: role, institution and active flag, with the account rules.
async fn update_user(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<UserForm>,
) -> AppResult<Response> {
    let account = account_of(&state, &user, &id).await?;
    let errors = match form.parse(&tr, account.id == user.id) {
        Ok(change) => {
            chosen_institution(&state, &user, change.institution_id).await?;
            let by = operator(&user, &headers);
            match store::admin::directory::update_user(&state.db, &by, account.id, &change).await {
                Ok(()) => return saved_at(&format!("/admin/users/{}", account.id)),
                Err(e) => FieldErrors::of(&tr, [constraint_field(e, DIRECTORY_FIELDS)?]),
            }
        }
        Err(errors) => errors,
    };
    let institutions = institutions_for(&state, user.government_id).await?;
    let page = UserPage::build(tr, viewer, account, &institutions, form, errors);
    unprocessable(render(&page))
}

/// A page of the institution list with the creation form (empty, or as submitted with its
/// errors).
async fn institutions_page(
    state: &AppState,
    (tr, viewer): (Tr, Viewer),
    filter: &ListFilter,
    form: InstitutionForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let scope = viewer.user.as_ref().and_then(|u| u.government_id);
    let (words, at) = (filter.words.as_deref(), window(filter.page));
    let institutions =
        store::admin::directory::institution_list(&state.db, scope, words, at).await?;
    let governments = governments_for(state, scope).await?;
    let listing = (institutions, filter);
    render(&InstitutionsPage::build(
        tr,
        viewer,
        listing,
        &governments,
        form,
        errors,
    ))
}

/// `GET /admin/institutions?q=&page=`: by name, with what refers to each, a page at a time.
async fn institution_list(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    user.authorize(Action::Administer)?;
    let filter = query.read()?;
    let form = InstitutionForm::default();
    institutions_page(&state, (tr, viewer), &filter, form, FieldErrors::default()).await
}

/// `POST /admin/institutions`: a new institution, its slug derived from its name.
async fn create_institution(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    headers: HeaderMap,
    Form(form): Form<InstitutionForm>,
) -> AppResult<Response> {
    user.authorize(Action::Administer)?;
    let errors = match form.parse_new(&tr) {
        Ok((input, slug)) => {
            user.authorize_within(Action::Administer, input.government_id)?;
            let by = operator(&user, &headers);
            match store::admin::directory::create_institution(&state.db, &by, &input, &slug).await {
                Ok(_) => return saved_at("/admin/institutions"),
                Err(e) => FieldErrors::of(&tr, [constraint_field(e, DIRECTORY_FIELDS)?]),
            }
        }
        Err(errors) => errors,
    };
    let filter = ListFilter::default();
    unprocessable(institutions_page(&state, (tr, viewer), &filter, form, errors).await)
}

/// The institution of the path.
pub(super) async fn institution_of(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> AppResult<store::admin::directory::InstitutionDetail> {
    let institution = store::admin::directory::institution(&state.db, parse_id(id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    user.authorize_within(Action::Administer, institution.government_id)?;
    Ok(institution)
}

/// `GET /admin/institutions/{id}`
async fn institution_page(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let institution = institution_of(&state, &user, &id).await?;
    let governments = governments_for(&state, user.government_id).await?;
    let form = InstitutionForm::from_institution(&institution);
    let page = InstitutionPage::build(
        tr,
        viewer,
        &institution,
        &governments,
        form,
        FieldErrors::default(),
    );
    render(&page)
}

/// `POST /admin/institutions/{id}`: the slug stays, so published links keep working.
async fn update_institution(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<InstitutionForm>,
) -> AppResult<Response> {
    let institution = institution_of(&state, &user, &id).await?;
    let errors = match form.parse(&tr) {
        Ok(input) => {
            user.authorize_within(Action::Administer, input.government_id)?;
            let (by, id) = (operator(&user, &headers), institution.id);
            match store::admin::directory::update_institution(&state.db, &by, id, &input).await {
                Ok(()) => return saved_at(&format!("/admin/institutions/{id}")),
                Err(e) => FieldErrors::of(&tr, [constraint_field(e, DIRECTORY_FIELDS)?]),
            }
        }
        Err(errors) => errors,
    };
    let governments = governments_for(&state, user.government_id).await?;
    let page = InstitutionPage::build(tr, viewer, &institution, &governments, form, errors);
    unprocessable(render(&page))
}

/// The government list with the creation form.
async fn governments_page(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    form: GovernmentForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let governments =
        governments_for(state, viewer.user.as_ref().and_then(|u| u.government_id)).await?;
    render(&GovernmentsPage::build(
        tr,
        viewer,
        &governments,
        form,
        errors,
    ))
}

/// `GET /admin/governments`
async fn government_list(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
) -> AppResult<Response> {
    user.authorize(Action::Administer)?;
    let form = GovernmentForm::default();
    governments_page(&state, tr, viewer, form, FieldErrors::default()).await
}

/// `POST /admin/governments`: a new OGP member, its slug derived from its name.
async fn create_government(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    headers: HeaderMap,
    Form(form): Form<GovernmentForm>,
) -> AppResult<Response> {
    user.authorize(Action::ManageGovernments)?;
    let errors = match form.parse(&tr) {
        Ok((input, slug)) => {
            let by = operator(&user, &headers);
            match store::admin::directory::create_government(&state.db, &by, &input, &slug).await {
                Ok(_) => return saved_at("/admin/governments"),
                Err(e) => FieldErrors::of(&tr, [constraint_field(e, DIRECTORY_FIELDS)?]),
            }
        }
        Err(errors) => errors,
    };
    unprocessable(governments_page(&state, tr, viewer, form, errors).await)
}
