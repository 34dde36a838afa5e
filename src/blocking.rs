//! Heavy work (password hashes, reading uploaded spreadsheets and archives) runs off the
//! async runtime, on blocking threads, through a bounded [`Pool`]: a few jobs at a time, a
//! short queue, and anything beyond it refused at once as busy, so that a flood of such
//! requests cannot take every thread or all the memory.

use std::sync::Arc;

use tokio::sync::Semaphore;

/// Why a job did not run to an answer.
#[derive(Debug, thiserror::Error)]
pub enum PoolError {
    /// Every slot and queue place is taken: try again in a moment.
    #[error("busy")]
    Busy,
    /// The job panicked or its thread was lost.
    #[error("blocking job: {0}")]
    Lost(String),
}

/// At most `concurrency` jobs run at a time, each on a blocking thread, and at most `queue`
/// more wait for a slot.
#[derive(Debug)]
pub struct Pool {
    running: Arc<Semaphore>,
    admitted: Arc<Semaphore>,
}

impl Pool {
    pub fn new(concurrency: usize, queue: usize) -> Self {
        let concurrency = concurrency.max(1);
        Self {
            running: Arc::new(Semaphore::new(concurrency)),
            admitted: Arc::new(Semaphore::new(concurrency + queue)),
        }
    }

    /// One slot per core, and a queue of twice as many.
    pub fn per_core() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Self::new(cores, 2 * cores)
    }

    /// A caller refused without waiting holds nothing; an admitted one waits for a slot.
    /// The slots move into the blocking thread: a caller that gives up (a closed connection)
    /// does not free one while its job still runs.
    pub async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, PoolError> {
        let admitted = self
            .admitted
            .clone()
            .try_acquire_owned()
            .map_err(|_| PoolError::Busy)?;
        let running = self
            .running
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| PoolError::Busy)?;
        tokio::task::spawn_blocking(move || {
            let _slots = (admitted, running);
            job()
        })
        .await
        .map_err(|e| PoolError::Lost(e.to_string()))
    }

    /// Whether a new job would be refused now (for callers that pretend to do work).
    pub fn try_admit(&self) -> Result<tokio::sync::OwnedSemaphorePermit, PoolError> {
        self.admitted
            .clone()
            .try_acquire_owned()
            .map_err(|_| PoolError::Busy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn beyond_the_slots_and_the_queue_a_job_is_refused_at_once() {
        let pool = Arc::new(Pool::new(1, 1));
        let (release, wait) = mpsc::channel::<()>();
        let wait = Arc::new(std::sync::Mutex::new(wait));
        let first = {
            let (pool, wait) = (pool.clone(), wait.clone());
            tokio::spawn(async move { pool.run(move || wait.lock().unwrap().recv().ok()).await })
        };
        // Let the first job take the slot, then queue a second one.
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let second = {
            let pool = pool.clone();
            tokio::spawn(async move { pool.run(|| 2).await })
        };
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        assert!(matches!(pool.run(|| 3).await, Err(PoolError::Busy)));
        release.send(()).unwrap();
        assert!(first.await.unwrap().is_ok());
        assert_eq!(second.await.unwrap().unwrap(), 2);
        assert_eq!(pool.run(|| 4).await.unwrap(), 4);
    }

    #[tokio::test]
    async fn a_panicking_job_is_an_error_not_a_crash() {
        let pool = Pool::new(1, 0);
        assert!(matches!(
            pool.run(|| -> u8 { panic!("boom") }).await,
            Err(PoolError::Lost(_))
        ));
        assert_eq!(pool.run(|| 1).await.unwrap(), 1);
    }
}
