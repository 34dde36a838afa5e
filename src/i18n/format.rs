//! Dates and vocabulary values in the reader's language, for pages, reports and mail alike.

use chrono::{DateTime, NaiveDate, Utc};

use super::{Locale, Tr};

/// `15 de marzo de 2021` / `15 March 2021`.
pub fn long_date(tr: &Tr, date: NaiveDate) -> String {
    use chrono::Datelike;
    let month = tr.t(&format!("month-{}", date.month()));
    match tr.locale {
        Locale::Es => format!("{} de {} de {}", date.day(), month, date.year()),
        Locale::En => format!("{} {} {}", date.day(), month, date.year()),
    }
}

pub fn maybe_date(tr: &Tr, date: Option<NaiveDate>) -> String {
    date.map(|d| long_date(tr, d))
        .unwrap_or_else(|| tr.t("date-unknown"))
}

pub fn moment(tr: &Tr, at: DateTime<Utc>) -> String {
    long_date(tr, at.date_naive())
}

/// Translates a database vocabulary value (`on_track`) of a family (`health`) to its label.
pub fn vocab(tr: &Tr, family: &str, value: &str) -> String {
    tr.t(&format!("{family}-{}", value.replace('_', "-")))
}
