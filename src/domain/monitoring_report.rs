//! The monitoring report of one plan as of a date: one model, built from the append-only
//! history by [`build`] and rendered as HTML, PDF, XLSX, CSV and JSON.
//!
//! # What "as of" means
//!
//! A report as of day `D` shows what was known at the end of `D` (UTC), and nothing after:
//!
//! - a progress update counts only if it was reported on or before `D`;
//! - its review state is the one it had then: a review decided after `D` is ignored and the
//!   update reads as *pending* (so an update returned after `D` still counts as of `D`, as it
//!   did on that day; an update returned on or before `D` does not);
//! - a milestone's planned dates are the ones in force on `D`: a re-plan approved after `D`
//!   is undone by taking the dates it replaced (`old_start`/`old_due` of the first re-plan
//!   decided after `D`); re-plans still waiting or rejected never move dates;
//! - an assessment appears once it was recorded (its `created_at`) on or before `D`.
//!
//! The plan's structure (commitments, milestones, weights, titles, commitment state) is
//! taken as it is now: the schema keeps no history of it, and it rarely changes once the
//! plan is in implementation.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::participation::{Participation, ParticipationFact, add_up};
use super::progress_report::public_review_note;
use super::voices::Disagreement;
use super::{
    CommitmentFacts, CommitmentState, Completion, Fulfilment, Health, HealthCounts, MilestoneFacts,
    MilestoneStatus, Progress, ReviewState, UpdateFact, commitment_figures, plan_progress,
};

/// Bumped when the shape of the report changes, so frozen reports say which one they use.
pub const FORMAT_VERSION: u32 = 1;

// ---- What the store reads ------------------------------------------------------------------

/// The plan, as the store reads it.
#[derive(Debug, Clone)]
pub struct PlanRecord {
    pub slug: String,
    pub title: String,
    pub ogp_label: Option<String>,
    pub government: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub is_demo: bool,
}

