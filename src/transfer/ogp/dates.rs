//! The dates of OGP's export, written by hand in every country's habit: `28/5/2014` and
//! `5/28/2014`, `6/1/18`, `2014-05-28`, `May 2014`, `5/2014`, `2014`, `Quarter 1 2014`,
//! `I quarter of 2021`, `Q3 2019`, and spreadsheet serial numbers (`43525`).
//!
//! A date is first read into a [`Written`] shape; the day/month order of two numbers is
//! decided for the whole row by [`resolve`]: a number over 12 decides, then the row's other
//! date, then the country's convention (reported as ambiguous).

use chrono::{Months, NaiveDate};

/// How one cell writes its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// `a/b/year`: day and month in an order still to decide.
    Numeric { a: u32, b: u32, year: i32 },
    /// A day written without doubt (`2014-05-28`, `28 May 2014`).
    Day(NaiveDate),
    /// A period standing for a date: its first day starts, its last day ends.
    Period {
        first: NaiveDate,
        last: NaiveDate,
        kind: PeriodKind,
    },
    /// A spreadsheet serial number (1900 date system) in a plausible range.
    Serial { days: u32, date: NaiveDate },
    /// Nothing a date could be read from.
    Unreadable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
}

impl PeriodKind {
    /// The report's message key for a date read from such a period.
    pub fn key(self) -> &'static str {
        match self {
            Self::Month => "ogp-date-month-only",
            Self::Quarter => "ogp-date-quarter",
            Self::Year => "ogp-date-year-only",
        }
    }
}

/// Which of two numbers is the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOrder {
    DayFirst,
    MonthFirst,
}

impl DayOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DayFirst => "day-first",
            Self::MonthFirst => "month-first",
        }
    }

    /// The convention of a country (ISO alpha-2): month first in the United States, the
    /// Philippines and the Pacific states that follow US usage; day first elsewhere.
    pub fn of_country(country_code: &str) -> Self {
        if matches!(country_code, "US" | "PH" | "FM" | "MH" | "PW") {
            Self::MonthFirst
        } else {
            Self::DayFirst
        }
    }
}

/// How a date was decided, when it was not written without doubt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// Written without doubt (or both numbers equal).
    Plain,
    /// The order came from the row's other date.
    OrderFromOtherDate(DayOrder),
    /// Neither date decides: the country's convention was used.
    Ambiguous(DayOrder),
    Period(PeriodKind),
    Serial(u32),
}

/// The spreadsheet serial numbers taken as dates: 1990-01-01 to 2100-12-31.
const SERIALS: std::ops::RangeInclusive<u32> = 32_874..=73_415;

const MONTHS: [(&str, u32); 48] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("dezembro", 12),
    ("sept", 9),
    ("setiembre", 9),
    ("novembro", 11),
];

fn month_of(word: &str) -> Option<u32> {
    if let Some((_, m)) = MONTHS.iter().find(|(name, _)| *name == word) {
        return Some(*m);
    }
    // Three-letter English abbreviations: "Jan", "Sep".
    (word.len() == 3)
        .then(|| {
            MONTHS[..12]
                .iter()
                .find(|(name, _)| name.starts_with(word))
                .map(|(_, m)| *m)
        })
        .flatten()
}

fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// A two-digit year is this century's.
fn full_year(raw: &str) -> Option<i32> {
    let n: i32 = raw.parse().ok()?;
    match raw.len() {
        2 => Some(2000 + n),
        4 => year_of(raw),
        _ => None,
    }
}

fn last_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

fn month_period(year: i32, month: u32) -> Option<Written> {
    Some(Written::Period {
        first: NaiveDate::from_ymd_opt(year, month, 1)?,
        last: last_of_month(year, month)?,
        kind: PeriodKind::Month,
    })
}

