//! Commitment drafting: the forum writes the OGP template, the actors and the milestones,
//! moves the commitment through consultation to approval, and approval freezes the baseline.

use chrono::NaiveDate;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::drafting::{CommitmentDraft, MilestoneDraft};
use crate::domain::{ActorRole, CommitmentState};
use crate::store::versions::{self, Author};

/// A commitment as its drafting form shows it.
#[derive(Debug, Clone)]
pub struct EditCommitment {
    pub id: Uuid,
    pub state: String,
    pub version: i32,
    pub draft: CommitmentDraft,
}

impl EditCommitment {
    pub fn state(&self) -> CommitmentState {
        self.state.parse().unwrap_or(CommitmentState::Draft)
    }

    /// Baseline dates of its milestones, in order (what approval froze).
    pub fn baseline(&self) -> Vec<(Option<NaiveDate>, Option<NaiveDate>)> {
        self.draft
            .milestones
            .iter()
            .map(|m| (m.baseline_start, m.baseline_due))
            .collect()
    }

    /// The baseline approval froze; `None` before approval.
    pub fn frozen_baseline(&self) -> Option<Vec<(Option<NaiveDate>, Option<NaiveDate>)>> {
        (self.state() == CommitmentState::Approved).then(|| self.baseline())
    }
}

/// The commitment with its actors and milestones (three statements).
pub async fn for_edit(
    db: &PgPool,
    plan_id: Uuid,
    code: &str,
) -> sqlx::Result<Option<EditCommitment>> {
    let Some(c) = sqlx::query!(
        "SELECT id, code, ogp_id, title, title_en, problem, causes, status_quo, objective,
                description, advances_transparency, advances_accountability,
                advances_participation, ogp_values, policy_areas, sdgs, start_date, end_date,
                contact, state, version
           FROM commitments WHERE plan_id = $1 AND code = $2",
        plan_id,
        code
    )
    .fetch_optional(db)
    .await?
    else {
        return Ok(None);
    };
    let actors = sqlx::query!(
        "SELECT institution_id, role FROM commitment_actors
          WHERE commitment_id = $1 ORDER BY position",
        c.id
    )
    .fetch_all(db)
    .await?;
    let milestones = sqlx::query_as!(
        MilestoneDraft,
        r#"SELECT position, title, expected_output,
                  responsible_institution_id AS responsible, weight, baseline_start, baseline_due
             FROM milestones WHERE commitment_id = $1 ORDER BY position"#,
        c.id
    )
    .fetch_all(db)
    .await?;
    let with_role = |role: ActorRole| {
        actors
            .iter()
            .filter(move |a| a.role == role.as_str())
            .map(|a| a.institution_id)
    };
    Ok(Some(EditCommitment {
        id: c.id,
        state: c.state,
        version: c.version,
        draft: CommitmentDraft {
            code: c.code,
            ogp_id: c.ogp_id,
            title: c.title,
            title_en: c.title_en,
            problem: c.problem,
            causes: c.causes,
            status_quo: c.status_quo,
            objective: c.objective,
            description: c.description,
            advances_transparency: c.advances_transparency,
            advances_accountability: c.advances_accountability,
            advances_participation: c.advances_participation,
            ogp_values: c.ogp_values,
            policy_areas: c.policy_areas,
            sdgs: c.sdgs,
            start_date: c.start_date,
            end_date: c.end_date,
            contact: c.contact,
            lead: with_role(ActorRole::Lead).next(),
            co_lead: with_role(ActorRole::CivilSocietyCoLead).next(),
            supporting: with_role(ActorRole::Supporting).collect(),
            milestones,
        },
    }))
}

/// A new draft commitment with its actors and milestones, and its first version. A taken
/// code fails on `commitments_plan_code_key` (or the slug made from it on
/// `commitments_plan_slug_key`).
pub async fn create(
    conn: &mut PgConnection,
    plan_id: Uuid,
    d: &CommitmentDraft,
    author: Author<'_>,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "INSERT INTO commitments (id, plan_id, code, slug, title) VALUES ($1, $2, $3, $4, $5)",
        id,
        plan_id,
        d.code,
        d.slug(),
        d.title
    )
    .execute(&mut *conn)
    .await?;
    write_fields(&mut *conn, id, d).await?;
    write_actors(&mut *conn, id, d).await?;
    write_milestones(&mut *conn, id, &d.milestones, Milestones::Free).await?;
    versions::record_version(conn, id, author, "").await?;
    Ok(id)
}

/// What a save may do to the milestones of a commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Milestones {
    /// A draft: dates follow the form, rows beyond the form are removed.
    Free,
    /// Approved: the milestones and their dates stay; only their other fields change.
    Frozen,
    /// Approved, and the forum adds or removes milestones, giving its reason: those kept keep
    /// their dates, new ones bring theirs, rows beyond the form are removed.
    ForumChange,
}

/// Why a version is recorded, and by whom.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    pub author: Author<'a>,
    pub reason: &'a str,
}

