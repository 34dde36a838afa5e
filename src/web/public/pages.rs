//! View models of the public pages: complete before rendering, so templates only display.

use crate::web::ui::pager::{PageOf, Pager};
use crate::web::ui::trail::Trail;
use std::collections::BTreeMap;

use askama::Template;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::domain::plan_list::PlanFilter;
use crate::domain::progress_report::public_review_note;
use crate::domain::series::{actual_dates, commitment_series};
use crate::domain::{
    CommitmentFacts, CommitmentFigures, CommitmentState, GovernmentKind, HeadlineFigure, Health,
    HealthCounts, MilestoneFacts, OgpValue, PlanPhase, ReviewState, commitment_figures,
    commitment_figures_on,
};
use crate::i18n::Tr;
use crate::store::admin::directory::InstitutionRow;
use crate::store::admin::institutions::{Institution, Involvement, ResponsibleMilestone};
use crate::store::cocreation::forum::Member;
use crate::store::implementation::counterpart::CounterpartReport;
use crate::store::monitoring::round_assessments::RoundAssessment;
use crate::store::monitoring::voices::MilestoneVoices;
use crate::store::public::commitments::{
    Actor, Assessment, Commitment, CommitmentRecord, CommitmentSummary,
};
use crate::store::public::milestones::Update;
use crate::store::public::plans::{CommitmentFactsRow, Government, Plan, PlanChoices};
use crate::store::public::search::{GovernmentChoice, Hit, KINDS, Scope};
use crate::store::public::timeline::Change;
use crate::web::http::session::Viewer;
use crate::web::ui::views::{
    Choice, HeadlineView, HealthView, ProgressView, TwoFigures, long_date, machine_moment,
    maybe_date, moment, vocab,
};
use crate::web::ui::voices::{CounterpartReportView, RoundAssessmentView, VoicesView};

use super::charts::{DatesOf, MilestoneDates, PlanCharts, ProgressChart, declared_in_words};
use super::plans::PlanFilters;

/// A plan as a card on the home and list pages.
pub struct PlanCard {
    pub slug: String,
    pub title: String,
    pub government: String,
    pub period: String,
    pub phase: String,
    pub commitments: usize,
    pub headline: HeadlineView,
    pub is_active: bool,
}

fn plan_card(tr: &Tr, plan: &Plan, facts: &[CommitmentFactsRow], now: DateTime<Utc>) -> PlanCard {
    let states: Vec<(CommitmentState, CommitmentFigures)> = facts
        .iter()
        .filter(|f| f.plan_id == plan.id)
        .map(|f| (f.facts.state, commitment_figures(&f.facts, now)))
        .collect();
    PlanCard {
        slug: plan.slug.clone(),
        title: plan.title.clone(),
        government: plan.government_name.clone(),
        period: period(tr, plan),
        phase: tr.t(plan.phase.label_key()),
        commitments: states.len(),
        headline: HeadlineView::new(tr, TwoFigures::of_plan(&states), plan.headline),
        is_active: matches!(
            plan.phase,
            PlanPhase::CoCreation | PlanPhase::Implementation
        ),
    }
}

fn period(tr: &Tr, plan: &Plan) -> String {
    format!(
        "{} – {}",
        long_date(tr, plan.period_start),
        long_date(tr, plan.period_end)
    )
}

#[derive(Template)]
#[template(path = "public/home.html")]
pub struct HomePage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub active: Vec<PlanCard>,
    pub earlier: Vec<PlanCard>,
}

impl HomePage {
    pub fn build(
        tr: Tr,
        path: String,
        viewer: Viewer,
        plans: Vec<Plan>,
        facts: &[CommitmentFactsRow],
        now: DateTime<Utc>,
    ) -> Self {
        let (active, earlier) = plans
            .iter()
            .map(|p| plan_card(&tr, p, facts, now))
            .partition(|c| c.is_active);
        Self {
            trail: Trail::none(),
            tr,
            path,
            viewer,
            active,
            earlier,
        }
    }
}

/// `/governments/{slug}`: an OGP member's plans, institutions and forums.
#[derive(Template)]
#[template(path = "public/government.html")]
pub struct GovernmentPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub name: String,
    pub kind: String,
    pub country_code: String,
    pub plans: Vec<PlanCard>,
    /// (slug, name, sector) of each institution of the government.
    pub institutions: Vec<(String, String, String)>,
}

impl GovernmentPage {
    pub fn build(
        tr: Tr,
        (path, viewer): (String, Viewer),
        government: Government,
        (plans, facts): (Vec<Plan>, &[CommitmentFactsRow]),
        institutions: Vec<InstitutionRow>,
        now: DateTime<Utc>,
    ) -> Self {
        let plans = plans
            .iter()
            .map(|p| plan_card(&tr, p, facts, now))
            .collect();
        let institutions = institutions
            .into_iter()
            .map(|i| (i.slug, i.name, vocab(&tr, "sector", &i.sector)))
            .collect();
        Self {
            trail: Trail::home(&tr).here(government.name.clone()),
            kind: vocab(&tr, "government-kind", &government.kind),
            name: government.name,
            country_code: government.country_code,
            plans,
            institutions,
            tr,
            path,
            viewer,
        }
    }
}

#[derive(Template)]
#[template(path = "public/plans.html")]
pub struct PlansPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plans: Vec<PlanCard>,
    pub listing: PlanListing,
}

/// The filters and the page of `/plans`: the choices with the chosen one marked, what is
/// shown of how many, and the links to the pages around.
#[derive(Default)]
pub struct PlanListing {
    pub countries: Vec<Choice>,
    pub kinds: Vec<Choice>,
    pub phases: Vec<Choice>,
    pub years: Vec<Choice>,
    pub filtered: bool,
    /// "Planes 21–40 de 206" and the pages around.
    pub pager: Pager,
}

