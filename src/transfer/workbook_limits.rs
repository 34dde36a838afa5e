//! What an uploaded workbook may declare, checked before the spreadsheet reader sees it.
//!
//! The reader trusts two things a hostile file controls: the shared-strings part's
//! `uniqueCount`, by which it reserves memory up front, and the cell references of each
//! sheet, from which it allocates the whole rectangle between the first and the last cell
//! (cells at A1 and XFD1048576 alone make 17 billion). So, after the archive itself passed
//! [`crate::archive::check`], every XML part is read here as the reader would read it, and a
//! workbook is refused when a declared count exceeds what its part could hold, or when a cell
//! lies outside [`MAX_ROWS`] × [`MAX_COLUMNS`], far beyond any action plan.

use std::io::{BufReader, Cursor};

use quick_xml::events::{BytesStart, Event};

use crate::archive::{self, Limits};

/// Rows a template sheet may reach (a plan has tens of commitments, hundreds of milestones).
pub const MAX_ROWS: u64 = 5_000;
/// Columns a template sheet may reach: BL (the template has 23).
pub const MAX_COLUMNS: u64 = 64;
/// The shortest shared string, `<si/>`: a part of n bytes holds at most n / 5 of them.
const SHORTEST_STRING: u64 = 5;

/// Why a workbook is refused before it is read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error(transparent)]
    Archive(#[from] archive::Refusal),
    #[error("{part} declares {declared} strings in {bytes} bytes")]
    DeclaredCount {
        part: String,
        declared: String,
        bytes: u64,
    },
    #[error("cell {reference} of {part} is outside {MAX_ROWS} rows by {MAX_COLUMNS} columns")]
    OutsideGrid { part: String, reference: String },
    #[error("{part} could not be read as XML")]
    Malformed { part: String },
}

impl Refusal {
    /// The translation key of the message a person sees.
    pub fn key(&self) -> &'static str {
        match self {
            Refusal::Archive(a) => a.key(),
            Refusal::DeclaredCount { .. } => "import-refused-declared-count",
            Refusal::OutsideGrid { .. } => "import-refused-grid",
            Refusal::Malformed { .. } => "archive-refused-damaged",
        }
    }
}

/// Checks the archive, then every XML part in it.
pub fn check(bytes: &[u8]) -> Result<(), Refusal> {
    let checked = archive::check(bytes, &Limits::SPREADSHEET)?;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| Refusal::Archive(archive::Refusal::Damaged))?;
    for (index, entry) in checked.entries.iter().enumerate() {
        let file = zip
            .by_index(index)
            .map_err(|_| Refusal::Archive(archive::Refusal::Damaged))?;
        check_part(&entry.name, entry.size, BufReader::new(file))?;
    }
    Ok(())
}

/// One part, read with the reader's own XML settings. A part that is not XML at all (a
/// picture) ends the scan at its first byte; the checks apply to everything read before.
fn check_part(part: &str, size: u64, source: impl std::io::BufRead) -> Result<(), Refusal> {
    let mut xml = quick_xml::Reader::from_reader(source);
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut grid = Grid::default();
    let mut buf = Vec::with_capacity(1024);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"sst" => check_declared(part, size, &e)?,
                b"row" => grid.row(part, &e)?,
                b"c" => grid.cell(part, &e)?,
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == b"row" => grid.end_row(),
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
    }
}

fn attribute(part: &str, e: &BytesStart, name: &[u8]) -> Result<Option<String>, Refusal> {
    let malformed = || Refusal::Malformed {
        part: part.to_owned(),
    };
    for attribute in e.attributes() {
        let attribute = attribute.map_err(|_| malformed())?;
        if attribute.key.as_ref() == name {
            let value = std::str::from_utf8(&attribute.value).map_err(|_| malformed())?;
            return Ok(Some(value.to_owned()));
        }
    }
    Ok(None)
}

fn check_declared(part: &str, size: u64, e: &BytesStart) -> Result<(), Refusal> {
    let Some(declared) = attribute(part, e, b"uniqueCount")? else {
        return Ok(());
    };
    let fits = declared
        .trim()
        .parse::<u64>()
        .is_ok_and(|n| n <= size / SHORTEST_STRING);
    // A value that is not a number is ignored by the reader, so it costs nothing.
    let number = declared.trim().bytes().all(|b| b.is_ascii_digit()) && !declared.is_empty();
    if fits || !number {
        return Ok(());
    }
    Err(Refusal::DeclaredCount {
        part: part.to_owned(),
        declared,
        bytes: size,
    })
}

