//! Chromium through chromedriver: found (or installed) once per run, one browser session per
//! test, a screenshot saved when a journey fails.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use tokio::sync::Semaphore;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Two cores: at most two browsers at a time keeps every page load well inside its timeouts.
static SESSIONS: Semaphore = Semaphore::const_new(2);

/// The chromedriver of this run: its URL. The process dies with the test binary.
fn chromedriver() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        ensure_installed();
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut command = Command::new(CHROMEDRIVER);
        command
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: prctl is async-signal-safe; it only asks the kernel to end chromedriver when
        // the test process ends.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
                Ok(())
            });
        }
        // PR_SET_PDEATHSIG fires when the spawning *thread* ends: spawn from a thread that
        // lives as long as chromedriver does, not from a test's thread.
        let (started, spawned) = std::sync::mpsc::channel();
        std::thread::spawn(move || match command.spawn() {
            Ok(mut child) => {
                let _ = started.send(Ok(()));
                let _ = child.wait();
            }
            Err(e) => {
                let _ = started.send(Err(e));
            }
        });
        spawned
            .recv()
            .expect("chromedriver thread")
            .expect("start chromedriver");
        let url = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return url;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("chromedriver did not start on port {port}");
    })
}

/// Installs Debian packages the tests need (CI runs as root), updating the package lists only
/// when the install fails without it; true when apt-get succeeded.
pub fn apt_install(packages: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "export DEBIAN_FRONTEND=noninteractive; \
             (apt-get install -y -q {packages} || \
              (apt-get update -q && apt-get install -y -q {packages})) >/dev/null"
        ))
        .status()
        .is_ok_and(|s| s.success())
}

/// Installs Debian's chromium and chromium-driver when they are missing.
fn ensure_installed() {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return;
    }
    let installed = apt_install("chromium chromium-driver");
    assert!(
        installed && Path::new(CHROMEDRIVER).exists(),
        "browser tests need Chromium: apt-get install chromium chromium-driver"
    );
}

/// A headless Chromium session; closed when the journey ends.
pub struct Browser {
    pub client: Client,
    _slot: tokio::sync::SemaphorePermit<'static>,
}

impl Browser {
    pub async fn start() -> Browser {
        Self::start_with(&[]).await
    }

    /// A session whose pages run no JavaScript of their own (the driver's scripts still run).
    pub async fn start_without_scripts() -> Browser {
        Self::start_with(&["--blink-settings=scriptEnabled=false"]).await
    }

    async fn start_with(extra_args: &[&str]) -> Browser {
        let slot = SESSIONS.acquire().await.expect("session slot");
        let url = chromedriver();
        let mut args = vec![
            "--headless=new",
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--window-size=1280,900",
            "--lang=es",
            "--disable-features=Translate,MediaRouter",
        ];
        args.extend_from_slice(extra_args);
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": CHROMIUM, "args": args }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(url)
            .await
            .expect("a Chromium session");
        Browser {
            client,
            _slot: slot,
        }
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
    }

    pub async fn text_of(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .text()
            .await
            .expect("text")
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let field = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"));
        field.clear().await.expect("clear");
        field.send_keys(value).await.expect("type");
    }

    pub async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .click()
            .await
            .expect("click");
    }

    /// One press of the Tab key, as a keyboard user moves on.
    pub async fn press_tab(&self) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        use fantoccini::key::Key;
        let tab = KeyActions::new("keyboard".into())
            .then(KeyAction::Down {
                value: Key::Tab.into(),
            })
            .then(KeyAction::Up {
                value: Key::Tab.into(),
            });
        self.client.perform_actions(tab).await.expect("press Tab");
    }

    pub async fn body_text(&self) -> String {
        self.text_of("body").await
    }

    /// Waits until the page's text contains `text` (a form post lands on the next page) and
    /// gives that text; fails with what the page said instead.
    pub async fn wait_for_text(&self, text: &str) -> String {
        let mut page = String::new();
        for _ in 0..100 {
            // Read through script: the page may be replaced between finding and reading the body.
            page = self
                .client
                .execute(
                    "return document.body ? document.body.innerText : '';",
                    vec![],
                )
                .await
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            if page.contains(text) {
                return page;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("'{text}' never appeared: {page}");
    }

    /// Runs a journey; when it fails, saves a screenshot of the page it was on and fails.
    pub async fn journey<F>(self, name: &str, steps: F)
    where
        F: AsyncFnOnce(&Browser),
    {
        let outcome =
            futures_util::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(steps(&self))).await;
        if outcome.is_err() {
            let path = screenshot_path(name);
            match self.client.screenshot().await {
                Ok(png) => {
                    let _ = std::fs::write(&path, png);
                    eprintln!("journey '{name}' failed; screenshot: {}", path.display());
                }
                Err(e) => eprintln!("journey '{name}' failed; no screenshot: {e}"),
            }
        }
        let _ = self.client.close().await;
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
    }
}

fn screenshot_path(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-screenshots");
    let _ = std::fs::create_dir_all(&dir);
    dir.join(format!("{name}.png"))
}
