//! The monitoring report as the HTML page shows it: every value already translated and
//! formatted, and the bar chart's geometry computed.

use crate::domain::Progress;
use crate::i18n::Tr;
use crate::reports::{Format, Report, label};

use crate::store::monitoring::reports::SnapshotItem;
use crate::web::ui::views::{HealthView, long_date, maybe_date, moment};

pub struct ReportView {
    pub plan_title: String,
    pub plan_slug: String,
    pub government: String,
    pub period: String,
    pub as_of: String,
    pub is_demo: bool,
    pub summary: Vec<(String, String)>,
    pub chart: ChartView,
    pub commitments: Vec<CommitmentRow>,
    pub milestones: Vec<MilestoneRow>,
    pub updates: Vec<UpdateRow>,
    pub assessments: Vec<AssessmentRow>,
    pub counterparts: Vec<CounterpartRow>,
    pub rounds: Vec<RoundRow>,
}

/// A horizontal bar chart (SVG, in user units).
pub struct ChartView {
    pub height: u32,
    pub bars: Vec<BarView>,
}

pub struct BarView {
    pub y: u32,
    pub label: String,
    pub title: String,
    pub width: u32,
    pub expected_x: Option<u32>,
    pub value: String,
}

/// Where bars start and how long a full bar is, in the chart's user units.
pub const BAR_X: u32 = 230;
pub const BAR_LEN: u32 = 300;

pub struct CommitmentRow {
    pub code: String,
    pub title: String,
    pub lead: String,
    pub progress: String,
    pub reported: String,
    pub expected: String,
    pub health: HealthView,
}

pub struct MilestoneRow {
    pub code: String,
    pub title: String,
    pub responsible: String,
    pub due: String,
    pub progress: String,
    pub reported: String,
    pub expected: String,
    pub health: HealthView,
    /// The counterpart's view and, when it disagrees with the institution's, on what.
    pub counterpart: String,
    pub disagreement: String,
}

/// A counterpart's report in the report's table.
pub struct CounterpartRow {
    pub date: String,
    pub code: String,
    pub institution: String,
    pub completion: String,
    pub fulfilled: String,
    pub endorses: String,
    pub change: String,
}

/// The forum's assessment of a commitment in a round.
pub struct RoundRow {
    pub code: String,
    pub round: String,
    pub date: String,
    pub completion: String,
    pub communication: String,
    pub narrative: String,
}

pub struct UpdateRow {
    pub date: String,
    pub code: String,
    pub author: String,
    pub progress: String,
    pub status: String,
    pub review: String,
    pub narrative: String,
}

pub struct AssessmentRow {
    pub code: String,
    pub period: String,
    pub impact: String,
    pub completion: String,
    pub early_results: String,
    pub narrative: String,
}

fn pct(p: Progress) -> String {
    format!("{p} %")
}

fn maybe_pct(p: Option<Progress>) -> String {
    p.map(pct).unwrap_or_else(|| "—".into())
}

fn scaled(p: Progress) -> u32 {
    BAR_LEN * u32::from(p.value()) / 100
}

fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

