//! The directory the administrators keep: governments, institutions and accounts.
//!
//! Form input becomes these types at the edge of the program; each parse error carries the
//! message key the form shows next to the field. The limits match the schema's `CHECK`s.

use uuid::Uuid;

use super::vocab::Role;

/// Why a field's input was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("required")]
    Required,
    #[error("longer than {max} characters")]
    TooLong { max: usize },
    #[error("not an http or https address")]
    NotWebAddress,
    #[error("not a two-letter country code")]
    NotCountryCode,
}

impl InputError {
    /// The message-catalogue key of the explanation; `TooLong` takes a `max` argument.
    pub fn message_key(&self) -> &'static str {
        match self {
            InputError::Required => "admin-error-required",
            InputError::TooLong { .. } => "admin-error-too-long",
            InputError::NotWebAddress => "admin-error-website",
            InputError::NotCountryCode => "admin-error-country-code",
        }
    }
}

/// Trimmed text of at most `max` characters; `None` when blank.
fn optional_text(raw: &str, max: usize) -> Result<Option<String>, InputError> {
    let text = raw.trim();
    if text.is_empty() {
        Ok(None)
    } else if text.chars().count() > max {
        Err(InputError::TooLong { max })
    } else {
        Ok(Some(text.to_owned()))
    }
}

/// The name of a government or institution: 1 to 200 characters, trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name(String);

impl Name {
    pub const MAX: usize = 200;

