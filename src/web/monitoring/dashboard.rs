//! The forum's monitoring dashboard: one plan's figures by health, institution and OGP value,
//! the milestones that are overdue or silent, and what waits for validation.

use crate::web::ui::trail::Trail;
use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::domain::policy::within;
use crate::domain::progress_report::is_stale;
use crate::domain::{
    Action, CommitmentState, Health, OgpValue, PlanPhase, Progress, commitment_figures,
};
use crate::i18n::Tr;
use crate::store;
use crate::store::monitoring::dashboard::PlanMonitoring;
use crate::store::monitoring::voices::Scope;
use crate::store::public::plans::Plan;
use crate::web::AppState;
use crate::web::http::error::AppResult;
use crate::web::http::routes::Routes;
use crate::web::http::session::{RequireUser, Viewer};
use crate::web::ui::charts::{Bar, bar_chart};
use crate::web::ui::views::{Choice, HealthView, ProgressView, maybe_date, moment, render, vocab};
use crate::web::ui::voices::VoicesView;

pub fn router() -> Routes {
    Routes::new().get("/monitoring", dashboard)
}

#[derive(Debug, Default, Deserialize)]
struct DashboardQuery {
    plan: Option<String>,
}

/// A line of a table beside a chart: how many commitments, and their average progress.
pub struct GroupRow {
    pub label: String,
    pub class: &'static str,
    pub commitments: usize,
    pub progress: u8,
}

/// A milestone in the overdue or silent lists.
pub struct MilestoneLine {
    pub plan_slug: String,
    pub code: String,
    pub commitment: String,
    pub title: String,
    pub responsible: String,
    pub due: String,
    pub last_report: String,
    pub health: HealthView,
}

/// A titled list of milestones.
pub struct MilestoneList {
    pub id: &'static str,
    pub heading: String,
    pub lines: Vec<MilestoneLine>,
}

/// One chart and the table with the same figures.
pub struct Figure {
    pub id: &'static str,
    pub heading: String,
    pub label_heading: String,
    pub svg: String,
    pub rows: Vec<GroupRow>,
}

#[derive(Template)]
#[template(path = "monitoring/dashboard.html")]
pub struct DashboardPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plans: Vec<Choice>,
    pub plan_slug: String,
    pub plan_title: String,
    pub progress: Option<ProgressView>,
    pub commitments: usize,
    pub figures: Vec<Figure>,
    pub overdue_count: usize,
    pub stale_count: usize,
    /// Overdue, then silent milestones.
    pub lists: Vec<MilestoneList>,
    pub pending: i64,
    /// Milestones where the institution's and the counterpart's latest reports disagree.
    pub disagreements: Vec<VoicesView>,
}

/// `GET /monitoring?plan=`: the chosen plan, or the newest plan under implementation.
async fn dashboard(
    State(state): State<AppState>,
    tr: Tr,
    RequireUser(user, viewer): RequireUser,
    Query(query): Query<DashboardQuery>,
) -> AppResult<Response> {
    user.authorize(Action::Monitor)?;
    let mut plans = store::public::plans::list(&state.db).await?;
    plans.retain(|p| within(&user.actor(), p.government_id).is_allowed());
    let chosen = query
        .plan
        .as_deref()
        .and_then(|slug| plans.iter().find(|p| p.slug == slug))
        .or_else(|| plans.iter().find(|p| p.phase == PlanPhase::Implementation))
        .or_else(|| plans.first())
        .cloned();
    let data = match &chosen {
        Some(plan) => store::monitoring::dashboard::plan(&state.db, plan.id).await?,
        None => PlanMonitoring::default(),
    };
    let voices = match &chosen {
        Some(plan) => {
            let scope = Scope {
                plan: Some(plan.id),
                both_only: true,
                ..Scope::now()
            };
            store::monitoring::voices::latest(&state.db, scope).await?
        }
        None => Vec::new(),
    };
    let mut page = DashboardPage::build(tr, viewer, &plans, chosen.as_ref(), data, Utc::now());
    page.disagreements = voices
        .iter()
        .map(|v| VoicesView::new(&page.tr, v))
        .filter(VoicesView::disagrees)
        .collect();
    render(&page)
}

