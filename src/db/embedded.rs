//! The private PostgreSQL cluster started when no `DATABASE_URL` is given.
//!
//! [`EmbeddedPostgres::start`] runs the local PostgreSQL server binaries on a cluster kept in the
//! data directory (`<dir>/postgres`), listening on a free loopback port with password
//! authentication, and creates the `abierto` database. The first start runs `initdb`; later
//! starts reuse the cluster, clean up a stale `postmaster.pid` and adopt a server that is still
//! running for that cluster.
//!
//! Files in the data directory:
//! - `abierto.lock`: `flock`ed by the process that owns the cluster (one per data directory);
//! - `postgres.password`: the password of the `abierto` superuser (mode 0600);
//! - `postgres.log`: the server's output (and `initdb`'s);
//! - `postgres.location`: only when the cluster had to live elsewhere (see below).
//!
//! As root, PostgreSQL runs as the `postgres` system user (or `nobody`). When that user cannot
//! reach the data directory (say it is under `/root`, mode 0700) the cluster goes to
//! `/var/lib/abierto/clusters/<hash of the data directory>` instead, and
//! `postgres.location` records where.
//!
//! The postmaster is spawned from one thread that lives as long as the process, with
//! `PR_SET_PDEATHSIG`, so it shuts down (fast) when our process dies, even by `SIGKILL`.
//!
//! Environment:
//! - `ABIERTO_PG_FAST=1`: non-durable settings for tests (`initdb --no-sync`, `fsync=off`,
//!   `synchronous_commit=off`, `full_page_writes=off`);
//! - `ABIERTO_PG_BIN_SEARCH`: a `PATH`-like list of directories that replaces the whole binary
//!   search (`PATH`, then `/usr/lib/postgresql/<highest version>/bin`).

use std::ffi::{CString, OsStr, OsString};
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::fd::AsRawFd;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rand::Rng;
use rand::distr::Alphanumeric;
use sqlx::postgres::{PgConnectOptions, PgSslMode};
use sqlx::{Connection, PgConnection};

/// The role `initdb` creates; superuser of the private cluster.
const ROLE: &str = "abierto";
/// The application database created on first start.
const DATABASE: &str = "abierto";
/// Where clusters go when the PostgreSQL user cannot reach the data directory.
const RELOCATED_ROOT: &str = "/var/lib/abierto/clusters";
const READY_TIMEOUT: Duration = Duration::from_secs(30);
const INITDB_TIMEOUT: Duration = Duration::from_secs(300);
const STOP_TIMEOUT: Duration = Duration::from_secs(30);
const DROP_STOP_TIMEOUT: Duration = Duration::from_secs(5);
const PORT_ATTEMPTS: usize = 5;
const LOG_ROTATE_BYTES: u64 = 10 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    #[error(
        "PostgreSQL server binaries not found (looked for initdb and postgres on PATH and in /usr/lib/postgresql/*/bin); install them, on Debian or Ubuntu: apt-get install postgresql"
    )]
    BinariesNotFound,
    #[error(
        "the data directory {} is in use by another Abierto process; stop that process, or set DATABASE_URL to share one PostgreSQL server between processes",
        .0.display()
    )]
    Locked(PathBuf),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: io::Error,
    },
    #[error(
        "running as root, but neither the postgres nor the nobody system user exists to run PostgreSQL; create one (apt-get install postgresql creates postgres)"
    )]
    NoUnprivilegedUser,
    #[error(
        "the cluster in {} was made by PostgreSQL {cluster} but the binaries found are PostgreSQL {binaries}; install PostgreSQL {cluster} (apt-get install postgresql-{cluster}) or upgrade the cluster with pg_upgrade",
        .dir.display()
    )]
    VersionMismatch {
        dir: PathBuf,
        cluster: String,
        binaries: String,
    },
    #[error(
        "the cluster in {} exists but its password file {} is missing; restore the file, or remove the cluster to start afresh",
        .cluster.display(), .file.display()
    )]
    PasswordMissing { cluster: PathBuf, file: PathBuf },
    #[error("PostgreSQL failed to start; last lines of its log:\n{log_tail}")]
    Startup { log_tail: String },
    #[error(
        "PostgreSQL did not accept connections within {seconds} s; last lines of its log:\n{log_tail}"
    )]
    Timeout { seconds: u64, log_tail: String },
    #[error("cannot connect to the private PostgreSQL: {0}")]
    Connect(#[from] sqlx::Error),
}

fn io_err(context: impl fmt::Display) -> impl FnOnce(io::Error) -> LaunchError {
    move |source| LaunchError::Io {
        context: context.to_string(),
        source,
    }
}

/// Where `initdb` and `postgres` are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PgBinaries {
    pub initdb: PathBuf,
    pub postgres: PathBuf,
}

/// Finds the binaries: each directory of `PATH`, then `/usr/lib/postgresql/<highest>/bin`.
pub fn find_binaries() -> Result<PgBinaries, LaunchError> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    find_binaries_in(&path).or_else(|_| {
        highest_versioned_bin_dir(Path::new("/usr/lib/postgresql"))
            .and_then(|dir| binaries_in_dir(&dir))
            .ok_or(LaunchError::BinariesNotFound)
    })
}

