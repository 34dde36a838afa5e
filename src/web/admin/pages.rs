//! View models of the administration pages: complete before rendering.

use crate::web::ui::trail::Trail;
use askama::Template;
use uuid::Uuid;

use super::forms::{GovernmentForm, InstitutionForm, UserForm};
use crate::domain::{GovernmentKind, Role, Sector};
use crate::i18n::Tr;
use crate::store::admin::directory::{
    GovernmentRow, InstitutionDetail, InstitutionListing, InstitutionRow, UserDetail, UserRow,
};
use crate::store::admin::housekeeping::References;
use crate::web::http::forms::FieldErrors;
use crate::web::http::session::Viewer;
use crate::web::ui::pager::{PageOf, Pager};
use crate::web::ui::views::Choice;
use crate::web::ui::views::{moment, vocab};

/// Drop-down options, with the submitted (or stored) value selected.
fn choices(options: impl IntoIterator<Item = (String, String)>, selected: &str) -> Vec<Choice> {
    options
        .into_iter()
        .map(|(value, label)| Choice {
            selected: value == selected,
            value,
            label,
        })
        .collect()
}

fn role_choices(tr: &Tr, selected: &str) -> Vec<Choice> {
    let roles = Role::ALL
        .iter()
        .map(|r| (r.as_str().to_owned(), tr.t(r.label_key())));
    choices(roles, selected)
}

fn institution_label(i: &InstitutionRow) -> String {
    match &i.acronym {
        Some(acronym) => format!("{} ({acronym})", i.name),
        None => i.name.clone(),
    }
}

fn last_login(tr: &Tr, at: Option<chrono::DateTime<chrono::Utc>>) -> String {
    at.map(|at| moment(tr, at))
        .unwrap_or_else(|| tr.t("admin-never"))
}

/// Rows a page of a directory list holds, and the last page anyone may ask for.
pub const LIST_PAGE: u32 = 50;
pub const LIST_LAST_PAGE: u32 = 2_000;

/// What a directory list shows: the accounts or institutions whose words match, of a role
/// (accounts only), which page.
#[derive(Clone, Debug)]
pub struct ListFilter {
    pub words: Option<String>,
    pub role: Option<Role>,
    pub page: u32,
}

impl Default for ListFilter {
    fn default() -> Self {
        Self {
            words: None,
            role: None,
            page: 1,
        }
    }
}

impl ListFilter {
    /// The address of `page` of the list at `path`, with the same words and role.
    fn link(&self, path: &str, page: u32) -> String {
        let mut query = Vec::new();
        if let Some(words) = &self.words {
            query.push(("q", words.clone()));
        }
        if let Some(role) = self.role {
            query.push(("role", role.as_str().to_owned()));
        }
        if page > 1 {
            query.push(("page", page.to_string()));
        }
        match serde_urlencoded::to_string(query).unwrap_or_default() {
            q if q.is_empty() => path.to_owned(),
            q => format!("{path}?{q}"),
        }
    }

    /// The "21–70 de 915" line and the links around, for a page showing `shown` of `total`.
    fn pager(&self, tr: &Tr, path: &str, shown: usize, total: i64) -> Pager {
        let at = PageOf {
            page: self.page,
            per_page: LIST_PAGE,
            shown,
            total,
            last_page: LIST_LAST_PAGE,
        };
        Pager::new(tr, "admin-list-showing", at, |page| self.link(path, page))
    }

    pub fn is_filtered(&self) -> bool {
        self.words.is_some() || self.role.is_some()
    }
}

/// One account in the list.
pub struct UserListRow {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub role: String,
    pub institution: String,
    pub active: String,
    pub last_login: String,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
pub struct UserListPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub section: &'static str,
    pub roles: Vec<Choice>,
    /// The search words as typed.
    pub q: String,
    pub filtered: bool,
    pub total: i64,
    pub rows: Vec<UserListRow>,
    pub pager: Pager,
}

impl UserListPage {
    pub fn build(tr: Tr, viewer: Viewer, users: Vec<UserRow>, filter: &ListFilter) -> Self {
        let total = users.first().map_or(0, |u| u.total);
        let pager = filter.pager(&tr, "/admin/users", users.len(), total);
        let rows = users
            .into_iter()
            .map(|u| UserListRow {
                role: vocab(&tr, "role", &u.role),
                institution: u.institution_name.unwrap_or_default(),
                active: tr.t(if u.active { "yes" } else { "no" }),
                last_login: last_login(&tr, u.last_login_at),
                id: u.id,
                email: u.email,
                name: u.display_name,
            })
            .collect();
        Self {
            trail: Trail::home(&tr).here(tr.t("admin-users")),
            roles: role_choices(&tr, filter.role.map_or("", |r| r.as_str())),
            q: filter.words.clone().unwrap_or_default(),
            filtered: filter.is_filtered(),
            path: filter.link("/admin/users", filter.page),
            total,
            rows,
            pager,
            tr,
            viewer,
            section: "users",
        }
    }
}

