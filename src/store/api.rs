//! Queries of the read-only JSON API (`/api/v1`): one statement per page, with the number of
//! matching items counted by a window function. Only published plans (not drafts) and what
//! hangs from them; people appear by the name shown publicly, never by account.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use sqlx::PgPool;
use sqlx::types::Json;
use uuid::Uuid;

use crate::domain::progress_report::public_review_note_of;

/// Parsed filters and paging of a list request; each query reads the filters it knows.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// One item by id (item endpoints).
    pub id: Option<Uuid>,
    /// Plan slug.
    pub plan: Option<String>,
    pub commitment: Option<Uuid>,
    pub milestone: Option<Uuid>,
    /// Institution slug.
    pub institution: Option<String>,
    /// Government slug.
    pub government: Option<String>,
    /// ISO 3166-1 alpha-2 country code of the plan's government, upper case.
    pub country: Option<String>,
    /// OGP's number of the plan within its government (1 for the first plan).
    pub ogp_plan_number: Option<i16>,
    /// State, status or phase, as the list defines it.
    pub state: Option<String>,
    pub review_state: Option<String>,
    /// Changed (or, for append-only records, recorded or reviewed) at or after.
    pub since: Option<DateTime<Utc>>,
    pub limit: i64,
    pub offset: i64,
}

/// A page of items and the number of items matching the filters.
pub struct Page<T> {
    pub items: Vec<T>,
    /// Items matching the filters; `None` where counting would read the whole history.
    pub total: Option<i64>,
    /// Whether items follow this page.
    pub more: bool,
}

impl<T> Page<T> {
    /// The same page with each item turned into another type.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            more: self.more,
        }
    }
}

/// Runs a page query; when the page lies past the end, one more statement (the first item)
/// gives the count, so a list never costs more than two statements.
async fn counted<T, Fut>(
    f: &Filter,
    run: impl Fn(i64, i64) -> Fut,
    total: fn(&T) -> i64,
) -> sqlx::Result<Page<T>>
where
    Fut: std::future::Future<Output = sqlx::Result<Vec<T>>>,
{
    let items = run(f.limit, f.offset).await?;
    let total = match items.first() {
        Some(first) => total(first),
        None if f.offset > 0 => run(1, 0).await?.first().map(total).unwrap_or(0),
        None => 0,
    };
    let end = f.offset + i64::try_from(items.len()).unwrap_or(i64::MAX);
    Ok(Page {
        items,
        total: Some(total),
        more: end < total,
    })
}

/// Runs a page query for one item more than asked: whether more follow, without counting
/// (progress updates grow without bound; a count would read them all on every page).
async fn uncounted<T, Fut>(f: &Filter, run: impl Fn(i64, i64) -> Fut) -> sqlx::Result<Page<T>>
where
    Fut: std::future::Future<Output = sqlx::Result<Vec<T>>>,
{
    let mut items = run(f.limit.saturating_add(1), f.offset).await?;
    let more = items.len() > usize::try_from(f.limit).unwrap_or(usize::MAX);
    items.truncate(usize::try_from(f.limit).unwrap_or(usize::MAX));
    Ok(Page {
        items,
        total: None,
        more,
    })
}

/// A published action plan.
#[derive(Debug)]
pub struct Plan {
    pub id: Uuid,
    pub government_id: Uuid,
    pub government: String,
    pub government_slug: String,
    /// national or local.
    pub government_kind: String,
    pub country_code: String,
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
    pub headline_figure: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub total: i64,
}

pub async fn plans(db: &PgPool, f: &Filter) -> sqlx::Result<Page<Plan>> {
    let run = |limit: i64, offset: i64| {
        sqlx::query_as!(
            Plan,
            r#"SELECT p.id, p.government_id, g.name AS government, g.slug AS government_slug,
                  g.kind AS government_kind, g.country_code AS "country_code!",
                  p.ogp_plan_number, p.title, p.slug, p.ogp_label,
                  p.period_start, p.period_end, p.phase, p.summary, p.is_demo, p.sources,
                  (SELECT count(*) FROM commitments c WHERE c.plan_id = p.id) AS "commitments!",
                  p.headline_figure, p.created_at, p.updated_at, count(*) OVER () AS "total!"
             FROM action_plans p JOIN governments g ON g.id = p.government_id
            WHERE p.phase <> 'draft'
              AND ($1::uuid IS NULL OR p.id = $1)
              AND ($2::text IS NULL OR p.phase = $2)
              AND ($3::timestamptz IS NULL OR p.updated_at >= $3)
              AND ($4::text IS NULL OR g.slug = $4)
              AND ($5::text IS NULL OR g.country_code = $5)
              AND ($6::smallint IS NULL OR p.ogp_plan_number = $6)
            ORDER BY p.period_start, p.id
            LIMIT $7 OFFSET $8"#,
            f.id,
            f.state,
            f.since,
            f.government,
            f.country,
            f.ogp_plan_number,
            limit,
            offset
        )
        .fetch_all(db)
    };
    counted(f, run, |r| r.total).await
}