impl PlanListing {
    pub fn new(tr: &Tr, filter: PlanFilter, choices: PlanChoices, at: PageOf) -> Self {
        let choice = |value: String, label: String, chosen: bool| Choice {
            value,
            label,
            selected: chosen,
        };
        let countries = choices
            .countries
            .into_iter()
            .map(|(code, name)| {
                let chosen = filter.country.as_deref() == Some(code.as_str());
                choice(code, name, chosen)
            })
            .collect();
        let kinds = GovernmentKind::ALL
            .iter()
            .map(|k| {
                choice(
                    k.as_str().into(),
                    tr.t(k.label_key()),
                    filter.kind == Some(*k),
                )
            })
            .collect();
        let phases = PlanPhase::ALL
            .iter()
            .filter(|p| p.is_public())
            .map(|p| {
                choice(
                    p.as_str().into(),
                    tr.t(p.label_key()),
                    filter.phase == Some(*p),
                )
            })
            .collect();
        let years = choices
            .years
            .map(|(first, last)| (first..=last).rev().collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .map(|y| choice(y.to_string(), y.to_string(), filter.year == Some(y)))
            .collect();
        let link = |page: u32| {
            let mut query = filter.query();
            query.push(("page", page.to_string()));
            format!(
                "/plans?{}",
                serde_urlencoded::to_string(query).unwrap_or_default()
            )
        };
        let pager = Pager::new(tr, "plans-showing", at, link);
        Self {
            countries,
            kinds,
            phases,
            years,
            filtered: !filter.is_empty(),
            pager,
        }
    }
}

impl PlansPage {
    pub fn build(
        tr: Tr,
        path: String,
        viewer: Viewer,
        plans: Vec<Plan>,
        facts: &[CommitmentFactsRow],
        now: DateTime<Utc>,
    ) -> Self {
        let plans = plans
            .iter()
            .map(|p| plan_card(&tr, p, facts, now))
            .collect();
        Self {
            trail: Trail::home(&tr).here(tr.t("nav-plans")),
            tr,
            path,
            viewer,
            plans,
            listing: PlanListing::default(),
        }
    }
}

pub struct CommitmentRow {
    pub code: String,
    pub ogp_id: String,
    pub title: String,
    pub lead: String,
    pub co_leads: String,
    pub values: Vec<String>,
    pub progress: ProgressView,
    pub health: HealthView,
    pub state: String,
    pub milestones: usize,
    /// For a commitment without milestones, its status as the IRM rated it, or empty.
    pub irm: String,
}

/// A commitment's status as the IRM's latest ratings put it: "IRM: Completo · resultados
/// tempranos: Marginales", or empty when it has neither.
fn irm_status(tr: &Tr, completion: Option<&str>, early: Option<&str>) -> String {
    let completion = completion.map(|v| vocab(tr, "completion", v));
    let early = early.map(|v| vocab(tr, "early-results", v));
    match (completion, early) {
        (Some(c), Some(e)) => tr.t2("irm-status-both", ("completion", &c), ("early", &e)),
        (Some(c), None) => tr.t1("irm-status", "completion", c),
        (None, Some(e)) => tr.t1("irm-status-early", "early", e),
        (None, None) => String::new(),
    }
}

/// How many of the plan's commitments without milestones the IRM rated each way on
/// completion ("5 Completo", "3 Sustancial"), most first.
fn irm_completion_counts(tr: &Tr, commitments: &[&CommitmentSummary]) -> Vec<(usize, String)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in commitments {
        *counts
            .entry(c.irm_completion.as_deref().unwrap_or(""))
            .or_default() += 1;
    }
    let mut lines: Vec<(usize, String)> = counts
        .into_iter()
        .map(|(value, n)| match value {
            "" => (n, tr.t("irm-completion-none")),
            v => (n, vocab(tr, "completion", v)),
        })
        .collect();
    lines.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    lines
}

/// Header facts shared by the plan's pages.
pub struct PlanHeader {
    pub slug: String,
    pub title: String,
    pub ogp_label: String,
    pub government: String,
    pub government_slug: String,
    pub period: String,
    pub phase: String,
    pub summary: String,
    pub is_demo: bool,
    pub sources: Vec<String>,
}

impl PlanHeader {
    fn new(tr: &Tr, plan: &Plan) -> Self {
        Self {
            slug: plan.slug.clone(),
            title: plan.title.clone(),
            ogp_label: plan.ogp_label.clone().unwrap_or_default(),
            government: plan.government_name.clone(),
            government_slug: plan.government_slug.clone(),
            period: period(tr, plan),
            phase: tr.t(plan.phase.label_key()),
            summary: plan.summary.clone(),
            is_demo: plan.is_demo,
            sources: plan.sources.clone(),
        }
    }
}

pub struct HealthCount {
    pub health: HealthView,
    pub count: usize,
}

#[derive(Template)]
#[template(path = "public/plan.html")]
pub struct PlanPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plan: PlanHeader,
    /// Both figures, in the order the forum chose, and which one health is computed from.
    pub headline: HeadlineView,
    /// The "how is this computed" text, for this plan's choice.
    pub how_computed: String,
    pub total: usize,
    pub health_counts: Vec<HealthCount>,
    /// The IRM's completion ratings of the commitments without milestones, counted.
    pub irm_counts: Vec<(usize, String)>,
    pub rows: Vec<CommitmentRow>,
    pub institutions: Vec<Choice>,
    pub values: Vec<Choice>,
    pub healths: Vec<Choice>,
    pub filtered: bool,
    /// The plan's frozen monitoring reports, newest first (set by the handler).
    pub reports: Vec<crate::web::monitoring::report_view::SnapshotView>,
    /// Progress over time and commitments by health (set by the handler).
    pub charts: Option<PlanCharts>,
    /// Participation per reporting round and for the whole plan, last (set by the handler).
    pub participation: Vec<ParticipationRow>,
}

/// People, activities with other actors and sectors the reports of a round (or the plan) name.
pub struct ParticipationRow {
    pub label: String,
    pub reports: usize,
    pub people: i64,
    pub activities: i64,
    pub sectors: String,
}

fn actor_label(a: &Actor) -> String {
    match &a.acronym {
        Some(acronym) => format!("{} ({acronym})", a.name),
        None => a.name.clone(),
    }
}

fn choices(
    options: impl IntoIterator<Item = (String, String)>,
    selected: Option<&str>,
) -> Vec<Choice> {
    options
        .into_iter()
        .map(|(value, label)| Choice {
            selected: selected == Some(value.as_str()),
            value,
            label,
        })
        .collect()
}

