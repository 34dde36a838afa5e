//! The demo data set: Ecuador's first OGP action plan 2019–2022 as published (from
//! `ecuador-plan-2019.json`, every fact with its source), plus commitment EC0014 of the
//! 2022–2024 plan with its real milestones.
//!
//! The sources hold no milestone tables for the first plan and no progress reports at all, so
//! the demo adds milestones and progress histories marked `is_illustrative`; pages show them
//! under a "datos de demostración" notice. Nothing invented is presented as real.

mod install;

pub use install::{DemoAccount, install, install_if_empty};

pub use crate::domain::seed::*;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use serde_json::Value;

use crate::domain::{ActorRole, MilestoneStatus, ReviewState, Role, Sector};

const SOURCE: &str = include_str!("ecuador-plan-2019.json");

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn noon(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(12, 0, 0).unwrap_or_default())
}

pub use crate::domain::directory::{guess_sector, split_acronym};
pub use crate::domain::slug::slugify;

/// OGP policy-area tags that correspond to OGP values.
fn values_from_tags(tags: &[String]) -> Vec<String> {
    let mut values = Vec::new();
    let mut add = |v: &str| {
        if !values.iter().any(|x| x == v) {
            values.push(v.to_owned());
        }
    };
    for tag in tags {
        match tag.to_lowercase().as_str() {
            "access to information" | "right to information" | "open data" => {
                add("access_to_information")
            }
            "public participation"
            | "civic space"
            | "participation in lawmaking"
            | "democratizing decision-making" => add("civic_participation"),
            "social accountability"
            | "anti corruption and integrity"
            | "public procurement"
            | "open contracting" => add("public_accountability"),
            _ => {}
        }
    }
    values
}

/// Illustrative milestone templates: the usual arc of an OGP commitment.
const ILLUSTRATIVE_MILESTONES: [(&str, &str); 4] = [
    (
        "Diagnóstico y línea de base",
        "Informe de diagnóstico publicado",
    ),
    (
        "Cocreación de la propuesta con la contraparte de sociedad civil",
        "Propuesta validada en mesa de trabajo",
    ),
    (
        "Implementación y pilotaje",
        "Herramienta, norma o política en funcionamiento",
    ),
    (
        "Difusión y rendición de cuentas de resultados",
        "Informe final publicado y presentado al Grupo Núcleo",
    ),
];

/// Final illustrative progress per commitment and milestone: varied, so the demo shows
/// completed, partial and stalled work.
const ILLUSTRATIVE_FINAL: [[i16; 4]; 10] = [
    [100, 100, 100, 80],
    [100, 100, 90, 60],
    [100, 100, 100, 100],
    [100, 80, 40, 0],
    [100, 70, 30, 0],
    [100, 100, 60, 20],
    [100, 100, 100, 100],
    [100, 100, 80, 50],
    [100, 100, 70, 40],
    [100, 60, 20, 0],
];

fn illustrative_history(
    final_progress: i16,
    start: NaiveDate,
    due: NaiveDate,
    author: &str,
    seed: usize,
) -> Vec<UpdateSeed> {
    if final_progress == 0 {
        return Vec::new();
    }
    let span = (due - start).num_days().max(30);
    let steps: &[(i64, i16)] = &[(35, 30), (70, 70), (100, 100)];
    let mut updates = Vec::new();
    for (i, (at_percent, share)) in steps.iter().enumerate() {
        let progress = (final_progress * share / 100).clamp(0, 100);
        if progress == 0 || updates.iter().any(|u: &UpdateSeed| u.progress == progress) {
            continue;
        }
        let day = start + Duration::days(span * at_percent / 100 - 5);
        let status = if progress == 100 {
            MilestoneStatus::Completed
        } else if i == steps.len() - 1 {
            MilestoneStatus::Delayed
        } else {
            MilestoneStatus::InProgress
        };
        // Show every review state somewhere in the demo; a milestone the demo shows as
        // completed had its closing report validated.
        let review = match (seed + i) % 9 {
            4 if progress < 100 => ReviewState::Contested,
            7 if i == 0 => ReviewState::Returned,
            _ => ReviewState::Validated,
        };
        let narrative = match status {
            MilestoneStatus::Completed => "Ejemplo ilustrativo: el producto del hito se entregó y se publicó en el repositorio del plan.".to_owned(),
            MilestoneStatus::Delayed => format!("Ejemplo ilustrativo: avance del {progress} %; la entrega se retrasó y quedó pendiente al cierre del plan."),
            _ => format!("Ejemplo ilustrativo: avance del {progress} % con reuniones de trabajo y borradores compartidos con la contraparte."),
        };
        let review_note = match review {
            ReviewState::Contested => Some("Ejemplo ilustrativo: la contraparte de sociedad civil considera que el avance reportado no está respaldado por la evidencia.".to_owned()),
            ReviewState::Returned => Some("Ejemplo ilustrativo: falta un medio de verificación; se devuelve para completar.".to_owned()),
            _ => None,
        };
        updates.push(UpdateSeed {
            reported_at: noon(day),
            progress,
            status,
            narrative,
            author_name: author.to_owned(),
            review,
            review_note,
            is_illustrative: true,
            evidence: Vec::new(),
        });
    }
    updates
}