#[derive(Debug, Clone)]
pub struct CommitmentRecord {
    pub id: Uuid,
    pub code: String,
    pub ogp_id: Option<String>,
    pub title: String,
    pub state: CommitmentState,
    pub lead: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct MilestoneRecord {
    pub id: Uuid,
    pub commitment_id: Uuid,
    pub position: i32,
    pub title: String,
    pub responsible: Option<String>,
    pub weight: u32,
    pub baseline_start: Option<NaiveDate>,
    pub baseline_due: Option<NaiveDate>,
    pub current_start: Option<NaiveDate>,
    pub current_due: Option<NaiveDate>,
    pub is_illustrative: bool,
}

#[derive(Debug, Clone)]
pub struct UpdateRecord {
    pub id: Uuid,
    pub milestone_id: Uuid,
    pub author: String,
    pub reported_at: DateTime<Utc>,
    pub progress: Progress,
    pub status: MilestoneStatus,
    pub narrative: String,
    pub is_illustrative: bool,
    pub review: ReviewState,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_note: Option<String>,
    /// The institution's answer on whether the counterpart fulfilled its part.
    pub counterpart_fulfilled: Option<Fulfilment>,
}

/// A civil-society counterpart's report on a milestone.
#[derive(Debug, Clone)]
pub struct CounterpartRecord {
    pub milestone_id: Uuid,
    pub institution: String,
    pub author: String,
    pub reported_at: DateTime<Utc>,
    pub completion: Completion,
    pub institution_fulfilled: Fulfilment,
    pub fulfilment_note: String,
    pub perceived_change: String,
    pub endorses: bool,
}

/// The forum's assessment of a commitment in a reporting round.
#[derive(Debug, Clone)]
pub struct RoundAssessmentRecord {
    pub commitment_id: Uuid,
    pub round: String,
    pub assessed_at: DateTime<Utc>,
    pub author: String,
    pub completion: Completion,
    pub narrative: String,
    pub communication: Fulfilment,
    pub communication_note: String,
}

/// An approved re-plan: the dates it replaced and when it was approved.
#[derive(Debug, Clone)]
pub struct ReplanRecord {
    pub milestone_id: Uuid,
    pub old_start: Option<NaiveDate>,
    pub old_due: Option<NaiveDate>,
    pub decided_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct AssessmentRecord {
    pub commitment_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub line: AssessmentLine,
}

/// Everything a report is built from, in the store's order (commitments by code, milestones
/// by position, updates by time).
#[derive(Debug, Clone)]
pub struct ReportFacts {
    pub plan: PlanRecord,
    pub commitments: Vec<CommitmentRecord>,
    pub milestones: Vec<MilestoneRecord>,
    pub updates: Vec<UpdateRecord>,
    pub replans: Vec<ReplanRecord>,
    pub assessments: Vec<AssessmentRecord>,
    /// By time, like updates.
    pub counterpart_reports: Vec<CounterpartRecord>,
    pub round_assessments: Vec<RoundAssessmentRecord>,
    /// What the counting reports said of participation (filtered by time when built).
    pub participation: Vec<ParticipationFact>,
}

// ---- The report ----------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub format_version: u32,
    pub as_of: NaiveDate,
    pub plan: PlanLine,
    pub summary: Summary,
    pub commitments: Vec<CommitmentLine>,
    pub milestones: Vec<MilestoneLine>,
    pub updates: Vec<UpdateLine>,
    pub assessments: Vec<AssessmentLine>,
    /// The counterparts' reports filed by the as-of day (reports frozen before they existed
    /// have none).
    #[serde(default)]
    pub counterpart_reports: Vec<CounterpartLine>,
    #[serde(default)]
    pub round_assessments: Vec<RoundAssessmentLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CounterpartLine {
    pub commitment_code: String,
    pub milestone_position: i32,
    pub milestone_title: String,
    pub institution: String,
    pub author: String,
    pub reported_at: DateTime<Utc>,
    pub completion: Completion,
    pub institution_fulfilled: Fulfilment,
    pub fulfilment_note: String,
    pub perceived_change: String,
    pub endorses: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundAssessmentLine {
    pub commitment_code: String,
    pub round: String,
    pub assessed_at: DateTime<Utc>,
    pub author: String,
    pub completion: Completion,
    pub narrative: String,
    pub communication: Fulfilment,
    pub communication_note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanLine {
    pub slug: String,
    pub title: String,
    pub ogp_label: Option<String>,
    pub government: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub is_demo: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Plain average of the commitments that are not withdrawn, as validated by the forum.
    pub progress: Progress,
    /// The same average of what the institutions reported (pending and contested included).
    #[serde(default)]
    pub reported: Progress,
    pub commitments: usize,
    pub milestones: usize,
    /// Updates reported by the as-of day.
    pub updates: usize,
    pub commitment_health: HealthCounts,
    pub milestone_health: HealthCounts,
    pub reviews: ReviewCounts,
    #[serde(default)]
    pub disagreements: DisagreementCounts,
    /// People, activities with other actors and sectors the reports name, added up.
    #[serde(default)]
    pub participation: Participation,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewCounts {
    pub pending: usize,
    pub validated: usize,
    pub returned: usize,
    pub contested: usize,
}

/// Milestones whose institution and counterpart disagree (latest reports by the as-of day).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisagreementCounts {
    pub state: usize,
    pub fulfilment: usize,
    /// Milestones with a disagreement of either kind.
    pub milestones: usize,
}

impl ReviewCounts {
    fn add(&mut self, state: ReviewState) {
        match state {
            ReviewState::Pending => self.pending += 1,
            ReviewState::Validated => self.validated += 1,
            ReviewState::Returned => self.returned += 1,
            ReviewState::Contested => self.contested += 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentLine {
    pub code: String,
    pub ogp_id: Option<String>,
    pub title: String,
    pub state: CommitmentState,
    pub lead: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// Validated by the forum.
    pub progress: Progress,
    /// Reported by the institutions, pending and contested included.
    #[serde(default)]
    pub reported: Progress,
    pub expected: Option<Progress>,
    pub health: Health,
    pub milestones: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneLine {
    pub commitment_code: String,
    pub position: i32,
    pub title: String,
    pub responsible: Option<String>,
    pub weight: u32,
    pub baseline_start: Option<NaiveDate>,
    pub baseline_due: Option<NaiveDate>,
    /// Planned dates in force on the as-of day.
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    /// Validated by the forum.
    pub progress: Progress,
    /// Reported by the institution, pending and contested included.
    #[serde(default)]
    pub reported: Progress,
    pub expected: Option<Progress>,
    pub status: MilestoneStatus,
    pub health: Health,
    pub last_reported_at: Option<DateTime<Utc>>,
    pub is_illustrative: bool,
    /// The counterpart's latest view by the as-of day, and where it disagrees with the
    /// institution's latest report that was not returned.
    #[serde(default)]
    pub counterpart_completion: Option<Completion>,
    #[serde(default)]
    pub counterpart_endorses: Option<bool>,
    #[serde(default)]
    pub disagrees_on_state: bool,
    #[serde(default)]
    pub disagrees_on_fulfilment: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateLine {
    pub commitment_code: String,
    pub milestone_position: i32,
    pub milestone_title: String,
    pub reported_at: DateTime<Utc>,
    pub author: String,
    pub progress: Progress,
    pub status: MilestoneStatus,
    /// The review state on the as-of day.
    pub review: ReviewState,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_note: Option<String>,
    pub narrative: String,
    pub is_illustrative: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentLine {
    pub commitment_code: String,
    pub period_label: String,
    pub as_of: Option<NaiveDate>,
    pub source: String,
    pub verifiable: Option<bool>,
    pub specificity: Option<String>,
    pub relevance: Vec<String>,
    pub potential_impact: Option<String>,
    pub completion: Option<String>,
    pub early_results: Option<String>,
    pub starred: Option<bool>,
    pub narrative: String,
}

// ---- Building ------------------------------------------------------------------------------

/// The last instant of `day` (UTC): everything stamped before the next day counts.
pub fn end_of_day(day: NaiveDate) -> DateTime<Utc> {
    let next = day.checked_add_days(Days::new(1)).unwrap_or(day);
    next.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - chrono::Duration::microseconds(1)
}

/// An update as it stood at `moment`: `None` if not yet reported, and its review undone
/// if the review came later.
fn update_as_of(u: &UpdateRecord, moment: DateTime<Utc>) -> Option<UpdateRecord> {
    if u.reported_at > moment {
        return None;
    }
    let reviewed_by_then = u.reviewed_at.is_some_and(|at| at <= moment);
    Some(if reviewed_by_then || u.review == ReviewState::Pending {
        u.clone()
    } else {
        UpdateRecord {
            review: ReviewState::Pending,
            reviewed_at: None,
            review_note: None,
            ..u.clone()
        }
    })
}

/// A milestone's planned dates at `moment`: the current ones, unless a re-plan approved
/// later moved them, in which case the dates that re-plan replaced.
fn dates_as_of(
    m: &MilestoneRecord,
    replans: &[ReplanRecord],
    moment: DateTime<Utc>,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    replans
        .iter()
        .filter(|r| r.milestone_id == m.id && r.decided_at > moment)
        .min_by_key(|r| r.decided_at)
        .map_or((m.current_start, m.current_due), |r| {
            (r.old_start, r.old_due)
        })
}

/// Builds the report of `facts` as of the end of `as_of`.
pub fn build(facts: &ReportFacts, as_of: NaiveDate) -> Report {
    let moment = end_of_day(as_of);
    let updates: Vec<UpdateRecord> = facts
        .updates
        .iter()
        .filter_map(|u| update_as_of(u, moment))
        .collect();
    let mut by_milestone: HashMap<Uuid, Vec<&UpdateRecord>> = HashMap::new();
    for u in &updates {
        by_milestone.entry(u.milestone_id).or_default().push(u);
    }
    let no_updates = Vec::new();
    let updates_of = |m: Uuid| by_milestone.get(&m).unwrap_or(&no_updates);

    let mut commitments = Vec::new();
    let mut milestones = Vec::new();
    let mut update_lines = Vec::new();
    let mut commitment_health = HealthCounts::default();
    let mut milestone_health = HealthCounts::default();
    let mut states = Vec::new();
    let mut reported_states = Vec::new();
    let mut disagreements = DisagreementCounts::default();
    let mut counterpart_lines = Vec::new();

    for c in &facts.commitments {
        let own: Vec<&MilestoneRecord> = facts
            .milestones
            .iter()
            .filter(|m| m.commitment_id == c.id)
            .collect();
        let dated: Vec<(Option<NaiveDate>, Option<NaiveDate>)> = own
            .iter()
            .map(|m| dates_as_of(m, &facts.replans, moment))
            .collect();
        let commitment_facts = CommitmentFacts {
            state: c.state,
            start: c.start,
            end: c.end,
            milestones: own
                .iter()
                .zip(&dated)
                .map(|(m, (start, due))| MilestoneFacts {
                    weight: m.weight,
                    start: *start,
                    due: *due,
                    updates: updates_of(m.id)
                        .iter()
                        .map(|u| UpdateFact {
                            reported_at: u.reported_at,
                            progress: u.progress,
                            status: u.status,
                            review: u.review,
                            reviewed_at: u.reviewed_at,
                        })
                        .collect(),
                })
                .collect(),
        };
        let figures = commitment_figures(&commitment_facts, moment);
        commitment_health.add(figures.health);
        states.push((c.state, figures.measured(|f| f.progress)));
        reported_states.push((c.state, figures.measured(|f| f.reported)));
        for ((m, (start, due)), f) in own.iter().zip(&dated).zip(&figures.milestones) {
            milestone_health.add(f.health);
            let counterpart = facts
                .counterpart_reports
                .iter()
                .filter(|k| k.milestone_id == m.id && k.reported_at <= moment)
                .max_by_key(|k| k.reported_at);
            let institution = updates_of(m.id)
                .iter()
                .filter(|u| u.review != ReviewState::Returned)
                .max_by_key(|u| u.reported_at);
            let disagreement = Disagreement::between(
                institution.map(|u| (u.status, u.counterpart_fulfilled)),
                counterpart.map(|k| (k.completion, k.institution_fulfilled)),
            );
            disagreements.add(disagreement);
            counterpart_lines.extend(
                facts
                    .counterpart_reports
                    .iter()
                    .filter(|k| k.milestone_id == m.id && k.reported_at <= moment)
                    .map(|k| CounterpartLine {
                        commitment_code: c.code.clone(),
                        milestone_position: m.position,
                        milestone_title: m.title.clone(),
                        institution: k.institution.clone(),
                        author: k.author.clone(),
                        reported_at: k.reported_at,
                        completion: k.completion,
                        institution_fulfilled: k.institution_fulfilled,
                        fulfilment_note: k.fulfilment_note.clone(),
                        perceived_change: k.perceived_change.clone(),
                        endorses: k.endorses,
                    }),
            );
            milestones.push(MilestoneLine {
                commitment_code: c.code.clone(),
                position: m.position,
                title: m.title.clone(),
                responsible: m.responsible.clone(),
                weight: m.weight,
                baseline_start: m.baseline_start,
                baseline_due: m.baseline_due,
                start: *start,
                due: *due,
                progress: f.progress,
                reported: f.reported,
                expected: f.expected,
                status: f.status,
                health: f.health,
                last_reported_at: f.last_reported_at,
                is_illustrative: m.is_illustrative,
                counterpart_completion: counterpart.map(|k| k.completion),
                counterpart_endorses: counterpart.map(|k| k.endorses),
                disagrees_on_state: disagreement.state,
                disagrees_on_fulfilment: disagreement.fulfilment,
            });
            update_lines.extend(updates_of(m.id).iter().map(|u| UpdateLine {
                commitment_code: c.code.clone(),
                milestone_position: m.position,
                milestone_title: m.title.clone(),
                reported_at: u.reported_at,
                author: u.author.clone(),
                progress: u.progress,
                status: u.status,
                review: u.review,
                reviewed_at: u.reviewed_at,
                review_note: public_review_note(u.review, u.review_note.clone()),
                narrative: u.narrative.clone(),
                is_illustrative: u.is_illustrative,
            }));
        }
        commitments.push(CommitmentLine {
            code: c.code.clone(),
            ogp_id: c.ogp_id.clone(),
            title: c.title.clone(),
            state: c.state,
            lead: c.lead.clone(),
            start: c.start,
            end: c.end,
            progress: figures.progress,
            reported: figures.reported,
            expected: figures.expected,
            health: figures.health,
            milestones: own.len(),
        });
    }

    let mut reviews = ReviewCounts::default();
    for u in &update_lines {
        reviews.add(u.review);
    }
    let assessments: Vec<AssessmentLine> = facts
        .assessments
        .iter()
        .filter(|a| a.created_at <= moment)
        .map(|a| a.line.clone())
        .collect();
    let code_of = |id: Uuid| {
        facts
            .commitments
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.code.clone())
            .unwrap_or_default()
    };
    let round_assessments = facts
        .round_assessments
        .iter()
        .filter(|a| a.assessed_at <= moment)
        .map(|a| RoundAssessmentLine {
            commitment_code: code_of(a.commitment_id),
            round: a.round.clone(),
            assessed_at: a.assessed_at,
            author: a.author.clone(),
            completion: a.completion,
            narrative: a.narrative.clone(),
            communication: a.communication,
            communication_note: a.communication_note.clone(),
        })
        .collect();

    Report {
        format_version: FORMAT_VERSION,
        as_of,
        plan: PlanLine {
            slug: facts.plan.slug.clone(),
            title: facts.plan.title.clone(),
            ogp_label: facts.plan.ogp_label.clone(),
            government: facts.plan.government.clone(),
            period_start: facts.plan.period_start,
            period_end: facts.plan.period_end,
            is_demo: facts.plan.is_demo,
        },
        summary: Summary {
            progress: plan_progress(&states),
            reported: plan_progress(&reported_states),
            commitments: commitments.len(),
            milestones: milestones.len(),
            updates: update_lines.len(),
            commitment_health,
            milestone_health,
            reviews,
            disagreements,
            participation: add_up(&facts.participation, |day| day <= as_of),
        },
        commitments,
        milestones,
        updates: update_lines,
        assessments,
        counterpart_reports: counterpart_lines,
        round_assessments,
    }
}

impl DisagreementCounts {
    fn add(&mut self, d: Disagreement) {
        self.state += usize::from(d.state);
        self.fulfilment += usize::from(d.fulfilment);
        self.milestones += usize::from(d.any());
    }
}

/// The longest name a frozen report (*corte*) may have.
pub const MAX_PERIOD_LABEL_CHARS: usize = 200;

/// The name a frozen report is given, trimmed: required, and at most
/// [`MAX_PERIOD_LABEL_CHARS`] characters.
pub fn period_label(input: &str) -> Result<&str, &'static str> {
    let label = input.trim();
    if label.is_empty() || label.chars().count() > MAX_PERIOD_LABEL_CHARS {
        return Err("mreport-period-label-invalid");
    }
    Ok(label)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_frozen_report_needs_a_name_of_at_most_200_characters() {
        assert_eq!(
            period_label("  Primer semestre 2025 "),
            Ok("Primer semestre 2025")
        );
        assert_eq!(
            period_label(&"é".repeat(200)).map(|l| l.chars().count()),
            Ok(200)
        );
        for bad in [String::new(), "   ".into(), "é".repeat(201)] {
            assert_eq!(period_label(&bad), Err("mreport-period-label-invalid"));
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0)
            .single()
            .expect("valid time")
    }

    fn p(points: u8) -> Progress {
        Progress::try_from(points).expect("0..=100")
    }

    fn update(milestone: Uuid, when: DateTime<Utc>, points: u8) -> UpdateRecord {
        UpdateRecord {
            id: Uuid::now_v7(),
            milestone_id: milestone,
            author: "Ana".into(),
            reported_at: when,
            progress: p(points),
            status: MilestoneStatus::InProgress,
            narrative: "avance".into(),
            is_illustrative: false,
            review: ReviewState::Validated,
            reviewed_at: Some(when),
            review_note: None,
            counterpart_fulfilled: None,
        }
    }

    /// One commitment with one milestone through 2024.
    fn facts(updates: Vec<UpdateRecord>, replans: Vec<ReplanRecord>) -> (ReportFacts, Uuid) {
        let (c, m) = (Uuid::now_v7(), Uuid::now_v7());
        let updates = updates
            .into_iter()
            .map(|u| UpdateRecord {
                milestone_id: m,
                ..u
            })
            .collect();
        let replans = replans
            .into_iter()
            .map(|r| ReplanRecord {
                milestone_id: m,
                ..r
            })
            .collect();
        let facts = ReportFacts {
            plan: PlanRecord {
                slug: "plan".into(),
                title: "Plan".into(),
                ogp_label: None,
                government: "Ecuador".into(),
                period_start: day(2024, 1, 1),
                period_end: day(2025, 12, 31),
                is_demo: false,
            },
            commitments: vec![CommitmentRecord {
                id: c,
                code: "1".into(),
                ogp_id: None,
                title: "Datos abiertos".into(),
                state: CommitmentState::Approved,
                lead: None,
                start: None,
                end: None,
            }],
            milestones: vec![MilestoneRecord {
                id: m,
                commitment_id: c,
                position: 1,
                title: "Portal".into(),
                responsible: None,
                weight: 1,
                baseline_start: Some(day(2024, 1, 1)),
                baseline_due: Some(day(2024, 12, 31)),
                current_start: Some(day(2024, 1, 1)),
                current_due: Some(day(2025, 6, 30)),
                is_illustrative: false,
            }],
            updates,
            replans,
            assessments: vec![],
            counterpart_reports: Vec::new(),
            round_assessments: Vec::new(),
            participation: Vec::new(),
        };
        (facts, m)
    }

    fn counterpart(
        milestone: Uuid,
        when: DateTime<Utc>,
        completion: Completion,
    ) -> CounterpartRecord {
        CounterpartRecord {
            milestone_id: milestone,
            institution: "Fundación Datos".into(),
            author: "Rosa".into(),
            reported_at: when,
            completion,
            institution_fulfilled: Fulfilment::Yes,
            fulfilment_note: String::new(),
            perceived_change: "Más datos publicados".into(),
            endorses: completion == Completion::Complete,
        }
    }

    #[test]
    fn a_report_as_of_a_past_day_shows_the_voices_as_they_were_then() {
        let nil = Uuid::nil();
        let mut done = update(nil, at(2024, 5, 1), 100);
        done.status = MilestoneStatus::Completed;
        let (mut f, m) = facts(vec![update(nil, at(2024, 3, 1), 40), done], vec![]);
        f.counterpart_reports = vec![
            counterpart(m, at(2024, 3, 10), Completion::Limited),
            counterpart(m, at(2024, 8, 1), Completion::Complete),
        ];
        // March: in progress vs limited agree; the completed report is not yet filed.
        let march = build(&f, day(2024, 3, 31));
        assert_eq!(
            march.milestones[0].counterpart_completion,
            Some(Completion::Limited)
        );
        assert!(!march.milestones[0].disagrees_on_state);
        assert_eq!(march.counterpart_reports.len(), 1);
        // June: the institution says completed, the counterpart still limited.
        let june = build(&f, day(2024, 6, 30));
        assert!(june.milestones[0].disagrees_on_state);
        assert_eq!(june.summary.disagreements.milestones, 1);
        assert_eq!(june.milestones[0].counterpart_endorses, Some(false));
        // August: the counterpart agrees and endorses.
        let august = build(&f, day(2024, 8, 31));
        assert!(!august.milestones[0].disagrees_on_state);
        assert_eq!(august.summary.disagreements.milestones, 0);
        assert_eq!(august.counterpart_reports.len(), 2);
    }

    #[test]
    fn a_report_as_of_a_past_day_ignores_later_updates() {
        let nil = Uuid::nil();
        let (f, _) = facts(
            vec![
                update(nil, at(2024, 3, 1), 20),
                update(nil, at(2024, 6, 1), 70),
            ],
            vec![],
        );
        let before = build(&f, day(2024, 5, 31));
        assert_eq!(before.commitments[0].progress, p(20));
        assert_eq!(before.updates.len(), 1);
        assert_eq!(build(&f, day(2024, 6, 1)).commitments[0].progress, p(70));
    }

    #[test]
    fn an_update_counts_all_through_the_day_it_was_reported() {
        let late_evening = Utc
            .with_ymd_and_hms(2024, 6, 1, 23, 59, 59)
            .single()
            .expect("valid");
        let (f, _) = facts(vec![update(Uuid::nil(), late_evening, 40)], vec![]);
        assert_eq!(build(&f, day(2024, 6, 1)).summary.progress, p(40));
        assert_eq!(build(&f, day(2024, 5, 31)).summary.progress, p(0));
    }

    #[test]
    fn a_return_decided_after_the_day_does_not_count_yet() {
        let returned = UpdateRecord {
            review: ReviewState::Returned,
            reviewed_at: Some(at(2024, 4, 1)),
            review_note: Some("sin evidencia".into()),
            ..update(Uuid::nil(), at(2024, 3, 1), 50)
        };
        let (f, _) = facts(vec![returned], vec![]);
        let before = build(&f, day(2024, 3, 31));
        // Still pending then: the institution's claim, not yet a validated figure.
        assert_eq!(before.commitments[0].reported, p(50));
        assert_eq!(before.commitments[0].progress, p(0));
        assert_eq!(before.updates[0].review, ReviewState::Pending);
        assert_eq!(before.updates[0].review_note, None);
        let after = build(&f, day(2024, 4, 1));
        assert_eq!(after.commitments[0].progress, p(0));
        assert_eq!(after.commitments[0].reported, p(0));
        assert_eq!(after.summary.reviews.returned, 1);
    }

    #[test]
    fn a_replan_approved_after_the_day_leaves_the_old_dates() {
        let replan = ReplanRecord {
            milestone_id: Uuid::nil(),
            old_start: Some(day(2024, 1, 1)),
            old_due: Some(day(2024, 12, 31)),
            decided_at: at(2025, 1, 10),
        };
        let (f, _) = facts(vec![], vec![replan]);
        let before = build(&f, day(2025, 1, 9));
        assert_eq!(before.milestones[0].due, Some(day(2024, 12, 31)));
        assert_eq!(before.milestones[0].health, Health::Overdue);
        let after = build(&f, day(2025, 1, 10));
        assert_eq!(after.milestones[0].due, Some(day(2025, 6, 30)));
    }

    #[test]
    fn assessments_appear_once_recorded() {
        let (mut f, _) = facts(vec![], vec![]);
        f.assessments.push(AssessmentRecord {
            commitment_id: f.commitments[0].id,
            created_at: at(2024, 9, 1),
            line: AssessmentLine {
                commitment_code: "1".into(),
                period_label: "2024".into(),
                as_of: None,
                source: "forum".into(),
                verifiable: None,
                specificity: None,
                relevance: vec![],
                potential_impact: None,
                completion: Some("limited".into()),
                early_results: None,
                starred: None,
                narrative: String::new(),
            },
        });
        assert!(build(&f, day(2024, 8, 31)).assessments.is_empty());
        assert_eq!(build(&f, day(2024, 9, 1)).assessments.len(), 1);
    }

    #[test]
    fn the_same_history_builds_the_same_report() {
        let (f, _) = facts(vec![update(Uuid::nil(), at(2024, 3, 1), 20)], vec![]);
        assert_eq!(build(&f, day(2024, 7, 1)), build(&f, day(2024, 7, 1)));
    }
}
