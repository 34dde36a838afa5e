//! Rules about the multi-stakeholder forum: the OGP standard asks it to meet at least every
//! six months, and to balance government and non-government members.

use chrono::{Months, NaiveDate};

use super::vocab::Sector;

/// The longest allowed interval between meetings (OGP Co-Creation Standard, 2022).
pub const MAX_MONTHS_BETWEEN_MEETINGS: u32 = 6;

/// A stretch of time without a meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MeetingGap {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl MeetingGap {
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days()
    }

    /// Longer than six calendar months.
    pub fn too_long(&self) -> bool {
        self.from
            .checked_add_months(Months::new(MAX_MONTHS_BETWEEN_MEETINGS))
            .is_some_and(|limit| self.to > limit)
    }
}

/// Whether the forum met at least every six months.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Regularity {
    /// Gaps between consecutive meetings, then from the last meeting to the end.
    pub gaps: Vec<MeetingGap>,
    pub met_every_six_months: bool,
}

impl Regularity {
    pub fn longest_gap(&self) -> Option<MeetingGap> {
        self.gaps.iter().copied().max_by_key(MeetingGap::days)
    }

    /// The gaps longer than six months.
    pub fn breaches(&self) -> Vec<MeetingGap> {
        self.gaps
            .iter()
            .copied()
            .filter(MeetingGap::too_long)
            .collect()
    }
}

/// Checks the meeting dates (any order) up to `until`: today, or the plan's end once it
/// has passed. With no meeting at all the forum did not meet.
pub fn regularity(meetings: &[NaiveDate], until: NaiveDate) -> Regularity {
    let mut dates: Vec<NaiveDate> = meetings.iter().copied().filter(|d| *d <= until).collect();
    dates.sort_unstable();
    dates.dedup();
    let mut gaps: Vec<MeetingGap> = dates
        .windows(2)
        .map(|w| MeetingGap {
            from: w[0],
            to: w[1],
        })
        .collect();
    if let Some(last) = dates.last() {
        gaps.push(MeetingGap {
            from: *last,
            to: until,
        });
    }
    let met_every_six_months = !dates.is_empty() && !gaps.iter().any(MeetingGap::too_long);
    Regularity {
        gaps,
        met_every_six_months,
    }
}

/// The day up to which regularity is judged: today while the plan runs, its end afterwards.
pub fn judged_until(today: NaiveDate, plan_end: NaiveDate) -> NaiveDate {
    today.min(plan_end)
}

/// How many members each sector has, in the vocabulary's order, sectors without members
/// left out.
pub fn sector_balance<'a>(sectors: impl IntoIterator<Item = &'a str>) -> Vec<(Sector, usize)> {
    let sectors: Vec<&str> = sectors.into_iter().collect();
    Sector::ALL
        .iter()
        .map(|s| (*s, sectors.iter().filter(|x| **x == s.as_str()).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// A member as the forum enters it; problems are (field, message key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberInput {
    pub institution_id: uuid::Uuid,
    pub representative: Option<String>,
    pub forum_role: &'static str,
    pub term_start: Option<NaiveDate>,
    pub term_end: Option<NaiveDate>,
}

fn optional_date(s: &str) -> Result<Option<NaiveDate>, ()> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ())
}

/// The forum roles, as stored.
pub const FORUM_ROLES: [&str; 4] = ["chair", "co_chair", "member", "observer"];

impl MemberInput {
    pub fn parse(
        institution: &str,
        representative: &str,
        role: &str,
        term_start: &str,
        term_end: &str,
    ) -> Result<Self, Vec<(&'static str, &'static str)>> {
        let mut problems = Vec::new();
        let institution_id = institution.trim().parse().ok();
        if institution_id.is_none() {
            problems.push(("institution", "draft-choice-invalid"));
        }
        let representative = representative.trim();
        if representative.chars().count() > 200 {
            problems.push(("representative", "draft-text-too-long"));
        }
        let forum_role = FORUM_ROLES.iter().find(|r| **r == role.trim()).copied();
        if forum_role.is_none() {
            problems.push(("role", "draft-choice-invalid"));
        }
        let start = optional_date(term_start)
            .map_err(|()| problems.push(("term_start", "draft-date-invalid")));
        let end =
            optional_date(term_end).map_err(|()| problems.push(("term_end", "draft-date-invalid")));
        if let (Ok(Some(s)), Ok(Some(e))) = (start, end)
            && e < s
        {
            problems.push(("term_end", "draft-end-before-start"));
        }
        match (institution_id, forum_role, start, end) {
            (Some(institution_id), Some(forum_role), Ok(term_start), Ok(term_end))
                if problems.is_empty() =>
            {
                Ok(Self {
                    institution_id,
                    representative: (!representative.is_empty()).then(|| representative.to_owned()),
                    forum_role,
                    term_start,
                    term_end,
                })
            }
            _ => Err(problems),
        }
    }
}

