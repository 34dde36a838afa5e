//! Which uploaded files are accepted as evidence: decided from their content, never from
//! their name.

/// Media types accepted, as detected from the bytes.
pub const ACCEPTED: &[&str] = &[
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/webp",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "text/csv",
    "text/plain",
];

/// The media type of an accepted file, or `None` (executables, archives, unknown binaries…).
/// Text is accepted when it is valid UTF-8 without control bytes; it is CSV when the name
/// says so (text is harmless either way).
pub fn sniff(bytes: &[u8], file_name: &str) -> Option<&'static str> {
    if let Some(kind) = infer::get(bytes) {
        return ACCEPTED
            .iter()
            .copied()
            .find(|accepted| *accepted == kind.mime_type());
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let binary = text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    if binary || bytes.is_empty() {
        return None;
    }
    if file_name.to_ascii_lowercase().ends_with(".csv") {
        Some("text/csv")
    } else {
        Some("text/plain")
    }
}

/// Why a chosen file is not accepted as evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Not of an accepted type, judged by its content.
    Type,
    /// An office document (a ZIP archive inside) that would cost too much to open.
    Archive(crate::archive::Refusal),
}

impl Refused {
    /// The translation key of the message a person sees.
    pub fn key(&self) -> &'static str {
        match self {
            Refused::Type => "report-file-type-refused",
            Refused::Archive(refusal) => refusal.key(),
        }
    }
}

/// The office formats that are ZIP archives inside.
fn is_archive(media_type: &str) -> bool {
    media_type.starts_with("application/vnd.oasis.opendocument.")
        || media_type.starts_with("application/vnd.openxmlformats-officedocument.")
}

/// The media type of a file accepted as evidence: of an accepted type by its content, and,
/// for an office document, an archive within [`crate::archive::Limits::EVIDENCE`] (no one
/// should download a bomb from the tracker). Costs at most that limit's inflation: run it
/// off the async runtime.
pub fn accept(bytes: &[u8], file_name: &str) -> Result<&'static str, Refused> {
    let media_type = sniff(bytes, file_name).ok_or(Refused::Type)?;
    if is_archive(media_type) {
        crate::archive::check(bytes, &crate::archive::Limits::EVIDENCE)
            .map_err(Refused::Archive)?;
    }
    Ok(media_type)
}

/// A file name safe to show and to offer in `Content-Disposition`: no path, no control
/// characters, no invisible formatting characters (bidirectional overrides such as U+202E
/// make `fdp.exe` read as `exe.pdf`), at most 200 characters.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !is_invisible_format(*c) && *c != '"')
        .take(200)
        .collect();
    if cleaned.trim().is_empty() {
        "evidencia".to_owned()
    } else {
        cleaned
    }
}

/// Bidirectional controls, zero-width characters and other invisible format characters.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_is_recognised_by_content_whatever_its_name() {
        assert_eq!(
            sniff(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "informe.bin"),
            Some("application/pdf")
        );
    }

    #[test]
    fn an_executable_renamed_pdf_is_refused() {
        let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0";
        assert_eq!(sniff(elf, "informe.pdf"), None);
        let exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0";
        assert_eq!(sniff(exe, "informe.pdf"), None);
    }

    #[test]
    fn plain_text_and_csv_are_accepted_binary_junk_is_not() {
        assert_eq!(
            sniff("año,avance\n2024,50\n".as_bytes(), "datos.CSV"),
            Some("text/csv")
        );
        assert_eq!(
            sniff("Acta de la reunión".as_bytes(), "acta.txt"),
            Some("text/plain")
        );
        assert_eq!(sniff(b"\0\x01\x02binary", "x.txt"), None);
        assert_eq!(sniff(b"", "vacio.txt"), None);
    }

    #[test]
    fn an_office_document_is_accepted_when_its_archive_is_sound() {
        let docx = crate::archive::tests::zip_of(&[
            ("word/document.xml", b"<w:document/>"),
            ("[Content_Types].xml", b"<Types/>"),
        ]);
        let media_type = sniff(&docx, "acta.docx").expect("the test file must look like a DOCX");
        assert!(is_archive(media_type));
        assert_eq!(accept(&docx, "acta.docx"), Ok(media_type));
    }

    #[test]
    fn an_office_document_that_is_a_zip_bomb_is_refused() {
        let zeros = vec![0u8; 20 << 20];
        let bomb = crate::archive::tests::zip_of(&[
            ("word/document.xml", &zeros),
            ("[Content_Types].xml", b"<Types/>"),
        ]);
        assert_eq!(
            sniff(&bomb, "acta.docx"),
            Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            "the test file must look like a DOCX"
        );
        assert!(matches!(
            accept(&bomb, "acta.docx"),
            Err(Refused::Archive(crate::archive::Refusal::Ratio(..)))
        ));
        assert_eq!(accept(b"MZ\x90\0", "a.pdf"), Err(Refused::Type));
    }

    #[test]
    fn file_names_lose_paths_and_quotes() {
        assert_eq!(
            clean_file_name("C:\\\\Users\\\\ana\\\\acta \"final\".pdf"),
            "acta final.pdf"
        );
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("\n"), "evidencia");
    }

    #[test]
    fn file_names_lose_bidirectional_overrides_and_invisible_characters() {
        assert_eq!(clean_file_name("acta\u{202E}fdp.exe"), "actafdp.exe");
        assert_eq!(
            clean_file_name("\u{2066}informe\u{2069}\u{200B}.pdf"),
            "informe.pdf"
        );
        assert_eq!(clean_file_name("\u{202E}\u{200F}"), "evidencia");
        assert_eq!(
            clean_file_name("Año 2024 – informe.pdf"),
            "Año 2024 – informe.pdf"
        );
    }
}