impl PlanPage {
    #[expect(
        clippy::too_many_arguments,
        reason = "page context plus one argument per query"
    )]
    pub fn build(
        tr: Tr,
        path: String,
        viewer: Viewer,
        plan: Plan,
        commitments: Vec<CommitmentSummary>,
        facts: &[CommitmentFactsRow],
        filters: PlanFilters,
        now: DateTime<Utc>,
    ) -> Self {
        let empty = CommitmentFacts {
            state: CommitmentState::Draft,
            start: None,
            end: None,
            milestones: Vec::new(),
        };
        // Health is judged on the figure the plan leads with (the validated one for both).
        let basis = plan.headline.health_basis();
        let figures: BTreeMap<Uuid, _> = facts
            .iter()
            .map(|f| {
                (
                    f.commitment_id,
                    (
                        f.facts.state,
                        commitment_figures_on(&f.facts, now, basis),
                        f.facts.milestones.len(),
                    ),
                )
            })
            .collect();
        let overall = TwoFigures::of_plan(
            &figures
                .values()
                .map(|(s, f, _)| (*s, f.clone()))
                .collect::<Vec<_>>(),
        );
        let health_of = |id: &Uuid| {
            figures
                .get(id)
                .map(|(_, f, _)| f.health)
                .unwrap_or_else(|| commitment_figures_on(&empty, now, basis).health)
        };
        let counts = HealthCounts::from_iter(commitments.iter().map(|c| health_of(&c.id)));
        let unmeasured: Vec<&CommitmentSummary> = commitments
            .iter()
            .filter(|c| health_of(&c.id) == Health::Unmeasured)
            .collect();
        let irm_counts = irm_completion_counts(&tr, &unmeasured);

        let mut institutions: BTreeMap<String, String> = BTreeMap::new();
        for a in commitments.iter().flat_map(|c| &c.actors) {
            institutions.insert(a.slug.clone(), actor_label(a));
        }
        let mut by_label: Vec<(String, String)> = institutions.into_iter().collect();
        by_label.sort_by(|a, b| a.1.cmp(&b.1));

        let wanted_health: Option<Health> = filters.health.as_deref().and_then(|h| h.parse().ok());
        let wanted_value: Option<OgpValue> = filters.value.as_deref().and_then(|v| v.parse().ok());
        let wanted_institution = filters.institution.as_deref().filter(|s| !s.is_empty());
        let total = commitments.len();

        let rows = commitments
            .into_iter()
            .filter(|c| wanted_health.is_none_or(|h| health_of(&c.id) == h))
            .filter(|c| wanted_value.is_none_or(|v| c.ogp_values.iter().any(|x| x == v.as_str())))
            .filter(|c| {
                wanted_institution.is_none_or(|slug| c.actors.iter().any(|a| a.slug == slug))
            })
            .map(|c| {
                let (progress, health, milestones) = match figures.get(&c.id) {
                    Some((_, f, n)) => (TwoFigures::of_commitment(f), f.health, *n),
                    None => (TwoFigures::none(), health_of(&c.id), 0),
                };
                let join = |role: &str| {
                    c.actors
                        .iter()
                        .filter(|a| a.role == role)
                        .map(actor_label)
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                let irm = if health == Health::Unmeasured {
                    irm_status(
                        &tr,
                        c.irm_completion.as_deref(),
                        c.irm_early_results.as_deref(),
                    )
                } else {
                    String::new()
                };
                CommitmentRow {
                    irm,
                    lead: join("lead"),
                    co_leads: join("civil_society_co_lead"),
                    values: c
                        .ogp_values
                        .iter()
                        .map(|v| vocab(&tr, "ogp-value", v))
                        .collect(),
                    progress: ProgressView::both(&tr, progress),
                    health: HealthView::new(&tr, health),
                    state: vocab(&tr, "commitment-state", &c.state),
                    ogp_id: c.ogp_id.unwrap_or_default(),
                    code: c.code,
                    title: c.title,
                    milestones,
                }
            })
            .collect::<Vec<_>>();

        Self {
            trail: Trail::home(&tr)
                .up(tr.t("nav-plans"), "/plans")
                .here(plan.title.clone()),
            plan: PlanHeader::new(&tr, &plan),
            headline: HeadlineView::new(&tr, overall, plan.headline),
            how_computed: tr.t(match plan.headline {
                HeadlineFigure::Both => "how-computed-plan-both",
                HeadlineFigure::Validated => "how-computed-plan-validated",
                HeadlineFigure::Reported => "how-computed-plan-reported",
            }),
            health_counts: Health::ALL
                .iter()
                .map(|h| HealthCount {
                    health: HealthView::new(&tr, *h),
                    count: counts.get(*h),
                })
                .filter(|c| c.count > 0)
                .collect(),
            irm_counts,
            filtered: rows.len() != total,
            reports: Vec::new(),
            charts: None,
            participation: Vec::new(),
            total,
            rows,
            institutions: choices(by_label, wanted_institution),
            values: choices(
                OgpValue::ALL
                    .iter()
                    .map(|v| (v.as_str().to_owned(), tr.t(v.label_key()))),
                wanted_value.map(|v| v.as_str()),
            ),
            healths: choices(
                Health::ALL
                    .iter()
                    .map(|h| (h.as_str().to_owned(), tr.t(h.label_key()))),
                wanted_health.map(|h| h.as_str()),
            ),
            tr,
            path,
            viewer,
        }
    }
}

pub struct ActorView {
    pub name: String,
    pub slug: String,
    pub role: String,
    pub sector: String,
}

pub struct UpdateView {
    /// Its place in the commitment's whole history, newest first (0 is the newest).
    pub order: usize,
    pub date: String,
    pub datetime: String,
    pub author: String,
    pub progress: u8,
    pub status: String,
    pub narrative: String,
    pub review: String,
    pub review_class: String,
    pub review_note: String,
    pub is_illustrative: bool,
    pub evidence: Vec<EvidenceView>,
    /// The PAGA fields it has, each as a label and its value in words.
    pub details: Vec<(String, String)>,
}

