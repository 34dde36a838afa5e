//! The connection pool, migrations and the private PostgreSQL started when no server is given.

pub mod embedded;

use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use crate::config::Config;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Where the database is: an external server, or our private cluster (stopped on drop).
pub enum Database {
    External(String),
    Embedded(embedded::EmbeddedPostgres),
}

impl Database {
    /// The configured server, or the private cluster in the data directory.
    pub async fn open(config: &Config) -> anyhow::Result<Self> {
        match &config.database_url {
            Some(url) => Ok(Database::External(url.expose().to_owned())),
            None => {
                let pg = embedded::EmbeddedPostgres::start(&config.data_dir).await?;
                Ok(Database::Embedded(pg))
            }
        }
    }

    pub fn url(&self) -> String {
        match self {
            Database::External(url) => url.clone(),
            Database::Embedded(pg) => pg.url("abierto"),
        }
    }

    pub async fn close(self) -> anyhow::Result<()> {
        if let Database::Embedded(pg) = self {
            pg.stop().await?;
        }
        Ok(())
    }
}

pub async fn connect(url: &str, max_connections: u32) -> sqlx::Result<PgPool> {
    PgPoolOptions::new()
        .max_connections(max_connections)
        .min_connections(1)
        // Fail fast when the server is gone: pages answer 503 instead of hanging.
        .acquire_timeout(Duration::from_secs(3))
        .connect(url)
        .await
}

/// Whether an error means PostgreSQL cannot be reached or is going away (down, restarting,
/// shutting down, the pool closed or exhausted) rather than that a statement was wrong: pages
/// answer 503 for these. SQLSTATE class 08 is a connection exception; 57P01–57P03 are the
/// server terminating connections (`pg_ctl stop -m fast`, a crashed backend) or starting up.
pub fn is_unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_) => true,
        _ => e
            .as_database_error()
            .and_then(|d| d.code())
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P")),
    }
}

pub async fn migrate(db: &PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(db).await
}

pub async fn ping(db: &PgPool) -> sqlx::Result<()> {
    sqlx::query_scalar!("SELECT 1 AS one")
        .fetch_one(db)
        .await
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::is_unavailable;

    #[test]
    fn an_unreachable_server_is_unavailable_and_a_wrong_statement_is_not() {
        assert!(is_unavailable(&sqlx::Error::PoolTimedOut));
        assert!(is_unavailable(&sqlx::Error::PoolClosed));
        let reset = std::io::Error::from(std::io::ErrorKind::ConnectionReset);
        assert!(is_unavailable(&sqlx::Error::Io(reset)));
        assert!(!is_unavailable(&sqlx::Error::RowNotFound));
        assert!(!is_unavailable(&sqlx::Error::ColumnNotFound("id".into())));
    }
}
