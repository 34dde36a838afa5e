//! The forum's monitoring assessments: appended, never edited. The history itself is read
//! by `commitments::assessments`, which the public page uses too.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::assessment::NewAssessment;

/// The commitment an assessment is about, as the form shows it.
#[derive(Debug, Clone)]
pub struct AssessedCommitment {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    pub plan_slug: String,
    pub plan_title: String,
    pub government_id: Uuid,
}

pub async fn commitment(db: &PgPool, id: Uuid) -> sqlx::Result<Option<AssessedCommitment>> {
    sqlx::query_as!(
        AssessedCommitment,
        "SELECT c.id, c.code, c.title, p.slug AS plan_slug, p.title AS plan_title,
                p.government_id
           FROM commitments c JOIN action_plans p ON p.id = c.plan_id
          WHERE c.id = $1",
        id
    )
    .fetch_optional(db)
    .await
}

/// Appends the forum's assessment; returns its id.
pub async fn create(
    conn: &mut PgConnection,
    commitment_id: Uuid,
    author_id: Uuid,
    a: &NewAssessment,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    let relevance: Vec<String> = a.relevance.iter().map(|v| v.as_str().to_owned()).collect();
    sqlx::query!(
        "INSERT INTO assessments (id, commitment_id, period_label, as_of, verifiable, relevance,
                                  potential_impact, completion, early_results, narrative,
                                  source, author_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'forum', $11)",
        id,
        commitment_id,
        a.period_label,
        a.as_of,
        a.verifiable,
        &relevance,
        a.potential_impact.map(|v| v.as_str()),
        a.completion.map(|v| v.as_str()),
        a.early_results.map(|v| v.as_str()),
        a.narrative,
        author_id
    )
    .execute(conn)
    .await?;
    Ok(id)
}
