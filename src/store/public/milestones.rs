//! Milestones and their append-only progress history.

use crate::domain::progress_report::Participation;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::domain::{MilestoneStatus, Progress, ReviewState, UpdateFact};

#[derive(Debug, Clone)]
pub struct Milestone {
    pub id: Uuid,
    pub commitment_id: Uuid,
    pub position: i32,
    pub title: String,
    pub expected_output: String,
    pub responsible_name: Option<String>,
    pub responsible_slug: Option<String>,
    pub weight: i32,
    pub baseline_start: Option<NaiveDate>,
    pub baseline_due: Option<NaiveDate>,
    pub current_start: Option<NaiveDate>,
    pub current_due: Option<NaiveDate>,
    pub is_illustrative: bool,
}

pub async fn for_commitment(db: &PgPool, commitment_id: Uuid) -> sqlx::Result<Vec<Milestone>> {
    sqlx::query_as!(
        Milestone,
        r#"SELECT m.id, m.commitment_id, m.position, m.title, m.expected_output,
                  i.name AS "responsible_name?", i.slug AS "responsible_slug?", m.weight,
                  m.baseline_start, m.baseline_due, m.current_start, m.current_due,
                  m.is_illustrative
             FROM milestones m LEFT JOIN institutions i ON i.id = m.responsible_institution_id
            WHERE m.commitment_id = $1
            ORDER BY m.position"#,
        commitment_id
    )
    .fetch_all(db)
    .await
}

#[derive(Debug, Clone, serde::Deserialize)]
pub struct Evidence {
    pub id: Uuid,
    pub kind: String,
    pub evidence_type: String,
    pub title: String,
    pub url: Option<String>,
    pub source: String,
    pub evidence_date: Option<NaiveDate>,
    pub file_name: Option<String>,
}

/// One report in a milestone's history, as reported and as reviewed.
#[derive(Debug, Clone)]
pub struct Update {
    pub id: Uuid,
    pub milestone_id: Uuid,
    pub author_name: String,
    pub reported_at: DateTime<Utc>,
    pub progress: i16,
    pub status: String,
    pub narrative: String,
    pub is_illustrative: bool,
    pub review_state: ReviewState,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_note: Option<String>,
    pub evidence: Vec<Evidence>,
    /// The PAGA fields (none on reports filed before the form asked them).
    pub participation: Participation,
}

impl Update {
    pub fn fact(&self) -> UpdateFact {
        UpdateFact {
            reported_at: self.reported_at,
            progress: Progress::try_from(self.progress).unwrap_or(Progress::ZERO),
            status: self.status.parse().unwrap_or(MilestoneStatus::NotStarted),
            review: self.review_state,
            reviewed_at: self.reviewed_at,
        }
    }
}

/// The whole history of every milestone of a commitment, newest first, evidence included.
pub async fn history_for_commitment(db: &PgPool, commitment_id: Uuid) -> sqlx::Result<Vec<Update>> {
    let rows = sqlx::query!(
        r#"SELECT u.id, u.milestone_id, u.author_name, u.reported_at, u.progress, u.status,
                  u.narrative, u.is_illustrative, u.review_state AS "review_state: ReviewState",
                  u.reviewed_at, u.review_note, u.counterpart_fulfilled,
                  u.counterpart_fulfilment_note, u.activities_with_others, u.participants,
                  u.participant_sectors, u.challenges, u.next_steps, u.actual_start,
                  u.actual_completion,
                  COALESCE(
                    (SELECT json_agg(json_build_object('id', e.id, 'kind', e.kind,
                                     'evidence_type', e.evidence_type, 'title', e.title,
                                     'url', e.url, 'source', e.source,
                                     'evidence_date', e.evidence_date, 'file_name', e.file_name)
                                     ORDER BY e.created_at)
                       FROM evidence e WHERE e.update_id = u.id), '[]')
                    AS "evidence!: sqlx::types::Json<Vec<Evidence>>"
             FROM progress_updates u JOIN milestones m ON m.id = u.milestone_id
            WHERE m.commitment_id = $1
            ORDER BY u.reported_at DESC, u.id DESC"#,
        commitment_id
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Update {
            id: r.id,
            milestone_id: r.milestone_id,
            author_name: r.author_name,
            reported_at: r.reported_at,
            progress: r.progress,
            status: r.status,
            narrative: r.narrative,
            is_illustrative: r.is_illustrative,
            review_state: r.review_state,
            reviewed_at: r.reviewed_at,
            review_note: r.review_note,
            evidence: r.evidence.0,
            participation: Participation::from_stored(
                r.counterpart_fulfilled.as_deref(),
                r.counterpart_fulfilment_note,
                (r.activities_with_others, r.participants),
                &r.participant_sectors,
                (r.challenges, r.next_steps),
                (r.actual_start, r.actual_completion),
            ),
        })
        .collect())
}
