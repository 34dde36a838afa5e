//! A plan's reporting rounds, and per round the milestones still lacking a report.
//!
//! A milestone is *expected* in a round when its commitment is approved, its current dates
//! have it started by the round's close, and it was not reported completed before the round
//! opened. It is *reported* when a progress report was filed on a day (UTC) within the round.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::rounds::RoundInput;

/// A round with how many of its expected milestones have a report in it.
#[derive(Debug, Clone)]
pub struct Round {
    pub id: Uuid,
    pub label: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub expected: i64,
    /// Expected milestones the institution reported on in the round.
    pub reported: i64,
    /// Expected milestones whose commitment has a civil-society co-lead.
    pub counterpart_expected: i64,
    pub counterpart_reported: i64,
    /// Commitments with an expected milestone, and how many the forum assessed in the round.
    pub commitments: i64,
    pub assessed: i64,
}

impl Round {
    pub fn input(&self) -> RoundInput {
        RoundInput {
            label: self.label.clone(),
            opens_on: self.opens_on,
            closes_on: self.closes_on,
        }
    }
}

/// The plan's rounds in date order, with their counts, in one statement.
pub async fn list(db: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<Round>> {
    sqlx::query_as!(
        Round,
        r#"SELECT r.id, r.label, r.opens_on, r.closes_on,
                  count(e.milestone_id) AS "expected!",
                  count(e.milestone_id) FILTER (WHERE e.institution_reported) AS "reported!",
                  count(e.milestone_id) FILTER (WHERE e.counterpart_expected)
                      AS "counterpart_expected!",
                  count(e.milestone_id) FILTER (WHERE e.counterpart_reported
                                                  AND e.counterpart_expected)
                      AS "counterpart_reported!",
                  count(DISTINCT e.commitment_id) AS "commitments!",
                  (SELECT count(DISTINCT a.commitment_id) FROM round_assessments a
                    WHERE a.round_id = r.id) AS "assessed!"
             FROM reporting_rounds r
             LEFT JOIN round_milestones e ON e.round_id = r.id
            WHERE r.plan_id = $1
            GROUP BY r.id
            ORDER BY r.opens_on, r.label"#,
        plan_id
    )
    .fetch_all(db)
    .await
}

/// One round of the plan, with its counts.
pub async fn round(db: &PgPool, plan_id: Uuid, id: Uuid) -> sqlx::Result<Option<Round>> {
    Ok(list(db, plan_id).await?.into_iter().find(|r| r.id == id))
}

/// Holds the plan's row until the transaction ends, so two rounds added at once are checked
/// one after the other; returns the plan's rounds as they stand.
pub async fn lock_plan(conn: &mut PgConnection, plan_id: Uuid) -> sqlx::Result<Vec<RoundInput>> {
    sqlx::query!(
        "SELECT id FROM action_plans WHERE id = $1 FOR UPDATE",
        plan_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    let rows = sqlx::query!(
        "SELECT label, opens_on, closes_on FROM reporting_rounds WHERE plan_id = $1",
        plan_id
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| RoundInput {
            label: r.label,
            opens_on: r.opens_on,
            closes_on: r.closes_on,
        })
        .collect())
}

pub async fn create(
    conn: &mut PgConnection,
    plan_id: Uuid,
    by: Uuid,
    round: &RoundInput,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO reporting_rounds (id, plan_id, label, opens_on, closes_on, created_by)
         VALUES ($1, $2, $3, $4, $5, $6)",
        id,
        plan_id,
        round.label,
        round.opens_on,
        round.closes_on,
        by
    )
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Removes the round (reports are untouched: they only stop counting for it).
pub async fn delete(conn: &mut PgConnection, plan_id: Uuid, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "DELETE FROM reporting_rounds WHERE id = $1 AND plan_id = $2",
        id,
        plan_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A milestone expected in the round without a report in it.
#[derive(Debug, Clone)]
pub struct Missing {
    pub milestone_id: Uuid,
    pub commitment_code: String,
    pub commitment_title: String,
    pub title: String,
    pub responsible: Option<String>,
    pub last_update_at: Option<DateTime<Utc>>,
    /// Still lacks the institution's report in the round.
    pub institution: bool,
    /// Still lacks the counterpart's report (only for commitments with a co-lead).
    pub counterpart: bool,
    /// The co-lead institutions, for the counterpart's column.
    pub co_leads: Option<String>,
}

/// The round's expected milestones that lack a party's report in it, by commitment and
/// position.
pub async fn missing(db: &PgPool, round_id: Uuid) -> sqlx::Result<Vec<Missing>> {
    sqlx::query_as!(
        Missing,
        r#"SELECT m.id AS milestone_id, c.code AS commitment_code,
                  c.title AS commitment_title, m.title, i.name AS "responsible?",
                  m.last_update_at,
                  NOT e.institution_reported AS "institution!",
                  (e.counterpart_expected AND NOT e.counterpart_reported) AS "counterpart!",
                  (SELECT string_agg(ci.name, '; ' ORDER BY ci.name)
                     FROM commitment_actors a JOIN institutions ci ON ci.id = a.institution_id
                    WHERE a.commitment_id = c.id AND a.role = 'civil_society_co_lead')
                      AS "co_leads?"
             FROM round_milestones e
             JOIN milestones m ON m.id = e.milestone_id
             JOIN commitments c ON c.id = e.commitment_id
             LEFT JOIN institutions i ON i.id = m.responsible_institution_id
            WHERE e.round_id = $1
              AND (NOT e.institution_reported
                   OR (e.counterpart_expected AND NOT e.counterpart_reported))
            ORDER BY length(c.code), c.code, m.position"#,
        round_id
    )
    .fetch_all(db)
    .await
}

/// A round that closed before `today` and has no frozen report of its own yet (one named as
/// the round, as of its closing day), of a published plan.
#[derive(Debug, Clone)]
pub struct ClosedRound {
    pub id: Uuid,
    pub plan_slug: String,
    pub label: String,
    pub closes_on: NaiveDate,
}

pub async fn closed_without_snapshot(
    conn: &mut PgConnection,
    today: NaiveDate,
) -> sqlx::Result<Vec<ClosedRound>> {
    sqlx::query_as!(
        ClosedRound,
        r#"SELECT r.id, p.slug AS plan_slug, r.label, r.closes_on
             FROM reporting_rounds r JOIN action_plans p ON p.id = r.plan_id
            WHERE r.closes_on < $1 AND p.phase <> 'draft'
              AND NOT EXISTS (SELECT 1 FROM report_snapshots s
                               WHERE s.plan_id = r.plan_id AND s.as_of = r.closes_on
                                 AND s.period_label = r.label)
            ORDER BY r.closes_on, r.id"#,
        today
    )
    .fetch_all(conn)
    .await
}
