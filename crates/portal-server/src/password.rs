//! Password hashing with Argon2id, run off the async threads because it is slow on purpose
//! and memory-hungry (19 MiB a check): at most a few run at once, and a short queue waits
//! for them; anything beyond answers "busy" at once instead of taking memory. Each running
//! check works in a buffer kept for the next one: allocating 19 MiB per check left the
//! allocator holding gigabytes after a burst of sign-ins (the load benchmark shows it).

use crate::error::AppError;
use argon2::{
    password_hash::{rand_core::OsRng, Output, PasswordHash, PasswordHasher, SaltString},
    Algorithm, Argon2, Block, Params, Version,
};
use std::{
    sync::{
        atomic::{AtomicUsize, Ordering},
        Mutex, OnceLock,
    },
    time::Duration,
};
use tokio::sync::{Semaphore, SemaphorePermit};

/// Checks waiting for a free hasher beyond this many are refused straight away (a waiting
/// check holds a few hundred bytes, a running one 19 MiB).
const QUEUE_MAX: usize = 128;
/// A check that waited this long for a hasher is refused.
const QUEUE_WAIT: Duration = Duration::from_secs(5);

/// How many password checks may run at once: one per core, at least two, at most eight.
pub fn hasher_limit() -> usize {
    std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 8)
}

/// Hashers and the short queue in front of them.
struct Hashers {
    free: Semaphore,
    waiting: AtomicUsize,
    queue_max: usize,
    queue_wait: Duration,
}

impl Hashers {
    const fn new(limit: usize, queue_max: usize, queue_wait: Duration) -> Self {
        Self {
            free: Semaphore::const_new(limit),
            waiting: AtomicUsize::new(0),
            queue_max,
            queue_wait,
        }
    }

    /// A free hasher, after waiting in the queue; busy when the queue is full or the wait
    /// too long.
    async fn take(&self) -> Result<SemaphorePermit<'_>, AppError> {
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.queue_max {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            return Err(AppError::Busy);
        }
        let permit = tokio::time::timeout(self.queue_wait, self.free.acquire()).await;
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        match permit {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(AppError::Busy),
        }
    }
}

fn hashers() -> &'static Hashers {
    static HASHERS: OnceLock<Hashers> = OnceLock::new();
    HASHERS.get_or_init(|| Hashers::new(hasher_limit(), QUEUE_MAX, QUEUE_WAIT))
}

static RUNNING: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// The most password checks that ever ran at once in this process.
pub fn peak_running() -> usize {
    PEAK.load(Ordering::SeqCst)
}

/// Work buffers of the hashers not running now (at most one per hasher).
static BUFFERS: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());

/// Runs `work` on a blocking thread with a work buffer once a hasher is free, or answers
/// 503 busy.
async fn with_hasher<T: Send + 'static>(
    work: impl FnOnce(&mut Vec<Block>) -> T + Send + 'static,
) -> Result<T, AppError> {
    let permit = hashers().take().await?;
    // The permit goes with the work: if the request is dropped, the hash still holds it.
    tokio::task::spawn_blocking(move || {
        let running = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
        PEAK.fetch_max(running, Ordering::SeqCst);
        let mut buffer = BUFFERS.lock().ok().and_then(|mut b| b.pop()).unwrap_or_default();
        let result = work(&mut buffer);
        if let Ok(mut buffers) = BUFFERS.lock() {
            buffers.push(buffer);
        }
        RUNNING.fetch_sub(1, Ordering::SeqCst);
        drop(permit);
        result
    })
    .await
    .map_err(AppError::internal)
}

pub async fn hash(password: String) -> Result<String, String> {
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|e| e.to_string())?
}

pub fn hash_now(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Checks `password` against `stored`; with no stored hash (unknown account) it checks
/// against a dummy, so that both cases take the same time.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    with_hasher(move |buffer| {
        // No account, or one without a password here (it signs in through its host): check
        // against a dummy all the same, so the answer takes as long either way.
        let ok = match stored.as_deref().map(|s| matches(password.as_bytes(), s, buffer)) {
            Some(Some(ok)) => ok,
            _ => {
                let _ = matches(password.as_bytes(), dummy_hash(), buffer);
                false
            }
        };
        ok && stored.is_some()
    })
    .await
}

