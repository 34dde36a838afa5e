//! A plan's commitments and milestones in the template's shape: read for export, and
//! upserted from an import (commitments by code, milestones by commitment code and
//! position) in one transaction, with one audit entry per row created or changed. An import
//! follows the drafting forms' rules (`transfer::import_rules`). Nothing is deleted: a row
//! missing from the file stays as it is.

use std::collections::{HashMap, HashSet};

use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::CommitmentState;
use crate::domain::drafting::check_code;
use crate::domain::slug::slugify;
use crate::store::audit::{self, NewAuditEntry};
use crate::store::cocreation::plan_cycle::{self, CyclePlan};
use crate::transfer::import_rules::{self, StoredPlan};
use crate::transfer::template::{
    COMMITMENTS, CommitmentRow, MILESTONES, MilestoneRow, PlanTemplate, RowError,
};

/// Who an import is recorded as: a person of the forum, or the command line.
#[derive(Debug, Clone)]
pub struct Importer {
    pub actor_id: Option<Uuid>,
    pub actor_label: String,
}

impl Importer {
    /// The operator of the `abierto` command.
    pub fn cli() -> Self {
        Self {
            actor_id: None,
            actor_label: "cli".into(),
        }
    }

    pub fn entry(
        &self,
        action: &'static str,
        entity: &'static str,
        entity_id: Uuid,
        before: Option<serde_json::Value>,
        after: serde_json::Value,
    ) -> NewAuditEntry {
        NewAuditEntry {
            actor_id: self.actor_id,
            actor_label: self.actor_label.clone(),
            action,
            entity,
            entity_id: Some(entity_id.to_string()),
            before,
            after: Some(after),
            request_id: None,
        }
    }
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub errors: Vec<RowError>,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub dry_run: bool,
}

/// The plan as the template shows it, commitments in code order.
pub async fn export(db: &PgPool, plan_id: Uuid) -> sqlx::Result<PlanTemplate> {
    let mut conn = db.acquire().await?;
    let template = read(&mut conn, plan_id).await?;
    Ok(template)
}

async fn read(conn: &mut PgConnection, plan_id: Uuid) -> sqlx::Result<PlanTemplate> {
    let commitments = sqlx::query!(
        r#"SELECT c.code, c.ogp_id, c.title, c.title_en, c.state, c.start_date, c.end_date,
                  c.ogp_values, c.policy_areas, c.sdgs, c.problem, c.causes, c.status_quo,
                  c.objective, c.description, c.advances_transparency,
                  c.advances_accountability, c.advances_participation, c.contact, c.source,
                  COALESCE(array_agg(i.slug ORDER BY a.position, i.slug)
                           FILTER (WHERE a.role = 'lead'), '{}') AS "lead!",
                  COALESCE(array_agg(i.slug ORDER BY a.position, i.slug)
                           FILTER (WHERE a.role = 'civil_society_co_lead'), '{}') AS "co_lead!",
                  COALESCE(array_agg(i.slug ORDER BY a.position, i.slug)
                           FILTER (WHERE a.role = 'supporting'), '{}') AS "supporting!"
             FROM commitments c
             LEFT JOIN commitment_actors a ON a.commitment_id = c.id
             LEFT JOIN institutions i ON i.id = a.institution_id
            WHERE c.plan_id = $1
            GROUP BY c.id
            ORDER BY NULLIF(substring(c.code FROM '^[0-9]{1,9}'), '')::int NULLS LAST, c.code"#,
        plan_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let milestones = sqlx::query!(
        r#"SELECT c.code, m.position, m.title, m.expected_output, i.slug AS "responsible?",
                  m.weight, m.baseline_start, m.baseline_due, m.current_start, m.current_due
             FROM milestones m
             JOIN commitments c ON c.id = m.commitment_id
             LEFT JOIN institutions i ON i.id = m.responsible_institution_id
            WHERE c.plan_id = $1
            ORDER BY NULLIF(substring(c.code FROM '^[0-9]{1,9}'), '')::int NULLS LAST, c.code,
                     m.position"#,
        plan_id
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(PlanTemplate {
        commitments: commitments
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let row = CommitmentRow {
                    code: c.code,
                    ogp_id: c.ogp_id,
                    title: c.title,
                    title_en: c.title_en,
                    state: c.state.parse().unwrap_or(CommitmentState::Draft),
                    start_date: c.start_date,
                    end_date: c.end_date,
                    ogp_values: c.ogp_values,
                    policy_areas: c.policy_areas,
                    sdgs: c.sdgs,
                    lead: c.lead,
                    co_lead: c.co_lead,
                    supporting: c.supporting,
                    texts: vec![
                        c.problem,
                        c.causes,
                        c.status_quo,
                        c.objective,
                        c.description,
                        c.advances_transparency,
                        c.advances_accountability,
                        c.advances_participation,
                        c.contact,
                        c.source,
                    ],
                };
                (i + 2, row)
            })
            .collect(),
        milestones: milestones
            .into_iter()
            .enumerate()
            .map(|(i, m)| {
                let row = MilestoneRow {
                    commitment_code: m.code,
                    position: m.position,
                    title: m.title,
                    expected_output: m.expected_output,
                    responsible: m.responsible,
                    weight: m.weight,
                    baseline_start: m.baseline_start,
                    baseline_due: m.baseline_due,
                    current_start: m.current_start,
                    current_due: m.current_due,
                };
                (i + 2, row)
            })
            .collect(),
    })
}

