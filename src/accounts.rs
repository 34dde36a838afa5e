//! Passwords: Argon2id hashes, computed off the async runtime by one bounded hasher.
//!
//! Each hash needs about 19 MiB for a few tens of milliseconds. Unbounded, a flood of logins
//! runs hundreds at once and the process grows by gigabytes; so every hash and every check
//! goes through a [`Hasher`]: a few run at a time (one per core), a short queue waits, and
//! anything beyond it is refused at once as busy (a 503 with `Retry-After`).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Argon2, PasswordHash, PasswordVerifier};
use rand::Rng;
use rand::distr::Alphanumeric;

use crate::blocking::{Pool, PoolError};

/// A hash of nothing anyone knows (a random salt and a random output, with the default
/// parameters): checking a password against it when an email is unknown costs as much as a
/// wrong password, so timing does not reveal accounts.
pub const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$u98QwePWw4E/9+r+BL9grw$0i3+gLr9GmzswJ/lvcweJcwj76mcDpJGPWGtzSPQsvQ";

/// A random password for a new account, shown once.
pub fn generate_password() -> String {
    rand::rng()
        .sample_iter(&Alphanumeric)
        .take(20)
        .map(char::from)
        .collect()
}

/// A random secret of 256 bits, in hex: form tokens, one-time links.
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Why a hash or a check did not happen.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// Every hashing slot and queue place is taken: try again in a moment.
    #[error("password hashing is saturated")]
    Busy,
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

/// The one way to hash and check passwords: at most `concurrency` Argon2 runs at a time,
/// each on a blocking thread, and at most `queue` more waiting for a slot.
pub struct Hasher {
    /// Slots to compute in (one per core by default) and the queue places.
    pool: Pool,
    /// How long a recent hash took, in microseconds (to answer a refused attempt as slowly).
    typical_micros: Arc<AtomicU64>,
}

impl Hasher {
    pub fn new(concurrency: usize, queue: usize) -> Self {
        return_large_buffers_to_the_system();
        Self {
            pool: Pool::new(concurrency, queue),
            typical_micros: Arc::new(AtomicU64::new(50_000)),
        }
    }

    /// For a command run by one person (create-admin, the demo): one hash at a time.
    pub fn sequential() -> Self {
        Self::new(1, 64)
    }

    /// Argon2id with the crate's recommended parameters.
    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        self.run(move || {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(password.as_bytes(), &salt)
                .map(|h| h.to_string())
                .map_err(|e| anyhow::anyhow!("hashing password: {e}"))
        })
        .await
    }

    /// Whether `password` matches `hash` (an unreadable stored hash is an error).
    pub async fn verify(&self, password: String, hash: String) -> Result<bool, HashError> {
        self.run(move || {
            let parsed =
                PasswordHash::new(&hash).map_err(|e| anyhow::anyhow!("stored hash: {e}"))?;
            Ok(Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok())
        })
        .await
    }

    /// Takes as long as a check without computing one (an attempt refused before any
    /// password is read, such as on a locked account), and is refused when busy like one.
    pub async fn pretend(&self) -> Result<(), HashError> {
        let _admitted = self.pool.try_admit().map_err(|_| HashError::Busy)?;
        let micros = self.typical_micros.load(Ordering::Relaxed);
        tokio::time::sleep(Duration::from_micros(micros)).await;
        Ok(())
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
    ) -> Result<T, HashError> {
        let typical = self.typical_micros.clone();
        let timed = move || {
            let started = Instant::now();
            let result = work();
            let took = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
            let before = typical.load(Ordering::Relaxed);
            typical.store(before - before / 8 + took / 8, Ordering::Relaxed);
            result
        };
        match self.pool.run(timed).await {
            Ok(result) => result.map_err(HashError::Failed),
            Err(PoolError::Busy) => Err(HashError::Busy),
            Err(PoolError::Lost(e)) => Err(HashError::Failed(anyhow::anyhow!("hashing task: {e}"))),
        }
    }
}

/// glibc serves a large block from `mmap` and unmaps it on free, except that after the first
/// such free it raises its threshold and serves later ones from per-thread arenas, which it
/// keeps: every blocking thread that ever hashed then holds on to its 19 MiB. A fixed
/// threshold keeps hash buffers (and anything else of 4 MiB or more) mapped and returned.
fn return_large_buffers_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            // SAFETY: mallopt only changes allocator tuning; it is thread-safe in glibc.
            unsafe {
                libc::mallopt(libc::M_MMAP_THRESHOLD, 4 * 1024 * 1024);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hasher = Hasher::sequential();
        let hash = hasher
            .hash("correct horse battery".into())
            .await
            .expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            hasher
                .verify("correct horse battery".into(), hash.clone())
                .await
                .expect("verify")
        );
        assert!(!hasher.verify("wrong".into(), hash).await.expect("verify"));
    }

    #[tokio::test]
    async fn the_dummy_hash_costs_as_much_as_a_real_one_and_matches_nothing() {
        let parsed = PasswordHash::new(DUMMY_HASH).expect("a valid PHC string");
        let params = argon2::Params::try_from(&parsed).expect("parameters");
        let default = argon2::Params::default();
        assert_eq!(
            (params.m_cost(), params.t_cost(), params.p_cost()),
            (default.m_cost(), default.t_cost(), default.p_cost())
        );
        let hasher = Hasher::sequential();
        assert!(
            !hasher
                .verify(String::new(), DUMMY_HASH.into())
                .await
                .expect("verify")
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn beyond_the_slots_and_the_queue_a_hash_is_refused_at_once() {
        let hasher = Arc::new(Hasher::new(1, 1));
        let attempts: Vec<_> = (0..6)
            .map(|_| {
                let hasher = hasher.clone();
                tokio::spawn(async move { hasher.verify("x".into(), DUMMY_HASH.into()).await })
            })
            .collect();
        let mut checked = 0;
        let mut busy = 0;
        for attempt in attempts {
            match attempt.await.expect("task") {
                Ok(false) => checked += 1,
                Err(HashError::Busy) => busy += 1,
                other => panic!("unexpected {other:?}"),
            }
        }
        assert!(checked >= 2, "the slot and the queue place are used");
        assert!(busy >= 1, "the rest is refused");
        assert_eq!(checked + busy, 6);
        // Once the flood is over, the hasher takes work again.
        assert!(
            !hasher
                .verify("x".into(), DUMMY_HASH.into())
                .await
                .expect("free again")
        );
    }

    #[test]
    fn generated_passwords_are_long_and_differ() {
        let (a, b) = (generate_password(), generate_password());
        assert_eq!(a.len(), 20);
        assert_ne!(a, b);
    }
}