/// Finds the binaries only in the directories of `path_var` (`PATH` syntax), without the
/// `/usr/lib/postgresql` fallback: both must be in the same directory.
pub fn find_binaries_in(path_var: &OsStr) -> Result<PgBinaries, LaunchError> {
    std::env::split_paths(path_var)
        .filter(|dir| !dir.as_os_str().is_empty())
        .find_map(|dir| binaries_in_dir(&dir))
        .ok_or(LaunchError::BinariesNotFound)
}

fn binaries_in_dir(dir: &Path) -> Option<PgBinaries> {
    let initdb = dir.join("initdb");
    let postgres = dir.join("postgres");
    (is_executable(&initdb) && is_executable(&postgres)).then_some(PgBinaries { initdb, postgres })
}

fn is_executable(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// `/usr/lib/postgresql/<highest version>/bin`, comparing versions numerically (9.6 < 15 < 16).
fn highest_versioned_bin_dir(root: &Path) -> Option<PathBuf> {
    fs::read_dir(root)
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let version = parse_version(&name)?;
            let bin = e.path().join("bin");
            binaries_in_dir(&bin).map(|_| (version, bin))
        })
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, bin)| bin)
}

fn parse_version(s: &str) -> Option<Vec<u32>> {
    s.split('.').map(|p| p.parse().ok()).collect()
}

/// Major version as PostgreSQL writes it in `PG_VERSION`: "15", or "9.6" before 10.
fn major_version(full: &str) -> String {
    let digits = |s: &str| -> String { s.chars().take_while(char::is_ascii_digit).collect() };
    let mut parts = full.split('.');
    let first = digits(parts.next().unwrap_or(""));
    match (first.parse::<u32>(), parts.next()) {
        (Ok(n), Some(minor)) if n < 10 => format!("{first}.{}", digits(minor)),
        _ => first,
    }
}

/// `<path><suffix>`, e.g. `postgres` → `postgres.initdb` (a sibling of the cluster).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// `postgres -V` → "15" (works as root: the root check comes later).
fn binaries_major_version(bins: &PgBinaries) -> Option<String> {
    let out = Command::new(&bins.postgres).arg("-V").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let after = text.split(')').nth(1)?.trim();
    let full = after.split_whitespace().next()?;
    Some(major_version(full))
}

/// Options for [`EmbeddedPostgres::start_with`].
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    /// Non-durable settings (tests): `initdb --no-sync`, `fsync`, `synchronous_commit` and
    /// `full_page_writes` off.
    pub fast: bool,
    /// A `PATH`-like list replacing the whole binary search (no `/usr/lib` fallback).
    pub bin_search: Option<OsString>,
}

impl StartOptions {
    /// `ABIERTO_PG_FAST=1` and `ABIERTO_PG_BIN_SEARCH`.
    pub fn from_env() -> Self {
        StartOptions {
            fast: std::env::var("ABIERTO_PG_FAST").is_ok_and(|v| v.trim() == "1"),
            bin_search: std::env::var_os("ABIERTO_PG_BIN_SEARCH"),
        }
    }
}

/// The user PostgreSQL runs as when we are root.
#[derive(Debug, Clone)]
struct RunAs {
    name: String,
    uid: u32,
    gid: u32,
}

fn lookup_user(name: &str) -> Option<RunAs> {
    let cname = CString::new(name).ok()?;
    // SAFETY: passwd is plain data; all-zero is a valid value to be filled in.
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    let mut buf = vec![0 as libc::c_char; 16384];
    // SAFETY: all pointers are valid for the call; getpwnam_r is thread-safe.
    let rc = unsafe {
        libc::getpwnam_r(
            cname.as_ptr(),
            &mut pwd,
            buf.as_mut_ptr(),
            buf.len(),
            &mut result,
        )
    };
    (rc == 0 && !result.is_null()).then(|| RunAs {
        name: name.to_owned(),
        uid: pwd.pw_uid,
        gid: pwd.pw_gid,
    })
}

fn unprivileged_user() -> Result<Option<RunAs>, LaunchError> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Ok(None);
    }
    lookup_user("postgres")
        .or_else(|| lookup_user("nobody"))
        .map(Some)
        .ok_or(LaunchError::NoUnprivilegedUser)
}

/// The first directory among `path` and its ancestors that `user` cannot traverse
/// (permission bits only, as the kernel checks them for a user without extra groups).
fn untraversable_ancestor(path: &Path, user: &RunAs) -> Option<PathBuf> {
    path.ancestors().find_map(|dir| {
        let md = fs::metadata(dir).ok()?;
        let mode = md.mode();
        let ok = if md.uid() == user.uid {
            mode & 0o100 != 0
        } else if md.gid() == user.gid {
            mode & 0o010 != 0
        } else {
            mode & 0o001 != 0
        };
        (!ok).then(|| dir.to_path_buf())
    })
}

/// FNV-1a, 64 bits: stable across Rust versions, unlike `DefaultHasher`.
fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn chown(path: &Path, user: &RunAs) -> Result<(), LaunchError> {
    std::os::unix::fs::lchown(path, Some(user.uid), Some(user.gid)).map_err(io_err(format!(
        "cannot chown {} to {}",
        path.display(),
        user.name
    )))
}

