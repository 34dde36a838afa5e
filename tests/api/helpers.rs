//! Test harness: one private PostgreSQL for the whole run (or `DATABASE_URL` when set),
//! a migrated template database, and a fresh clone of it for every test.

use std::sync::OnceLock;

use abierto::config::Config;
use abierto::db::embedded::EmbeddedPostgres;
use abierto::{AppState, db};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use sqlx::{Connection, Executor, PgConnection, PgPool};
use tokio::sync::OnceCell;
use tower::ServiceExt;
use uuid::Uuid;

const TEMPLATE: &str = "abierto_template";

/// The server every test of this run connects to.
struct Server {
    /// Connection string without the database name.
    base_url: String,
    /// Keeps the private cluster alive for the whole run.
    _embedded: Option<EmbeddedPostgres>,
}

static SERVER: OnceLock<Server> = OnceLock::new();
static TEMPLATE_READY: OnceCell<()> = OnceCell::const_new();

fn database_url(base: &str, name: &str) -> String {
    format!("{}/{name}", base.trim_end_matches('/'))
}

/// Strips the database name from a connection string: `postgres://u:p@h:5432/db` → `postgres://u:p@h:5432`.
fn server_part(url: &str) -> String {
    let without_query = url.split('?').next().unwrap_or(url);
    match without_query.rfind('/') {
        Some(i) if i > "postgres://".len() => without_query[..i].to_owned(),
        _ => without_query.to_owned(),
    }
}

fn server() -> &'static Server {
    SERVER.get_or_init(|| {
        if let Ok(url) = std::env::var("DATABASE_URL").map(|u| u.trim().to_owned())
            && !url.is_empty()
        {
            return Server {
                base_url: server_part(&url),
                _embedded: None,
            };
        }
        // The cluster lives for the whole test process; its own thread keeps it independent
        // of the per-test runtimes.
        remove_clusters_of_finished_runs();
        let dir = std::env::temp_dir().join(format!("abierto-test-{}", std::process::id()));
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime for the test cluster");
            // Non-durable settings: a test run needs no crash safety.
            let pg = runtime
                .block_on(EmbeddedPostgres::start_fast(&dir))
                .expect("start the private PostgreSQL for tests");
            Server {
                base_url: server_part(&pg.url("postgres")),
                _embedded: Some(pg),
            }
        })
        .join()
        .expect("test cluster thread")
    })
}

/// Earlier runs leave their (stopped) clusters behind: remove those whose process is gone.
fn remove_clusters_of_finished_runs() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix("abierto-test-")
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

async fn admin_connection() -> PgConnection {
    PgConnection::connect(&database_url(&server().base_url, "postgres"))
        .await
        .expect("connect to the test server")
}

/// Migrates the template database once per run; tests clone it (fast, no migration each).
async fn ensure_template() {
    TEMPLATE_READY
        .get_or_init(|| async {
            let mut admin = admin_connection().await;
            admin
                .execute(format!("DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)").as_str())
                .await
                .expect("drop old template");
            admin
                .execute(format!("CREATE DATABASE {TEMPLATE}").as_str())
                .await
                .expect("create template");
            let pool = PgPool::connect(&database_url(&server().base_url, TEMPLATE))
                .await
                .expect("connect template");
            db::migrate(&pool).await.expect("migrate template");
            pool.close().await;
        })
        .await;
}

/// An application wired to its own fresh database.
pub struct TestApp {
    pub db: PgPool,
    pub router: axum::Router,
    /// Where this app's outgoing mail is written.
    pub mailbox: std::path::PathBuf,
}

/// A migrated, empty database and the real router on top of it.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

/// The same, with these settings added to the configuration (`("ABIERTO_HASH_QUEUE", "0")`).
pub async fn spawn_app_with(settings: &[(&str, &str)]) -> TestApp {
    ensure_template().await;
    let name = format!("test_{}", Uuid::now_v7().simple());
    let mut admin = admin_connection().await;
    admin
        .execute(format!("CREATE DATABASE {name} TEMPLATE {TEMPLATE}").as_str())
        .await
        .expect("clone template");
    let db = db::connect(&database_url(&server().base_url, &name), 5)
        .await
        .expect("connect test database");
    // Mail goes to a file mailbox of this test's own.
    // Inside this run's folder, removed with it by a later run.
    let data_dir = std::env::temp_dir()
        .join(format!("abierto-test-{}", std::process::id()))
        .join(format!("data-{name}"));
    let data = data_dir.to_string_lossy().into_owned();
    let config = Config::from_lookup(|key| {
        if key == "ABIERTO_DATA" {
            return Some(data.clone());
        }
        settings
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| (*v).to_owned())
    })
    .expect("config");
    let router = abierto::router(AppState::new(db.clone(), config).expect("app state"));
    TestApp {
        db,
        router,
        mailbox: data_dir.join("mailbox"),
    }
}

