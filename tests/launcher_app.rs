//! The two-command promise, end to end: `abierto serve` with no DATABASE_URL starts its own
//! PostgreSQL in the data directory, loads the demo once, and survives being killed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A data directory under the system temp dir (reachable by the postgres user when root),
/// removed at the end.
struct DataDir(PathBuf);

impl DataDir {
    fn new(name: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("abierto-launch-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create data dir");
        Self(path)
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

struct App {
    child: Child,
    port: u16,
    stdout: String,
}

fn start_app(data: &Path, port: u16) -> App {
    let mut child = Command::new(env!("CARGO_BIN_EXE_abierto"))
        .arg("serve")
        .env_remove("DATABASE_URL")
        .env("ABIERTO_DATA", data)
        .env("ABIERTO_BIND", format!("127.0.0.1:{port}"))
        .env("ABIERTO_PG_FAST", "1")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn abierto");
    // Read stdout until the app says it serves (demo accounts are printed before that).
    let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
    let mut stdout = String::new();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line).expect("read stdout");
        stdout.push_str(&line);
        if n == 0 || line.contains("serving on") || Instant::now() > deadline {
            break;
        }
    }
    assert!(stdout.contains("serving on"), "app did not start: {stdout}");
    // Keep draining so the app never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut sink = String::new();
        let _ = reader.read_to_string(&mut sink);
    });
    App {
        child,
        port,
        stdout,
    }
}

/// A plain HTTP/1.1 GET; returns the status code and body.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response)
}

fn postgres_running_in(data: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return false;
    };
    let cluster = data.join("postgres");
    entries.flatten().any(|e| {
        let cmdline = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
        let cmdline = String::from_utf8_lossy(&cmdline);
        cmdline.contains("postgres") && cmdline.contains(cluster.to_string_lossy().as_ref())
    })
}

fn wait_until(mut condition: impl FnMut() -> bool, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if condition() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    condition()
}

fn terminate(app: &mut App) -> std::process::ExitStatus {
    // SAFETY: plain kill(2) on our own child.
    unsafe { libc::kill(app.child.id() as i32, libc::SIGTERM) };
    app.child.wait().expect("wait for app")
}

#[test]
fn first_start_loads_the_demo_and_second_start_reuses_it() {
    let data = DataDir::new("reuse");
    let port = free_port();

    let mut first = start_app(&data.0, port);
    assert!(
        first.stdout.contains("admin@abierto.example"),
        "demo accounts are printed: {}",
        first.stdout
    );
    let (status, body) = get(first.port, "/plans");
    assert_eq!(status, 200);
    assert!(body.contains("Primer Plan de Acción de Gobierno Abierto Ecuador 2019-2022"));
    assert!(
        terminate(&mut first).success(),
        "SIGTERM shuts down cleanly"
    );
    assert!(
        wait_until(|| !postgres_running_in(&data.0), Duration::from_secs(10)),
        "private cluster stopped"
    );

    let mut second = start_app(&data.0, port);
    assert!(
        !second.stdout.contains("admin@abierto.example"),
        "demo is not loaded twice"
    );
    let (status, body) = get(second.port, "/plans/ecuador-2019-2022");
    assert_eq!(status, 200);
    assert!(body.contains("Plataforma de Información Abierta de Contratación Pública"));
    assert!(terminate(&mut second).success());
}

#[test]
fn after_sigkill_of_the_app_the_next_start_serves_the_same_data() {
    let data = DataDir::new("kill");
    let port = free_port();

    let mut first = start_app(&data.0, port);
    let (_, before) = get(first.port, "/plans/ecuador-2019-2022/commitments/3");
    first.child.kill().expect("SIGKILL");
    let _ = first.child.wait();

    let mut second = start_app(&data.0, port);
    let (status, after) = get(second.port, "/plans/ecuador-2019-2022/commitments/3");
    assert_eq!(status, 200);
    let body = |r: &str| r.split("\r\n\r\n").nth(1).unwrap_or_default().to_owned();
    // Same content; only the request id differs.
    let strip = |s: String| {
        s.lines()
            .filter(|l| !l.contains("request"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(body(&before)), strip(body(&after)));
    assert!(terminate(&mut second).success());
}

#[test]
fn missing_postgresql_binaries_give_a_one_line_error_naming_the_package() {
    let data = DataDir::new("nobin");
    let output = Command::new(env!("CARGO_BIN_EXE_abierto"))
        .arg("serve")
        .env_remove("DATABASE_URL")
        .env("ABIERTO_DATA", &data.0)
        .env("PATH", "/nonexistent")
        .env("ABIERTO_PG_BIN_SEARCH", "/nonexistent")
        .env("RUST_LOG", "off")
        .output()
        .expect("run abierto");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("apt-get install postgresql"), "{stderr}");
}
