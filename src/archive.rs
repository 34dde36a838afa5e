//! What a ZIP archive (an XLSX, DOCX or ODS file) may cost to read, decided before any
//! parser sees it.
//!
//! A few hundred bytes of ZIP can declare terabytes: a huge entry count, entries that inflate
//! a thousandfold, or sizes in the directory that lie about what the data inflates to. So an
//! archive is first walked here, by its central directory only, with every count and offset
//! checked against the file's real length and the [`Limits`]; then each entry is inflated
//! into nothing, stopping one byte past the size it declares, so that a lie is caught. Only
//! an archive that passes is handed to a parser, which then cannot inflate more than was
//! measured here. Nothing here allocates more than the list of entries, itself bounded by
//! `max_entries`.

use std::io::{Cursor, Read};

/// What an archive may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Entries in the central directory.
    pub max_entries: usize,
    /// Inflated bytes of all entries together.
    pub max_total: u64,
    /// Inflated bytes per stored byte, for an entry larger than `ratio_floor`.
    pub max_ratio: u64,
    /// Entries this small are not held to the ratio (a short XML part of repeated text
    /// compresses very well and costs nothing).
    pub ratio_floor: u64,
}

impl Limits {
    /// A plan template: a workbook of two sheets of a few thousand rows.
    pub const SPREADSHEET: Limits = Limits {
        max_entries: 256,
        max_total: 64 << 20,
        max_ratio: 100,
        ratio_floor: 64 << 10,
    };
    /// An evidence document (a DOCX, XLSX or ODS with pictures): stored and offered for
    /// download, never parsed, but checked so that no one downloads a bomb from us.
    pub const EVIDENCE: Limits = Limits {
        max_entries: 4096,
        max_total: 512 << 20,
        max_ratio: 100,
        ratio_floor: 1 << 20,
    };
}

/// Why an archive is refused. Each has a message key (`archive-refused-…`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("not a ZIP archive, or a damaged one")]
    Damaged,
    #[error("{0} entries, more than {1}")]
    TooManyEntries(u64, usize),
    #[error("inflates to {0} bytes, more than {1}")]
    TooLarge(u64, u64),
    #[error("entry {0} inflates {1} times its size, more than {2}")]
    Ratio(String, u64, u64),
    #[error("entry {0} is encrypted or compressed by an unsupported method")]
    Unsupported(String),
    #[error("entry {0} holds more or other data than its directory declares")]
    Lies(String),
}

impl Refusal {
    /// The translation key of the message a person sees.
    pub fn key(&self) -> &'static str {
        match self {
            Refusal::Damaged => "archive-refused-damaged",
            Refusal::TooManyEntries(..) => "archive-refused-entries",
            Refusal::TooLarge(..) => "archive-refused-size",
            Refusal::Ratio(..) => "archive-refused-ratio",
            Refusal::Unsupported(..) => "archive-refused-unsupported",
            Refusal::Lies(..) => "archive-refused-lies",
        }
    }
}

/// One entry as the central directory declares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub compressed: u64,
    pub size: u64,
}

/// An archive whose every entry was measured: what a parser may now read.
#[derive(Debug)]
pub struct Checked {
    pub entries: Vec<Entry>,
}

impl Checked {
    pub fn total(&self) -> u64 {
        self.entries.iter().map(|e| e.size).sum()
    }
}

/// Walks the directory, checks it against `limits`, and inflates every entry under its
/// declared size. The cost is bounded by `limits.max_total` of inflation.
pub fn check(bytes: &[u8], limits: &Limits) -> Result<Checked, Refusal> {
    let entries = directory(bytes, limits)?;
    measure(bytes, &entries)?;
    Ok(Checked { entries })
}

const EOCD: u32 = 0x0605_4b50;
const ZIP64_LOCATOR: u32 = 0x0706_4b50;
const ZIP64_EOCD: u32 = 0x0606_4b50;
const CENTRAL: u32 = 0x0201_4b50;