impl TestApp {
    /// Another app process on the same database, with its own caches and change feed.
    pub fn second_node(&self) -> TestApp {
        let data = std::env::temp_dir()
            .join(format!("abierto-test-{}", std::process::id()))
            .join(format!("node-b-{}", Uuid::now_v7().simple()));
        let data = data.to_string_lossy().into_owned();
        let config =
            Config::from_lookup(|k| (k == "ABIERTO_DATA").then(|| data.clone())).expect("config");
        TestApp {
            db: self.db.clone(),
            router: abierto::router(AppState::new(self.db.clone(), config).expect("state")),
            mailbox: self.mailbox.clone(),
        }
    }
}

/// An application with the demo plans loaded.
pub async fn spawn_demo_app() -> TestApp {
    spawn_demo_app_with(&[]).await
}

/// The demo, with these settings added to the configuration.
pub async fn spawn_demo_app_with(settings: &[(&str, &str)]) -> TestApp {
    let app = spawn_app_with(settings).await;
    abierto::demo::install(&app.db)
        .await
        .expect("load the demo");
    app
}

/// What a browser would get back.
pub struct Page {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    /// The body as sent (for downloads that are not text).
    pub bytes: Vec<u8>,
}

impl TestApp {
    pub async fn get(&self, uri: &str) -> Page {
        self.request(Request::get(uri).body(Body::empty()).expect("request"))
            .await
    }

    pub async fn get_with_cookie(&self, uri: &str, cookie: &str) -> Page {
        let request = Request::get(uri)
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .expect("request");
        self.request(request).await
    }

    pub async fn request(&self, request: Request<Body>) -> Page {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        Page {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }
}

/// A browser-like client: keeps cookies between requests and reads form tokens from pages.
pub struct Browser<'a> {
    app: &'a TestApp,
    cookies: std::collections::BTreeMap<String, String>,
    /// Sent as `X-Forwarded-For` (the app trusts it only when configured to).
    forwarded_for: Option<String>,
}

impl TestApp {
    /// The bodies of every message sent so far.
    pub fn mails(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(&self.mailbox) else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect()
    }

    pub fn browser(&self) -> Browser<'_> {
        Browser {
            app: self,
            cookies: Default::default(),
            forwarded_for: None,
        }
    }

    /// A browser whose requests come (through a trusted proxy) from this address.
    pub fn browser_from(&self, address: &str) -> Browser<'_> {
        Browser {
            forwarded_for: Some(address.to_owned()),
            ..self.browser()
        }
    }

    /// The bodies of the messages sent so far, once there are at least `count` (mail that is
    /// sent after the answer, such as a reset link, may take a moment).
    pub async fn mails_when(&self, count: usize) -> Vec<String> {
        for _ in 0..200 {
            let mails = self.mails();
            if mails.len() >= count {
                return mails;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        panic!("expected {count} mails, got {}", self.mails().len());
    }

    /// An active account with a known password; returns its id.
    pub async fn user(
        &self,
        email: &str,
        role: abierto::domain::Role,
        institution_slug: Option<&str>,
    ) -> Uuid {
        // A forum member without an institution works for the demo's government.
        let government = (role == abierto::domain::Role::Nucleo && institution_slug.is_none())
            .then_some("ecuador");
        self.user_of(email, role, (institution_slug, government))
            .await
    }

    /// A second OGP member on the instance, national, with its ISO code; returns its id.
    pub async fn government(&self, name: &str, slug: &str, country_code: &str) -> Uuid {
        sqlx::query_scalar(
            "INSERT INTO governments (name, slug, kind, country_code)
             VALUES ($1, $2, 'national', $3) RETURNING id",
        )
        .bind(name)
        .bind(slug)
        .bind(country_code)
        .fetch_one(&self.db)
        .await
        .expect("a government")
    }

    /// An active account of an institution and a government (by slug); returns its id.
    pub async fn user_of(
        &self,
        email: &str,
        role: abierto::domain::Role,
        (institution_slug, government): (Option<&str>, Option<&str>),
    ) -> Uuid {
        let hash = abierto::accounts::Hasher::sequential()
            .hash(PASSWORD.into())
            .await
            .expect("hash");
        let mut tx = self.db.begin().await.expect("transaction");
        let id = abierto::store::account::users::create(
            &mut tx,
            email,
            email,
            role,
            (institution_slug, government),
            &hash,
        )
        .await
        .expect("create user");
        tx.commit().await.expect("commit");
        id
    }
}

/// A browser signed in as a new account with this role (and institution, for officials).
pub async fn logged_in<'a>(
    app: &'a TestApp,
    email: &str,
    role: abierto::domain::Role,
    institution: Option<&str>,
) -> Browser<'a> {
    app.user(email, role, institution).await;
    let mut browser = app.browser();
    browser.log_in(email).await;
    browser
}

