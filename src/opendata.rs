//! The open-data download: one ZIP with a CSV file per public table, the data dictionary
//! (CSV and Markdown, Spanish and English), the licence and a Frictionless `datapackage.json`.
//!
//! Built on a blocking thread; rows are streamed from the database one table at a time and
//! written straight into the compressed archive, so memory holds the archive, not the tables.

use std::io::{Cursor, Write};

use anyhow::Context;
use futures_util::TryStreamExt;
use serde_json::json;
use sqlx::PgPool;
use tokio::sync::Semaphore;
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use crate::config::DataLicense;
use crate::domain::cells::neutralise;
use crate::domain::opendata::{RESOURCES, Resource};
use crate::store;

pub const ZIP_NAME: &str = "abierto-open-data.zip";

/// Exports are CPU-bound: at most two are built at a time.
static EXPORTS: Semaphore = Semaphore::const_new(2);

/// Builds the whole archive and returns its bytes.
pub async fn build_zip(
    db: PgPool,
    license: DataLicense,
    public_url: String,
) -> anyhow::Result<Vec<u8>> {
    let _permit = EXPORTS.acquire().await.context("export limiter closed")?;
    let runtime = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || write_zip(&runtime, &db, &license, &public_url))
        .await
        .context("export thread")?
}

fn write_zip(
    runtime: &tokio::runtime::Handle,
    db: &PgPool,
    license: &DataLicense,
    public_url: &str,
) -> anyhow::Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for resource in RESOURCES {
        zip.start_file(resource.file_name(), options)?;
        write_table(runtime, db, resource, public_url, &mut zip)
            .with_context(|| format!("exporting {}", resource.name))?;
    }
    zip.start_file("datapackage.json", options)?;
    serde_json::to_writer_pretty(&mut zip, &datapackage(license, public_url))?;
    zip.start_file("data-dictionary.csv", options)?;
    write_dictionary_csv(&mut zip)?;
    zip.start_file("data-dictionary.md", options)?;
    zip.write_all(dictionary_markdown().as_bytes())?;
    zip.start_file("LICENSE.md", options)?;
    zip.write_all(license_text(license, public_url).as_bytes())?;
    Ok(zip.finish()?.into_inner())
}

/// Streams one table's rows into the open archive entry.
fn write_table(
    runtime: &tokio::runtime::Handle,
    db: &PgPool,
    resource: &Resource,
    public_url: &str,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(resource.header())?;
    let mut rows = store::public::opendata::rows(db, resource.name, public_url)
        .with_context(|| format!("no query for {}", resource.name))?;
    runtime.block_on(async {
        while let Some(row) = rows.try_next().await? {
            let cells: Vec<_> = row
                .iter()
                .map(|cell| neutralise(cell.as_deref().unwrap_or_default()))
                .collect();
            csv.write_record(cells.iter().map(|c| c.as_bytes()))?;
        }
        anyhow::Ok(())
    })?;
    csv.flush()?;
    Ok(())
}

/// The Frictionless (Tabular) Data Package descriptor.
pub fn datapackage(license: &DataLicense, public_url: &str) -> serde_json::Value {
    let resources: Vec<_> = RESOURCES
        .iter()
        .map(|r| {
            let fields: Vec<_> = r
                .fields
                .iter()
                .map(|f| {
                    json!({
                        "name": f.name,
                        "type": f.kind.as_str(),
                        "description": format!("{} / {}", f.es, f.en),
                    })
                })
                .collect();
            json!({
                "name": r.name,
                "path": r.file_name(),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": r.en,
                "description": format!("{} / {}", r.es, r.en),
                "schema": {"fields": fields, "primaryKey": ["id"]},
            })
        })
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": "abierto-open-data",
        "title": "Abierto: Open Government Partnership action plans",
        "homepage": format!("{public_url}/open-data"),
        "created": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "licenses": [{"name": license.name, "path": license.url, "title": license.name}],
        "resources": resources,
    })
}

fn write_dictionary_csv(out: &mut impl Write) -> anyhow::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(["file", "field", "type", "description_es", "description_en"])?;
    for r in RESOURCES {
        for f in r.fields {
            csv.write_record([&r.file_name(), f.name, f.kind.as_str(), f.es, f.en])?;
        }
    }
    csv.flush()?;
    Ok(())
}

/// The data dictionary as Markdown: a table per file, both languages side by side.
pub fn dictionary_markdown() -> String {
    let mut md = String::from(
        "# Diccionario de datos / Data dictionary\n\n\
         Fechas: AAAA-MM-DD; momentos: ISO 8601 en UTC. Dates: YYYY-MM-DD; times: ISO 8601 in UTC.\n",
    );
    for r in RESOURCES {
        md.push_str(&format!(
            "\n## {}\n\n{} / {}\n\n| campo / field | tipo / type | descripción | description |\n|---|---|---|---|\n",
            r.file_name(),
            r.es,
            r.en
        ));
        for f in r.fields {
            md.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                f.name,
                f.kind.as_str(),
                f.es,
                f.en
            ));
        }
    }
    md
}

fn license_text(license: &DataLicense, public_url: &str) -> String {
    format!(
        "# Licencia / Licence\n\n\
         Estos datos se publican bajo {name} ({url}). Cite la fuente: Abierto, {public_url}/open-data\n\n\
         This data is published under {name} ({url}). Attribution: Abierto, {public_url}/open-data\n",
        name = license.name,
        url = license.url,
    )
}
