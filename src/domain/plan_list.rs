//! The public list of plans among hundreds: which plans a visitor asked for (country, national
//! or local, phase, a year the plan covers) and which page of them.

use super::vocab::{GovernmentKind, PlanPhase};

/// Plans on one page of `/plans`.
pub const PLANS_PAGE: u32 = 20;

/// The filters of `/plans`, each absent when not chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanFilter {
    /// ISO 3166-1 alpha-2, upper case (`EC`).
    pub country: Option<String>,
    pub kind: Option<GovernmentKind>,
    pub phase: Option<PlanPhase>,
    /// A year the plan's period covers.
    pub year: Option<i32>,
}

impl PlanFilter {
    /// The filters as the query gives them; an empty value means "any". A value that names
    /// nothing (a country code that is no code, an unknown phase, a year out of range) is an
    /// error key, so a mistyped address says so instead of listing everything.
    pub fn parse(
        country: Option<&str>,
        kind: Option<&str>,
        phase: Option<&str>,
        year: Option<&str>,
    ) -> Result<Self, &'static str> {
        let country = match given(country) {
            Some(c) if c.len() == 2 && c.chars().all(|ch| ch.is_ascii_alphabetic()) => {
                Some(c.to_ascii_uppercase())
            }
            Some(_) => return Err("plans-filter-invalid"),
            None => None,
        };
        let kind = given(kind)
            .map(str::parse::<GovernmentKind>)
            .transpose()
            .map_err(|_| "plans-filter-invalid")?;
        let phase = match given(phase).map(str::parse::<PlanPhase>).transpose() {
            Ok(Some(PlanPhase::Draft)) | Err(_) => return Err("plans-filter-invalid"),
            Ok(phase) => phase,
        };
        let year = match given(year).map(str::parse::<i32>).transpose() {
            Ok(Some(y)) if !(2011..=2100).contains(&y) => return Err("plans-filter-invalid"),
            Ok(year) => year,
            Err(_) => return Err("plans-filter-invalid"),
        };
        Ok(Self {
            country,
            kind,
            phase,
            year,
        })
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The filters as query pairs, for the pager's links (empty ones left out).
    pub fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if let Some(c) = &self.country {
            q.push(("country", c.clone()));
        }
        if let Some(k) = self.kind {
            q.push(("kind", k.as_str().to_owned()));
        }
        if let Some(p) = self.phase {
            q.push(("phase", p.as_str().to_owned()));
        }
        if let Some(y) = self.year {
            q.push(("year", y.to_string()));
        }
        q
    }
}

/// A query value, `None` when absent or blank.
fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_filter_reads_its_value_and_empty_means_any() {
        let f = PlanFilter::parse(
            Some("ec"),
            Some("local"),
            Some("implementation"),
            Some("2023"),
        )
        .expect("valid");
        assert_eq!(f.country.as_deref(), Some("EC"));
        assert_eq!(f.kind, Some(GovernmentKind::Local));
        assert_eq!(f.phase, Some(PlanPhase::Implementation));
        assert_eq!(f.year, Some(2023));
        assert_eq!(
            f.query(),
            [
                ("country", "EC".to_owned()),
                ("kind", "local".to_owned()),
                ("phase", "implementation".to_owned()),
                ("year", "2023".to_owned())
            ]
        );
        let any = PlanFilter::parse(Some(" "), None, Some(""), None).expect("empty");
        assert!(any.is_empty());
        assert!(any.query().is_empty());
    }

    #[test]
    fn a_value_that_names_nothing_is_refused() {
        for (country, kind, phase, year) in [
            (Some("ECU"), None, None, None),
            (Some("E1"), None, None, None),
            (None, Some("regional"), None, None),
            (None, None, Some("draft"), None),
            (None, None, Some("finished"), None),
            (None, None, None, Some("1999")),
            (None, None, None, Some("dos mil")),
        ] {
            assert_eq!(
                PlanFilter::parse(country, kind, phase, year),
                Err("plans-filter-invalid"),
                "{country:?} {kind:?} {phase:?} {year:?}"
            );
        }
    }
}
