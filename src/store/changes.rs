//! Word of every change to what the public pages show. Migration 000012 puts a trigger on each
//! such table that sends `NOTIFY abierto_changes` (once per table and transaction, delivered at
//! commit); a node listens on its own connection and learns of writes made by any node.

use sqlx::postgres::PgListener;
use sqlx::{Executor, PgPool};

pub const CHANNEL: &str = "abierto_changes";

/// A connection listening on [`CHANNEL`].
pub struct ChangeFeed(PgListener);

impl ChangeFeed {
    /// Opens the connection and starts listening; changes committed from now on are reported.
    pub async fn listen(db: &PgPool) -> sqlx::Result<Self> {
        let mut listener = PgListener::connect_with(db).await?;
        listener.listen(CHANNEL).await?;
        Ok(Self(listener))
    }

    /// How many change notices were committed before this call: a round trip on the listening
    /// connection, whose answer PostgreSQL sends only after the notices of every transaction
    /// that committed before the statement arrived (the server signals listeners at commit,
    /// before the writer hears back). An error means the connection is lost.
    pub async fn catch_up(&mut self) -> sqlx::Result<usize> {
        (&mut self.0).execute("SELECT 1").await?;
        let mut notices = 0;
        while self.0.next_buffered().is_some() {
            notices += 1;
        }
        Ok(notices)
    }
}
