//! Forgetting what is no longer needed: expired sessions, old failures and old keys.

use super::{idempotency::KEEP_SECS, Store, StoreResult};
use sqlx::{query, query_as};

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
        let mut tx = self.write().await?;
        let mut delete = async |sql: &str, before: i64| -> sqlx::Result<usize> {
            let done = query(sql).bind(before).execute(&mut *tx).await?;
            Ok(done.rows_affected() as usize)
        };
        let purged = Purged {
            sessions: delete("DELETE FROM sessions WHERE expires_at <= $1", now).await?,
            failed_attempts: delete(
                "DELETE FROM failed_attempts WHERE at < $1",
                now - ATTEMPTS_KEEP_SECS,
            )
            .await?,
            idempotency_keys: delete(
                "DELETE FROM idempotency_keys WHERE created_at < $1",
                now - KEEP_SECS,
            )
            .await?,
        };
        tx.commit().await?;
        Ok(purged)
    }

    /// Secrets in force that stop working within `notice` seconds of `now` under the maximum
    /// age `max_age`, still working and not yet reminded of.
    pub async fn expiring_secrets(
        &self,
        now: i64,
        max_age: i64,
        notice: i64,
    ) -> StoreResult<Vec<ExpiringSecret>> {
        let rows: Vec<(i64, i64, String, i64, i64)> = query_as(
            "SELECT s.id, a.id, a.name, a.account_id, s.issued_at + $2 FROM app_secrets s
             JOIN apps a ON a.id = s.app_id
             WHERE s.expires_at IS NULL AND s.reminded_at IS NULL
               AND s.issued_at + $2 > $1 AND s.issued_at + $2 - $3 <= $1
             ORDER BY s.id",
        )
        .bind(now)
        .bind(max_age)
        .bind(notice)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(secret_id, app_id, app_name, account_id, stops_at)| ExpiringSecret {
                    secret_id,
                    app_id,
                    app_name,
                    account_id,
                    stops_at,
                },
            )
            .collect())
    }

    /// Marks the secret as reminded of; false when another server did first, so each
    /// reminder is sent once however many servers run.
    pub async fn claim_reminder(&self, secret_id: i64, now: i64) -> StoreResult<bool> {
        let _turn = self.turn().await;
        let done = query("UPDATE app_secrets SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL")
            .bind(secret_id)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