/// Saves the form over the commitment if it is still at `version` (false: stale), and
/// records the commitment's next version. After approval milestones keep their baseline and
/// current dates (see [`Milestones`]); the caller has checked the form against the frozen
/// baseline.
pub async fn update(
    conn: &mut PgConnection,
    (id, version): (Uuid, i32),
    d: &CommitmentDraft,
    milestones: Milestones,
    change: Change<'_>,
) -> sqlx::Result<bool> {
    let bumped = sqlx::query!(
        "UPDATE commitments SET version = version + 1, code = $3, slug = $4
          WHERE id = $1 AND version = $2",
        id,
        version,
        d.code,
        d.slug()
    )
    .execute(&mut *conn)
    .await?;
    if bumped.rows_affected() != 1 {
        return Ok(false);
    }
    write_fields(&mut *conn, id, d).await?;
    write_actors(&mut *conn, id, d).await?;
    write_milestones(&mut *conn, id, &d.milestones, milestones).await?;
    versions::record_version(conn, id, change.author, change.reason).await?;
    Ok(true)
}

async fn write_fields(conn: &mut PgConnection, id: Uuid, d: &CommitmentDraft) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE commitments
            SET ogp_id = $2, title = $3, title_en = $4, problem = $5, causes = $6,
                status_quo = $7, objective = $8, description = $9, advances_transparency = $10,
                advances_accountability = $11, advances_participation = $12, ogp_values = $13,
                policy_areas = $14, sdgs = $15, start_date = $16, end_date = $17, contact = $18
          WHERE id = $1",
        id,
        d.ogp_id,
        d.title,
        d.title_en,
        d.problem,
        d.causes,
        d.status_quo,
        d.objective,
        d.description,
        d.advances_transparency,
        d.advances_accountability,
        d.advances_participation,
        &d.ogp_values,
        &d.policy_areas,
        &d.sdgs,
        d.start_date,
        d.end_date,
        d.contact
    )
    .execute(conn)
    .await?;
    Ok(())
}

async fn write_actors(conn: &mut PgConnection, id: Uuid, d: &CommitmentDraft) -> sqlx::Result<()> {
    sqlx::query!("DELETE FROM commitment_actors WHERE commitment_id = $1", id)
        .execute(&mut *conn)
        .await?;
    let actors = d
        .lead
        .map(|i| (i, ActorRole::Lead))
        .into_iter()
        .chain(d.co_lead.map(|i| (i, ActorRole::CivilSocietyCoLead)))
        .chain(d.supporting.iter().map(|i| (*i, ActorRole::Supporting)));
    for (position, (institution, role)) in actors.enumerate() {
        sqlx::query!(
            "INSERT INTO commitment_actors (id, commitment_id, institution_id, role, position)
             VALUES ($1, $2, $3, $4, $5)",
            Uuid::now_v7(),
            id,
            institution,
            role.as_str(),
            i32::try_from(position).unwrap_or(i32::MAX)
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Milestones by position: rows are updated in place (their history stays attached), new
/// ones added, positions beyond the form removed (drafts only). Until approval the current
/// dates follow the baseline.
async fn write_milestones(
    conn: &mut PgConnection,
    id: Uuid,
    milestones: &[MilestoneDraft],
    mode: Milestones,
) -> sqlx::Result<()> {
    let frozen = mode != Milestones::Free;
    for m in milestones {
        sqlx::query!(
            "INSERT INTO milestones (id, commitment_id, position, title, expected_output,
                                     responsible_institution_id, weight, baseline_start,
                                     baseline_due, current_start, current_due)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $9)
             ON CONFLICT (commitment_id, position) DO UPDATE
                SET title = EXCLUDED.title, expected_output = EXCLUDED.expected_output,
                    responsible_institution_id = EXCLUDED.responsible_institution_id,
                    weight = EXCLUDED.weight,
                    baseline_start = CASE WHEN $10 THEN milestones.baseline_start ELSE EXCLUDED.baseline_start END,
                    baseline_due = CASE WHEN $10 THEN milestones.baseline_due ELSE EXCLUDED.baseline_due END,
                    current_start = CASE WHEN $10 THEN milestones.current_start ELSE EXCLUDED.current_start END,
                    current_due = CASE WHEN $10 THEN milestones.current_due ELSE EXCLUDED.current_due END",
            Uuid::now_v7(),
            id,
            m.position,
            m.title,
            m.expected_output,
            m.responsible,
            m.weight,
            m.baseline_start,
            m.baseline_due,
            frozen
        )
        .execute(&mut *conn)
        .await?;
    }
    if mode != Milestones::Frozen {
        sqlx::query!(
            "DELETE FROM milestones WHERE commitment_id = $1 AND position > $2",
            id,
            i32::try_from(milestones.len()).unwrap_or(i32::MAX)
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Moves the commitment to `to` if still at `version` (false: stale). Approval stamps the
/// time and sets every milestone's current dates to its baseline.
pub async fn set_state(
    conn: &mut PgConnection,
    (id, version): (Uuid, i32),
    to: CommitmentState,
    change: Change<'_>,
) -> sqlx::Result<bool> {
    let approve = to == CommitmentState::Approved;
    let updated = sqlx::query!(
        "UPDATE commitments
            SET state = $3, version = version + 1,
                approved_at = CASE WHEN $4 THEN now() ELSE approved_at END
          WHERE id = $1 AND version = $2",
        id,
        version,
        to.as_str(),
        approve
    )
    .execute(&mut *conn)
    .await?;
    if updated.rows_affected() != 1 {
        return Ok(false);
    }
    if approve {
        sqlx::query!(
            "UPDATE milestones SET current_start = baseline_start, current_due = baseline_due
              WHERE commitment_id = $1",
            id
        )
        .execute(&mut *conn)
        .await?;
    }
    versions::record_version(conn, id, change.author, change.reason).await?;
    Ok(true)
}