/// The PAGA fields a report has, in words: sectors by their labels, dates as the page writes
/// them. Reports filed before the form asked them have none.
fn report_details(
    tr: &Tr,
    p: &crate::domain::progress_report::Participation,
) -> Vec<(String, String)> {
    let mut details = Vec::new();
    if let Some(f) = p.counterpart_fulfilled {
        let mut value = tr.t(f.label_key());
        if !p.fulfilment_note.is_empty() {
            value = format!("{value}: {}", p.fulfilment_note);
        }
        details.push((tr.t("report-detail-fulfilled"), value));
    }
    if let Some(n) = p.activities_with_others {
        details.push((tr.t("report-detail-activities"), n.to_string()));
    }
    if let Some(n) = p.participants {
        details.push((tr.t("report-detail-participants"), n.to_string()));
    }
    if !p.sectors.is_empty() {
        let labels: Vec<String> = p.sectors.iter().map(|s| tr.t(s.label_key())).collect();
        details.push((tr.t("report-detail-sectors"), labels.join(", ")));
    }
    if !p.challenges.is_empty() {
        details.push((tr.t("report-detail-challenges"), p.challenges.clone()));
    }
    if !p.next_steps.is_empty() {
        details.push((tr.t("report-detail-next-steps"), p.next_steps.clone()));
    }
    if p.actual_start.is_some() || p.actual_completion.is_some() {
        let value = format!(
            "{} – {}",
            maybe_date(tr, p.actual_start),
            maybe_date(tr, p.actual_completion)
        );
        details.push((tr.t("report-detail-actual"), value));
    }
    details
}

impl UpdateView {
    fn new(tr: &Tr, order: usize, u: &Update) -> Self {
        UpdateView {
            order,
            date: moment(tr, u.reported_at),
            datetime: machine_moment(u.reported_at),
            author: u.author_name.clone(),
            progress: u8::try_from(u.progress).unwrap_or(0),
            status: vocab(tr, "milestone-status", &u.status),
            narrative: u.narrative.clone(),
            review: tr.t(u.review_state.label_key()),
            review_class: format!("review-{}", u.review_state.as_str()),
            review_note: public_review_note(u.review_state, u.review_note.clone())
                .unwrap_or_default(),
            is_illustrative: u.is_illustrative,
            details: report_details(tr, &u.participation),
            evidence: u
                .evidence
                .iter()
                .map(|e| EvidenceView {
                    title: e.title.clone(),
                    url: e
                        .url
                        .clone()
                        .unwrap_or_else(|| format!("/evidence/{}", e.id)),
                    kind: vocab(tr, "evidence-type", &e.evidence_type),
                    date: maybe_date(tr, e.evidence_date),
                    source: e.source.clone(),
                })
                .collect(),
        }
    }
}

/// A commitment's two titles, in the order a reader wants them.
struct Titles {
    title: String,
    lang: &'static str,
    other: String,
    other_lang: &'static str,
}

impl Titles {
    fn for_reader(tr: &Tr, published: &str, english: Option<&str>) -> Self {
        let english = english.map(str::trim).filter(|t| !t.is_empty());
        match (tr.locale, english) {
            (crate::i18n::Locale::En, Some(en)) => Self {
                title: en.to_owned(),
                lang: "en",
                other: published.to_owned(),
                other_lang: "",
            },
            (_, english) => Self {
                title: published.to_owned(),
                lang: "",
                other: english.unwrap_or_default().to_owned(),
                other_lang: "en",
            },
        }
    }
}

/// The id of a milestone's article on its commitment page, which search results link to.
pub fn milestone_anchor(position: i32) -> String {
    format!("milestone-{position}")
}

/// A re-plan or a change of the commitment's state, as the public timeline shows it.
pub struct ChangeView {
    pub date: String,
    pub datetime: String,
    /// The milestone re-planned, or "the commitment".
    pub subject: String,
    /// The decision on a re-plan, or the states before and after.
    pub state: String,
    /// Old and new due dates of a re-plan; empty for a state change.
    pub dates: String,
    pub reason: String,
}

impl ChangeView {
    fn new(tr: &Tr, change: Change) -> Self {
        match change {
            Change::Replan {
                at,
                milestone_title,
                old_due,
                new_due,
                reason,
                state,
            } => ChangeView {
                date: moment(tr, at),
                datetime: machine_moment(at),
                subject: milestone_title,
                state: tr.t(&format!("replan-state-{state}")),
                dates: format!(
                    "{}: {} → {}",
                    tr.t("due"),
                    maybe_date(tr, old_due),
                    maybe_date(tr, new_due)
                ),
                reason,
            },
            Change::State {
                at,
                from,
                to,
                reason,
            } => ChangeView {
                date: moment(tr, at),
                datetime: machine_moment(at),
                subject: tr.t("commitment-state-change"),
                state: match from {
                    Some(from) if from != to => format!(
                        "{} → {}",
                        vocab(tr, "commitment-state", &from),
                        vocab(tr, "commitment-state", &to)
                    ),
                    _ => vocab(tr, "commitment-state", &to),
                },
                dates: String::new(),
                reason: reason.unwrap_or_default(),
            },
        }
    }
}

pub struct EvidenceView {
    pub title: String,
    pub url: String,
    pub kind: String,
    pub date: String,
    pub source: String,
}

pub struct MilestoneView {
    pub position: i32,
    pub title: String,
    pub expected_output: String,
    pub responsible: String,
    pub responsible_slug: String,
    pub weight: i32,
    pub baseline: String,
    pub current: String,
    pub slipped_days: i64,
    pub progress: ProgressView,
    pub health: HealthView,
    pub status: String,
    pub is_illustrative: bool,
    pub contested: bool,
    /// The article's id, which search results link to: `milestone-<position>`.
    pub anchor: String,
    /// Baseline, current and actual dates, drawn and in words.
    pub dates: MilestoneDates,
    /// The start and completion its newest counting report declared, against the plan.
    pub declared: String,
    /// Its newest report, whatever the forum decided on it.
    pub latest: Option<UpdateView>,
    /// Its other reports, newest first (the newest of the whole history when shortened).
    pub earlier: Vec<UpdateView>,
    /// How many other reports it has, shown or not.
    pub earlier_total: usize,
    /// All its reports: the latest and the earlier ones.
    pub report_count: usize,
    /// The institution's and the counterpart's latest word, side by side.
    pub voices: Option<VoicesView>,
    /// Every report of the counterpart on it, newest first.
    pub counterpart_reports: Vec<CounterpartReportView>,
}