fn quarter_period(year: i32, quarter: u32) -> Option<Written> {
    let first_month = 3 * (quarter - 1) + 1;
    Some(Written::Period {
        first: NaiveDate::from_ymd_opt(year, first_month, 1)?,
        last: last_of_month(year, first_month + 2)?,
        kind: PeriodKind::Quarter,
    })
}

/// Reads one cell. Never guesses the order of two numbers: that is [`resolve`]'s.
pub fn read(raw: &str) -> Written {
    let raw = raw.trim();
    numeric(raw)
        .or_else(|| serial_or_year(raw))
        .or_else(|| words(raw))
        .unwrap_or(Written::Unreadable)
}

/// `a/b/y`, `a.b.y`, `a-b-y`, `y-m-d`, `m/y`, `y-m`.
fn numeric(raw: &str) -> Option<Written> {
    let parts: Vec<&str> = raw.split(['/', '.', '-']).map(str::trim).collect();
    if parts.len() < 2
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |s: &str| s.parse::<u32>().ok();
    match parts[..] {
        [y, m, d] if y.len() == 4 => {
            NaiveDate::from_ymd_opt(year_of(y)?, n(m)?, n(d)?).map(Written::Day)
        }
        [a, b, y] if a.len() <= 2 && b.len() <= 2 => {
            let (a, b, year) = (n(a)?, n(b)?, full_year(y)?);
            let fits = |d: u32, m: u32| NaiveDate::from_ymd_opt(year, m, d).is_some();
            (fits(a, b) || fits(b, a)).then_some(Written::Numeric { a, b, year })
        }
        [m, y] if m.len() <= 2 && y.len() == 4 => month_period(year_of(y)?, n(m)?),
        [y, m] if y.len() == 4 && m.len() <= 2 => month_period(year_of(y)?, n(m)?),
        _ => None,
    }
}

fn serial_or_year(raw: &str) -> Option<Written> {
    if !raw.bytes().all(|b| b.is_ascii_digit()) || raw.is_empty() {
        return None;
    }
    if let Some(year) = year_of(raw) {
        return Some(Written::Period {
            first: NaiveDate::from_ymd_opt(year, 1, 1)?,
            last: NaiveDate::from_ymd_opt(year, 12, 31)?,
            kind: PeriodKind::Year,
        });
    }
    let days: u32 = raw.parse().ok().filter(|d| SERIALS.contains(d))?;
    // Day 1 is 1900-01-01 and the system counts a 29 February 1900 that never was.
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let date = epoch.checked_add_days(chrono::Days::new(u64::from(days)))?;
    Some(Written::Serial { days, date })
}

/// A quarter number written as `1`, `1st`, `first`, `I`, `Q1`, `primer`…
fn quarter_number(word: &str) -> Option<u32> {
    let n = match word {
        "1" | "1st" | "first" | "i" | "q1" | "1q" | "primer" | "primero" | "1er" | "1o" | "1º" => {
            1
        }
        "2" | "2nd" | "second" | "ii" | "q2" | "2q" | "segundo" | "2do" | "2º" => 2,
        "3" | "3rd" | "third" | "iii" | "q3" | "3q" | "tercer" | "tercero" | "3er" | "3º" => 3,
        "4" | "4th" | "fourth" | "iv" | "q4" | "4q" | "cuarto" | "4to" | "4º" => 4,
        _ => return None,
    };
    Some(n)
}

