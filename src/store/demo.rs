//! Writes the demo data set in one transaction.

use std::collections::HashMap;

use serde_json::json;
use sqlx::{PgPool, Postgres, Transaction};
use uuid::Uuid;

use crate::domain::seed::{CommitmentSeed, DemoData, MilestoneSeed};
use crate::domain::{MilestoneFacts, Progress, UpdateFact, latest_counting_update};
use crate::store::audit::{self, NewAuditEntry};

/// True when the database holds no plan yet (a first start).
pub async fn is_empty(db: &PgPool) -> sqlx::Result<bool> {
    let exists = sqlx::query_scalar!(r#"SELECT EXISTS (SELECT 1 FROM action_plans) AS "exists!""#)
        .fetch_one(db)
        .await?;
    Ok(!exists)
}

/// Loads plans, institutions, forum and history, with one audit entry per plan. Accounts are
/// created by the caller, which holds their passwords.
pub async fn load(db: &PgPool, data: &DemoData) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    let government_id = Uuid::now_v7();
    let g = &data.government;
    sqlx::query!(
        "INSERT INTO governments (id, name, slug, kind, country_code) VALUES ($1, $2, $3, $4, $5)",
        government_id,
        g.name,
        g.slug,
        g.kind,
        g.country_code
    )
    .execute(&mut *tx)
    .await?;

    let mut institutions = HashMap::new();
    for i in &data.institutions {
        let id = Uuid::now_v7();
        sqlx::query!(
            "INSERT INTO institutions (id, government_id, name, acronym, slug, sector)
             VALUES ($1, $2, $3, $4, $5, $6)",
            id,
            government_id,
            i.name,
            i.acronym,
            i.key,
            i.sector.as_str()
        )
        .execute(&mut *tx)
        .await?;
        institutions.insert(i.key.as_str(), id);
    }

    for plan in &data.plans {
        let plan_id = Uuid::now_v7();
        sqlx::query!(
            "INSERT INTO action_plans (id, government_id, title, slug, ogp_label, period_start,
                                       period_end, phase, summary, is_demo, sources)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            plan_id,
            government_id,
            plan.title,
            plan.slug,
            plan.ogp_label,
            plan.period_start,
            plan.period_end,
            plan.phase,
            plan.summary,
            plan.is_demo,
            &plan.sources
        )
        .execute(&mut *tx)
        .await?;
        for m in &plan.members {
            sqlx::query!(
                "INSERT INTO nucleo_members (id, plan_id, institution_id, institution_name,
                                             representative, sector, forum_role, source, position)
                 VALUES ($1, $2, $3, $4, $5, $6, 'member', $7, $8)",
                Uuid::now_v7(),
                plan_id,
                institutions.get(m.institution_key.as_str()).copied(),
                m.institution_name,
                m.representative,
                m.sector.as_str(),
                m.source,
                m.position
            )
            .execute(&mut *tx)
            .await?;
        }
        let mut commitments = Vec::with_capacity(plan.commitments.len());
        for c in &plan.commitments {
            commitments.push(insert_commitment(&mut tx, plan_id, c, &institutions).await?);
        }
        // The demo plan as it was approved: its first version dated when its period began,
        // so reports as of any day of the period have it.
        let approved = plan.period_start.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
        let system = crate::store::versions::Author::SYSTEM;
        crate::store::versions::record_versions_at(
            &mut tx,
            &commitments,
            system,
            crate::store::versions::INITIAL,
            approved,
        )
        .await?;
        audit::record(
            &mut tx,
            NewAuditEntry {
                actor_id: None,
                actor_label: "system".to_owned(),
                action: "demo.load",
                entity: "action_plan",
                entity_id: Some(plan_id.to_string()),
                before: None,
                after: Some(json!({
                    "slug": plan.slug,
                    "title": plan.title,
                    "commitments": plan.commitments.len(),
                })),
                request_id: None,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn insert_commitment(
    tx: &mut Transaction<'_, Postgres>,
    plan_id: Uuid,
    c: &CommitmentSeed,
    institutions: &HashMap<&str, Uuid>,
) -> anyhow::Result<Uuid> {
    let id = Uuid::now_v7();
    let illustrative = c.milestones.iter().any(|m| m.is_illustrative);
    sqlx::query!(
        "INSERT INTO commitments (id, plan_id, code, ogp_id, title, title_en, slug, problem,
                                  objective, ogp_values, policy_areas, start_date, end_date,
                                  state, source, is_illustrative, approved_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, now())",
        id,
        plan_id,
        c.code,
        c.ogp_id,
        c.title,
        c.title_en,
        c.slug,
        c.problem,
        c.objective,
        &c.ogp_values,
        &c.policy_areas,
        c.start_date,
        c.end_date,
        c.state,
        c.source,
        illustrative
    )
    .execute(&mut **tx)
    .await?;
    for (position, (key, role)) in c.actors.iter().enumerate() {
        let Some(institution_id) = institutions.get(key.as_str()) else {
            continue;
        };
        sqlx::query!(
            "INSERT INTO commitment_actors (id, commitment_id, institution_id, role, position)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            Uuid::now_v7(),
            id,
            institution_id,
            role.as_str(),
            i32::try_from(position).unwrap_or(0)
        )
        .execute(&mut **tx)
        .await?;
    }
    for e in &c.evidence {
        sqlx::query!(
            "INSERT INTO evidence (id, commitment_id, kind, evidence_type, title, url, source,
                                   evidence_date, date_label)
             VALUES ($1, $2, 'link', $3, $4, $5, $6, $7, $8)",
            Uuid::now_v7(),
            id,
            e.evidence_type,
            e.title,
            e.url,
            e.source,
            e.date,
            e.date_label
        )
        .execute(&mut **tx)
        .await?;
    }
    for a in &c.assessments {
        sqlx::query!(
            "INSERT INTO assessments (id, commitment_id, period_label, as_of, verifiable,
                                      relevance, potential_impact, early_results, source,
                                      source_label)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'irm_import', $9)",
            Uuid::now_v7(),
            id,
            a.period_label,
            a.as_of,
            a.verifiable,
            &a.relevance,
            a.potential_impact,
            a.early_results,
            a.source_label
        )
        .execute(&mut **tx)
        .await?;
    }
    for m in &c.milestones {
        insert_milestone(tx, id, m, institutions).await?;
    }
    Ok(id)
}