pub struct AssessmentView {
    pub period: String,
    pub date: String,
    pub verifiable: String,
    pub relevance: Vec<String>,
    pub potential_impact: String,
    pub completion: String,
    pub early_results: String,
    pub narrative: String,
    pub source: String,
    pub source_label: String,
}

impl AssessmentView {
    /// One assessment as every page shows it (the commitment page and the forum's form).
    pub fn new(tr: &Tr, a: &Assessment) -> Self {
        let yes_no = |b: Option<bool>| match b {
            Some(true) => tr.t("yes"),
            Some(false) => tr.t("no"),
            None => "—".to_owned(),
        };
        let opt_vocab = |family: &str, v: &Option<String>| {
            v.as_deref()
                .map(|v| vocab(tr, family, v))
                .unwrap_or_else(|| "—".into())
        };
        AssessmentView {
            period: a.period_label.clone(),
            date: maybe_date(tr, a.as_of),
            verifiable: yes_no(a.verifiable),
            relevance: a
                .relevance
                .iter()
                .map(|v| vocab(tr, "ogp-value", v))
                .collect(),
            potential_impact: opt_vocab("impact", &a.potential_impact),
            completion: opt_vocab("completion", &a.completion),
            early_results: opt_vocab("early-results", &a.early_results),
            narrative: a.narrative.clone(),
            source: vocab(tr, "assessment-source", &a.source),
            source_label: a.source_label.clone(),
        }
    }
}

pub struct Field {
    pub label: String,
    pub value: String,
}

/// One line of the "how is this computed" panel.
pub struct ComputationLine {
    pub title: String,
    pub weight: i32,
    pub validated: u8,
    pub reported: u8,
    pub counted: bool,
}

#[derive(Template)]
#[template(path = "public/commitment.html")]
pub struct CommitmentPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plan: PlanHeader,
    pub commitment_id: Uuid,
    pub code: String,
    pub ogp_id: String,
    /// The title in the reader's language where the commitment has one (its English title
    /// for an English reader), else as published.
    pub title: String,
    /// `en` when the title shown is the English one (the page marks it), else empty.
    pub title_lang: &'static str,
    /// The other title, shown under the heading: the English one for a Spanish reader, the
    /// published one for an English reader.
    pub other_title: String,
    pub other_lang: &'static str,
    pub state: String,
    pub dates: String,
    pub fields: Vec<Field>,
    pub values: Vec<String>,
    pub policy_areas: Vec<String>,
    pub actors: Vec<ActorView>,
    pub progress: ProgressView,
    pub health: HealthView,
    /// Without milestones to measure: its status as the IRM's latest ratings put it, or empty.
    pub irm: String,
    pub expected: String,
    pub computation: Vec<ComputationLine>,
    /// The commitment's two figures, in words, under the computation table.
    pub computed_validated: u8,
    pub computed_reported: u8,
    pub milestones: Vec<MilestoneView>,
    /// Progress over time: reported, validated and expected.
    pub chart: ProgressChart,
    /// Reports on every milestone; each milestone lists its own.
    pub history_total: usize,
    /// Set when older reports are left out: what the page says about it.
    pub history_shortened: Option<String>,
    /// The visitor asked for the whole history: each milestone's earlier reports are open.
    pub history_open: bool,
    pub changes: Vec<ChangeView>,
    pub assessments: Vec<AssessmentView>,
    /// The forum's round assessments, newest round first (the first is its current view).
    pub round_assessments: Vec<RoundAssessmentView>,
    pub evidence: Vec<EvidenceView>,
    pub sources: Vec<String>,
    pub has_illustrative: bool,
    pub comments: crate::web::public::commitment_comments::CommentsView,
    /// Whether the signed-in visitor follows this commitment.
    pub following: bool,
    /// Its versions after the first, newest first, each with what changed.
    pub change_history: Vec<crate::web::public::change_history::VersionView>,
    /// Outcome indicators: baseline → target, measurements, chart and table.
    pub indicators: Vec<crate::web::ui::indicators::IndicatorView>,
}

/// How many reports a commitment page lists before offering the whole history.
pub const HISTORY_SHOWN: usize = 25;

impl CommitmentPage {
    /// Each milestone's voices, and the forum's round assessments.
    pub fn add_voices(
        &mut self,
        voices: &[MilestoneVoices],
        counterparts: &[CounterpartReport],
        rounds: &[RoundAssessment],
    ) {
        for m in &mut self.milestones {
            let found = voices.iter().find(|v| v.position == m.position);
            m.voices = found.map(|v| VoicesView::new(&self.tr, v)).map(|mut v| {
                // Newest round first: the forum's current view of the commitment.
                v.forum = rounds
                    .first()
                    .map(|a| RoundAssessmentView::new(&self.tr, a));
                v
            });
            if let Some(v) = found {
                m.counterpart_reports = counterparts
                    .iter()
                    .filter(|r| r.milestone_id == v.milestone_id)
                    .map(|r| CounterpartReportView::new(&self.tr, r))
                    .collect();
            }
        }
        self.round_assessments = rounds
            .iter()
            .map(|a| RoundAssessmentView::new(&self.tr, a))
            .collect();
    }

    /// The commitment's change history, from all its versions (oldest first).
    pub fn add_versions(&mut self, versions: &[crate::store::versions::Version]) {
        self.change_history = crate::web::public::change_history::history(&self.tr, versions);
    }

    /// Keeps the newest [`HISTORY_SHOWN`] reports, and the latest of every milestone, unless
    /// the visitor asked for them all (then every milestone's earlier reports are open).
    pub fn shorten_history(&mut self, all: bool) {
        let total = self.history_total;
        self.history_open = all;
        if all || total <= HISTORY_SHOWN {
            return;
        }
        for m in &mut self.milestones {
            m.earlier.retain(|u| u.order < HISTORY_SHOWN);
        }
        let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        self.history_shortened = Some(self.tr.tn2(
            "history-shortened",
            ("shown", count(HISTORY_SHOWN)),
            ("total", count(total)),
        ));
    }

