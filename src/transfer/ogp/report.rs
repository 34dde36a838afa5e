//! The import's report as people read it: one line per value read with an interpretation or
//! not read, and one per row left out, written as CSV in the reader's language. The command
//! writes it beside the input; an import from the administration pages keeps the lines so
//! the report can be downloaded later, in whichever language the reader uses.

use serde::{Deserialize, Serialize};

use super::{ReportLine, Skipped};
use crate::i18n::Tr;

/// One line of the report: the row and OGP id it is about, the column and value (empty for
/// a row left out), the message key and its detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub row: usize,
    pub ogp_id: String,
    pub column: String,
    pub value: String,
    pub key: String,
    pub detail: String,
    /// The whole row was left out (`key` says why).
    pub skipped: bool,
}

impl Line {
    /// The message in the reader's language.
    pub fn message(&self, tr: &Tr) -> String {
        tr.t1(&self.key, "value", &self.detail)
    }
}

/// The report lines first (in file order), then the rows left out.
pub fn lines(report: &[ReportLine], skipped: &[Skipped]) -> Vec<Line> {
    let values = report.iter().map(|l| Line {
        row: l.row,
        ogp_id: l.ogp_id.clone(),
        column: l.column.clone(),
        value: l.value.clone(),
        key: l.key.to_owned(),
        detail: l.detail.clone(),
        skipped: false,
    });
    let rows = skipped.iter().map(|s| Line {
        row: s.row,
        ogp_id: s.ogp_id.clone(),
        column: String::new(),
        value: String::new(),
        key: s.reason.to_owned(),
        detail: s.detail.clone(),
        skipped: true,
    });
    values.chain(rows).collect()
}

/// The CSV: `row, ogp_id, column, value, key, detail, message`.
pub fn csv(tr: &Tr, lines: &[Line]) -> anyhow::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "row", "ogp_id", "column", "value", "key", "detail", "message",
    ])?;
    for l in lines {
        out.write_record([
            l.row.to_string().as_str(),
            &l.ogp_id,
            &l.column,
            &l.value,
            &l.key,
            &l.detail,
            &l.message(tr),
        ])?;
    }
    Ok(out.into_inner()?)
}

/// How many value lines each message key has, by key (rows left out are not counted here).
pub fn counts_by_key(lines: &[Line]) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for line in lines.iter().filter(|l| !l.skipped) {
        match counts.iter_mut().find(|(k, _)| *k == line.key) {
            Some((_, n)) => *n += 1,
            None => counts.push((line.key.clone(), 1)),
        }
    }
    counts.sort();
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn value(row: usize, key: &'static str) -> ReportLine {
        ReportLine {
            row,
            ogp_id: format!("OGP{row}"),
            column: "Start Date".into(),
            value: "1/7/2014".into(),
            key,
            detail: "2014-07-01".into(),
        }
    }

    #[test]
    fn skipped_rows_follow_the_values_and_are_not_counted_by_key() {
        let skipped = [Skipped {
            row: 9,
            ogp_id: String::new(),
            reason: "ogp-skip-no-id",
            detail: String::new(),
        }];
        let report = [
            value(3, "ogp-date-quarter"),
            value(2, "ogp-date-ambiguous"),
            value(4, "ogp-date-quarter"),
        ];
        let lines = lines(&report, &skipped);
        assert_eq!(lines.len(), 4);
        assert!(lines[3].skipped && lines[3].column.is_empty());
        assert_eq!(
            counts_by_key(&lines),
            [
                ("ogp-date-ambiguous".to_owned(), 1),
                ("ogp-date-quarter".to_owned(), 2)
            ]
        );
    }

    #[test]
    fn the_csv_carries_the_message_in_the_readers_language() {
        let lines = lines(&[value(2, "ogp-date-ambiguous")], &[]);
        let es = String::from_utf8(csv(&Tr::new(Locale::Es), &lines).unwrap()).unwrap();
        let en = String::from_utf8(csv(&Tr::new(Locale::En), &lines).unwrap()).unwrap();
        assert!(es.starts_with("row,ogp_id,column,value,key,detail,message\n"));
        assert!(es.contains("2,OGP2,Start Date,1/7/2014,ogp-date-ambiguous,2014-07-01,"));
        assert!(es.contains("leída como 2014-07-01"), "{es}");
        assert!(en.contains("2014-07-01"));
        assert_ne!(es, en);
    }
}
