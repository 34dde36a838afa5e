use std::path::PathBuf;
use std::process::ExitCode;

use abierto::commands::transfer as commands;
use abierto::config::Config;
use abierto::db::{self, Database};
use abierto::domain::Role;
use abierto::{AppState, accounts, demo, store, telemetry};
use anyhow::Context;
use clap::{Parser, Subcommand};

/// Abierto: Open Government Partnership action plans, from co-creation to the last milestone.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Load the demo plans and accounts into the configured database.
    Demo,
    /// Migrate the database, print its connection URL and keep it running until interrupted
    /// (for psql and for refreshing the sqlx offline data).
    Database,
    /// Create an administrator account and print its password once.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administración")]
        name: String,
        /// The slug of the one government this administrator manages (its institutions,
        /// accounts and plans); without it, the administrator manages the whole platform.
        #[arg(long)]
        government: Option<String>,
    },
    /// Check the audit log's hash chain; exits with 1 when an entry was altered or removed.
    AuditVerify,
    /// Write a plan's monitoring report to a file and print how long it took.
    Report {
        /// The plan's slug, as in /plans/SLUG.
        #[arg(long)]
        plan: String,
        /// pdf, xlsx, csv (a ZIP of CSV files) or json.
        #[arg(long, default_value = "pdf")]
        format: String,
        /// Cut-off date YYYY-MM-DD (default: today).
        #[arg(long)]
        as_of: Option<String>,
        /// Spanish (es) or English (en).
        #[arg(long, default_value = "es")]
        lang: String,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Write a plan as the import template, or the whole database as a backup.
    #[command(args_conflicts_with_subcommands = true)]
    Export {
        /// Back up every table (accounts, audit log, evidence metadata) to this JSON file.
        #[arg(long, value_name = "FILE.json")]
        all: Option<PathBuf>,
        #[command(subcommand)]
        what: Option<ExportWhat>,
    },
    /// Read a plan template, OGP's commitments export, or a backup.
    #[command(subcommand)]
    Import(ImportWhat),
}

