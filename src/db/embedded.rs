//! Placeholder until the launcher lands.
use std::path::Path;
pub struct EmbeddedPostgres;
#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    #[error("x")]
    BinariesNotFound,
}
impl EmbeddedPostgres {
    pub async fn start(_dir: &Path) -> Result<Self, LaunchError> {
        Err(LaunchError::BinariesNotFound)
    }
    pub async fn start_fast(_dir: &Path) -> Result<Self, LaunchError> {
        Err(LaunchError::BinariesNotFound)
    }
    pub fn url(&self, _database: &str) -> String {
        String::new()
    }
    pub async fn stop(self) -> Result<(), LaunchError> {
        Ok(())
    }
}
