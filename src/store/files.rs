//! Uploaded evidence files, addressed by their SHA-256, through the `object_store` interface:
//! a folder under the data directory here, S3-compatible storage in a scaled deployment.

use std::path::Path;
use std::sync::Arc;

use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, PutPayload};
use sha2::{Digest, Sha256};

#[derive(Clone)]
pub struct FileStore {
    inner: Arc<dyn ObjectStore>,
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FileStore")
    }
}

/// A stored file: its digest (also its key).
pub struct Stored {
    pub sha256: String,
    pub key: String,
}

impl FileStore {
    /// Files in `<dir>` (created if missing).
    pub fn local(dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir)?;
        Ok(Self {
            inner: Arc::new(LocalFileSystem::new_with_prefix(dir)?),
        })
    }

    /// Stores the bytes under their digest; the same file uploaded twice is kept once.
    pub async fn put(&self, bytes: Vec<u8>) -> anyhow::Result<Stored> {
        let digest: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let key = format!("sha256/{}/{digest}", &digest[..2]);
        self.inner
            .put(&ObjectPath::from(key.as_str()), PutPayload::from(bytes))
            .await?;
        Ok(Stored {
            sha256: digest,
            key,
        })
    }

    pub async fn get(&self, key: &str) -> anyhow::Result<bytes::Bytes> {
        let result = self.inner.get(&ObjectPath::from(key)).await?;
        Ok(result.bytes().await?)
    }
}