/// An institution sharing responsibility for a commitment.
#[derive(Debug, Deserialize)]
pub struct CommitmentActor {
    pub name: String,
    pub acronym: Option<String>,
    pub slug: String,
    pub sector: String,
    /// lead, civil_society_co_lead or supporting.
    pub role: String,
}

/// A commitment of a published plan (OGP commitment template).
#[derive(Debug)]
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
    pub actors: Json<Vec<CommitmentActor>>,
    pub approved_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub total: i64,
}

pub async fn commitments(db: &PgPool, f: &Filter) -> sqlx::Result<Page<Commitment>> {
    let run = |limit: i64, offset: i64| {
        sqlx::query_as!(
            Commitment,
            // The page's ids are chosen (and counted) on narrow rows; the long texts and the
            // actors are read for those rows only.
            r#"SELECT c.id, c.plan_id, pg.plan_slug AS "plan_slug!", c.code, c.ogp_id, c.title,
                  c.title_en, c.problem, c.objective, c.description, c.ogp_values,
                  c.policy_areas, c.start_date, c.end_date, c.state, c.is_illustrative,
                  al.actors AS "actors!: Json<Vec<CommitmentActor>>",
                  c.approved_at, c.created_at, c.updated_at, pg.total AS "total!"
             FROM (SELECT c.id, p.slug AS plan_slug, p.period_start, count(*) OVER () AS total
                     FROM commitments c
                     JOIN action_plans p ON p.id = c.plan_id
                    WHERE p.phase <> 'draft'
                      AND ($1::uuid IS NULL OR c.id = $1)
                      AND ($2::text IS NULL OR p.slug = $2)
                      AND ($3::text IS NULL OR EXISTS (
                            SELECT 1 FROM commitment_actors a
                              JOIN institutions i ON i.id = a.institution_id
                             WHERE a.commitment_id = c.id AND i.slug = $3))
                      AND ($4::text IS NULL OR c.state = $4)
                      AND ($5::timestamptz IS NULL OR c.updated_at >= $5)
                      AND ($6::text IS NULL OR p.government_id =
                            (SELECT id FROM governments WHERE slug = $6))
                      AND ($7::text IS NULL OR p.government_id IN
                            (SELECT id FROM governments WHERE country_code = $7))
                      AND ($8::smallint IS NULL OR p.ogp_plan_number = $8)
                    ORDER BY p.period_start, p.id, length(c.code), c.code
                    LIMIT $9 OFFSET $10) pg
             JOIN commitments c ON c.id = pg.id
             JOIN commitment_actor_lists al ON al.commitment_id = c.id
            ORDER BY pg.period_start, c.plan_id, length(c.code), c.code"#,
            f.id,
            f.plan,
            f.institution,
            f.state,
            f.since,
            f.government,
            f.country,
            f.ogp_plan_number,
            limit,
            offset
        )
        .fetch_all(db)
    };
    counted(f, run, |r| r.total).await
}

/// A milestone with its baseline and current dates and its current figures.
#[derive(Debug)]
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
    pub total: i64,
}

pub async fn milestones(db: &PgPool, f: &Filter) -> sqlx::Result<Page<Milestone>> {
    let run = |limit: i64, offset: i64| {
        sqlx::query_as!(
            Milestone,
            r#"SELECT m.id, m.commitment_id, p.slug AS plan_slug, c.code AS commitment_code,
                  m.position, m.title, m.expected_output, m.responsible_institution_id,
                  i.name AS "responsible_institution?", m.weight, m.baseline_start,
                  m.baseline_due, m.current_start, m.current_due, m.current_progress,
                  m.current_status, m.last_update_at, m.claim_review, m.validated_progress,
                  m.validated_status, m.validated_update_at, m.is_illustrative, m.updated_at,
                  count(*) OVER () AS "total!"
             FROM milestones m
             JOIN commitments c ON c.id = m.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
             LEFT JOIN institutions i ON i.id = m.responsible_institution_id
            WHERE p.phase <> 'draft'
              AND ($1::uuid IS NULL OR m.id = $1)
              AND ($2::text IS NULL OR p.slug = $2)
              AND ($3::uuid IS NULL OR m.commitment_id = $3)
              AND ($4::text IS NULL OR i.slug = $4)
              AND ($5::text IS NULL OR m.current_status = $5)
              AND ($6::timestamptz IS NULL OR m.updated_at >= $6)
            ORDER BY p.period_start, p.id, length(c.code), c.code, m.position
            LIMIT $7 OFFSET $8"#,
            f.id,
            f.plan,
            f.commitment,
            f.institution,
            f.state,
            f.since,
            limit,
            offset
        )
        .fetch_all(db)
    };
    counted(f, run, |r| r.total).await
}

