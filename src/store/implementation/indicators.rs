//! Outcome indicators and their measurements: defined and measured by the commitment's lead
//! institution, reviewed by the forum, read by the public page, the API and the report.
//! Values are `numeric` in the database and `f64` here.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::PlanPhase;
use crate::domain::indicators::{IndicatorDefinition, Measurement};

/// A commitment as the indicator pages need it: where it is, and who leads it.
#[derive(Debug, Clone)]
pub struct IndicatorCommitment {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    pub plan_slug: String,
    pub plan_phase: PlanPhase,
    pub government_id: Uuid,
    pub lead_institutions: Vec<Uuid>,
}

impl IndicatorCommitment {
    /// Whether `institution` is one of the commitment's leads.
    pub fn led_by(&self, institution: Option<Uuid>) -> bool {
        institution.is_some_and(|i| self.lead_institutions.contains(&i))
    }
}

pub async fn commitment(db: &PgPool, id: Uuid) -> sqlx::Result<Option<IndicatorCommitment>> {
    sqlx::query_as!(
        IndicatorCommitment,
        r#"SELECT c.id, c.code, c.title, p.slug AS plan_slug, p.phase AS "plan_phase: PlanPhase",
                  p.government_id,
                  COALESCE(ARRAY(SELECT a.institution_id FROM commitment_actors a
                                  WHERE a.commitment_id = c.id AND a.role = 'lead'), '{}')
                    AS "lead_institutions!"
             FROM commitments c JOIN action_plans p ON p.id = c.plan_id
            WHERE c.id = $1"#,
        id
    )
    .fetch_optional(db)
    .await
}

/// An indicator's definition.
#[derive(Debug, Clone)]
pub struct IndicatorRow {
    pub id: Uuid,
    pub commitment_id: Uuid,
    pub milestone_id: Option<Uuid>,
    pub name: String,
    pub unit: String,
    pub direction: String,
    pub baseline_value: f64,
    pub baseline_date: NaiveDate,
    pub baseline_source: String,
    pub target_value: f64,
    pub target_date: NaiveDate,
}

/// A measurement, with its review.
#[derive(Debug, Clone)]
pub struct MeasurementRow {
    pub id: Uuid,
    pub indicator_id: Uuid,
    pub value: f64,
    pub measured_on: NaiveDate,
    pub source: String,
    pub evidence_url: Option<String>,
    pub disaggregation: Option<serde_json::Value>,
    pub author_name: String,
    pub recorded_at: DateTime<Utc>,
    pub review_state: String,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_note: Option<String>,
}

/// Every indicator of a commitment, in order: one statement.
pub async fn of_commitment(db: &PgPool, commitment: Uuid) -> sqlx::Result<Vec<IndicatorRow>> {
    sqlx::query_as!(
        IndicatorRow,
        r#"SELECT id, commitment_id, milestone_id, name, unit, direction,
                  baseline_value::float8 AS "baseline_value!", baseline_date, baseline_source,
                  target_value::float8 AS "target_value!", target_date
             FROM indicators WHERE commitment_id = $1
            ORDER BY position, created_at, id"#,
        commitment
    )
    .fetch_all(db)
    .await
}

/// Every measurement of every indicator of a commitment, oldest first: one statement.
pub async fn measurements_of_commitment(
    db: &PgPool,
    commitment: Uuid,
) -> sqlx::Result<Vec<MeasurementRow>> {
    sqlx::query_as!(
        MeasurementRow,
        r#"SELECT m.id, m.indicator_id, m.value::float8 AS "value!", m.measured_on, m.source,
                  m.evidence_url, m.disaggregation, m.author_name, m.recorded_at, m.review_state,
                  m.reviewed_at, m.review_note
             FROM indicator_measurements m JOIN indicators i ON i.id = m.indicator_id
            WHERE i.commitment_id = $1
            ORDER BY m.measured_on, m.recorded_at, m.id"#,
        commitment
    )
    .fetch_all(db)
    .await
}

