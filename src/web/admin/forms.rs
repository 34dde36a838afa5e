//! The administration forms as submitted, and their parsing into domain input. A refused
//! form keeps what was typed, so it can be shown again with the errors next to the fields.

use std::str::FromStr;

use serde::Deserialize;
use uuid::Uuid;

use crate::domain::directory::{
    AccountChange, Acronym, CountryCode, InputError, Name, WebAddress, account_change_breaks,
};
use crate::domain::slug::slugify;
use crate::i18n::Tr;
use crate::store::admin::directory::{
    GovernmentInput, InstitutionDetail, InstitutionInput, UserDetail,
};
use crate::web::http::forms::FieldErrors;

/// Collects the errors of one form while its fields are parsed.
struct Check<'a> {
    tr: &'a Tr,
    errors: FieldErrors,
}

impl<'a> Check<'a> {
    fn new(tr: &'a Tr) -> Self {
        Self {
            tr,
            errors: FieldErrors::default(),
        }
    }

    fn field<T>(&mut self, field: &'static str, parsed: Result<T, InputError>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(e) => {
                let message = match e {
                    InputError::TooLong { max } => self.tr.t1(e.message_key(), "max", max),
                    _ => self.tr.t(e.message_key()),
                };
                self.errors.add(field, message);
                None
            }
        }
    }

    /// A value picked from a drop-down; anything not offered there is refused.
    fn choice<T: FromStr>(&mut self, field: &'static str, raw: &str) -> Option<T> {
        let parsed = raw.parse().ok();
        if parsed.is_none() {
            self.errors.add(field, self.tr.t("admin-error-choose"));
        }
        parsed
    }

    fn rule(&mut self, field: &'static str, key: &str) {
        self.errors.add(field, self.tr.t(key));
    }

    /// The parsed value when no field had a problem.
    fn finish<T>(self, value: Option<T>) -> Result<T, FieldErrors> {
        match value {
            Some(value) if self.errors.is_empty() => Ok(value),
            _ => Err(self.errors),
        }
    }
}

/// `POST /admin/users/{id}`. An unchecked box is not sent: absent `active` deactivates.
#[derive(Debug, Default, Deserialize)]
pub struct UserForm {
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub institution: String,
    #[serde(default)]
    pub active: Option<String>,
}

impl UserForm {
    pub fn from_account(account: &UserDetail) -> Self {
        Self {
            role: account.role.clone(),
            institution: account
                .institution_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            active: account.active.then(|| "on".to_owned()),
        }
    }

    pub fn is_active(&self) -> bool {
        self.active.is_some()
    }

    /// The change, checked against the account rules; `own_account` when administrators
    /// edit themselves.
    pub fn parse(&self, tr: &Tr, own_account: bool) -> Result<AccountChange, FieldErrors> {
        let mut check = Check::new(tr);
        let role = check.choice("role", &self.role);
        let institution_id = match self.institution.trim() {
            "" => Some(None),
            raw => check.choice::<Uuid>("institution", raw).map(Some),
        };
        let change = role
            .zip(institution_id)
            .map(|(role, institution_id)| AccountChange {
                role,
                institution_id,
                active: self.is_active(),
            });
        if let Some(change) = &change {
            for rule in account_change_breaks(change, own_account) {
                check.rule(rule.field(), rule.message_key());
            }
        }
        check.finish(change)
    }
}

/// `POST /admin/institutions` and `POST /admin/institutions/{id}`.
#[derive(Debug, Default, Deserialize)]
pub struct InstitutionForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub acronym: String,
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub government: String,
}

impl InstitutionForm {
    pub fn from_institution(institution: &InstitutionDetail) -> Self {
        Self {
            name: institution.name.clone(),
            acronym: institution.acronym.clone().unwrap_or_default(),
            sector: institution.sector.clone(),
            website: institution.website.clone().unwrap_or_default(),
            government: institution.government_id.to_string(),
        }
    }

    pub fn parse(&self, tr: &Tr) -> Result<InstitutionInput, FieldErrors> {
        let mut check = Check::new(tr);
        let name = check.field("name", Name::parse(&self.name));
        let acronym = check.field("acronym", Acronym::parse(&self.acronym));
        let sector = check.choice("sector", &self.sector);
        let website = check.field("website", WebAddress::parse(&self.website));
        let government_id = check.choice("government", &self.government);
        let input = match (government_id, name, acronym, sector, website) {
            (Some(government_id), Some(name), Some(acronym), Some(sector), Some(website)) => {
                Some(InstitutionInput {
                    government_id,
                    name,
                    acronym,
                    sector,
                    website,
                })
            }
            _ => None,
        };
        check.finish(input)
    }