    pub fn parse(raw: &str) -> Result<Self, InputError> {
        optional_text(raw, Self::MAX)?
            .map(Self)
            .ok_or(InputError::Required)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An institution's acronym (`CPCCS`): optional, at most 30 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Acronym(String);

impl Acronym {
    pub const MAX: usize = 30;

    pub fn parse(raw: &str) -> Result<Option<Self>, InputError> {
        Ok(optional_text(raw, Self::MAX)?.map(Self))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A public web address: `http` or `https` with a host, at most 2000 characters, no spaces.
/// Other schemes (`javascript:`, `data:`, `ftp:`) never reach a link on a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebAddress(String);

impl WebAddress {
    pub const MAX: usize = 2000;

    pub fn parse(raw: &str) -> Result<Option<Self>, InputError> {
        let Some(text) = optional_text(raw, Self::MAX)? else {
            return Ok(None);
        };
        let (scheme, rest) = text.split_once("://").ok_or(InputError::NotWebAddress)?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(InputError::NotWebAddress);
        }
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host_name = host.rsplit('@').next().unwrap_or_default();
        if host_name.is_empty()
            || host_name.starts_with(':')
            || rest.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(InputError::NotWebAddress);
        }
        Ok(Some(Self(format!("{scheme}://{rest}"))))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An ISO 3166-1 alpha-2 country code, upper case (`EC`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountryCode(String);

impl CountryCode {
    pub fn parse(raw: &str) -> Result<Self, InputError> {
        let code = raw.trim();
        if code.is_empty() {
            return Err(InputError::Required);
        }
        if code.len() != 2 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(InputError::NotCountryCode);
        }
        Ok(Self(code.to_ascii_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What an administrator may change on an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccountChange {
    pub role: Role,
    pub institution_id: Option<Uuid>,
    pub active: bool,
}

/// A rule an account change would break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountRule {
    /// Officials and counterparts report for one institution, so they must have one.
    OfficialNeedsInstitution,
    /// An administrator cannot lock themself out of administration...
    CannotDemoteSelf,
    /// ...nor out of the application.
    CannotDeactivateSelf,
}

impl AccountRule {
    /// The form field the problem is shown next to.
    pub fn field(&self) -> &'static str {
        match self {
            AccountRule::OfficialNeedsInstitution => "institution",
            AccountRule::CannotDemoteSelf => "role",
            AccountRule::CannotDeactivateSelf => "active",
        }
    }

    pub fn message_key(&self) -> &'static str {
        match self {
            AccountRule::OfficialNeedsInstitution => "admin-error-official-needs-institution",
            AccountRule::CannotDemoteSelf => "admin-error-cannot-demote-self",
            AccountRule::CannotDeactivateSelf => "admin-error-cannot-deactivate-self",
        }
    }
}

/// Every rule `change` breaks; `own_account` when the administrator edits their own account.
pub fn account_change_breaks(change: &AccountChange, own_account: bool) -> Vec<AccountRule> {
    let mut broken = Vec::new();
    if change.role.needs_institution() && change.institution_id.is_none() {
        broken.push(AccountRule::OfficialNeedsInstitution);
    }
    if own_account && change.role != Role::Admin {
        broken.push(AccountRule::CannotDemoteSelf);
    }
    if own_account && !change.active {
        broken.push(AccountRule::CannotDeactivateSelf);
    }
    broken
}

/// `"Servicio Nacional de Contratación Pública (SERCOP)"` → name and acronym.
pub fn split_acronym(raw: &str) -> (String, Option<String>) {
    let raw = raw.trim();
    if let Some(open) = raw.rfind('(')
        && raw.ends_with(')')
    {
        let inner = raw[open + 1..raw.len() - 1].trim();
        let is_acronym = !inner.is_empty()
            && inner.len() <= 12
            && inner
                .chars()
                .all(|c| c.is_uppercase() || c == '-' || c == '.' || c == ' ');
        if is_acronym {
            return (raw[..open].trim().to_owned(), Some(inner.to_owned()));
        }
    }
    (raw.to_owned(), None)
}

/// A sector from how an organisation names itself; the forum lists give it explicitly.
pub fn guess_sector(name: &str) -> super::vocab::Sector {
    let lower = name.to_lowercase();
    let has = |w: &str| lower.contains(w);
    if has("universidad") || has("instituto de altos") || has("escuela") || has("iaen") {
        super::vocab::Sector::Academia
    } else if has("fundación")
        || has("red ")
        || has("corporación")
        || has("colegio")
        || has("centro")
        || has("cedenma")
        || has("datalat")
        || has("grupo faro")
    {
        super::vocab::Sector::CivilSociety
    } else if has("partnership")
        || has("initiative")
        || has("parlamericas")
        || has("red latinoamericana")
    {
        super::vocab::Sector::Multilateral
    } else {
        super::vocab::Sector::Government
    }
}

/// The longest name an institution may have (OGP lists are long), and how many names one
/// split may make.
pub const INSTITUTION_NAME_MAX: usize = 500;
pub const SPLIT_MAX: usize = 50;

/// The names an institution recorded as a list becomes: one per line, trimmed, blank lines
/// skipped; two to [`SPLIT_MAX`] different names (capitals and accents aside) of at most
/// [`INSTITUTION_NAME_MAX`] characters, each with a letter or digit for its address. The error
/// is the message key the form shows.
pub fn split_pieces(raw: &str) -> Result<Vec<String>, &'static str> {
    let names: Vec<String> = raw
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect();
    if names.len() < 2 {
        return Err("admin-error-split-few");
    }
    if names.len() > SPLIT_MAX {
        return Err("admin-error-split-many");
    }
    if names
        .iter()
        .any(|n| n.chars().count() > INSTITUTION_NAME_MAX)
    {
        return Err("admin-error-split-too-long");
    }
    let mut seen = std::collections::HashSet::new();
    for name in &names {
        let slug = super::slug::slugify(name);
        if slug.is_empty() {
            return Err("admin-error-name-needs-letters");
        }
        if !seen.insert(slug) {
            return Err("admin-error-split-repeated");
        }
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_split_takes_two_to_fifty_different_names_one_per_line() {
        assert_eq!(
            split_pieces("  Ministerio de Salud \r\n\n Ministerio de Educación\n"),
            Ok(vec![
                "Ministerio de Salud".into(),
                "Ministerio de Educación".into()
            ])
        );
        assert_eq!(split_pieces("Solo una"), Err("admin-error-split-few"));
        assert_eq!(split_pieces("\n \n"), Err("admin-error-split-few"));
        let many = (0..51)
            .map(|n| format!("Entidad {n}"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(split_pieces(&many), Err("admin-error-split-many"));
        let long = format!("A\n{}", "b".repeat(501));
        assert_eq!(split_pieces(&long), Err("admin-error-split-too-long"));
        assert!(split_pieces(&format!("A\n{}", "b".repeat(500))).is_ok());
        assert_eq!(
            split_pieces("Ministerio de Educación\nMINISTERIO DE EDUCACION"),
            Err("admin-error-split-repeated")
        );
        assert_eq!(
            split_pieces("A\n---"),
            Err("admin-error-name-needs-letters")
        );
    }

    #[test]
    fn names_are_trimmed_and_required() {
        assert_eq!(
            Name::parse("  Defensoría del Pueblo ").map(|n| n.0),
            Ok("Defensoría del Pueblo".to_owned())
        );
        assert_eq!(Name::parse(""), Err(InputError::Required));
        assert_eq!(Name::parse(" \t\n"), Err(InputError::Required));
    }

    #[test]
    fn names_count_characters_not_bytes() {
        assert!(Name::parse(&"ñ".repeat(200)).is_ok());
        assert_eq!(
            Name::parse(&"a".repeat(201)),
            Err(InputError::TooLong { max: 200 })
        );
    }

    #[test]
    fn acronyms_are_optional_and_short() {
        assert_eq!(Acronym::parse("  "), Ok(None));
        assert_eq!(
            Acronym::parse(" CPCCS ").map(|a| a.map(|a| a.0)),
            Ok(Some("CPCCS".to_owned()))
        );
        assert_eq!(
            Acronym::parse(&"A".repeat(31)),
            Err(InputError::TooLong { max: 30 })
        );
    }

    #[test]
    fn web_addresses_are_http_or_https_with_a_host() {
        assert_eq!(WebAddress::parse(""), Ok(None));
        assert_eq!(
            WebAddress::parse(" https://www.dpe.gob.ec/ ").map(|w| w.map(|w| w.0)),
            Ok(Some("https://www.dpe.gob.ec/".to_owned()))
        );
        assert_eq!(
            WebAddress::parse("HTTP://example.org").map(|w| w.map(|w| w.0)),
            Ok(Some("http://example.org".to_owned()))
        );
        for bad in [
            "javascript:alert(1)",
            "javascript://example.org/%0Aalert(1)",
            "ftp://example.org",
            "www.example.org",
            "https://",
            "https:///path",
            "https://exa mple.org",
            "https://:8080/",
        ] {
            assert_eq!(
                WebAddress::parse(bad),
                Err(InputError::NotWebAddress),
                "{bad}"
            );
        }
    }

    #[test]
    fn web_addresses_have_a_length_limit() {
        let long = format!("https://example.org/{}", "a".repeat(2000));
        assert_eq!(
            WebAddress::parse(&long),
            Err(InputError::TooLong { max: 2000 })
        );
    }

    #[test]
    fn country_codes_are_two_letters_in_upper_case() {
        assert_eq!(CountryCode::parse(" ec ").map(|c| c.0), Ok("EC".to_owned()));
        assert_eq!(CountryCode::parse(""), Err(InputError::Required));
        for bad in ["ECU", "E", "E1", "É C", "ñe"] {
            assert_eq!(
                CountryCode::parse(bad),
                Err(InputError::NotCountryCode),
                "{bad}"
            );
        }
    }

    fn change(role: Role, institution: Option<Uuid>, active: bool) -> AccountChange {
        AccountChange {
            role,
            institution_id: institution,
            active,
        }
    }

    #[test]
    fn an_official_needs_an_institution() {
        assert_eq!(
            account_change_breaks(&change(Role::Official, None, true), false),
            vec![AccountRule::OfficialNeedsInstitution]
        );
        let with = change(Role::Official, Some(Uuid::now_v7()), true);
        assert!(account_change_breaks(&with, false).is_empty());
        assert!(account_change_breaks(&change(Role::Nucleo, None, true), false).is_empty());
    }

    #[test]
    fn an_administrator_cannot_demote_or_deactivate_themself() {
        assert!(account_change_breaks(&change(Role::Admin, None, true), true).is_empty());
        assert_eq!(
            account_change_breaks(&change(Role::Nucleo, None, false), true),
            vec![
                AccountRule::CannotDemoteSelf,
                AccountRule::CannotDeactivateSelf
            ]
        );
    }

    #[test]
    fn an_administrator_may_demote_and_deactivate_others() {
        let others = change(Role::Participant, None, false);
        assert!(account_change_breaks(&others, false).is_empty());
    }

    #[test]
    fn each_rule_points_at_a_form_field() {
        for rule in [
            AccountRule::OfficialNeedsInstitution,
            AccountRule::CannotDemoteSelf,
            AccountRule::CannotDeactivateSelf,
        ] {
            assert!(["role", "institution", "active"].contains(&rule.field()));
            assert!(rule.message_key().starts_with("admin-error-"));
        }
    }
}