fn u16_at(b: &[u8], at: usize) -> Option<u64> {
    b.get(at..at.checked_add(2)?)
        .map(|s| u64::from(u16::from_le_bytes([s[0], s[1]])))
}

fn u32_at(b: &[u8], at: usize) -> Option<u64> {
    b.get(at..at.checked_add(4)?)
        .map(|s| u64::from(u32::from_le_bytes([s[0], s[1], s[2], s[3]])))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    let s = b.get(at..at.checked_add(8)?)?;
    Some(u64::from_le_bytes(s.try_into().ok()?))
}

/// Where the central directory is and how many entries it declares.
fn end_record(bytes: &[u8]) -> Option<(u64, u64, u64)> {
    // The end record is 22 bytes plus a comment of at most 65,535.
    let earliest = bytes.len().saturating_sub(22 + 0xFFFF);
    let at = (earliest..=bytes.len().checked_sub(22)?)
        .rev()
        .find(|&i| u32_at(bytes, i) == Some(u64::from(EOCD)))?;
    let count = u16_at(bytes, at + 10)?;
    let size = u32_at(bytes, at + 12)?;
    let offset = u32_at(bytes, at + 16)?;
    if count != 0xFFFF && size != 0xFFFF_FFFF && offset != 0xFFFF_FFFF {
        return Some((count, size, offset));
    }
    // ZIP64: a locator just before the end record points at the larger record.
    let locator = at.checked_sub(20)?;
    if u32_at(bytes, locator)? != u64::from(ZIP64_LOCATOR) {
        return None;
    }
    let record = usize::try_from(u64_at(bytes, locator + 8)?).ok()?;
    if u32_at(bytes, record)? != u64::from(ZIP64_EOCD) {
        return None;
    }
    Some((
        u64_at(bytes, record + 32)?,
        u64_at(bytes, record + 40)?,
        u64_at(bytes, record + 48)?,
    ))
}

fn directory(bytes: &[u8], limits: &Limits) -> Result<Vec<Entry>, Refusal> {
    let (count, size, offset) = end_record(bytes).ok_or(Refusal::Damaged)?;
    if count > limits.max_entries as u64 {
        return Err(Refusal::TooManyEntries(count, limits.max_entries));
    }
    let start = usize::try_from(offset).map_err(|_| Refusal::Damaged)?;
    let end = offset
        .checked_add(size)
        .and_then(|e| usize::try_from(e).ok())
        .filter(|&e| e <= bytes.len())
        .ok_or(Refusal::Damaged)?;
    let dir = bytes.get(start..end).ok_or(Refusal::Damaged)?;
    let mut entries = Vec::with_capacity(count as usize);
    let mut at = 0usize;
    let mut total = 0u64;
    for _ in 0..count {
        let entry = central_entry(dir, &mut at).ok_or(Refusal::Damaged)?;
        let (entry, flags, method) = entry;
        if flags & 1 != 0 || !matches!(method, 0 | 8) {
            return Err(Refusal::Unsupported(entry.name));
        }
        total = total.saturating_add(entry.size);
        if total > limits.max_total {
            return Err(Refusal::TooLarge(total, limits.max_total));
        }
        let ratio = entry.size / entry.compressed.max(1);
        if entry.size > limits.ratio_floor && ratio > limits.max_ratio {
            return Err(Refusal::Ratio(entry.name, ratio, limits.max_ratio));
        }
        entries.push(entry);
    }
    Ok(entries)
}