fn chown_recursive(path: &Path, user: &RunAs) -> Result<(), LaunchError> {
    chown(path, user)?;
    let md =
        fs::symlink_metadata(path).map_err(io_err(format!("cannot stat {}", path.display())))?;
    if md.is_dir() {
        let entries =
            fs::read_dir(path).map_err(io_err(format!("cannot list {}", path.display())))?;
        for entry in entries {
            let entry = entry.map_err(io_err(format!("cannot list {}", path.display())))?;
            chown_recursive(&entry.path(), user)?;
        }
    }
    Ok(())
}

fn random_password() -> String {
    rand::rng()
        .sample_iter(&Alphanumeric)
        .take(32)
        .map(char::from)
        .collect()
}

/// Writes `contents` to `path` (mode 0600) through a temporary file and a rename.
fn write_private_file(path: &Path, contents: &str) -> Result<(), LaunchError> {
    let tmp = with_suffix(path, ".tmp");
    let _ = fs::remove_file(&tmp);
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .map_err(io_err(format!("cannot create {}", tmp.display())))?;
    f.write_all(contents.as_bytes())
        .and_then(|_| f.sync_all())
        .map_err(io_err(format!("cannot write {}", tmp.display())))?;
    fs::rename(&tmp, path).map_err(io_err(format!("cannot rename to {}", path.display())))
}

/// Deletes the file when dropped (the temporary password file handed to `initdb`).
struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

// ---------------------------------------------------------------------------------------------
// Spawning: one thread for the whole process, so PR_SET_PDEATHSIG (which fires when the thread
// that forked the child exits) only fires when the process dies.

type SpawnJob = (Command, tokio::sync::oneshot::Sender<io::Result<Child>>);

fn spawner() -> &'static mpsc::Sender<SpawnJob> {
    static SPAWNER: OnceLock<mpsc::Sender<SpawnJob>> = OnceLock::new();
    SPAWNER.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<SpawnJob>();
        std::thread::Builder::new()
            .name("pg-spawner".into())
            .spawn(move || {
                // The sender lives in a static, so this loop (and the thread) never ends.
                for (mut command, reply) in rx {
                    let _ = reply.send(command.spawn());
                }
            })
            .expect("start the pg-spawner thread");
        tx
    })
}

/// Spawns `command` as `user` (if any) from the spawner thread, with a parent-death signal.
async fn spawn_child(mut command: Command, user: Option<&RunAs>) -> io::Result<Child> {
    let parent = std::process::id() as libc::pid_t;
    let expected_uid = user.map(|u| u.uid);
    if let Some(u) = user {
        // std also calls setgroups(0, NULL) when uid is set (drops root's supplementary groups).
        command.uid(u.uid).gid(u.gid);
    }
    // SAFETY: the closure only makes async-signal-safe system calls and does not allocate.
    // std runs it after setgroups/setgid/setuid and chdir, right before exec; the parent-death
    // signal must be set after the uid change, which clears it.
    unsafe {
        command.pre_exec(move || {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::pthread_sigmask(libc::SIG_SETMASK, &set, std::ptr::null_mut());
            if let Some(uid) = expected_uid
                && (libc::getuid() != uid || libc::geteuid() != uid)
            {
                return Err(io::Error::from_raw_os_error(libc::EPERM));
            }
            if libc::prctl(
                libc::PR_SET_PDEATHSIG,
                libc::SIGINT as libc::c_ulong,
                0,
                0,
                0,
            ) != 0
            {
                return Err(io::Error::last_os_error());
            }
            // Our process may have died before prctl: then nobody would signal the child.
            if libc::getppid() != parent {
                return Err(io::Error::from_raw_os_error(libc::ESRCH));
            }
            Ok(())
        });
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    spawner()
        .send((command, tx))
        .map_err(|_| io::Error::other("the pg-spawner thread is gone"))?;
    rx.await
        .map_err(|_| io::Error::other("the pg-spawner thread dropped the request"))?
}

// ---------------------------------------------------------------------------------------------
// Processes

fn signal(pid: i32, sig: libc::c_int) {
    // SAFETY: kill has no memory-safety preconditions.
    unsafe {
        libc::kill(pid, sig);
    }
}

/// Alive and not a zombie.
fn process_alive(pid: i32) -> bool {
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks for existence.
    let exists = unsafe { libc::kill(pid, 0) } == 0
        || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
    if !exists {
        return false;
    }
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the parenthesised command name, which may contain spaces.
        Ok(stat) => stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.trim_start().chars().next())
            .is_none_or(|state| state != 'Z' && state != 'X'),
        Err(_) => true,
    }
}

/// Whether `pid` is a live postmaster for the cluster in `cluster` (canonical path).
fn is_postmaster_for(pid: i32, cluster: &Path) -> bool {
    if pid <= 0 || !process_alive(pid) {
        return false;
    }
    let Ok(cmdline) = fs::read(format!("/proc/{pid}/cmdline")) else {
        return false;
    };
    let args: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
    let program = args.first().map(|a| Path::new(OsStr::from_bytes(a)));
    let is_postgres = program
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.contains("postgres") || n.contains("postmaster"));
    if !is_postgres {
        return false;
    }
    // The postmaster's working directory is its data directory.
    if let Ok(cwd) = fs::read_link(format!("/proc/{pid}/cwd")) {
        return cwd == cluster;
    }
    // Not allowed to look (another user): fall back to the -D argument.
    args.windows(2).any(|w| {
        w[0] == b"-D"
            && fs::canonicalize(Path::new(OsStr::from_bytes(w[1]))).is_ok_and(|p| p == cluster)
    })
}