    pub fn build(
        tr: Tr,
        path: String,
        viewer: Viewer,
        plan: Plan,
        c: Commitment,
        record: CommitmentRecord,
        now: DateTime<Utc>,
    ) -> Self {
        let CommitmentRecord {
            milestones,
            history,
            assessments,
            evidence,
            comments,
            changes,
            following,
        } = record;
        let comments = crate::web::public::commitment_comments::CommentsView::build(
            &tr, &viewer, plan.phase, c.state, comments,
        );
        let changes = changes
            .into_iter()
            .map(|c| ChangeView::new(&tr, c))
            .collect();
        let facts = CommitmentFacts {
            state: c.state,
            start: c.start_date,
            end: c.end_date,
            milestones: milestones
                .iter()
                .map(|m| MilestoneFacts {
                    weight: u32::try_from(m.weight).unwrap_or(1).max(1),
                    start: m.current_start,
                    due: m.current_due,
                    updates: history
                        .iter()
                        .filter(|u| u.milestone_id == m.id)
                        .map(Update::fact)
                        .collect(),
                })
                .collect(),
        };
        let figures = commitment_figures_on(&facts, now, plan.headline.health_basis());
        let series = commitment_series(&facts, now);
        let chart = ProgressChart::build(
            &tr,
            "commitment-progress-chart",
            tr.t("commitment-chart-heading"),
            &series,
        );
        // Every milestone's date chart shares one axis, so they line up down the page.
        let planned = milestones.iter().flat_map(|m| {
            [
                m.baseline_start,
                m.baseline_due,
                m.current_start,
                m.current_due,
            ]
        });
        let range = planned
            .flatten()
            .fold((series.from, series.to), |(from, to), d| {
                (from.min(d), to.max(d))
            });

        let history_total = history.len();
        let mut reports: BTreeMap<Uuid, Vec<UpdateView>> = BTreeMap::new();
        for (order, u) in history.iter().enumerate() {
            reports
                .entry(u.milestone_id)
                .or_default()
                .push(UpdateView::new(&tr, order, u));
        }

        let milestone_views = milestones
            .iter()
            .zip(&figures.milestones)
            .zip(&facts.milestones)
            .map(|((m, f), m_facts)| {
                let slipped_days = match (m.baseline_due, m.current_due) {
                    (Some(b), Some(c)) => (c - b).num_days(),
                    _ => 0,
                };
                let mut own = reports.remove(&m.id).unwrap_or_default().into_iter();
                let latest = own.next();
                let earlier: Vec<UpdateView> = own.collect();
                let dates = MilestoneDates::build(
                    &tr,
                    &DatesOf {
                        position: m.position,
                        baseline: (m.baseline_start, m.baseline_due),
                        current: (m.current_start, m.current_due),
                        actual: actual_dates(m_facts, now),
                    },
                    range,
                    series.today,
                );
                let declared = history
                    .iter()
                    .filter(|u| u.milestone_id == m.id && u.review_state != ReviewState::Returned)
                    .map(|u| {
                        (
                            u.participation.actual_start,
                            u.participation.actual_completion,
                        )
                    })
                    .find(|dates| *dates != (None, None))
                    .map(|dates| declared_in_words(&tr, dates, (m.current_start, m.current_due)))
                    .unwrap_or_default();
                MilestoneView {
                    position: m.position,
                    declared,
                    title: m.title.clone(),
                    expected_output: m.expected_output.clone(),
                    responsible: m
                        .responsible_name
                        .clone()
                        .unwrap_or_else(|| tr.t("responsible-unknown")),
                    responsible_slug: m.responsible_slug.clone().unwrap_or_default(),
                    weight: m.weight,
                    baseline: format!(
                        "{} – {}",
                        maybe_date(&tr, m.baseline_start),
                        maybe_date(&tr, m.baseline_due)
                    ),
                    current: format!(
                        "{} – {}",
                        maybe_date(&tr, m.current_start),
                        maybe_date(&tr, m.current_due)
                    ),
                    slipped_days,
                    progress: ProgressView::both(&tr, TwoFigures::of_milestone(f)),
                    health: HealthView::new(&tr, f.health),
                    status: tr.t(f.status_key()),
                    is_illustrative: m.is_illustrative,
                    contested: history
                        .iter()
                        .find(|u| u.milestone_id == m.id && u.review_state != ReviewState::Returned)
                        .is_some_and(|u| u.review_state == ReviewState::Contested),
                    anchor: milestone_anchor(m.position),
                    dates,
                    report_count: earlier.len() + usize::from(latest.is_some()),
                    voices: None,
                    counterpart_reports: Vec::new(),
                    earlier_total: earlier.len(),
                    latest,
                    earlier,
                }
            })
            .collect();

        let computation = milestones
            .iter()
            .zip(&figures.milestones)
            .map(|(m, f)| ComputationLine {
                title: m.title.clone(),
                weight: m.weight,
                validated: f.validated.value(),
                reported: f.reported.value(),
                counted: f.health != Health::Cancelled,
            })
            .collect();

        let mut fields = Vec::new();
        for (key, value) in [
            ("field-problem", &c.problem),
            ("field-causes", &c.causes),
            ("field-status-quo", &c.status_quo),
            ("field-objective", &c.objective),
            ("field-description", &c.description),
            ("field-transparency", &c.advances_transparency),
            ("field-accountability", &c.advances_accountability),
            ("field-participation", &c.advances_participation),
            ("field-contact", &c.contact),
        ] {
            fields.push(Field {
                label: tr.t(key),
                value: if value.trim().is_empty() {
                    tr.t("field-not-in-sources")
                } else {
                    value.clone()
                },
            });
        }

        let shown = Titles::for_reader(&tr, &c.title, c.title_en.as_deref());
        Self {
            trail: Trail::plan(&tr, &plan.title, &plan.slug)
                .here(format!("{}. {}", c.code, shown.title)),
            plan: PlanHeader::new(&tr, &plan),
            commitment_id: c.id,
            code: c.code.clone(),
            ogp_id: c.ogp_id.clone().unwrap_or_default(),
            title: shown.title,
            title_lang: shown.lang,
            other_title: shown.other,
            other_lang: shown.other_lang,
            state: tr.t(c.state.label_key()),
            dates: format!(
                "{} – {}",
                maybe_date(&tr, c.start_date),
                maybe_date(&tr, c.end_date)
            ),
            fields,
            values: c
                .ogp_values
                .iter()
                .map(|v| vocab(&tr, "ogp-value", v))
                .collect(),
            policy_areas: c.policy_areas.clone(),
            actors: c
                .actors
                .iter()
                .map(|a| ActorView {
                    name: actor_label(a),
                    slug: a.slug.clone(),
                    role: vocab(&tr, "actor-role", &a.role),
                    sector: vocab(&tr, "sector", &a.sector),
                })
                .collect(),
            progress: ProgressView::both(&tr, TwoFigures::of_commitment(&figures)),
            health: HealthView::new(&tr, figures.health),
            // As the plan's cards: the latest assessment that rated completion or results.
            irm: assessments
                .iter()
                .find(|a| a.completion.is_some() || a.early_results.is_some())
                .map_or_else(String::new, |a| {
                    irm_status(&tr, a.completion.as_deref(), a.early_results.as_deref())
                }),
            expected: figures
                .expected
                .map(|e| e.to_string())
                .unwrap_or_else(|| "—".into()),
            computation,
            computed_validated: figures.validated.value(),
            computed_reported: figures.reported.value(),
            comments,
            has_illustrative: milestones.iter().any(|m| m.is_illustrative)
                || history.iter().any(|u| u.is_illustrative),
            milestones: milestone_views,
            chart,
            history_total,
            history_shortened: None,
            history_open: false,
            changes,
            following,
            change_history: Vec::new(),
            indicators: Vec::new(),
            round_assessments: Vec::new(),
            assessments: assessments
                .iter()
                .map(|a| AssessmentView::new(&tr, a))
                .collect(),
            evidence: evidence
                .into_iter()
                .map(|e| EvidenceView {
                    title: e.title,
                    url: e.url,
                    kind: vocab(&tr, "evidence-type", &e.evidence_type),
                    date: if e.date_label.is_empty() {
                        maybe_date(&tr, e.evidence_date)
                    } else {
                        e.date_label
                    },
                    source: e.source,
                })
                .collect(),
            sources: c
                .source
                .lines()
                .map(str::to_owned)
                .filter(|l| !l.trim().is_empty())
                .collect(),
            tr,
            path,
            viewer,
        }
    }
}

