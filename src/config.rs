//! Typed settings, read once at start from the environment (and an optional `.env`).

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};

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
        // Keep scheme, host and database; hide credentials.
        let shown = match self.0.split_once('@') {
            Some((scheme_and_user, rest)) => {
                let scheme = scheme_and_user.split("://").next().unwrap_or("postgres");
                format!("{scheme}://***@{rest}")
            }
            None => self.0.clone(),
        };
        f.write_str(&shown)
    }
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
    /// Connections kept by the pool.
    pub db_max_connections: u32,
    /// Take the client address from `X-Forwarded-For` (only behind a proxy that sets it).
    pub trust_forwarded_for: bool,
    /// The address people use to reach the app; `https://…` turns on secure cookies and HSTS.
    pub public_url: String,
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
        Ok(Self {
            database_url: non_empty("DATABASE_URL").map(DatabaseUrl::new),
            bind,
            data_dir: non_empty("ABIERTO_DATA")
                .unwrap_or_else(|| "./data".into())
                .into(),
            log_format,
            body_limit: usize::try_from(number("ABIERTO_BODY_LIMIT_MB", 25)? * 1024 * 1024)
                .context("ABIERTO_BODY_LIMIT_MB is too large")?,
            request_timeout: Duration::from_secs(number("ABIERTO_REQUEST_TIMEOUT_SECS", 30)?),
            db_max_connections: u32::try_from(number("ABIERTO_DB_MAX_CONNECTIONS", 16)?)
                .context("ABIERTO_DB_MAX_CONNECTIONS is too large")?,
            trust_forwarded_for: match non_empty("ABIERTO_TRUST_X_FORWARDED_FOR").as_deref() {
                None | Some("0") | Some("false") => false,
                Some("1") | Some("true") => true,
                Some(other) => {
                    bail!("ABIERTO_TRUST_X_FORWARDED_FOR must be true or false, not {other:?}")
                }
            },
            public_url: non_empty("ABIERTO_PUBLIC_URL")
                .unwrap_or_else(|| "http://127.0.0.1:3000".into())
                .trim_end_matches('/')
                .to_owned(),
        })
    }

    /// Whether people reach the app over HTTPS (cookies get `Secure` and `__Host-`).
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
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
    fn bad_values_are_named_in_the_error() {
        let err = config(&[("ABIERTO_BIND", "not an address")]).expect_err("invalid");
        assert!(err.to_string().contains("ABIERTO_BIND"));
        let err = config(&[("ABIERTO_LOG_FORMAT", "xml")]).expect_err("invalid");
        assert!(err.to_string().contains("ABIERTO_LOG_FORMAT"));
    }
}
