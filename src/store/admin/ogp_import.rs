//! Writes OGP's commitments export: governments (by country code, or by name for a local
//! member or an unknown code), plans (by government and OGP plan number), institutions (by
//! government and name), commitments (by OGP id) and their IRM ratings as assessments. A
//! commitment whose OGP id is already stored is skipped, so importing a file twice creates
//! nothing new; one whose number another commitment of the plan has is stored with a letter
//! (`2.1-b`) and a report line. One transaction; one audit entry per thing created.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, Utc};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::slug::slugify;
use crate::store::audit;
use crate::store::cocreation::plan_transfer::Importer;
use crate::transfer::ogp::{self, OgpCommitment, OgpInstitution, Parsed, ReportLine, Skipped};

/// The longest slug base taken from a name (the column allows 100, with room for `-2`…).
const SLUG_BASE: usize = 80;

/// What the import created, what it left out and why, and the report: the parser's lines
/// and the import's own.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OgpSummary {
    pub governments: usize,
    pub plans: usize,
    pub institutions: usize,
    pub commitments: usize,
    pub assessments: usize,
    pub skipped: Vec<Skipped>,
    pub report: Vec<ReportLine>,
}

impl OgpSummary {
    /// The report as it is written and kept: value lines, then rows left out.
    pub fn lines(&self) -> Vec<ogp::report::Line> {
        ogp::report::lines(&self.report, &self.skipped)
    }
}

/// Two imports at once (the command and the web page, or two administrators) take turns:
/// each decides from what the other committed, never creating the same government twice.
const IMPORT_LOCK: i64 = i64::from_be_bytes(*b"ogp-impt");

/// Stores the parsed export in one transaction, waiting for any other OGP import to end.
pub async fn import(
    db: &PgPool,
    parsed: &Parsed,
    by: &Importer,
    mut progress: impl FnMut(),
) -> anyhow::Result<OgpSummary> {
    let mut tx = db.begin().await?;
    sqlx::query!(
        r#"SELECT pg_advisory_xact_lock($1) AS "locked!: ()""#,
        IMPORT_LOCK
    )
    .execute(&mut *tx)
    .await?;
    let mut importer = OgpWriter {
        conn: &mut tx,
        by,
        summary: OgpSummary {
            skipped: parsed.skipped.clone(),
            report: parsed.report.clone(),
            ..OgpSummary::default()
        },
        governments: HashMap::new(),
        plans: HashMap::new(),
        institutions: HashMap::new(),
    };
    for commitment in &parsed.commitments {
        importer.commitment(commitment).await?;
        progress();
    }
    let summary = importer.summary;
    tx.commit().await?;
    Ok(summary)
}

struct OgpWriter<'a> {
    conn: &'a mut PgConnection,
    by: &'a Importer,
    summary: OgpSummary,
    governments: HashMap<(String, bool, String), Uuid>,
    plans: HashMap<(Uuid, i16), Uuid>,
    institutions: HashMap<(Uuid, String), Uuid>,
}

