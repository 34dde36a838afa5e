//! What the forum's monitoring dashboard reads about one plan, in one statement.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::domain::{CommitmentFacts, CommitmentState};

/// A milestone as the dashboard lists it.
#[derive(Debug, Clone)]
pub struct MonitoredMilestone {
    pub title: String,
    pub responsible: Option<String>,
    pub current_due: Option<NaiveDate>,
    pub last_update_at: Option<DateTime<Utc>>,
}

/// A commitment with the facts its figures come from; `milestones` and
/// `facts.milestones` are in the same order.
#[derive(Debug, Clone)]
pub struct MonitoredCommitment {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    pub ogp_values: Vec<String>,
    pub lead_institution: Option<String>,
    pub facts: CommitmentFacts,
    pub milestones: Vec<MonitoredMilestone>,
}

#[derive(Debug, Clone, Default)]
pub struct PlanMonitoring {
    pub commitments: Vec<MonitoredCommitment>,
    /// Reports of this plan waiting for validation.
    pub pending_reports: i64,
}

/// Every commitment of the plan with its milestones' cached figures, lead institution and
/// the plan's pending reports, in one statement.
pub async fn plan(db: &PgPool, plan_id: Uuid) -> sqlx::Result<PlanMonitoring> {
    let rows = sqlx::query!(
        r#"SELECT c.id, c.code, c.title, c.state, c.ogp_values, c.start_date, c.end_date,
                  (SELECT i.name FROM commitment_actors ca
                     JOIN institutions i ON i.id = ca.institution_id
                    WHERE ca.commitment_id = c.id AND ca.role = 'lead'
                    ORDER BY ca.position LIMIT 1) AS lead_institution,
                  m.id AS "milestone_id?", m.title AS "milestone_title?", m.weight AS "weight?",
                  m.current_start, m.current_due, m.last_update_at,
                  m.current_progress AS "current_progress?",
                  m.current_status AS "current_status?", mi.name AS "responsible?",
                  m.claim_review, m.validated_update_at,
                  m.validated_progress AS "validated_progress?",
                  m.validated_status AS "validated_status?",
                  (SELECT count(*) FROM progress_updates u
                     JOIN milestones um ON um.id = u.milestone_id
                     JOIN commitments uc ON uc.id = um.commitment_id
                    WHERE uc.plan_id = $1 AND u.review_state = 'pending') AS "pending!"
             FROM commitments c
             LEFT JOIN milestones m ON m.commitment_id = c.id
             LEFT JOIN institutions mi ON mi.id = m.responsible_institution_id
            WHERE c.plan_id = $1
            ORDER BY length(c.code), c.code, m.position"#,
        plan_id
    )
    .fetch_all(db)
    .await?;
    let mut out = PlanMonitoring::default();
    for r in rows {
        out.pending_reports = r.pending;
        if out.commitments.last().is_none_or(|last| last.id != r.id) {
            out.commitments.push(MonitoredCommitment {
                id: r.id,
                code: r.code,
                title: r.title,
                ogp_values: r.ogp_values,
                lead_institution: r.lead_institution,
                facts: CommitmentFacts {
                    state: r.state.parse().unwrap_or(CommitmentState::Draft),
                    start: r.start_date,
                    end: r.end_date,
                    milestones: Vec::new(),
                },
                milestones: Vec::new(),
            });
        }
        if let (Some(_), Some(last)) = (r.milestone_id, out.commitments.last_mut()) {
            let cache = crate::store::MilestoneCache {
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
            };
            last.facts.milestones.push(cache.facts());
            last.milestones.push(MonitoredMilestone {
                title: r.milestone_title.unwrap_or_default(),
                responsible: r.responsible,
                current_due: r.current_due,
                last_update_at: r.last_update_at,
            });
        }
    }
    Ok(out)
}