/// Builds the whole demo data set from the sourced file.
pub fn dataset() -> anyhow::Result<DemoData> {
    let root: Value = serde_json::from_str(SOURCE)?;
    let mut data = DemoData {
        government: GovernmentSeed {
            name: "Ecuador".into(),
            slug: "ecuador".into(),
            kind: "national".into(),
            country_code: "EC".into(),
        },
        ..DemoData::default()
    };

    let plan_json = &root["plan"];
    let mut plan = PlanSeed {
        slug: "ecuador-2019-2022".into(),
        title: text(plan_json, "name_es").unwrap_or_else(|| {
            "Primer Plan de Acción de Gobierno Abierto Ecuador 2019-2022".into()
        }),
        ogp_label: text(plan_json, "ogp_action_plan_label"),
        period_start: date(2019, 9, 1),
        period_end: date(2022, 8, 31),
        phase: "closed".into(),
        summary: format!(
            "Primer plan de acción de Ecuador en la Alianza para el Gobierno Abierto, a la que el país se unió en {}. Segunda edición, reprogramada (Quito, 2020). El periodo original era 2019-2021; el plan se amplió y se ejecutó hasta agosto de 2022.",
            plan_json["ogp_member_since"].as_i64().unwrap_or(2018),
        ),
        sources: strings(plan_json, "source"),
        is_demo: true,
        members: Vec::new(),
        commitments: Vec::new(),
    };

    // The Grupo Núcleo as printed in the 2020 edition of the plan.
    let forum = &root["multi_stakeholder_forum"]["composition_in_plan_document_2020"];
    let forum_source = strings(forum, "source").join(" ");
    for (position, m) in forum["members"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Some(raw) = text(m, "institution") else {
            continue;
        };
        let sector = match m["sector"].as_str() {
            Some("civil_society") => Sector::CivilSociety,
            Some("academia") => Sector::Academia,
            _ => Sector::Government,
        };
        let key = data.institution(&raw, Some(sector));
        plan.members.push(MemberSeed {
            institution_key: key,
            institution_name: raw,
            representative: text(m, "representative"),
            sector,
            position: i32::try_from(position).unwrap_or(0),
            source: forum_source.clone(),
        });
    }

    for (index, c) in root["commitments"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let number = c["number"].as_i64().unwrap_or(index as i64 + 1);
        let title = text(c, "title_es").unwrap_or_default();
        let tags = strings(c, "policy_areas_ogp");
        let mut actors = Vec::new();
        let lead =
            text(c, "lead_institution").map(|raw| data.institution(&raw, Some(Sector::Government)));
        if let Some(key) = &lead {
            actors.push((key.clone(), ActorRole::Lead));
        }
        for cs in c["civil_society_counterparts"]
            .as_array()
            .into_iter()
            .flatten()
        {
            if let Some(name) = text(cs, "name") {
                let key = data.institution(&name, None);
                let role = if cs["role"].as_str() == Some("Contraparte") || index > 0 {
                    ActorRole::CivilSocietyCoLead
                } else {
                    ActorRole::Supporting
                };
                actors.push((key, role));
            }
        }
        for name in strings(c, "supporting_institutions") {
            let key = data.institution(&name, Some(Sector::Government));
            actors.push((key, ActorRole::Supporting));
        }
        let lead_label = lead
            .as_ref()
            .and_then(|k| data.institutions.iter().find(|i| &i.key == k))
            .map(|i| i.acronym.clone().unwrap_or_else(|| i.name.clone()))
            .unwrap_or_else(|| "Institución responsable".into());

        let span_start = plan.period_start;
        let quarter = (plan.period_end - plan.period_start).num_days() / 4;
        let finals = ILLUSTRATIVE_FINAL[index % ILLUSTRATIVE_FINAL.len()];
        let mut milestones = Vec::new();
        for (i, (m_title, output)) in ILLUSTRATIVE_MILESTONES.iter().enumerate() {
            let start = span_start + Duration::days(quarter * i as i64);
            let due = span_start + Duration::days(quarter * (i as i64 + 1) - 1);
            milestones.push(MilestoneSeed {
                position: i as i32 + 1,
                title: (*m_title).to_owned(),
                expected_output: (*output).to_owned(),
                responsible_key: lead.clone(),
                weight: 1,
                baseline_start: Some(start),
                baseline_due: Some(due),
                current_start: Some(start),
                current_due: Some(due),
                is_illustrative: true,
                updates: illustrative_history(
                    finals[i],
                    start,
                    due,
                    &format!("Equipo técnico · {lead_label}"),
                    index * 4 + i,
                ),
            });
        }

        let mut evidence = Vec::new();
        for e in c["evidence"].as_array().into_iter().flatten() {
            if let (Some(item), Some(url)) =
                (text(e, "item"), strings(e, "source").into_iter().next())
            {
                evidence.push(EvidenceSeed {
                    title: item,
                    url,
                    evidence_type: "web_page".into(),
                    source: "Fuente pública".into(),
                    date_label: text(e, "date").unwrap_or_default(),
                    date: text(e, "date")
                        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                });
            }
        }

        let irm = &c["irm"];
        let mut assessments = Vec::new();
        let verifiable = text(irm, "verifiable").map(|v| v == "Yes");
        let relevant = text(irm, "relevant_to_ogp_values");
        let ambition = text(irm, "ambition_display");
        if verifiable.is_some() || relevant.is_some() || ambition.is_some() {
            assessments.push(AssessmentSeed {
                period_label: "IRM · Informe de diseño 2019-2021".into(),
                as_of: Some(date(2021, 1, 1)),
                verifiable,
                relevance: if relevant.as_deref() == Some("Yes") {
                    values_from_tags(&tags)
                } else {
                    Vec::new()
                },
                potential_impact: None,
                early_results: None,
                source_label: format!(
                    "Verificable: {}; relevante a los valores OGP: {}; ambición: {}",
                    text(irm, "verifiable").unwrap_or_else(|| "ND".into()),
                    relevant.clone().unwrap_or_else(|| "ND".into()),
                    ambition.clone().unwrap_or_else(|| "ND".into())
                ),
            });
        }
        if let Some(early) = text(irm, "early_results") {
            let code = match early.to_lowercase().as_str() {
                "marginal" => Some("marginal"),
                "significant" => Some("significant"),
                "outstanding" => Some("outstanding"),
                "major" => Some("major"),
                _ => Some("no_notable"),
            };
            assessments.push(AssessmentSeed {
                period_label: "IRM · Informe de resultados 2019-2022".into(),
                as_of: Some(date(2023, 1, 1)),
                verifiable: None,
                relevance: Vec::new(),
                potential_impact: None,
                early_results: code.map(str::to_owned),
                source_label: format!("Resultados tempranos: {early}"),
            });
        }

        plan.commitments.push(CommitmentSeed {
            code: number.to_string(),
            ogp_id: text(c, "ogp_id"),
            slug: slugify(&title),
            title,
            title_en: text(c, "title_en_ogp"),
            problem: text(c, "problem_es").unwrap_or_default(),
            objective: text(c, "commitment_es").unwrap_or_default(),
            ogp_values: values_from_tags(&tags),
            policy_areas: tags,
            start_date: Some(plan.period_start),
            end_date: Some(plan.period_end),
            state: "approved".into(),
            source: strings(c, "source").join("\n"),
            actors,
            milestones,
            evidence,
            assessments,
        });
    }
    data.plans.push(plan);
    let second = second_plan(&root, &mut data);
    data.plans.push(second);
    data.accounts = vec![
        AccountSeed::new(
            "admin@abierto.example",
            "Administración de Abierto",
            Role::Admin,
            None,
        ),
        AccountSeed::new(
            "nucleo@abierto.example",
            "Integrante del Grupo Núcleo",
            Role::Nucleo,
            None,
        ),
        AccountSeed::new(
            "oficial.asamblea@abierto.example",
            "Oficial · Asamblea Nacional",
            Role::Official,
            Some("asamblea-nacional"),
        ),
        AccountSeed::new(
            "oficial.defensoria@abierto.example",
            "Oficial · Defensoría del Pueblo",
            Role::Official,
            Some("defensoria-del-pueblo-de-ecuador"),
        ),
        // The civil-society co-lead of commitment 4 (EC0014) of the plan in implementation.
        AccountSeed::new(
            "contraparte.fcd@abierto.example",
            "Contraparte · Fundación Ciudadanía y Desarrollo",
            Role::Counterpart,
            Some("fundacion-ciudadania-y-desarrollo-fcd"),
        ),
        AccountSeed::new(
            "participante@abierto.example",
            "Participante de la sociedad civil",
            Role::Participant,
            None,
        ),
    ];
    Ok(data)
}

