//! Action plans as the forum runs them: every phase (drafts included), the co-creation
//! window, and the facts the implementation readiness check needs.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::phases::{
    CoCreationWindow, CommitmentReadiness, Gap, MilestoneReadiness, PlanInput, implementation_gaps,
    window_is_open,
};
use crate::domain::{CommitmentState, HeadlineFigure, PlanPhase};

#[derive(Debug, Clone)]
pub struct CyclePlan {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    /// The government whose forum runs the plan (the scope of who may act on it).
    pub government_id: Uuid,
    pub government_name: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub phase: String,
    pub cocreation_opens: Option<DateTime<Utc>>,
    pub cocreation_closes: Option<DateTime<Utc>>,
    pub version: i32,
    /// Which figure leads the plan's public headline (the forum's choice).
    pub headline: HeadlineFigure,
}

impl CyclePlan {
    pub fn phase(&self) -> PlanPhase {
        self.phase.parse().unwrap_or(PlanPhase::Draft)
    }

    /// Whether participants may propose and comment at `now` (see [`window_is_open`]).
    pub fn window_is_open(&self, now: DateTime<Utc>) -> bool {
        window_is_open(
            self.phase(),
            self.cocreation_opens,
            self.cocreation_closes,
            now,
        )
    }
}

/// Every plan in every phase, newest period first.
pub async fn all(db: &PgPool) -> sqlx::Result<Vec<CyclePlan>> {
    sqlx::query_as!(
        CyclePlan,
        r#"SELECT p.id, p.slug, p.title, p.government_id, g.name AS government_name, p.period_start,
                  p.period_end, p.phase, p.cocreation_opens, p.cocreation_closes, p.version,
                  p.headline_figure AS "headline: HeadlineFigure"
             FROM action_plans p JOIN governments g ON g.id = p.government_id
            ORDER BY p.period_start DESC, p.title"#
    )
    .fetch_all(db)
    .await
}

/// A plan in any phase (drafts included).
pub async fn by_slug<'e>(
    db: impl sqlx::PgExecutor<'e>,
    slug: &str,
) -> sqlx::Result<Option<CyclePlan>> {
    sqlx::query_as!(
        CyclePlan,
        r#"SELECT p.id, p.slug, p.title, p.government_id, g.name AS government_name, p.period_start,
                  p.period_end, p.phase, p.cocreation_opens, p.cocreation_closes, p.version,
                  p.headline_figure AS "headline: HeadlineFigure"
             FROM action_plans p JOIN governments g ON g.id = p.government_id
            WHERE p.slug = $1"#,
        slug
    )
    .fetch_optional(db)
    .await
}

/// The plan, locked until the transaction ends (phase changes and approvals serialise on it).
pub async fn lock(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!("SELECT id FROM action_plans WHERE id = $1 FOR UPDATE", id)
        .fetch_one(conn)
        .await?;
    Ok(())
}

pub struct NewPlan {
    pub government_id: Uuid,
    pub title: String,
    pub slug: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
}

impl NewPlan {
    pub fn new(government_id: Uuid, input: PlanInput) -> Self {
        Self {
            government_id,
            title: input.title,
            slug: input.slug,
            period_start: input.period_start,
            period_end: input.period_end,
        }
    }
}

/// A new plan in the draft phase; a taken slug fails on `action_plans_slug_key`.
pub async fn create(conn: &mut PgConnection, plan: &NewPlan) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO action_plans (id, government_id, title, slug, period_start, period_end)
         VALUES ($1, $2, $3, $4, $5, $6)",
        id,
        plan.government_id,
        plan.title,
        plan.slug,
        plan.period_start,
        plan.period_end
    )
    .execute(conn)
    .await?;
    Ok(id)
}

/// Moves the plan to `to` if it is still at `version` (false: someone changed it first).
/// Opening co-creation sets the window.
pub async fn change_phase(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    to: PlanPhase,
    window: Option<CoCreationWindow>,
) -> sqlx::Result<bool> {
    let updated = sqlx::query!(
        "UPDATE action_plans
            SET phase = $3, version = version + 1,
                cocreation_opens = COALESCE($4, cocreation_opens),
                cocreation_closes = COALESCE($5, cocreation_closes)
          WHERE id = $1 AND version = $2",
        id,
        version,
        to.as_str(),
        window.map(|w| w.opens_at()),
        window.map(|w| w.closes_at())
    )
    .execute(conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Moves the co-creation window of a plan still at `version` (false: someone changed it first).
pub async fn set_window(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    window: CoCreationWindow,
) -> sqlx::Result<bool> {
    let updated = sqlx::query!(
        "UPDATE action_plans
            SET cocreation_opens = $3, cocreation_closes = $4, version = version + 1
          WHERE id = $1 AND version = $2 AND phase = 'co_creation'",
        id,
        version,
        window.opens_at(),
        window.closes_at()
    )
    .execute(conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Sets which figure leads the plan's headline; returns the choice it replaced. The plan's
/// row stays locked until the transaction ends, so the audit entry says what really changed.
pub async fn set_headline_figure(
    conn: &mut PgConnection,
    id: Uuid,
    to: HeadlineFigure,
) -> sqlx::Result<HeadlineFigure> {
    let before = sqlx::query_scalar!(
        "UPDATE action_plans p SET headline_figure = $2
           FROM (SELECT id, headline_figure FROM action_plans WHERE id = $1 FOR UPDATE) old
          WHERE p.id = old.id
      RETURNING old.headline_figure",
        id,
        to.as_str()
    )
    .fetch_one(conn)
    .await?;
    Ok(before.parse().unwrap_or_default())
}

/// Each commitment of the plan with its milestones, for the readiness check (one statement).
pub async fn readiness(
    conn: &mut PgConnection,
    plan_id: Uuid,
) -> sqlx::Result<Vec<CommitmentReadiness>> {
    let rows = sqlx::query!(
        r#"SELECT c.id, c.code, c.state, m.position AS "position?",
                  m.responsible_institution_id, m.baseline_start, m.baseline_due
             FROM commitments c LEFT JOIN milestones m ON m.commitment_id = c.id
            WHERE c.plan_id = $1
            ORDER BY length(c.code), c.code, m.position"#,
        plan_id
    )
    .fetch_all(conn)
    .await?;
    let mut out: Vec<(Uuid, CommitmentReadiness)> = Vec::new();
    for r in rows {
        if out.last().is_none_or(|(id, _)| *id != r.id) {
            out.push((
                r.id,
                CommitmentReadiness {
                    code: r.code,
                    state: r.state.parse().unwrap_or(CommitmentState::Draft),
                    milestones: Vec::new(),
                },
            ));
        }
        if let (Some(position), Some((_, c))) = (r.position, out.last_mut()) {
            c.milestones.push(MilestoneReadiness {
                position,
                has_responsible: r.responsible_institution_id.is_some(),
                start: r.baseline_start,
                due: r.baseline_due,
            });
        }
    }
    Ok(out.into_iter().map(|(_, c)| c).collect())
}

/// What keeps the plan from implementation (see [`implementation_gaps`]).
pub async fn gaps(conn: &mut PgConnection, plan: &CyclePlan) -> sqlx::Result<Vec<Gap>> {
    let readiness = readiness(conn, plan.id).await?;
    Ok(implementation_gaps(
        &readiness,
        (plan.period_start, plan.period_end),
    ))
}
