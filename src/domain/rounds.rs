//! Reporting rounds: the periods in which the forum expects a report on every milestone of a
//! plan under implementation (OGP asks for the repository to be updated at least twice a
//! year). A report belongs to the round whose dates hold the day it was filed; rounds of one
//! plan never overlap, so each report belongs to one round at most.

use chrono::{Datelike, NaiveDate};

use super::vocab::{Completion, Fulfilment};

/// The longest round name.
pub const LABEL_MAX: usize = 200;
/// The most rounds a plan may have (a four-year plan has eight semi-annual ones).
pub const ROUNDS_MAX: usize = 60;

/// A round as the forum sets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundInput {
    pub label: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
}

impl RoundInput {
    /// Reads the form: a name and two ISO dates, the first not after the second. Problems
    /// come as (field, message key).
    pub fn parse(
        label: &str,
        opens: &str,
        closes: &str,
    ) -> Result<Self, Vec<(&'static str, &'static str)>> {
        let mut problems = Vec::new();
        let label = label.trim();
        if label.is_empty() {
            problems.push(("label", "round-error-label"));
        } else if label.chars().count() > LABEL_MAX {
            problems.push(("label", "round-error-label-long"));
        }
        let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        let (opens_on, closes_on) = (date(opens), date(closes));
        if opens_on.is_none() {
            problems.push(("opens_on", "round-error-date"));
        }
        if closes_on.is_none() {
            problems.push(("closes_on", "round-error-date"));
        }
        match (opens_on, closes_on) {
            (Some(opens_on), Some(closes_on)) if problems.is_empty() => {
                if closes_on < opens_on {
                    return Err(vec![("closes_on", "round-error-order")]);
                }
                Ok(Self {
                    label: label.to_owned(),
                    opens_on,
                    closes_on,
                })
            }
            _ => Err(problems),
        }
    }

    /// Whether the two share at least one day.
    pub fn overlaps(&self, other: &RoundInput) -> bool {
        self.opens_on <= other.closes_on && other.opens_on <= self.closes_on
    }

    /// Whether a report filed that day belongs to this round.
    pub fn holds(&self, day: NaiveDate) -> bool {
        self.opens_on <= day && day <= self.closes_on
    }
}

/// Why a round cannot join a plan's rounds, as a message key, or `None` when it can.
pub fn refusal(new: &RoundInput, existing: &[RoundInput]) -> Option<&'static str> {
    if existing.len() >= ROUNDS_MAX {
        Some("round-error-too-many")
    } else if existing.iter().any(|r| r.label == new.label) {
        Some("round-error-label-taken")
    } else if existing.iter().any(|r| r.overlaps(new)) {
        Some("round-error-overlap")
    } else {
        None
    }
}

/// One half-year of a plan's period: its year, which half (1 or 2), and its days within the
/// period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HalfYear {
    pub year: i32,
    pub half: u8,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
}

/// The semi-annual rounds that cover a plan's period: each half-year (January–June,
/// July–December) that the period touches, cut to the period.
pub fn semiannual(period_start: NaiveDate, period_end: NaiveDate) -> Vec<HalfYear> {
    let mut halves = Vec::new();
    let mut year = period_start.year();
    while year <= period_end.year() && halves.len() < ROUNDS_MAX {
        for half in [1u8, 2] {
            let (first, last) = if half == 1 {
                ((1, 1), (6, 30))
            } else {
                ((7, 1), (12, 31))
            };
            let (Some(from), Some(to)) = (
                NaiveDate::from_ymd_opt(year, first.0, first.1),
                NaiveDate::from_ymd_opt(year, last.0, last.1),
            ) else {
                continue;
            };
            if to < period_start || from > period_end {
                continue;
            }
            halves.push(HalfYear {
                year,
                half,
                opens_on: from.max(period_start),
                closes_on: to.min(period_end),
            });
        }
        year += 1;
    }
    halves
}

/// The longest narrative of a round assessment, and of the communication note.
pub const NARRATIVE_MAX: usize = 5_000;
pub const NOTE_MAX: usize = 2_000;

/// The forum's own view of a commitment in a round: its completion as the forum sees it, a
/// narrative, and whether the co-created communication strategy was carried out (a note is
/// required unless it was).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundAssessmentInput {
    pub completion: Completion,
    pub narrative: String,
    pub communication: Fulfilment,
    pub communication_note: String,
}

