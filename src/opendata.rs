//! The open-data download: one ZIP with a CSV file per public table, the data dictionary
//! (CSV and Markdown, Spanish and English), the licence and a Frictionless `datapackage.json`.
//!
//! Built on a blocking thread in one database snapshot; rows are streamed one table at a time
//! and written straight into the compressed archive, so memory holds the archive, not the
//! tables. The archive is kept ([`ArchiveCache`]) and built again only when the data version
//! moves. Its files and its data package carry the time of the last change it holds, so the
//! same data gives the same bytes on every app node.

use std::io::{Cursor, Write};
use std::sync::{Arc, PoisonError, RwLock};

use anyhow::Context;
use bytes::Bytes;
use chrono::{DateTime, Datelike, SecondsFormat, Timelike, Utc};
use futures_util::TryStreamExt;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::{PgConnection, PgPool};
use tokio::sync::{Mutex, Semaphore};
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use crate::config::DataLicense;
use crate::domain::cells::neutralise;
use crate::domain::opendata::{RESOURCES, Resource};
use crate::store;
use crate::store::public::opendata::{DataVersion, data_version};

pub const ZIP_NAME: &str = "abierto-open-data.zip";

/// Exports are CPU-bound: at most two are built at a time.
static EXPORTS: Semaphore = Semaphore::const_new(2);

/// One build of the archive.
#[derive(Debug)]
pub struct Archive {
    pub bytes: Bytes,
    /// The data version it was read at (`None`: nothing audited yet).
    pub version: Option<DataVersion>,
    /// When the data it holds was produced: the time of that version's change (the build's
    /// time while nothing is audited).
    pub produced_at: DateTime<Utc>,
    /// SHA-256 of the bytes, in hex.
    pub sha256: String,
}

/// The archive as last built, kept while the data version stays the one it was read at.
#[derive(Default)]
pub struct ArchiveCache {
    latest: RwLock<Option<Arc<Archive>>>,
    /// Held for a whole build, so concurrent requests wait for one build instead of each
    /// starting their own.
    building: Mutex<()>,
}

impl ArchiveCache {
    /// The archive of the data as it is now: the kept one while the data version is the one it
    /// was read at, a new build otherwise.
    pub async fn current(
        self: &Arc<Self>,
        db: &PgPool,
        license: &DataLicense,
        public_url: &str,
    ) -> anyhow::Result<Arc<Archive>> {
        if let Some(kept) = self.kept(data_version(db).await?) {
            return Ok(kept);
        }
        let (cache, db, license, public_url) = (
            Arc::clone(self),
            db.clone(),
            license.clone(),
            public_url.to_owned(),
        );
        // A task of its own: a build under way is finished and kept even when the request that
        // started it is gone (timed out, disconnected).
        tokio::spawn(async move { cache.rebuild(db, license, public_url).await })
            .await
            .context("open-data build task")?
    }

    async fn rebuild(
        &self,
        db: PgPool,
        license: DataLicense,
        public_url: String,
    ) -> anyhow::Result<Arc<Archive>> {
        let _building = self.building.lock().await;
        // The build we waited for may hold the data as it is now.
        if let Some(kept) = self.kept(data_version(&db).await?) {
            return Ok(kept);
        }
        let archive = Arc::new(build_zip(db, license, public_url).await?);
        *self.latest.write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::clone(&archive));
        Ok(archive)
    }

    fn kept(&self, version: Option<DataVersion>) -> Option<Arc<Archive>> {
        let latest = self.latest.read().unwrap_or_else(PoisonError::into_inner);
        latest.as_ref().filter(|a| a.version == version).cloned()
    }
}

/// Builds the whole archive from one snapshot of the data.
pub async fn build_zip(
    db: PgPool,
    license: DataLicense,
    public_url: String,
) -> anyhow::Result<Archive> {
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
) -> anyhow::Result<Archive> {
    let mut snapshot = runtime.block_on(store::public::opendata::snapshot(db))?;
    let version = runtime.block_on(data_version(&mut *snapshot))?;
    let produced_at = version.map_or_else(Utc::now, |v| v.at);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip_time(produced_at));
    for resource in RESOURCES {
        zip.start_file(resource.file_name(), options)?;
        write_table(runtime, &mut snapshot, resource, public_url, &mut zip)
            .with_context(|| format!("exporting {}", resource.name))?;
    }
    runtime.block_on(snapshot.commit())?;
    zip.start_file("datapackage.json", options)?;
    serde_json::to_writer_pretty(&mut zip, &datapackage(license, public_url, produced_at))?;
    zip.start_file("data-dictionary.csv", options)?;
    write_dictionary_csv(&mut zip)?;
    zip.start_file("data-dictionary.md", options)?;
    zip.write_all(dictionary_markdown().as_bytes())?;
    zip.start_file("LICENSE.md", options)?;
    zip.write_all(license_text(license, public_url).as_bytes())?;
    let bytes = Bytes::from(zip.finish()?.into_inner());
    Ok(Archive {
        sha256: format!("{:x}", Sha256::digest(&bytes)),
        bytes,
        version,
        produced_at,
    })
}

/// A moment as a ZIP entry's time (whole seconds, rounded down to even ones by the format).
fn zip_time(at: DateTime<Utc>) -> zip::DateTime {
    let part = |n: u32| u8::try_from(n).unwrap_or_default();
    u16::try_from(at.year())
        .ok()
        .and_then(|year| {
            zip::DateTime::from_date_and_time(
                year,
                part(at.month()),
                part(at.day()),
                part(at.hour()),
                part(at.minute()),
                part(at.second()),
            )
            .ok()
        })
        .unwrap_or_default()
}

/// Streams one table's rows into the open archive entry.
fn write_table(
    runtime: &tokio::runtime::Handle,
    db: &mut PgConnection,
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

/// The Frictionless (Tabular) Data Package descriptor of data produced at `created`.
pub fn datapackage(
    license: &DataLicense,
    public_url: &str,
    created: DateTime<Utc>,
) -> serde_json::Value {
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
            let foreign_keys: Vec<_> = r
                .fields
                .iter()
                .filter_map(|f| {
                    let table = crate::domain::opendata::referenced_resource(f.name)?;
                    Some(json!({
                        "fields": f.name,
                        "reference": {"resource": table, "fields": "id"},
                    }))
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
                "schema": {"fields": fields, "primaryKey": ["id"], "foreignKeys": foreign_keys},
            })
        })
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": "abierto-open-data",
        "title": "Abierto: Open Government Partnership action plans",
        "homepage": format!("{public_url}/open-data"),
        "created": created.to_rfc3339_opts(SecondsFormat::Secs, true),
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
