//! The forum's monitoring assessment of a commitment, on the scales of the OGP Independent
//! Reporting Mechanism (IRM). Assessments are appended, never edited: a new period or a
//! correction is a new assessment, and the history stays public.

use chrono::NaiveDate;

use super::progress_report::FieldError;
use super::vocab::{Completion, EarlyResults, OgpValue, PotentialImpact};

pub const MAX_PERIOD_CHARS: usize = 200;
pub const MAX_NARRATIVE_CHARS: usize = 20_000;

/// The assessment form as typed: every field a string, "" meaning "not assessed".
#[derive(Debug, Clone, Default)]
pub struct AssessmentInput {
    pub period_label: String,
    pub as_of: String,
    /// `yes`, `no` or "".
    pub verifiable: String,
    /// OGP values the commitment is relevant to.
    pub relevance: Vec<String>,
    pub potential_impact: String,
    pub completion: String,
    pub early_results: String,
    pub narrative: String,
}

/// A checked assessment, ready to be appended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAssessment {
    pub period_label: String,
    pub as_of: NaiveDate,
    pub verifiable: Option<bool>,
    pub relevance: Vec<OgpValue>,
    pub potential_impact: Option<PotentialImpact>,
    pub completion: Option<Completion>,
    pub early_results: Option<EarlyResults>,
    pub narrative: String,
}

/// An optional scale value: "" is `None`, anything else must be a value of the scale.
fn optional<T: std::str::FromStr>(
    value: &str,
    field: &str,
    key: &'static str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    match value.trim() {
        "" => None,
        v => v
            .parse()
            .map_err(|_| errors.push((field.to_owned(), key)))
            .ok(),
    }
}

impl NewAssessment {
    /// Checks the form; returns every problem at once. `today` bounds the as-of date: an
    /// assessment cannot describe a day that has not come.
    pub fn parse(input: &AssessmentInput, today: NaiveDate) -> Result<Self, Vec<FieldError>> {
        let mut errors: Vec<FieldError> = Vec::new();
        let period_label = input.period_label.trim().to_owned();
        if period_label.is_empty() || period_label.chars().count() > MAX_PERIOD_CHARS {
            errors.push(("period_label".into(), "assessment-period-required"));
        }
        let as_of = match NaiveDate::parse_from_str(input.as_of.trim(), "%Y-%m-%d") {
            Ok(d) if d > today => {
                errors.push(("as_of".into(), "assessment-as-of-future"));
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(("as_of".into(), "assessment-as-of-invalid"));
                None
            }
        };
        let verifiable = match input.verifiable.trim() {
            "" => None,
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                errors.push(("verifiable".into(), "assessment-value-invalid"));
                None
            }
        };
        let mut relevance: Vec<OgpValue> = Vec::new();
        for value in &input.relevance {
            match value.trim().parse::<OgpValue>() {
                Ok(v) if !relevance.contains(&v) => relevance.push(v),
                Ok(_) => {}
                Err(_) => errors.push(("relevance".into(), "assessment-value-invalid")),
            }
        }
        // OGP counts technology and innovation only alongside another value.
        if relevance == [OgpValue::TechnologyInnovation] {
            errors.push(("relevance".into(), "assessment-technology-alone"));
        }
        relevance.sort_by_key(|v| OgpValue::ALL.iter().position(|a| a == v));
        let potential_impact = optional(
            &input.potential_impact,
            "potential_impact",
            "assessment-value-invalid",
            &mut errors,
        );
        let completion = optional(
            &input.completion,
            "completion",
            "assessment-value-invalid",
            &mut errors,
        );
        let early_results = optional(
            &input.early_results,
            "early_results",
            "assessment-value-invalid",
            &mut errors,
        );
        let narrative = input.narrative.trim().to_owned();
        if narrative.chars().count() > MAX_NARRATIVE_CHARS {
            errors.push(("narrative".into(), "assessment-narrative-too-long"));
        }
        match as_of {
            Some(as_of) if errors.is_empty() => Ok(Self {
                period_label,
                as_of,
                verifiable,
                relevance,
                potential_impact,
                completion,
                early_results,
                narrative,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 9, 1).expect("date")
    }

    fn input() -> AssessmentInput {
        AssessmentInput {
            period_label: "Informe de medio término 2023".into(),
            as_of: "2023-12-31".into(),
            verifiable: "yes".into(),
            relevance: vec![
                "public_accountability".into(),
                "access_to_information".into(),
            ],
            potential_impact: "moderate".into(),
            completion: "substantial".into(),
            early_results: "marginal".into(),
            narrative: "  La plataforma publica los contratos.  ".into(),
        }
    }

    fn problems(input: &AssessmentInput) -> Vec<(String, &'static str)> {
        NewAssessment::parse(input, today()).expect_err("invalid")
    }

    #[test]
    fn a_complete_assessment_parses_onto_the_irm_scales() {
        let a = NewAssessment::parse(&input(), today()).expect("valid");
        assert_eq!(
            a.as_of,
            NaiveDate::from_ymd_opt(2023, 12, 31).expect("date")
        );
        assert_eq!(a.verifiable, Some(true));
        assert_eq!(
            a.relevance,
            [
                OgpValue::AccessToInformation,
                OgpValue::PublicAccountability
            ],
            "in the vocabulary's order"
        );
        assert_eq!(a.potential_impact, Some(PotentialImpact::Moderate));
        assert_eq!(a.completion, Some(Completion::Substantial));
        assert_eq!(a.early_results, Some(EarlyResults::Marginal));
        assert_eq!(a.narrative, "La plataforma publica los contratos.");
    }

    #[test]
    fn ratings_may_be_left_unassessed() {
        let a = NewAssessment::parse(
            &AssessmentInput {
                period_label: "Corte 2024".into(),
                as_of: "2024-06-30".into(),
                ..AssessmentInput::default()
            },
            today(),
        )
        .expect("valid");
        assert_eq!(a.verifiable, None);
        assert!(a.relevance.is_empty());
        assert_eq!(a.potential_impact, None);
        assert_eq!(a.completion, None);
        assert_eq!(a.early_results, None);
    }

    #[test]
    fn both_impact_scales_are_accepted() {
        for value in ["none", "transformative", "unclear", "substantial"] {
            let a = NewAssessment::parse(
                &AssessmentInput {
                    potential_impact: value.into(),
                    ..input()
                },
                today(),
            )
            .expect(value);
            assert_eq!(a.potential_impact.map(|v| v.as_str()), Some(value));
        }
    }

    #[test]
    fn a_value_off_the_scale_is_refused_with_its_field() {
        let bad = AssessmentInput {
            completion: "mostly".into(),
            early_results: "great".into(),
            verifiable: "maybe".into(),
            relevance: vec!["open_data".into()],
            ..input()
        };
        let fields: Vec<_> = problems(&bad).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            ["verifiable", "relevance", "completion", "early_results"]
        );
    }

