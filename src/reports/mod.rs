//! Monitoring reports: one model ([`model::Report`]) and its five renderings.
//!
//! Rendering is pure (a report and a translator in, bytes out) and CPU-bound; the web layer
//! runs it on the blocking pool, a few at a time.

pub mod csv_zip;
pub mod json;
pub use crate::domain::monitoring_report as model;
pub mod pdf;
pub mod xlsx;

use std::str::FromStr;

use chrono::{DateTime, Utc};

use crate::i18n::Tr;
pub use model::{Report, ReportFacts, build};

/// What a frozen report (*corte*) adds to its file renderings: its name, the SHA-256 of its
/// published JSON, when it was frozen, and the forum's sign-offs so far. The JSON download is
/// the frozen bytes themselves and carries none of this.
#[derive(Debug, Clone, Default)]
pub struct Seal {
    pub label: String,
    pub sha256: String,
    pub frozen_at: DateTime<Utc>,
    pub signoffs: Vec<SealSignoff>,
}

#[derive(Debug, Clone)]
pub struct SealSignoff {
    pub member: String,
    pub representative: Option<String>,
    pub signed_at: DateTime<Utc>,
}

/// The formats a report can be downloaded in.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Format {
    Html,
    Pdf,
    Xlsx,
    Csv,
    Json,
}

impl Format {
    pub const ALL: &[Self] = &[Self::Html, Self::Pdf, Self::Xlsx, Self::Csv, Self::Json];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Html => "html",
            Self::Pdf => "pdf",
            Self::Xlsx => "xlsx",
            Self::Csv => "csv",
            Self::Json => "json",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Html => "text/html; charset=utf-8",
            Self::Pdf => "application/pdf",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Csv => "application/zip",
            Self::Json => "application/json",
        }
    }

    /// The words of a download link: what the file is (the CSV files come in one ZIP).
    pub fn link_label(self) -> &'static str {
        match self {
            Self::Html => "HTML",
            Self::Pdf => "PDF",
            Self::Xlsx => "XLSX",
            Self::Csv => "CSV (ZIP)",
            Self::Json => "JSON",
        }
    }

    /// The file name extension of a download (CSV files come zipped, one per entity).
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv.zip",
            other => other.as_str(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown report format {0:?}")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| UnknownFormat(s.to_owned()))
    }
}

/// `informe-{plan}-{date}.{ext}`: ASCII only (plan slugs are), so no header encoding.
pub fn file_name(report: &Report, format: Format) -> String {
    format!(
        "informe-{}-{}.{}",
        report.plan.slug,
        report.as_of.format("%Y-%m-%d"),
        format.extension()
    )
}

/// Renders a file format (HTML is a page template, rendered by the web layer); a frozen
/// report passes its seal, which PDF, XLSX and CSV show.
pub fn render_file(
    report: &Report,
    format: Format,
    tr: &Tr,
    seal: Option<&Seal>,
) -> anyhow::Result<Vec<u8>> {
    match format {
        Format::Pdf => pdf::render(report, tr, seal),
        Format::Xlsx => xlsx::render(report, tr, seal),
        Format::Csv => csv_zip::render(report, seal),
        Format::Json => Ok(json::to_bytes(report)),
        Format::Html => anyhow::bail!("HTML reports are rendered as pages"),
    }
}

/// The translated label of an optional vocabulary value (`impact`, `moderate`), or "".
pub fn label(tr: &Tr, family: &str, value: Option<&str>) -> String {
    value
        .map(|v| crate::i18n::format::vocab(tr, family, v))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_round_trip_through_their_names() {
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>(), Ok(*f));
        }
        assert!("docx".parse::<Format>().is_err());
    }
}