    /// A new institution and the slug of its public page.
    pub fn parse_new(&self, tr: &Tr) -> Result<(InstitutionInput, String), FieldErrors> {
        let input = self.parse(tr)?;
        let slug = slug_of(tr, &input.name)?;
        Ok((input, slug))
    }
}

/// The slug of a new government or institution; a name without letters or digits has none.
fn slug_of(tr: &Tr, name: &Name) -> Result<String, FieldErrors> {
    let slug = slugify(name.as_str());
    if slug.is_empty() {
        let mut check = Check::new(tr);
        check.rule("name", "admin-error-name-needs-letters");
        return Err(check.errors);
    }
    Ok(slug)
}

/// `POST /admin/governments`.
#[derive(Debug, Default, Deserialize)]
pub struct GovernmentForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub country_code: String,
}

impl GovernmentForm {
    /// A new government and its slug.
    pub fn parse(&self, tr: &Tr) -> Result<(GovernmentInput, String), FieldErrors> {
        let mut check = Check::new(tr);
        let name = check.field("name", Name::parse(&self.name));
        let kind = check.choice("kind", &self.kind);
        let country_code = check.field("country_code", CountryCode::parse(&self.country_code));
        let input = match (name, kind, country_code) {
            (Some(name), Some(kind), Some(country_code)) => Some(GovernmentInput {
                name,
                kind,
                country_code,
            }),
            _ => None,
        };
        let input = check.finish(input)?;
        let slug = slug_of(tr, &input.name)?;
        Ok((input, slug))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Role, Sector};

    fn tr() -> Tr {
        Tr::default()
    }

    #[test]
    fn an_official_without_institution_is_refused_next_to_the_institution_field() {
        let form = UserForm {
            role: "official".into(),
            institution: String::new(),
            active: Some("on".into()),
        };
        let errors = form.parse(&tr(), false).expect_err("refused");
        assert!(errors.has("institution"));
        assert!(!errors.has("role"));
    }

    #[test]
    fn an_unchecked_active_box_deactivates() {
        let form = UserForm {
            role: "participant".into(),
            institution: String::new(),
            active: None,
        };
        let change = form.parse(&tr(), false).expect("valid");
        assert_eq!(change.role, Role::Participant);
        assert!(!change.active);
    }

    #[test]
    fn values_not_offered_in_the_form_are_refused() {
        let form = UserForm {
            role: "superuser".into(),
            institution: "not-a-uuid".into(),
            active: Some("on".into()),
        };
        let errors = form.parse(&tr(), false).expect_err("refused");
        assert!(errors.has("role"));
        assert!(errors.has("institution"));
    }

    #[test]
    fn an_institution_form_reports_every_bad_field_at_once() {
        let form = InstitutionForm {
            name: "  ".into(),
            acronym: "A".repeat(31),
            sector: "church".into(),
            website: "javascript:alert(1)".into(),
            government: String::new(),
        };
        let errors = form.parse(&tr()).expect_err("refused");
        for field in ["name", "acronym", "sector", "website", "government"] {
            assert!(errors.has(field), "{field}");
        }
        assert!(errors.get("acronym").contains("30"));
    }

    #[test]
    fn a_new_institution_gets_a_slug_from_its_name() {
        let form = InstitutionForm {
            name: " Defensoría del Pueblo ".into(),
            acronym: "DPE".into(),
            sector: "government".into(),
            website: "https://www.dpe.gob.ec".into(),
            government: Uuid::now_v7().to_string(),
        };
        let (input, slug) = form.parse_new(&tr()).expect("valid");
        assert_eq!(slug, "defensoria-del-pueblo");
        assert_eq!(input.name.as_str(), "Defensoría del Pueblo");
        assert_eq!(input.sector, Sector::Government);
    }

    #[test]
    fn a_name_without_letters_or_digits_has_no_slug() {
        let form = GovernmentForm {
            name: "¿?".into(),
            kind: "local".into(),
            country_code: "ec".into(),
        };
        let errors = form.parse(&tr()).expect_err("refused");
        assert!(errors.has("name"));
    }

    #[test]
    fn a_government_country_code_is_stored_in_upper_case() {
        let form = GovernmentForm {
            name: "Gobierno Provincial de Pichincha".into(),
            kind: "local".into(),
            country_code: "ec".into(),
        };
        let (input, slug) = form.parse(&tr()).expect("valid");
        assert_eq!(input.country_code.as_str(), "EC");
        assert_eq!(slug, "gobierno-provincial-de-pichincha");
    }
}
