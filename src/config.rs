//! Typed settings, read once at start from the environment (and an optional `.env`).

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use lettre::message::Mailbox;

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// A connection string that may carry a password: never printed in full.
#[derive(Clone)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&without_credentials(&self.0))
    }
}

/// An SMTP server address such as `smtps://user:pass@smtp.example.org:465`: never printed
/// in full.
#[derive(Clone)]
pub struct SmtpUrl(String);

impl SmtpUrl {
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&without_credentials(&self.0))
    }
}

/// Keeps scheme, host and path of a URL and hides user and password. The last `@` ends the
/// credentials, since a host cannot contain one but a carelessly written password can.
fn without_credentials(url: &str) -> String {
    match url.rsplit_once('@') {
        Some((scheme_and_user, rest)) => {
            let scheme = scheme_and_user.split("://").next().unwrap_or_default();
            format!("{scheme}://***@{rest}")
        }
        None => url.to_owned(),
    }
}

/// A secret value (an access key): never printed.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Where uploaded evidence files are kept.
#[derive(Clone, Debug)]
pub enum EvidenceStore {
    /// `<data_dir>/evidence` on this machine (one app node).
    Local,
    /// An S3-compatible bucket, shared by every app node.
    S3(S3Settings),
}

/// An S3-compatible bucket (AWS, MinIO, Ceph, Garage…).
#[derive(Clone, Debug)]
pub struct S3Settings {
    pub bucket: String,
    /// The service's address, e.g. `https://minio.internal:9000`; `None` is AWS itself.
    pub endpoint: Option<String>,
    pub region: String,
    /// Both set, or neither (the AWS_* environment or the instance's role then apply).
    pub credentials: Option<(String, Secret)>,
    /// Accept an `http://` endpoint (a private network only).
    pub allow_http: bool,
}

fn evidence_store(non_empty: &dyn Fn(&str) -> Option<String>) -> anyhow::Result<EvidenceStore> {
    match non_empty("ABIERTO_EVIDENCE_STORE")
        .as_deref()
        .map(str::trim)
    {
        None | Some("local") => return Ok(EvidenceStore::Local),
        Some("s3") => {}
        Some(other) => bail!("ABIERTO_EVIDENCE_STORE must be local or s3, not {other:?}"),
    }
    let bucket = non_empty("ABIERTO_S3_BUCKET")
        .map(|b| b.trim().to_owned())
        .context("ABIERTO_EVIDENCE_STORE=s3 needs ABIERTO_S3_BUCKET (the bucket's name)")?;
    let allow_http = match non_empty("ABIERTO_S3_ALLOW_HTTP").as_deref().map(str::trim) {
        None | Some("0") | Some("false") => false,
        Some("1") | Some("true") => true,
        Some(other) => bail!("ABIERTO_S3_ALLOW_HTTP must be true or false, not {other:?}"),
    };
    let endpoint =
        non_empty("ABIERTO_S3_ENDPOINT").map(|e| e.trim().trim_end_matches('/').to_owned());
    if let Some(endpoint) = &endpoint {
        if endpoint.starts_with("http://") && !allow_http {
            bail!(
                "ABIERTO_S3_ENDPOINT is http://, which sends files unencrypted: use https:// or set ABIERTO_S3_ALLOW_HTTP=true"
            );
        }
        if !endpoint.starts_with("http://") && !endpoint.starts_with("https://") {
            bail!("ABIERTO_S3_ENDPOINT must start with https:// (or http://), not {endpoint:?}");
        }
    }
    let credentials = match (
        non_empty("ABIERTO_S3_ACCESS_KEY_ID"),
        non_empty("ABIERTO_S3_SECRET_ACCESS_KEY"),
    ) {
        (Some(id), Some(secret)) => Some((id.trim().to_owned(), Secret::new(secret.trim()))),
        (None, None) => None,
        _ => {
            bail!("set both ABIERTO_S3_ACCESS_KEY_ID and ABIERTO_S3_SECRET_ACCESS_KEY, or neither")
        }
    };
    Ok(EvidenceStore::S3(S3Settings {
        bucket,
        endpoint,
        region: non_empty("ABIERTO_S3_REGION")
            .map(|r| r.trim().to_owned())
            .unwrap_or_else(|| "us-east-1".into()),
        credentials,
        allow_http,
    }))
}

/// The licence the open data is published under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataLicense {
    /// An Open Definition id such as `CC-BY-4.0`, or a short name.
    pub name: String,
    /// Where the licence text is.
    pub url: String,
}

