//! Plain seed records: what the demo loader writes, independent of the source format.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::{ActorRole, MilestoneStatus, ReviewState, Role, Sector};

#[derive(Debug, Default)]
pub struct DemoData {
    pub government: GovernmentSeed,
    pub institutions: Vec<InstitutionSeed>,
    pub plans: Vec<PlanSeed>,
    pub accounts: Vec<AccountSeed>,
}

impl DemoData {
    /// The key of the institution with this (raw) name, registering it on first sight.
    /// Names are matched by acronym first, since sources spell the same body differently.
    pub fn institution(&mut self, raw: &str, sector: Option<Sector>) -> String {
        let (name, acronym) = super::directory::split_acronym(raw);
        let key = super::slug::slugify(&name);
        let existing = self
            .institutions
            .iter()
            .find(|i| i.key == key || (acronym.is_some() && i.acronym == acronym));
        if let Some(found) = existing {
            return found.key.clone();
        }
        // An explicit non-government sector (forum lists) is authoritative; otherwise the
        // name tells universities and foundations apart from public bodies.
        let sector = match sector {
            Some(s) if s != Sector::Government => s,
            _ => super::directory::guess_sector(&name),
        };
        self.institutions.push(InstitutionSeed {
            key: key.clone(),
            name,
            acronym,
            sector,
        });
        key
    }
}

#[derive(Debug, Default)]
pub struct GovernmentSeed {
    pub name: String,
    pub slug: String,
    pub kind: String,
    pub country_code: String,
}

#[derive(Debug)]
pub struct InstitutionSeed {
    /// The institution's slug.
    pub key: String,
    pub name: String,
    pub acronym: Option<String>,
    pub sector: Sector,
}

#[derive(Debug)]
pub struct PlanSeed {
    pub slug: String,
    pub title: String,
    pub ogp_label: Option<String>,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub phase: String,
    pub summary: String,
    /// Where the plan's published facts come from.
    pub sources: Vec<String>,
    pub is_demo: bool,
    pub members: Vec<MemberSeed>,
    pub commitments: Vec<CommitmentSeed>,
}

#[derive(Debug)]
pub struct MemberSeed {
    pub institution_key: String,
    pub institution_name: String,
    pub representative: Option<String>,
    pub sector: Sector,
    pub position: i32,
    pub source: String,
}

#[derive(Debug)]
pub struct CommitmentSeed {
    pub code: String,
    pub ogp_id: Option<String>,
    pub slug: String,
    pub title: String,
    pub title_en: Option<String>,
    pub problem: String,
    pub objective: String,
    pub ogp_values: Vec<String>,
    pub policy_areas: Vec<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub state: String,
    pub source: String,
    pub actors: Vec<(String, ActorRole)>,
    pub milestones: Vec<MilestoneSeed>,
    /// Public, dated evidence about the commitment as a whole.
    pub evidence: Vec<EvidenceSeed>,
    pub assessments: Vec<AssessmentSeed>,
}

#[derive(Debug)]
pub struct MilestoneSeed {
    pub position: i32,
    pub title: String,
    pub expected_output: String,
    pub responsible_key: Option<String>,
    pub weight: i32,
    pub baseline_start: Option<NaiveDate>,
    pub baseline_due: Option<NaiveDate>,
    pub current_start: Option<NaiveDate>,
    pub current_due: Option<NaiveDate>,
    pub is_illustrative: bool,
    pub updates: Vec<UpdateSeed>,
}

#[derive(Debug)]
pub struct UpdateSeed {
    pub reported_at: DateTime<Utc>,
    pub progress: i16,
    pub status: MilestoneStatus,
    pub narrative: String,
    pub author_name: String,
    pub review: ReviewState,
    pub review_note: Option<String>,
    pub is_illustrative: bool,
    pub evidence: Vec<EvidenceSeed>,
}

#[derive(Debug)]
pub struct EvidenceSeed {
    pub title: String,
    pub url: String,
    pub evidence_type: String,
    pub source: String,
    /// The date as the source gives it ("2020", "by 2022", "2021-12-15").
    pub date_label: String,
    pub date: Option<NaiveDate>,
}

#[derive(Debug)]
pub struct AssessmentSeed {
    pub period_label: String,
    pub as_of: Option<NaiveDate>,
    pub verifiable: Option<bool>,
    pub relevance: Vec<String>,
    pub potential_impact: Option<String>,
    pub early_results: Option<String>,
    /// The ratings as the IRM published them.
    pub source_label: String,
}

#[derive(Debug)]
pub struct AccountSeed {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub institution_key: Option<String>,
}

impl AccountSeed {
    pub fn new(email: &str, display_name: &str, role: Role, institution_key: Option<&str>) -> Self {
        Self {
            email: email.into(),
            display_name: display_name.into(),
            role,
            institution_key: institution_key.map(str::to_owned),
        }
    }
}
