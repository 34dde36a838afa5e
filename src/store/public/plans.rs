//! Action plans and the figures of their commitments.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::domain::plan_list::PlanFilter;
use crate::domain::{
    CommitmentFacts, CommitmentState, HeadlineFigure, MilestoneFacts, MilestoneStatus, PlanPhase,
    Progress, ReviewState, UpdateFact,
};

#[derive(Debug, Clone)]
pub struct Plan {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub ogp_label: Option<String>,
    pub government_id: Uuid,
    pub government_name: String,
    pub government_slug: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub phase: PlanPhase,
    pub summary: String,
    pub is_demo: bool,
    pub sources: Vec<String>,
    /// Which figure leads the plan's headline and decides its health (the forum's choice).
    pub headline: HeadlineFigure,
}

/// Every published plan, newest period first.
pub async fn list(db: &PgPool) -> sqlx::Result<Vec<Plan>> {
    sqlx::query_as!(
        Plan,
        r#"SELECT p.id, p.slug, p.title, p.ogp_label, p.government_id, g.name AS government_name,
                  g.slug AS government_slug,
                  p.period_start, p.period_end, p.phase AS "phase: PlanPhase", p.summary, p.is_demo,
                  p.sources, p.headline_figure AS "headline: HeadlineFigure"
             FROM action_plans p JOIN governments g ON g.id = p.government_id
            WHERE p.phase <> 'draft'
            ORDER BY p.period_start DESC, p.title"#
    )
    .fetch_all(db)
    .await
}

/// One page of the published plans that pass `filter` (newest period first), and how many
/// pass it in all: two statements whatever the number of plans.
pub async fn page(
    db: &PgPool,
    filter: &PlanFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<Plan>, i64)> {
    let (country, kind, phase) = (
        filter.country.as_deref(),
        filter.kind.map(|k| k.as_str()),
        filter.phase.map(|p| p.as_str()),
    );
    let plans = sqlx::query_as!(
        Plan,
        r#"SELECT p.id, p.slug, p.title, p.ogp_label, p.government_id, g.name AS government_name,
                  g.slug AS government_slug,
                  p.period_start, p.period_end, p.phase AS "phase: PlanPhase", p.summary, p.is_demo,
                  p.sources, p.headline_figure AS "headline: HeadlineFigure"
             FROM action_plans p JOIN governments g ON g.id = p.government_id
            WHERE p.phase <> 'draft'
              AND ($1::text IS NULL OR g.country_code = $1)
              AND ($2::text IS NULL OR g.kind = $2)
              AND ($3::text IS NULL OR p.phase = $3)
              AND ($4::int IS NULL OR (extract(year FROM p.period_start) <= $4
                                       AND extract(year FROM p.period_end) >= $4))
            ORDER BY p.period_start DESC, p.title
            LIMIT $5 OFFSET $6"#,
        country,
        kind,
        phase,
        filter.year,
        limit,
        offset
    )
    .fetch_all(db)
    .await?;
    let total = sqlx::query_scalar!(
        r#"SELECT count(*) AS "total!"
             FROM action_plans p JOIN governments g ON g.id = p.government_id
            WHERE p.phase <> 'draft'
              AND ($1::text IS NULL OR g.country_code = $1)
              AND ($2::text IS NULL OR g.kind = $2)
              AND ($3::text IS NULL OR p.phase = $3)
              AND ($4::int IS NULL OR (extract(year FROM p.period_start) <= $4
                                       AND extract(year FROM p.period_end) >= $4))"#,
        country,
        kind,
        phase,
        filter.year
    )
    .fetch_one(db)
    .await?;
    Ok((plans, total))
}

/// What the filters of `/plans` offer: the countries with a published plan (code, name of
/// their national government, or of the first local one), and the first and last year any
/// plan covers.
#[derive(Debug, Clone, Default)]
pub struct PlanChoices {
    pub countries: Vec<(String, String)>,
    pub years: Option<(i32, i32)>,
}

pub async fn choices(db: &PgPool) -> sqlx::Result<PlanChoices> {
    let countries = sqlx::query!(
        r#"SELECT g.country_code AS "code!",
                  (array_agg(g.name ORDER BY g.kind = 'national' DESC, g.name))[1] AS "name!"
             FROM action_plans p JOIN governments g ON g.id = p.government_id
            WHERE p.phase <> 'draft'
            GROUP BY g.country_code
            ORDER BY 2"#
    )
    .fetch_all(db)
    .await?;
    let years = sqlx::query!(
        r#"SELECT extract(year FROM min(period_start))::int AS first,
                  extract(year FROM max(period_end))::int AS last
             FROM action_plans WHERE phase <> 'draft'"#
    )
    .fetch_one(db)
    .await?;
    Ok(PlanChoices {
        countries: countries.into_iter().map(|c| (c.code, c.name)).collect(),
        years: years.first.zip(years.last),
    })
}