#[derive(Clone, Debug)]
pub struct Config {
    /// External PostgreSQL server; `None` starts the private embedded cluster.
    pub database_url: Option<DatabaseUrl>,
    pub bind: SocketAddr,
    pub data_dir: PathBuf,
    pub log_format: LogFormat,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    pub request_timeout: Duration,
    /// A connection that has not sent a whole request head within this time is closed.
    pub header_timeout: Duration,
    /// Open client connections at most; more wait in the kernel's queue until one closes.
    pub max_connections: usize,
    /// Connections kept by the pool.
    pub db_max_connections: u32,
    /// Largest evidence file accepted, in bytes.
    pub max_upload: usize,
    /// Take the client address from `X-Forwarded-For` (only behind a proxy that sets it).
    pub trust_forwarded_for: bool,
    /// Outgoing mail server; `None` writes each message to `<data_dir>/mailbox/` instead.
    pub smtp_url: Option<SmtpUrl>,
    /// Sender of outgoing mail.
    pub mail_from: Mailbox,
    /// Where people reach the app, without a trailing slash; links in messages start here;
    /// `https://…` turns on secure `__Host-` cookies and HSTS.
    pub public_url: String,
    /// Where uploaded evidence files are kept.
    pub evidence_store: EvidenceStore,
    /// Licence of the open-data download and API.
    pub data_license: DataLicense,
    /// How long an anonymous page may be served from memory (changes drop it at once);
    /// zero turns the page cache off.
    pub page_cache_lifetime: Duration,
    /// Memory the page cache may use, in bytes.
    pub page_cache_budget: usize,
    /// Password hashes computed at once (about 19 MiB each); by default one per core.
    pub hash_concurrency: usize,
    /// Password checks that may wait for a slot; beyond them a login is answered 503.
    pub hash_queue: usize,
}

