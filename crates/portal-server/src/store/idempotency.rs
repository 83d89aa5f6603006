//! Idempotency keys and the responses they stand for.

use super::{Store, StoreResult};
use sqlx::{query, query_as, query_scalar};

/// A response kept for replay. `body` is sealed when `sealed` is set.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    pub sealed: bool,
}

/// What to do with a request carrying a key.
#[derive(Debug, Clone)]
pub enum Begin {
    /// First time (or the first attempt was abandoned): run it; the key is now held.
    Run,
    /// Done before: answer with this.
    Replay(StoredResponse),
    /// The first request with this key is still running.
    InProgress,
    /// The key was used for a different request (method, path or body).
    Mismatch,
}

/// Finished keys are remembered this long.
pub const KEEP_SECS: i64 = 24 * 60 * 60;
/// A key still "in progress" after this long belongs to a request that was abandoned
/// (connection lost, process killed): no request runs longer (see the request timeout).
pub const ABANDONED_SECS: i64 = 60;

impl Store {
    pub async fn idempotency_begin(
        &self,
        account_id: i64,
        key: &str,
        fingerprint: &str,
        now: i64,
    ) -> StoreResult<Begin> {
        let mut tx = self.write().await?;
        // The request's fingerprint, when it came, and the kept response if it finished.
        type KeyColumns = (String, i64, Option<i64>, Option<String>, Option<Vec<u8>>, i64);
        let found: Option<KeyColumns> = query_as(
            "SELECT fingerprint, created_at, status, content_type, body, sealed
             FROM idempotency_keys WHERE account_id = $1 AND key = $2",
        )
        .bind(account_id)
        .bind(key)
        .fetch_optional(&mut *tx)
        .await?;
        let found = found.map(|(f, created, status, content_type, body, sealed)| {
            let response = status.map(|status| StoredResponse {
                status: u16::try_from(status).unwrap_or(500),
                content_type,
                body: body.unwrap_or_default(),
                sealed: sealed != 0,
            });
            (f, created, response)
        });
        let begin = match found {
            Some((_, created, _)) if created < now - KEEP_SECS => {
                query(
                    "UPDATE idempotency_keys SET fingerprint = $3, created_at = $4, status = NULL,
                     content_type = NULL, body = NULL, sealed = 0 WHERE account_id = $1 AND key = $2",
                )
                .bind(account_id)
                .bind(key)
                .bind(fingerprint)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                Begin::Run
            }
            None => {
                query(
                    "INSERT INTO idempotency_keys (account_id, key, method, path, fingerprint, created_at)
                     VALUES ($1, $2, '', '', $3, $4)",
                )
                .bind(account_id)
                .bind(key)
                .bind(fingerprint)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                Begin::Run
            }
            Some((f, _, _)) if f != fingerprint => Begin::Mismatch,
            Some((_, created, None)) if created <= now - ABANDONED_SECS => {
                query("UPDATE idempotency_keys SET created_at = $3 WHERE account_id = $1 AND key = $2")
                    .bind(account_id)
                    .bind(key)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                Begin::Run
            }
            Some((_, _, None)) => Begin::InProgress,
            Some((_, _, Some(response))) => Begin::Replay(response),
        };
        tx.commit().await?;
        Ok(begin)
    }

    /// Keeps the response of a request that succeeded.
    pub async fn idempotency_finish(
        &self,
        account_id: i64,
        key: &str,
        response: StoredResponse,
    ) -> StoreResult<()> {
        let _turn = self.turn().await;
        query(
            "UPDATE idempotency_keys SET status = $3, content_type = $4, body = $5, sealed = $6
             WHERE account_id = $1 AND key = $2",
        )
        .bind(account_id)
        .bind(key)
        .bind(i64::from(response.status))
        .bind(response.content_type)
        .bind(response.body)
        .bind(i64::from(response.sealed))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Lets the key go after a failure or an abandoned request, so a retry can use it.
    /// Only a key still in progress is let go: a kept answer stays.
    pub async fn idempotency_release(&self, account_id: i64, key: &str) -> StoreResult<()> {
        let _turn = self.turn().await;
        query("DELETE FROM idempotency_keys WHERE account_id = $1 AND key = $2 AND status IS NULL")
            .bind(account_id)
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Lets every key in progress go: at start-up of the only process on a database,
    /// no request can still be running.
    pub async fn idempotency_release_all_in_progress(&self) -> StoreResult<usize> {
        let _turn = self.turn().await;
        let done = query("DELETE FROM idempotency_keys WHERE status IS NULL")
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() as usize)
    }

    pub async fn idempotency_key_count(&self) -> StoreResult<i64> {
        Ok(query_scalar("SELECT COUNT(*) FROM idempotency_keys")
            .fetch_one(&self.pool)
            .await?)
    }

    /// Keys in progress (none should outlive their request).
    pub async fn idempotency_in_progress_count(&self) -> StoreResult<i64> {
        Ok(
            query_scalar("SELECT COUNT(*) FROM idempotency_keys WHERE status IS NULL")
                .fetch_one(&self.pool)
                .await?,
        )
    }
}