    #[test]
    fn period_and_a_past_as_of_date_are_required() {
        let bad = AssessmentInput {
            period_label: "  ".into(),
            as_of: "31/12/2023".into(),
            ..input()
        };
        assert_eq!(
            problems(&bad),
            [
                ("period_label".to_owned(), "assessment-period-required"),
                ("as_of".to_owned(), "assessment-as-of-invalid"),
            ]
        );
        let future = AssessmentInput {
            as_of: "2024-09-02".into(),
            ..input()
        };
        assert_eq!(
            problems(&future),
            [("as_of".to_owned(), "assessment-as-of-future")]
        );
        let long = AssessmentInput {
            period_label: "x".repeat(MAX_PERIOD_CHARS + 1),
            ..input()
        };
        assert_eq!(problems(&long)[0].1, "assessment-period-required");
    }

    #[test]
    fn technology_and_innovation_alone_is_not_relevance() {
        let alone = AssessmentInput {
            relevance: vec!["technology_innovation".into()],
            ..input()
        };
        assert_eq!(
            problems(&alone),
            [("relevance".to_owned(), "assessment-technology-alone")]
        );
        let with_another = AssessmentInput {
            relevance: vec![
                "technology_innovation".into(),
                "civic_participation".into(),
                "civic_participation".into(),
            ],
            ..input()
        };
        let a = NewAssessment::parse(&with_another, today()).expect("valid");
        assert_eq!(
            a.relevance,
            [OgpValue::CivicParticipation, OgpValue::TechnologyInnovation]
        );
    }

    #[test]
    fn an_overlong_narrative_is_refused() {
        let long = AssessmentInput {
            narrative: "a".repeat(MAX_NARRATIVE_CHARS + 1),
            ..input()
        };
        assert_eq!(
            problems(&long),
            [("narrative".to_owned(), "assessment-narrative-too-long")]
        );
    }
}