/// A slug not used in `table` yet: `base`, `base-2`, … (`base` shortened to a word's end).
pub(super) async fn free_slug(
    conn: &mut PgConnection,
    table: &str,
    base: &str,
) -> sqlx::Result<String> {
    let base = slug_base(base);
    let base = if base.is_empty() {
        "ogp"
    } else {
        base.as_str()
    };
    let taken: Vec<String> =
        match table {
            "governments" => {
                sqlx::query_scalar!(
                    "SELECT slug FROM governments WHERE slug = $1 OR slug LIKE $1 || '-%'",
                    base
                )
                .fetch_all(&mut *conn)
                .await?
            }
            "institutions" => sqlx::query_scalar!(
                r#"SELECT slug AS "slug!" FROM institutions WHERE slug = $1 OR slug LIKE $1 || '-%'
                   UNION ALL
                   SELECT slug FROM institution_aliases WHERE slug = $1 OR slug LIKE $1 || '-%'"#,
                base
            )
            .fetch_all(&mut *conn)
            .await?,
            _ => {
                sqlx::query_scalar!(
                    "SELECT slug FROM action_plans WHERE slug = $1 OR slug LIKE $1 || '-%'",
                    base
                )
                .fetch_all(&mut *conn)
                .await?
            }
        };
    let mut slug = base.to_owned();
    let mut n = 2;
    while taken.contains(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    Ok(slug)
}

/// At most `SLUG_BASE` characters of a slug, cut after a whole word.
fn slug_base(slug: &str) -> String {
    if slug.len() <= SLUG_BASE {
        return slug.to_owned();
    }
    let cut = &slug[..SLUG_BASE];
    cut.rsplit_once('-')
        .map_or(cut, |(head, _)| head)
        .trim_end_matches('-')
        .to_owned()
}

impl OgpWriter<'_> {
    async fn commitment(&mut self, c: &OgpCommitment) -> anyhow::Result<()> {
        let exists = sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM commitments WHERE ogp_id = $1) AS "exists!""#,
            c.ogp_id
        )
        .fetch_one(&mut *self.conn)
        .await?;
        if exists {
            self.skip(c, "ogp-skip-exists", "");
            return Ok(());
        }
        let government_id = self.government(c).await?;
        let plan_id = self.plan(c, government_id).await?;
        let Some(code) = self.free_code(c, plan_id).await? else {
            self.skip(c, "ogp-skip-code-taken", &c.code);
            return Ok(());
        };
        let slug_base: String = slugify(c.title_en.as_deref().unwrap_or(&c.title))
            .chars()
            .take(60)
            .collect();
        let slug = format!("{}-{}", slug_base.trim_end_matches('-'), slugify(&c.ogp_id));
        let id = Uuid::now_v7();
        let values: Vec<&str> = c.ogp_values.iter().map(|v| v.as_str()).collect();
        sqlx::query!(
            "INSERT INTO commitments (id, plan_id, code, ogp_id, title, title_en, slug, description,
                                      ogp_values, policy_areas, start_date, end_date, state, source)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'approved', $13)",
            id,
            plan_id,
            code,
            c.ogp_id,
            c.title,
            c.title_en,
            slug.trim_start_matches('-'),
            c.description,
            &values as &[&str],
            &c.policy_areas,
            c.start_date,
            c.end_date,
            c.source
        )
        .execute(&mut *self.conn)
        .await?;
        let mut actors = Vec::new();
        for (role, list) in [("lead", &c.leads), ("supporting", &c.supporting)] {
            for (position, institution) in list.iter().enumerate() {
                let institution_id = self.institution(government_id, institution).await?;
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
                actors.push(json!({ "role": role, "institution": institution.name }));
            }
        }
        for a in &c.assessments {
            let relevance: Vec<&str> = a.relevance.iter().map(|v| v.as_str()).collect();
            let absent: serde_json::Map<String, serde_json::Value> = a
                .absent
                .iter()
                .map(|(field, why)| ((*field).to_owned(), json!(why.as_str())))
                .collect();
            sqlx::query!(
                "INSERT INTO assessments (id, commitment_id, period_label, verifiable, specificity,
                                          relevance, potential_impact, completion, early_results,
                                          starred, source, source_label, absent_marks)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'irm_import', $11, $12)",
                Uuid::now_v7(),
                id,
                a.period_label,
                a.verifiable,
                a.specificity,
                &relevance as &[&str],
                a.potential_impact,
                a.completion,
                a.early_results,
                a.starred,
                a.source_label,
                serde_json::Value::Object(absent)
            )
            .execute(&mut *self.conn)
            .await?;
            self.summary.assessments += 1;
        }
        let after = json!({
            "ogp_id": c.ogp_id, "code": code, "title": c.title, "plan_id": plan_id,
            "actors": actors,
            "assessments": c.assessments.iter().map(|a| &a.period_label).collect::<Vec<_>>(),
        });
        let author = crate::store::versions::Author {
            id: self.by.actor_id,
            name: &self.by.actor_label,
        };
        crate::store::versions::record_version(
            self.conn,
            id,
            author,
            crate::store::versions::IMPORT,
        )
        .await?;
        let entry = self
            .by
            .entry("commitment.ogp_import", "commitment", id, None, after);
        audit::record(self.conn, entry).await?;
        self.summary.commitments += 1;
        Ok(())
    }

    /// The commitment's code, or the first `code-b`, `code-c`… another commitment of the plan
    /// does not have (with a report line); `None` when all are taken.
    async fn free_code(
        &mut self,
        c: &OgpCommitment,
        plan_id: Uuid,
    ) -> anyhow::Result<Option<String>> {
        let base = c.code.clone();
        let stem: String = ogp::with_letter(&base, 'x')
            .trim_end_matches("-x")
            .to_owned();
        let taken: Vec<String> = sqlx::query_scalar!(
            "SELECT code FROM commitments WHERE plan_id = $1 AND (code = $2 OR code LIKE $3 || '-_')",
            plan_id,
            base,
            stem
        )
        .fetch_all(&mut *self.conn)
        .await?;
        if !taken.contains(&base) {
            return Ok(Some(base));
        }
        let free = ('b'..='z')
            .map(|letter| ogp::with_letter(&base, letter))
            .find(|code| !taken.contains(code));
        if let Some(code) = &free {
            self.summary.report.push(ReportLine {
                row: c.row,
                ogp_id: c.ogp_id.clone(),
                column: "Commitment Number".to_owned(),
                value: base,
                key: "ogp-code-repeated",
                detail: code.clone(),
            });
        }
        Ok(free)
    }

    fn skip(&mut self, c: &OgpCommitment, reason: &'static str, detail: &str) {
        self.summary.skipped.push(Skipped {
            row: c.row,
            ogp_id: c.ogp_id.clone(),
            reason,
            detail: detail.to_owned(),
        });
    }

    async fn government(&mut self, c: &OgpCommitment) -> anyhow::Result<Uuid> {
        let name = if c.local || c.unknown_country {
            c.country.clone()
        } else {
            String::new()
        };
        let key = (c.country_code.to_owned(), c.local, name);
        if let Some(id) = self.governments.get(&key) {
            return Ok(*id);
        }
        let kind = if c.local { "local" } else { "national" };
        let found = sqlx::query_scalar!(
            "SELECT id FROM governments
              WHERE country_code = $1 AND kind = $2
                AND ((kind = 'national' AND NOT $4) OR name = $3)
              ORDER BY created_at LIMIT 1",
            c.country_code,
            kind,
            c.country,
            c.unknown_country
        )
        .fetch_optional(&mut *self.conn)
        .await?;
        let id = match found {
            Some(id) => id,
            None => {
                let id = Uuid::now_v7();
                let slug = free_slug(self.conn, "governments", &slugify(&c.country)).await?;
                sqlx::query!(
                    "INSERT INTO governments (id, name, slug, kind, country_code) VALUES ($1, $2, $3, $4, $5)",
                    id,
                    c.country,
                    slug,
                    kind,
                    c.country_code
                )
                .execute(&mut *self.conn)
                .await?;
                let after = json!({ "name": c.country, "slug": slug, "kind": kind, "country_code": c.country_code });
                let entry = self
                    .by
                    .entry("government.ogp_import", "government", id, None, after);
                audit::record(self.conn, entry).await?;
                self.summary.governments += 1;
                id
            }
        };
        self.governments.insert(key, id);
        Ok(id)
    }

    async fn plan(&mut self, c: &OgpCommitment, government_id: Uuid) -> anyhow::Result<Uuid> {
        if let Some(id) = self.plans.get(&(government_id, c.plan_number)) {
            return Ok(*id);
        }
        let found = sqlx::query_scalar!(
            "SELECT id FROM action_plans WHERE government_id = $1 AND ogp_plan_number = $2",
            government_id,
            c.plan_number
        )
        .fetch_optional(&mut *self.conn)
        .await?;
        let id = match found {
            Some(id) => id,
            None => self.create_plan(c, government_id).await?,
        };
        self.plans.insert((government_id, c.plan_number), id);
        Ok(id)
    }

    async fn create_plan(
        &mut self,
        c: &OgpCommitment,
        government_id: Uuid,
    ) -> anyhow::Result<Uuid> {
        let (from, to) = c.plan_years;
        let title = format!("{} Action Plan {from}-{to}", c.country);
        let start = NaiveDate::from_ymd_opt(from, 1, 1).unwrap_or_default();
        let end = NaiveDate::from_ymd_opt(to, 12, 31).unwrap_or(start);
        let phase = if to < Utc::now().year() {
            "closed"
        } else {
            "implementation"
        };
        let slug = free_slug(
            self.conn,
            "action_plans",
            &slugify(&format!("{} {from} {to}", c.country)),
        )
        .await?;
        let id = Uuid::now_v7();
        sqlx::query!(
            "INSERT INTO action_plans (id, government_id, title, slug, ogp_label, period_start,
                                       period_end, phase, ogp_plan_number)
             VALUES ($1, $2, $3, $4, $3, $5, $6, $7, $8)",
            id,
            government_id,
            title,
            slug,
            start,
            end,
            phase,
            c.plan_number
        )
        .execute(&mut *self.conn)
        .await?;
        let after = json!({ "title": title, "slug": slug, "ogp_plan_number": c.plan_number, "phase": phase });
        let entry = self
            .by
            .entry("plan.ogp_import", "action_plan", id, None, after);
        audit::record(self.conn, entry).await?;
        self.summary.plans += 1;
        Ok(id)
    }

    async fn institution(
        &mut self,
        government_id: Uuid,
        i: &OgpInstitution,
    ) -> anyhow::Result<Uuid> {
        let key = (government_id, i.name.clone());
        if let Some(id) = self.institutions.get(&key) {
            return Ok(*id);
        }
        // A name merged into another institution links the one it became.
        let found = sqlx::query_scalar!(
            r#"SELECT id AS "id!" FROM institutions WHERE government_id = $1 AND name = $2
               UNION ALL
               SELECT institution_id FROM institution_aliases
                WHERE government_id = $1 AND name = $2
               LIMIT 1"#,
            government_id,
            i.name
        )
        .fetch_optional(&mut *self.conn)
        .await?;
        let id = match found {
            Some(id) => id,
            None => {
                let id = Uuid::now_v7();
                let slug = free_slug(self.conn, "institutions", &slugify(&i.name)).await?;
                sqlx::query!(
                    "INSERT INTO institutions (id, government_id, name, acronym, slug, sector)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                    id,
                    government_id,
                    i.name,
                    i.acronym,
                    slug,
                    i.sector.as_str()
                )
                .execute(&mut *self.conn)
                .await?;
                let after = json!({ "name": i.name, "acronym": i.acronym, "slug": slug, "sector": i.sector.as_str() });
                let entry = self
                    .by
                    .entry("institution.ogp_import", "institution", id, None, after);
                audit::record(self.conn, entry).await?;
                self.summary.institutions += 1;
                id
            }
        };
        self.institutions.insert(key, id);
        Ok(id)
    }
}