/// Evidence attached to a progress report: a link, or a file's metadata and download address.
#[derive(Debug, Deserialize)]
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
#[derive(Debug)]
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
    pub evidence: Json<Vec<Evidence>>,
}

pub async fn updates(db: &PgPool, f: &Filter) -> sqlx::Result<Page<Update>> {
    let run = |limit: i64, offset: i64| {
        sqlx::query_as!(
            Update,
            r#"SELECT u.id, u.milestone_id, m.commitment_id, p.slug AS plan_slug, u.author_name,
                  u.reported_at, u.progress, u.status, u.narrative, u.is_illustrative,
                  u.review_state, u.reviewed_at,
                  u.review_note, u.counterpart_fulfilled, u.counterpart_fulfilment_note,
                  u.activities_with_others, u.participants, u.participant_sectors,
                  u.challenges, u.next_steps, u.actual_start, u.actual_completion,
                  COALESCE((SELECT json_agg(json_build_object(
                                'id', e.id, 'kind', e.kind, 'evidence_type', e.evidence_type,
                                'title', e.title, 'url', e.url,
                                'file_path', CASE WHEN e.kind = 'file'
                                                  THEN '/evidence/' || e.id::text END,
                                'file_name', e.file_name, 'media_type', e.media_type,
                                'size_bytes', e.size_bytes, 'sha256', e.sha256,
                                'evidence_date', e.evidence_date) ORDER BY e.created_at, e.id)
                              FROM evidence e WHERE e.update_id = u.id), '[]')
                    AS "evidence!: Json<Vec<Evidence>>"
             FROM progress_updates u
             JOIN milestones m ON m.id = u.milestone_id
             JOIN commitments c ON c.id = m.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
             LEFT JOIN institutions i ON i.id = m.responsible_institution_id
            WHERE p.phase <> 'draft'
              AND ($1::uuid IS NULL OR u.id = $1)
              AND ($2::text IS NULL OR p.slug = $2)
              AND ($3::uuid IS NULL OR u.milestone_id = $3)
              AND ($4::text IS NULL OR i.slug = $4)
              AND ($5::text IS NULL OR u.status = $5)
              AND ($6::text IS NULL OR u.review_state = $6)
              AND ($7::timestamptz IS NULL OR GREATEST(u.reported_at, u.reviewed_at) >= $7)
            ORDER BY u.reported_at DESC, u.id DESC
            LIMIT $8 OFFSET $9"#,
            f.id,
            f.plan,
            f.milestone,
            f.institution,
            f.state,
            f.review_state,
            f.since,
            limit,
            offset
        )
        .fetch_all(db)
    };
    let mut page = uncounted(f, run).await?;
    for update in &mut page.items {
        update.review_note = public_review_note_of(&update.review_state, update.review_note.take());
    }
    Ok(page)
}

/// A monitoring assessment, aligned with the IRM scales.
#[derive(Debug)]
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
    pub total: i64,
}

pub async fn assessments(db: &PgPool, f: &Filter) -> sqlx::Result<Page<Assessment>> {
    let run = |limit: i64, offset: i64| {
        sqlx::query_as!(
            Assessment,
            r#"SELECT a.id, a.commitment_id, p.slug AS plan_slug, c.code AS commitment_code,
                  a.period_label, a.as_of, a.verifiable, a.specificity, a.relevance,
                  a.potential_impact, a.completion, a.early_results, a.starred, a.narrative,
                  a.source, a.source_label, a.created_at, count(*) OVER () AS "total!"
             FROM assessments a
             JOIN commitments c ON c.id = a.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
            WHERE p.phase <> 'draft'
              AND ($1::uuid IS NULL OR a.id = $1)
              AND ($2::text IS NULL OR p.slug = $2)
              AND ($3::uuid IS NULL OR a.commitment_id = $3)
              AND ($4::timestamptz IS NULL OR a.created_at >= $4)
            ORDER BY p.period_start, p.id, length(c.code), c.code, a.as_of NULLS FIRST, a.id
            LIMIT $5 OFFSET $6"#,
            f.id,
            f.plan,
            f.commitment,
            f.since,
            limit,
            offset
        )
        .fetch_all(db)
    };
    counted(f, run, |r| r.total).await
}

