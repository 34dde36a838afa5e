//! The latest report of each party on milestones: the responsible institution's (the latest
//! that was not returned) and the civil-society counterpart's, side by side. One statement
//! for a commitment's page, a round, a plan or a whole government's forum.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;
use uuid::Uuid;

/// Which milestones, and up to when.
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    pub commitment: Option<Uuid>,
    pub plan: Option<Uuid>,
    pub government: Option<Uuid>,
    /// Only reports filed on these (UTC) days: a round's.
    pub days: Option<(NaiveDate, NaiveDate)>,
    /// Reports filed after this are not read; a return decided after it is ignored.
    pub until: DateTime<Utc>,
    /// Only milestones both parties reported on (the disagreement lists).
    pub both_only: bool,
}

impl Scope {
    pub fn now() -> Self {
        Self {
            commitment: None,
            plan: None,
            government: None,
            days: None,
            until: Utc::now(),
            both_only: false,
        }
    }
}

/// Both parties' latest word on one milestone.
#[derive(Debug, Clone)]
pub struct MilestoneVoices {
    pub milestone_id: Uuid,
    pub position: i32,
    pub milestone_title: String,
    pub commitment_id: Uuid,
    pub commitment_code: String,
    pub commitment_title: String,
    pub plan_slug: String,
    pub plan_title: String,
    pub institution_at: Option<DateTime<Utc>>,
    pub institution_status: Option<String>,
    pub institution_progress: Option<i16>,
    pub institution_review: Option<String>,
    pub institution_says: Option<String>,
    pub institution_says_note: Option<String>,
    pub counterpart_at: Option<DateTime<Utc>>,
    pub counterpart_name: Option<String>,
    pub counterpart_author: Option<String>,
    pub counterpart_completion: Option<String>,
    pub counterpart_says: Option<String>,
    pub counterpart_says_note: Option<String>,
    pub counterpart_change: Option<String>,
    pub counterpart_endorses: Option<bool>,
}

/// The milestones of approved commitments in `scope`, by plan, commitment and position.
pub async fn latest(db: &PgPool, scope: Scope) -> sqlx::Result<Vec<MilestoneVoices>> {
    let (from, to) = scope.days.unzip();
    sqlx::query_as!(
        MilestoneVoices,
        r#"SELECT m.id AS milestone_id, m.position, m.title AS milestone_title,
                  c.id AS commitment_id, c.code AS commitment_code,
                  c.title AS commitment_title, p.slug AS plan_slug, p.title AS plan_title,
                  u.reported_at AS "institution_at?", u.status AS "institution_status?",
                  u.progress AS "institution_progress?", u.review_state AS "institution_review?",
                  u.counterpart_fulfilled AS "institution_says?",
                  u.counterpart_fulfilment_note AS "institution_says_note?",
                  k.reported_at AS "counterpart_at?", k.institution AS "counterpart_name?",
                  k.author_name AS "counterpart_author?", k.completion AS "counterpart_completion?",
                  k.institution_fulfilled AS "counterpart_says?",
                  k.fulfilment_note AS "counterpart_says_note?",
                  k.perceived_change AS "counterpart_change?",
                  k.endorses AS "counterpart_endorses?"
             FROM milestones m
             JOIN commitments c ON c.id = m.commitment_id AND c.state = 'approved'
             JOIN action_plans p ON p.id = c.plan_id
             LEFT JOIN LATERAL (
                  SELECT x.reported_at, x.status, x.progress, x.counterpart_fulfilled,
                         x.counterpart_fulfilment_note,
                         CASE WHEN x.reviewed_at <= $5 THEN x.review_state
                              ELSE 'pending' END AS review_state
                    FROM progress_updates x
                   WHERE x.milestone_id = m.id AND x.reported_at <= $5
                     AND NOT (x.review_state = 'returned' AND x.reviewed_at <= $5)
                     AND ($6::date IS NULL
                          OR (x.reported_at AT TIME ZONE 'UTC')::date BETWEEN $6 AND $7)
                   ORDER BY x.reported_at DESC, x.id DESC LIMIT 1) u ON true
             LEFT JOIN LATERAL (
                  SELECT y.reported_at, i.name AS institution, y.author_name, y.completion,
                         y.institution_fulfilled, y.fulfilment_note, y.perceived_change,
                         y.endorses
                    FROM counterpart_reports y
                    JOIN institutions i ON i.id = y.institution_id
                   WHERE y.milestone_id = m.id AND y.reported_at <= $5
                     AND ($6::date IS NULL
                          OR (y.reported_at AT TIME ZONE 'UTC')::date BETWEEN $6 AND $7)
                   ORDER BY y.reported_at DESC, y.id DESC LIMIT 1) k ON true
            WHERE ($1::uuid IS NULL OR c.id = $1)
              AND ($2::uuid IS NULL OR p.id = $2)
              AND ($3::uuid IS NULL OR p.government_id = $3)
              AND (NOT $4 OR (u.reported_at IS NOT NULL AND k.reported_at IS NOT NULL))
            ORDER BY p.period_start DESC, p.slug, length(c.code), c.code, m.position"#,
        scope.commitment,
        scope.plan,
        scope.government,
        scope.both_only,
        scope.until,
        from,
        to
    )
    .fetch_all(db)
    .await
}