/// Whether `password` gives the stored PHC hash, computed in `buffer` (grown if the
/// hash's parameters need more). What `PasswordVerifier` does, without allocating.
fn matches(password: &[u8], stored: &str, buffer: &mut Vec<Block>) -> Option<bool> {
    let parsed = PasswordHash::new(stored).ok()?;
    let expected = parsed.hash?;
    let params = Params::try_from(&parsed).ok()?;
    let algorithm = Algorithm::try_from(parsed.algorithm).ok()?;
    let version = match parsed.version {
        Some(v) => Version::try_from(v).ok()?,
        None => Version::default(),
    };
    let mut salt = [0u8; 64];
    let salt = parsed.salt?.decode_b64(&mut salt).ok()?;
    if buffer.len() < params.block_count() {
        buffer.resize(params.block_count(), Block::default());
    }
    let computed = Output::init_with(expected.len(), |out| {
        Argon2::new(algorithm, version, params)
            .hash_password_into_with_memory(password, salt, out, &mut buffer[..])
            .map_err(|_| argon2::password_hash::Error::Password)
    })
    .ok()?;
    // `Output` compares in constant time.
    Some(computed == expected)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_now("dummy password for unknown accounts").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::PasswordVerifier;

    #[test]
    fn one_reused_buffer_answers_as_the_library_does() {
        let other_params = Argon2::new(
            Algorithm::Argon2i,
            Version::V0x10,
            Params::new(64, 2, 1, None).unwrap(),
        );
        let salt = SaltString::generate(&mut OsRng);
        let hashes = [
            ("first password", hash_now("first password").unwrap()),
            ("second password", hash_now("second password").unwrap()),
            (
                "other parameters",
                other_params
                    .hash_password(b"other parameters", &salt)
                    .unwrap()
                    .to_string(),
            ),
        ];
        let mut buffer = Vec::new();
        for _ in 0..2 {
            for (right, stored) in &hashes {
                for (tried, _) in &hashes {
                    let parsed = PasswordHash::new(stored).unwrap();
                    let library = Argon2::default()
                        .verify_password(tried.as_bytes(), &parsed)
                        .is_ok();
                    assert_eq!(matches(tried.as_bytes(), stored, &mut buffer), Some(library));
                    assert_eq!(library, tried == right);
                }
            }
        }
        assert_eq!(matches(b"anything", "not a hash", &mut buffer), None);
    }

    /// How each of `n` checks queued at once for `hashers` ends: waited its turn (true) or
    /// answered busy (false), with the one hasher held until every check is queued or
    /// answered.
    async fn queue_at_once(hashers: &'static Hashers, n: usize) -> Vec<bool> {
        let held = hashers.free.acquire().await.unwrap();
        let checks: Vec<_> = (0..n)
            .map(|_| tokio::spawn(async move { hashers.take().await.is_ok() }))
            .collect();
        let started = std::time::Instant::now();
        while hashers.waiting.load(Ordering::SeqCst) < n.min(hashers.queue_max)
            && started.elapsed() < Duration::from_secs(10)
        {
            tokio::task::yield_now().await;
        }
        drop(held);
        let mut ends = Vec::new();
        for check in checks {
            ends.push(check.await.unwrap());
        }
        ends
    }

    #[tokio::test]
    async fn checks_beyond_the_queue_are_busy_at_once_the_queued_ones_wait_their_turn() {
        static HASHERS: Hashers = Hashers::new(1, 3, Duration::from_secs(60));
        let ends = queue_at_once(&HASHERS, 5).await;
        assert_eq!(ends.iter().filter(|waited| **waited).count(), 3);
        assert_eq!(ends.iter().filter(|waited| !**waited).count(), 2);
        assert_eq!(HASHERS.waiting.load(Ordering::SeqCst), 0);
    }

    #[tokio::test]
    async fn a_check_that_waited_too_long_is_busy() {
        static HASHERS: Hashers = Hashers::new(1, 3, Duration::from_millis(20));
        let held = HASHERS.free.acquire().await.unwrap();
        assert!(matches!(HASHERS.take().await, Err(AppError::Busy)));
        drop(held);
        assert!(HASHERS.take().await.is_ok());
        assert_eq!(HASHERS.waiting.load(Ordering::SeqCst), 0);
    }
}