/// The plan's commitments and milestones (ids and rows) by their natural keys, the slugs in
/// use, and the codes of the commitments approval has stamped (`approved_at`: approved, or
/// withdrawn after approval; the database keeps their milestones' baseline dates).
struct Existing {
    commitments: HashMap<String, (Uuid, CommitmentRow)>,
    milestones: HashMap<(String, i32), (Uuid, MilestoneRow)>,
    slugs: HashSet<String>,
    approved_once: HashSet<String>,
}

async fn existing(conn: &mut PgConnection, plan_id: Uuid) -> sqlx::Result<Existing> {
    let ids = sqlx::query!(
        r#"SELECT id, code, slug, approved_at IS NOT NULL AS "approved_once!"
             FROM commitments WHERE plan_id = $1"#,
        plan_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let milestone_ids = sqlx::query!(
        "SELECT m.id, c.code, m.position FROM milestones m
           JOIN commitments c ON c.id = m.commitment_id WHERE c.plan_id = $1",
        plan_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let current = read(conn, plan_id).await?;
    let id_of: HashMap<_, _> = ids.iter().map(|r| (r.code.clone(), r.id)).collect();
    let milestone_id_of: HashMap<_, _> = milestone_ids
        .iter()
        .map(|r| ((r.code.clone(), r.position), r.id))
        .collect();
    Ok(Existing {
        commitments: current
            .commitments
            .into_iter()
            .filter_map(|(_, c)| id_of.get(&c.code).map(|id| (c.code.clone(), (*id, c))))
            .collect(),
        milestones: current
            .milestones
            .into_iter()
            .filter_map(|(_, m)| {
                let key = (m.commitment_code.clone(), m.position);
                milestone_id_of.get(&key).map(|id| (key, (*id, m)))
            })
            .collect(),
        approved_once: ids
            .iter()
            .filter(|r| r.approved_once)
            .map(|r| r.code.clone())
            .collect(),
        slugs: ids.into_iter().map(|r| r.slug).collect(),
    })
}

async fn institution_ids(
    conn: &mut PgConnection,
    slugs: &[String],
) -> sqlx::Result<HashMap<String, Uuid>> {
    let rows = sqlx::query!(
        "SELECT id, slug FROM institutions WHERE slug = ANY($1)",
        slugs
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.slug, r.id)).collect())
}