/// Counts and average progress per group, in the order the groups are given.
fn group_rows(
    groups: &[(String, &'static str)],
    members: &BTreeMap<String, Vec<Progress>>,
) -> Vec<GroupRow> {
    groups
        .iter()
        .map(|(label, class)| {
            let progresses = members.get(label).map(Vec::as_slice).unwrap_or_default();
            let sum: u32 = progresses.iter().map(|p| u32::from(p.value())).sum();
            let count = u32::try_from(progresses.len()).unwrap_or(u32::MAX);
            GroupRow {
                label: label.clone(),
                class,
                commitments: progresses.len(),
                progress: u8::try_from((sum + count / 2).checked_div(count).unwrap_or(0))
                    .unwrap_or(100),
            }
        })
        .collect()
}

fn figure(
    tr: &Tr,
    id: &'static str,
    heading_key: &str,
    label_key: &str,
    rows: Vec<GroupRow>,
) -> Figure {
    let heading = tr.t(heading_key);
    let bars: Vec<Bar> = rows
        .iter()
        .map(|r| Bar {
            label: r.label.clone(),
            value: u32::try_from(r.commitments).unwrap_or(u32::MAX),
            class: r.class,
        })
        .collect();
    let desc = rows
        .iter()
        .map(|r| format!("{}: {}", r.label, r.commitments))
        .collect::<Vec<_>>()
        .join("; ");
    Figure {
        svg: bar_chart(id, &heading, &desc, &bars),
        id,
        heading,
        label_heading: tr.t(label_key),
        rows,
    }
}

impl DashboardPage {
    fn build(
        tr: Tr,
        viewer: Viewer,
        plans: &[Plan],
        chosen: Option<&Plan>,
        data: PlanMonitoring,
        now: DateTime<Utc>,
    ) -> Self {
        let mut by_health: BTreeMap<String, Vec<Progress>> = BTreeMap::new();
        let mut by_institution: BTreeMap<String, Vec<Progress>> = BTreeMap::new();
        let mut by_value: BTreeMap<String, Vec<Progress>> = BTreeMap::new();
        let mut states = Vec::new();
        let (mut overdue, mut stale) = (Vec::new(), Vec::new());
        let plan_slug = chosen.map(|p| p.slug.clone()).unwrap_or_default();
        let unknown = tr.t("responsible-unknown");
        for c in &data.commitments {
            let f = commitment_figures(&c.facts, now);
            states.push((c.facts.state, f.measured(|f| f.progress)));
            if c.facts.state == CommitmentState::Withdrawn {
                continue;
            }
            let health = tr.t(f.health.label_key());
            by_health.entry(health).or_default().push(f.progress);
            let lead = c
                .lead_institution
                .clone()
                .unwrap_or_else(|| unknown.clone());
            by_institution.entry(lead).or_default().push(f.progress);
            for v in &c.ogp_values {
                by_value
                    .entry(vocab(&tr, "ogp-value", v))
                    .or_default()
                    .push(f.progress);
            }
            for ((m, mf), facts) in c
                .milestones
                .iter()
                .zip(&f.milestones)
                .zip(&c.facts.milestones)
            {
                let line = || MilestoneLine {
                    plan_slug: plan_slug.clone(),
                    code: c.code.clone(),
                    commitment: c.title.clone(),
                    title: m.title.clone(),
                    responsible: m.responsible.clone().unwrap_or_else(|| unknown.clone()),
                    due: maybe_date(&tr, m.current_due),
                    last_report: m
                        .last_update_at
                        .map(|at| moment(&tr, at))
                        .unwrap_or_else(|| tr.t("monitoring-never-reported")),
                    health: HealthView::new(&tr, mf.health),
                };
                if mf.health == Health::Overdue {
                    overdue.push(line());
                }
                if is_stale(mf, facts.due, m.last_update_at, now) {
                    stale.push(line());
                }
            }
        }
        let health_groups: Vec<(String, &'static str)> = Health::ALL
            .iter()
            .map(|h| (tr.t(h.label_key()), h.css_class()))
            .collect();
        let mut institutions: Vec<(String, &'static str)> = by_institution
            .keys()
            .map(|k| (k.clone(), "chart-neutral"))
            .collect();
        institutions.sort_by_key(|(k, _)| std::cmp::Reverse(by_institution[k].len()));
        let values: Vec<(String, &'static str)> = OgpValue::ALL
            .iter()
            .map(|v| (tr.t(v.label_key()), "chart-neutral"))
            .collect();
        let figures = vec![
            figure(
                &tr,
                "by-health",
                "monitoring-by-health",
                "monitoring-health",
                group_rows(&health_groups, &by_health),
            ),
            figure(
                &tr,
                "by-institution",
                "monitoring-by-institution",
                "institution",
                group_rows(&institutions, &by_institution),
            ),
            figure(
                &tr,
                "by-value",
                "monitoring-by-value",
                "ogp-values",
                group_rows(&values, &by_value),
            ),
        ];
        Self {
            trail: Trail::home(&tr).here(tr.t("monitoring-nav")),
            plans: plans
                .iter()
                .map(|p| Choice {
                    value: p.slug.clone(),
                    label: p.title.clone(),
                    selected: p.slug == plan_slug,
                })
                .collect(),
            plan_title: chosen.map(|p| p.title.clone()).unwrap_or_default(),
            progress: chosen.map(|_| ProgressView::of_plan(&tr, &states)),
            commitments: states
                .iter()
                .filter(|(s, _)| *s != CommitmentState::Withdrawn)
                .count(),
            plan_slug,
            figures,
            overdue_count: overdue.len(),
            stale_count: stale.len(),
            lists: vec![
                MilestoneList {
                    id: "overdue",
                    heading: tr.t("monitoring-overdue"),
                    lines: overdue,
                },
                MilestoneList {
                    id: "stale",
                    heading: tr.t("monitoring-stale"),
                    lines: stale,
                },
            ],
            pending: data.pending_reports,
            disagreements: Vec::new(),
            path: "/monitoring".into(),
            tr,
            viewer,
        }
    }
}