/// An OGP member as its public page shows it.
#[derive(Debug, Clone)]
pub struct Government {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub kind: String,
    pub country_code: String,
}

pub async fn government(db: &PgPool, slug: &str) -> sqlx::Result<Option<Government>> {
    sqlx::query_as!(
        Government,
        "SELECT id, name, slug, kind, country_code FROM governments WHERE slug = $1",
        slug
    )
    .fetch_optional(db)
    .await
}

/// The published plans of one government, newest period first.
pub async fn of_government(db: &PgPool, government: Uuid) -> sqlx::Result<Vec<Plan>> {
    sqlx::query_as!(
        Plan,
        r#"SELECT p.id, p.slug, p.title, p.ogp_label, p.government_id, g.name AS government_name,
                  g.slug AS government_slug,
                  p.period_start, p.period_end, p.phase AS "phase: PlanPhase", p.summary, p.is_demo,
                  p.sources, p.headline_figure AS "headline: HeadlineFigure"
             FROM action_plans p JOIN governments g ON g.id = p.government_id
            WHERE p.government_id = $1 AND p.phase <> 'draft'
            ORDER BY p.period_start DESC, p.title"#,
        government
    )
    .fetch_all(db)
    .await
}

pub async fn by_slug(db: &PgPool, slug: &str) -> sqlx::Result<Option<Plan>> {
    sqlx::query_as!(
        Plan,
        r#"SELECT p.id, p.slug, p.title, p.ogp_label, p.government_id, g.name AS government_name,
                  g.slug AS government_slug,
                  p.period_start, p.period_end, p.phase AS "phase: PlanPhase", p.summary, p.is_demo,
                  p.sources, p.headline_figure AS "headline: HeadlineFigure"
             FROM action_plans p JOIN governments g ON g.id = p.government_id
            WHERE p.slug = $1 AND p.phase <> 'draft'"#,
        slug
    )
    .fetch_optional(db)
    .await
}

/// The facts needed to compute each commitment's progress, for many plans in one query.
#[derive(Debug, Clone)]
pub struct CommitmentFactsRow {
    pub plan_id: Uuid,
    pub commitment_id: Uuid,
    pub facts: CommitmentFacts,
}

/// Commitment facts (with milestone caches) of the given plans, in one statement.
pub async fn commitment_facts(
    db: &PgPool,
    plan_ids: &[Uuid],
) -> sqlx::Result<Vec<CommitmentFactsRow>> {
    let rows = sqlx::query!(
        r#"SELECT c.plan_id, c.id AS commitment_id, c.state, c.start_date, c.end_date,
                  m.id AS "milestone_id?", m.weight AS "weight?", m.current_start, m.current_due,
                  m.last_update_at, m.current_progress AS "current_progress?",
                  m.current_status AS "current_status?", m.claim_review,
                  m.validated_update_at, m.validated_progress AS "validated_progress?",
                  m.validated_status AS "validated_status?"
             FROM commitments c
             LEFT JOIN milestones m ON m.commitment_id = c.id
            WHERE c.plan_id = ANY($1)
            ORDER BY c.plan_id, c.id, m.position"#,
        plan_ids
    )
    .fetch_all(db)
    .await?;

    let mut out: Vec<CommitmentFactsRow> = Vec::new();
    for r in rows {
        if out
            .last()
            .is_none_or(|last| last.commitment_id != r.commitment_id)
        {
            out.push(CommitmentFactsRow {
                plan_id: r.plan_id,
                commitment_id: r.commitment_id,
                facts: CommitmentFacts {
                    state: r.state.parse().unwrap_or(CommitmentState::Draft),
                    start: r.start_date,
                    end: r.end_date,
                    milestones: Vec::new(),
                },
            });
        }
        if r.milestone_id.is_some()
            && let Some(last) = out.last_mut()
        {
            let m: MilestoneFacts = crate::store::MilestoneCache {
                weight: r.weight.unwrap_or(1),
                start: r.current_start,
                due: r.current_due,
                last_update_at: r.last_update_at,
                progress: r.current_progress.unwrap_or(0),
                status: r.current_status.as_deref().unwrap_or("not_started"),
                claim_review: r.claim_review.as_deref(),
                validated_update_at: r.validated_update_at,
                validated_progress: r.validated_progress.unwrap_or(0),
                validated_status: r.validated_status.as_deref().unwrap_or("not_started"),
            }
            .facts();
            last.facts.milestones.push(m);
        }
    }
    Ok(out)
}