/// Month names, quarters, a day with a month name.
fn words(raw: &str) -> Option<Written> {
    let lower = raw.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '/' | '.'))
        .filter(|w| !w.is_empty() && !matches!(*w, "of" | "the" | "de" | "del" | "du" | "em"))
        .collect();
    let years: Vec<i32> = words.iter().filter_map(|w| year_of(w)).collect();
    let [year] = years[..] else {
        return None;
    };
    let rest: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| year_of(w).is_none())
        .collect();
    let says_quarter = rest
        .iter()
        .any(|w| matches!(*w, "quarter" | "trimestre" | "trimester" | "q"));
    let quarters: Vec<u32> = rest
        .iter()
        .filter(|w| says_quarter || w.starts_with('q') || w.ends_with('q'))
        .filter_map(|w| quarter_number(w))
        .collect();
    if let [quarter] = quarters[..] {
        return quarter_period(year, quarter);
    }
    let months: Vec<u32> = rest.iter().filter_map(|w| month_of(w)).collect();
    let [month] = months[..] else {
        return None;
    };
    let days: Vec<u32> = rest
        .iter()
        .filter_map(|w| w.trim_end_matches(|c: char| c.is_alphabetic()).parse().ok())
        .collect();
    match (days[..].first(), rest.len()) {
        (Some(&day), 2) => NaiveDate::from_ymd_opt(year, month, day).map(Written::Day),
        (None, 1) => month_period(year, month),
        _ => None,
    }
}

/// The order two numbers tell by themselves: a number over 12 is the day.
pub fn order_told(w: &Written) -> Option<DayOrder> {
    match *w {
        Written::Numeric { a, b, .. } if a > 12 && b <= 12 => Some(DayOrder::DayFirst),
        Written::Numeric { a, b, .. } if b > 12 && a <= 12 => Some(DayOrder::MonthFirst),
        _ => None,
    }
}