/// Contents of `postmaster.pid`: the pid (line 1) and the port (line 4).
fn read_postmaster_pid(cluster: &Path) -> Option<(i32, Option<u16>)> {
    let text = fs::read_to_string(cluster.join("postmaster.pid")).ok()?;
    let mut lines = text.lines();
    let pid = lines.next()?.trim().parse().ok()?;
    let port = lines.nth(2).and_then(|l| l.trim().parse().ok());
    Some((pid, port))
}

fn free_port() -> Result<u16, LaunchError> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0))
        .map_err(io_err("cannot find a free port on 127.0.0.1"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(io_err("cannot find a free port on 127.0.0.1"))
}

/// The last lines written to the log since `offset`.
fn log_tail(log: &Path, offset: u64) -> String {
    const MAX_BYTES: u64 = 8192;
    const MAX_LINES: usize = 30;
    let Ok(mut f) = File::open(log) else {
        return String::new();
    };
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    let start = offset.max(len.saturating_sub(MAX_BYTES));
    let mut buf = Vec::new();
    if f.seek(SeekFrom::Start(start)).is_err() || f.read_to_end(&mut buf).is_err() {
        return String::new();
    }
    let text = String::from_utf8_lossy(&buf);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(MAX_LINES)..].join("\n")
}

/// Opens the log for appending (rotating it once when large); returns it and its length.
fn open_log(path: &Path) -> Result<(File, u64), LaunchError> {
    if fs::metadata(path).is_ok_and(|m| m.len() > LOG_ROTATE_BYTES) {
        let _ = fs::rename(path, with_suffix(path, ".1"));
    }
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)
        .map_err(io_err(format!("cannot open {}", path.display())))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    Ok((file, len))
}

fn log_stdio(log: &File) -> Result<(Stdio, Stdio), LaunchError> {
    let out = log
        .try_clone()
        .map_err(io_err("cannot duplicate the log file"))?;
    let err = log
        .try_clone()
        .map_err(io_err("cannot duplicate the log file"))?;
    Ok((Stdio::from(out), Stdio::from(err)))
}