/// Where the reader would place the next cell: rows and cells without a reference follow
/// the previous one, exactly as the reader counts them (1-based here).
#[derive(Default)]
struct Grid {
    row: u64,
    column: u64,
}

impl Grid {
    fn row(&mut self, part: &str, e: &BytesStart) -> Result<(), Refusal> {
        if let Some(r) = attribute(part, e, b"r")? {
            self.row = r.trim().parse::<u64>().unwrap_or(u64::MAX);
        } else {
            self.row = self.row.max(1);
        }
        self.inside(part, || format!("row {}", self.row.min(u64::MAX - 1)))
    }

    fn cell(&mut self, part: &str, e: &BytesStart) -> Result<(), Refusal> {
        let reference = attribute(part, e, b"r")?;
        match reference.as_deref().map(cell_position) {
            Some(Some((row, column))) => (self.row, self.column) = (row, column),
            Some(None) => {
                return Err(Refusal::OutsideGrid {
                    part: part.to_owned(),
                    reference: reference.unwrap_or_default(),
                });
            }
            None => {
                self.row = self.row.max(1);
                self.column += 1;
            }
        }
        self.inside(part, || reference.clone().unwrap_or_default())
    }

    fn end_row(&mut self) {
        self.row = self.row.saturating_add(1);
        self.column = 0;
    }

    fn inside(&self, part: &str, reference: impl FnOnce() -> String) -> Result<(), Refusal> {
        if self.row <= MAX_ROWS && self.column <= MAX_COLUMNS {
            return Ok(());
        }
        Err(Refusal::OutsideGrid {
            part: part.to_owned(),
            reference: reference(),
        })
    }
}

