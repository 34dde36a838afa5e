//! The forum's assessment of each commitment per reporting round (append-only: the latest of
//! a round is the forum's view, earlier ones stay on the record).

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::rounds::RoundAssessmentInput;

/// One assessment, with its round.
#[derive(Debug, Clone)]
pub struct RoundAssessment {
    pub id: Uuid,
    pub round_id: Uuid,
    pub round_label: String,
    pub commitment_id: Uuid,
    pub author_name: String,
    pub assessed_at: DateTime<Utc>,
    pub completion: String,
    pub narrative: String,
    pub communication: String,
    pub communication_note: String,
}

/// Records the forum's assessment of a commitment in a round.
pub async fn record(
    conn: &mut PgConnection,
    round_id: Uuid,
    commitment_id: Uuid,
    by: (Uuid, &str),
    input: &RoundAssessmentInput,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO round_assessments (id, round_id, commitment_id, author_id, author_name,
                                        completion, narrative, communication, communication_note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        id,
        round_id,
        commitment_id,
        by.0,
        by.1,
        input.completion.as_str(),
        input.narrative,
        input.communication.as_str(),
        input.communication_note
    )
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// The assessments of the given commitments (or of one round's, when `round` is set)
/// recorded up to `until`, newest first: the first of a (round, commitment) is its view.
pub async fn of_commitments(
    db: &PgPool,
    commitments: &[Uuid],
    round: Option<Uuid>,
    until: DateTime<Utc>,
) -> sqlx::Result<Vec<RoundAssessment>> {
    sqlx::query_as!(
        RoundAssessment,
        r#"SELECT a.id, a.round_id, r.label AS round_label, a.commitment_id, a.author_name,
                  a.assessed_at, a.completion, a.narrative, a.communication,
                  a.communication_note
             FROM round_assessments a
             JOIN reporting_rounds r ON r.id = a.round_id
            WHERE a.commitment_id = ANY($1)
              AND ($2::uuid IS NULL OR a.round_id = $2)
              AND a.assessed_at <= $3
            ORDER BY r.opens_on DESC, a.assessed_at DESC, a.id DESC"#,
        commitments,
        round,
        until
    )
    .fetch_all(db)
    .await
}

/// Whether the round has any assessment (it can then not be deleted).
pub async fn round_has_any(conn: &mut PgConnection, round_id: Uuid) -> sqlx::Result<bool> {
    let found = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM round_assessments WHERE round_id = $1) AS "found!""#,
        round_id
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(found)
}
