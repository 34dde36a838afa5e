//! What monitoring reports are built from, and frozen reports (*cortes*) with their
//! sign-offs.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::monitoring_report::{
    AssessmentLine, AssessmentRecord, CommitmentRecord, CounterpartRecord, MilestoneRecord,
    PlanRecord, ReplanRecord, ReportFacts, RoundAssessmentRecord, UpdateRecord,
};
use crate::domain::{CommitmentState, MilestoneStatus, Progress, ReviewState};
use crate::store::public::plans::Plan;

/// The facts of `plan` a report as of `until` needs (five statements, none per row).
/// Commitments and milestones are those their versions recorded by `until`; updates and
/// assessments after `until` are not read at all.
pub async fn facts(db: &PgPool, plan: &Plan, until: DateTime<Utc>) -> sqlx::Result<ReportFacts> {
    let (commitments, milestones) = as_of(db, plan.id, until).await?;
    Ok(ReportFacts {
        plan: PlanRecord {
            slug: plan.slug.clone(),
            title: plan.title.clone(),
            ogp_label: plan.ogp_label.clone(),
            government: plan.government_name.clone(),
            period_start: plan.period_start,
            period_end: plan.period_end,
            is_demo: plan.is_demo,
        },
        commitments,
        milestones,
        updates: updates(db, plan.id, until).await?,
        replans: replans(db, plan.id).await?,
        assessments: assessments(db, plan.id, until).await?,
        counterpart_reports: counterpart_reports(db, plan.id, until).await?,
        round_assessments: round_assessments(db, plan.id, until).await?,
        participation: crate::store::public::plans::participation_facts(db, plan.id, until).await?,
    })
}

/// The plan's commitments and milestones as they were at `until`: rebuilt from the latest
/// version of each commitment recorded by then (one statement), so a report as of a date
/// says the same whatever was edited since. A commitment with no version by then is left out.
async fn as_of(
    db: &PgPool,
    plan_id: Uuid,
    until: DateTime<Utc>,
) -> sqlx::Result<(Vec<CommitmentRecord>, Vec<MilestoneRecord>)> {
    let mut versions = crate::store::versions::of_plan_as_of(db, plan_id, until).await?;
    versions.sort_by(|(_, a), (_, b)| (a.code.len(), &a.code).cmp(&(b.code.len(), &b.code)));
    let mut milestones = Vec::new();
    let commitments = versions
        .into_iter()
        .map(|(id, s)| {
            milestones.extend(s.milestones.iter().map(|m| MilestoneRecord {
                id: m.id,
                commitment_id: id,
                position: m.position,
                title: m.title.clone(),
                responsible: m.responsible.clone(),
                weight: u32::try_from(m.weight).unwrap_or(1).max(1),
                baseline_start: m.baseline_start,
                baseline_due: m.baseline_due,
                current_start: m.current_start,
                current_due: m.current_due,
                is_illustrative: m.is_illustrative,
            }));
            CommitmentRecord {
                id,
                lead: s.lead().map(str::to_owned),
                state: s.state.parse().unwrap_or(CommitmentState::Draft),
                code: s.code,
                ogp_id: s.ogp_id,
                title: s.title,
                start: s.start_date,
                end: s.end_date,
            }
        })
        .collect();
    Ok((commitments, milestones))
}

async fn updates(
    db: &PgPool,
    plan_id: Uuid,
    until: DateTime<Utc>,
) -> sqlx::Result<Vec<UpdateRecord>> {
    let rows = sqlx::query!(
        r#"SELECT u.id, u.milestone_id, u.author_name, u.reported_at, u.progress, u.status,
                  u.narrative, u.is_illustrative, u.review_state, u.reviewed_at, u.review_note,
                  u.counterpart_fulfilled
             FROM progress_updates u
             JOIN milestones m ON m.id = u.milestone_id
             JOIN commitments c ON c.id = m.commitment_id
            WHERE c.plan_id = $1 AND u.reported_at <= $2
            ORDER BY u.reported_at, u.id"#,
        plan_id,
        until
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| UpdateRecord {
            id: r.id,
            milestone_id: r.milestone_id,
            author: r.author_name,
            reported_at: r.reported_at,
            progress: Progress::try_from(r.progress).unwrap_or(Progress::ZERO),
            status: r.status.parse().unwrap_or(MilestoneStatus::NotStarted),
            narrative: r.narrative,
            is_illustrative: r.is_illustrative,
            review: r.review_state.parse().unwrap_or(ReviewState::Pending),
            reviewed_at: r.reviewed_at,
            review_note: r.review_note,
            counterpart_fulfilled: r.counterpart_fulfilled.and_then(|f| f.parse().ok()),
        })
        .collect())
}

