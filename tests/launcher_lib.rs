//! The embedded PostgreSQL launcher against the real local binaries.
//!
//! Run with `--nocapture` to see the start timings.

use std::ffi::OsString;
use std::fs;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use abierto::db::embedded::{
    EmbeddedPostgres, LaunchError, StartOptions, find_binaries, find_binaries_in,
};
use sqlx::{Connection, PgConnection};

/// A directory under /tmp, traversable by the PostgreSQL user, removed on drop.
/// (Not `tempfile`: it must also build in the main crate, which does not depend on it.)
struct TestDir(PathBuf);

impl TestDir {
    fn new(name: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "abierto-launcher-{name}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
        TestDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TestDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn is_root() -> bool {
    unsafe { libc::geteuid() == 0 }
}

async fn query_one(pg: &EmbeddedPostgres, sql: &str) -> i64 {
    let mut conn = PgConnection::connect(&pg.url("abierto")).await.unwrap();
    let v: i64 = sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap();
    conn.close().await.unwrap();
    v
}

async fn execute(pg: &EmbeddedPostgres, sql: &str) {
    let mut conn = PgConnection::connect(&pg.url("abierto")).await.unwrap();
    sqlx::query(sql).execute(&mut conn).await.unwrap();
    conn.close().await.unwrap();
}

/// Pids of live processes whose working directory is `cluster` (the postmaster and its children).
fn processes_in(cluster: &Path) -> Vec<i32> {
    fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .filter(|pid| {
            fs::read_link(format!("/proc/{pid}/cwd")).is_ok_and(|cwd| cwd == cluster)
                && !fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
                    s.rsplit_once(')')
                        .is_some_and(|(_, r)| r.trim_start().starts_with('Z'))
                })
        })
        .collect()
}