#[derive(Template)]
#[template(path = "admin/user.html")]
pub struct UserPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub section: &'static str,
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub last_login: String,
    pub roles: Vec<Choice>,
    pub institutions: Vec<Choice>,
    pub active: bool,
    pub errors: FieldErrors,
}

impl UserPage {
    /// The account's form showing `form` (the stored values, or those just refused).
    pub fn build(
        tr: Tr,
        viewer: Viewer,
        account: UserDetail,
        institutions: &[InstitutionRow],
        form: UserForm,
        errors: FieldErrors,
    ) -> Self {
        let institutions = institutions
            .iter()
            .map(|i| (i.id.to_string(), institution_label(i)));
        Self {
            trail: Trail::area(&tr, "admin-users", "/admin/users").here(account.email.clone()),
            path: format!("/admin/users/{}", account.id),
            roles: role_choices(&tr, &form.role),
            institutions: choices(institutions, form.institution.trim()),
            active: form.is_active(),
            last_login: last_login(&tr, account.last_login_at),
            id: account.id,
            email: account.email,
            name: account.display_name,
            tr,
            viewer,
            section: "users",
            errors,
        }
    }
}

/// The fields of an institution form, ready to show.
pub struct InstitutionFormView {
    pub action: String,
    pub name: String,
    pub acronym: String,
    pub website: String,
    pub sectors: Vec<Choice>,
    pub governments: Vec<Choice>,
    pub errors: FieldErrors,
}

impl InstitutionFormView {
    fn new(
        tr: &Tr,
        action: String,
        governments: &[GovernmentRow],
        form: InstitutionForm,
        errors: FieldErrors,
    ) -> Self {
        let sectors = Sector::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), tr.t(s.label_key())));
        let governments = governments
            .iter()
            .map(|g| (g.id.to_string(), g.name.clone()));
        Self {
            action,
            sectors: choices(sectors, &form.sector),
            governments: choices(governments, &form.government),
            name: form.name,
            acronym: form.acronym,
            website: form.website,
            errors,
        }
    }
}

/// One institution in the list.
pub struct InstitutionListRow {
    pub id: Uuid,
    pub name: String,
    pub acronym: String,
    pub slug: String,
    pub sector: String,
    pub government: String,
    /// Commitments it takes part in, milestones it answers for, its accounts.
    pub commitments: i64,
    pub milestones: i64,
    pub accounts: i64,
}

#[derive(Template)]
#[template(path = "admin/institutions.html")]
pub struct InstitutionsPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub section: &'static str,
    pub q: String,
    pub filtered: bool,
    pub total: i64,
    pub rows: Vec<InstitutionListRow>,
    pub pager: Pager,
    pub form: InstitutionFormView,
}

impl InstitutionsPage {
    pub fn build(
        tr: Tr,
        viewer: Viewer,
        (institutions, filter): (Vec<InstitutionListing>, &ListFilter),
        governments: &[GovernmentRow],
        form: InstitutionForm,
        errors: FieldErrors,
    ) -> Self {
        let total = institutions.first().map_or(0, |i| i.total);
        let action = "/admin/institutions";
        let pager = filter.pager(&tr, action, institutions.len(), total);
        let rows = institutions
            .into_iter()
            .map(|i| InstitutionListRow {
                sector: vocab(&tr, "sector", &i.sector),
                acronym: i.acronym.unwrap_or_default(),
                id: i.id,
                name: i.name,
                slug: i.slug,
                government: i.government_name,
                commitments: i.commitments,
                milestones: i.milestones,
                accounts: i.accounts,
            })
            .collect();
        Self {
            trail: Trail::home(&tr).here(tr.t("admin-institutions")),
            form: InstitutionFormView::new(&tr, action.to_owned(), governments, form, errors),
            path: filter.link(action, filter.page),
            q: filter.words.clone().unwrap_or_default(),
            filtered: filter.is_filtered(),
            total,
            rows,
            pager,
            tr,
            viewer,
            section: "institutions",
        }
    }
}

#[derive(Template)]
#[template(path = "admin/institution.html")]
pub struct InstitutionPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub section: &'static str,
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub form: InstitutionFormView,
}

impl InstitutionPage {
    pub fn build(
        tr: Tr,
        viewer: Viewer,
        institution: &InstitutionDetail,
        governments: &[GovernmentRow],
        form: InstitutionForm,
        errors: FieldErrors,
    ) -> Self {
        let action = format!("/admin/institutions/{}", institution.id);
        Self {
            trail: Trail::area(&tr, "admin-institutions", "/admin/institutions")
                .here(institution.name.clone()),
            form: InstitutionFormView::new(&tr, action.clone(), governments, form, errors),
            path: action,
            id: institution.id,
            name: institution.name.clone(),
            slug: institution.slug.clone(),
            tr,
            viewer,
            section: "institutions",
        }
    }
}

/// One government in the list.
pub struct GovernmentListRow {
    pub name: String,
    pub kind: String,
    pub country_code: String,
    pub slug: String,
}

