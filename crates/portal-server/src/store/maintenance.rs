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

/// A secret whose developer must be told it reaches the operator's maximum age.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiringSecret {
    pub secret_id: i64,
    pub app_id: i64,
    pub app_name: String,
    pub account_id: i64,
    pub stops_at: i64,
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

    /// Secrets in force that stop working within `notice` seconds of `now` under the maximum
    /// age `max_age`, still working and not yet reminded of.
    pub async fn expiring_secrets(
        &self,
        now: i64,
        max_age: i64,
        notice: i64,
    ) -> StoreResult<Vec<ExpiringSecret>> {
        self.call(move |c| {
            let mut stmt = c.prepare(
                "SELECT s.id, a.id, a.name, a.account_id, s.issued_at + ?2 FROM app_secrets s
                 JOIN apps a ON a.id = s.app_id
                 WHERE s.expires_at IS NULL AND s.reminded_at IS NULL
                   AND s.issued_at + ?2 > ?1 AND s.issued_at + ?2 - ?3 <= ?1
                 ORDER BY s.id",
            )?;
            let rows = stmt.query_map(params![now, max_age, notice], |r| {
                Ok(ExpiringSecret {
                    secret_id: r.get(0)?,
                    app_id: r.get(1)?,
                    app_name: r.get(2)?,
                    account_id: r.get(3)?,
                    stops_at: r.get(4)?,
                })
            })?;
            rows.collect()
        })
        .await
    }

    /// Marks the secret as reminded of; false when another server did first, so each
    /// reminder is sent once however many servers run.
    pub async fn claim_reminder(&self, secret_id: i64, now: i64) -> StoreResult<bool> {
        self.call(move |c| {
            let changed = c.execute(
                "UPDATE app_secrets SET reminded_at = ?2 WHERE id = ?1 AND reminded_at IS NULL",
                params![secret_id, now],
            )?;
            Ok(changed > 0)
        })
        .await
    }
}