/// A co-creation proposal with the forum's reasoned response.
#[derive(Debug)]
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
    pub total: i64,
}

pub async fn proposals(db: &PgPool, f: &Filter) -> sqlx::Result<Page<Proposal>> {
    let run = |limit: i64, offset: i64| {
        sqlx::query_as!(
            Proposal,
            r#"SELECT o.id, o.plan_id, p.slug AS plan_slug, o.title, o.problem, o.proposal,
                  o.theme, o.institution_id, o.state, o.response, o.responded_at,
                  o.commitment_id,
                  (SELECT count(*) FROM supports s WHERE s.proposal_id = o.id) AS "supports!",
                  o.created_at, o.updated_at, count(*) OVER () AS "total!"
             FROM proposals o
             JOIN action_plans p ON p.id = o.plan_id
             LEFT JOIN institutions i ON i.id = o.institution_id
            WHERE p.phase <> 'draft'
              AND ($1::uuid IS NULL OR o.id = $1)
              AND ($2::text IS NULL OR p.slug = $2)
              AND ($3::text IS NULL OR i.slug = $3)
              AND ($4::text IS NULL OR o.state = $4)
              AND ($5::timestamptz IS NULL OR o.updated_at >= $5)
            ORDER BY o.created_at DESC, o.id DESC
            LIMIT $6 OFFSET $7"#,
            f.id,
            f.plan,
            f.institution,
            f.state,
            f.since,
            limit,
            offset
        )
        .fetch_all(db)
    };
    counted(f, run, |r| r.total).await
}

/// A civil-society counterpart's report on a milestone, with its evidence.
#[derive(Debug)]
pub struct CounterpartReport {
    pub id: Uuid,
    pub milestone_id: Uuid,
    pub commitment_id: Uuid,
    pub plan_slug: String,
    pub commitment_code: String,
    pub institution_slug: String,
    pub institution_name: String,
    pub author_name: String,
    pub reported_at: DateTime<Utc>,
    pub completion: String,
    pub institution_fulfilled: String,
    pub fulfilment_note: String,
    pub perceived_change: String,
    pub endorses: bool,
    pub evidence: Json<Vec<Evidence>>,
}

pub async fn counterpart_reports(db: &PgPool, f: &Filter) -> sqlx::Result<Page<CounterpartReport>> {
    let run = |limit: i64, offset: i64| {
        sqlx::query_as!(
            CounterpartReport,
            r#"SELECT r.id, r.milestone_id, m.commitment_id, p.slug AS plan_slug,
                  c.code AS commitment_code, i.slug AS institution_slug,
                  i.name AS institution_name, r.author_name, r.reported_at, r.completion,
                  r.institution_fulfilled, r.fulfilment_note, r.perceived_change, r.endorses,
                  COALESCE((SELECT json_agg(json_build_object(
                                'id', e.id, 'kind', e.kind, 'evidence_type', e.evidence_type,
                                'title', e.title, 'url', e.url,
                                'file_path', CASE WHEN e.kind = 'file'
                                                  THEN '/evidence/' || e.id::text END,
                                'file_name', e.file_name, 'media_type', e.media_type,
                                'size_bytes', e.size_bytes, 'sha256', e.sha256,
                                'evidence_date', e.evidence_date) ORDER BY e.created_at, e.id)
                              FROM evidence e WHERE e.counterpart_report_id = r.id), '[]')
                    AS "evidence!: Json<Vec<Evidence>>"
             FROM counterpart_reports r
             JOIN milestones m ON m.id = r.milestone_id
             JOIN commitments c ON c.id = m.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
             JOIN institutions i ON i.id = r.institution_id
            WHERE p.phase <> 'draft'
              AND ($1::uuid IS NULL OR r.id = $1)
              AND ($2::text IS NULL OR p.slug = $2)
              AND ($3::uuid IS NULL OR m.commitment_id = $3)
              AND ($4::uuid IS NULL OR r.milestone_id = $4)
              AND ($5::text IS NULL OR i.slug = $5)
              AND ($6::timestamptz IS NULL OR r.reported_at >= $6)
            ORDER BY r.reported_at DESC, r.id DESC
            LIMIT $7 OFFSET $8"#,
            f.id,
            f.plan,
            f.commitment,
            f.milestone,
            f.institution,
            f.since,
            limit,
            offset
        )
        .fetch_all(db)
    };
    uncounted(f, run).await
}

/// The forum's assessment of a commitment in a reporting round.
#[derive(Debug)]
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
    pub completion: String,
    pub narrative: String,
    pub communication: String,
    pub communication_note: String,
    pub total: i64,
}