async fn wait_child(child: &mut Child, timeout: Duration) -> io::Result<Option<ExitStatus>> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            return Ok(None);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn wait_child_blocking(child: &mut Child, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        match child.try_wait() {
            Ok(Some(_)) | Err(_) => return true,
            Ok(None) if Instant::now() >= deadline => return false,
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

async fn wait_gone(pid: i32, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    while process_alive(pid) {
        if Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    true
}

fn wait_gone_blocking(pid: i32, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    while process_alive(pid) {
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    true
}

// ---------------------------------------------------------------------------------------------
// The server

/// The postmaster we answer for.
enum Server {
    /// Started by us: our child, spawned from the pg-spawner thread.
    Child(Child),
    /// Found running for this cluster (left by an earlier process); stopped by pid.
    Adopted(i32),
}

impl Server {
    fn pid(&self) -> i32 {
        match self {
            Server::Child(c) => c.id() as i32,
            Server::Adopted(pid) => *pid,
        }
    }

    async fn stop(mut self) -> Result<(), LaunchError> {
        let pid = self.pid();
        signal(pid, libc::SIGINT);
        if self.wait(STOP_TIMEOUT).await? {
            return Ok(());
        }
        tracing::warn!(pid, "PostgreSQL did not stop within 30 s; sending SIGQUIT");
        signal(pid, libc::SIGQUIT);
        if self.wait(Duration::from_secs(10)).await? {
            return Ok(());
        }
        signal(pid, libc::SIGKILL);
        self.wait(Duration::from_secs(10)).await?;
        Ok(())
    }

    async fn wait(&mut self, timeout: Duration) -> Result<bool, LaunchError> {
        match self {
            Server::Child(child) => wait_child(child, timeout)
                .await
                .map(|s| s.is_some())
                .map_err(io_err("cannot wait for PostgreSQL")),
            Server::Adopted(pid) => Ok(wait_gone(*pid, timeout).await),
        }
    }

    /// Best effort, blocking: fast shutdown, then immediate shutdown.
    fn stop_blocking(&mut self) {
        let pid = self.pid();
        let mut wait = |timeout| match self {
            Server::Child(child) => wait_child_blocking(child, timeout),
            Server::Adopted(pid) => wait_gone_blocking(*pid, timeout),
        };
        signal(pid, libc::SIGINT);
        if wait(DROP_STOP_TIMEOUT) {
            return;
        }
        signal(pid, libc::SIGQUIT);
        if wait(Duration::from_secs(2)) {
            return;
        }
        signal(pid, libc::SIGKILL);
        wait(Duration::from_secs(2));
    }

    fn exited(&mut self) -> bool {
        match self {
            Server::Child(child) => !matches!(child.try_wait(), Ok(None)),
            Server::Adopted(pid) => !process_alive(*pid),
        }
    }
}

/// A private PostgreSQL cluster; stopped by [`EmbeddedPostgres::stop`] or, best effort, on drop.
pub struct EmbeddedPostgres {
    port: u16,
    password: String,
    cluster: PathBuf,
    server: Option<Server>,
    /// Holds the `flock` on `<dir>/abierto.lock`.
    _lock: File,
}

impl fmt::Debug for EmbeddedPostgres {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmbeddedPostgres")
            .field("port", &self.port)
            .field("cluster", &self.cluster)
            .field("pid", &self.server.as_ref().map(Server::pid))
            .finish_non_exhaustive()
    }
}

/// Why one attempt to start the postmaster failed.
enum AttemptError {
    PortTaken,
    Other(LaunchError),
}

impl From<LaunchError> for AttemptError {
    fn from(e: LaunchError) -> Self {
        AttemptError::Other(e)
    }
}

struct Cluster {
    /// Canonical path of the cluster directory.
    path: PathBuf,
    bins: PgBinaries,
    user: Option<RunAs>,
    password: String,
    log: PathBuf,
    fast: bool,
}

impl EmbeddedPostgres {
    /// Starts (or adopts) the private cluster that lives in `dir` (created if missing; cluster
    /// files in `dir/postgres`). Honours `ABIERTO_PG_FAST` and `ABIERTO_PG_BIN_SEARCH`.
    pub async fn start(dir: &Path) -> Result<Self, LaunchError> {
        Self::start_with(dir, StartOptions::from_env()).await
    }

    /// [`start`](Self::start) with the non-durable test settings, whatever the environment.
    pub async fn start_fast(dir: &Path) -> Result<Self, LaunchError> {
        let options = StartOptions {
            fast: true,
            ..StartOptions::from_env()
        };
        Self::start_with(dir, options).await
    }

    /// [`start`](Self::start) with explicit options instead of the environment.
    pub async fn start_with(dir: &Path, options: StartOptions) -> Result<Self, LaunchError> {
        let began = Instant::now();
        let bins = match &options.bin_search {
            Some(search) => find_binaries_in(search)?,
            None => find_binaries()?,
        };
        let dir = prepare_data_dir(dir)?;
        let lock = lock_data_dir(&dir)?;
        let (cluster, fresh) = Cluster::open_or_create(&dir, bins, options.fast).await?;
        let mut pg = EmbeddedPostgres {
            port: 0,
            password: cluster.password.clone(),
            cluster: cluster.path.clone(),
            server: None,
            _lock: lock,
        };
        let adopted = if fresh {
            None
        } else {
            adopt_running_server(&mut pg, &cluster).await?
        };
        let was_adopted = adopted.is_some();
        let mut conn = match adopted {
            Some(conn) => conn,
            None => launch(&mut pg, &cluster).await?,
        };
        ensure_database(&mut conn, DATABASE).await?;
        let _ = conn.close().await;

        tracing::info!(
            port = pg.port,
            pid = pg.pid(),
            cluster = %pg.cluster.display(),
            initdb = fresh,
            adopted = was_adopted,
            elapsed_ms = began.elapsed().as_millis() as u64,
            "private PostgreSQL ready"
        );
        Ok(pg)
    }

    /// e.g. `postgres://abierto:<password>@127.0.0.1:<port>/<database>`
    pub fn url(&self, database: &str) -> String {
        format!(
            "postgres://{ROLE}:{}@127.0.0.1:{}/{database}",
            self.password, self.port
        )
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Pid of the postmaster.
    pub fn pid(&self) -> u32 {
        self.server.as_ref().map_or(0, |s| s.pid() as u32)
    }

    /// The cluster directory (canonical): `<dir>/postgres`, or where `postgres.location` says.
    pub fn cluster_dir(&self) -> &Path {
        &self.cluster
    }

    /// Fast shutdown (SIGINT to the postmaster) and wait until it exits (<= 30 s, then SIGQUIT).
    pub async fn stop(mut self) -> Result<(), LaunchError> {
        match self.server.take() {
            Some(server) => {
                let pid = server.pid();
                server.stop().await?;
                tracing::info!(pid, "private PostgreSQL stopped");
                Ok(())
            }
            None => Ok(()),
        }
    }
}

impl Drop for EmbeddedPostgres {
    fn drop(&mut self) {
        if let Some(mut server) = self.server.take() {
            server.stop_blocking();
        }
    }
}

impl Cluster {
    /// Finds the cluster of the data directory `dir` (canonical), creating it with initdb the
    /// first time. Returns it and whether it is new.
    async fn open_or_create(
        dir: &Path,
        bins: PgBinaries,
        fast: bool,
    ) -> Result<(Cluster, bool), LaunchError> {
        let user = unprivileged_user()?;
        let path = cluster_location(dir, user.as_ref())?;
        let log = dir.join("postgres.log");
        let password_file = dir.join("postgres.password");
        let fresh = !path.join("PG_VERSION").is_file();
        let (bins, password) = if fresh {
            let password = random_password();
            initdb(&path, &bins, user.as_ref(), &password, &log, fast).await?;
            // Saved before the cluster moves into place: a cluster without its password file
            // is always an interrupted first start, redone next time.
            write_private_file(&password_file, &password)?;
            fs::rename(with_suffix(&path, ".initdb"), &path).map_err(io_err(format!(
                "cannot move the new cluster to {}",
                path.display()
            )))?;
            (bins, password)
        } else {
            let password = match fs::read_to_string(&password_file) {
                Ok(p) => p.trim().to_owned(),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Err(LaunchError::PasswordMissing {
                        cluster: path,
                        file: password_file,
                    });
                }
                Err(e) => {
                    return Err(io_err(format!("cannot read {}", password_file.display()))(
                        e,
                    ));
                }
            };
            // PostgreSQL only runs on a cluster its user owns: say nobody ran it before the
            // postgres user existed.
            if let Some(u) = &user
                && fs::metadata(&path).is_ok_and(|m| m.uid() != u.uid)
            {
                tracing::info!(cluster = %path.display(), user = %u.name, "handing the cluster to its new owner");
                chown_recursive(&path, u)?;
            }
            (compatible_binaries(&path, bins)?, password)
        };
        let path = fs::canonicalize(&path)
            .map_err(io_err(format!("cannot resolve {}", path.display())))?;
        let cluster = Cluster {
            path,
            bins,
            user,
            password,
            log,
            fast,
        };
        Ok((cluster, fresh))
    }
}

/// Adopts the postmaster listed in `postmaster.pid` if it runs for this cluster, or removes
/// the file when stale. Returns a connection to the adopted server.
async fn adopt_running_server(
    pg: &mut EmbeddedPostgres,
    cluster: &Cluster,
) -> Result<Option<PgConnection>, LaunchError> {
    let mut listed = read_postmaster_pid(&cluster.path);
    // A postmaster that is starting writes its port a moment after its pid.
    for _ in 0..100 {
        match listed {
            Some((pid, None)) if is_postmaster_for(pid, &cluster.path) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                listed = read_postmaster_pid(&cluster.path);
            }
            _ => break,
        }
    }
    let Some((pid, port)) = listed else {
        return Ok(None);
    };
    if is_postmaster_for(pid, &cluster.path)
        && let Some(port) = port
    {
        tracing::info!(pid, port, "adopting a running PostgreSQL for this cluster");
        pg.server = Some(Server::Adopted(pid));
        pg.port = port;
        match wait_ready(pg, cluster, 0).await {
            Ok(conn) => return Ok(Some(conn)),
            Err(e) => {
                // Never stop a server we failed to adopt.
                let gone = pg.server.take().is_none_or(|mut s| s.exited());
                match e {
                    // It was shutting down: start our own once it is gone.
                    _ if gone => {}
                    AttemptError::Other(e) => return Err(e),
                    AttemptError::PortTaken => unreachable!("adopting binds no port"),
                }
            }
        }
    }
    if is_postmaster_for(pid, &cluster.path) {
        return Err(LaunchError::Startup {
            log_tail: format!(
                "a PostgreSQL server (pid {pid}) runs on {} but does not answer on the port in its postmaster.pid",
                cluster.path.display()
            ),
        });
    }
    let pid_file = cluster.path.join("postmaster.pid");
    if pid_file.exists() {
        // PostgreSQL refuses to start while the pid listed is alive, even when it is not a
        // postmaster; orphaned backends are still caught by its shared memory interlock,
        // which does not need this file.
        tracing::info!(pid, "removing a stale postmaster.pid");
        fs::remove_file(&pid_file).map_err(io_err("cannot remove the stale postmaster.pid"))?;
    }
    Ok(None)
}

/// Starts our postmaster, on another free port when the one picked gets taken meanwhile.
async fn launch(pg: &mut EmbeddedPostgres, cluster: &Cluster) -> Result<PgConnection, LaunchError> {
    for _ in 1..PORT_ATTEMPTS {
        match start_postmaster(pg, cluster).await {
            Ok(conn) => return Ok(conn),
            Err(AttemptError::PortTaken) => {
                tracing::info!(port = pg.port, "port taken meanwhile; trying another");
            }
            Err(AttemptError::Other(e)) => return Err(e),
        }
    }
    match start_postmaster(pg, cluster).await {
        Ok(conn) => Ok(conn),
        Err(AttemptError::PortTaken) => Err(LaunchError::Startup {
            log_tail: log_tail(&cluster.log, 0),
        }),
        Err(AttemptError::Other(e)) => Err(e),
    }
}

/// Creates `dir` if missing (0755, so the PostgreSQL user can traverse it) and canonicalises it.
fn prepare_data_dir(dir: &Path) -> Result<PathBuf, LaunchError> {
    if !dir.exists() {
        fs::create_dir_all(dir).map_err(io_err(format!("cannot create {}", dir.display())))?;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).map_err(io_err(format!(
            "cannot set permissions on {}",
            dir.display()
        )))?;
    }
    fs::canonicalize(dir).map_err(io_err(format!("cannot resolve {}", dir.display())))
}

fn lock_data_dir(dir: &Path) -> Result<File, LaunchError> {
    let path = dir.join("abierto.lock");
    let mut file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .mode(0o644)
        .open(&path)
        .map_err(io_err(format!("cannot open {}", path.display())))?;
    // SAFETY: flock on a valid descriptor.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
        let e = io::Error::last_os_error();
        return Err(if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
            LaunchError::Locked(dir.to_path_buf())
        } else {
            io_err(format!("cannot lock {}", path.display()))(e)
        });
    }
    // For people wondering who holds it.
    let _ = file.set_len(0);
    let _ = writeln!(file, "{}", std::process::id());
    Ok(file)
}