/// Milestone `position` of EC0014 (Asamblea Nacional; its plan is in implementation): its id
/// and current version.
pub async fn ec0014_milestone(app: &TestApp, position: i32) -> (Uuid, i32) {
    sqlx::query_as(
        "SELECT m.id, m.version FROM milestones m JOIN commitments c ON c.id = m.commitment_id
          WHERE c.ogp_id = 'EC0014' AND m.position = $1",
    )
    .bind(position)
    .fetch_one(&app.db)
    .await
    .expect("milestone")
}

impl Browser<'_> {
    /// Reports progress on milestone `position` of EC0014 through its form, as an official
    /// would (status in progress); returns the answer.
    pub async fn report_progress(
        &mut self,
        position: i32,
        progress: &str,
        narrative: &str,
    ) -> Page {
        self.report_progress_with_status(position, progress, "in_progress", narrative)
            .await
    }

    /// Reports on milestone `position` of EC0014 with a status of its own.
    pub async fn report_progress_with_status(
        &mut self,
        position: i32,
        progress: &str,
        status: &str,
        narrative: &str,
    ) -> Page {
        let (milestone, version) = ec0014_milestone(self.app, position).await;
        let form = format!("/implementation/milestones/{milestone}/report");
        self.post_form(
            &form,
            &form,
            &[
                ("version", &version.to_string()),
                ("progress", progress),
                ("status", status),
                ("narrative", narrative),
                ("challenges", "Retraso en la contratación."),
            ],
        )
        .await
    }
}

/// The password of every account made by `TestApp::user`.
pub const PASSWORD: &str = "correct horse battery staple";

impl Browser<'_> {
    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }

    async fn send(&mut self, mut builder: axum::http::request::Builder, body: Body) -> Page {
        if let Some(address) = &self.forwarded_for {
            builder = builder.header("x-forwarded-for", address);
        }
        let request = builder
            .header(header::COOKIE, self.cookie_header())
            .header(header::HOST, "localhost")
            .body(body)
            .expect("request");
        let page = self.app.request(request).await;
        for value in page.headers.get_all(header::SET_COOKIE) {
            let text = value.to_str().unwrap_or_default();
            let pair = text.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                let expired = text.contains("Max-Age=0") || value.is_empty();
                if expired {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_owned(), value.to_owned());
                }
            }
        }
        page
    }

    pub async fn get(&mut self, uri: &str) -> Page {
        self.send(Request::get(uri), Body::empty()).await
    }

    /// Posts a urlencoded form exactly as given (no token added).
    pub async fn post_raw(&mut self, uri: &str, fields: &[(&str, &str)]) -> Page {
        let body = serde_urlencoded::to_string(fields).expect("form");
        self.send(
            Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
            Body::from(body),
        )
        .await
    }

    /// Reads the form token from `page_uri`, then posts the form with it.
    pub async fn post_form(&mut self, page_uri: &str, uri: &str, fields: &[(&str, &str)]) -> Page {
        let page = self.get(page_uri).await;
        let token = form_token(&page.body).expect("the page has a form token");
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(uri, &all).await
    }

    /// Posts a multipart form (with files) using the token read from `page_uri`, sent as the
    /// form's first field as a browser does for the site's upload forms.
    pub async fn post_multipart(
        &mut self,
        page_uri: &str,
        uri: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, Vec<u8>)],
    ) -> Page {
        let page = self.get(page_uri).await;
        let token = form_token(&page.body).expect("the page has a form token");
        let boundary = "abiertoBoundary7MA4YWxkTrZu0gW";
        let mut body: Vec<u8> = Vec::new();
        // As a browser sends the site's upload forms: the token is their first field.
        let token_field = [("csrf", token.as_str())];
        for (name, value) in token_field.iter().chain(fields) {
            body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes());
        }
        for (name, file_name, bytes) in files {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        self.send(
            Request::post(uri).header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            ),
            Body::from(body),
        )
        .await
    }

    pub async fn log_in(&mut self, email: &str) -> Page {
        self.post_form(
            "/login",
            "/login",
            &[("email", email), ("password", PASSWORD)],
        )
        .await
    }
}