async fn counterpart_reports(
    db: &PgPool,
    plan_id: Uuid,
    until: DateTime<Utc>,
) -> sqlx::Result<Vec<CounterpartRecord>> {
    let rows = sqlx::query!(
        r#"SELECT k.milestone_id, i.name AS institution, k.author_name, k.reported_at,
                  k.completion, k.institution_fulfilled, k.fulfilment_note, k.perceived_change,
                  k.endorses
             FROM counterpart_reports k
             JOIN institutions i ON i.id = k.institution_id
             JOIN milestones m ON m.id = k.milestone_id
             JOIN commitments c ON c.id = m.commitment_id
            WHERE c.plan_id = $1 AND k.reported_at <= $2
            ORDER BY k.reported_at, k.id"#,
        plan_id,
        until
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(CounterpartRecord {
                milestone_id: r.milestone_id,
                institution: r.institution,
                author: r.author_name,
                reported_at: r.reported_at,
                completion: r.completion.parse().ok()?,
                institution_fulfilled: r.institution_fulfilled.parse().ok()?,
                fulfilment_note: r.fulfilment_note,
                perceived_change: r.perceived_change,
                endorses: r.endorses,
            })
        })
        .collect())
}

async fn round_assessments(
    db: &PgPool,
    plan_id: Uuid,
    until: DateTime<Utc>,
) -> sqlx::Result<Vec<RoundAssessmentRecord>> {
    let rows = sqlx::query!(
        r#"SELECT a.commitment_id, r.label, a.assessed_at, a.author_name, a.completion,
                  a.narrative, a.communication, a.communication_note
             FROM round_assessments a
             JOIN reporting_rounds r ON r.id = a.round_id
            WHERE r.plan_id = $1 AND a.assessed_at <= $2
            ORDER BY r.opens_on, a.assessed_at, a.id"#,
        plan_id,
        until
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(RoundAssessmentRecord {
                commitment_id: r.commitment_id,
                round: r.label,
                assessed_at: r.assessed_at,
                author: r.author_name,
                completion: r.completion.parse().ok()?,
                narrative: r.narrative,
                communication: r.communication.parse().ok()?,
                communication_note: r.communication_note,
            })
        })
        .collect())
}

async fn replans(db: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<ReplanRecord>> {
    sqlx::query_as!(
        ReplanRecord,
        r#"SELECT r.milestone_id, r.old_start, r.old_due, r.decided_at AS "decided_at!"
             FROM milestone_replans r
             JOIN milestones m ON m.id = r.milestone_id
             JOIN commitments c ON c.id = m.commitment_id
            WHERE c.plan_id = $1 AND r.state = 'approved'
            ORDER BY r.decided_at"#,
        plan_id
    )
    .fetch_all(db)
    .await
}

async fn assessments(
    db: &PgPool,
    plan_id: Uuid,
    until: DateTime<Utc>,
) -> sqlx::Result<Vec<AssessmentRecord>> {
    let rows = sqlx::query!(
        r#"SELECT a.commitment_id, a.created_at, c.code, a.period_label, a.as_of, a.source,
                  a.verifiable, a.specificity, a.relevance, a.potential_impact, a.completion,
                  a.early_results, a.starred, a.narrative
             FROM assessments a
             JOIN commitments c ON c.id = a.commitment_id
            WHERE c.plan_id = $1 AND a.created_at <= $2
            ORDER BY length(c.code), c.code, a.as_of NULLS LAST, a.created_at, a.id"#,
        plan_id,
        until
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AssessmentRecord {
            commitment_id: r.commitment_id,
            created_at: r.created_at,
            line: AssessmentLine {
                commitment_code: r.code,
                period_label: r.period_label,
                as_of: r.as_of,
                source: r.source,
                verifiable: r.verifiable,
                specificity: r.specificity,
                relevance: r.relevance,
                potential_impact: r.potential_impact,
                completion: r.completion,
                early_results: r.early_results,
                starred: r.starred,
                narrative: r.narrative,
            },
        })
        .collect())
}