/// The cluster directory: `postgres.location` if present, else `<dir>/postgres`, unless the
/// PostgreSQL user cannot reach `dir` (then under [`RELOCATED_ROOT`], recorded in the location
/// file). The returned directory may not exist yet.
fn cluster_location(dir: &Path, user: Option<&RunAs>) -> Result<PathBuf, LaunchError> {
    let location_file = dir.join("postgres.location");
    if let Ok(text) = fs::read_to_string(&location_file)
        && !text.trim().is_empty()
    {
        return Ok(PathBuf::from(text.trim()));
    }
    let default = dir.join("postgres");
    let Some(user) = user else {
        return Ok(default);
    };
    let Some(blocker) = untraversable_ancestor(dir, user) else {
        return Ok(default);
    };
    if default.join("PG_VERSION").exists() {
        // A cluster made before (say while not root): keep it, PostgreSQL will say what's wrong.
        return Ok(default);
    }
    let hash = stable_hash(dir.as_os_str().as_encoded_bytes());
    let relocated = Path::new(RELOCATED_ROOT).join(format!("{hash:016x}"));
    tracing::warn!(
        data_dir = %dir.display(),
        blocked_by = %blocker.display(),
        user = %user.name,
        cluster = %relocated.display(),
        "the PostgreSQL user cannot reach the data directory; the cluster goes elsewhere \
         (permissions left unchanged)"
    );
    if !Path::new(RELOCATED_ROOT).exists() {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o755)
            .create(RELOCATED_ROOT)
            .map_err(io_err(format!("cannot create {RELOCATED_ROOT}")))?;
        let _ = fs::set_permissions(RELOCATED_ROOT, fs::Permissions::from_mode(0o755));
    }
    write_private_file(&location_file, &format!("{}\n", relocated.display()))?;
    Ok(relocated)
}