/// The date a cell stands for, as a start (first day of a period) or an end (last day),
/// with how it was decided. `other` is the row's other date; `country` its member's code.
pub fn resolve(
    w: &Written,
    end: bool,
    other: &Written,
    country: &str,
) -> Option<(NaiveDate, Reading)> {
    match *w {
        Written::Day(d) => Some((d, Reading::Plain)),
        Written::Period { first, last, kind } => {
            Some((if end { last } else { first }, Reading::Period(kind)))
        }
        Written::Serial { days, date } => Some((date, Reading::Serial(days))),
        Written::Unreadable => None,
        Written::Numeric { a, b, year } => {
            let (order, reading) = if let Some(order) = order_told(w) {
                (order, Reading::Plain)
            } else if a == b {
                (DayOrder::DayFirst, Reading::Plain)
            } else if let Some(order) = order_told(other) {
                (order, Reading::OrderFromOtherDate(order))
            } else {
                let order = DayOrder::of_country(country);
                (order, Reading::Ambiguous(order))
            };
            let (day, month) = match order {
                DayOrder::DayFirst => (a, b),
                DayOrder::MonthFirst => (b, a),
            };
            NaiveDate::from_ymd_opt(year, month, day).map(|d| (d, reading))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a date")
    }

    /// A start and an end read together, in a day-first country.
    fn pair(start: &str, end: &str) -> (Option<NaiveDate>, Option<NaiveDate>) {
        pair_in(start, end, "CL")
    }

    fn pair_in(start: &str, end: &str, country: &str) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let (s, e) = (read(start), read(end));
        (
            resolve(&s, false, &e, country).map(|r| r.0),
            resolve(&e, true, &s, country).map(|r| r.0),
        )
    }

    #[test]
    fn a_number_over_twelve_is_the_day() {
        assert_eq!(
            pair("28/5/2014", "31/12/2016"),
            (Some(d(2014, 5, 28)), Some(d(2016, 12, 31)))
        );
        assert_eq!(
            pair_in("5/28/2014", "12/31/2016", "CL"),
            (Some(d(2014, 5, 28)), Some(d(2016, 12, 31)))
        );
    }

    #[test]
    fn an_ambiguous_date_follows_the_rows_other_date() {
        assert_eq!(
            pair("1/7/2014", "31/12/2016"),
            (Some(d(2014, 7, 1)), Some(d(2016, 12, 31)))
        );
        assert_eq!(
            pair("1/7/2014", "12/31/2016"),
            (Some(d(2014, 1, 7)), Some(d(2016, 12, 31)))
        );
        let (s, e) = (read("1/7/2014"), read("31/12/2016"));
        assert_eq!(
            resolve(&s, false, &e, "CL").map(|r| r.1),
            Some(Reading::OrderFromOtherDate(DayOrder::DayFirst))
        );
    }

    #[test]
    fn when_nothing_decides_the_countrys_convention_does_and_says_so() {
        let (s, e) = (read("1/7/2014"), read("2/6/2016"));
        assert_eq!(
            resolve(&s, false, &e, "CL"),
            Some((d(2014, 7, 1), Reading::Ambiguous(DayOrder::DayFirst)))
        );
        assert_eq!(
            resolve(&s, false, &e, "US"),
            Some((d(2014, 1, 7), Reading::Ambiguous(DayOrder::MonthFirst)))
        );
        assert_eq!(pair("1/1/2019", "NA"), (Some(d(2019, 1, 1)), None));
    }

    #[test]
    fn two_digit_years_and_iso_dates() {
        assert_eq!(
            pair("6/1/18", "6/30/20"),
            (Some(d(2018, 6, 1)), Some(d(2020, 6, 30)))
        );
        assert_eq!(
            pair("2014-05-28", "2016-12-31"),
            (Some(d(2014, 5, 28)), Some(d(2016, 12, 31)))
        );
        assert_eq!(
            pair("28.05.2014", "2016"),
            (Some(d(2014, 5, 28)), Some(d(2016, 12, 31)))
        );
    }

    #[test]
    fn quarters_start_on_their_first_day_and_end_on_their_last() {
        assert_eq!(
            pair("Quarter 1 2014", "Q3 2019"),
            (Some(d(2014, 1, 1)), Some(d(2019, 9, 30)))
        );
        assert_eq!(
            pair("I quarter of 2021", "IV quarter of 2021"),
            (Some(d(2021, 1, 1)), Some(d(2021, 12, 31)))
        );
        assert_eq!(
            pair("2nd quarter 2020", "Q4-2022"),
            (Some(d(2020, 4, 1)), Some(d(2022, 12, 31)))
        );
        assert!(matches!(
            read("Q3 2019"),
            Written::Period {
                kind: PeriodKind::Quarter,
                ..
            }
        ));
    }

    #[test]
    fn months_and_years_alone() {
        assert_eq!(
            pair("May 2014", "April 2013"),
            (Some(d(2014, 5, 1)), Some(d(2013, 4, 30)))
        );
        assert_eq!(
            pair("5/2014", "2014-05"),
            (Some(d(2014, 5, 1)), Some(d(2014, 5, 31)))
        );
        assert_eq!(
            pair("marzo de 2015", "2012"),
            (Some(d(2015, 3, 1)), Some(d(2012, 12, 31)))
        );
        assert_eq!(pair("2012", "Feb 2016").1, Some(d(2016, 2, 29)));
        assert_eq!(read("28 May 2014"), Written::Day(d(2014, 5, 28)));
        assert_eq!(read("May 28, 2014"), Written::Day(d(2014, 5, 28)));
    }

    #[test]
    fn spreadsheet_serials_become_dates_in_a_plausible_range() {
        assert_eq!(
            read("43525"),
            Written::Serial {
                days: 43525,
                date: d(2019, 3, 1)
            }
        );
        assert_eq!(
            read("44196"),
            Written::Serial {
                days: 44196,
                date: d(2020, 12, 31)
            }
        );
        assert_eq!(read("43525123"), Written::Unreadable);
        assert_eq!(read("12345"), Written::Unreadable);
    }

    #[test]
    fn anything_else_is_unreadable() {
        for junk in [
            "soon",
            "TBD",
            "31/31/2014",
            "2014-13-01",
            "Q5 2019",
            "mid 2014 or 2015",
            "",
        ] {
            assert_eq!(read(junk), Written::Unreadable, "{junk}");
        }
    }
}