/// Every commitment of a plan with its milestones and their whole history of reports, in one
/// statement: what the plan's progress over time is computed from.
pub async fn commitment_histories(
    db: &PgPool,
    plan_id: Uuid,
) -> sqlx::Result<Vec<CommitmentFacts>> {
    let rows = sqlx::query!(
        r#"SELECT c.id AS commitment_id, c.state, c.start_date, c.end_date,
                  m.id AS "milestone_id?", m.weight AS "weight?", m.current_start, m.current_due,
                  u.reported_at AS "reported_at?", u.progress AS "progress?",
                  u.status AS "status?: MilestoneStatus",
                  u.review_state AS "review_state?: ReviewState", u.reviewed_at
             FROM commitments c
             LEFT JOIN milestones m ON m.commitment_id = c.id
             LEFT JOIN progress_updates u ON u.milestone_id = m.id
            WHERE c.plan_id = $1
            ORDER BY c.id, m.position, m.id, u.reported_at, u.id"#,
        plan_id
    )
    .fetch_all(db)
    .await?;

    let mut out: Vec<CommitmentFacts> = Vec::new();
    let (mut commitment, mut milestone) = (None, None);
    for r in rows {
        if commitment != Some(r.commitment_id) {
            commitment = Some(r.commitment_id);
            milestone = None;
            out.push(CommitmentFacts {
                state: r.state.parse().unwrap_or(CommitmentState::Draft),
                start: r.start_date,
                end: r.end_date,
                milestones: Vec::new(),
            });
        }
        let Some(last) = out.last_mut() else { continue };
        if r.milestone_id.is_some() && milestone != r.milestone_id {
            milestone = r.milestone_id;
            last.milestones.push(MilestoneFacts {
                weight: u32::try_from(r.weight.unwrap_or(1)).unwrap_or(1).max(1),
                start: r.current_start,
                due: r.current_due,
                updates: Vec::new(),
            });
        }
        if let (Some(reported_at), Some(m)) = (r.reported_at, last.milestones.last_mut()) {
            m.updates.push(UpdateFact {
                reported_at,
                progress: r
                    .progress
                    .and_then(|p| Progress::try_from(p).ok())
                    .unwrap_or(Progress::ZERO),
                status: r.status.unwrap_or(MilestoneStatus::NotStarted),
                review: r.review_state.unwrap_or(ReviewState::Pending),
                reviewed_at: r.reviewed_at,
            });
        }
    }
    Ok(out)
}

/// The government of the plan a milestone belongs to: whose forum may act on it.
pub async fn government_of_milestone(
    conn: &mut sqlx::PgConnection,
    milestone: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "SELECT p.government_id FROM milestones m
           JOIN commitments c ON c.id = m.commitment_id
           JOIN action_plans p ON p.id = c.plan_id
          WHERE m.id = $1",
        milestone
    )
    .fetch_one(conn)
    .await
}

/// What the plan's counting reports (not returned by `until`) filed by `until` said of
/// participation, those that said anything, in filing order.
pub async fn participation_facts(
    db: &PgPool,
    plan_id: Uuid,
    until: DateTime<Utc>,
) -> sqlx::Result<Vec<crate::domain::participation::ParticipationFact>> {
    let rows = sqlx::query!(
        r#"SELECT (u.reported_at AT TIME ZONE 'UTC')::date AS "day!", u.participants,
                  u.activities_with_others, u.participant_sectors
             FROM progress_updates u
             JOIN milestones m ON m.id = u.milestone_id
             JOIN commitments c ON c.id = m.commitment_id
            WHERE c.plan_id = $1 AND u.reported_at <= $2
              AND NOT (u.review_state = 'returned' AND u.reviewed_at <= $2)
              AND (u.participants IS NOT NULL OR u.activities_with_others IS NOT NULL
                   OR cardinality(u.participant_sectors) > 0)
            ORDER BY u.reported_at, u.id"#,
        plan_id,
        until
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| crate::domain::participation::ParticipationFact {
            day: r.day,
            people: r.participants,
            activities: r.activities_with_others,
            sectors: r
                .participant_sectors
                .iter()
                .filter_map(|s| s.parse().ok())
                .collect(),
        })
        .collect())
}