impl ReportView {
    pub fn new(tr: &Tr, r: &Report) -> Self {
        let s = &r.summary;
        let h = &s.commitment_health;
        let summary = vec![
            (tr.t("mreport-col-validated"), pct(s.progress)),
            (tr.t("mreport-col-reported"), pct(s.reported)),
            (tr.t("mreport-commitments"), s.commitments.to_string()),
            (tr.t("mreport-milestones"), s.milestones.to_string()),
            (tr.t("mreport-updates"), s.updates.to_string()),
            (tr.t("health-completed"), h.completed.to_string()),
            (tr.t("health-on-track"), h.on_track.to_string()),
            (tr.t("health-at-risk"), h.at_risk.to_string()),
            (tr.t("health-overdue"), h.overdue.to_string()),
            (tr.t("health-not-started"), h.not_started.to_string()),
            (tr.t("health-cancelled"), h.cancelled.to_string()),
            (
                tr.t("review-state-validated"),
                s.reviews.validated.to_string(),
            ),
            (tr.t("review-state-pending"), s.reviews.pending.to_string()),
            (
                tr.t("review-state-returned"),
                s.reviews.returned.to_string(),
            ),
            (
                tr.t("review-state-contested"),
                s.reviews.contested.to_string(),
            ),
            (
                tr.t("mreport-disagreements"),
                s.disagreements.milestones.to_string(),
            ),
            (
                tr.t("participation-people"),
                s.participation.people.to_string(),
            ),
            (
                tr.t("participation-activities"),
                s.participation.activities.to_string(),
            ),
        ];
        let bars: Vec<BarView> = (0u32..)
            .zip(&r.commitments)
            .map(|(i, c)| {
                let title = format!("{}. {}", c.code, c.title);
                BarView {
                    y: i * 22,
                    label: short(&title, 38),
                    title,
                    width: scaled(c.progress),
                    expected_x: c.expected.map(|e| BAR_X + scaled(e)),
                    value: pct(c.progress),
                }
            })
            .collect();
        Self {
            plan_title: r.plan.title.clone(),
            plan_slug: r.plan.slug.clone(),
            government: r.plan.government.clone(),
            period: format!(
                "{} – {}",
                long_date(tr, r.plan.period_start),
                long_date(tr, r.plan.period_end)
            ),
            as_of: long_date(tr, r.as_of),
            is_demo: r.plan.is_demo,
            summary,
            chart: ChartView {
                height: u32::try_from(bars.len()).unwrap_or(0) * 22 + 4,
                bars,
            },
            commitments: r
                .commitments
                .iter()
                .map(|c| CommitmentRow {
                    code: c.code.clone(),
                    title: c.title.clone(),
                    lead: c.lead.clone().unwrap_or_default(),
                    progress: pct(c.progress),
                    reported: pct(c.reported),
                    expected: maybe_pct(c.expected),
                    health: HealthView::new(tr, c.health),
                })
                .collect(),
            milestones: r
                .milestones
                .iter()
                .map(|m| MilestoneRow {
                    code: format!("{}.{}", m.commitment_code, m.position),
                    title: m.title.clone(),
                    responsible: m.responsible.clone().unwrap_or_default(),
                    due: maybe_date(tr, m.due),
                    progress: pct(m.progress),
                    reported: pct(m.reported),
                    expected: maybe_pct(m.expected),
                    health: HealthView::new(tr, m.health),
                    counterpart: m
                        .counterpart_completion
                        .map(|c| tr.t(c.label_key()))
                        .unwrap_or_default(),
                    disagreement: [
                        (m.disagrees_on_state, "voices-disagree-state"),
                        (m.disagrees_on_fulfilment, "voices-disagree-fulfilment"),
                    ]
                    .iter()
                    .filter(|(yes, _)| *yes)
                    .map(|(_, key)| tr.t(key))
                    .collect::<Vec<_>>()
                    .join("; "),
                })
                .collect(),
            counterparts: r
                .counterpart_reports
                .iter()
                .map(|k| CounterpartRow {
                    date: moment(tr, k.reported_at),
                    code: format!("{}.{}", k.commitment_code, k.milestone_position),
                    institution: k.institution.clone(),
                    completion: tr.t(k.completion.label_key()),
                    fulfilled: tr.t(k.institution_fulfilled.label_key()),
                    endorses: tr.t(if k.endorses { "yes" } else { "no" }),
                    change: k.perceived_change.clone(),
                })
                .collect(),
            rounds: r
                .round_assessments
                .iter()
                .map(|a| RoundRow {
                    code: a.commitment_code.clone(),
                    round: a.round.clone(),
                    date: moment(tr, a.assessed_at),
                    completion: tr.t(a.completion.label_key()),
                    communication: tr.t(a.communication.label_key()),
                    narrative: a.narrative.clone(),
                })
                .collect(),
            updates: r
                .updates
                .iter()
                .map(|u| UpdateRow {
                    date: moment(tr, u.reported_at),
                    code: format!("{}.{}", u.commitment_code, u.milestone_position),
                    author: u.author.clone(),
                    progress: pct(u.progress),
                    status: tr.t(u.status.label_key()),
                    review: tr.t(u.review.label_key()),
                    narrative: u.narrative.clone(),
                })
                .collect(),
            assessments: r
                .assessments
                .iter()
                .map(|a| AssessmentRow {
                    code: a.commitment_code.clone(),
                    period: a.period_label.clone(),
                    impact: label(tr, "impact", a.potential_impact.as_deref()),
                    completion: label(tr, "completion", a.completion.as_deref()),
                    early_results: label(tr, "early-results", a.early_results.as_deref()),
                    narrative: a.narrative.clone(),
                })
                .collect(),
        }
    }
}

/// The file downloads of a report page at `page` (`?as_of=` for the live report), by the
/// words of their links.
pub fn downloads(page: &str, as_of_iso: Option<&str>) -> Vec<(&'static str, String)> {
    [Format::Pdf, Format::Xlsx, Format::Csv, Format::Json]
        .into_iter()
        .map(|f| {
            let href = match as_of_iso {
                Some(day) => format!("{page}?as_of={day}&format={}", f.as_str()),
                None => format!("{page}?format={}", f.as_str()),
            };
            (f.link_label(), href)
        })
        .collect()
}

/// What only the live report shows: downloads, the freeze form (for whoever may freeze) and
/// the plan's cortes.
pub struct LiveView {
    pub as_of_iso: String,
    pub downloads: Vec<(&'static str, String)>,
    pub snapshots: Vec<SnapshotView>,
    /// The freeze form's name as typed, and its problem (both empty on a first visit).
    pub label: String,
    pub label_error: String,
}

impl LiveView {
    /// `page` is the address of the report page the downloads hang from.
    pub fn new(r: &Report, page: &str, snapshots: Vec<SnapshotView>) -> Self {
        let as_of_iso = r.as_of.format("%Y-%m-%d").to_string();
        Self {
            downloads: downloads(page, Some(&as_of_iso)),
            as_of_iso,
            snapshots,
            label: String::new(),
            label_error: String::new(),
        }
    }

    /// The freeze form as it was sent back.
    pub fn typed(mut self, label: String, error: String) -> Self {
        self.label = label;
        self.label_error = error;
        self
    }
}

/// A frozen report in a list: its page, every download and how many have signed it.
pub struct SnapshotView {
    pub href: String,
    pub label: String,
    pub as_of: String,
    pub signoffs: i64,
    pub downloads: Vec<(&'static str, String)>,
}

impl SnapshotView {
    pub fn new(tr: &Tr, plan_slug: &str, s: SnapshotItem) -> Self {
        let href = format!("/plans/{plan_slug}/reports/{}", s.id);
        Self {
            downloads: downloads(&href, None),
            href,
            label: s.period_label,
            as_of: long_date(tr, s.as_of),
            signoffs: s.signoffs,
        }
    }
}

/// What only a frozen report shows: its label, hash, downloads and sign-offs.
pub struct FrozenView {
    pub label: String,
    pub sha256: String,
    pub frozen_on: String,
    pub downloads: Vec<(&'static str, String)>,
    pub sign_href: String,
    pub signoffs: Vec<SignoffView>,
}

pub struct SignoffView {
    pub member: String,
    pub representative: String,
    pub signed: String,
}