pub async fn define(
    conn: &mut PgConnection,
    commitment: Uuid,
    created_by: Uuid,
    d: &IndicatorDefinition,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO indicators (id, commitment_id, name, unit, direction, baseline_value,
                                 baseline_date, baseline_source, target_value, target_date,
                                 position, created_by)
         SELECT $1, $2, $3, $4, $5, $6::float8::numeric, $7, $8, $9::float8::numeric, $10,
                COALESCE((SELECT max(position) + 1 FROM indicators WHERE commitment_id = $2), 0),
                $11",
        id,
        commitment,
        d.name,
        d.unit,
        d.direction.as_str(),
        d.baseline_value,
        d.baseline_date,
        d.baseline_source,
        d.target_value,
        d.target_date,
        created_by
    )
    .execute(conn)
    .await?;
    Ok(id)
}

/// Records a measurement of `indicator` if it belongs to `commitment` (`None` when not).
pub async fn record(
    conn: &mut PgConnection,
    commitment: Uuid,
    indicator: Uuid,
    (author, author_name): (Uuid, &str),
    m: &Measurement,
) -> sqlx::Result<Option<Uuid>> {
    let id = Uuid::now_v7();
    let disaggregation = m.disaggregation.clone().map(serde_json::Value::Object);
    let inserted = sqlx::query!(
        "INSERT INTO indicator_measurements (id, indicator_id, value, measured_on, source,
                                             evidence_url, disaggregation, recorded_by, author_name)
         SELECT $1, i.id, $3::float8::numeric, $4, $5, $6, $7, $8, $9
           FROM indicators i WHERE i.id = $2 AND i.commitment_id = $10",
        id,
        indicator,
        m.value,
        m.measured_on,
        m.source,
        m.evidence_url,
        disaggregation,
        author,
        author_name,
        commitment
    )
    .execute(conn)
    .await?;
    Ok((inserted.rows_affected() == 1).then_some(id))
}

/// A measurement waiting for the forum, with its indicator and commitment.
#[derive(Debug, Clone)]
pub struct PendingMeasurement {
    pub id: Uuid,
    pub value: f64,
    pub measured_on: NaiveDate,
    pub source: String,
    pub evidence_url: Option<String>,
    pub disaggregation: Option<serde_json::Value>,
    pub author_name: String,
    pub recorded_at: DateTime<Utc>,
    pub indicator: String,
    pub unit: String,
    pub baseline_value: f64,
    pub target_value: f64,
    pub plan_slug: String,
    pub code: String,
    pub commitment_title: String,
}

/// The measurements waiting for the forum of `government` (none when it is `None`), oldest
/// first, in one statement.
pub async fn pending(
    db: &PgPool,
    government: Option<Uuid>,
) -> sqlx::Result<Vec<PendingMeasurement>> {
    sqlx::query_as!(
        PendingMeasurement,
        r#"SELECT m.id, m.value::float8 AS "value!", m.measured_on, m.source, m.evidence_url,
                  m.disaggregation, m.author_name, m.recorded_at, i.name AS indicator, i.unit,
                  i.baseline_value::float8 AS "baseline_value!",
                  i.target_value::float8 AS "target_value!",
                  p.slug AS plan_slug, c.code, c.title AS commitment_title
             FROM indicator_measurements m
             JOIN indicators i ON i.id = m.indicator_id
             JOIN commitments c ON c.id = i.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
            WHERE m.review_state = 'pending' AND p.government_id = $1
            ORDER BY m.recorded_at, m.id"#,
        government
    )
    .fetch_all(db)
    .await
}

/// Records the forum's review of a pending measurement; returns the government of its plan
/// (for the scope check in the same transaction), `None` when it was not pending.
pub async fn review(
    conn: &mut PgConnection,
    measurement: Uuid,
    reviewer: Uuid,
    state: &str,
    note: Option<&str>,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "UPDATE indicator_measurements m
            SET review_state = $3, reviewed_by = $2, reviewed_at = now(), review_note = $4
           FROM indicators i JOIN commitments c ON c.id = i.commitment_id
                JOIN action_plans p ON p.id = c.plan_id
          WHERE m.id = $1 AND m.review_state = 'pending' AND i.id = m.indicator_id
      RETURNING p.government_id",
        measurement,
        reviewer,
        state,
        note
    )
    .fetch_optional(conn)
    .await
}
