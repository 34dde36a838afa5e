//! Working sessions (*mesas de trabajo*) of co-creation, parsed from the forum's form, and
//! the figures of a plan's co-creation panel.

use chrono::{DateTime, NaiveDate, Utc};

use super::proposal::FieldError;
use super::vocab::Sector;

pub const MAX_PLACE_CHARS: usize = 300;
pub const MAX_SUMMARY_CHARS: usize = 20_000;
pub const MAX_SESSION_LINKS: usize = 3;
const MAX_URL_CHARS: usize = 2_000;

/// A session that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewWorkSession {
    pub held_on: NaiveDate,
    pub place: String,
    pub online: bool,
    pub sectors: Vec<Sector>,
    pub participants: i32,
    pub summary: String,
    /// Evidence links (minutes, photos, recordings).
    pub links: Vec<String>,
}

/// The form as typed.
#[derive(Clone, Debug, Default)]
pub struct WorkSessionInput {
    pub held_on: String,
    pub place: String,
    pub online: bool,
    pub sectors: Vec<String>,
    pub participants: String,
    pub summary: String,
    pub links: Vec<String>,
}

impl NewWorkSession {
    /// Checks the form input; returns every problem at once.
    pub fn parse(input: &WorkSessionInput) -> Result<Self, Vec<FieldError>> {
        let mut errors: Vec<FieldError> = Vec::new();
        let held_on = NaiveDate::parse_from_str(input.held_on.trim(), "%Y-%m-%d").ok();
        if held_on.is_none() {
            errors.push(("held_on", "session-date-invalid"));
        }
        let place = input.place.trim().to_owned();
        if place.is_empty() && !input.online {
            errors.push(("place", "session-place-required"));
        } else if place.chars().count() > MAX_PLACE_CHARS {
            errors.push(("place", "proposal-field-too-long"));
        }
        let mut sectors = Vec::new();
        for s in &input.sectors {
            match s.parse::<Sector>() {
                Ok(sector) if !sectors.contains(&sector) => sectors.push(sector),
                Ok(_) => {}
                Err(_) => errors.push(("sectors", "session-sector-invalid")),
            }
        }
        let participants = input.participants.trim().parse::<i32>().ok();
        if !participants.is_some_and(|n| (0..=100_000).contains(&n)) {
            errors.push(("participants", "session-participants-invalid"));
        }
        let summary = input.summary.trim().to_owned();
        if summary.is_empty() {
            errors.push(("summary", "proposal-field-required"));
        } else if summary.chars().count() > MAX_SUMMARY_CHARS {
            errors.push(("summary", "proposal-field-too-long"));
        }
        let links: Vec<String> = input
            .links
            .iter()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        if links.iter().any(|l| {
            !(l.starts_with("https://") || l.starts_with("http://"))
                || l.chars().count() > MAX_URL_CHARS
                || l.contains(char::is_whitespace)
        }) {
            errors.push(("links", "session-link-invalid"));
        }
        match (held_on, participants) {
            (Some(held_on), Some(participants)) if errors.is_empty() => Ok(Self {
                held_on,
                place,
                online: input.online,
                sectors,
                participants,
                summary,
                links,
            }),
            _ => Err(errors),
        }
    }
}

/// What the co-creation panel shows of a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PanelFigures {
    pub proposals: i64,
    /// Percentage of proposals with a public response, rounded down.
    pub answered_percent: i64,
    pub sessions: i64,
    pub sectors: usize,
    /// Days the consultation was (or has been, so far) open.
    pub days_open: Option<i64>,
}

/// Computes the panel from the counts and the window.
pub fn panel_figures(
    proposals: i64,
    answered: i64,
    sessions: i64,
    sectors: usize,
    window: (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    now: DateTime<Utc>,
) -> PanelFigures {
    let days_open = match window {
        (Some(opens), Some(closes)) if opens <= now => Some((closes.min(now) - opens).num_days()),
        _ => None,
    };
    PanelFigures {
        proposals,
        answered_percent: if proposals > 0 {
            answered * 100 / proposals
        } else {
            0
        },
        sessions,
        sectors,
        days_open,
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;

    fn input() -> WorkSessionInput {
        WorkSessionInput {
            held_on: "2026-03-10".into(),
            place: "Quito".into(),
            online: false,
            sectors: vec!["government".into(), "civil_society".into()],
            participants: "25".into(),
            summary: "Mesa de datos abiertos.".into(),
            links: vec!["https://example.org/acta.pdf".into(), " ".into()],
        }
    }

    #[test]
    fn a_complete_session_parses() {
        let s = NewWorkSession::parse(&input()).unwrap();
        assert_eq!(s.sectors, vec![Sector::Government, Sector::CivilSociety]);
        assert_eq!(s.participants, 25);
        assert_eq!(s.links, vec!["https://example.org/acta.pdf".to_owned()]);
    }

    #[test]
    fn an_online_session_needs_no_place() {
        let s = NewWorkSession::parse(&WorkSessionInput {
            place: String::new(),
            online: true,
            ..input()
        })
        .unwrap();
        assert!(s.online);
        let e = NewWorkSession::parse(&WorkSessionInput {
            place: String::new(),
            ..input()
        })
        .unwrap_err();
        assert_eq!(e, vec![("place", "session-place-required")]);
    }

    #[test]
    fn bad_date_count_sector_and_link_are_each_reported() {
        let e = NewWorkSession::parse(&WorkSessionInput {
            held_on: "10/03/2026".into(),
            participants: "-3".into(),
            sectors: vec!["press".into()],
            links: vec!["javascript:alert(1)".into()],
            ..input()
        })
        .unwrap_err();
        let fields: Vec<_> = e.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["held_on", "sectors", "participants", "links"]);
    }

    #[test]
    fn the_panel_counts_the_share_answered_and_the_days_open() {
        let now = Utc::now();
        let window = (
            Some(now - Duration::days(10)),
            Some(now + Duration::days(5)),
        );
        let f = panel_figures(3, 1, 2, 4, window, now);
        assert_eq!(f.answered_percent, 33);
        assert_eq!(f.days_open, Some(10));
        let closed = (
            Some(now - Duration::days(40)),
            Some(now - Duration::days(10)),
        );
        assert_eq!(panel_figures(0, 0, 0, 0, closed, now).days_open, Some(30));
        assert_eq!(
            panel_figures(0, 0, 0, 0, (None, None), now).answered_percent,
            0
        );
    }
}