/// One central directory header at `*at`, which moves past it.
fn central_entry(dir: &[u8], at: &mut usize) -> Option<(Entry, u64, u64)> {
    let h = *at;
    if u32_at(dir, h)? != u64::from(CENTRAL) {
        return None;
    }
    let flags = u16_at(dir, h + 8)?;
    let method = u16_at(dir, h + 10)?;
    let mut compressed = u32_at(dir, h + 20)?;
    let mut size = u32_at(dir, h + 24)?;
    let name_len = usize::try_from(u16_at(dir, h + 28)?).ok()?;
    let extra_len = usize::try_from(u16_at(dir, h + 30)?).ok()?;
    let comment_len = usize::try_from(u16_at(dir, h + 32)?).ok()?;
    let name_at = h + 46;
    let name = dir.get(name_at..name_at + name_len)?;
    let extra = dir.get(name_at + name_len..name_at + name_len + extra_len)?;
    if size == 0xFFFF_FFFF || compressed == 0xFFFF_FFFF {
        (size, compressed) = zip64_sizes(extra, size, compressed)?;
    }
    *at = name_at + name_len + extra_len + comment_len;
    let entry = Entry {
        name: String::from_utf8_lossy(name).into_owned(),
        compressed,
        size,
    };
    Some((entry, flags, method))
}

/// The 64-bit sizes of the ZIP64 extra field, in its order: the inflated size first, then
/// the stored one, each present only where the 32-bit field says so.
fn zip64_sizes(extra: &[u8], size: u64, compressed: u64) -> Option<(u64, u64)> {
    let mut at = 0;
    while at + 4 <= extra.len() {
        let id = u16_at(extra, at)?;
        let len = usize::try_from(u16_at(extra, at + 2)?).ok()?;
        let data = extra.get(at + 4..at + 4 + len)?;
        if id == 1 {
            let mut next = 0;
            let mut field = |declared: u64| {
                if declared != 0xFFFF_FFFF {
                    return Some(declared);
                }
                let value = u64_at(data, next)?;
                next += 8;
                Some(value)
            };
            let size = field(size)?;
            let compressed = field(compressed)?;
            return Some((size, compressed));
        }
        at += 4 + len;
    }
    None
}