impl Config {
    /// Reads `.env` (when present) and the environment.
    pub fn from_env() -> anyhow::Result<Self> {
        // A missing .env is normal; a malformed one is an error worth reporting.
        match dotenvy::dotenv() {
            Ok(_) => {}
            Err(e) if e.not_found() => {}
            Err(e) => return Err(e).context("reading .env"),
        }
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Builds the settings from any key lookup (the environment in production, a map in tests).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let non_empty = |key: &str| get(key).filter(|v| !v.trim().is_empty());
        let bind = non_empty("ABIERTO_BIND")
            .unwrap_or_else(|| "127.0.0.1:3000".into())
            .parse()
            .context("ABIERTO_BIND must be an address such as 127.0.0.1:3000")?;
        let log_format = match non_empty("ABIERTO_LOG_FORMAT").as_deref() {
            None | Some("pretty") => LogFormat::Pretty,
            Some("json") => LogFormat::Json,
            Some(other) => bail!("ABIERTO_LOG_FORMAT must be pretty or json, not {other:?}"),
        };
        let number = |key: &str, default: u64| -> anyhow::Result<u64> {
            match non_empty(key) {
                None => Ok(default),
                Some(v) => v
                    .trim()
                    .parse()
                    .with_context(|| format!("{key} must be a whole number, not {v:?}")),
            }
        };
        let smtp_url = match non_empty("ABIERTO_SMTP_URL").map(|url| url.trim().to_owned()) {
            None => None,
            Some(url) if url.starts_with("smtp://") || url.starts_with("smtps://") => {
                Some(SmtpUrl::new(url))
            }
            // The value may hold a password, so it is not repeated in the error.
            Some(_) => bail!("ABIERTO_SMTP_URL must start with smtp:// or smtps://"),
        };
        let mail_from =
            non_empty("ABIERTO_MAIL_FROM").unwrap_or_else(|| "Abierto <no-reply@localhost>".into());
        let mail_from = mail_from.trim().parse().with_context(|| {
            format!(
                "ABIERTO_MAIL_FROM must look like Abierto <no-reply@example.org>, not {mail_from:?}"
            )
        })?;
        let public_url = non_empty("ABIERTO_PUBLIC_URL")
            .unwrap_or_else(|| "http://127.0.0.1:3000".into())
            .trim()
            .trim_end_matches('/')
            .to_owned();
        let host = public_url
            .strip_prefix("https://")
            .or_else(|| public_url.strip_prefix("http://"));
        if host.is_none_or(str::is_empty) {
            bail!("ABIERTO_PUBLIC_URL must start with http:// or https://, not {public_url:?}");
        }
        let data_license = DataLicense {
            name: non_empty("ABIERTO_DATA_LICENSE")
                .map_or_else(|| "CC-BY-4.0".into(), |v| v.trim().to_owned()),
            url: non_empty("ABIERTO_DATA_LICENSE_URL").map_or_else(
                || "https://creativecommons.org/licenses/by/4.0/".into(),
                |v| v.trim().to_owned(),
            ),
        };
        if !data_license.url.starts_with("https://") && !data_license.url.starts_with("http://") {
            bail!(
                "ABIERTO_DATA_LICENSE_URL must start with http:// or https://, not {:?}",
                data_license.url
            );
        }
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        let hash_concurrency = match number("ABIERTO_HASH_CONCURRENCY", 0)? {
            0 => cores,
            n => usize::try_from(n).context("ABIERTO_HASH_CONCURRENCY is too large")?,
        };
        let hash_queue = match non_empty("ABIERTO_HASH_QUEUE") {
            None => 4 * hash_concurrency,
            Some(_) => usize::try_from(number("ABIERTO_HASH_QUEUE", 0)?)
                .context("ABIERTO_HASH_QUEUE is too large")?,
        };
        Ok(Self {
            database_url: non_empty("DATABASE_URL").map(DatabaseUrl::new),
            bind,
            data_dir: non_empty("ABIERTO_DATA")
                .unwrap_or_else(|| "./data".into())
                .into(),
            log_format,
            body_limit: usize::try_from(number("ABIERTO_BODY_LIMIT_MB", 64)? * 1024 * 1024)
                .context("ABIERTO_BODY_LIMIT_MB is too large")?,
            request_timeout: Duration::from_secs(number("ABIERTO_REQUEST_TIMEOUT_SECS", 30)?),
            header_timeout: Duration::from_secs(number("ABIERTO_HEADER_TIMEOUT_SECS", 10)?.max(1)),
            max_connections: usize::try_from(number("ABIERTO_MAX_CONNECTIONS", 1024)?.max(1))
                .context("ABIERTO_MAX_CONNECTIONS is too large")?,
            db_max_connections: u32::try_from(number("ABIERTO_DB_MAX_CONNECTIONS", 16)?)
                .context("ABIERTO_DB_MAX_CONNECTIONS is too large")?,
            max_upload: usize::try_from(number("ABIERTO_MAX_UPLOAD_MB", 20)? * 1024 * 1024)
                .context("ABIERTO_MAX_UPLOAD_MB is too large")?,
            trust_forwarded_for: match non_empty("ABIERTO_TRUST_X_FORWARDED_FOR").as_deref() {
                None | Some("0") | Some("false") => false,
                Some("1") | Some("true") => true,
                Some(other) => {
                    bail!("ABIERTO_TRUST_X_FORWARDED_FOR must be true or false, not {other:?}")
                }
            },
            smtp_url,
            mail_from,
            public_url,
            evidence_store: evidence_store(&non_empty)?,
            data_license,
            page_cache_lifetime: Duration::from_secs(number("ABIERTO_PAGE_CACHE_SECS", 60)?),
            page_cache_budget: usize::try_from(number("ABIERTO_PAGE_CACHE_MB", 16)? * 1024 * 1024)
                .context("ABIERTO_PAGE_CACHE_MB is too large")?,
            hash_concurrency,
            hash_queue,
        })
    }

