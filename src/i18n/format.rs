//! Dates and vocabulary values in the reader's language, for pages, reports and mail alike.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

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

/// `15 mar 2021` / `15 Mar 2021`: for charts, where room is short.
pub fn short_date(tr: &Tr, date: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {} {}", date.day(), short_month(tr, date), date.year())
}

/// `mar` / `Mar`: the first three letters of the month's name.
pub fn short_month(tr: &Tr, date: NaiveDate) -> String {
    use chrono::Datelike;
    tr.t(&format!("month-{}", date.month()))
        .chars()
        .take(3)
        .collect()
}

pub fn maybe_date(tr: &Tr, date: Option<NaiveDate>) -> String {
    date.map(|d| long_date(tr, d))
        .unwrap_or_else(|| tr.t("date-unknown"))
}

pub fn moment(tr: &Tr, at: DateTime<Utc>) -> String {
    long_date(tr, at.date_naive())
}

/// `15 de marzo de 2021, 14:02 UTC` / `15 March 2021, 14:02 UTC`: a date and its time, where
/// the hour matters (what a download holds).
pub fn long_moment(tr: &Tr, at: DateTime<Utc>) -> String {
    format!(
        "{}, {} UTC",
        long_date(tr, at.date_naive()),
        at.format("%H:%M")
    )
}

/// A moment as machines read it in a page's `<time datetime>`: RFC 3339 in UTC with whole
/// seconds (`2024-03-15T14:02:09Z`). HTML allows at most three fractional digits, and the
/// database keeps six.
pub fn machine_moment(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Translates a database vocabulary value (`on_track`) of a family (`health`) to its label.
pub fn vocab(tr: &Tr, family: &str, value: &str) -> String {
    tr.t(&format!("{family}-{}", value.replace('_', "-")))
}

/// A file size as people read it: `820 B`, `34 KB`, `1,2 MB` (`1.2 MB` in English).
pub fn file_size(tr: &Tr, bytes: i64) -> String {
    const KB: i64 = 1024;
    const MB: i64 = 1024 * 1024;
    let kilobytes = (bytes + KB / 2) / KB;
    // Sizes that round up to 1024 KB read as megabytes.
    let text = if bytes < KB {
        format!("{bytes} B")
    } else if kilobytes < KB {
        format!("{kilobytes} KB")
    } else {
        let tenths = (bytes * 10 + MB / 2) / MB;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    };
    match tr.locale {
        Locale::Es => text.replace('.', ","),
        Locale::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_dates_keep_three_letters_of_the_month() {
        let day = NaiveDate::from_ymd_opt(2021, 9, 15).expect("valid date");
        assert_eq!(short_date(&Tr::new(Locale::Es), day), "15 sep 2021");
        assert_eq!(short_date(&Tr::new(Locale::En), day), "15 Sep 2021");
    }

    #[test]
    fn a_machine_moment_has_whole_seconds_in_utc() {
        let at = DateTime::parse_from_rfc3339("2024-03-15T09:02:09.123456-05:00")
            .expect("a moment")
            .with_timezone(&Utc);
        assert_eq!(machine_moment(at), "2024-03-15T14:02:09Z");
    }

    #[test]
    fn file_sizes_read_in_the_readers_language() {
        let es = Tr::new(Locale::Es);
        let en = Tr::new(Locale::En);
        assert_eq!(file_size(&es, 820), "820 B");
        assert_eq!(file_size(&es, 34 * 1024 + 100), "34 KB");
        assert_eq!(file_size(&es, 1_258_291), "1,2 MB");
        assert_eq!(file_size(&en, 1_258_291), "1.2 MB");
        assert_eq!(file_size(&en, 20 * 1024 * 1024), "20.0 MB");
    }

    #[test]
    fn file_sizes_change_unit_where_the_rounded_figure_would_reach_1024() {
        let en = Tr::new(Locale::En);
        assert_eq!(file_size(&en, 1023), "1023 B");
        assert_eq!(file_size(&en, 1024), "1 KB");
        assert_eq!(file_size(&en, 1024 * 1024 - 600), "1023 KB");
        assert_eq!(file_size(&en, 1024 * 1024 - 400), "1.0 MB");
        assert_eq!(file_size(&Tr::new(Locale::Es), 1024 * 1024 - 400), "1,0 MB");
    }

    #[test]
    fn a_long_moment_gives_the_date_and_the_time_in_utc() {
        let at = DateTime::parse_from_rfc3339("2024-03-15T09:02:09.123456-05:00")
            .expect("a moment")
            .with_timezone(&Utc);
        assert_eq!(
            long_moment(&Tr::new(Locale::Es), at),
            "15 de marzo de 2024, 14:02 UTC"
        );
        assert_eq!(
            long_moment(&Tr::new(Locale::En), at),
            "15 March 2024, 14:02 UTC"
        );
    }
}