#[derive(Subcommand)]
enum ExportWhat {
    /// A plan's commitments and milestones (XLSX with two sheets, or one CSV).
    Plan { slug: String, file: PathBuf },
    /// The commitments imported from OGP (plans with an OGP number), in the columns of OGP's
    /// export: `import ogp` reads the file back to the same data.
    Ogp {
        file: PathBuf,
        /// Only this government's plans (its slug).
        #[arg(long)]
        government: Option<String>,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// Upsert a plan's commitments and milestones from the template (XLSX or CSV).
    Plan {
        slug: String,
        file: PathBuf,
        /// Check the file and list every problem; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Governments, plans, commitments, institutions and IRM ratings from OGP's export.
    ///
    /// Writes a report of every value read with an interpretation or not read (CSV: row, OGP
    /// id, column, value, key, detail, message) to --report, or beside FILE as
    /// FILE-report.csv.
    Ogp {
        file: PathBuf,
        /// Where to write the report (default: beside FILE, named NAME-report.csv).
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Restore a backup made by `export --all` into an empty database.
    All { file: PathBuf },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("abierto: configuration: {e:#}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(config.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("abierto: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command.unwrap_or(Command::Serve), config)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("abierto: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, config: Config) -> anyhow::Result<ExitCode> {
    let database = Database::open(&config).await?;
    let result = run_with(command, &config, &database).await;
    // The private cluster stops whatever happened above.
    let closed = database.close().await;
    result.and_then(|code| closed.map(|()| code))
}

async fn run_with(
    command: Command,
    config: &Config,
    database: &Database,
) -> anyhow::Result<ExitCode> {
    let pool = db::connect(&database.url(), config.db_max_connections)
        .await
        .context("connecting to PostgreSQL")?;
    db::migrate(&pool).await.context("migrating the database")?;
    let mut code = ExitCode::SUCCESS;
    match command {
        Command::Migrate => {
            println!("migrations applied");
        }
        Command::Database => {
            println!("{}", database.url());
            shutdown_signal().await;
        }
        Command::Demo => {
            let accounts = demo::install(&pool).await?;
            print_accounts(&accounts);
        }
        Command::CreateAdmin {
            email,
            name,
            government,
        } => {
            if store::account::users::email_exists(&pool, &email).await? {
                anyhow::bail!("an account with the email {email} exists already");
            }
            let password = accounts::generate_password();
            let hash = accounts::Hasher::sequential()
                .hash(password.clone())
                .await?;
            let mut tx = pool.begin().await?;
            if let Some(slug) = &government
                && store::admin::directory::government_id(&pool, slug)
                    .await?
                    .is_none()
            {
                anyhow::bail!("no government with the slug {slug}");
            }
            let scope = (None, government.as_deref());
            store::account::users::create(&mut tx, &email, &name, Role::Admin, scope, &hash)
                .await?;
            tx.commit().await?;
            println!("administrator {email} created; password (shown once): {password}");
        }
        Command::Serve => {
            if database_is_embedded(database)
                && let Some(accounts) = demo::install_if_empty(&pool).await?
            {
                print_accounts(&accounts);
            }
            serve(config, pool.clone()).await?;
        }
        Command::AuditVerify => {
            code = audit_verify(&pool).await?;
        }
        Command::Report {
            plan,
            format,
            as_of,
            lang,
            out,
        } => {
            let args = report_cli::Args {
                plan,
                format,
                as_of,
                lang,
                out,
            };
            code = report_cli::run(&pool, args).await?;
        }
        Command::Export {
            all: Some(file), ..
        } => code = commands::export_all(&pool, &file).await?,
        Command::Export {
            what: Some(ExportWhat::Plan { slug, file }),
            ..
        } => code = commands::export_plan(&pool, &slug, &file).await?,
        Command::Export {
            what: Some(ExportWhat::Ogp { file, government }),
            ..
        } => code = commands::export_ogp(&pool, &file, government.as_deref()).await?,
        Command::Export { .. } => {
            anyhow::bail!(
                "say what to export: `plan SLUG FILE`, `ogp FILE.csv` or `--all FILE.json`"
            )
        }
        Command::Import(ImportWhat::Plan {
            slug,
            file,
            dry_run,
        }) => code = commands::import_plan(&pool, &slug, &file, dry_run).await?,
        Command::Import(ImportWhat::Ogp { file, report }) => {
            code = commands::import_ogp(&pool, &file, report.as_deref()).await?
        }
        Command::Import(ImportWhat::All { file }) => {
            let files = abierto::store::implementation::files::FileStore::from_config(config)?;
            code = commands::import_all(&pool, &file, &files).await?
        }
    }
    pool.close().await;
    Ok(code)
}

/// A broken chain is a finding, not a failure to check: it is printed like the intact case.
async fn audit_verify(pool: &sqlx::PgPool) -> anyhow::Result<ExitCode> {
    let report = store::audit::verify(pool)
        .await
        .context("reading the audit log")?;
    match report.first_mismatch {
        None => {
            println!("audit log intact: {} rows", report.rows);
            Ok(ExitCode::SUCCESS)
        }
        Some((id, reason)) => {
            println!("audit log broken at row {id}: {reason}");
            Ok(ExitCode::FAILURE)
        }
    }
}

mod report_cli {
    use std::process::ExitCode;
    use std::time::Instant;

    use abierto::i18n::{Locale, Tr};
    use abierto::reports::{self, Format};
    use abierto::store;
    use anyhow::Context;

    pub struct Args {
        pub plan: String,
        pub format: String,
        pub as_of: Option<String>,
        pub lang: String,
        pub out: std::path::PathBuf,
    }

    /// Builds the report like the web page does, on this thread, and times each step.
    pub async fn run(pool: &sqlx::PgPool, args: Args) -> anyhow::Result<ExitCode> {
        let format: Format = args.format.parse()?;
        if format == Format::Html {
            anyhow::bail!("HTML reports are pages: use pdf, xlsx, csv or json");
        }
        let today = chrono::Utc::now().date_naive();
        let as_of = match args.as_of.as_deref() {
            None => today,
            Some(d) => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .with_context(|| format!("--as-of {d}: expected YYYY-MM-DD"))?,
        };
        let tr = Tr::new(Locale::parse(&args.lang).unwrap_or(Locale::Es));
        let plan = store::public::plans::by_slug(pool, &args.plan)
            .await?
            .with_context(|| format!("no published plan {}", args.plan))?;
        let started = Instant::now();
        let facts =
            store::monitoring::reports::facts(pool, &plan, reports::model::end_of_day(as_of))
                .await?;
        let read = started.elapsed();
        let report = reports::build(&facts, as_of);
        let built = started.elapsed() - read;
        let rendering = Instant::now();
        let bytes = reports::render_file(&report, format, &tr, None)?;
        let rendered = rendering.elapsed();
        std::fs::write(&args.out, &bytes)
            .with_context(|| format!("writing {}", args.out.display()))?;
        println!(
            "{}: {} commitments, {} milestones, {} updates; read {} ms, built {} ms, {} {} ms, {} bytes",
            args.out.display(),
            report.summary.commitments,
            report.summary.milestones,
            report.summary.updates,
            read.as_millis(),
            built.as_millis(),
            format.as_str(),
            rendered.as_millis(),
            bytes.len()
        );
        Ok(ExitCode::SUCCESS)
    }
}

fn database_is_embedded(database: &Database) -> bool {
    matches!(database, Database::Embedded(_))
}

fn print_accounts(accounts: &[demo::DemoAccount]) {
    if accounts.is_empty() {
        return;
    }
    println!("Demo accounts (passwords are shown only now):");
    for a in accounts {
        println!("  {:<12} {:<40} {}", a.role, a.email, a.password);
    }
}

async fn serve(config: &Config, pool: sqlx::PgPool) -> anyhow::Result<()> {
    spawn_session_cleanup(pool.clone());
    let state = AppState::new(pool.clone(), config.clone())?;
    spawn_evidence_check(pool.clone(), state.files.clone());
    abierto::jobs::spawn_schedule(pool, state.mailer.clone(), config.clone());
    let app = abierto::router(state);
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("binding {}", config.bind))?;
    tracing::info!("Abierto listening on http://{}", config.bind);
    println!("Abierto is serving on http://{}", config.bind);
    abierto::web::http::server::serve(
        listener,
        app,
        abierto::web::http::server::Limits::of(config),
        shutdown_signal(),
    )
    .await;
    tracing::info!("shut down");
    Ok(())
}

/// Says at start, in the log, when evidence files named by the database are not in the file
/// store (a restore without the `evidence/` folder); their downloads answer 404 meanwhile.
fn spawn_evidence_check(
    pool: sqlx::PgPool,
    files: abierto::store::implementation::files::FileStore,
) {
    tokio::spawn(async move {
        match commands::missing_evidence(&pool, &files).await {
            Ok((_, missing)) if missing.is_empty() => {}
            Ok((named, missing)) => tracing::warn!(
                missing = missing.len(),
                named,
                first = %missing[0],
                "evidence files are missing from the file store: copy ABIERTO_DATA/evidence from the original installation"
            ),
            Err(error) => tracing::warn!(%error, "could not check the evidence files"),
        }
    });
}

/// Removes expired sessions every hour (any node may do it; the delete is idempotent).
fn spawn_session_cleanup(pool: sqlx::PgPool) {
    let sessions = store::account::sessions::PgSessionStore::new(pool);
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            match sessions.delete_expired().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(removed = n, "expired sessions removed"),
                Err(e) => tracing::warn!(error = %e, "removing expired sessions failed"),
            }
        }
    });
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}