/// A meeting as the forum records it: held on a past day (or today), with its minutes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingInput {
    pub held_on: NaiveDate,
    pub quorum_met: bool,
    pub minutes: String,
    pub decisions: String,
    pub attendees: Vec<uuid::Uuid>,
}

impl MeetingInput {
    pub fn parse(
        held_on: &str,
        quorum_met: bool,
        minutes: &str,
        decisions: &str,
        attendees: &[&str],
        today: NaiveDate,
    ) -> Result<Self, Vec<(&'static str, &'static str)>> {
        let mut problems = Vec::new();
        let date = NaiveDate::parse_from_str(held_on.trim(), "%Y-%m-%d").ok();
        match date {
            None => problems.push(("held_on", "draft-date-invalid")),
            Some(d) if d > today => problems.push(("held_on", "meeting-date-future")),
            Some(_) => {}
        }
        let (minutes, decisions) = (minutes.trim(), decisions.trim());
        if minutes.chars().count() > 20_000 {
            problems.push(("minutes", "draft-text-too-long"));
        }
        if decisions.chars().count() > 20_000 {
            problems.push(("decisions", "draft-text-too-long"));
        }
        let ids: Vec<Option<uuid::Uuid>> = attendees.iter().map(|a| a.parse().ok()).collect();
        if ids.iter().any(Option::is_none) {
            problems.push(("attendees", "draft-choice-invalid"));
        }
        match date {
            Some(held_on) if problems.is_empty() => Ok(Self {
                held_on,
                quorum_met,
                minutes: minutes.to_owned(),
                decisions: decisions.to_owned(),
                attendees: ids.into_iter().flatten().collect(),
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn meetings_within_six_months_of_each_other_and_of_today_pass() {
        let r = regularity(
            &[d("2025-01-10"), d("2025-07-10"), d("2025-12-01")],
            d("2026-03-01"),
        );
        assert!(r.met_every_six_months);
        assert_eq!(r.gaps.len(), 3);
        assert_eq!(r.longest_gap().map(|g| g.from), Some(d("2025-01-10")));
    }

    #[test]
    fn a_gap_between_meetings_longer_than_six_months_fails() {
        let r = regularity(&[d("2025-01-10"), d("2025-07-11")], d("2025-08-01"));
        assert!(!r.met_every_six_months);
        assert_eq!(
            r.breaches(),
            vec![MeetingGap {
                from: d("2025-01-10"),
                to: d("2025-07-11")
            }]
        );
    }

    #[test]
    fn silence_since_the_last_meeting_counts() {
        let r = regularity(&[d("2025-01-10")], d("2025-09-01"));
        assert!(!r.met_every_six_months);
        assert_eq!(r.breaches()[0].to, d("2025-09-01"));
    }

    #[test]
    fn meetings_are_judged_up_to_the_plan_end_once_it_has_passed() {
        let until = judged_until(d("2030-01-01"), d("2025-06-30"));
        assert_eq!(until, d("2025-06-30"));
        assert!(regularity(&[d("2025-01-10")], until).met_every_six_months);
    }

    #[test]
    fn no_meeting_means_the_forum_did_not_meet() {
        let r = regularity(&[], d("2025-01-01"));
        assert!(!r.met_every_six_months);
        assert!(r.gaps.is_empty());
    }

    #[test]
    fn order_and_duplicates_do_not_matter() {
        let a = regularity(
            &[d("2025-07-01"), d("2025-01-01"), d("2025-07-01")],
            d("2025-10-01"),
        );
        let b = regularity(&[d("2025-01-01"), d("2025-07-01")], d("2025-10-01"));
        assert_eq!(a, b);
    }

    #[test]
    fn a_member_needs_an_institution_and_a_known_role() {
        let id = uuid::Uuid::now_v7().to_string();
        let m = MemberInput::parse(&id, " Ana Pérez ", "chair", "2026-01-01", "").expect("valid");
        assert_eq!(m.representative.as_deref(), Some("Ana Pérez"));
        assert_eq!(
            MemberInput::parse("", "", "boss", "2026-02-01", "2026-01-01"),
            Err(vec![
                ("institution", "draft-choice-invalid"),
                ("role", "draft-choice-invalid"),
                ("term_end", "draft-end-before-start")
            ])
        );
    }

    #[test]
    fn a_meeting_cannot_be_recorded_before_it_happens() {
        let today = d("2026-03-01");
        assert!(MeetingInput::parse("2026-02-27", true, "Acta", "", &[], today).is_ok());
        assert_eq!(
            MeetingInput::parse("2026-03-02", true, "", "", &["x"], today),
            Err(vec![
                ("held_on", "meeting-date-future"),
                ("attendees", "draft-choice-invalid")
            ])
        );
    }

    #[test]
    fn balance_counts_members_per_sector_in_vocabulary_order() {
        let balance = sector_balance(["civil_society", "government", "civil_society"]);
        assert_eq!(
            balance,
            vec![(Sector::Government, 1), (Sector::CivilSociety, 2)]
        );
    }
}
