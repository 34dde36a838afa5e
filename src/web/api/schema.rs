//! The API's public types: what `/api/v1` answers and the OpenAPI document describes. They
//! are built from the store's rows, so a change of a query never silently changes the
//! published schema.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::store::api;

/// A page of items.
#[derive(Serialize, ToSchema)]
pub struct List<T: ToSchema> {
    pub items: Vec<T>,
    /// Items matching the filters, on every page; absent for progress updates and counterpart
    /// reports, which are not counted (follow `next` until it is absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
    pub limit: i64,
    pub offset: i64,
    /// The next page (path and query), when there is one.
    pub next: Option<String>,
}

/// An error: the status, a stable code and a message in the visitor's language.
#[derive(Serialize, ToSchema)]
pub struct ApiErrorBody {
    pub error: ApiErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ApiErrorDetail {
    pub status: u16,
    /// Stable code, e.g. `api-bad-limit`.
    pub code: String,
    /// The parameter at fault, when one is.
    pub parameter: Option<String>,
    pub message: String,
}

/// A published action plan.
#[derive(Serialize, ToSchema)]
pub struct Plan {
    pub id: Uuid,
    pub government_id: Uuid,
    pub government: String,
    /// The government's slug, as in `/governments/{slug}` and the `government` filter.
    pub government_slug: String,
    /// national or local.
    pub government_kind: String,
    /// ISO 3166-1 alpha-2 code of the government's country.
    #[schema(example = "EC")]
    pub country_code: String,
    /// OGP's number of the plan within its government (1 for its first), when known.
    pub ogp_plan_number: Option<i16>,
    pub title: String,
    pub slug: String,
    pub ogp_label: Option<String>,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// co_creation, implementation or closed.
    pub phase: String,
    pub summary: String,
    pub is_demo: bool,
    pub sources: Vec<String>,
    pub commitments: i64,
    /// Which figure the forum chose to lead the plan's headline and decide its health: both
    /// (side by side, health from the validated one), validated or reported.
    pub headline_figure: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An institution sharing responsibility for a commitment.
#[derive(Serialize, ToSchema)]
pub struct CommitmentActor {
    pub name: String,
    pub acronym: Option<String>,
    pub slug: String,
    pub sector: String,
    /// lead, civil_society_co_lead or supporting.
    pub role: String,
}

/// A commitment of a published plan (OGP commitment template).
#[derive(Serialize, ToSchema)]
pub struct Commitment {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub plan_slug: String,
    pub code: String,
    pub ogp_id: Option<String>,
    pub title: String,
    pub title_en: Option<String>,
    pub problem: String,
    pub objective: String,
    pub description: String,
    pub ogp_values: Vec<String>,
    pub policy_areas: Vec<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    /// draft, consultation, approved or withdrawn.
    pub state: String,
    pub is_illustrative: bool,
    pub actors: Vec<CommitmentActor>,
    pub approved_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A milestone with its baseline and current dates and its current figures.
#[derive(Serialize, ToSchema)]
pub struct Milestone {
    pub id: Uuid,
    pub commitment_id: Uuid,
    pub plan_slug: String,
    pub commitment_code: String,
    pub position: i32,
    pub title: String,
    pub expected_output: String,
    pub responsible_institution_id: Option<Uuid>,
    pub responsible_institution: Option<String>,
    pub weight: i32,
    pub baseline_start: Option<NaiveDate>,
    pub baseline_due: Option<NaiveDate>,
    pub current_start: Option<NaiveDate>,
    pub current_due: Option<NaiveDate>,
    /// 0–100, reported by the institution: the latest report that was not returned
    /// (pending and contested included).
    pub current_progress: i16,
    /// not_started, in_progress, completed, delayed or cancelled, as reported.
    pub current_status: String,
    pub last_update_at: Option<DateTime<Utc>>,
    /// The review of the report giving `current_progress`: pending, validated or contested.
    pub claim_review: Option<String>,
    /// 0–100, validated by the forum: the latest validated report.
    pub validated_progress: i16,
    /// The status of the latest validated report.
    pub validated_status: String,
    pub validated_update_at: Option<DateTime<Utc>>,
    pub is_illustrative: bool,
    pub updated_at: DateTime<Utc>,
}

/// Evidence attached to a progress report: a link, or a file's metadata and download address.
#[derive(Serialize, ToSchema)]
pub struct Evidence {
    pub id: Uuid,
    /// link or file.
    pub kind: String,
    pub evidence_type: String,
    pub title: String,
    pub url: Option<String>,
    /// Where a file is downloaded (`/evidence/{id}`), for kind file.
    pub file_path: Option<String>,
    pub file_name: Option<String>,
    pub media_type: Option<String>,
    pub size_bytes: Option<i64>,
    pub sha256: Option<String>,
    pub evidence_date: Option<NaiveDate>,
}

/// A progress report (append-only) with its review state.
#[derive(Serialize, ToSchema)]
pub struct Update {
    pub id: Uuid,
    pub milestone_id: Uuid,
    pub commitment_id: Uuid,
    pub plan_slug: String,
    pub author_name: String,
    pub reported_at: DateTime<Utc>,
    pub progress: i16,
    /// not_started, in_progress, completed, delayed or cancelled.
    pub status: String,
    pub narrative: String,
    pub is_illustrative: bool,
    /// pending, validated, returned or contested.
    pub review_state: String,
    pub reviewed_at: Option<DateTime<Utc>>,
    /// The public reason of a contest or validation; a returned report's note is private.
    pub review_note: Option<String>,
    /// Did the civil-society counterpart fulfil its responsibilities: yes, partly or no
    /// (null: not answered).
    pub counterpart_fulfilled: Option<String>,
    /// Why it fulfilled them partly or not at all.
    pub counterpart_fulfilment_note: String,
    /// Activities involving other actors since the previous report.
    pub activities_with_others: Option<i32>,
    /// People who took part since the previous report.
    pub participants: Option<i32>,
    /// Their sectors: government, civil_society, academia, private_sector, multilateral.
    pub participant_sectors: Vec<String>,
    pub challenges: String,
    pub next_steps: String,
    pub actual_start: Option<NaiveDate>,
    pub actual_completion: Option<NaiveDate>,
    pub evidence: Vec<Evidence>,
}

/// A monitoring assessment, aligned with the IRM scales.
#[derive(Serialize, ToSchema)]
pub struct Assessment {
    pub id: Uuid,
    pub commitment_id: Uuid,
    pub plan_slug: String,
    pub commitment_code: String,
    pub period_label: String,
    pub as_of: Option<NaiveDate>,
    pub verifiable: Option<bool>,
    pub specificity: Option<String>,
    pub relevance: Vec<String>,
    pub potential_impact: Option<String>,
    pub completion: Option<String>,
    pub early_results: Option<String>,
    pub starred: Option<bool>,
    pub narrative: String,
    /// forum, irm_import or irm.
    pub source: String,
    pub source_label: String,
    pub created_at: DateTime<Utc>,
}

/// A civil-society counterpart's report on a milestone: its own view, beside the
/// institution's progress report.
#[derive(Serialize, ToSchema)]
pub struct CounterpartReport {
    pub id: Uuid,
    pub milestone_id: Uuid,
    pub commitment_id: Uuid,
    pub plan_slug: String,
    pub commitment_code: String,
    /// The co-lead institution the author reports for.
    pub institution_slug: String,
    pub institution_name: String,
    pub author_name: String,
    pub reported_at: DateTime<Utc>,
    /// The milestone's state as the counterpart sees it (IRM completion scale):
    /// no_evidence, not_started, limited, substantial, complete or withdrawn.
    pub completion: String,
    /// Did the responsible institution fulfil its responsibilities: yes, partly or no.
    pub institution_fulfilled: String,
    /// Why partly or not at all.
    pub fulfilment_note: String,
    /// The change the counterpart perceives (situation before and after).
    pub perceived_change: String,
    /// The counterpart's sign-off: "we endorse the progress reported".
    pub endorses: bool,
    pub evidence: Vec<Evidence>,
}

/// The forum's assessment of a commitment in a reporting round.
#[derive(Serialize, ToSchema)]
pub struct RoundAssessment {
    pub id: Uuid,
    pub commitment_id: Uuid,
    pub plan_slug: String,
    pub commitment_code: String,
    pub round_id: Uuid,
    pub round_label: String,
    pub round_opens_on: NaiveDate,
    pub round_closes_on: NaiveDate,
    pub author_name: String,
    pub assessed_at: DateTime<Utc>,
    /// IRM completion scale: no_evidence, not_started, limited, substantial, complete or
    /// withdrawn.
    pub completion: String,
    pub narrative: String,
    /// Was the co-created communication strategy carried out this round: yes, partly or no.
    pub communication: String,
    pub communication_note: String,
}

/// A co-creation proposal with the forum's reasoned response.
#[derive(Serialize, ToSchema)]
pub struct Proposal {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub plan_slug: String,
    pub title: String,
    pub problem: String,
    pub proposal: String,
    pub theme: String,
    pub institution_id: Option<Uuid>,
    /// submitted, under_review, accepted, merged or not_accepted.
    pub state: String,
    pub response: Option<String>,
    pub responded_at: Option<DateTime<Utc>>,
    pub commitment_id: Option<Uuid>,
    pub supports: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<api::Plan> for Plan {
    fn from(row: api::Plan) -> Self {
        Self {
            id: row.id,
            government_id: row.government_id,
            government: row.government,
            government_slug: row.government_slug,
            government_kind: row.government_kind,
            country_code: row.country_code,
            ogp_plan_number: row.ogp_plan_number,
            title: row.title,
            slug: row.slug,
            ogp_label: row.ogp_label,
            period_start: row.period_start,
            period_end: row.period_end,
            phase: row.phase,
            summary: row.summary,
            is_demo: row.is_demo,
            sources: row.sources,
            commitments: row.commitments,
            headline_figure: row.headline_figure,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

impl From<api::CommitmentActor> for CommitmentActor {
    fn from(row: api::CommitmentActor) -> Self {
        Self {
            name: row.name,
            acronym: row.acronym,
            slug: row.slug,
            sector: row.sector,
            role: row.role,
        }
    }
}

impl From<api::Commitment> for Commitment {
    fn from(row: api::Commitment) -> Self {
        Self {
            id: row.id,
            plan_id: row.plan_id,
            plan_slug: row.plan_slug,
            code: row.code,
            ogp_id: row.ogp_id,
            title: row.title,
            title_en: row.title_en,
            problem: row.problem,
            objective: row.objective,
            description: row.description,
            ogp_values: row.ogp_values,
            policy_areas: row.policy_areas,
            start_date: row.start_date,
            end_date: row.end_date,
            state: row.state,
            is_illustrative: row.is_illustrative,
            actors: row
                .actors
                .0
                .into_iter()
                .map(CommitmentActor::from)
                .collect(),
            approved_at: row.approved_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

impl From<api::Milestone> for Milestone {
    fn from(row: api::Milestone) -> Self {
        Self {
            id: row.id,
            commitment_id: row.commitment_id,
            plan_slug: row.plan_slug,
            commitment_code: row.commitment_code,
            position: row.position,
            title: row.title,
            expected_output: row.expected_output,
            responsible_institution_id: row.responsible_institution_id,
            responsible_institution: row.responsible_institution,
            weight: row.weight,
            baseline_start: row.baseline_start,
            baseline_due: row.baseline_due,
            current_start: row.current_start,
            current_due: row.current_due,
            current_progress: row.current_progress,
            current_status: row.current_status,
            last_update_at: row.last_update_at,
            claim_review: row.claim_review,
            validated_progress: row.validated_progress,
            validated_status: row.validated_status,
            validated_update_at: row.validated_update_at,
            is_illustrative: row.is_illustrative,
            updated_at: row.updated_at,
        }
    }
}

impl From<api::Evidence> for Evidence {
    fn from(row: api::Evidence) -> Self {
        Self {
            id: row.id,
            kind: row.kind,
            evidence_type: row.evidence_type,
            title: row.title,
            url: row.url,
            file_path: row.file_path,
            file_name: row.file_name,
            media_type: row.media_type,
            size_bytes: row.size_bytes,
            sha256: row.sha256,
            evidence_date: row.evidence_date,
        }
    }
}

impl From<api::Update> for Update {
    fn from(row: api::Update) -> Self {
        Self {
            id: row.id,
            milestone_id: row.milestone_id,
            commitment_id: row.commitment_id,
            plan_slug: row.plan_slug,
            author_name: row.author_name,
            reported_at: row.reported_at,
            progress: row.progress,
            status: row.status,
            narrative: row.narrative,
            is_illustrative: row.is_illustrative,
            review_state: row.review_state,
            reviewed_at: row.reviewed_at,
            review_note: row.review_note,
            counterpart_fulfilled: row.counterpart_fulfilled,
            counterpart_fulfilment_note: row.counterpart_fulfilment_note,
            activities_with_others: row.activities_with_others,
            participants: row.participants,
            participant_sectors: row.participant_sectors,
            challenges: row.challenges,
            next_steps: row.next_steps,
            actual_start: row.actual_start,
            actual_completion: row.actual_completion,
            evidence: row.evidence.0.into_iter().map(Evidence::from).collect(),
        }
    }
}

impl From<api::Assessment> for Assessment {
    fn from(row: api::Assessment) -> Self {
        Self {
            id: row.id,
            commitment_id: row.commitment_id,
            plan_slug: row.plan_slug,
            commitment_code: row.commitment_code,
            period_label: row.period_label,
            as_of: row.as_of,
            verifiable: row.verifiable,
            specificity: row.specificity,
            relevance: row.relevance,
            potential_impact: row.potential_impact,
            completion: row.completion,
            early_results: row.early_results,
            starred: row.starred,
            narrative: row.narrative,
            source: row.source,
            source_label: row.source_label,
            created_at: row.created_at,
        }
    }
}

impl From<api::CounterpartReport> for CounterpartReport {
    fn from(row: api::CounterpartReport) -> Self {
        Self {
            id: row.id,
            milestone_id: row.milestone_id,
            commitment_id: row.commitment_id,
            plan_slug: row.plan_slug,
            commitment_code: row.commitment_code,
            institution_slug: row.institution_slug,
            institution_name: row.institution_name,
            author_name: row.author_name,
            reported_at: row.reported_at,
            completion: row.completion,
            institution_fulfilled: row.institution_fulfilled,
            fulfilment_note: row.fulfilment_note,
            perceived_change: row.perceived_change,
            endorses: row.endorses,
            evidence: row.evidence.0.into_iter().map(Evidence::from).collect(),
        }
    }
}

impl From<api::RoundAssessment> for RoundAssessment {
    fn from(row: api::RoundAssessment) -> Self {
        Self {
            id: row.id,
            commitment_id: row.commitment_id,
            plan_slug: row.plan_slug,
            commitment_code: row.commitment_code,
            round_id: row.round_id,
            round_label: row.round_label,
            round_opens_on: row.round_opens_on,
            round_closes_on: row.round_closes_on,
            author_name: row.author_name,
            assessed_at: row.assessed_at,
            completion: row.completion,
            narrative: row.narrative,
            communication: row.communication,
            communication_note: row.communication_note,
        }
    }
}

impl From<api::Proposal> for Proposal {
    fn from(row: api::Proposal) -> Self {
        Self {
            id: row.id,
            plan_id: row.plan_id,
            plan_slug: row.plan_slug,
            title: row.title,
            problem: row.problem,
            proposal: row.proposal,
            theme: row.theme,
            institution_id: row.institution_id,
            state: row.state,
            response: row.response,
            responded_at: row.responded_at,
            commitment_id: row.commitment_id,
            supports: row.supports,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// A value at a date (IATI's baseline and target).
#[derive(Serialize, ToSchema)]
pub struct DatedValue {
    pub value: f64,
    pub date: NaiveDate,
}

/// One measurement of an indicator (IATI's actual, per period: the date measured).
#[derive(Serialize, ToSchema)]
pub struct IndicatorActual {
    pub id: Uuid,
    /// The day the value was measured.
    pub date: NaiveDate,
    pub value: f64,
    pub source: String,
    pub evidence_url: Option<String>,
    /// Label → value (for example by sex or province), when the data has it.
    #[schema(value_type = Option<Object>)]
    pub disaggregation: Option<serde_json::Value>,
    /// pending, validated or returned: only validated measurements count.
    pub review_state: String,
    pub recorded_at: DateTime<Utc>,
}

/// An outcome indicator of a commitment: baseline, target and what was measured.
#[derive(Serialize, ToSchema)]
pub struct Indicator {
    pub id: Uuid,
    pub commitment_id: Uuid,
    pub milestone_id: Option<Uuid>,
    pub plan_slug: String,
    pub commitment_code: String,
    pub name: String,
    pub unit: String,
    /// increase or decrease: which way is better.
    pub direction: String,
    pub baseline: DatedValue,
    pub baseline_source: String,
    pub target: DatedValue,
    pub actual: Vec<IndicatorActual>,
    /// Share of the way from baseline to target of the latest validated measurement, in
    /// percent (not clamped: below 0 or above 100 when it went beyond); null without one.
    pub validated_share: Option<f64>,
}

impl From<api::Indicator> for Indicator {
    fn from(row: api::Indicator) -> Self {
        use crate::domain::indicators::{MeasuredValue, validated_figure};
        let values: Vec<MeasuredValue> = row
            .actual
            .0
            .iter()
            .map(|a| MeasuredValue {
                value: a.value,
                measured_on: a.measured_on,
                validated: a.review_state == "validated",
            })
            .collect();
        let validated_share =
            validated_figure(row.baseline_value, row.target_value, &values).map(|(_, s)| s.raw);
        Self {
            id: row.id,
            commitment_id: row.commitment_id,
            milestone_id: row.milestone_id,
            plan_slug: row.plan_slug,
            commitment_code: row.commitment_code,
            name: row.name,
            unit: row.unit,
            direction: row.direction,
            baseline: DatedValue {
                value: row.baseline_value,
                date: row.baseline_date,
            },
            baseline_source: row.baseline_source,
            target: DatedValue {
                value: row.target_value,
                date: row.target_date,
            },
            actual: row
                .actual
                .0
                .into_iter()
                .map(|a| IndicatorActual {
                    id: a.id,
                    date: a.measured_on,
                    value: a.value,
                    source: a.source,
                    evidence_url: a.evidence_url,
                    disaggregation: a.disaggregation,
                    review_state: a.review_state,
                    recorded_at: a.recorded_at,
                })
                .collect(),
            validated_share,
        }
    }
}
