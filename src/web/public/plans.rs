//! Reading the public record: the home page, plans, a commitment, the forum, an institution,
//! search. Anyone may read every published plan without an account.
use axum::extract::{OriginalUri, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;

use super::pages::*;
use crate::domain::opendata::{last_page, page_number};
use crate::domain::participation::{Participation, ParticipationFact, add_up};
use crate::domain::plan_list::{PLANS_PAGE, PlanFilter};
use crate::i18n::Tr;
use crate::store;
use crate::store::monitoring::rounds::Round;
use crate::store::public::search::{KINDS, Scope};
use crate::web::AppState;
use crate::web::http::error::{AppError, AppResult};
use crate::web::http::routes::Routes;
use crate::web::http::session::Viewer;
use crate::web::monitoring::report_view::SnapshotView;
use crate::web::public::charts::PlanCharts;
use crate::web::public::pages::ParticipationRow;
use crate::web::ui::indicators::indicator_views;
use crate::web::ui::pager::PageOf;
use crate::web::ui::views::render;

pub fn router() -> Routes {
    Routes::new()
        .get("/", home)
        .get("/plans", plan_list)
        .get("/plans/{plan}", plan_overview)
        .get("/plans/{plan}/commitments/{code}", commitment_detail)
        .get("/plans/{plan}/forum", forum)
        .get("/institutions/{slug}", institution)
        .get("/governments/{slug}", government)
        .get("/search", search)
}

/// The published plan of the path.
async fn published_plan(state: &AppState, slug: &str) -> AppResult<store::public::plans::Plan> {
    store::public::plans::by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)
}

fn path_of(uri: &OriginalUri) -> String {
    uri.0
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "/".into())
}

/// `GET /`: active plans first, with their overall progress.
async fn home(
    State(state): State<AppState>,
    tr: Tr,
    viewer: Viewer,
    uri: OriginalUri,
) -> AppResult<Response> {
    let plans = store::public::plans::list(&state.db).await?;
    let ids: Vec<_> = plans.iter().map(|p| p.id).collect();
    let facts = store::public::plans::commitment_facts(&state.db, &ids).await?;
    render(&HomePage::build(
        tr,
        path_of(&uri),
        viewer,
        plans,
        &facts,
        Utc::now(),
    ))
}

/// `GET /plans?country=&kind=&phase=&year=&page=`: the published plans, filtered, a page
/// at a time.
async fn plan_list(
    State(state): State<AppState>,
    tr: Tr,
    viewer: Viewer,
    uri: OriginalUri,
    Query(q): Query<PlanListQuery>,
) -> AppResult<Response> {
    let filter = PlanFilter::parse(
        q.country.as_deref(),
        q.kind.as_deref(),
        q.phase.as_deref(),
        q.year.as_deref(),
    )
    .map_err(AppError::BadRequest)?;
    let page = page_number(q.page.as_deref(), u32::MAX).map_err(AppError::BadRequest)?;
    let offset = PageOf::offset(page, PLANS_PAGE);
    let (plans, total) =
        store::public::plans::page(&state.db, &filter, i64::from(PLANS_PAGE), offset).await?;
    let last_page = last_page(total, PLANS_PAGE);
    if page > last_page {
        return Err(AppError::BadRequest("error-bad-page"));
    }
    let ids: Vec<_> = plans.iter().map(|p| p.id).collect();
    let facts = store::public::plans::commitment_facts(&state.db, &ids).await?;
    let choices = store::public::plans::choices(&state.db).await?;
    let plans_shown = plans.len();
    let mut view = PlansPage::build(tr, path_of(&uri), viewer, plans, &facts, Utc::now());
    let at = PageOf {
        page,
        per_page: PLANS_PAGE,
        shown: plans_shown,
        total,
        last_page,
    };
    view.listing = PlanListing::new(&view.tr, filter, choices, at);
    render(&view)
}

