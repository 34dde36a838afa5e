//! The `abierto import …` and `abierto export …` subcommands: read the file, call the store,
//! print what happened in the operator's language (`LANG`), with a progress bar on a
//! terminal. The operator is recorded in the audit log as `cli`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use sqlx::PgPool;

use crate::i18n::{Locale, Tr};
use crate::store;
use crate::store::cocreation::plan_transfer::{ImportSummary, Importer, PlanRef};
use crate::store::implementation::files::FileStore;
use crate::transfer::ogp;
use crate::transfer::progress::bar;
use crate::transfer::spreadsheet::{self, FileFormat};
use crate::transfer::template::RowError;

/// The operator's language from `LC_ALL`, `LC_MESSAGES` or `LANG` (Spanish unless English).
pub fn operator_language() -> Tr {
    let lang = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    Tr::new(if lang.starts_with("en") {
        Locale::En
    } else {
        Locale::Es
    })
}

fn format_of(file: &Path) -> anyhow::Result<FileFormat> {
    FileFormat::of_file_name(&file.to_string_lossy())
        .with_context(|| format!("{}: use a .xlsx or .csv file", file.display()))
}

async fn plan(db: &PgPool, slug: &str) -> anyhow::Result<PlanRef> {
    store::cocreation::plan_transfer::plan_by_slug(db, slug)
        .await?
        .with_context(|| format!("no plan with the slug {slug:?}"))
}

/// `abierto export plan SLUG FILE`
pub async fn export_plan(db: &PgPool, slug: &str, file: &Path) -> anyhow::Result<ExitCode> {
    let format = format_of(file)?;
    let plan = store::cocreation::plan_transfer::export(db, plan(db, slug).await?.id).await?;
    let bytes = tokio::task::spawn_blocking(move || spreadsheet::write(format, &plan)).await??;
    std::fs::write(file, bytes).with_context(|| format!("writing {}", file.display()))?;
    println!("{}", file.display());
    Ok(ExitCode::SUCCESS)
}

/// One line per problem: sheet, row, column and the message.
pub fn describe_error(tr: &Tr, e: &RowError) -> String {
    format!(
        "{} · {} · {}: {}",
        e.sheet,
        tr.t1("import-row", "row", e.row),
        e.column,
        tr.t1(e.key, "value", &e.detail)
    )
}

fn print_summary(tr: &Tr, summary: &ImportSummary) {
    for e in &summary.errors {
        eprintln!("{}", describe_error(tr, e));
    }
    if !summary.errors.is_empty() {
        eprintln!("{}", tr.tn("import-failed", "count", summary.errors.len()));
        return;
    }
    let key = if summary.dry_run {
        "import-dry-run-done"
    } else {
        "import-done"
    };
    println!("{}", tr.t(key));
    println!("  {}", tr.tn("import-created", "count", summary.created));
    println!("  {}", tr.tn("import-updated", "count", summary.updated));
    println!(
        "  {}",
        tr.tn("import-unchanged", "count", summary.unchanged)
    );
}

