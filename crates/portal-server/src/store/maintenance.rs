//! Forgetting what is no longer needed: expired sessions, old failures and old keys.

use super::{idempotency::KEEP_SECS, Store, StoreResult};
use rusqlite::params;

/// How many rows one purge removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    pub sessions: usize,
    pub failed_attempts: usize,
    pub idempotency_keys: usize,
}

/// Failed attempts older than this count for nothing (longer than any throttling window).
const ATTEMPTS_KEEP_SECS: i64 = 24 * 60 * 60;

impl Store {
    pub async fn purge(&self, now: i64) -> StoreResult<Purged> {
        self.call(move |c| {
            let tx = c.transaction()?;
            let purged = Purged {
                sessions: tx.execute("DELETE FROM sessions WHERE expires_at <= ?1", [now])?,
                failed_attempts: tx.execute(
                    "DELETE FROM failed_attempts WHERE at < ?1",
                    params![now - ATTEMPTS_KEEP_SECS],
                )?,
                idempotency_keys: tx.execute(
                    "DELETE FROM idempotency_keys WHERE created_at < ?1",
                    params![now - KEEP_SECS],
                )?,
            };
            tx.commit()?;
            Ok(purged)
        })
        .await
    }
}