pub struct MemberView {
    pub institution: String,
    pub slug: String,
    pub representative: String,
    pub role: String,
    pub term: String,
}

pub struct SectorGroup {
    pub sector: String,
    pub members: Vec<MemberView>,
}

#[derive(Template)]
#[template(path = "public/forum.html")]
pub struct ForumPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plan: PlanHeader,
    pub groups: Vec<SectorGroup>,
    pub total: usize,
    pub sources: Vec<String>,
    pub meetings: crate::web::cocreation::forum::MeetingsView,
}

impl ForumPage {
    pub fn build(
        tr: Tr,
        path: String,
        viewer: Viewer,
        plan: Plan,
        members: Vec<Member>,
        meetings: Vec<crate::store::cocreation::forum::Meeting>,
        today: chrono::NaiveDate,
    ) -> Self {
        let meetings = crate::web::cocreation::forum::MeetingsView::build(
            &tr, &plan, &members, meetings, today,
        );
        let total = members.len();
        let mut sources: Vec<String> = Vec::new();
        let mut groups: Vec<SectorGroup> = Vec::new();
        for m in members {
            for s in m.source.iter().flat_map(|s| s.split_whitespace()) {
                if !sources.iter().any(|x| x == s) {
                    sources.push(s.to_owned());
                }
            }
            let sector = vocab(&tr, "sector", &m.sector);
            let view = MemberView {
                institution: m.institution_name,
                slug: m.institution_slug.unwrap_or_default(),
                representative: m.representative.unwrap_or_default(),
                role: vocab(&tr, "forum-role", &m.forum_role),
                term: match (m.term_start, m.term_end) {
                    (None, None) => tr.t("term-as-published"),
                    (s, e) => format!("{} – {}", maybe_date(&tr, s), maybe_date(&tr, e)),
                },
            };
            match groups.iter_mut().find(|g| g.sector == sector) {
                Some(g) => g.members.push(view),
                None => groups.push(SectorGroup {
                    sector,
                    members: vec![view],
                }),
            }
        }
        Self {
            trail: Trail::plan(&tr, &plan.title, &plan.slug).here(tr.t("forum-title")),
            plan: PlanHeader::new(&tr, &plan),
            groups,
            total,
            sources,
            meetings,
            tr,
            path,
            viewer,
        }
    }
}

pub struct InvolvementView {
    pub plan_slug: String,
    pub plan_title: String,
    pub code: String,
    pub title: String,
    pub role: String,
}

pub struct ResponsibleView {
    pub plan_slug: String,
    pub code: String,
    pub commitment: String,
    pub title: String,
    pub due: String,
    pub progress: ProgressView,
    pub health: HealthView,
}

#[derive(Template)]
#[template(path = "public/institution.html")]
pub struct InstitutionPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub name: String,
    pub acronym: String,
    pub sector: String,
    pub government: String,
    pub website: String,
    pub involvements: Vec<InvolvementView>,
    pub milestones: Vec<ResponsibleView>,
}