/// `BL12` → (12, 64); `None` for anything that is not letters then digits.
fn cell_position(reference: &str) -> Option<(u64, u64)> {
    let reference = reference.trim();
    let split = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = reference.split_at(split);
    if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let column = letters.bytes().try_fold(0u64, |acc, b| {
        acc.checked_mul(26)?
            .checked_add(u64::from(b.to_ascii_uppercase() - b'A' + 1))
    });
    let row = digits.parse::<u64>().ok();
    Some((row.unwrap_or(u64::MAX), column.unwrap_or(u64::MAX)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::tests::zip_of;

    fn sheet(cells: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>"#
        )
    }

    fn workbook_with(sheet_xml: &str, strings_xml: &str) -> Vec<u8> {
        zip_of(&[
            ("xl/worksheets/sheet1.xml", sheet_xml.as_bytes()),
            ("xl/sharedStrings.xml", strings_xml.as_bytes()),
        ])
    }

    const STRINGS: &str = r#"<sst uniqueCount="2"><si><t>a</t></si><si><t>b</t></si></sst>"#;

    #[test]
    fn references_read_as_the_reader_reads_them() {
        assert_eq!(cell_position("A1"), Some((1, 1)));
        assert_eq!(cell_position("BL5000"), Some((5000, 64)));
        assert_eq!(cell_position("XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(cell_position("1A"), None);
        assert_eq!(cell_position("A"), None);
        assert_eq!(cell_position("A1B"), None);
        assert_eq!(
            cell_position("ZZZZZZZZZZZZZZZZ1"),
            Some((1, u64::MAX)),
            "overflow is outside, not a wrap"
        );
    }

    #[test]
    fn an_ordinary_sheet_passes() {
        let cells = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="W1"><v>1</v></c></row><row><c><v>2</v></c><c/></row>"#;
        assert_eq!(check(&workbook_with(&sheet(cells), STRINGS)), Ok(()));
    }

    #[test]
    fn a_cell_at_the_last_column_and_row_is_refused() {
        let cells = r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#;
        assert!(matches!(
            check(&workbook_with(&sheet(cells), STRINGS)),
            Err(Refusal::OutsideGrid { .. })
        ));
    }

    #[test]
    fn an_empty_element_cell_counts_like_the_reader_counts_it() {
        let cells = r#"<row r="2"><c r="A2"/><c r="XFD2"/></row>"#;
        assert!(matches!(
            check(&workbook_with(&sheet(cells), STRINGS)),
            Err(Refusal::OutsideGrid { .. })
        ));
    }

    #[test]
    fn cells_without_references_are_counted_along_the_row() {
        let cells = format!("<row>{}</row>", "<c><v>1</v></c>".repeat(65));
        assert!(matches!(
            check(&workbook_with(&sheet(&cells), STRINGS)),
            Err(Refusal::OutsideGrid { .. })
        ));
        // Rows without numbers, as some writers make them: the 5,001st is one too many.
        let rows = |n: usize| -> String {
            (0..n)
                .map(|i| format!("<row><c><v>{}</v></c></row>", i * 7919 % 10007))
                .collect()
        };
        assert!(matches!(
            check(&workbook_with(&sheet(&rows(5001)), STRINGS)),
            Err(Refusal::OutsideGrid { .. })
        ));
        assert_eq!(check(&workbook_with(&sheet(&rows(5000)), STRINGS)), Ok(()));
    }

    #[test]
    fn a_row_number_far_down_is_refused_even_without_cells() {
        let cells = r#"<row r="99999999999999999999999"><c><v>1</v></c></row>"#;
        assert!(matches!(
            check(&workbook_with(&sheet(cells), STRINGS)),
            Err(Refusal::OutsideGrid { .. })
        ));
    }

    #[test]
    fn an_unreadable_reference_is_refused() {
        let cells = r#"<row r="1"><c r="&#65;1"><v>1</v></c></row>"#;
        assert!(check(&workbook_with(&sheet(cells), STRINGS)).is_err());
    }

    #[test]
    fn a_trillion_declared_strings_in_a_small_part_are_refused() {
        let strings = r#"<sst uniqueCount="1000000000000"><si><t>a</t></si></sst>"#;
        let refusal = check(&workbook_with(&sheet(""), strings)).unwrap_err();
        assert!(matches!(refusal, Refusal::DeclaredCount { .. }));
        assert_eq!(refusal.key(), "import-refused-declared-count");
    }

    #[test]
    fn a_count_of_references_larger_than_the_unique_strings_is_fine() {
        let strings = r#"<sst count="900000" uniqueCount="1"><si><t>a</t></si></sst>"#;
        assert_eq!(check(&workbook_with(&sheet(""), strings)), Ok(()));
    }

    #[test]
    fn prefixed_elements_are_seen_by_their_local_name() {
        let xml = r#"<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="1"><x:c r="ZZ1"/></x:row></x:sheetData></x:worksheet>"#;
        assert!(check(&workbook_with(xml, STRINGS)).is_err());
    }

    #[test]
    fn deeply_nested_xml_is_read_without_recursion() {
        let deep = format!("{}{}", "<a>".repeat(9_000), "</a>".repeat(9_000));
        assert_eq!(check(&workbook_with(&deep, STRINGS)), Ok(()));
    }

    #[test]
    fn a_picture_part_is_not_mistaken_for_xml() {
        let bytes = zip_of(&[
            ("xl/worksheets/sheet1.xml", sheet("").as_bytes()),
            ("xl/media/image1.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ]);
        assert_eq!(check(&bytes), Ok(()));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Damaged archives (fields set to extremes, bytes changed, files cut short) are
        /// refused or passed, never a panic, an overflow or an allocation of what they declare.
        #[test]
        fn damaged_workbooks_never_panic(
            edits in proptest::collection::vec(
                (proptest::prelude::any::<proptest::sample::Index>(),
                 proptest::prelude::prop_oneof![
                     proptest::prelude::Just(u32::MAX),
                     proptest::prelude::Just(0u32),
                     proptest::prelude::Just(0xFFFFu32),
                     proptest::prelude::any::<u32>(),
                 ]),
                0..5),
            cut in proptest::prelude::any::<proptest::sample::Index>(),
            truncate in proptest::prelude::any::<bool>(),
        ) {
            let cells = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row>"#;
            let mut bytes = workbook_with(&sheet(cells), STRINGS);
            for (at, value) in edits {
                let at = at.index(bytes.len() - 3);
                bytes[at..at + 4].copy_from_slice(&value.to_le_bytes());
            }
            if truncate {
                bytes.truncate(cut.index(bytes.len()));
            }
            let _ = check(&bytes);
            let _ = crate::transfer::spreadsheet::read(
                crate::transfer::spreadsheet::FileFormat::Xlsx,
                &bytes,
            );
        }
    }
}