/// The value of the first `name="csrf"` hidden field of a page.
pub fn form_token(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    let rest = &html[at..];
    Some(rest[..rest.find('"')?].to_owned())
}

/// Counts the SQL statements a piece of work runs, from sqlx's own query log.
///
/// One global subscriber counts `sqlx::query` events per thread; each test runs its requests
/// on its own thread (current-thread runtime), so counts never mix between tests.
pub mod sql_count {
    use std::cell::Cell;
    use std::sync::Once;

    use tracing::Subscriber;
    use tracing_subscriber::layer::{Context, Layer};
    use tracing_subscriber::prelude::*;
    use tracing_subscriber::registry::LookupSpan;

    thread_local! {
        static STATEMENTS: Cell<usize> = const { Cell::new(0) };
    }

    struct Counter;

    impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Counter {
        fn on_event(&self, event: &tracing::Event<'_>, ctx: Context<'_, S>) {
            // Only statements a request ran: the change feed and the session cleanup run on
            // the same thread and must not be counted against a page.
            let in_request = ctx
                .event_span(event)
                .is_some_and(|span| span.scope().any(|s| s.name() == "request"));
            if event.metadata().target() == "sqlx::query" && in_request {
                STATEMENTS.with(|n| n.set(n.get() + 1));
            }
        }
    }

    fn install() {
        static ONCE: Once = Once::new();
        ONCE.call_once(|| {
            let filter = tracing_subscriber::filter::Targets::new()
                .with_target("sqlx::query", tracing::Level::TRACE)
                .with_target("abierto::web::http::middleware", tracing::Level::INFO);
            let _ = tracing::subscriber::set_global_default(
                tracing_subscriber::registry().with(Counter.with_filter(filter)),
            );
        });
    }

    /// Runs `work` and returns its output with the number of statements it ran.
    pub async fn count<F: std::future::Future>(work: F) -> (F::Output, usize) {
        install();
        STATEMENTS.with(|n| n.set(0));
        let output = work.await;
        (output, STATEMENTS.with(Cell::get))
    }
}

impl Browser<'_> {
    /// A GET whose body is kept as bytes (downloads: PDF, XLSX, ZIP).
    pub async fn get_bytes(&mut self, uri: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let request = Request::get(uri)
            .header(header::COOKIE, self.cookie_header())
            .header(header::HOST, "localhost")
            .body(Body::empty())
            .expect("request");
        let response = self
            .app
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let (status, headers) = (response.status(), response.headers().clone());
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        (status, headers, bytes.to_vec())
    }
}

/// The form of a confirmation page (before an irreversible step): where it posts and every
/// field it sends, its token and `confirm=yes` included, as a browser would send it.
pub fn confirmation_form(html: &str) -> (String, Vec<(String, String)>) {
    let page = scraper::Html::parse_document(html);
    let form = scraper::Selector::parse("form.confirm-actions").expect("selector");
    let hidden = scraper::Selector::parse("input[type=hidden]").expect("selector");
    let form = page
        .select(&form)
        .next()
        .expect("the page asks for confirmation");
    let action = form.value().attr("action").expect("an action").to_owned();
    let fields = form
        .select(&hidden)
        .map(|input| {
            let attr = |name| input.value().attr(name).unwrap_or_default().to_owned();
            (attr("name"), attr("value"))
        })
        .collect();
    (action, fields)
}

/// Posts a confirmation page's own form: the step it asked about goes ahead.
pub async fn confirm(browser: &mut Browser<'_>, confirmation: &Page) -> Page {
    let (action, fields) = confirmation_form(&confirmation.body);
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    browser.post_raw(&action, &fields).await
}
