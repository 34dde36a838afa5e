//! Reads what `abierto export ogp` writes: the commitments of plans that came from OGP (an
//! OGP plan number) that have an OGP id, with their institutions and IRM assessments (source
//! `irm_import`), in the order they were stored.

use std::collections::HashMap;

use chrono::Datelike;
use sqlx::PgPool;
use uuid::Uuid;

use crate::transfer::ogp::export::{StoredAssessment, StoredCommitment, StoredInstitution};

/// The stored OGP commitments, of one government (by slug) or of all.
pub async fn commitments(
    db: &PgPool,
    government: Option<&str>,
) -> sqlx::Result<Vec<StoredCommitment>> {
    let rows = sqlx::query!(
        r#"SELECT c.id, c.ogp_id AS "ogp_id!", g.name AS government, g.country_code, g.kind,
                  p.ogp_plan_number AS "plan_number!", p.period_start, p.period_end,
                  c.code, c.title, c.title_en, c.description, c.start_date, c.end_date,
                  c.ogp_values, c.policy_areas, c.source
             FROM commitments c
             JOIN action_plans p ON p.id = c.plan_id
             JOIN governments g ON g.id = p.government_id
            WHERE c.ogp_id IS NOT NULL AND p.ogp_plan_number IS NOT NULL
              AND ($1::text IS NULL OR g.slug = $1)
            ORDER BY c.id"#,
        government
    )
    .fetch_all(db)
    .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let actors = sqlx::query!(
        "SELECT a.commitment_id, a.role, i.name, i.acronym
           FROM commitment_actors a
           JOIN institutions i ON i.id = a.institution_id
          WHERE a.commitment_id = ANY($1)
          ORDER BY a.commitment_id, a.position, a.id",
        &ids
    )
    .fetch_all(db)
    .await?;
    let assessments = sqlx::query!(
        "SELECT commitment_id, period_label, specificity, verifiable, potential_impact,
                completion, early_results, starred, absent_marks, source_label
           FROM assessments
          WHERE source = 'irm_import' AND commitment_id = ANY($1)
          ORDER BY commitment_id, id",
        &ids
    )
    .fetch_all(db)
    .await?;
    let mut by_id: HashMap<Uuid, StoredCommitment> = HashMap::new();
    for r in &rows {
        by_id.insert(
            r.id,
            StoredCommitment {
                ogp_id: r.ogp_id.clone(),
                government: r.government.clone(),
                country_code: r.country_code.clone(),
                local: r.kind == "local",
                plan_number: r.plan_number,
                plan_years: (r.period_start.year(), r.period_end.year()),
                code: r.code.clone(),
                title: r.title.clone(),
                title_en: r.title_en.clone(),
                description: r.description.clone(),
                start_date: r.start_date,
                end_date: r.end_date,
                ogp_values: r.ogp_values.clone(),
                policy_areas: r.policy_areas.clone(),
                source: r.source.clone(),
                ..StoredCommitment::default()
            },
        );
    }
    for a in actors {
        let Some(c) = by_id.get_mut(&a.commitment_id) else {
            continue;
        };
        let institution = StoredInstitution {
            name: a.name,
            acronym: a.acronym,
        };
        // OGP's export has no co-lead column: a civil-society co-lead is written as a lead.
        match a.role.as_str() {
            "supporting" => c.supporting.push(institution),
            _ => c.leads.push(institution),
        }
    }
    for a in assessments {
        let Some(c) = by_id.get_mut(&a.commitment_id) else {
            continue;
        };
        let absent = a
            .absent_marks
            .as_object()
            .map(|marks| {
                marks
                    .iter()
                    .filter_map(|(field, why)| Some((field.clone(), why.as_str()?.to_owned())))
                    .collect()
            })
            .unwrap_or_default();
        c.assessments.push(StoredAssessment {
            period_label: a.period_label,
            specificity: a.specificity,
            verifiable: a.verifiable,
            potential_impact: a.potential_impact,
            completion: a.completion,
            early_results: a.early_results,
            starred: a.starred,
            absent,
            source_label: a.source_label,
        });
    }
    Ok(rows.iter().filter_map(|r| by_id.remove(&r.id)).collect())
}
