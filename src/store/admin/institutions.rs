//! Institutions and what they are responsible for.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct Institution {
    pub id: Uuid,
    pub name: String,
    pub acronym: Option<String>,
    pub slug: String,
    pub sector: String,
    pub website: Option<String>,
    pub government_name: String,
}

pub async fn by_slug(db: &PgPool, slug: &str) -> sqlx::Result<Option<Institution>> {
    sqlx::query_as!(
        Institution,
        r#"SELECT i.id, i.name, i.acronym, i.slug, i.sector, i.website, g.name AS government_name
             FROM institutions i JOIN governments g ON g.id = i.government_id
            WHERE i.slug = $1"#,
        slug
    )
    .fetch_optional(db)
    .await
}

/// A commitment the institution takes part in, and in which role.
#[derive(Debug, Clone)]
pub struct Involvement {
    pub plan_slug: String,
    pub plan_title: String,
    pub code: String,
    pub title: String,
    pub role: String,
}

pub async fn involvements(db: &PgPool, institution_id: Uuid) -> sqlx::Result<Vec<Involvement>> {
    sqlx::query_as!(
        Involvement,
        r#"SELECT p.slug AS plan_slug, p.title AS plan_title, c.code, c.title, a.role
             FROM commitment_actors a
             JOIN commitments c ON c.id = a.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
            WHERE a.institution_id = $1 AND p.phase <> 'draft'
            ORDER BY p.period_start DESC, length(c.code), c.code, a.role"#,
        institution_id
    )
    .fetch_all(db)
    .await
}

/// A milestone the institution must deliver, with its cached progress.
#[derive(Debug, Clone)]
pub struct ResponsibleMilestone {
    pub plan_slug: String,
    pub code: String,
    pub commitment_title: String,
    pub title: String,
    pub weight: i32,
    pub current_start: Option<NaiveDate>,
    pub current_due: Option<NaiveDate>,
    pub last_update_at: Option<DateTime<Utc>>,
    pub current_progress: i16,
    pub current_status: String,
    pub claim_review: Option<String>,
    pub validated_update_at: Option<DateTime<Utc>>,
    pub validated_progress: i16,
    pub validated_status: String,
}

impl ResponsibleMilestone {
    /// Its cached figures, for the domain to compute both figures from.
    pub fn facts(&self) -> crate::domain::MilestoneFacts {
        crate::store::MilestoneCache {
            weight: self.weight,
            start: self.current_start,
            due: self.current_due,
            last_update_at: self.last_update_at,
            progress: self.current_progress,
            status: &self.current_status,
            claim_review: self.claim_review.as_deref(),
            validated_update_at: self.validated_update_at,
            validated_progress: self.validated_progress,
            validated_status: &self.validated_status,
        }
        .facts()
    }
}

pub async fn responsible_milestones(
    db: &PgPool,
    institution_id: Uuid,
) -> sqlx::Result<Vec<ResponsibleMilestone>> {
    sqlx::query_as!(
        ResponsibleMilestone,
        r#"SELECT p.slug AS plan_slug, c.code, c.title AS commitment_title, m.title, m.weight,
                  m.current_start, m.current_due, m.last_update_at, m.current_progress,
                  m.current_status, m.claim_review, m.validated_update_at, m.validated_progress,
                  m.validated_status
             FROM milestones m
             JOIN commitments c ON c.id = m.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
            WHERE m.responsible_institution_id = $1 AND p.phase <> 'draft'
            ORDER BY m.current_due NULLS LAST, m.position"#,
        institution_id
    )
    .fetch_all(db)
    .await
}