#[derive(Template)]
#[template(path = "admin/governments.html")]
pub struct GovernmentsPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub section: &'static str,
    pub rows: Vec<GovernmentListRow>,
    pub name: String,
    pub country_code: String,
    pub kinds: Vec<Choice>,
    pub errors: FieldErrors,
}

impl GovernmentsPage {
    pub fn build(
        tr: Tr,
        viewer: Viewer,
        governments: &[GovernmentRow],
        form: GovernmentForm,
        errors: FieldErrors,
    ) -> Self {
        let rows = governments
            .iter()
            .map(|g| GovernmentListRow {
                name: g.name.clone(),
                kind: vocab(&tr, "government-kind", &g.kind),
                country_code: g.country_code.clone(),
                slug: g.slug.clone(),
            })
            .collect();
        let kinds = GovernmentKind::ALL
            .iter()
            .map(|k| (k.as_str().to_owned(), tr.t(k.label_key())));
        Self {
            trail: Trail::home(&tr).here(tr.t("admin-governments")),
            kinds: choices(kinds, &form.kind),
            name: form.name,
            country_code: form.country_code,
            rows,
            tr,
            path: "/admin/governments".to_owned(),
            viewer,
            section: "governments",
            errors,
        }
    }
}

/// What a merge or split touches, as the page lists it ("3 enlaces a compromisos").
fn reference_lines(tr: &Tr, r: References) -> Vec<String> {
    [
        ("admin-refs-commitment-links", r.commitment_links),
        ("admin-refs-milestones", r.milestones),
        ("admin-refs-accounts", r.accounts),
        ("admin-refs-forum-seats", r.forum_seats),
        ("admin-refs-proposals", r.proposals),
        ("admin-refs-aliases", r.aliases),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(key, n)| tr.tn(key, "count", n))
    .collect()
}

#[derive(Template)]
#[template(path = "admin/merge.html")]
pub struct MergePage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub section: &'static str,
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    /// The other institutions of its government, the chosen one selected.
    pub others: Vec<Choice>,
    /// The institution chosen to stay, and what merging into it does.
    pub into: Option<MergeTarget>,
    pub moves: Vec<String>,
}

/// The chosen institution of a merge and the sentences that say what happens.
pub struct MergeTarget {
    pub id: Uuid,
    pub what: String,
    pub address: String,
    pub name_kept: String,
    pub yes: String,
}

impl MergeTarget {
    fn new(tr: &Tr, from: &InstitutionDetail, into: &InstitutionDetail) -> Self {
        let (name, into_name) = (from.name.as_str(), into.name.as_str());
        Self {
            id: into.id,
            what: tr.t2("admin-merge-what", ("name", name), ("into", into_name)),
            address: tr.t2(
                "admin-merge-address",
                ("old", &from.slug),
                ("new", &into.slug),
            ),
            name_kept: tr.t1("admin-merge-name-kept", "name", name),
            yes: tr.t1("admin-merge-yes", "into", into_name),
        }
    }
}

impl MergePage {
    pub fn build(
        tr: Tr,
        viewer: Viewer,
        (from, into): (&InstitutionDetail, Option<&InstitutionDetail>),
        others: &[InstitutionRow],
        moves: References,
    ) -> Self {
        let chosen = into.map(|i| i.id.to_string()).unwrap_or_default();
        let options = others
            .iter()
            .filter(|i| i.id != from.id)
            .map(|i| (i.id.to_string(), institution_label(i)));
        let path = format!("/admin/institutions/{}/merge", from.id);
        Self {
            trail: Trail::area(&tr, "admin-institutions", "/admin/institutions")
                .here(from.name.clone())
                .below(
                    format!("/admin/institutions/{}", from.id),
                    tr.t("admin-merge"),
                ),
            others: choices(options, &chosen),
            into: into.map(|i| MergeTarget::new(&tr, from, i)),
            moves: reference_lines(&tr, moves),
            id: from.id,
            name: from.name.clone(),
            slug: from.slug.clone(),
            path,
            tr,
            viewer,
            section: "institutions",
        }
    }
}

#[derive(Template)]
#[template(path = "admin/split.html")]
pub struct SplitPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub section: &'static str,
    pub id: Uuid,
    pub name: String,
    /// The names as proposed or as sent, one per line.
    pub names: String,
    pub moves: Vec<String>,
    pub errors: FieldErrors,
}

impl SplitPage {
    pub fn build(
        tr: Tr,
        viewer: Viewer,
        institution: &InstitutionDetail,
        moves: References,
        names: String,
        errors: FieldErrors,
    ) -> Self {
        Self {
            trail: Trail::area(&tr, "admin-institutions", "/admin/institutions")
                .here(institution.name.clone())
                .below(
                    format!("/admin/institutions/{}", institution.id),
                    tr.t("admin-split-title"),
                ),
            path: format!("/admin/institutions/{}/split", institution.id),
            moves: reference_lines(&tr, moves),
            id: institution.id,
            name: institution.name.clone(),
            names,
            errors,
            tr,
            viewer,
            section: "institutions",
        }
    }
}