fn wait_until(timeout: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    while !done() {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    true
}

fn proc_status_field(pid: u32, field: &str) -> String {
    fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find_map(|l| {
            l.strip_prefix(&format!("{field}:"))
                .map(|v| v.trim().to_owned())
        })
        .unwrap_or_default()
}

/// Collation and encoding of the `abierto` database.
async fn database_locale(pg: &EmbeddedPostgres) -> (String, String) {
    let mut conn = PgConnection::connect(&pg.url("abierto")).await.unwrap();
    let row = sqlx::query_as(
        "SELECT datcollate::text, pg_encoding_to_char(encoding)::text \
         FROM pg_database WHERE datname = 'abierto'",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
    row
}

fn initdb_runs(dir: &Path) -> usize {
    fs::read_to_string(dir.join("postgres.log"))
        .unwrap_or_default()
        .matches("The files belonging to this database system will be owned by user")
        .count()
}

#[tokio::test]
async fn first_start_creates_a_cluster_and_the_second_reuses_it() {
    let dir = TestDir::new("reuse");
    let data = dir.path().join("data"); // does not exist yet

    let t = Instant::now();
    let pg = EmbeddedPostgres::start_fast(&data).await.unwrap();
    let first = t.elapsed();
    assert_eq!(query_one(&pg, "SELECT 1::int8").await, 1);
    assert!(pg.url("abierto").starts_with("postgres://abierto:"));
    assert!(
        pg.url("x")
            .ends_with(&format!("@127.0.0.1:{}/x", pg.port()))
    );
    assert_eq!(
        pg.cluster_dir(),
        fs::canonicalize(&data).unwrap().join("postgres")
    );
    assert_eq!(initdb_runs(&data), 1);
    assert_eq!(
        database_locale(&pg).await,
        ("C.UTF-8".to_owned(), "UTF8".to_owned())
    );
    execute(&pg, "CREATE TABLE kept (v text)").await;
    execute(&pg, "INSERT INTO kept VALUES ('still here')").await;
    pg.stop().await.unwrap();

    let t = Instant::now();
    let pg = EmbeddedPostgres::start_fast(&data).await.unwrap();
    let second = t.elapsed();
    assert_eq!(initdb_runs(&data), 1, "no second initdb");
    let mut conn = PgConnection::connect(&pg.url("abierto")).await.unwrap();
    let v: String = sqlx::query_scalar("SELECT v FROM kept")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(v, "still here");
    conn.close().await.unwrap();
    pg.stop().await.unwrap();
    eprintln!("TIMING fast: first start (initdb) {first:?}, second start {second:?}");
}

#[tokio::test]
async fn the_password_is_random_kept_private_and_stable() {
    let dir = TestDir::new("password");
    let pg = EmbeddedPostgres::start_fast(dir.path()).await.unwrap();
    let file = dir.path().join("postgres.password");
    let md = fs::metadata(&file).unwrap();
    assert_eq!(md.mode() & 0o777, 0o600);
    assert_eq!(md.uid(), unsafe { libc::geteuid() });
    let password = fs::read_to_string(&file).unwrap().trim().to_owned();
    assert_eq!(password.len(), 32);
    assert!(pg.url("abierto").contains(&format!(":{password}@")));
    assert!(!format!("{pg:?}").contains(&password));
    // initdb's copy is gone, and the log never shows it.
    assert!(!dir.path().join("postgres.pwfile").exists());
    let log = fs::read_to_string(dir.path().join("postgres.log")).unwrap();
    assert!(!log.contains(&password));
    pg.stop().await.unwrap();

    let pg = EmbeddedPostgres::start_fast(dir.path()).await.unwrap();
    assert!(pg.url("abierto").contains(&password));
    pg.stop().await.unwrap();
}

#[tokio::test]
async fn the_server_runs_unprivileged_without_supplementary_groups() {
    let dir = TestDir::new("user");
    let pg = EmbeddedPostgres::start_fast(dir.path()).await.unwrap();
    let uid: u32 = proc_status_field(pg.pid(), "Uid")
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    if is_root() {
        assert_ne!(uid, 0);
        assert_eq!(proc_status_field(pg.pid(), "Groups"), "");
        assert_eq!(fs::metadata(pg.cluster_dir()).unwrap().uid(), uid);
    } else {
        assert_eq!(uid, unsafe { libc::geteuid() });
    }
    pg.stop().await.unwrap();
}

/// Durable settings (no ABIERTO_PG_FAST), as `serve` runs; also prints the timings.
#[tokio::test]
async fn a_durable_cluster_starts_and_restarts() {
    let dir = TestDir::new("durable");
    let options = StartOptions {
        fast: false,
        bin_search: None,
    };
    let t = Instant::now();
    let pg = EmbeddedPostgres::start_with(dir.path(), options.clone())
        .await
        .unwrap();
    let first = t.elapsed();
    assert_eq!(query_one(&pg, "SELECT 1::int8").await, 1);
    pg.stop().await.unwrap();
    let t = Instant::now();
    let pg = EmbeddedPostgres::start_with(dir.path(), options)
        .await
        .unwrap();
    let second = t.elapsed();
    pg.stop().await.unwrap();
    eprintln!("TIMING durable: first start (initdb) {first:?}, second start {second:?}");
}

#[tokio::test]
async fn a_stale_postmaster_pid_does_not_prevent_starting() {
    let dir = TestDir::new("stale");
    let pg = EmbeddedPostgres::start_fast(dir.path()).await.unwrap();
    let cluster = pg.cluster_dir().to_path_buf();
    pg.stop().await.unwrap();
    assert!(!cluster.join("postmaster.pid").exists());

    let fake = |pid: u32| {
        fs::write(
            cluster.join("postmaster.pid"),
            format!(
                "{pid}\n{}\n1700000000\n5999\n\n127.0.0.1\n  1234567   98304\nready   \n",
                cluster.display()
            ),
        )
        .unwrap();
    };

    // A dead pid.
    let mut gone = Command::new("true").spawn().unwrap();
    let dead = gone.id();
    gone.wait().unwrap();
    fake(dead);
    let pg = EmbeddedPostgres::start_fast(dir.path()).await.unwrap();
    assert_ne!(pg.port(), 5999);
    assert_eq!(query_one(&pg, "SELECT 1::int8").await, 1);
    pg.stop().await.unwrap();

    // A live process that is not a postmaster (PostgreSQL itself would refuse this one).
    let mut sleeper = Command::new("sleep").arg("60").spawn().unwrap();
    fake(sleeper.id());
    let pg = EmbeddedPostgres::start_fast(dir.path()).await.unwrap();
    assert_eq!(query_one(&pg, "SELECT 1::int8").await, 1);
    assert_ne!(pg.pid(), sleeper.id());
    pg.stop().await.unwrap();
    sleeper.kill().unwrap();
    sleeper.wait().unwrap();
}

#[tokio::test]
async fn missing_binaries_give_a_one_line_error_naming_the_package() {
    let empty = TestDir::new("nobin");
    let search = OsString::from(format!("{}:/nonexistent", empty.path().display()));
    let err = find_binaries_in(&search).unwrap_err();
    assert!(matches!(err, LaunchError::BinariesNotFound));
    let message = err.to_string();
    assert!(message.contains("apt-get install postgresql"), "{message}");
    assert!(!message.contains('\n'));

    let dir = TestDir::new("nobin-data");
    let options = StartOptions {
        fast: true,
        bin_search: Some(search),
    };
    let err = EmbeddedPostgres::start_with(dir.path(), options)
        .await
        .unwrap_err();
    assert!(matches!(err, LaunchError::BinariesNotFound), "{err}");

    // This machine has them (PATH, or the /usr/lib/postgresql fallback).
    let bins = find_binaries().unwrap();
    assert!(bins.initdb.ends_with("initdb") && bins.postgres.ends_with("postgres"));
}

#[tokio::test]
async fn a_second_launcher_on_the_same_dir_is_locked_out() {
    let dir = TestDir::new("lock");
    let pg = EmbeddedPostgres::start_fast(dir.path()).await.unwrap();
    // Same process, second open file description: flock conflicts.
    let err = EmbeddedPostgres::start_fast(dir.path()).await.unwrap_err();
    assert!(
        matches!(&err, LaunchError::Locked(p) if p == &fs::canonicalize(dir.path()).unwrap()),
        "{err}"
    );
    assert!(err.to_string().contains("DATABASE_URL"), "{err}");
    // The first one is unaffected.
    assert_eq!(query_one(&pg, "SELECT 1::int8").await, 1);
    pg.stop().await.unwrap();
    // Released with it.
    let pg = EmbeddedPostgres::start_fast(dir.path()).await.unwrap();
    pg.stop().await.unwrap();
}

#[test]
fn the_server_survives_the_thread_and_runtime_that_started_it() {
    let dir = TestDir::new("thread");
    let path = dir.path().to_path_buf();
    let pg = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let pg = rt.block_on(EmbeddedPostgres::start_fast(&path)).unwrap();
        drop(rt); // its worker threads exit
        pg
    })
    .join()
    .unwrap();
    // Parent-death signals would have fired by now if tied to those threads.
    std::thread::sleep(Duration::from_secs(1));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        assert_eq!(query_one(&pg, "SELECT 1::int8").await, 1);
        pg.stop().await.unwrap();
    });
}