pub async fn round_assessments(db: &PgPool, f: &Filter) -> sqlx::Result<Page<RoundAssessment>> {
    let run = |limit: i64, offset: i64| {
        sqlx::query_as!(
            RoundAssessment,
            r#"SELECT a.id, a.commitment_id, p.slug AS plan_slug, c.code AS commitment_code,
                  r.id AS round_id, r.label AS round_label, r.opens_on AS round_opens_on,
                  r.closes_on AS round_closes_on, a.author_name, a.assessed_at, a.completion,
                  a.narrative, a.communication, a.communication_note,
                  count(*) OVER () AS "total!"
             FROM round_assessments a
             JOIN reporting_rounds r ON r.id = a.round_id
             JOIN commitments c ON c.id = a.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
            WHERE p.phase <> 'draft'
              AND ($1::uuid IS NULL OR a.id = $1)
              AND ($2::text IS NULL OR p.slug = $2)
              AND ($3::uuid IS NULL OR a.commitment_id = $3)
              AND ($4::timestamptz IS NULL OR a.assessed_at >= $4)
            ORDER BY r.opens_on DESC, r.id, length(c.code), c.code, a.assessed_at DESC, a.id
            LIMIT $5 OFFSET $6"#,
            f.id,
            f.plan,
            f.commitment,
            f.since,
            limit,
            offset
        )
        .fetch_all(db)
    };
    counted(f, run, |r| r.total).await
}

/// One measurement of an indicator, as the API lists it under the indicator.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct IndicatorActual {
    pub id: Uuid,
    pub measured_on: NaiveDate,
    pub value: f64,
    pub source: String,
    pub evidence_url: Option<String>,
    pub disaggregation: Option<serde_json::Value>,
    pub review_state: String,
    pub recorded_at: DateTime<Utc>,
}

/// An outcome indicator with every measurement (oldest first).
#[derive(Debug)]
pub struct Indicator {
    pub id: Uuid,
    pub commitment_id: Uuid,
    pub milestone_id: Option<Uuid>,
    pub plan_slug: String,
    pub commitment_code: String,
    pub name: String,
    pub unit: String,
    pub direction: String,
    pub baseline_value: f64,
    pub baseline_date: NaiveDate,
    pub baseline_source: String,
    pub target_value: f64,
    pub target_date: NaiveDate,
    pub actual: sqlx::types::Json<Vec<IndicatorActual>>,
    pub total: i64,
}

/// Indicators of published plans; `since` keeps those defined or measured since then.
pub async fn indicators(db: &PgPool, f: &Filter) -> sqlx::Result<Page<Indicator>> {
    let run = |limit: i64, offset: i64| {
        sqlx::query_as!(
            Indicator,
            r#"SELECT i.id, i.commitment_id, i.milestone_id, p.slug AS plan_slug,
                  c.code AS commitment_code, i.name, i.unit, i.direction,
                  i.baseline_value::float8 AS "baseline_value!", i.baseline_date, i.baseline_source,
                  i.target_value::float8 AS "target_value!", i.target_date,
                  COALESCE((SELECT json_agg(json_build_object(
                                'id', m.id, 'measured_on', m.measured_on,
                                'value', m.value::float8, 'source', m.source,
                                'evidence_url', m.evidence_url,
                                'disaggregation', m.disaggregation,
                                'review_state', m.review_state, 'recorded_at', m.recorded_at)
                                ORDER BY m.measured_on, m.recorded_at, m.id)
                              FROM indicator_measurements m WHERE m.indicator_id = i.id), '[]')
                    AS "actual!: sqlx::types::Json<Vec<IndicatorActual>>",
                  count(*) OVER () AS "total!"
             FROM indicators i
             JOIN commitments c ON c.id = i.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
            WHERE p.phase <> 'draft'
              AND ($1::uuid IS NULL OR i.id = $1)
              AND ($2::text IS NULL OR p.slug = $2)
              AND ($3::uuid IS NULL OR i.commitment_id = $3)
              AND ($4::timestamptz IS NULL OR i.created_at >= $4
                   OR EXISTS (SELECT 1 FROM indicator_measurements m
                               WHERE m.indicator_id = i.id AND m.recorded_at >= $4))
            ORDER BY p.slug, length(c.code), c.code, i.position, i.created_at, i.id
            LIMIT $5 OFFSET $6"#,
            f.id,
            f.plan,
            f.commitment,
            f.since,
            limit,
            offset
        )
        .fetch_all(db)
    };
    counted(f, run, |r| r.total).await
}
