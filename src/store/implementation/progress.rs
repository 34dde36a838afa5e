//! An institution's milestones and the progress reports its officials submit.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::progress_report::ProgressReport;
use crate::domain::{MilestoneStatus, PlanPhase, ReviewState};

/// A milestone on the institution's dashboard, with its cached figures.
#[derive(Debug, Clone)]
pub struct DashboardMilestone {
    pub id: Uuid,
    pub title: String,
    pub plan_slug: String,
    pub code: String,
    pub commitment_title: String,
    pub commitment_id: Uuid,
    /// The institution leads the commitment: it defines and measures its indicators.
    pub leads_commitment: bool,
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

impl DashboardMilestone {
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

/// The milestones an institution must deliver in plans under implementation, in one statement.
pub async fn dashboard(db: &PgPool, institution_id: Uuid) -> sqlx::Result<Vec<DashboardMilestone>> {
    sqlx::query_as!(
        DashboardMilestone,
        r#"SELECT m.id, m.title, p.slug AS plan_slug, c.code, c.title AS commitment_title,
                  c.id AS commitment_id,
                  EXISTS (SELECT 1 FROM commitment_actors a
                           WHERE a.commitment_id = c.id AND a.role = 'lead'
                             AND a.institution_id = $1) AS "leads_commitment!",
                  m.weight,
                  m.current_start, m.current_due, m.last_update_at, m.current_progress,
                  m.current_status, m.claim_review, m.validated_update_at, m.validated_progress,
                  m.validated_status
             FROM milestones m
             JOIN commitments c ON c.id = m.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
            WHERE m.responsible_institution_id = $1
              AND p.phase = 'implementation' AND c.state = 'approved'
            ORDER BY m.current_due NULLS LAST, c.code, m.position"#,
        institution_id
    )
    .fetch_all(db)
    .await
}

/// What the report form needs about a milestone, including its latest report.
#[derive(Debug, Clone)]
pub struct ReportTarget {
    pub id: Uuid,
    pub title: String,
    pub expected_output: String,
    pub responsible_institution_id: Option<Uuid>,
    pub plan_slug: String,
    pub plan_phase: PlanPhase,
    pub code: String,
    pub commitment_title: String,
    pub current_progress: i16,
    pub current_status: MilestoneStatus,
    pub current_start: Option<NaiveDate>,
    pub current_due: Option<NaiveDate>,
    pub version: i32,
    pub latest_author: Option<String>,
    pub latest_at: Option<DateTime<Utc>>,
    pub latest_narrative: Option<String>,
    pub latest_progress: Option<i16>,
    /// The forum's review of the latest report, and its note (the institution sees a return's).
    pub latest_review: Option<ReviewState>,
    pub latest_note: Option<String>,
}

pub async fn report_target(db: &PgPool, milestone_id: Uuid) -> sqlx::Result<Option<ReportTarget>> {
    sqlx::query_as!(
        ReportTarget,
        r#"SELECT m.id, m.title, m.expected_output, m.responsible_institution_id,
                  p.slug AS plan_slug, p.phase AS "plan_phase: PlanPhase", c.code, c.title AS commitment_title,
                  m.current_progress, m.current_status AS "current_status: MilestoneStatus", m.current_start, m.current_due, m.version,
                  u.author_name AS "latest_author?", u.reported_at AS "latest_at?",
                  u.narrative AS "latest_narrative?", u.progress AS "latest_progress?",
                  u.review_state AS "latest_review?: ReviewState", u.review_note AS latest_note
             FROM milestones m
             JOIN commitments c ON c.id = m.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
             LEFT JOIN LATERAL (
               SELECT author_name, reported_at, narrative, progress, review_state, review_note
                 FROM progress_updates
                WHERE milestone_id = m.id ORDER BY reported_at DESC, id DESC LIMIT 1
             ) u ON true
            WHERE m.id = $1"#,
        milestone_id
    )
    .fetch_optional(db)
    .await
}

/// A report on one of the institution's milestones, with the forum's decision on it.
#[derive(Debug, Clone)]
pub struct OwnReport {
    pub id: Uuid,
    pub milestone_id: Uuid,
    pub milestone_title: String,
    pub plan_slug: String,
    pub code: String,
    pub reported_at: DateTime<Utc>,
    pub author_name: String,
    pub progress: i16,
    pub review_state: ReviewState,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub reviewer: Option<String>,
    /// The note of the review; a return's note is for this institution.
    pub review_note: Option<String>,
    /// No newer report on the milestone: a returned one still waits for its correction.
    pub is_latest: bool,
}

/// How many of its latest reports the institution's dashboard lists.
pub const OWN_REPORTS_SHOWN: i64 = 20;

/// The institution's latest reports in plans under implementation, newest first.
pub async fn own_reports(db: &PgPool, institution_id: Uuid) -> sqlx::Result<Vec<OwnReport>> {
    sqlx::query_as!(
        OwnReport,
        r#"SELECT u.id, u.milestone_id, m.title AS milestone_title, p.slug AS plan_slug, c.code,
                  u.reported_at, u.author_name, u.progress, u.review_state AS "review_state: ReviewState", u.reviewed_at,
                  r.display_name AS "reviewer?", u.review_note,
                  NOT EXISTS (SELECT 1 FROM progress_updates n
                               WHERE n.milestone_id = u.milestone_id
                                 AND (n.reported_at, n.id) > (u.reported_at, u.id)) AS "is_latest!"
             FROM progress_updates u
             JOIN milestones m ON m.id = u.milestone_id
             JOIN commitments c ON c.id = m.commitment_id
             JOIN action_plans p ON p.id = c.plan_id
             LEFT JOIN users r ON r.id = u.reviewed_by
            WHERE m.responsible_institution_id = $1 AND p.phase = 'implementation'
            ORDER BY u.reported_at DESC, u.id DESC
            LIMIT $2"#,
        institution_id,
        OWN_REPORTS_SHOWN
    )
    .fetch_all(db)
    .await
}

/// Someone else's report landed since the form was opened.
#[derive(Debug)]
pub struct VersionConflict;

/// Appends a report (pending validation) with its evidence links, and moves the milestone's
/// cache to it: the newest report that is not returned is the one that counts.
/// `expected_version` is the version the form was opened at.
pub async fn submit_report(
    conn: &mut PgConnection,
    milestone_id: Uuid,
    expected_version: i32,
    author: (Uuid, &str),
    report: &ProgressReport,
) -> sqlx::Result<Result<Uuid, VersionConflict>> {
    let moved = sqlx::query_scalar!(
        "UPDATE milestones
            SET version = version + 1, current_progress = $3, current_status = $4,
                last_update_at = now(), claim_review = 'pending'
          WHERE id = $1 AND version = $2
      RETURNING version",
        milestone_id,
        expected_version,
        i16::from(report.progress.value()),
        report.status.as_str()
    )
    .fetch_optional(&mut *conn)
    .await?;
    if moved.is_none() {
        return Ok(Err(VersionConflict));
    }
    let update_id = Uuid::now_v7();
    let paga = &report.participation;
    let sectors: Vec<String> = paga.sectors.iter().map(|s| s.as_str().to_owned()).collect();
    sqlx::query!(
        "INSERT INTO progress_updates (id, milestone_id, author_id, author_name, reported_at,
                                       progress, status, narrative, counterpart_fulfilled,
                                       counterpart_fulfilment_note, activities_with_others,
                                       participants, participant_sectors, challenges,
                                       next_steps, actual_start, actual_completion)
         VALUES ($1, $2, $3, $4, now(), $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        update_id,
        milestone_id,
        author.0,
        author.1,
        i16::from(report.progress.value()),
        report.status.as_str(),
        report.narrative,
        paga.counterpart_fulfilled.map(|f| f.as_str()),
        paga.fulfilment_note,
        paga.activities_with_others,
        paga.participants,
        &sectors,
        paga.challenges,
        paga.next_steps,
        paga.actual_start,
        paga.actual_completion
    )
    .execute(&mut *conn)
    .await?;
    for link in &report.links {
        sqlx::query!(
            "INSERT INTO evidence (id, update_id, kind, evidence_type, title, url, source, evidence_date)
             VALUES ($1, $2, 'link', $3, $4, $4, $5, $6)",
            Uuid::now_v7(),
            update_id,
            link.evidence_type.as_str(),
            link.url,
            link.source,
            link.date
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(Ok(update_id))
}