    /// Whether people reach the app over HTTPS (for `Secure` cookies and HSTS).
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// An absolute link to `path` (such as `/invitations/abc`) for use outside the app.
    pub fn public_link(&self, path: &str) -> String {
        format!("{}/{}", self.public_url, path.trim_start_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> anyhow::Result<Config> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_serve_on_loopback_3000_with_embedded_database() {
        let c = config(&[]).expect("defaults are valid");
        assert_eq!(c.bind.to_string(), "127.0.0.1:3000");
        assert!(c.database_url.is_none());
        assert_eq!(c.data_dir, PathBuf::from("./data"));
        assert_eq!(c.log_format, LogFormat::Pretty);
    }

    #[test]
    fn empty_database_url_means_embedded() {
        let c = config(&[("DATABASE_URL", "  ")]).expect("valid");
        assert!(c.database_url.is_none());
    }

    #[test]
    fn debug_output_hides_database_password() {
        let c =
            config(&[("DATABASE_URL", "postgres://app:s3cret@db:5432/abierto")]).expect("valid");
        let shown = format!("{c:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("db:5432/abierto"), "{shown}");
    }

    #[test]
    fn mail_defaults_to_the_mailbox_with_a_local_sender_and_plain_http() {
        let c = config(&[]).expect("defaults are valid");
        assert!(c.smtp_url.is_none());
        assert_eq!(c.mail_from.to_string(), "Abierto <no-reply@localhost>");
        assert_eq!(c.public_url, "http://127.0.0.1:3000");
        assert!(!c.is_https());
    }

    #[test]
    fn an_https_public_url_means_the_app_is_configured_for_https() {
        let c = config(&[("ABIERTO_PUBLIC_URL", "https://abierto.gob.ec/")]).expect("valid");
        assert!(c.is_https());
        assert_eq!(c.public_url, "https://abierto.gob.ec");
    }

    #[test]
    fn public_links_join_the_public_url_and_the_path_with_one_slash() {
        let c = config(&[("ABIERTO_PUBLIC_URL", "https://abierto.gob.ec/")]).expect("valid");
        assert_eq!(
            c.public_link("/invitaciones/abc"),
            "https://abierto.gob.ec/invitaciones/abc"
        );
        assert_eq!(c.public_link("planes"), "https://abierto.gob.ec/planes");
    }

    #[test]
    fn mail_settings_are_read() {
        let c = config(&[
            ("ABIERTO_SMTP_URL", "smtps://abierto:clave@smtp.gob.ec:465"),
            ("ABIERTO_MAIL_FROM", "Gobierno Abierto <abierto@gob.ec>"),
        ])
        .expect("valid");
        let smtp = c.smtp_url.expect("set");
        assert_eq!(smtp.expose(), "smtps://abierto:clave@smtp.gob.ec:465");
        assert_eq!(c.mail_from.email.to_string(), "abierto@gob.ec");
        assert_eq!(c.mail_from.name.as_deref(), Some("Gobierno Abierto"));
    }

    #[test]
    fn debug_output_hides_smtp_password() {
        let c = config(&[(
            "ABIERTO_SMTP_URL",
            "smtps://abierto:p@ss-w0rd@smtp.gob.ec:465",
        )])
        .expect("valid");
        let shown = format!("{c:?}");
        assert!(!shown.contains("p@ss-w0rd"), "{shown}");
        assert!(!shown.contains("w0rd"), "{shown}");
        assert!(shown.contains("smtps://***@smtp.gob.ec:465"), "{shown}");
    }

    #[test]
    fn bad_mail_settings_are_named_in_the_error_without_the_smtp_password() {
        let err = config(&[("ABIERTO_SMTP_URL", "https://user:s3cret@smtp.gob.ec")])
            .expect_err("invalid");
        assert!(err.to_string().contains("ABIERTO_SMTP_URL"));
        assert!(!format!("{err:#}").contains("s3cret"));
        let err = config(&[("ABIERTO_MAIL_FROM", "nobody")]).expect_err("invalid");
        assert!(err.to_string().contains("ABIERTO_MAIL_FROM"));
        let err = config(&[("ABIERTO_PUBLIC_URL", "abierto.gob.ec")]).expect_err("invalid");
        assert!(err.to_string().contains("ABIERTO_PUBLIC_URL"));
    }

    #[test]
    fn evidence_is_stored_locally_unless_s3_is_chosen() {
        let c = config(&[]).expect("defaults are valid");
        assert!(matches!(c.evidence_store, EvidenceStore::Local));
        let c = config(&[("ABIERTO_EVIDENCE_STORE", "local")]).expect("valid");
        assert!(matches!(c.evidence_store, EvidenceStore::Local));
    }

    #[test]
    fn s3_settings_are_read_and_the_secret_is_hidden() {
        let c = config(&[
            ("ABIERTO_EVIDENCE_STORE", "s3"),
            ("ABIERTO_S3_BUCKET", "abierto-evidencia"),
            ("ABIERTO_S3_ENDPOINT", "https://minio.gob.ec:9000/"),
            ("ABIERTO_S3_REGION", "sa-east-1"),
            ("ABIERTO_S3_ACCESS_KEY_ID", "AKIAABIERTO"),
            ("ABIERTO_S3_SECRET_ACCESS_KEY", "wJalr/s3cret"),
        ])
        .expect("valid");
        let EvidenceStore::S3(s3) = &c.evidence_store else {
            panic!("s3 expected, got {:?}", c.evidence_store);
        };
        assert_eq!(s3.bucket, "abierto-evidencia");
        assert_eq!(s3.endpoint.as_deref(), Some("https://minio.gob.ec:9000"));
        assert_eq!(s3.region, "sa-east-1");
        assert!(!s3.allow_http);
        let (id, secret) = s3.credentials.as_ref().expect("credentials");
        assert_eq!(id, "AKIAABIERTO");
        assert_eq!(secret.expose(), "wJalr/s3cret");
        let shown = format!("{c:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("abierto-evidencia"), "{shown}");
    }

    #[test]
    fn s3_without_a_bucket_says_which_setting_is_missing() {
        let err = config(&[("ABIERTO_EVIDENCE_STORE", "s3")]).expect_err("invalid");
        assert!(err.to_string().contains("ABIERTO_S3_BUCKET"), "{err}");
    }

    #[test]
    fn s3_defaults_to_aws_in_us_east_1_with_ambient_credentials() {
        let c = config(&[
            ("ABIERTO_EVIDENCE_STORE", "s3"),
            ("ABIERTO_S3_BUCKET", "evidencia"),
        ])
        .expect("valid");
        let EvidenceStore::S3(s3) = c.evidence_store else {
            panic!("s3 expected");
        };
        assert_eq!(s3.region, "us-east-1");
        assert!(s3.endpoint.is_none());
        assert!(s3.credentials.is_none());
    }

    #[test]
    fn bad_s3_settings_are_named_in_the_error_without_the_secret() {
        let s3 = |extra: &[(&'static str, &'static str)]| {
            let mut pairs = vec![
                ("ABIERTO_EVIDENCE_STORE", "s3"),
                ("ABIERTO_S3_BUCKET", "evidencia"),
            ];
            pairs.extend_from_slice(extra);
            config(&pairs).expect_err("invalid")
        };
        let err = s3(&[("ABIERTO_S3_ENDPOINT", "http://minio:9000")]);
        assert!(err.to_string().contains("ABIERTO_S3_ALLOW_HTTP"), "{err}");
        let err = s3(&[("ABIERTO_S3_SECRET_ACCESS_KEY", "s3cret")]);
        assert!(
            err.to_string().contains("ABIERTO_S3_ACCESS_KEY_ID"),
            "{err}"
        );
        assert!(!format!("{err:#}").contains("s3cret"));
        let err = s3(&[("ABIERTO_S3_ALLOW_HTTP", "yes")]);
        assert!(err.to_string().contains("ABIERTO_S3_ALLOW_HTTP"), "{err}");
        let err = config(&[("ABIERTO_EVIDENCE_STORE", "ftp")]).expect_err("invalid");
        assert!(err.to_string().contains("ABIERTO_EVIDENCE_STORE"), "{err}");
        config(&[
            ("ABIERTO_EVIDENCE_STORE", "s3"),
            ("ABIERTO_S3_BUCKET", "evidencia"),
            ("ABIERTO_S3_ENDPOINT", "http://minio:9000"),
            ("ABIERTO_S3_ALLOW_HTTP", "true"),
        ])
        .expect("http allowed when asked for");
    }

    #[test]
    fn open_data_licence_defaults_to_cc_by_and_can_be_changed() {
        let c = config(&[]).expect("defaults are valid");
        assert_eq!(c.data_license.name, "CC-BY-4.0");
        assert!(
            c.data_license
                .url
                .contains("creativecommons.org/licenses/by/4.0")
        );
        let c = config(&[
            ("ABIERTO_DATA_LICENSE", "ODbL-1.0"),
            (
                "ABIERTO_DATA_LICENSE_URL",
                "https://opendatacommons.org/licenses/odbl/1-0/",
            ),
        ])
        .expect("valid");
        assert_eq!(c.data_license.name, "ODbL-1.0");
        let err = config(&[("ABIERTO_DATA_LICENSE_URL", "odbl")]).expect_err("invalid");
        assert!(err.to_string().contains("ABIERTO_DATA_LICENSE_URL"));
    }

    #[test]
    fn password_hashing_runs_one_per_core_with_a_short_queue_unless_set() {
        let c = config(&[]).expect("defaults are valid");
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        assert_eq!(c.hash_concurrency, cores);
        assert_eq!(c.hash_queue, 4 * cores);
        let c = config(&[
            ("ABIERTO_HASH_CONCURRENCY", "1"),
            ("ABIERTO_HASH_QUEUE", "0"),
        ])
        .expect("valid");
        assert_eq!((c.hash_concurrency, c.hash_queue), (1, 0));
        let err = config(&[("ABIERTO_HASH_QUEUE", "many")]).expect_err("invalid");
        assert!(err.to_string().contains("ABIERTO_HASH_QUEUE"), "{err}");
    }

    #[test]
    fn bad_values_are_named_in_the_error() {
        let err = config(&[("ABIERTO_BIND", "not an address")]).expect_err("invalid");
        assert!(err.to_string().contains("ABIERTO_BIND"));
        let err = config(&[("ABIERTO_LOG_FORMAT", "xml")]).expect_err("invalid");
        assert!(err.to_string().contains("ABIERTO_LOG_FORMAT"));
    }
}
