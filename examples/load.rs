//! Load and fault check of running Abierto processes; `bench/load.sh` starts PostgreSQL and the
//! apps and calls this once per phase. Each phase prints a markdown fragment on stdout and
//! exits with 1 when one of its checks fails.
//!
//! ```text
//! load setup                       accounts for the load's officials, 2019 plan reopened
//! load mixed   --app URL [--app URL]   anonymous reads and progress reports for DURATION
//! load outage  --app URL --pg-stop CMD --pg-start CMD   PostgreSQL killed during the load
//! load two-apps --app A --app B        a report through A is read through B at once
//! ```
//!
//! Reports go through the real HTML flow (login page, login, report form, report), each
//! writing connection on milestones of its own so no report meets a version conflict. Every
//! narrative starts with a unique token, so the reports accepted can be found in the database.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use abierto::domain::Role;
use axum::http::{Method, Request, header};
use bytes::Bytes;
use clap::{Args, Parser, Subcommand};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use sqlx::{Connection, PgPool};
use uuid::Uuid;

/// The password of every account the load creates.
const PASSWORD: &str = "carga de prueba: contraseña larga 2026";
/// Longer than the app's own 30 s request timeout: a request still open then hangs.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(35);
/// The Spanish text of the page shown while the database is unreachable.
const UNAVAILABLE_TEXT: &str = "El servicio no está disponible en este momento";

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    phase: Phase,
}

#[derive(Subcommand)]
enum Phase {
    /// One official account per institution responsible for a milestone of a plan in
    /// implementation (with the demo's 2019 plan set back to implementation first).
    Setup(Db),
    /// Anonymous reads and progress reports, then every accepted report looked up.
    Mixed(Load),
    /// The load runs while PostgreSQL is stopped and started again.
    Outage(Outage),
    /// Reports made through the first app, read at once through the second.
    TwoApps(TwoApps),
}

#[derive(Args)]
struct Db {
    #[arg(long, env = "DATABASE_URL")]
    database_url: String,
}

#[derive(Args)]
struct Load {
    #[command(flatten)]
    db: Db,
    /// Base URL of an app; connections are spread over every one given.
    #[arg(long = "app", required = true)]
    apps: Vec<String>,
    /// Seconds of load.
    #[arg(long, env = "DURATION", default_value_t = 60)]
    duration: u64,
    #[arg(long, env = "CONNECTIONS", default_value_t = 32)]
    connections: usize,
    /// How many of the connections are officials reporting progress.
    #[arg(long, env = "WRITERS", default_value_t = 8)]
    writers: usize,
    /// Heading of the markdown fragment.
    #[arg(long, default_value = "Mixed load")]
    title: String,
}

#[derive(Args)]
struct Outage {
    #[command(flatten)]
    load: Load,
    /// Shell command that kills PostgreSQL.
    #[arg(long)]
    pg_stop: String,
    /// Shell command that starts it again.
    #[arg(long)]
    pg_start: String,
    /// Seconds PostgreSQL stays down.
    #[arg(long, env = "OUTAGE", default_value_t = 10)]
    down: u64,
}