/// References only the database can resolve: unknown institutions, milestones of commitments
/// that exist nowhere.
fn check_references(
    template: &PlanTemplate,
    existing: &Existing,
    institutions: &HashMap<String, Uuid>,
) -> Vec<RowError> {
    let mut errors = Vec::new();
    let mut fail = |sheet: &str, row: usize, column: &str, key: &'static str, detail: &str| {
        errors.push(RowError {
            sheet: sheet.to_owned(),
            row,
            column: column.to_owned(),
            key,
            detail: detail.to_owned(),
        });
    };
    for (row, c) in &template.commitments {
        for (column, slugs) in [
            ("lead", &c.lead),
            ("co_lead", &c.co_lead),
            ("supporting", &c.supporting),
        ] {
            for slug in slugs.iter().filter(|s| !institutions.contains_key(*s)) {
                fail(
                    COMMITMENTS,
                    *row,
                    column,
                    "import-error-unknown-institution",
                    slug,
                );
            }
        }
    }
    let codes: HashSet<&str> = template
        .commitments
        .iter()
        .map(|(_, c)| c.code.as_str())
        .chain(existing.commitments.keys().map(String::as_str))
        .collect();
    for (row, m) in &template.milestones {
        if let Some(slug) = m
            .responsible
            .as_ref()
            .filter(|s| !institutions.contains_key(*s))
        {
            fail(
                MILESTONES,
                *row,
                "responsible",
                "import-error-unknown-institution",
                slug,
            );
        }
        let readable = check_code(&m.commitment_code).is_ok();
        if readable && !codes.contains(m.commitment_code.as_str()) {
            fail(
                MILESTONES,
                *row,
                "commitment_code",
                "import-error-unknown-commitment",
                &m.commitment_code,
            );
        }
    }
    errors
}

/// The plan's phase and period with its stored rows, as the drafting rules read them.
fn stored_plan<'a>(plan: &CyclePlan, existing: &'a Existing) -> StoredPlan<'a> {
    StoredPlan {
        phase: plan.phase(),
        period: (plan.period_start, plan.period_end),
        commitments: existing
            .commitments
            .iter()
            .map(|(code, (_, row))| (code.as_str(), row))
            .collect(),
        milestones: existing
            .milestones
            .iter()
            .map(|((code, position), (_, row))| ((code.as_str(), *position), row))
            .collect(),
        approved_once: existing.approved_once.iter().map(String::as_str).collect(),
    }
}

/// Checks everything (the references, and the drafting rules of `transfer::import_rules`
/// against the plan's phase and stored rows) and, unless this is a dry run or something is
/// wrong, writes it all in one transaction. With any error nothing is written. The plan stays
/// locked until the end, so its phase cannot change between the check and the writes.
pub async fn import(
    db: &PgPool,
    plan: &PlanRef,
    template: &PlanTemplate,
    parse_errors: Vec<RowError>,
    dry_run: bool,
    by: &Importer,
) -> sqlx::Result<ImportSummary> {
    let mut tx = db.begin().await?;
    plan_cycle::lock(&mut tx, plan.id).await?;
    let cycle = plan_cycle::by_slug(&mut *tx, &plan.slug)
        .await?
        .filter(|p| p.id == plan.id)
        .ok_or(sqlx::Error::RowNotFound)?;
    let plan_id = plan.id;
    let existing = existing(&mut tx, plan_id).await?;
    let institutions = institution_ids(&mut tx, &template.institution_slugs()).await?;
    let mut summary = ImportSummary {
        errors: parse_errors,
        dry_run,
        ..ImportSummary::default()
    };
    let bad_rows: HashSet<(String, usize)> = summary
        .errors
        .iter()
        .map(|e| (e.sheet.clone(), e.row))
        .collect();
    let found = check_references(template, &existing, &institutions);
    summary.errors.extend(found);
    let refused = import_rules::check(template, &stored_plan(&cycle, &existing), &bad_rows);
    summary.errors.extend(refused);
    summary
        .errors
        .sort_by(|a, b| (&a.sheet, a.row).cmp(&(&b.sheet, b.row)));
    if !summary.errors.is_empty() {
        return Ok(summary);
    }
    let mut writer = Writer {
        conn: &mut tx,
        plan_id,
        by,
        institutions: &institutions,
        summary: &mut summary,
    };
    let mut slugs = existing.slugs.clone();
    let mut commitment_ids: HashMap<String, Uuid> = existing
        .commitments
        .iter()
        .map(|(code, (id, _))| (code.clone(), *id))
        .collect();
    let mut approved = Vec::new();
    for (_, row) in &template.commitments {
        let stored = existing.commitments.get(&row.code);
        let id = writer.commitment(row, stored, &mut slugs).await?;
        commitment_ids.insert(row.code.clone(), id);
        let was = stored.map(|(_, c)| c.state);
        if row.state == CommitmentState::Approved && was != Some(CommitmentState::Approved) {
            approved.push(id);
        }
    }
    for (_, row) in &template.milestones {
        let key = (row.commitment_code.clone(), row.position);
        let Some(&commitment_id) = commitment_ids.get(&row.commitment_code) else {
            continue;
        };
        writer
            .milestone(row, commitment_id, existing.milestones.get(&key))
            .await?;
    }
    // Approval is stamped last, as the form approves a commitment after its milestones are
    // saved: a file may approve a draft and set its baseline dates at once, which the
    // `milestones_baseline_frozen` trigger would refuse under a stamped commitment.
    writer.stamp_approvals(&approved).await?;
    let touched: Vec<Uuid> = commitment_ids.values().copied().collect();
    let author = crate::store::versions::Author {
        id: by.actor_id,
        name: &by.actor_label,
    };
    crate::store::versions::record_versions(
        &mut tx,
        &touched,
        author,
        crate::store::versions::IMPORT,
    )
    .await?;
    if dry_run {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
    }
    Ok(summary)
}