/// The query of `/plans`.
#[derive(Debug, Default, Deserialize)]
pub struct PlanListQuery {
    pub country: Option<String>,
    pub kind: Option<String>,
    pub phase: Option<String>,
    pub year: Option<String>,
    pub page: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct PlanFilters {
    pub institution: Option<String>,
    pub value: Option<String>,
    pub health: Option<String>,
}

/// `GET /plans/{plan}`: each commitment with progress, health and lead institution.
async fn plan_overview(
    State(state): State<AppState>,
    tr: Tr,
    viewer: Viewer,
    uri: OriginalUri,
    Path(slug): Path<String>,
    Query(filters): Query<PlanFilters>,
) -> AppResult<Response> {
    let plan = published_plan(&state, &slug).await?;
    let commitments = store::public::commitments::list_for_plan(&state.db, plan.id).await?;
    let facts = store::public::plans::commitment_facts(&state.db, &[plan.id]).await?;
    let reports = store::monitoring::reports::snapshots(&state.db, plan.id).await?;
    let histories = store::public::plans::commitment_histories(&state.db, plan.id).await?;
    let period = (plan.period_start, plan.period_end);
    let now = Utc::now();
    let taking_part = store::public::plans::participation_facts(&state.db, plan.id, now).await?;
    let rounds = store::monitoring::rounds::list(&state.db, plan.id).await?;
    let page = PlanPage::build(
        tr,
        path_of(&uri),
        viewer,
        plan,
        commitments,
        &facts,
        filters,
        now,
    )
    .with_reports(&slug, reports)
    .with_charts(&histories, period, now)
    .with_participation(&taking_part, &rounds);
    render(&page)
}

impl PlanPage {
    /// Participation per reporting round, then for the whole plan; nothing when no report
    /// gave any figure.
    fn with_participation(mut self, facts: &[ParticipationFact], rounds: &[Round]) -> Self {
        if facts.is_empty() {
            return self;
        }
        let tr = &self.tr;
        let row = |label: String, p: Participation| ParticipationRow {
            label,
            reports: p.reports,
            people: p.people,
            activities: p.activities,
            sectors: p
                .sectors
                .iter()
                .map(|s| tr.t(s.label_key()))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let mut rows: Vec<ParticipationRow> = rounds
            .iter()
            .map(|r| {
                let window = r.input();
                row(r.label.clone(), add_up(facts, |d| window.holds(d)))
            })
            .filter(|r| r.reports > 0)
            .collect();
        rows.push(row(
            tr.t("participation-whole-plan"),
            add_up(facts, |_| true),
        ));
        self.participation = rows;
        self
    }

    /// The plan's frozen monitoring reports, newest first, as the page lists them.
    fn with_reports(
        mut self,
        slug: &str,
        reports: Vec<store::monitoring::reports::SnapshotItem>,
    ) -> Self {
        self.reports = reports
            .into_iter()
            .map(|s| SnapshotView::new(&self.tr, slug, s))
            .collect();
        self
    }

    /// Progress over time and commitments by health, from every report of the plan.
    fn with_charts(
        mut self,
        histories: &[crate::domain::CommitmentFacts],
        period: (chrono::NaiveDate, chrono::NaiveDate),
        now: chrono::DateTime<Utc>,
    ) -> Self {
        self.charts = Some(PlanCharts::build(
            &self.tr,
            histories,
            period,
            &self.health_counts,
            now,
        ));
        self
    }
}

/// `?history=all` lists every report on a commitment page, not only the newest.
#[derive(Debug, Default, Deserialize)]
pub struct HistoryShown {
    pub history: Option<String>,
}

/// `GET /plans/{plan}/commitments/{code}`: the template fields, milestones and history.
async fn commitment_detail(
    State(state): State<AppState>,
    tr: Tr,
    viewer: Viewer,
    uri: OriginalUri,
    Path((slug, code)): Path<(String, String)>,
    Query(shown): Query<HistoryShown>,
) -> AppResult<Response> {
    let path = path_of(&uri);
    let mut page = commitment_page(&state, tr, viewer, path, (&slug, &code)).await?;
    page.shorten_history(shown.history.as_deref() == Some("all"));
    render(&page)
}

/// A published commitment's page, as of now, for this visitor.
pub async fn commitment_page(
    state: &AppState,
    tr: Tr,
    viewer: Viewer,
    path: String,
    (slug, code): (&str, &str),
) -> AppResult<CommitmentPage> {
    let plan = published_plan(state, slug).await?;
    let commitment = store::public::commitments::by_code(&state.db, plan.id, code)
        .await?
        .ok_or(AppError::NotFound)?;
    let visitor = viewer.user.as_ref().map(|u| u.id);
    let record = store::public::commitments::record(&state.db, commitment.id, visitor).await?;
    let now = Utc::now();
    let scope = store::monitoring::voices::Scope {
        commitment: Some(commitment.id),
        ..store::monitoring::voices::Scope::now()
    };
    let voices = store::monitoring::voices::latest(&state.db, scope).await?;
    let ids = [commitment.id];
    let rounds = store::monitoring::round_assessments::of_commitments(&state.db, &ids, None, now);
    let rounds = rounds.await?;
    let counterparts =
        store::implementation::counterpart::history_for_commitment(&state.db, commitment.id);
    let counterparts = counterparts.await?;
    let versions = store::versions::of_commitment(&state.db, commitment.id).await?;
    let commitment_id = commitment.id;
    let mut page = CommitmentPage::build(tr, path, viewer, plan, commitment, record, now);
    page.add_voices(&voices, &counterparts, &rounds);
    page.add_versions(&versions);
    let indicators = store::implementation::indicators::of_commitment(&state.db, commitment_id);
    let indicators = indicators.await?;
    let measurements =
        store::implementation::indicators::measurements_of_commitment(&state.db, commitment_id);
    let measurements = measurements.await?;
    page.indicators = indicator_views(&page.tr, &indicators, &measurements);
    Ok(page)
}

/// `GET /plans/{plan}/forum`: the Grupo Núcleo by sector.
async fn forum(
    State(state): State<AppState>,
    tr: Tr,
    viewer: Viewer,
    uri: OriginalUri,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let plan = published_plan(&state, &slug).await?;
    let members = store::cocreation::forum::members(&state.db, plan.id).await?;
    let meetings = store::cocreation::forum::meetings(&state.db, plan.id).await?;
    render(&ForumPage::build(
        tr,
        path_of(&uri),
        viewer,
        plan,
        members,
        meetings,
        Utc::now().date_naive(),
    ))
}

/// `GET /institutions/{slug}`
async fn institution(
    State(state): State<AppState>,
    tr: Tr,
    viewer: Viewer,
    uri: OriginalUri,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let Some(institution) = store::admin::institutions::by_slug(&state.db, &slug).await? else {
        // An institution merged into another: its old address leads to the one it became.
        let current = store::admin::housekeeping::alias_target(&state.db, &slug).await?;
        let current = current.ok_or(AppError::NotFound)?;
        return Ok(Redirect::permanent(&format!("/institutions/{current}")).into_response());
    };
    let involvements = store::admin::institutions::involvements(&state.db, institution.id).await?;
    let milestones =
        store::admin::institutions::responsible_milestones(&state.db, institution.id).await?;
    render(&InstitutionPage::build(
        tr,
        path_of(&uri),
        viewer,
        institution,
        involvements,
        milestones,
        Utc::now(),
    ))
}

/// `GET /governments/{slug}`: an OGP member, its published plans (with their forums) and
/// its institutions.
async fn government(
    State(state): State<AppState>,
    tr: Tr,
    viewer: Viewer,
    uri: OriginalUri,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let government = store::public::plans::government(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let plans = store::public::plans::of_government(&state.db, government.id).await?;
    let ids: Vec<_> = plans.iter().map(|p| p.id).collect();
    let facts = store::public::plans::commitment_facts(&state.db, &ids).await?;
    let institutions = store::admin::directory::institutions_of(&state.db, government.id).await?;
    render(&GovernmentPage::build(
        tr,
        (path_of(&uri), viewer),
        government,
        (plans, &facts),
        institutions,
        Utc::now(),
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    pub q: Option<String>,
    pub plan: Option<String>,
    pub government: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub page: Option<String>,
}

impl SearchQuery {
    /// The plan, government and kind asked for; an unknown spelling is a bad request.
    fn scope(&self) -> AppResult<Scope> {
        let slug = |v: &Option<String>| -> AppResult<Option<String>> {
            match v.as_deref().map(str::trim) {
                None | Some("") => Ok(None),
                Some(v) if crate::domain::slug::is_slug(v) => Ok(Some(v.to_owned())),
                Some(_) => Err(AppError::BadRequest("error-search-filter")),
            }
        };
        let kind = match self.kind.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(k) => Some(
                *KINDS
                    .iter()
                    .find(|known| **known == k)
                    .ok_or(AppError::BadRequest("error-search-filter"))?,
            ),
        };
        Ok(Scope {
            plan: slug(&self.plan)?,
            government: slug(&self.government)?,
            kind,
        })
    }
}

/// Hits per page, and the last page anyone may ask for (bounds the statement's cost).
const SEARCH_PAGE: u32 = 20;
const SEARCH_LAST_PAGE: u32 = 50;
const MAX_QUERY_CHARS: usize = 200;

/// `GET /search?q=`: Spanish full text, accents ignored.
async fn search(
    State(state): State<AppState>,
    tr: Tr,
    viewer: Viewer,
    uri: OriginalUri,
    Query(query): Query<SearchQuery>,
) -> AppResult<Response> {
    let q = query.q.clone().unwrap_or_default().trim().to_owned();
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::BadRequest("error-search-too-long"));
    }
    let scope = query.scope()?;
    let page =
        page_number(query.page.as_deref(), SEARCH_LAST_PAGE).map_err(AppError::BadRequest)?;
    let offset = PageOf::offset(page, SEARCH_PAGE);
    let hits = if q.is_empty() {
        Vec::new()
    } else {
        store::public::search::search(&state.db, &q, &scope, i64::from(SEARCH_PAGE), offset).await?
    };
    let choices = store::public::search::choices(&state.db, scope.plan.as_deref()).await?;
    let filters = SearchFilters::new(&tr, &q, &scope, choices);
    let at = PageOf {
        page,
        per_page: SEARCH_PAGE,
        shown: hits.len(),
        total: hits.first().map_or(0, |h| h.total),
        last_page: SEARCH_LAST_PAGE,
    };
    let view = SearchPage::build(tr, path_of(&uri), viewer, (q, scope, filters), hits, at);
    render(&view)
}