#[tokio::test]
async fn stop_leaves_no_postgres_process_for_the_cluster() {
    let dir = TestDir::new("stop");
    let pg = EmbeddedPostgres::start_fast(dir.path()).await.unwrap();
    let cluster = pg.cluster_dir().to_path_buf();
    let running = processes_in(&cluster);
    assert!(running.contains(&(pg.pid() as i32)), "{running:?}");
    assert!(running.len() > 1, "postmaster and its helpers: {running:?}");
    pg.stop().await.unwrap();
    assert_eq!(processes_in(&cluster), Vec::<i32>::new());
    assert!(!cluster.join("postmaster.pid").exists());
}

#[test]
fn drop_stops_the_server() {
    let dir = TestDir::new("drop");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let pg = rt
        .block_on(EmbeddedPostgres::start_fast(dir.path()))
        .unwrap();
    let cluster = pg.cluster_dir().to_path_buf();
    drop(pg);
    assert_eq!(processes_in(&cluster), Vec::<i32>::new());
}

#[tokio::test]
async fn a_running_server_for_the_cluster_is_adopted() {
    let dir = TestDir::new("adopt");
    let pg = EmbeddedPostgres::start_fast(dir.path()).await.unwrap();
    let cluster = pg.cluster_dir().to_path_buf();
    pg.stop().await.unwrap();

    // A server left running by someone else (no lock held), on its own port.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let owner = fs::metadata(&cluster).unwrap();
    let mut cmd = Command::new(find_binaries().unwrap().postgres);
    cmd.arg("-D")
        .arg(&cluster)
        .args([
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            &format!("port={port}"),
        ])
        .args(["-c", "unix_socket_directories="])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if is_root() {
        cmd.uid(owner.uid()).gid(owner.gid());
    }
    let mut outsider = cmd.spawn().unwrap();
    assert!(wait_until(Duration::from_secs(30), || {
        fs::read_to_string(cluster.join("postmaster.pid")).is_ok_and(|s| s.contains("ready"))
    }));

    let pg = EmbeddedPostgres::start_fast(dir.path()).await.unwrap();
    assert_eq!(pg.port(), port);
    assert_eq!(pg.pid(), outsider.id());
    assert_eq!(query_one(&pg, "SELECT 1::int8").await, 1);
    pg.stop().await.unwrap();
    assert!(outsider.wait().unwrap().success());
    assert_eq!(processes_in(&cluster), Vec::<i32>::new());
}