#[derive(Args)]
struct TwoApps {
    #[command(flatten)]
    db: Db,
    #[arg(long = "app", num_args = 1, required = true)]
    apps: Vec<String>,
    #[arg(long, env = "ROUNDS", default_value_t = 100)]
    rounds: usize,
    /// With --pg-start: stop PostgreSQL after the rounds, start it, and play a fifth as many
    /// rounds again at once.
    #[arg(long)]
    pg_stop: Option<String>,
    #[arg(long)]
    pg_start: Option<String>,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let result = runtime.block_on(async {
        match cli.phase {
            Phase::Setup(db) => setup(&db).await,
            Phase::Mixed(load) => mixed(&load).await,
            Phase::Outage(outage) => outage_phase(&outage).await,
            Phase::TwoApps(two) => two_apps(&two).await,
        }
    });
    match result {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::FAILURE,
        Err(e) => {
            eprintln!("load: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The database: set-up, targets, verification

/// A milestone a load official may report on.
#[derive(Clone, Debug)]
struct Target {
    milestone: Uuid,
    email: String,
    page: String,
}

fn official_email(institution_slug: &str) -> String {
    let short: String = institution_slug.chars().take(40).collect();
    format!("carga.{short}@abierto.example")
}

async fn setup(db: &Db) -> anyhow::Result<bool> {
    let pool = PgPool::connect(&db.database_url).await?;
    // The demo's implementation plan has 4 milestones; the 2019 plan adds 28 with an
    // institution, so every writing connection can have milestones of its own.
    sqlx::query(
        "UPDATE action_plans SET phase = 'implementation' WHERE slug = 'ecuador-2019-2022'",
    )
    .execute(&pool)
    .await?;
    let institutions: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT i.slug FROM milestones m
           JOIN commitments c ON c.id = m.commitment_id
           JOIN action_plans p ON p.id = c.plan_id
           JOIN institutions i ON i.id = m.responsible_institution_id
          WHERE p.phase = 'implementation' ORDER BY i.slug",
    )
    .fetch_all(&pool)
    .await?;
    let hash = abierto::accounts::Hasher::sequential()
        .hash(PASSWORD.into())
        .await?;
    for slug in &institutions {
        let email = official_email(slug);
        if abierto::store::account::users::email_exists(&pool, &email).await? {
            continue;
        }
        let mut tx = pool.begin().await?;
        abierto::store::account::users::create(
            &mut tx,
            &email,
            &email,
            Role::Official,
            (Some(slug.as_str()), None),
            &hash,
        )
        .await?;
        tx.commit().await?;
    }
    eprintln!("set-up: {} official accounts", institutions.len());
    Ok(true)
}

async fn targets(pool: &PgPool) -> anyhow::Result<Vec<Target>> {
    let rows: Vec<(Uuid, String, String, String)> = sqlx::query_as(
        "SELECT m.id, i.slug, p.slug, c.code FROM milestones m
           JOIN commitments c ON c.id = m.commitment_id
           JOIN action_plans p ON p.id = c.plan_id
           JOIN institutions i ON i.id = m.responsible_institution_id
          WHERE p.phase = 'implementation'
          ORDER BY p.slug, length(c.code), c.code, m.position",
    )
    .fetch_all(pool)
    .await?;
    anyhow::ensure!(
        !rows.is_empty(),
        "no milestone to report on: run `load setup`"
    );
    Ok(rows
        .into_iter()
        .map(|(milestone, institution, plan, code)| Target {
            milestone,
            email: official_email(&institution),
            page: format!("/plans/{plan}/commitments/{code}"),
        })
        .collect())
}

/// Anonymous pages: home, plans, every commitment, the API's lists.
async fn read_paths(pool: &PgPool) -> anyhow::Result<Vec<String>> {
    let mut paths: Vec<String> = [
        "/",
        "/plans",
        "/api/v1/plans",
        "/api/v1/commitments?limit=50",
    ]
    .into_iter()
    .chain(["/api/v1/milestones?limit=50", "/api/v1/updates?limit=50"])
    .map(str::to_owned)
    .collect();
    let plans: Vec<String> = sqlx::query_scalar("SELECT slug FROM action_plans ORDER BY slug")
        .fetch_all(pool)
        .await?;
    paths.extend(plans.iter().map(|p| format!("/plans/{p}")));
    let commitments: Vec<(String, String)> = sqlx::query_as(
        "SELECT p.slug, c.code FROM commitments c JOIN action_plans p ON p.id = c.plan_id
          ORDER BY p.slug, length(c.code), c.code",
    )
    .fetch_all(pool)
    .await?;
    paths.extend(
        commitments
            .iter()
            .map(|(p, c)| format!("/plans/{p}/commitments/{c}")),
    );
    Ok(paths)
}

/// How many of `tokens` start a progress report's narrative in the database, and how many
/// reports of this run are there that no client saw accepted.
async fn found_in_database(
    pool: &PgPool,
    run: &str,
    tokens: &[String],
) -> anyhow::Result<(usize, usize)> {
    let stored: Vec<String> = sqlx::query_scalar(
        "SELECT split_part(narrative, ':', 1) FROM progress_updates WHERE narrative LIKE $1",
    )
    .bind(format!("{run}-%"))
    .fetch_all(pool)
    .await?;
    let stored: std::collections::HashSet<String> = stored.into_iter().collect();
    let found = tokens.iter().filter(|t| stored.contains(*t)).count();
    Ok((found, stored.len() - found))
}

// ---------------------------------------------------------------------------------------------
// A browser-like client

type HttpClient = Client<HttpConnector, Full<Bytes>>;

#[derive(Debug)]
struct Reply {
    status: u16,
    location: Option<String>,
    body: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Fault {
    Timeout,
    Socket,
}

/// One connection's client: its own pool of one, and the cookies of its session.
struct Agent {
    client: HttpClient,
    base: String,
    cookies: BTreeMap<String, String>,
}

impl Agent {
    fn new(base: &str) -> Self {
        Self {
            client: Client::builder(TokioExecutor::new())
                .pool_max_idle_per_host(1)
                .build_http(),
            base: base.trim_end_matches('/').to_owned(),
            cookies: BTreeMap::new(),
        }
    }

    /// The same session (cookies) against another app.
    fn on(&self, base: &str) -> Self {
        let mut agent = Self::new(base);
        agent.cookies = self.cookies.clone();
        agent
    }

    async fn get(&mut self, path: &str) -> Result<Reply, Fault> {
        self.send(Method::GET, path, None).await
    }

    async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Result<Reply, Fault> {
        let body = serde_urlencoded::to_string(fields).unwrap_or_default();
        self.send(Method::POST, path, Some(body)).await
    }

    async fn send(
        &mut self,
        method: Method,
        path: &str,
        form: Option<String>,
    ) -> Result<Reply, Fault> {
        let mut builder = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        if !self.cookies.is_empty() {
            let cookie = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            builder = builder.header(header::COOKIE, cookie);
        }
        if form.is_some() {
            builder = builder.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        }
        let request = builder
            .body(Full::new(Bytes::from(form.unwrap_or_default())))
            .map_err(|_| Fault::Socket)?;
        let exchange = async {
            let response = self
                .client
                .request(request)
                .await
                .map_err(|_| Fault::Socket)?;
            let (parts, body) = response.into_parts();
            let bytes = body.collect().await.map_err(|_| Fault::Socket)?.to_bytes();
            Ok::<_, Fault>((parts, bytes))
        };
        let (parts, bytes) = tokio::time::timeout(CLIENT_TIMEOUT, exchange)
            .await
            .map_err(|_| Fault::Timeout)??;
        for value in parts.headers.get_all(header::SET_COOKIE) {
            let text = value.to_str().unwrap_or_default();
            let pair = text.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                if text.contains("Max-Age=0") || value.is_empty() {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_owned(), value.to_owned());
                }
            }
        }
        Ok(Reply {
            status: parts.status.as_u16(),
            location: parts
                .headers
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }

    /// Logs in through the login page, as a browser does.
    async fn log_in(&mut self, email: &str) -> anyhow::Result<()> {
        let page = self
            .get("/login")
            .await
            .map_err(|f| anyhow::anyhow!("{f:?}"))?;
        let csrf = hidden(&page.body, "csrf").ok_or_else(|| anyhow::anyhow!("no login form"))?;
        let done = self
            .post_form(
                "/login",
                &[("csrf", &csrf), ("email", email), ("password", PASSWORD)],
            )
            .await
            .map_err(|f| anyhow::anyhow!("{f:?}"))?;
        anyhow::ensure!(
            done.status == 303,
            "login of {email} answered {}",
            done.status
        );
        Ok(())
    }
}

/// The value of the hidden field `name` of a page.
fn hidden(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let at = html.find(&marker)? + marker.len();
    let rest = &html[at..];
    Some(rest[..rest.find('"')?].to_owned())
}

// ---------------------------------------------------------------------------------------------
// What the connections saw

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Kind {
    Read,
    Form,
    Report,
}

/// One answer (or its absence), with when it came since the start of the phase.
#[derive(Clone, Copy, Debug)]
struct Seen {
    kind: Kind,
    at_ms: u64,
    latency_us: u64,
    status: Result<u16, Fault>,
    /// A 503 whose body does not explain the outage.
    unexplained_503: bool,
}

#[derive(Default)]
struct Tally {
    seen: Vec<Seen>,
    /// Tokens of the reports the app accepted (303 to the commitment page).
    accepted: Vec<String>,
    /// A few of the failures, to print.
    samples: Vec<String>,
}

impl Tally {
    fn record(
        &mut self,
        kind: Kind,
        path: &str,
        start: Instant,
        t0: Instant,
        r: &Result<Reply, Fault>,
    ) {
        let status = r.as_ref().map(|r| r.status).map_err(|f| *f);
        let unexplained_503 = r
            .as_ref()
            .is_ok_and(|r| r.status == 503 && !r.body.contains(UNAVAILABLE_TEXT));
        let ok = matches!(status, Ok(200..=399));
        if !ok && self.samples.len() < 5 {
            self.samples.push(format!("{kind:?} {path}: {status:?}"));
        }
        self.seen.push(Seen {
            kind,
            at_ms: u64::try_from(t0.duration_since(start).as_millis()).unwrap_or(u64::MAX),
            latency_us: u64::try_from(t0.elapsed().as_micros()).unwrap_or(u64::MAX),
            status,
            unexplained_503,
        });
    }

    fn merge(&mut self, other: Tally) {
        self.seen.extend(other.seen);
        self.accepted.extend(other.accepted);
        for s in other.samples {
            if self.samples.len() < 10 {
                self.samples.push(s);
            }
        }
    }

    fn errors(&self) -> usize {
        self.seen
            .iter()
            .filter(|s| !matches!(s.status, Ok(200..=399)))
            .count()
    }

    fn count(&self, f: impl Fn(&Seen) -> bool) -> usize {
        self.seen.iter().filter(|s| f(s)).count()
    }

    /// Count, p50 and p99 in milliseconds of the successful answers of one kind.
    fn latency(&self, kind: Kind) -> (usize, f64, f64) {
        let mut us: Vec<u64> = self
            .seen
            .iter()
            .filter(|s| s.kind == kind && matches!(s.status, Ok(200..=399)))
            .map(|s| s.latency_us)
            .collect();
        us.sort_unstable();
        let at = |q: f64| {
            if us.is_empty() {
                return 0.0;
            }
            let i = ((us.len() as f64 * q) as usize).min(us.len() - 1);
            us[i] as f64 / 1000.0
        };
        (us.len(), at(0.50), at(0.99))
    }

    /// Answers by status ("timeout" and "socket" for none).
    fn statuses(&self) -> String {
        let mut by: BTreeMap<String, usize> = BTreeMap::new();
        for s in &self.seen {
            let key = match s.status {
                Ok(code) => code.to_string(),
                Err(Fault::Timeout) => "timeout".into(),
                Err(Fault::Socket) => "socket error".into(),
            };
            *by.entry(key).or_default() += 1;
        }
        by.iter()
            .map(|(k, n)| format!("{k}: {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

// ---------------------------------------------------------------------------------------------
// The load

/// Everything the connections share.
struct Plan {
    apps: Vec<String>,
    reads: Vec<String>,
    targets: Vec<Target>,
    writers: usize,
    run: String,
    start: Instant,
    stop: AtomicBool,
}

/// Logs in every writing connection (before the clock starts) and runs all connections
/// until `plan.stop` is set.
async fn start_load(
    plan: &Arc<Plan>,
    connections: usize,
) -> anyhow::Result<Vec<tokio::task::JoinHandle<Tally>>> {
    let mut handles = Vec::new();
    for c in 0..connections {
        let plan = plan.clone();
        let base = &plan.apps[c % plan.apps.len()];
        if c < plan.writers {
            let mine: Vec<Target> = plan
                .targets
                .iter()
                .enumerate()
                .filter(|(i, _)| i % plan.writers == c)
                .map(|(_, t)| t.clone())
                .collect();
            let mut agents: HashMap<String, Agent> = HashMap::new();
            for t in &mine {
                if !agents.contains_key(&t.email) {
                    let mut agent = Agent::new(base);
                    agent.log_in(&t.email).await?;
                    agents.insert(t.email.clone(), agent);
                }
            }
            handles.push(tokio::spawn(writer(plan, c, mine, agents)));
        } else {
            let agent = Agent::new(base);
            handles.push(tokio::spawn(reader(plan, c, agent)));
        }
    }
    Ok(handles)
}

async fn reader(plan: Arc<Plan>, c: usize, mut agent: Agent) -> Tally {
    let mut tally = Tally::default();
    let mut i = c;
    while !plan.stop.load(Ordering::Relaxed) {
        let path = &plan.reads[i % plan.reads.len()];
        let t0 = Instant::now();
        let reply = agent.get(path).await;
        tally.record(Kind::Read, path, plan.start, t0, &reply);
        i += 1;
    }
    tally
}

/// One report on one milestone: the form (for its token and version), then the report.
async fn report_once(
    agent: &mut Agent,
    target: &Target,
    token: &str,
    progress: u32,
    tally: &mut Tally,
    start: Instant,
) -> Option<Reply> {
    let form = format!("/implementation/milestones/{}/report", target.milestone);
    let t0 = Instant::now();
    let page = agent.get(&form).await;
    tally.record(Kind::Form, &form, start, t0, &page);
    let page = page.ok().filter(|p| p.status == 200)?;
    let (Some(csrf), Some(version)) = (hidden(&page.body, "csrf"), hidden(&page.body, "version"))
    else {
        tally
            .samples
            .push(format!("{form}: no form token or version"));
        return None;
    };
    let narrative = format!("{token}: reunión técnica de seguimiento y actas publicadas.");
    let progress = progress.to_string();
    let t1 = Instant::now();
    let sent = agent
        .post_form(
            &form,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("progress", &progress),
                ("status", "in_progress"),
                ("narrative", &narrative),
            ],
        )
        .await;
    tally.record(Kind::Report, &form, start, t1, &sent);
    let sent = sent.ok()?;
    let accepted = sent.status == 303
        && sent
            .location
            .as_deref()
            .is_some_and(|l| l.starts_with(&target.page));
    if accepted {
        tally.accepted.push(token.to_owned());
    }
    Some(sent)
}

async fn writer(
    plan: Arc<Plan>,
    c: usize,
    mine: Vec<Target>,
    mut agents: HashMap<String, Agent>,
) -> Tally {
    let mut tally = Tally::default();
    let mut n: u32 = 0;
    while !plan.stop.load(Ordering::Relaxed) {
        let target = &mine[n as usize % mine.len()];
        let Some(agent) = agents.get_mut(&target.email) else {
            break;
        };
        let token = format!("{}-{c}-{n}", plan.run);
        let reply = report_once(agent, target, &token, 1 + n % 98, &mut tally, plan.start).await;
        if reply.is_none() {
            // The form did not come (the database is down): a person would wait a moment.
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        n += 1;
    }
    tally
}

async fn collect(handles: Vec<tokio::task::JoinHandle<Tally>>) -> anyhow::Result<Tally> {
    let mut tally = Tally::default();
    for h in handles {
        tally.merge(h.await?);
    }
    Ok(tally)
}

fn run_id() -> String {
    format!("carga{}", &Uuid::now_v7().simple().to_string()[..12])
}

async fn prepare(load: &Load) -> anyhow::Result<(PgPool, Arc<Plan>)> {
    let pool = PgPool::connect(&load.db.database_url).await?;
    let targets = targets(&pool).await?;
    let plan = Arc::new(Plan {
        apps: load.apps.clone(),
        reads: read_paths(&pool).await?,
        writers: load.writers.min(targets.len()).min(load.connections),
        targets,
        run: run_id(),
        start: Instant::now(),
        stop: AtomicBool::new(false),
    });
    Ok((pool, plan))
}

async fn mixed(load: &Load) -> anyhow::Result<bool> {
    let (pool, plan) = prepare(load).await?;
    let handles = start_load(&plan, load.connections).await?;
    let began = Instant::now();
    tokio::time::sleep(Duration::from_secs(load.duration)).await;
    plan.stop.store(true, Ordering::Relaxed);
    let tally = collect(handles).await?;
    let seconds = began.elapsed().as_secs_f64();
    let (found, unseen) = found_in_database(&pool, &plan.run, &tally.accepted).await?;
    let errors = tally.errors();
    let ok = errors == 0 && found == tally.accepted.len() && !tally.accepted.is_empty();
    println!("### {}\n", load.title);
    println!(
        "{} s, {} connections ({} officials reporting on {} milestones, {} anonymous readers), {} app process(es).\n",
        load.duration,
        load.connections,
        plan.writers,
        plan.targets.len(),
        load.connections - plan.writers,
        load.apps.len()
    );
    println!("| requests | req/s | errors | answers |\n|---:|---:|---:|---|");
    println!(
        "| {} | {:.0} | {errors} | {} |\n",
        tally.seen.len(),
        tally.seen.len() as f64 / seconds,
        tally.statuses()
    );
    print_latencies(&tally);
    println!(
        "Reports: accepted {}, found {found} in the database ({unseen} more stored without an accepted answer).\n",
        tally.accepted.len()
    );
    print_samples(&tally);
    verdict(ok);
    Ok(ok)
}

fn print_latencies(tally: &Tally) {
    println!("| kind | answered | p50 ms | p99 ms |\n|---|---:|---:|---:|");
    for (kind, label) in [
        (Kind::Read, "anonymous read"),
        (Kind::Form, "report form (signed in)"),
        (Kind::Report, "report (POST)"),
    ] {
        let (n, p50, p99) = tally.latency(kind);
        println!("| {label} | {n} | {p50:.1} | {p99:.1} |");
    }
    println!();
}

fn print_samples(tally: &Tally) {
    if !tally.samples.is_empty() {
        println!("First answers other than 2xx/3xx:\n");
        for s in &tally.samples {
            println!("- `{s}`");
        }
        println!();
    }
}

fn verdict(ok: bool) {
    println!("Result: **{}**\n", if ok { "pass" } else { "FAIL" });
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL killed during the load

async fn shell(command: &str) -> anyhow::Result<()> {
    let status = tokio::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdout(std::process::Stdio::null())
        .status()
        .await?;
    anyhow::ensure!(status.success(), "`{command}` failed: {status}");
    Ok(())
}

/// Polls `path` every 100 ms until it answers 200; returns when it did.
async fn first_200(agent: &mut Agent, path: &str, limit: Duration) -> Option<Instant> {
    let until = Instant::now() + limit;
    while Instant::now() < until {
        if let Ok(reply) = agent.get(path).await
            && reply.status == 200
        {
            return Some(Instant::now());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    None
}

/// When PostgreSQL accepts connections again (a connection attempt every 100 ms).
async fn database_back(url: &str, limit: Duration) -> Option<Instant> {
    let until = Instant::now() + limit;
    while Instant::now() < until {
        let attempt =
            tokio::time::timeout(Duration::from_secs(1), sqlx::PgConnection::connect(url)).await;
        if let Ok(Ok(conn)) = attempt {
            let at = Instant::now();
            let _ = conn.close().await;
            return Some(at);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    None
}

fn ms(d: Duration) -> String {
    format!("{}", d.as_millis())
}

async fn outage_phase(o: &Outage) -> anyhow::Result<bool> {
    let (pool, plan) = prepare(&o.load).await?;
    let app = plan.apps[0].clone();
    // Signed-in pages always read the database (session and user), even with a page cache.
    let probe_target = plan.targets[0].clone();
    let mut signed_in = Agent::new(&app);
    signed_in.log_in(&probe_target.email).await?;
    let mut anonymous = Agent::new(&app);
    let handles = start_load(&plan, o.load.connections).await?;
    let warm = Duration::from_secs(5);
    tokio::time::sleep(warm).await;
    pool.close().await;

    let killed = Instant::now();
    shell(&o.pg_stop).await?;
    eprintln!("outage: PostgreSQL stopped");
    tokio::time::sleep(Duration::from_secs(o.down)).await;
    let starting = Instant::now();
    let start_cmd = o.pg_start.clone();
    let starter = tokio::spawn(async move { shell(&start_cmd).await });
    let url = o.load.db.database_url.clone();
    let back = tokio::spawn(async move { database_back(&url, Duration::from_secs(60)).await });
    let anonymous_page = probe_target.page.clone();
    let anonymous_back = tokio::spawn(async move {
        first_200(&mut anonymous, &anonymous_page, Duration::from_secs(60)).await
    });
    let signed_in_back =
        first_200(&mut signed_in, "/implementation", Duration::from_secs(60)).await;
    let db_back = back.await?;
    let anonymous_back = anonymous_back.await?;
    starter.await??;
    eprintln!("outage: PostgreSQL started, app answering again");
    tokio::time::sleep(Duration::from_secs(10)).await;
    plan.stop.store(true, Ordering::Relaxed);
    let tally = collect(handles).await?;
    let health = Agent::new(&app).get("/healthz").await;
    let alive = health.as_ref().is_ok_and(|r| r.status == 200);

    let recovery = |at: Option<Instant>| match (db_back, at) {
        (Some(db), Some(app)) => (
            ms(app.saturating_duration_since(db)),
            app.saturating_duration_since(db),
        ),
        _ => ("never".to_owned(), Duration::MAX),
    };
    let (signed_in_text, signed_in_delay) = recovery(signed_in_back);
    let (anonymous_text, _) = recovery(anonymous_back);
    let from_ms = |i: Instant| u64::try_from(i.duration_since(plan.start).as_millis()).unwrap_or(0);
    let (down_from, down_to) = (from_ms(killed), signed_in_back.map_or(u64::MAX, from_ms));
    let during = |s: &Seen| s.at_ms >= down_from && s.at_ms <= down_to;
    let in_outage = tally.count(during);
    let outage_503 = tally.count(|s| during(s) && s.status == Ok(503));
    let unexplained = tally.count(|s| s.unexplained_503);
    let server_errors = tally.count(|s| matches!(s.status, Ok(500..=599)) && s.status != Ok(503));
    let timeouts = tally.count(|s| s.status == Err(Fault::Timeout));
    let sockets = tally.count(|s| s.status == Err(Fault::Socket));
    let slowest_ms = tally
        .seen
        .iter()
        .filter(|s| during(s))
        .map(|s| s.latency_us / 1000)
        .max()
        .unwrap_or(0);
    let pool = PgPool::connect(&o.load.db.database_url).await?;
    let (found, unseen) = found_in_database(&pool, &plan.run, &tally.accepted).await?;
    let ok = alive
        && server_errors == 0
        && unexplained == 0
        && timeouts == 0
        && sockets == 0
        && found == tally.accepted.len()
        && signed_in_delay <= Duration::from_secs(5);

    println!("### PostgreSQL killed during the load\n");
    println!(
        "{} connections on one app ({} reporting); PostgreSQL killed after {} s of load, started again {} s later.\n",
        o.load.connections,
        plan.writers,
        warm.as_secs(),
        o.down
    );
    println!("| check | result |\n|---|---|");
    println!(
        "| app process alive afterwards (`/healthz`) | {} |",
        if alive { "yes" } else { "**no**" }
    );
    println!("| answers during the outage | {in_outage}, of which 503: {outage_503} |");
    println!("| 503 without the translated explanation | {unexplained} |");
    println!("| other 5xx (500 …) in the whole phase | {server_errors} |");
    println!("| timeouts / socket errors | {timeouts} / {sockets} |");
    println!("| slowest answer during the outage | {slowest_ms} ms |");
    println!(
        "| PostgreSQL start command → accepting connections | {} ms |",
        db_back.map_or(
            "never".into(),
            |d| ms(d.saturating_duration_since(starting))
        )
    );
    println!(
        "| accepting connections → first 200, signed-in `/implementation` | {signed_in_text} ms |"
    );
    println!(
        "| accepting connections → first 200, anonymous commitment page | {anonymous_text} ms |"
    );
    println!(
        "| reports accepted / found in the database | {} / {found} ({unseen} more stored without an accepted answer) |",
        tally.accepted.len()
    );
    println!("| all answers | {} |\n", tally.statuses());
    print_samples(&tally);
    verdict(ok);
    Ok(ok)
}

// ---------------------------------------------------------------------------------------------
// Two app processes on one database

/// Stale reads through B, by how B was asked.
#[derive(Default)]
struct Staleness {
    reported: usize,
    anonymous: usize,
    signed_in: usize,
    api: usize,
}

/// Officials' sessions on A and everything seen, across the rounds of the phase.
struct Rounds<'a> {
    apps: &'a [String],
    targets: Vec<Target>,
    on_a: HashMap<String, Agent>,
    tally: Tally,
    run: String,
    start: Instant,
}

impl Rounds<'_> {
    /// Rounds `from..from + count`: B reads the page, A takes a report, B is asked again.
    async fn play(&mut self, from: usize, count: usize) -> anyhow::Result<Staleness> {
        let mut seen = Staleness::default();
        for round in from..from + count {
            let target = &self.targets[round % self.targets.len()];
            if !self.on_a.contains_key(&target.email) {
                let mut agent = Agent::new(&self.apps[0]);
                agent.log_in(&target.email).await?;
                self.on_a.insert(target.email.clone(), agent);
            }
            let Some(writer) = self.on_a.get_mut(&target.email) else {
                continue;
            };
            let mut anonymous_b = Agent::new(&self.apps[1]);
            let mut signed_in_b = writer.on(&self.apps[1]);
            let mut api_b = Agent::new(&self.apps[1]);
            // B has read (and may keep) the page as it was before the report.
            let t0 = Instant::now();
            let before = anonymous_b.get(&target.page).await;
            self.tally
                .record(Kind::Read, &target.page, self.start, t0, &before);
            let token = format!("{}-{round}", self.run);
            let progress = u32::try_from(1 + round % 98).unwrap_or(1);
            let sent = report_once(
                writer,
                target,
                &token,
                progress,
                &mut self.tally,
                self.start,
            );
            let Some(sent) = sent.await.filter(|r| r.status == 303) else {
                continue;
            };
            seen.reported += 1;
            let page = sent.location.unwrap_or_default();
            let api = format!("/api/v1/updates?milestone={}&limit=1", target.milestone);
            for (agent, path, stale) in [
                (&mut anonymous_b, &page, &mut seen.anonymous),
                (&mut signed_in_b, &page, &mut seen.signed_in),
                (&mut api_b, &api, &mut seen.api),
            ] {
                let t0 = Instant::now();
                let reply = agent.get(path).await;
                self.tally.record(Kind::Read, path, self.start, t0, &reply);
                if !reply.is_ok_and(|r| r.status == 200 && r.body.contains(&token)) {
                    *stale += 1;
                }
            }
        }
        Ok(seen)
    }
}

async fn two_apps(t: &TwoApps) -> anyhow::Result<bool> {
    anyhow::ensure!(
        t.apps.len() == 2,
        "give --app twice: A (writes) and B (reads)"
    );
    let pool = PgPool::connect(&t.db.database_url).await?;
    let mut rounds = Rounds {
        apps: &t.apps,
        targets: targets(&pool).await?,
        on_a: HashMap::new(),
        tally: Tally::default(),
        run: run_id(),
        start: Instant::now(),
    };
    let mut rows = vec![(
        "while PostgreSQL runs",
        t.rounds,
        rounds.play(0, t.rounds).await?,
    )];
    if let (Some(stop), Some(start)) = (&t.pg_stop, &t.pg_start) {
        // Right after a restart, before a node may have listened again for changes.
        pool.close().await;
        shell(stop).await?;
        tokio::time::sleep(Duration::from_secs(3)).await;
        shell(start).await?;
        let official = rounds.targets[0].email.clone();
        for app in &t.apps {
            let mut agent = Agent::new(app);
            let until = Instant::now() + Duration::from_secs(60);
            while agent.log_in(&official).await.is_err() && Instant::now() < until {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            first_200(&mut agent, "/implementation", Duration::from_secs(60)).await;
        }
        let after = t.rounds / 5;
        rows.push((
            "right after PostgreSQL restarted",
            after,
            rounds.play(t.rounds, after).await?,
        ));
    }
    let pool = PgPool::connect(&t.db.database_url).await?;
    let tally = &rounds.tally;
    let (found, _) = found_in_database(&pool, &rounds.run, &tally.accepted).await?;
    let errors = tally.errors();
    let ok = rows
        .iter()
        .all(|(_, wanted, s)| s.reported == *wanted && s.anonymous + s.signed_in + s.api == 0)
        && errors == 0
        && found == tally.accepted.len();
    println!("### Two app processes on one database\n");
    println!(
        "Each round: B reads a commitment page, an official reports through A, and right after A's redirect B is asked for the page anonymously, signed in (A's session cookie), and `/api/v1/updates?milestone=…`; an answer without the new report is stale.\n"
    );
    println!(
        "| rounds | reports through A | stale on B: anonymous page | signed-in page | API |\n|---|---:|---:|---:|---:|"
    );
    for (label, _, s) in &rows {
        println!(
            "| {label} | {} | {} | {} | {} |",
            s.reported, s.anonymous, s.signed_in, s.api
        );
    }
    println!(
        "\nErrors: {errors}. Reports: accepted {}, found {found} in the database.\n",
        tally.accepted.len()
    );
    print_samples(tally);
    verdict(ok);
    Ok(ok)
}