/// Inflates each entry into nothing, allowing one byte past its declared size: more data
/// than declared, or data that fails its checksum, is a lie.
fn measure(bytes: &[u8], entries: &[Entry]) -> Result<(), Refusal> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Refusal::Damaged)?;
    if archive.len() != entries.len() {
        return Err(Refusal::Damaged);
    }
    let mut sink = [0u8; 16 * 1024];
    for (index, entry) in entries.iter().enumerate() {
        let lie = || Refusal::Lies(entry.name.clone());
        let file = archive.by_index(index).map_err(|_| lie())?;
        if file.size() != entry.size {
            return Err(lie());
        }
        let mut limited = file.take(entry.size + 1);
        let mut seen = 0u64;
        loop {
            let n = limited.read(&mut sink).map_err(|_| lie())?;
            if n == 0 {
                break;
            }
            seen += n as u64;
        }
        if seen != entry.size {
            return Err(lie());
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    /// An archive of the given entries, deflated.
    pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// Offsets of each central directory header.
    fn central_headers(bytes: &[u8]) -> Vec<usize> {
        (0..bytes.len().saturating_sub(4))
            .filter(|&i| u32_at(bytes, i) == Some(u64::from(CENTRAL)))
            .collect()
    }

    #[test]
    fn an_ordinary_archive_passes_with_its_entries_measured() {
        let bytes = zip_of(&[("a.xml", b"<a/>"), ("b.xml", &[b'x'; 5000])]);
        let checked = check(&bytes, &Limits::SPREADSHEET).unwrap();
        assert_eq!(checked.entries.len(), 2);
        assert_eq!(checked.total(), 5004);
    }

    #[test]
    fn garbage_and_truncated_archives_are_damaged() {
        assert_eq!(
            check(b"not a zip", &Limits::SPREADSHEET).unwrap_err(),
            Refusal::Damaged
        );
        let bytes = zip_of(&[("a.xml", b"<a/>")]);
        assert!(check(&bytes[..bytes.len() - 5], &Limits::SPREADSHEET).is_err());
        assert!(check(&bytes[10..], &Limits::SPREADSHEET).is_err());
    }

    #[test]
    fn too_many_entries_are_refused_before_any_is_read() {
        let names: Vec<String> = (0..300).map(|i| format!("{i}.xml")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        let bytes = zip_of(&entries);
        assert_eq!(
            check(&bytes, &Limits::SPREADSHEET).unwrap_err(),
            Refusal::TooManyEntries(300, 256)
        );
    }

    #[test]
    fn a_declared_entry_count_of_65535_in_a_tiny_file_is_refused() {
        let mut bytes = zip_of(&[("a.xml", b"<a/>")]);
        let eocd = bytes.len() - 22;
        bytes[eocd + 8..eocd + 12].copy_from_slice(&[0xFE, 0xFF, 0xFE, 0xFF]);
        assert!(matches!(
            check(&bytes, &Limits::EVIDENCE).unwrap_err(),
            Refusal::TooManyEntries(65534, _) | Refusal::Damaged
        ));
    }

    #[test]
    fn a_deflate_bomb_is_refused_by_its_ratio() {
        let zeros = vec![0u8; 10 << 20];
        let bytes = zip_of(&[("xl/worksheets/sheet1.xml", &zeros)]);
        assert!(bytes.len() < 20_000, "{} bytes", bytes.len());
        assert!(matches!(
            check(&bytes, &Limits::SPREADSHEET).unwrap_err(),
            Refusal::Ratio(..)
        ));
    }

    #[test]
    fn more_than_the_total_is_refused() {
        let limits = Limits {
            max_total: 1000,
            ..Limits::SPREADSHEET
        };
        let bytes = zip_of(&[("a", &[1u8; 600]), ("b", &[2u8; 600])]);
        assert_eq!(
            check(&bytes, &limits).unwrap_err(),
            Refusal::TooLarge(1200, 1000)
        );
    }

    #[test]
    fn a_directory_that_understates_an_entry_is_caught_when_inflating() {
        let mut bytes = zip_of(&[("a.xml", &[b'a'; 4000])]);
        // Declare 100 bytes where there are 4000, in the central and the local header.
        let central = central_headers(&bytes)[0];
        bytes[central + 24..central + 28].copy_from_slice(&100u32.to_le_bytes());
        bytes[22..26].copy_from_slice(&100u32.to_le_bytes());
        assert_eq!(
            check(&bytes, &Limits::SPREADSHEET).unwrap_err(),
            Refusal::Lies("a.xml".into())
        );
    }

    #[test]
    fn a_huge_declared_size_is_refused_without_inflating() {
        let mut bytes = zip_of(&[("a.xml", b"<a/>")]);
        let central = central_headers(&bytes)[0];
        bytes[central + 24..central + 28].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        assert!(matches!(
            check(&bytes, &Limits::SPREADSHEET).unwrap_err(),
            Refusal::TooLarge(..)
        ));
    }

    #[test]
    fn encrypted_entries_are_refused() {
        let mut bytes = zip_of(&[("a.xml", b"<a/>")]);
        let central = central_headers(&bytes)[0];
        bytes[central + 8] |= 1;
        assert_eq!(
            check(&bytes, &Limits::SPREADSHEET).unwrap_err(),
            Refusal::Unsupported("a.xml".into())
        );
    }

    #[test]
    fn offsets_past_the_end_are_damaged_not_a_panic() {
        let base = zip_of(&[("a.xml", b"<a/>")]);
        let eocd = base.len() - 22;
        for (at, value) in [(12, u32::MAX - 1), (16, u32::MAX - 1), (16, 1 << 20)] {
            let mut bytes = base.clone();
            bytes[eocd + at..eocd + at + 4].copy_from_slice(&value.to_le_bytes());
            assert_eq!(
                check(&bytes, &Limits::SPREADSHEET).unwrap_err(),
                Refusal::Damaged
            );
        }
    }

    #[test]
    fn every_refusal_has_a_message_key() {
        for refusal in [
            Refusal::Damaged,
            Refusal::TooManyEntries(1, 1),
            Refusal::TooLarge(1, 1),
            Refusal::Ratio("a".into(), 1, 1),
            Refusal::Unsupported("a".into()),
            Refusal::Lies("a".into()),
        ] {
            assert!(refusal.key().starts_with("archive-refused-"));
        }
    }
}