// ---- Frozen reports ------------------------------------------------------------------------

/// A frozen report; `report` is the stored JSON (canonical bytes are rebuilt from it).
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub period_label: String,
    pub as_of: NaiveDate,
    pub report: serde_json::Value,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
}

pub async fn freeze(
    conn: &mut PgConnection,
    plan_id: Uuid,
    period_label: &str,
    as_of: NaiveDate,
    report: &serde_json::Value,
    sha256: &str,
    created_by: Option<Uuid>,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO report_snapshots (id, plan_id, period_label, as_of, report_json, sha256,
                                       created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        id,
        plan_id,
        period_label,
        as_of,
        report,
        sha256,
        created_by
    )
    .execute(conn)
    .await?;
    Ok(id)
}

/// A frozen report of the plan with this slug.
pub async fn snapshot(db: &PgPool, plan_slug: &str, id: Uuid) -> sqlx::Result<Option<Snapshot>> {
    sqlx::query_as!(
        Snapshot,
        r#"SELECT s.id, s.plan_id, s.period_label, s.as_of, s.report_json AS report, s.sha256,
                  s.created_at
             FROM report_snapshots s JOIN action_plans p ON p.id = s.plan_id
            WHERE s.id = $1 AND p.slug = $2 AND p.phase <> 'draft'"#,
        id,
        plan_slug
    )
    .fetch_optional(db)
    .await
}

/// A plan's frozen reports, without their bodies, newest period first.
#[derive(Debug, Clone)]
pub struct SnapshotItem {
    pub id: Uuid,
    pub period_label: String,
    pub as_of: NaiveDate,
    pub sha256: String,
    pub signoffs: i64,
}

pub async fn snapshots(db: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<SnapshotItem>> {
    sqlx::query_as!(
        SnapshotItem,
        r#"SELECT s.id, s.period_label, s.as_of, s.sha256,
                  (SELECT count(*) FROM report_signoffs o WHERE o.snapshot_id = s.id)
                    AS "signoffs!"
             FROM report_snapshots s
            WHERE s.plan_id = $1
            ORDER BY s.as_of DESC, s.created_at DESC"#,
        plan_id
    )
    .fetch_all(db)
    .await
}

/// A forum member's sign-off of a frozen report.
#[derive(Debug, Clone)]
pub struct Signoff {
    pub institution_name: String,
    pub representative: Option<String>,
    pub signed_at: DateTime<Utc>,
}

pub async fn signoffs(db: &PgPool, snapshot_id: Uuid) -> sqlx::Result<Vec<Signoff>> {
    sqlx::query_as!(
        Signoff,
        r#"SELECT m.institution_name, m.representative, o.signed_at
             FROM report_signoffs o JOIN nucleo_members m ON m.id = o.member_id
            WHERE o.snapshot_id = $1
            ORDER BY o.signed_at, m.position"#,
        snapshot_id
    )
    .fetch_all(db)
    .await
}

/// The forum seat of an institution in a plan: the first `nucleo_members` row of the plan
/// for that institution.
pub async fn member_seat(
    db: &PgPool,
    plan_id: Uuid,
    institution_id: Uuid,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "SELECT id FROM nucleo_members WHERE plan_id = $1 AND institution_id = $2
          ORDER BY position LIMIT 1",
        plan_id,
        institution_id
    )
    .fetch_optional(db)
    .await
}

/// Records a sign-off; `false` when that seat had signed already.
pub async fn sign(
    conn: &mut PgConnection,
    snapshot_id: Uuid,
    member_id: Uuid,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "INSERT INTO report_signoffs (snapshot_id, member_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING",
        snapshot_id,
        member_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