/// Uses the binaries of the cluster's major version when the ones found differ.
fn compatible_binaries(cluster: &Path, found: PgBinaries) -> Result<PgBinaries, LaunchError> {
    let Ok(wanted) = fs::read_to_string(cluster.join("PG_VERSION")) else {
        return Ok(found);
    };
    let wanted = wanted.trim().to_owned();
    let Some(have) = binaries_major_version(&found) else {
        return Ok(found);
    };
    if have == wanted {
        return Ok(found);
    }
    let dir = Path::new("/usr/lib/postgresql").join(&wanted).join("bin");
    match binaries_in_dir(&dir) {
        Some(bins) => {
            tracing::info!(version = %wanted, bin = %dir.display(), "using the cluster's PostgreSQL version");
            Ok(bins)
        }
        None => Err(LaunchError::VersionMismatch {
            dir: cluster.to_path_buf(),
            cluster: wanted,
            binaries: have,
        }),
    }
}

/// Runs initdb into `<cluster>.initdb` (moved into place by the caller once the password is
/// saved, so an interrupted first start is simply redone).
async fn initdb(
    cluster: &Path,
    bins: &PgBinaries,
    user: Option<&RunAs>,
    password: &str,
    log: &Path,
    fast: bool,
) -> Result<(), LaunchError> {
    let began = Instant::now();
    match fs::read_dir(cluster) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(LaunchError::Io {
                    context: format!(
                        "{} exists, is not empty and is not a PostgreSQL cluster",
                        cluster.display()
                    ),
                    source: io::Error::from(io::ErrorKind::AlreadyExists),
                });
            }
            fs::remove_dir(cluster)
                .map_err(io_err(format!("cannot remove {}", cluster.display())))?;
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_err(format!("cannot read {}", cluster.display()))(e)),
    }
    let staging = with_suffix(cluster, ".initdb");
    let pwfile = with_suffix(cluster, ".pwfile");
    let _ = fs::remove_file(&pwfile);
    let _remove_pwfile = RemoveOnDrop(pwfile.clone());
    write_private_file(&pwfile, password)?;
    if let Some(u) = user {
        chown(&pwfile, u)?;
    }
    tracing::info!(cluster = %cluster.display(), user = user.map(|u| u.name.as_str()), "creating the PostgreSQL cluster (initdb)");

    for locale in ["C.UTF-8", "C"] {
        if staging.exists() {
            fs::remove_dir_all(&staging)
                .map_err(io_err(format!("cannot remove {}", staging.display())))?;
        }
        fs::DirBuilder::new()
            .mode(0o700)
            .create(&staging)
            .map_err(io_err(format!("cannot create {}", staging.display())))?;
        if let Some(u) = user {
            chown(&staging, u)?;
        }
        let (log_file, offset) = open_log(log)?;
        let (out, err) = log_stdio(&log_file)?;
        let mut command = Command::new(&bins.initdb);
        command
            .arg("-D")
            .arg(&staging)
            .arg(format!("--username={ROLE}"))
            .arg("--auth=scram-sha-256")
            .arg(format!("--pwfile={}", pwfile.display()))
            .arg("--encoding=UTF8")
            .arg(format!("--locale={locale}"))
            .current_dir("/")
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err);
        if fast {
            command.arg("--no-sync");
        }
        let mut child = spawn_child(command, user)
            .await
            .map_err(io_err(format!("cannot run {}", bins.initdb.display())))?;
        let status = wait_child(&mut child, INITDB_TIMEOUT)
            .await
            .map_err(io_err("cannot wait for initdb"))?;
        match status {
            Some(s) if s.success() => {
                tracing::info!(
                    locale,
                    elapsed_ms = began.elapsed().as_millis() as u64,
                    "initdb done"
                );
                return Ok(());
            }
            Some(_) if locale != "C" => {
                tracing::warn!(locale, "initdb failed with this locale; retrying with C");
            }
            Some(_) => {
                return Err(LaunchError::Startup {
                    log_tail: log_tail(log, offset),
                });
            }
            None => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(LaunchError::Timeout {
                    seconds: INITDB_TIMEOUT.as_secs(),
                    log_tail: log_tail(log, offset),
                });
            }
        }
    }
    unreachable!("the C locale attempt returns")
}

