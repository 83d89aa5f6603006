//! Password hashing with Argon2id, run off the async threads because it is slow on purpose
//! and memory-hungry (19 MiB a check): at most a few run at once, and a short queue waits
//! for them; anything beyond answers "busy" at once instead of taking memory.

use crate::error::AppError;
use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use std::{
    sync::{
        atomic::{AtomicUsize, Ordering},
        OnceLock,
    },
    time::Duration,
};
use tokio::sync::Semaphore;

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

fn hashers() -> &'static Semaphore {
    static HASHERS: OnceLock<Semaphore> = OnceLock::new();
    HASHERS.get_or_init(|| Semaphore::new(hasher_limit()))
}

static WAITING: AtomicUsize = AtomicUsize::new(0);
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// The most password checks that ever ran at once in this process.
pub fn peak_running() -> usize {
    PEAK.load(Ordering::SeqCst)
}

/// Runs `work` on a blocking thread once a hasher is free, or answers 503 busy.
async fn with_hasher<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    if WAITING.fetch_add(1, Ordering::SeqCst) >= QUEUE_MAX {
        WAITING.fetch_sub(1, Ordering::SeqCst);
        return Err(AppError::Busy);
    }
    let permit = tokio::time::timeout(QUEUE_WAIT, hashers().acquire()).await;
    WAITING.fetch_sub(1, Ordering::SeqCst);
    let permit = match permit {
        Ok(Ok(permit)) => permit,
        _ => return Err(AppError::Busy),
    };
    // The permit goes with the work: if the request is dropped, the hash still holds it.
    tokio::task::spawn_blocking(move || {
        let running = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
        PEAK.fetch_max(running, Ordering::SeqCst);
        let result = work();
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
    with_hasher(move || {
        let dummy = dummy_hash();
        let stored_ref = stored.as_deref().unwrap_or(dummy);
        let ok = PasswordHash::new(stored_ref)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        ok && stored.is_some()
    })
    .await
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_now("dummy password for unknown accounts").unwrap_or_default())
}
