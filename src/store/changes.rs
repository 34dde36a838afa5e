//! Word of every change to what the public pages show. Migration 000012 puts a trigger on each
//! such table that sends `NOTIFY abierto_changes` (once per table and transaction, delivered at
//! commit); a node listens on its own connection and learns of writes made by any node.

use sqlx::PgPool;
use sqlx::postgres::PgListener;

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

    /// Waits for the next change: `Some(table)`, or `None` when the connection is lost (changes
    /// made meanwhile are unknown; open a new feed).
    pub async fn next(&mut self) -> sqlx::Result<Option<String>> {
        Ok(self
            .0
            .try_recv()
            .await?
            .map(|notification| notification.payload().to_owned()))
    }
}