/// Spawns the postmaster on a fresh free port and waits until it answers.
async fn start_postmaster(
    pg: &mut EmbeddedPostgres,
    cluster: &Cluster,
) -> Result<PgConnection, AttemptError> {
    let port = free_port()?;
    let (log_file, offset) = open_log(&cluster.log)?;
    let (out, err) = log_stdio(&log_file)?;
    let mut command = Command::new(&cluster.bins.postgres);
    command
        .arg("-D")
        .arg(&cluster.path)
        .args(["-c", "listen_addresses=127.0.0.1"])
        .arg("-c")
        .arg(format!("port={port}"))
        .args(["-c", "unix_socket_directories="])
        .args(["-c", "max_connections=200"])
        .args(["-c", "shared_buffers=128MB"])
        .current_dir(&cluster.path)
        .env_remove("PGDATA")
        // Our own process group: a Ctrl-C in the terminal reaches the app, which stops us.
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err);
    if cluster.fast {
        command.args([
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
        ]);
    }
    let child = spawn_child(command, cluster.user.as_ref())
        .await
        .map_err(io_err(format!(
            "cannot run {}",
            cluster.bins.postgres.display()
        )))?;
    pg.port = port;
    pg.server = Some(Server::Child(child));
    wait_ready(pg, cluster, offset).await
}

/// Connects until the server answers; fails when it exits or after [`READY_TIMEOUT`].
async fn wait_ready(
    pg: &mut EmbeddedPostgres,
    cluster: &Cluster,
    log_offset: u64,
) -> Result<PgConnection, AttemptError> {
    let deadline = Instant::now() + READY_TIMEOUT;
    loop {
        let server = pg.server.as_mut().expect("a server to wait for");
        if server.exited() {
            pg.server = None;
            let log_tail = log_tail(&cluster.log, log_offset);
            if log_tail.contains("Address already in use") {
                return Err(AttemptError::PortTaken);
            }
            return Err(LaunchError::Startup { log_tail }.into());
        }
        let attempt = tokio::time::timeout(
            Duration::from_secs(5),
            connect(pg.port, &pg.password, "postgres"),
        )
        .await;
        match attempt {
            Ok(Ok(conn)) => return Ok(conn),
            Ok(Err(sqlx::Error::Database(e)))
                if matches!(e.code().as_deref(), Some("28P01" | "28000")) =>
            {
                // Wrong password or role: waiting won't help.
                return Err(LaunchError::Connect(sqlx::Error::Database(e)).into());
            }
            _ => {}
        }
        if Instant::now() >= deadline {
            if let Some(mut server) = pg.server.take()
                && matches!(server, Server::Child(_))
            {
                server.stop_blocking();
            }
            return Err(LaunchError::Timeout {
                seconds: READY_TIMEOUT.as_secs(),
                log_tail: log_tail(&cluster.log, log_offset),
            }
            .into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn connect(port: u16, password: &str, database: &str) -> Result<PgConnection, sqlx::Error> {
    let options = PgConnectOptions::new()
        .host("127.0.0.1")
        .port(port)
        .username(ROLE)
        .password(password)
        .database(database)
        .ssl_mode(PgSslMode::Disable);
    PgConnection::connect_with(&options).await
}

async fn ensure_database(conn: &mut PgConnection, name: &str) -> Result<(), LaunchError> {
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(name)
            .fetch_one(&mut *conn)
            .await?;
    if !exists {
        sqlx::query(&format!(
            "CREATE DATABASE \"{}\"",
            name.replace('"', "\"\"")
        ))
        .execute(&mut *conn)
        .await?;
        tracing::info!(database = name, "database created");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_sort_numerically_and_majors_follow_pg_version() {
        assert!(parse_version("16").unwrap() > parse_version("9.6").unwrap());
        assert!(parse_version("x").is_none());
        assert_eq!(major_version("15.18"), "15");
        assert_eq!(major_version("9.6.24"), "9.6");
        assert_eq!(major_version("17beta1"), "17");
    }

    #[test]
    fn stable_hash_is_fnv1a() {
        assert_eq!(stable_hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn untraversable_ancestor_checks_the_right_permission_class() {
        let user = RunAs {
            name: "nobody".into(),
            uid: 65534,
            gid: 65534,
        };
        assert_eq!(untraversable_ancestor(Path::new("/usr/lib"), &user), None);
        if unsafe { libc::geteuid() } == 0 && Path::new("/root").exists() {
            let root_mode = fs::metadata("/root").unwrap().mode();
            if root_mode & 0o001 == 0 {
                assert_eq!(
                    untraversable_ancestor(Path::new("/root"), &user),
                    Some(PathBuf::from("/root"))
                );
            }
        }
    }
}
