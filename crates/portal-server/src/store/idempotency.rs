//! Idempotency keys and the responses they stand for.

use super::{Store, StoreResult};
use rusqlite::{params, OptionalExtension};

/// A response kept for replay.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// What to do with a request carrying a key.
#[derive(Debug, Clone)]
pub enum Begin {
    /// First time: run it (the key is now held).
    Run,
    /// Done before: answer with this.
    Replay(StoredResponse),
    /// The first request with this key is still running.
    InProgress,
    /// The key was used for another request.
    Mismatch,
}

/// Keys are remembered this long.
const KEEP_SECS: i64 = 24 * 60 * 60;

impl Store {
    pub async fn idempotency_begin(
        &self,
        account_id: i64,
        key: &str,
        method: &str,
        path: &str,
        now: i64,
    ) -> StoreResult<Begin> {
        let (key, method, path) = (key.to_owned(), method.to_owned(), path.to_owned());
        self.call(move |c| {
            let tx = c.transaction()?;
            tx.execute(
                "DELETE FROM idempotency_keys WHERE account_id = ?1 AND created_at < ?2",
                params![account_id, now - KEEP_SECS],
            )?;
            // The key's request (method, path) and, once it finished, its response.
            let found: Option<(String, String, Option<StoredResponse>)> = tx
                .query_row(
                    "SELECT method, path, status, content_type, body FROM idempotency_keys
                     WHERE account_id = ?1 AND key = ?2",
                    params![account_id, key],
                    |r| {
                        let status: Option<u16> = r.get(2)?;
                        let response = match status {
                            Some(status) => Some(StoredResponse {
                                status,
                                content_type: r.get(3)?,
                                body: r.get::<_, Option<Vec<u8>>>(4)?.unwrap_or_default(),
                            }),
                            None => None,
                        };
                        Ok((r.get(0)?, r.get(1)?, response))
                    },
                )
                .optional()?;
            let begin = match found {
                None => {
                    tx.execute(
                        "INSERT INTO idempotency_keys (account_id, key, method, path, created_at)
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![account_id, key, method, path, now],
                    )?;
                    Begin::Run
                }
                Some((m, p, _)) if m != method || p != path => Begin::Mismatch,
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
                "UPDATE idempotency_keys SET status = ?3, content_type = ?4, body = ?5
                 WHERE account_id = ?1 AND key = ?2",
                params![
                    account_id,
                    key,
                    response.status,
                    response.content_type,
                    response.body
                ],
            )
            .map(|_| ())
        })
        .await
    }

    /// Lets the key go after a failure, so a corrected request can use it.
    pub async fn idempotency_release(&self, account_id: i64, key: &str) -> StoreResult<()> {
        let key = key.to_owned();
        self.call(move |c| {
            c.execute(
                "DELETE FROM idempotency_keys WHERE account_id = ?1 AND key = ?2",
                params![account_id, key],
            )
            .map(|_| ())
        })
        .await
    }

    pub async fn idempotency_key_count(&self) -> StoreResult<i64> {
        self.call(|c| c.query_row("SELECT COUNT(*) FROM idempotency_keys", [], |r| r.get(0)))
            .await
    }
}
