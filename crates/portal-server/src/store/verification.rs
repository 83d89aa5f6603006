//! Links that confirm a developer's contact e-mail address: kept as token hashes, each
//! working once until it expires.

use super::{Store, StoreResult};
use rusqlite::{params, OptionalExtension};

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
        let (email, token_hash) = (email.to_owned(), token_hash.to_owned());
        self.call(move |c| {
            c.execute(
                "INSERT INTO email_verifications (token_hash, account_id, email, created_at, expires_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![token_hash, account_id, email, now, expires_at],
            )
            .map(|_| ())
        })
        .await
    }

    /// When links were sent to the account since `since`, oldest first.
    pub async fn verifications_sent(&self, account_id: i64, since: i64) -> StoreResult<Vec<i64>> {
        self.call(move |c| {
            let mut stmt = c.prepare(
                "SELECT created_at FROM email_verifications
                 WHERE account_id = ?1 AND created_at > ?2 ORDER BY created_at",
            )?;
            let rows = stmt.query_map(params![account_id, since], |r| r.get(0))?;
            rows.collect()
        })
        .await
    }

    /// Opens the link whose token hashes to `token_hash`: once, before it expires, it
    /// confirms the address it was sent to.
    pub async fn open_verification(&self, token_hash: &str, now: i64) -> StoreResult<LinkOutcome> {
        let token_hash = token_hash.to_owned();
        self.call(move |c| {
            let tx = c.transaction()?;
            let link: Option<(i64, String, i64, Option<i64>)> = tx
                .query_row(
                    "SELECT account_id, email, expires_at, used_at FROM email_verifications WHERE token_hash = ?1",
                    [&token_hash],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let outcome = match link {
                None => LinkOutcome::Unknown,
                Some((_, _, _, Some(_))) => LinkOutcome::Used,
                Some((_, _, expires_at, None)) if expires_at <= now => LinkOutcome::Expired,
                Some((account_id, email, _, None)) => {
                    tx.execute(
                        "UPDATE email_verifications SET used_at = ?2 WHERE token_hash = ?1",
                        params![token_hash, now],
                    )?;
                    tx.execute(
                        "UPDATE developers SET email_verified_at = ?3 WHERE account_id = ?1 AND email = ?2",
                        params![account_id, email, now],
                    )?;
                    LinkOutcome::Verified { email }
                }
            };
            tx.commit()?;
            Ok(outcome)
        })
        .await
    }

    /// Marks the account's contact address confirmed without a link (an operator who checked
    /// it another way); false when the account has given no developer information.
    pub async fn confirm_email(&self, account_id: i64, now: i64) -> StoreResult<bool> {
        self.call(move |c| {
            let changed = c.execute(
                "UPDATE developers SET email_verified_at = COALESCE(email_verified_at, ?2) WHERE account_id = ?1",
                params![account_id, now],
            )?;
            Ok(changed > 0)
        })
        .await
    }

    /// When the account's contact address was confirmed, if it is.
    pub async fn email_verified_at(&self, account_id: i64) -> StoreResult<Option<i64>> {
        self.call(move |c| {
            c.query_row(
                "SELECT email_verified_at FROM developers WHERE account_id = ?1",
                [account_id],
                |r| r.get(0),
            )
            .optional()
            .map(Option::flatten)
        })
        .await
    }
}
