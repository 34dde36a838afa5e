//! Uploaded evidence files, addressed by their SHA-256, through the `object_store` interface:
//! a folder under the data directory here, S3-compatible storage in a scaled deployment.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, PutPayload};
use sha2::{Digest, Sha256};

use crate::config::{Config, EvidenceStore, S3Settings};

#[derive(Clone)]
pub struct FileStore {
    inner: Arc<dyn ObjectStore>,
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The S3 store's own Debug would show its credentials.
        f.write_str("FileStore")
    }
}

/// A stored file: its digest (also its key).
pub struct Stored {
    pub sha256: String,
    pub key: String,
}

impl FileStore {
    /// The store the configuration names: `<data_dir>/evidence`, or an S3-compatible bucket
    /// (no request is made until the first file).
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        match &config.evidence_store {
            EvidenceStore::Local => Self::local(&config.data_dir.join("evidence")),
            EvidenceStore::S3(s3) => Self::s3(s3),
        }
    }

    /// Files in an S3-compatible bucket. Without keys in the settings, the usual `AWS_*`
    /// environment (or the machine's role) provides them.
    pub fn s3(settings: &S3Settings) -> anyhow::Result<Self> {
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(&settings.bucket)
            .with_region(&settings.region)
            .with_allow_http(settings.allow_http);
        if let Some(endpoint) = &settings.endpoint {
            builder = builder.with_endpoint(endpoint);
        }
        if let Some((id, secret)) = &settings.credentials {
            builder = builder
                .with_access_key_id(id)
                .with_secret_access_key(secret.expose());
        }
        let store = builder
            .build()
            .context("the S3 evidence store settings are not usable")?;
        Ok(Self {
            inner: Arc::new(store),
        })
    }

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

    /// The file's bytes; `None` when the store has no such file (a database restored without
    /// its evidence folder, a bucket emptied by hand).
    pub async fn get(&self, key: &str) -> anyhow::Result<Option<bytes::Bytes>> {
        match self.inner.get(&ObjectPath::from(key)).await {
            Ok(result) => Ok(Some(result.bytes().await?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(other) => Err(other.into()),
        }
    }

    /// Which of these keys the store lacks (one metadata request per key).
    pub async fn missing(&self, keys: &[String]) -> anyhow::Result<Vec<String>> {
        let mut missing = Vec::new();
        for key in keys {
            match self.inner.head(&ObjectPath::from(key.as_str())).await {
                Ok(_) => {}
                Err(object_store::Error::NotFound { .. }) => missing.push(key.clone()),
                Err(other) => return Err(other.into()),
            }
        }
        Ok(missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Secret;

    #[test]
    fn an_s3_store_is_built_from_settings_without_contacting_the_server() {
        let settings = S3Settings {
            bucket: "abierto-evidencia".into(),
            endpoint: Some("http://127.0.0.1:9".into()),
            region: "us-east-1".into(),
            credentials: Some(("AKIAABIERTO".into(), Secret::new("s3cret"))),
            allow_http: true,
        };
        let store = FileStore::s3(&settings).expect("store");
        assert_eq!(format!("{store:?}"), "FileStore");
    }

    #[tokio::test]
    async fn the_local_store_keeps_a_file_under_its_digest() {
        let dir = std::env::temp_dir().join(format!("abierto-files-{}", uuid::Uuid::now_v7()));
        let store = FileStore::local(&dir).expect("store");
        let stored = store.put(b"acta".to_vec()).await.expect("put");
        assert_eq!(
            stored.key,
            format!("sha256/{}/{}", &stored.sha256[..2], stored.sha256)
        );
        assert_eq!(
            &store.get(&stored.key).await.expect("get").expect("stored")[..],
            b"acta"
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