#[tokio::test]
async fn as_root_a_data_dir_the_user_cannot_reach_gets_its_cluster_elsewhere() {
    if !is_root() {
        eprintln!("skipped: not root");
        return;
    }
    let dir = TestDir::new("relocate");
    let private = dir.path().join("private");
    fs::create_dir(&private).unwrap();
    fs::set_permissions(&private, fs::Permissions::from_mode(0o700)).unwrap();
    let data = private.join("data");

    let pg = EmbeddedPostgres::start_fast(&data).await.unwrap();
    let cluster = pg.cluster_dir().to_path_buf();
    assert!(
        cluster.starts_with("/var/lib/abierto/clusters"),
        "{}",
        cluster.display()
    );
    assert_eq!(
        fs::read_to_string(data.join("postgres.location"))
            .unwrap()
            .trim(),
        cluster.to_str().unwrap()
    );
    // Permissions were left alone.
    assert_eq!(fs::metadata(&private).unwrap().mode() & 0o777, 0o700);
    assert_eq!(fs::metadata("/var/lib/abierto/clusters").unwrap().uid(), 0);
    execute(&pg, "CREATE TABLE moved (v int)").await;
    pg.stop().await.unwrap();

    let pg = EmbeddedPostgres::start_fast(&data).await.unwrap();
    assert_eq!(pg.cluster_dir(), cluster);
    assert_eq!(query_one(&pg, "SELECT count(*) FROM moved").await, 0);
    pg.stop().await.unwrap();
    fs::remove_dir_all(&cluster).unwrap();
}

const CHILD_DIR_VAR: &str = "ABIERTO_LAUNCHER_TEST_CHILD_DIR";

/// Not a test by itself: the body of the child process of the next test.
#[test]
fn child_process_holding_a_cluster() {
    let Some(dir) = std::env::var_os(CHILD_DIR_VAR) else {
        return;
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let pg = rt
        .block_on(EmbeddedPostgres::start_fast(Path::new(&dir)))
        .unwrap();
    println!("READY {} {}", pg.port(), pg.pid());
    std::thread::sleep(Duration::from_secs(120));
}

#[tokio::test]
async fn another_process_is_locked_out_and_killing_the_app_stops_its_server() {
    let dir = TestDir::new("child");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_process_holding_a_cluster",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DIR_VAR, dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let ready = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| l.split_once("READY ").map(|(_, rest)| rest.to_owned()))
        .expect("the child started its cluster");
    // libtest prints "test … ... " on the same line first.
    let postmaster: i32 = ready.split_whitespace().nth(1).unwrap().parse().unwrap();

    let err = EmbeddedPostgres::start_fast(dir.path()).await.unwrap_err();
    assert!(matches!(err, LaunchError::Locked(_)), "{err}");

    // SIGKILL: no chance to clean up; the parent-death signal stops the server.
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        wait_until(Duration::from_secs(15), || !Path::new(&format!(
            "/proc/{postmaster}"
        ))
        .exists()
            || fs::read_to_string(format!("/proc/{postmaster}/stat"))
                .is_ok_and(|s| s.contains(") Z"))),
        "the postmaster outlived the killed app"
    );

    // And the next start is clean.
    let pg = EmbeddedPostgres::start_fast(dir.path()).await.unwrap();
    assert_eq!(query_one(&pg, "SELECT 1::int8").await, 1);
    pg.stop().await.unwrap();
}

#[test]
fn embedded_postgres_can_live_in_a_static() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<EmbeddedPostgres>();
}

#[tokio::test]
async fn initdb_falls_back_to_the_c_locale_when_c_utf8_is_missing() {
    // An initdb that rejects C.UTF-8, as on a system without that locale.
    let bin = TestDir::new("nolocale-bin");
    let real = find_binaries().unwrap();
    let script = bin.path().join("initdb");
    fs::write(
        &script,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --locale=C.UTF-8) echo 'initdb: error: invalid locale name \"C.UTF-8\"' >&2; exit 1;; esac; done\nexec {} \"$@\"\n",
            real.initdb.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    std::os::unix::fs::symlink(&real.postgres, bin.path().join("postgres")).unwrap();

    let dir = TestDir::new("nolocale");
    let options = StartOptions {
        fast: true,
        bin_search: Some(bin.path().as_os_str().to_owned()),
    };
    let pg = EmbeddedPostgres::start_with(dir.path(), options)
        .await
        .unwrap();
    assert_eq!(
        database_locale(&pg).await,
        ("C".to_owned(), "UTF8".to_owned())
    );
    pg.stop().await.unwrap();
    assert!(
        fs::read_to_string(dir.path().join("postgres.log"))
            .unwrap()
            .contains("invalid locale name")
    );
}