/// Ecuador's 2022–2024 plan, with its commitment 4 (EC0014) and the four dated milestones.
fn second_plan(root: &Value, data: &mut DemoData) -> PlanSeed {
    let c = &root["second_plan_sample_EC0014"];
    let month = |v: &Value, end: bool| -> Option<NaiveDate> {
        let s = v.as_str()?;
        let first = NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok()?;
        if end {
            let next = first.checked_add_months(chrono::Months::new(1))?;
            next.pred_opt()
        } else {
            Some(first)
        }
    };
    let lead =
        text(c, "lead_institution").map(|raw| data.institution(&raw, Some(Sector::Government)));
    let mut actors = Vec::new();
    if let Some(k) = &lead {
        actors.push((k.clone(), ActorRole::Lead));
    }
    for raw in strings(c, "supporting_institutions") {
        let (name, role) = match raw.strip_suffix(" (Contraparte)") {
            Some(n) => (n.to_owned(), ActorRole::CivilSocietyCoLead),
            None if raw.contains("(Contraparte)") => (
                raw.replace("(Contraparte)", "").trim().to_owned(),
                ActorRole::CivilSocietyCoLead,
            ),
            None => (raw.clone(), ActorRole::Supporting),
        };
        let name = name.replace(" (truncated)", "");
        let key = data.institution(&name, None);
        actors.push((key, role));
    }
    let finals = [100_i16, 100, 60, 30];
    let mut milestones = Vec::new();
    for (i, m) in c["milestones"].as_array().into_iter().flatten().enumerate() {
        let start = month(&m["start"], false);
        let due = month(&m["end"], true);
        let updates = match (start, due) {
            (Some(s), Some(d)) => illustrative_history(
                finals[i % finals.len()],
                s,
                d,
                "Equipo técnico · Asamblea Nacional",
                i + 2,
            ),
            _ => Vec::new(),
        };
        milestones.push(MilestoneSeed {
            position: m["n"]
                .as_i64()
                .and_then(|n| i32::try_from(n).ok())
                .unwrap_or(i as i32 + 1),
            title: text(m, "text_es").unwrap_or_default(),
            expected_output: String::new(),
            responsible_key: lead.clone(),
            weight: 1,
            baseline_start: start,
            baseline_due: due,
            current_start: start,
            current_due: due,
            is_illustrative: false,
            updates,
        });
    }
    let tags = strings(&c["irm"], "ogp_values_tags");
    let commitment = CommitmentSeed {
        code: "4".into(),
        ogp_id: text(c, "ogp_id"),
        slug: slugify(&text(c, "title_es").unwrap_or_default()),
        title: text(c, "title_es").unwrap_or_default(),
        title_en: text(c, "short_title_en"),
        problem: String::new(),
        objective: String::new(),
        ogp_values: values_from_tags(&tags),
        policy_areas: tags.clone(),
        start_date: NaiveDate::parse_from_str(
            &text(c, "start_date").unwrap_or_default(),
            "%Y-%m-%d",
        )
        .ok(),
        end_date: NaiveDate::parse_from_str(&text(c, "end_date").unwrap_or_default(), "%Y-%m-%d")
            .ok(),
        state: "approved".into(),
        source: strings(c, "source").join("\n"),
        actors,
        milestones,
        evidence: Vec::new(),
        assessments: vec![AssessmentSeed {
            period_label: "IRM · Revisión del plan 2022-2024".into(),
            as_of: Some(date(2023, 1, 1)),
            verifiable: text(&c["irm"], "verifiable").map(|v| v == "Yes"),
            relevance: values_from_tags(&tags),
            potential_impact: text(&c["irm"], "potential_for_results").map(|v| v.to_lowercase()),
            early_results: None,
            source_label: format!(
                "Verificable: {}; relevante: {}; potencial de resultados: {}",
                text(&c["irm"], "verifiable").unwrap_or_default(),
                text(&c["irm"], "relevant").unwrap_or_default(),
                text(&c["irm"], "potential_for_results").unwrap_or_default()
            ),
        }],
    };
    PlanSeed {
        slug: "ecuador-2022-2024".into(),
        title: "Segundo Plan de Acción de Gobierno Abierto Ecuador 2022-2024".into(),
        ogp_label: Some("Ecuador Action Plan 2022-2024".into()),
        period_start: date(2022, 9, 1),
        period_end: date(2024, 12, 31),
        phase: "implementation".into(),
        summary: format!(
            "{} Esta demostración incluye solo el compromiso 4 (EC0014) con sus cuatro hitos fechados.",
            text(c, "note").map(|_| "El segundo plan tiene 15 compromisos; en su cocreación participaron 1.260 personas.").unwrap_or_default()
        ),
        sources: strings(c, "source")
            .into_iter()
            .filter(|s| s.starts_with("http"))
            .collect(),
        is_demo: true,
        members: Vec::new(),
        commitments: vec![commitment],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_in_parentheses_are_split_off() {
        assert_eq!(
            split_acronym("Servicio Nacional de Contratación Pública (SERCOP)"),
            (
                "Servicio Nacional de Contratación Pública".to_owned(),
                Some("SERCOP".to_owned())
            )
        );
        assert_eq!(
            split_acronym("Fundación Esquel"),
            ("Fundación Esquel".to_owned(), None)
        );
        assert_eq!(
            split_acronym("Ministerio del Ambiente (later MAATE - Ministerio del Ambiente)").1,
            None
        );
    }

    #[test]
    fn demo_has_the_ten_real_commitments_of_the_first_plan() {
        let data = dataset().expect("demo data parses");
        let first = &data.plans[0];
        assert_eq!(first.commitments.len(), 10);
        assert_eq!(first.commitments[2].ogp_id.as_deref(), Some("EC0003"));
        assert_eq!(
            first.commitments[2].title,
            "Plataforma de Información Abierta de Contratación Pública"
        );
        assert_eq!(first.members.len(), 11);
        // Invented milestones are flagged; the real EC0014 milestones are not.
        assert!(
            first
                .commitments
                .iter()
                .flat_map(|c| &c.milestones)
                .all(|m| m.is_illustrative)
        );
        let ec0014 = &data.plans[1].commitments[0];
        assert_eq!(ec0014.ogp_id.as_deref(), Some("EC0014"));
        assert_eq!(ec0014.milestones.len(), 4);
        assert!(ec0014.milestones.iter().all(|m| !m.is_illustrative));
        assert_eq!(ec0014.milestones[0].baseline_due, Some(date(2023, 6, 30)));
        assert!(
            ec0014
                .milestones
                .iter()
                .flat_map(|m| &m.updates)
                .all(|u| u.is_illustrative)
        );
    }

    #[test]
    fn every_official_account_belongs_to_a_demo_institution() {
        let data = dataset().expect("demo data parses");
        for account in data.accounts.iter().filter(|a| a.role.needs_institution()) {
            let key = account
                .institution_key
                .as_deref()
                .expect("officials and counterparts have an institution");
            assert!(data.institutions.iter().any(|i| i.key == key), "{key}");
        }
    }

    #[test]
    fn the_demo_counterpart_co_leads_an_approved_commitment_of_the_plan_in_implementation() {
        let data = dataset().expect("demo data parses");
        let plan = data
            .plans
            .iter()
            .find(|p| p.phase == "implementation")
            .expect("a plan in implementation");
        for account in data.accounts.iter().filter(|a| a.role == Role::Counterpart) {
            let key = account.institution_key.clone().expect("an institution");
            assert!(
                plan.commitments.iter().any(|c| c.state == "approved"
                    && c.actors
                        .contains(&(key.clone(), ActorRole::CivilSocietyCoLead))),
                "{key}"
            );
        }
    }
}
