//! Failed password checks, for throttling.

use super::{Store, StoreResult};
use rusqlite::params;

impl Store {
    pub async fn record_failure(
        &self,
        account_name: &str,
        purpose: &'static str,
        now: i64,
    ) -> StoreResult<()> {
        let name = account_name.to_owned();
        self.call(move |c| {
            c.execute(
                "INSERT INTO failed_attempts (account_name, purpose, at) VALUES (?1, ?2, ?3)",
                params![name, purpose, now],
            )
            .map(|_| ())
        })
        .await
    }

    /// The times of the failures since `since`, oldest first.
    pub async fn failures_since(
        &self,
        account_name: &str,
        purpose: &'static str,
        since: i64,
    ) -> StoreResult<Vec<i64>> {
        let name = account_name.to_owned();
        self.call(move |c| {
            let mut stmt = c.prepare(
                "SELECT at FROM failed_attempts WHERE account_name = ?1 AND purpose = ?2 AND at > ?3 ORDER BY at",
            )?;
            let rows = stmt.query_map(params![name, purpose, since], |r| r.get(0))?;
            rows.collect()
        })
        .await
    }

    /// Forgets the failures after a success.
    pub async fn clear_failures(&self, account_name: &str, purpose: &'static str) -> StoreResult<()> {
        let name = account_name.to_owned();
        self.call(move |c| {
            c.execute(
                "DELETE FROM failed_attempts WHERE account_name = ?1 AND purpose = ?2",
                params![name, purpose],
            )
            .map(|_| ())
        })
        .await
    }
}