impl InstitutionPage {
    pub fn build(
        tr: Tr,
        path: String,
        viewer: Viewer,
        i: Institution,
        involvements: Vec<Involvement>,
        milestones: Vec<ResponsibleMilestone>,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            trail: Trail::home(&tr).here(i.name.clone()),
            name: i.name,
            acronym: i.acronym.unwrap_or_default(),
            sector: vocab(&tr, "sector", &i.sector),
            government: i.government_name,
            website: i.website.unwrap_or_default(),
            involvements: involvements
                .into_iter()
                .map(|v| InvolvementView {
                    role: vocab(&tr, "actor-role", &v.role),
                    plan_slug: v.plan_slug,
                    plan_title: v.plan_title,
                    code: v.code,
                    title: v.title,
                })
                .collect(),
            milestones: milestones
                .into_iter()
                .map(|m| {
                    let f = crate::domain::milestone_figures(&m.facts(), now);
                    ResponsibleView {
                        due: maybe_date(&tr, m.current_due),
                        progress: ProgressView::both(&tr, TwoFigures::of_milestone(&f)),
                        health: HealthView::new(&tr, f.health),
                        plan_slug: m.plan_slug,
                        code: m.code,
                        commitment: m.commitment_title,
                        title: m.title,
                    }
                })
                .collect(),
            tr,
            path,
            viewer,
        }
    }
}

/// A piece of an excerpt: matched words are highlighted, all of it escaped by the template.
pub struct ExcerptPart {
    pub text: String,
    pub matched: bool,
}

pub struct HitView {
    pub kind: String,
    pub url: String,
    pub title: String,
    /// Where the hit belongs: its plan and government ("Plan …, Ecuador"), or the
    /// institution's government.
    pub context: String,
    pub excerpt: Vec<ExcerptPart>,
}

#[derive(Template)]
#[template(path = "public/search.html")]
pub struct SearchPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub q: String,
    pub filters: SearchFilters,
    pub hits: Vec<HitView>,
    pub total: i64,
    /// "Resultados 21–40 de 57" (empty when there is nothing) and the pages around.
    pub pager: Pager,
}

/// The filters of `/search`: the kinds and governments to choose from, with the chosen ones
/// marked, and the plan the search is narrowed to (with a link that widens it again).
#[derive(Default)]
pub struct SearchFilters {
    pub kinds: Vec<Choice>,
    pub governments: Vec<Choice>,
    /// The plan's slug and title.
    pub plan: Option<(String, String)>,
    /// The same search without the plan.
    pub without_plan: String,
    pub filtered: bool,
}

impl SearchFilters {
    pub fn new(
        tr: &Tr,
        q: &str,
        scope: &Scope,
        (governments, plan_title): (Vec<GovernmentChoice>, Option<String>),
    ) -> Self {
        let kinds = KINDS
            .iter()
            .map(|k| Choice {
                value: (*k).into(),
                label: tr.t(&format!("search-kind-{k}")),
                selected: scope.kind == Some(*k),
            })
            .collect();
        let governments = governments
            .into_iter()
            .map(|g| Choice {
                selected: scope.government.as_deref() == Some(g.slug.as_str()),
                value: g.slug,
                label: g.name,
            })
            .collect();
        let wider = Scope {
            plan: None,
            ..scope.clone()
        };
        Self {
            kinds,
            governments,
            plan: scope.plan.clone().zip(plan_title),
            without_plan: search_link(q, &wider, 1),
            filtered: *scope != Scope::default(),
        }
    }
}

/// `/search?q=…&plan=…&government=…&type=…&page=…`, leaving out what is not chosen.
pub fn search_link(q: &str, scope: &Scope, page: u32) -> String {
    let page = page.to_string();
    let mut query = vec![("q", q)];
    query.extend(scope.plan.as_deref().map(|v| ("plan", v)));
    query.extend(scope.government.as_deref().map(|v| ("government", v)));
    query.extend(scope.kind.map(|v| ("type", v)));
    if page != "1" {
        query.push(("page", &page));
    }
    format!(
        "/search?{}",
        serde_urlencoded::to_string(query).unwrap_or_default()
    )
}

/// Splits `a [[b]] c` into parts so the template can mark `b` without raw HTML.
pub fn excerpt_parts(excerpt: &str) -> Vec<ExcerptPart> {
    let mut parts = Vec::new();
    let mut rest = excerpt;
    while let Some(start) = rest.find("[[") {
        if start > 0 {
            parts.push(ExcerptPart {
                text: rest[..start].to_owned(),
                matched: false,
            });
        }
        let after = &rest[start + 2..];
        let end = after.find("]]").unwrap_or(after.len());
        parts.push(ExcerptPart {
            text: after[..end].to_owned(),
            matched: true,
        });
        rest = after.get(end + 2..).unwrap_or("");
    }
    if !rest.is_empty() {
        parts.push(ExcerptPart {
            text: rest.to_owned(),
            matched: false,
        });
    }
    parts
}

impl SearchPage {
    pub fn build(
        tr: Tr,
        path: String,
        viewer: Viewer,
        (q, scope, filters): (String, Scope, SearchFilters),
        hits: Vec<Hit>,
        at: PageOf,
    ) -> Self {
        let total = at.total;
        let pager = Pager::new(&tr, "search-range", at, |page| {
            search_link(&q, &scope, page)
        });
        let hits = hits
            .into_iter()
            .map(|h| HitView {
                kind: tr.t(&format!("search-kind-{}", h.kind)),
                context: if h.plan_title.is_empty() {
                    h.government.clone()
                } else {
                    format!("{} · {}", h.plan_title, h.government)
                },
                url: match (h.kind.as_str(), h.milestone_position) {
                    ("institution", _) => format!("/institutions/{}", h.code),
                    (_, Some(position)) => format!(
                        "/plans/{}/commitments/{}#{}",
                        h.plan_slug,
                        h.code,
                        milestone_anchor(position)
                    ),
                    (_, None) => format!("/plans/{}/commitments/{}", h.plan_slug, h.code),
                },
                title: h.title,
                excerpt: excerpt_parts(&h.excerpt),
            })
            .collect();
        Self {
            trail: Trail::home(&tr).here(tr.t("nav-search")),
            tr,
            path,
            viewer,
            q,
            filters,
            hits,
            total,
            pager,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_marks_matched_words_only() {
        let parts = excerpt_parts("la [[información]] pública <b>");
        assert_eq!(parts.len(), 3);
        assert!(parts[1].matched);
        assert_eq!(parts[1].text, "información");
        assert_eq!(parts[2].text, " pública <b>");
    }
}
