//! Links that confirm a developer's contact e-mail address: kept as token hashes, each
//! working once until it expires.

use super::{Store, StoreResult};
use sqlx::{query, query_as, query_scalar};

/// What opening a link did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkOutcome {
    /// The address is confirmed now.
    Verified {
        email: String,
    },
    /// Opened before.
    Used,
    Expired,
    /// No such link (never sent, or voided when the address changed).
    Unknown,
}

impl Store {
    /// Records a link sent to `email`.
    pub async fn add_verification(
        &self,
        account_id: i64,
        email: &str,
        token_hash: &str,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        let _turn = self.turn().await;
        query(
            "INSERT INTO email_verifications (token_hash, account_id, email, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(account_id)
        .bind(email)
        .bind(now)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// When links were sent to the account since `since`, oldest first.
    pub async fn verifications_sent(&self, account_id: i64, since: i64) -> StoreResult<Vec<i64>> {
        Ok(query_scalar(
            "SELECT created_at FROM email_verifications
             WHERE account_id = $1 AND created_at > $2 ORDER BY created_at",
        )
        .bind(account_id)
        .bind(since)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Opens the link whose token hashes to `token_hash`: once, before it expires, it
    /// confirms the address it was sent to.
    pub async fn open_verification(&self, token_hash: &str, now: i64) -> StoreResult<LinkOutcome> {
        let mut tx = self.write().await?;
        let link: Option<(i64, String, i64, Option<i64>)> = query_as(
            "SELECT account_id, email, expires_at, used_at FROM email_verifications WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&mut *tx)
        .await?;
        let outcome = match link {
            None => LinkOutcome::Unknown,
            Some((_, _, _, Some(_))) => LinkOutcome::Used,
            Some((_, _, expires_at, None)) if expires_at <= now => LinkOutcome::Expired,
            Some((account_id, email, _, None)) => {
                query("UPDATE email_verifications SET used_at = $2 WHERE token_hash = $1")
                    .bind(token_hash)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                query("UPDATE developers SET email_verified_at = $3 WHERE account_id = $1 AND email = $2")
                    .bind(account_id)
                    .bind(&email)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                LinkOutcome::Verified { email }
            }
        };
        tx.commit().await?;
        Ok(outcome)
    }

    /// Marks the account's contact address confirmed without a link (an operator who checked
    /// it another way); false when the account has given no developer information.
    pub async fn confirm_email(&self, account_id: i64, now: i64) -> StoreResult<bool> {
        let _turn = self.turn().await;
        let done = query(
            "UPDATE developers SET email_verified_at = COALESCE(email_verified_at, $2) WHERE account_id = $1",
        )
        .bind(account_id)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// When the account's contact address was confirmed, if it is.
    pub async fn email_verified_at(&self, account_id: i64) -> StoreResult<Option<i64>> {
        let at: Option<Option<i64>> =
            query_scalar("SELECT email_verified_at FROM developers WHERE account_id = $1")
                .bind(account_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(at.flatten())
    }
}
