//! Background jobs: claiming a day's run so that one node does it, and what the daily
//! reminder tells each official.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

/// Whether this transaction may run `job` for `day`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Ours: the day is recorded in `job_runs` when the transaction commits.
    Claimed,
    /// Another node holds the job's lock right now.
    Busy,
    /// The day's run was done already.
    AlreadyRan,
}

/// Takes the job's advisory lock (released with the transaction) and records the day; two
/// nodes starting at once, or a node restarting the same day, get `Busy` or `AlreadyRan`.
pub async fn claim_day(
    conn: &mut PgConnection,
    job: &str,
    lock_key: i64,
    day: NaiveDate,
) -> sqlx::Result<Claim> {
    let locked = sqlx::query_scalar!(
        r#"SELECT pg_try_advisory_xact_lock($1) AS "locked!""#,
        lock_key
    )
    .fetch_one(&mut *conn)
    .await?;
    if !locked {
        return Ok(Claim::Busy);
    }
    let inserted = sqlx::query!(
        "INSERT INTO job_runs (name, run_on) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        job,
        day
    )
    .execute(&mut *conn)
    .await?;
    Ok(if inserted.rows_affected() == 1 {
        Claim::Claimed
    } else {
        Claim::AlreadyRan
    })
}

/// One milestone an official should hear about.
#[derive(Debug, Clone)]
pub struct ReminderLine {
    pub user_id: Uuid,
    pub email: String,
    pub locale: String,
    pub institution: String,
    pub milestone_id: Uuid,
    pub milestone_title: String,
    pub plan_slug: String,
    pub code: String,
    pub current_due: Option<NaiveDate>,
    pub last_update_at: Option<DateTime<Utc>>,
    /// Due between `today` and `due_until`.
    pub due_soon: bool,
    /// Started, and no report since `stale_before`.
    pub stale: bool,
    /// Expected in a reporting round open `today` that has no report of the institution yet:
    /// the round's name and closing day.
    pub round_label: Option<String>,
    pub round_closes_on: Option<NaiveDate>,
    /// For a civil-society counterpart (its own report form and dashboard), not an official.
    pub counterpart: bool,
}

/// For every active official, their institution's unfinished milestones (plans under
/// implementation, approved commitments) that fall due by `due_until`, had no report since
/// `stale_before`, or still lack their report in a reporting round open `today`; for every
/// active counterpart, the milestones its institution co-leads that still lack a counterpart's
/// report in a round open `today`. One statement, by person then due date.
pub async fn reminder_lines(
    conn: &mut PgConnection,
    today: NaiveDate,
    due_until: NaiveDate,
    stale_before: DateTime<Utc>,
) -> sqlx::Result<Vec<ReminderLine>> {
    sqlx::query_as!(
        ReminderLine,
        r#"SELECT user_id AS "user_id!", email AS "email!", locale AS "locale!",
                  institution AS "institution!", milestone_id AS "milestone_id!",
                  milestone_title AS "milestone_title!", plan_slug AS "plan_slug!",
                  code AS "code!", current_due, last_update_at,
                  due_soon AS "due_soon!", stale AS "stale!",
                  round_label AS "round_label?", round_closes_on AS "round_closes_on?",
                  counterpart AS "counterpart!"
             FROM (
             SELECT u.id AS user_id, u.email, u.locale, i.name AS institution,
                    m.id AS milestone_id, m.title AS milestone_title, p.slug AS plan_slug, c.code,
                    m.current_due, m.last_update_at,
                    COALESCE(m.current_due BETWEEN $1 AND $2, false) AS due_soon,
                    (COALESCE(m.current_start <= $1, true)
                     AND COALESCE(m.last_update_at < $3, true)) AS stale,
                    open_round.label AS round_label, open_round.closes_on AS round_closes_on,
                    false AS counterpart
               FROM users u
               JOIN institutions i ON i.id = u.institution_id
               JOIN milestones m ON m.responsible_institution_id = u.institution_id
               JOIN commitments c ON c.id = m.commitment_id
               JOIN action_plans p ON p.id = c.plan_id
               LEFT JOIN LATERAL (
                    SELECT r.label, r.closes_on
                      FROM round_milestones e JOIN reporting_rounds r ON r.id = e.round_id
                     WHERE e.milestone_id = m.id AND NOT e.institution_reported
                       AND $1 BETWEEN r.opens_on AND r.closes_on
                     LIMIT 1) open_round ON true
              WHERE u.role = 'official' AND u.active
                AND p.phase = 'implementation' AND c.state = 'approved'
                AND m.current_status NOT IN ('completed', 'cancelled')
             UNION ALL
             SELECT u.id, u.email, u.locale, i.name, m.id, m.title, p.slug, c.code,
                    m.current_due, m.last_update_at, false, false, r.label, r.closes_on, true
               FROM users u
               JOIN institutions i ON i.id = u.institution_id
               JOIN commitment_actors a ON a.institution_id = u.institution_id
                                       AND a.role = 'civil_society_co_lead'
               JOIN commitments c ON c.id = a.commitment_id
               JOIN action_plans p ON p.id = c.plan_id
               JOIN round_milestones e ON e.commitment_id = c.id AND NOT e.counterpart_reported
               JOIN reporting_rounds r ON r.id = e.round_id
               JOIN milestones m ON m.id = e.milestone_id
              WHERE u.role = 'counterpart' AND u.active
                AND p.phase = 'implementation'
                AND m.current_status NOT IN ('completed', 'cancelled')
                AND $1 BETWEEN r.opens_on AND r.closes_on
           ) lines
           WHERE due_soon OR stale OR round_label IS NOT NULL
           ORDER BY email, current_due NULLS LAST, code, milestone_title"#,
        today,
        due_until,
        stale_before
    )
    .fetch_all(conn)
    .await
}