struct Writer<'a> {
    conn: &'a mut PgConnection,
    plan_id: Uuid,
    by: &'a Importer,
    institutions: &'a HashMap<String, Uuid>,
    summary: &'a mut ImportSummary,
}

/// A slug from the title not yet used in the plan.
fn free_slug(title: &str, code: &str, slugs: &mut HashSet<String>) -> String {
    let base = Some(slugify(title))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("compromiso-{}", slugify(code)));
    let mut slug = base.clone();
    let mut n = 2;
    while slugs.contains(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slugs.insert(slug.clone());
    slug
}

impl Writer<'_> {
    async fn commitment(
        &mut self,
        row: &CommitmentRow,
        stored: Option<&(Uuid, CommitmentRow)>,
        slugs: &mut HashSet<String>,
    ) -> sqlx::Result<Uuid> {
        let after = serde_json::to_value(row).unwrap_or_default();
        let (id, action, before) = match stored {
            Some((id, old)) if old == row => {
                self.summary.unchanged += 1;
                return Ok(*id);
            }
            Some((id, old)) => {
                self.update_commitment(*id, row).await?;
                self.summary.updated += 1;
                let before = serde_json::to_value(old).unwrap_or_default();
                (*id, "commitment.import_update", Some(before))
            }
            None => {
                let id = Uuid::now_v7();
                let slug = free_slug(&row.title, &row.code, slugs);
                sqlx::query!(
                    "INSERT INTO commitments (id, plan_id, code, title, slug) VALUES ($1, $2, $3, $4, $5)",
                    id,
                    self.plan_id,
                    row.code,
                    row.title,
                    slug
                )
                .execute(&mut *self.conn)
                .await?;
                self.update_commitment(id, row).await?;
                self.summary.created += 1;
                (id, "commitment.import_create", None)
            }
        };
        let entry = self.by.entry(action, "commitment", id, before, after);
        audit::record(self.conn, entry).await?;
        Ok(id)
    }

    /// Stamps the approval time of the commitments approved now (not those approved before).
    async fn stamp_approvals(&mut self, ids: &[Uuid]) -> sqlx::Result<()> {
        sqlx::query!(
            "UPDATE commitments SET approved_at = now()
              WHERE id = ANY($1) AND approved_at IS NULL",
            ids
        )
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    async fn update_commitment(&mut self, id: Uuid, row: &CommitmentRow) -> sqlx::Result<()> {
        let t = &row.texts;
        sqlx::query!(
            "UPDATE commitments
                SET ogp_id = $2, title = $3, title_en = $4, state = $5, start_date = $6,
                    end_date = $7, ogp_values = $8, policy_areas = $9, sdgs = $10,
                    problem = $11, causes = $12, status_quo = $13, objective = $14,
                    description = $15, advances_transparency = $16,
                    advances_accountability = $17, advances_participation = $18,
                    contact = $19, source = $20, version = version + 1
              WHERE id = $1",
            id,
            row.ogp_id,
            row.title,
            row.title_en,
            row.state.as_str(),
            row.start_date,
            row.end_date,
            &row.ogp_values,
            &row.policy_areas,
            &row.sdgs,
            t[0],
            t[1],
            t[2],
            t[3],
            t[4],
            t[5],
            t[6],
            t[7],
            t[8],
            t[9]
        )
        .execute(&mut *self.conn)
        .await?;
        sqlx::query!("DELETE FROM commitment_actors WHERE commitment_id = $1", id)
            .execute(&mut *self.conn)
            .await?;
        for (role, slugs) in [
            ("lead", &row.lead),
            ("civil_society_co_lead", &row.co_lead),
            ("supporting", &row.supporting),
        ] {
            for (position, slug) in slugs.iter().enumerate() {
                let Some(institution_id) = self.institutions.get(slug) else {
                    continue;
                };
                sqlx::query!(
                    "INSERT INTO commitment_actors (id, commitment_id, institution_id, role, position)
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                    Uuid::now_v7(),
                    id,
                    institution_id,
                    role,
                    position as i32
                )
                .execute(&mut *self.conn)
                .await?;
            }
        }
        Ok(())
    }

    async fn milestone(
        &mut self,
        row: &MilestoneRow,
        commitment_id: Uuid,
        stored: Option<&(Uuid, MilestoneRow)>,
    ) -> sqlx::Result<()> {
        let responsible = row
            .responsible
            .as_ref()
            .and_then(|s| self.institutions.get(s))
            .copied();
        let after = serde_json::to_value(row).unwrap_or_default();
        let (id, action, before) = match stored {
            Some((_, old)) if old == row => {
                self.summary.unchanged += 1;
                return Ok(());
            }
            Some((id, old)) => {
                sqlx::query!(
                    "UPDATE milestones
                        SET title = $2, expected_output = $3, responsible_institution_id = $4,
                            weight = $5, baseline_start = $6, baseline_due = $7,
                            current_start = $8, current_due = $9
                      WHERE id = $1",
                    id,
                    row.title,
                    row.expected_output,
                    responsible,
                    row.weight,
                    row.baseline_start,
                    row.baseline_due,
                    row.current_start,
                    row.current_due
                )
                .execute(&mut *self.conn)
                .await?;
                self.summary.updated += 1;
                let before = serde_json::to_value(old).unwrap_or_default();
                (*id, "milestone.import_update", Some(before))
            }
            None => {
                let id = Uuid::now_v7();
                sqlx::query!(
                    "INSERT INTO milestones (id, commitment_id, position, title, expected_output,
                                             responsible_institution_id, weight, baseline_start,
                                             baseline_due, current_start, current_due)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    id,
                    commitment_id,
                    row.position,
                    row.title,
                    row.expected_output,
                    responsible,
                    row.weight,
                    row.baseline_start,
                    row.baseline_due,
                    row.current_start,
                    row.current_due
                )
                .execute(&mut *self.conn)
                .await?;
                self.summary.created += 1;
                (id, "milestone.import_create", None)
            }
        };
        let entry = self.by.entry(action, "milestone", id, before, json!(after));
        audit::record(self.conn, entry).await
    }
}

/// A plan in any phase (drafts too: a plan is often imported before it is published).
#[derive(Debug, Clone)]
pub struct PlanRef {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub government_id: Uuid,
}

pub async fn plan_by_slug(db: &PgPool, slug: &str) -> sqlx::Result<Option<PlanRef>> {
    sqlx::query_as!(
        PlanRef,
        "SELECT id, slug, title, government_id FROM action_plans WHERE slug = $1",
        slug
    )
    .fetch_optional(db)
    .await
}
