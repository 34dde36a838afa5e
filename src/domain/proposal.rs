//! Co-creation input from participants: proposals, comments, the forum's reasoned response
//! and its moderation, parsed from forms.

use uuid::Uuid;

use super::vocab::ProposalState;

pub const MAX_TITLE_CHARS: usize = 300;
pub const MAX_TEXT_CHARS: usize = 20_000;
pub const MAX_THEME_CHARS: usize = 200;
pub const MAX_COMMENT_CHARS: usize = 5_000;
pub const MAX_REASON_CHARS: usize = 1_000;

/// A problem with one field: the field name and the message key.
pub type FieldError = (&'static str, &'static str);

/// Trims `value` and checks it is present (when `required`) and at most `max` characters.
fn text(
    value: &str,
    max: usize,
    required: bool,
    field: &'static str,
    errors: &mut Vec<FieldError>,
) -> String {
    let value = value.trim();
    if required && value.is_empty() {
        errors.push((field, "proposal-field-required"));
    } else if value.chars().count() > max {
        errors.push((field, "proposal-field-too-long"));
    }
    value.to_owned()
}

/// A proposal that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewProposal {
    pub title: String,
    pub problem: String,
    pub proposal: String,
    pub theme: String,
    /// The institution addressed, if any (checked to exist by the store).
    pub institution_id: Option<Uuid>,
}

impl NewProposal {
    /// Checks the form input; returns every problem at once.
    pub fn parse(
        title: &str,
        problem: &str,
        proposal: &str,
        theme: &str,
        institution: &str,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = text(title, MAX_TITLE_CHARS, true, "title", &mut errors);
        let problem = text(problem, MAX_TEXT_CHARS, true, "problem", &mut errors);
        let proposal = text(proposal, MAX_TEXT_CHARS, true, "proposal", &mut errors);
        let theme = text(theme, MAX_THEME_CHARS, true, "theme", &mut errors);
        let institution = institution.trim();
        let institution_id = if institution.is_empty() {
            None
        } else {
            match institution.parse::<Uuid>() {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.push(("institution", "proposal-institution-invalid"));
                    None
                }
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            title,
            problem,
            proposal,
            theme,
            institution_id,
        })
    }
}

/// A comment's text, trimmed, 1–5000 characters.
pub fn parse_comment(body: &str) -> Result<String, FieldError> {
    let mut errors = Vec::new();
    let body = text(body, MAX_COMMENT_CHARS, true, "body", &mut errors);
    errors.pop().map_or(Ok(body), Err)
}

/// The reason a comment is hidden (shown publicly in its place), 1–1000 characters.
pub fn parse_hide_reason(reason: &str) -> Result<String, FieldError> {
    let mut errors = Vec::new();
    let reason = text(reason, MAX_REASON_CHARS, true, "reason", &mut errors);
    errors.pop().map_or(Ok(reason), Err)
}

/// The forum's answer to a proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposalResponse {
    pub state: ProposalState,
    /// Required once the proposal leaves `submitted` / `under_review`.
    pub response: Option<String>,
    /// The commitment the proposal shaped (required when merged).
    pub commitment_id: Option<Uuid>,
}

