//! Password checks, reserved before they run, for throttling that holds under concurrency.

use super::{Store, StoreResult, Tx};
use sqlx::{query, query_scalar};

/// How many failures a key may have in the window before each further attempt waits.
#[derive(Debug, Clone, Copy)]
pub struct Allowance {
    /// Per account and client address.
    pub per_account_client: usize,
    /// Per client address, over all accounts (one address spraying many accounts).
    pub per_client: usize,
    /// Per account, over all addresses (many addresses on one account).
    pub per_account: usize,
    /// Failures older than this are forgotten, and no wait is longer.
    pub window_secs: i64,
}

impl Store {
    /// Reserves one password check: `Ok(id)` when it may run now (the reservation counts as a
    /// failure until [`Store::settle_attempt`] says otherwise), `Err(seconds)` to wait first.
    /// Counting and reserving happen in one transaction, so parallel guesses cannot all pass.
    pub async fn reserve_attempt(
        &self,
        account: &str,
        client: &str,
        purpose: &'static str,
        allowance: Allowance,
        now: i64,
    ) -> StoreResult<Result<i64, i64>> {
        let mut tx = self.write().await?;
        let since = now - allowance.window_secs;
        let checks: [(&str, &[&str], usize); 3] = [
            (
                "account_name = $1 AND client = $2",
                &[account, client],
                allowance.per_account_client,
            ),
            ("client = $1", &[client], allowance.per_client),
            ("account_name = $1", &[account], allowance.per_account),
        ];
        let mut wait = 0;
        for (filter, keys, free) in checks {
            let times = failure_times(&mut tx, filter, keys, purpose, since).await?;
            wait = wait.max(backoff(&times, free, allowance.window_secs, now));
        }
        if wait > 0 {
            return Ok(Err(wait));
        }
        let id = insert_failure(&mut tx, account, client, purpose, now).await?;
        tx.commit().await?;
        Ok(Ok(id))
    }

    /// The outcome of a reserved check: a failure stays counted; a success forgets it and
    /// the earlier failures of the same account from the same client.
    pub async fn settle_attempt(&self, id: i64, ok: bool) -> StoreResult<()> {
        let _turn = self.turn().await;
        if !ok {
            return Ok(());
        }
        query(
            "DELETE FROM failed_attempts WHERE id IN (
               SELECT f.id FROM failed_attempts f JOIN failed_attempts me ON me.id = $1
               WHERE f.account_name = me.account_name AND f.client = me.client AND f.purpose = me.purpose)",
        )
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records a failure as if a check had failed (tests, and importing from elsewhere).
    pub async fn record_failure(
        &self,
        account: &str,
        client: &str,
        purpose: &'static str,
        now: i64,
    ) -> StoreResult<()> {
        let mut tx = self.write().await?;
        insert_failure(&mut tx, &account.to_lowercase(), client, purpose, now).await?;
        Ok(tx.commit().await?)
    }

    /// Counted failures of one purpose (tests, operators).
    pub async fn failure_count(&self, purpose: &'static str) -> StoreResult<i64> {
        Ok(
            query_scalar("SELECT COUNT(*) FROM failed_attempts WHERE purpose = $1")
                .bind(purpose)
                .fetch_one(&self.pool)
                .await?,
        )
    }
}

async fn insert_failure(
    tx: &mut Tx,
    account: &str,
    client: &str,
    purpose: &str,
    now: i64,
) -> sqlx::Result<i64> {
    query_scalar(
        "INSERT INTO failed_attempts (account_name, client, purpose, at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(account)
    .bind(client)
    .bind(purpose)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

/// When the failures `filter` selects (with `keys` as its `$1`, `$2`, …) happened since
/// `since`, oldest first.
async fn failure_times(
    tx: &mut Tx,
    filter: &str,
    keys: &[&str],
    purpose: &str,
    since: i64,
) -> sqlx::Result<Vec<i64>> {
    let n = keys.len();
    let sql = format!(
        "SELECT at FROM failed_attempts WHERE {filter} AND purpose = ${} AND at > ${} ORDER BY at",
        n + 1,
        n + 2
    );
    let mut times = query_scalar(&sql);
    for key in keys {
        times = times.bind(*key);
    }
    times.bind(purpose).bind(since).fetch_all(&mut **tx).await
}

/// Seconds still to wait: none for the first `free` failures, then a doubling pause after
/// the latest one (1 s, 2 s, 4 s, …) that never exceeds the window.
fn backoff(times: &[i64], free: usize, window: i64, now: i64) -> i64 {
    if times.len() < free {
        return 0;
    }
    let doublings = (times.len() - free).min(20) as u32;
    let pause = (1i64 << doublings).min(window);
    let last = times.last().copied().unwrap_or(now);
    (last + pause - now).max(0)
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_table() {
        let w = 900;
        let cases: &[(&[i64], usize, i64, i64)] = &[
            (&[], 5, 100, 0),
            (&[1, 2, 3, 4], 5, 4, 0),
            (&[1, 2, 3, 4, 5], 5, 5, 1),
            (&[1, 2, 3, 4, 5], 5, 6, 0),
            (&[1, 2, 3, 4, 5, 6], 5, 6, 2),
            (&[1, 2, 3, 4, 5, 6, 7], 5, 7, 4),
            (&[0; 30], 5, 0, 900),
            (&[0; 30], 5, 899, 1),
            (&[0; 30], 5, 900, 0),
        ];
        for (times, free, now, want) in cases {
            assert_eq!(
                backoff(times, *free, w, *now),
                *want,
                "{times:?} free {free} now {now}"
            );
        }
    }
}
