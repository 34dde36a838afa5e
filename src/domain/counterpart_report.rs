//! What a civil-society counterpart reports on a milestone, parsed from its form: its own
//! view of the milestone's state, whether the responsible institution did its part, the
//! change it perceives, and whether it endorses the progress the institution reported.

use super::progress_report::{EvidenceLink, FieldError, LinkInput, MAX_LINKS, parse_link};
use super::vocab::{Completion, Fulfilment};

pub const MAX_FULFILMENT_NOTE_CHARS: usize = 2_000;
pub const MAX_PERCEIVED_CHANGE_CHARS: usize = 5_000;

/// A counterpart's report that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CounterpartReport {
    /// The milestone's state as the counterpart sees it, on the IRM completion scale.
    pub completion: Completion,
    /// Did the responsible institution fulfil its responsibilities towards the counterpart?
    pub institution_fulfilled: Fulfilment,
    /// Why not (required unless fulfilled); empty when fulfilled and nothing was said.
    pub fulfilment_note: String,
    pub perceived_change: String,
    /// "Respaldamos el avance reportado".
    pub endorses: bool,
    pub links: Vec<EvidenceLink>,
}

/// The form as typed: every field a string, links as rows.
#[derive(Clone, Debug, Default)]
pub struct CounterpartInput {
    pub completion: String,
    pub institution_fulfilled: String,
    pub fulfilment_note: String,
    pub perceived_change: String,
    pub endorses: String,
    pub links: Vec<LinkInput>,
}

impl CounterpartReport {
    /// Checks the form input; returns every problem at once so the form can show them all.
    pub fn parse(input: &CounterpartInput) -> Result<Self, Vec<FieldError>> {
        let mut errors: Vec<FieldError> = Vec::new();
        let completion = input.completion.trim().parse::<Completion>().ok();
        if completion.is_none() {
            errors.push(("completion".into(), "counterpart-completion-invalid"));
        }
        let fulfilled = input
            .institution_fulfilled
            .trim()
            .parse::<Fulfilment>()
            .ok();
        if fulfilled.is_none() {
            errors.push((
                "institution_fulfilled".into(),
                "counterpart-fulfilled-invalid",
            ));
        }
        let note = input.fulfilment_note.trim().to_owned();
        if note.chars().count() > MAX_FULFILMENT_NOTE_CHARS {
            errors.push(("fulfilment_note".into(), "counterpart-note-too-long"));
        } else if note.is_empty() && fulfilled.is_some_and(|f| f != Fulfilment::Yes) {
            errors.push(("fulfilment_note".into(), "counterpart-note-required"));
        }
        let change = input.perceived_change.trim().to_owned();
        if change.is_empty() {
            errors.push(("perceived_change".into(), "counterpart-change-required"));
        } else if change.chars().count() > MAX_PERCEIVED_CHANGE_CHARS {
            errors.push(("perceived_change".into(), "counterpart-change-too-long"));
        }
        let endorses = match input.endorses.trim() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                errors.push(("endorses".into(), "counterpart-endorses-required"));
                None
            }
        };
        let mut links = Vec::new();
        for (i, link) in input.links.iter().enumerate().take(MAX_LINKS) {
            if link.url.trim().is_empty() {
                continue;
            }
            match parse_link(link) {
                Ok(l) => links.push(l),
                Err(key) => errors.push((format!("link-{i}"), key)),
            }
        }
        match (completion, fulfilled, endorses, errors.is_empty()) {
            (Some(completion), Some(institution_fulfilled), Some(endorses), true) => Ok(Self {
                completion,
                institution_fulfilled,
                fulfilment_note: note,
                perceived_change: change,
                endorses,
                links,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EvidenceType;

    fn input() -> CounterpartInput {
        CounterpartInput {
            completion: "substantial".into(),
            institution_fulfilled: "yes".into(),
            fulfilment_note: String::new(),
            perceived_change: "  Las mesas se reúnen cada mes.  ".into(),
            endorses: "yes".into(),
            links: Vec::new(),
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<(&str, &str)> {
        errors.iter().map(|(f, k)| (f.as_str(), *k)).collect()
    }

    #[test]
    fn a_complete_report_is_trimmed_and_kept() {
        let report = CounterpartReport::parse(&input()).unwrap();
        assert_eq!(report.completion, Completion::Substantial);
        assert_eq!(report.institution_fulfilled, Fulfilment::Yes);
        assert_eq!(report.perceived_change, "Las mesas se reúnen cada mes.");
        assert!(report.endorses);
        assert!(report.links.is_empty());
        let not = CounterpartReport::parse(&CounterpartInput {
            endorses: "no".into(),
            ..input()
        })
        .unwrap();
        assert!(!not.endorses);
    }

    #[test]
    fn partly_or_no_needs_a_reason_and_yes_does_not() {
        for answer in ["partly", "no"] {
            let errors = CounterpartReport::parse(&CounterpartInput {
                institution_fulfilled: answer.into(),
                fulfilment_note: "   ".into(),
                ..input()
            })
            .unwrap_err();
            assert_eq!(
                fields(&errors),
                vec![("fulfilment_note", "counterpart-note-required")]
            );
        }
        let explained = CounterpartReport::parse(&CounterpartInput {
            institution_fulfilled: "partly".into(),
            fulfilment_note: "No nos convocaron a la segunda mesa.".into(),
            ..input()
        })
        .unwrap();
        assert_eq!(explained.institution_fulfilled, Fulfilment::Partly);
        assert_eq!(
            explained.fulfilment_note,
            "No nos convocaron a la segunda mesa."
        );
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let errors = CounterpartReport::parse(&CounterpartInput {
            completion: "done".into(),
            institution_fulfilled: String::new(),
            fulfilment_note: "x".repeat(MAX_FULFILMENT_NOTE_CHARS + 1),
            perceived_change: String::new(),
            endorses: "maybe".into(),
            links: vec![LinkInput {
                url: "not a link".into(),
                evidence_type: "document".into(),
                ..LinkInput::default()
            }],
        })
        .unwrap_err();
        assert_eq!(
            fields(&errors),
            vec![
                ("completion", "counterpart-completion-invalid"),
                ("institution_fulfilled", "counterpart-fulfilled-invalid"),
                ("fulfilment_note", "counterpart-note-too-long"),
                ("perceived_change", "counterpart-change-required"),
                ("endorses", "counterpart-endorses-required"),
                ("link-0", "report-link-invalid"),
            ]
        );
        let long = CounterpartReport::parse(&CounterpartInput {
            perceived_change: "x".repeat(MAX_PERCEIVED_CHANGE_CHARS + 1),
            ..input()
        })
        .unwrap_err();
        assert_eq!(
            fields(&long),
            vec![("perceived_change", "counterpart-change-too-long")]
        );
    }

    #[test]
    fn links_are_checked_like_the_institutions_and_empty_rows_skipped() {
        let report = CounterpartReport::parse(&CounterpartInput {
            links: vec![
                LinkInput::default(),
                LinkInput {
                    url: " https://example.org/acta.pdf ".into(),
                    evidence_type: "minutes".into(),
                    source: "Fundación".into(),
                    date: "2026-11-02".into(),
                },
            ],
            ..input()
        });
        let report = report.unwrap();
        assert_eq!(report.links.len(), 1);
        assert_eq!(report.links[0].url, "https://example.org/acta.pdf");
        assert_eq!(report.links[0].evidence_type, EvidenceType::Minutes);
    }
}