impl RoundAssessmentInput {
    /// Every problem at once, as (field, message key).
    pub fn parse(
        completion: &str,
        narrative: &str,
        communication: &str,
        communication_note: &str,
    ) -> Result<Self, Vec<(&'static str, &'static str)>> {
        let mut problems = Vec::new();
        let completion = completion.trim().parse::<Completion>().ok();
        if completion.is_none() {
            problems.push(("completion", "round-assessment-error-completion"));
        }
        let narrative = narrative.trim();
        if narrative.is_empty() {
            problems.push(("narrative", "round-assessment-error-narrative"));
        } else if narrative.chars().count() > NARRATIVE_MAX {
            problems.push(("narrative", "round-assessment-error-narrative-long"));
        }
        let communication = communication.trim().parse::<Fulfilment>().ok();
        if communication.is_none() {
            problems.push(("communication", "round-assessment-error-communication"));
        }
        let note = communication_note.trim();
        if note.chars().count() > NOTE_MAX {
            problems.push(("communication_note", "round-assessment-error-note-long"));
        } else if note.is_empty() && communication.is_some_and(|c| c != Fulfilment::Yes) {
            problems.push(("communication_note", "round-assessment-error-note"));
        }
        match (completion, communication) {
            (Some(completion), Some(communication)) if problems.is_empty() => Ok(Self {
                completion,
                narrative: narrative.to_owned(),
                communication,
                communication_note: note.to_owned(),
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn round(label: &str, opens: &str, closes: &str) -> RoundInput {
        RoundInput::parse(label, opens, closes).unwrap()
    }

    #[test]
    fn a_round_needs_a_name_and_dates_in_order() {
        assert_eq!(
            RoundInput::parse(" ", "2025-01-01", "x"),
            Err(vec![
                ("label", "round-error-label"),
                ("closes_on", "round-error-date")
            ])
        );
        assert_eq!(
            RoundInput::parse("S1", "2025-07-01", "2025-06-30"),
            Err(vec![("closes_on", "round-error-order")])
        );
        assert_eq!(
            RoundInput::parse(&"a".repeat(LABEL_MAX + 1), "2025-01-01", "2025-06-30"),
            Err(vec![("label", "round-error-label-long")])
        );
        let one_day = round(" S1 ", "2025-01-01", "2025-01-01");
        assert_eq!(one_day.label, "S1");
        assert!(one_day.holds(day("2025-01-01")));
        assert!(!one_day.holds(day("2025-01-02")));
    }

    #[test]
    fn rounds_of_a_plan_do_not_overlap_or_share_a_name() {
        let existing = [round("S1", "2025-01-01", "2025-06-30")];
        let touching = round("S2", "2025-06-30", "2025-12-31");
        assert_eq!(refusal(&touching, &existing), Some("round-error-overlap"));
        let next = round("S2", "2025-07-01", "2025-12-31");
        assert_eq!(refusal(&next, &existing), None);
        let same_name = round("S1", "2026-01-01", "2026-06-30");
        assert_eq!(
            refusal(&same_name, &existing),
            Some("round-error-label-taken")
        );
        let many: Vec<_> = (0..ROUNDS_MAX)
            .map(|i| round(&format!("R{i}"), "2000-01-01", "2000-01-01"))
            .collect();
        assert_eq!(refusal(&next, &many), Some("round-error-too-many"));
    }

    #[test]
    fn semiannual_rounds_cover_the_period_cut_to_it() {
        let halves = semiannual(day("2024-09-01"), day("2026-08-31"));
        let spans: Vec<_> = halves
            .iter()
            .map(|h| {
                (
                    h.year,
                    h.half,
                    h.opens_on.to_string(),
                    h.closes_on.to_string(),
                )
            })
            .collect();
        assert_eq!(
            spans,
            [
                (2024, 2, "2024-09-01".into(), "2024-12-31".into()),
                (2025, 1, "2025-01-01".into(), "2025-06-30".into()),
                (2025, 2, "2025-07-01".into(), "2025-12-31".into()),
                (2026, 1, "2026-01-01".into(), "2026-06-30".into()),
                (2026, 2, "2026-07-01".into(), "2026-08-31".into()),
            ]
        );
        assert!(semiannual(day("2026-01-01"), day("2025-01-01")).is_empty());
    }

    #[test]
    fn a_round_assessment_needs_a_level_a_narrative_and_a_reason_when_communication_fell_short() {
        let ok = RoundAssessmentInput::parse("limited", "  Avanza poco ", "yes", "").unwrap();
        assert_eq!(ok.completion, Completion::Limited);
        assert_eq!(ok.narrative, "Avanza poco");
        let fields = |r: Result<RoundAssessmentInput, Vec<(&'static str, &'static str)>>| {
            r.unwrap_err()
                .into_iter()
                .map(|(f, _)| f)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(RoundAssessmentInput::parse("", " ", "maybe", "")),
            ["completion", "narrative", "communication"]
        );
        assert_eq!(
            fields(RoundAssessmentInput::parse("complete", "x", "partly", " ")),
            ["communication_note"]
        );
        let long = "a".repeat(NARRATIVE_MAX + 1);
        assert_eq!(
            fields(RoundAssessmentInput::parse("complete", &long, "no", "why")),
            ["narrative"]
        );
        assert!(RoundAssessmentInput::parse("complete", "x", "no", "sin difusión").is_ok());
    }
}