/// `abierto import plan SLUG FILE [--dry-run]`
pub async fn import_plan(
    db: &PgPool,
    slug: &str,
    file: &Path,
    dry_run: bool,
) -> anyhow::Result<ExitCode> {
    let tr = operator_language();
    let format = format_of(file)?;
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let plan = plan(db, slug).await?;
    let (parsed, errors) = match spreadsheet::read_plan(format, &bytes) {
        Ok(read) => read,
        Err(unreadable) => {
            eprintln!("{} ({unreadable})", tr.t(unreadable.key()));
            return Ok(ExitCode::FAILURE);
        }
    };
    let summary = store::cocreation::plan_transfer::import(
        db,
        &plan,
        &parsed,
        errors,
        dry_run,
        &Importer::cli(),
    )
    .await?;
    print_summary(&tr, &summary);
    Ok(if summary.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Where the OGP import writes its report unless told: beside the input, `NAME-report.csv`.
pub fn default_report_path(file: &Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map_or_else(|| "ogp".into(), |s| s.to_string_lossy().into_owned());
    file.with_file_name(format!("{stem}-report.csv"))
}

/// `abierto import ogp FILE.csv [--report REPORT.csv]`
pub async fn import_ogp(
    db: &PgPool,
    file: &Path,
    report: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let tr = operator_language();
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let parsed = ogp::parse(&bytes)?;
    let progress = bar(parsed.commitments.len() as u64, "OGP");
    let summary =
        store::admin::ogp_import::import(db, &parsed, &Importer::cli(), || progress.inc(1)).await?;
    progress.finish_and_clear();
    println!("{}", tr.t("ogp-created"));
    for (key, n) in [
        ("ogp-created-governments", summary.governments),
        ("ogp-created-plans", summary.plans),
        ("ogp-created-institutions", summary.institutions),
        ("ogp-created-commitments", summary.commitments),
        ("ogp-created-assessments", summary.assessments),
    ] {
        println!("  {}", tr.tn(key, "count", n));
    }
    println!("{}", tr.tn("ogp-skipped", "count", summary.skipped.len()));
    for s in &summary.skipped {
        println!(
            "  {} {}: {}",
            tr.t1("import-row", "row", s.row),
            s.ogp_id,
            tr.t1(s.reason, "value", &s.detail)
        );
    }
    let path = report.map_or_else(|| default_report_path(file), Path::to_path_buf);
    let lines = summary.lines();
    std::fs::write(&path, ogp::report::csv(&tr, &lines)?)
        .with_context(|| format!("writing {}", path.display()))?;
    println!("{}", tr.tn("ogp-report", "count", summary.report.len()));
    for (key, n) in ogp::report::counts_by_key(&lines) {
        println!("  {key}: {n}");
    }
    println!("  {}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// `abierto export ogp FILE.csv [--government SLUG]`: the stored OGP commitments in the
/// columns of OGP's export, which `import ogp` reads back to the same data.
pub async fn export_ogp(
    db: &PgPool,
    file: &Path,
    government: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let commitments = store::admin::ogp_export::commitments(db, government).await?;
    if commitments.is_empty() {
        eprintln!(
            "no commitments imported from OGP{}",
            government.map_or_else(String::new, |g| format!(" for the government {g:?}"))
        );
    }
    for c in &commitments {
        for area in ogp::export::unwritten_policy_areas(c) {
            eprintln!(
                "{}: policy area {area:?} is no column of OGP's export: left out",
                c.ogp_id
            );
        }
    }
    let bytes = ogp::export::write(&commitments)?;
    std::fs::write(file, bytes).with_context(|| format!("writing {}", file.display()))?;
    println!(
        "{}: {} commitments ({} ms)",
        file.display(),
        commitments.len(),
        started.elapsed().as_millis()
    );
    Ok(ExitCode::SUCCESS)
}

/// `abierto export --all FILE.json`
pub async fn export_all(db: &PgPool, file: &Path) -> anyhow::Result<ExitCode> {
    let progress = bar(0, "export");
    let backup = store::admin::backup::export(db, |_, done| {
        progress.set_length(done as u64);
        progress.set_position(done as u64);
    })
    .await?;
    progress.finish_and_clear();
    let json = serde_json::to_vec(&backup)?;
    std::fs::write(file, json).with_context(|| format!("writing {}", file.display()))?;
    println!("{}: {} tables", file.display(), backup.tables.len());
    Ok(ExitCode::SUCCESS)
}

/// How many evidence files the database names, and the keys of those the file store lacks
/// (a database restored without its `evidence/` folder): said after a restore and at start.
pub async fn missing_evidence(
    db: &PgPool,
    files: &FileStore,
) -> anyhow::Result<(usize, Vec<String>)> {
    let keys = store::implementation::evidence::storage_keys(db).await?;
    let missing = files.missing(&keys).await?;
    Ok((keys.len(), missing))
}

/// `abierto import all FILE.json`; then says which evidence files the store still lacks.
pub async fn import_all(db: &PgPool, file: &Path, files: &FileStore) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let backup: store::admin::backup::Backup =
        serde_json::from_slice(&bytes).context("not an Abierto backup (JSON)")?;
    let progress = bar(backup.tables.len() as u64, "import");
    store::admin::backup::restore(db, &backup, |_, done| progress.set_position(done as u64))
        .await?;
    progress.finish_and_clear();
    println!(
        "{}: {} tables restored",
        file.display(),
        backup.tables.len()
    );
    let (named, missing) = missing_evidence(db, files).await?;
    if missing.is_empty() {
        println!("evidence files: all {named} present");
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "evidence files: {} of {named} are missing from the file store; copy the evidence \
         directory (ABIERTO_DATA/evidence) of the original installation. First missing: {}",
        missing.len(),
        missing[0]
    );
    Ok(ExitCode::from(3))
}