async fn insert_milestone(
    tx: &mut Transaction<'_, Postgres>,
    commitment_id: Uuid,
    m: &MilestoneSeed,
    institutions: &HashMap<&str, Uuid>,
) -> anyhow::Result<()> {
    let id = Uuid::now_v7();
    // The cache holds the latest counting report, computed by the one domain rule.
    let facts = MilestoneFacts {
        weight: u32::try_from(m.weight).unwrap_or(1),
        start: m.current_start,
        due: m.current_due,
        updates: m
            .updates
            .iter()
            .map(|u| UpdateFact {
                reported_at: u.reported_at,
                progress: Progress::try_from(u.progress).unwrap_or(Progress::ZERO),
                status: u.status,
                review: u.review,
                reviewed_at: None,
            })
            .collect(),
    };
    let latest = latest_counting_update(&facts.updates, chrono::Utc::now());
    sqlx::query!(
        "INSERT INTO milestones (id, commitment_id, position, title, expected_output,
                                 responsible_institution_id, weight, baseline_start, baseline_due,
                                 current_start, current_due, is_illustrative, current_progress,
                                 current_status, last_update_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        id,
        commitment_id,
        m.position,
        m.title,
        m.expected_output,
        m.responsible_key
            .as_deref()
            .and_then(|k| institutions.get(k).copied()),
        m.weight,
        m.baseline_start,
        m.baseline_due,
        m.current_start,
        m.current_due,
        m.is_illustrative,
        latest.map_or(0, |u| i16::from(u.progress.value())),
        latest.map_or("not_started", |u| u.status.as_str()),
        latest.map(|u| u.reported_at),
        1 + i32::try_from(m.updates.len()).unwrap_or(0)
    )
    .execute(&mut **tx)
    .await?;
    for u in &m.updates {
        let reviewed = !matches!(u.review, crate::domain::ReviewState::Pending);
        sqlx::query!(
            "INSERT INTO progress_updates (id, milestone_id, author_name, reported_at, progress,
                                           status, narrative, is_illustrative, review_state,
                                           reviewed_at, review_note)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            Uuid::now_v7(),
            id,
            u.author_name,
            u.reported_at,
            u.progress,
            u.status.as_str(),
            u.narrative,
            u.is_illustrative,
            u.review.as_str(),
            reviewed.then(|| u.reported_at + chrono::Duration::days(7)),
            u.review_note
        )
        .execute(&mut **tx)
        .await?;
    }
    // Both figures, by the same rule as every report and review.
    crate::store::monitoring::reviews::refresh_cache(tx, id).await?;
    Ok(())
}