impl ProposalResponse {
    /// Checks the triage form: a decision other than "under review" needs a public
    /// response, and "merged" needs the commitment it was merged into.
    pub fn parse(state: &str, response: &str, commitment: &str) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let state = match state.parse::<ProposalState>() {
            Ok(s) => Some(s),
            Err(_) => {
                errors.push(("state", "response-state-invalid"));
                None
            }
        };
        let response = response.trim();
        if response.chars().count() > MAX_TEXT_CHARS {
            errors.push(("response", "proposal-field-too-long"));
        }
        let decided = state
            .is_some_and(|s| !matches!(s, ProposalState::Submitted | ProposalState::UnderReview));
        if decided && response.is_empty() {
            errors.push(("response", "response-required"));
        }
        let commitment = commitment.trim();
        let commitment_id = if commitment.is_empty() {
            None
        } else {
            match commitment.parse::<Uuid>() {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.push(("commitment", "response-commitment-invalid"));
                    None
                }
            }
        };
        if state == Some(ProposalState::Merged) && commitment_id.is_none() {
            errors.push(("commitment", "response-commitment-required"));
        }
        match state {
            Some(state) if errors.is_empty() => Ok(Self {
                state,
                response: (!response.is_empty()).then(|| response.to_owned()),
                commitment_id,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, Utc};

    use crate::domain::vocab::PlanPhase;

    use super::*;

    #[test]
    fn the_window_is_open_only_in_co_creation_between_its_dates() {
        use crate::domain::phases::window_is_open;
        let now = Utc::now();
        let (before, after) = (Some(now - Duration::days(1)), Some(now + Duration::days(1)));
        assert!(window_is_open(PlanPhase::CoCreation, before, after, now));
        assert!(!window_is_open(
            PlanPhase::Implementation,
            before,
            after,
            now
        ));
        assert!(!window_is_open(PlanPhase::CoCreation, None, after, now));
        assert!(!window_is_open(PlanPhase::CoCreation, before, before, now));
        assert!(!window_is_open(PlanPhase::CoCreation, after, after, now));
    }

    #[test]
    fn a_proposal_needs_title_problem_proposal_and_theme() {
        let errors = NewProposal::parse(" ", "", "", "", "").unwrap_err();
        let fields: Vec<_> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["title", "problem", "proposal", "theme"]);
    }

    #[test]
    fn a_proposal_is_trimmed_and_the_institution_is_optional() {
        let p = NewProposal::parse(" Datos ", "Falta", "Publicar", "Datos abiertos", "").unwrap();
        assert_eq!(p.title, "Datos");
        assert_eq!(p.institution_id, None);
        let bad = NewProposal::parse("a", "b", "c", "d", "not-a-uuid").unwrap_err();
        assert_eq!(bad, vec![("institution", "proposal-institution-invalid")]);
    }

    #[test]
    fn an_overlong_title_is_refused() {
        let long = "x".repeat(MAX_TITLE_CHARS + 1);
        let errors = NewProposal::parse(&long, "b", "c", "d", "").unwrap_err();
        assert_eq!(errors, vec![("title", "proposal-field-too-long")]);
    }

    #[test]
    fn leaving_review_needs_a_reasoned_response() {
        assert_eq!(
            ProposalResponse::parse("not_accepted", "  ", "").unwrap_err(),
            vec![("response", "response-required")]
        );
        let review = ProposalResponse::parse("under_review", "", "").unwrap();
        assert_eq!(review.response, None);
        let accepted = ProposalResponse::parse("accepted", "Se incorpora.", "").unwrap();
        assert_eq!(accepted.response.as_deref(), Some("Se incorpora."));
    }

    #[test]
    fn merging_needs_the_commitment() {
        let errors = ProposalResponse::parse("merged", "Integrada.", "").unwrap_err();
        assert_eq!(errors, vec![("commitment", "response-commitment-required")]);
        let id = Uuid::now_v7();
        let merged = ProposalResponse::parse("merged", "Integrada.", &id.to_string()).unwrap();
        assert_eq!(merged.commitment_id, Some(id));
    }

    #[test]
    fn an_unknown_decision_is_refused() {
        assert_eq!(
            ProposalResponse::parse("deleted", "x", "").unwrap_err(),
            vec![("state", "response-state-invalid")]
        );
    }

    #[test]
    fn comments_and_reasons_must_not_be_empty() {
        assert_eq!(parse_comment(" hola ").unwrap(), "hola");
        assert_eq!(
            parse_comment("   ").unwrap_err(),
            ("body", "proposal-field-required")
        );
        assert!(parse_comment(&"x".repeat(MAX_COMMENT_CHARS + 1)).is_err());
        assert!(parse_hide_reason("").is_err());
        assert_eq!(parse_hide_reason("Insulto").unwrap(), "Insulto");
    }
}
