//! Participation figures (OGP co-creation standards; the PAGA form): how many people took part
//! in a plan's implementation, from how many sectors, and in how many activities with other
//! actors, per reporting round and for the whole plan.
//!
//! Each progress report says how many people and activities there were **since the previous
//! report**, so figures add up over the reports: the reports that count (not returned) filed
//! on a day within the round, or all of the plan's for the whole plan. Sectors are the union.
//! A report that gave none of the three is not counted as a report with participation.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::vocab::Sector;

/// What one counting report said of participation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParticipationFact {
    /// The (UTC) day it was filed.
    pub day: NaiveDate,
    pub people: Option<i32>,
    pub activities: Option<i32>,
    pub sectors: Vec<Sector>,
}

/// The figures of a set of reports.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Participation {
    /// Reports that gave any participation figure.
    pub reports: usize,
    pub people: i64,
    pub activities: i64,
    /// In vocabulary order.
    pub sectors: Vec<Sector>,
}

/// Adds up the reports of `facts` for which `within` holds.
pub fn add_up(facts: &[ParticipationFact], within: impl Fn(NaiveDate) -> bool) -> Participation {
    let mut total = Participation::default();
    let mut sectors = BTreeSet::new();
    for f in facts.iter().filter(|f| within(f.day)) {
        if f.people.is_none() && f.activities.is_none() && f.sectors.is_empty() {
            continue;
        }
        total.reports += 1;
        total.people += i64::from(f.people.unwrap_or(0));
        total.activities += i64::from(f.activities.unwrap_or(0));
        sectors.extend(
            f.sectors
                .iter()
                .filter_map(|s| Sector::ALL.iter().position(|x| x == s)),
        );
    }
    total.sectors = sectors.into_iter().map(|i| Sector::ALL[i]).collect();
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(
        day: u32,
        people: Option<i32>,
        activities: Option<i32>,
        sectors: &[Sector],
    ) -> ParticipationFact {
        ParticipationFact {
            day: NaiveDate::from_ymd_opt(2026, 7, day).expect("a day"),
            people,
            activities,
            sectors: sectors.to_vec(),
        }
    }

    #[test]
    fn reports_in_the_round_add_up_and_sectors_are_their_union() {
        let facts = [
            fact(
                1,
                Some(30),
                Some(2),
                &[Sector::CivilSociety, Sector::Government],
            ),
            fact(
                10,
                Some(12),
                None,
                &[Sector::Academia, Sector::CivilSociety],
            ),
            fact(20, Some(500), Some(9), &[Sector::PrivateSector]),
            fact(11, None, None, &[]),
        ];
        let round = add_up(&facts, |d| d.day() <= 15);
        assert_eq!(round.reports, 2);
        assert_eq!((round.people, round.activities), (42, 2));
        assert_eq!(
            round.sectors,
            [Sector::Government, Sector::CivilSociety, Sector::Academia]
        );
        let all = add_up(&facts, |_| true);
        assert_eq!((all.reports, all.people, all.activities), (3, 542, 11));
    }

    use chrono::Datelike;
}
