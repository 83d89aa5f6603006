//! Idempotency keys and the responses they stand for.

use super::{Store, StoreResult};
use rusqlite::{params, OptionalExtension};

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
        let (key, fingerprint) = (key.to_owned(), fingerprint.to_owned());
        self.call(move |c| {
            let tx = c.transaction()?;
            let found: Option<(String, i64, Option<StoredResponse>)> = tx
                .query_row(
                    "SELECT fingerprint, created_at, status, content_type, body, sealed
                     FROM idempotency_keys WHERE account_id = ?1 AND key = ?2",
                    params![account_id, key],
                    |r| {
                        let status: Option<u16> = r.get(2)?;
                        let response = match status {
                            Some(status) => Some(StoredResponse {
                                status,
                                content_type: r.get(3)?,
                                body: r.get::<_, Option<Vec<u8>>>(4)?.unwrap_or_default(),
                                sealed: r.get(5)?,
                            }),
                            None => None,
                        };
                        Ok((r.get(0)?, r.get(1)?, response))
                    },
                )
                .optional()?;
            let begin = match found {
                Some((_, created, _)) if created < now - KEEP_SECS => {
                    tx.execute(
                        "UPDATE idempotency_keys SET fingerprint = ?3, created_at = ?4, status = NULL,
                         content_type = NULL, body = NULL, sealed = 0 WHERE account_id = ?1 AND key = ?2",
                        params![account_id, key, fingerprint, now],
                    )?;
                    Begin::Run
                }
                None => {
                    tx.execute(
                        "INSERT INTO idempotency_keys (account_id, key, method, path, fingerprint, created_at)
                         VALUES (?1, ?2, '', '', ?3, ?4)",
                        params![account_id, key, fingerprint, now],
                    )?;
                    Begin::Run
                }
                Some((f, _, _)) if f != fingerprint => Begin::Mismatch,
                Some((_, created, None)) if created <= now - ABANDONED_SECS => {
                    tx.execute(
                        "UPDATE idempotency_keys SET created_at = ?3 WHERE account_id = ?1 AND key = ?2",
                        params![account_id, key, now],
                    )?;
                    Begin::Run
                }
                Some((_, _, None)) => Begin::InProgress,
                Some((_, _, Some(response))) => Begin::Replay(response),
            };
            tx.commit()?;
            Ok(begin)
        })
        .await
    }

    /// Keeps the response of a request that succeeded.
    pub async fn idempotency_finish(
        &self,
        account_id: i64,
        key: &str,
        response: StoredResponse,
    ) -> StoreResult<()> {
        let key = key.to_owned();
        self.call(move |c| {
            c.execute(
                "UPDATE idempotency_keys SET status = ?3, content_type = ?4, body = ?5, sealed = ?6
                 WHERE account_id = ?1 AND key = ?2",
                params![
                    account_id,
                    key,
                    response.status,
                    response.content_type,
                    response.body,
                    response.sealed
                ],
            )
            .map(|_| ())
        })
        .await
    }

    /// Lets the key go after a failure or an abandoned request, so a retry can use it.
    /// Only a key still in progress is let go: a kept answer stays.
    pub async fn idempotency_release(&self, account_id: i64, key: &str) -> StoreResult<()> {
        let key = key.to_owned();
        self.call(move |c| {
            c.execute(
                "DELETE FROM idempotency_keys WHERE account_id = ?1 AND key = ?2 AND status IS NULL",
                params![account_id, key],
            )
            .map(|_| ())
        })
        .await
    }

    /// Lets every key in progress go: at start-up of the only process on a database,
    /// no request can still be running.
    pub async fn idempotency_release_all_in_progress(&self) -> StoreResult<usize> {
        self.call(|c| c.execute("DELETE FROM idempotency_keys WHERE status IS NULL", []))
            .await
    }

    pub async fn idempotency_key_count(&self) -> StoreResult<i64> {
        self.call(|c| c.query_row("SELECT COUNT(*) FROM idempotency_keys", [], |r| r.get(0)))
            .await
    }

    /// Keys in progress (none should outlive their request).
    pub async fn idempotency_in_progress_count(&self) -> StoreResult<i64> {
        self.call(|c| {
            c.query_row(
                "SELECT COUNT(*) FROM idempotency_keys WHERE status IS NULL",
                [],
                |r| r.get(0),
            )
        })
        .await
    }
}
