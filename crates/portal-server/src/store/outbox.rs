//! The mail outbox and the audit log.

use super::{Store, StoreResult};
use rusqlite::params;

#[derive(Debug, Clone, PartialEq)]
pub struct Mail {
    pub recipient: String,
    pub subject: String,
    pub body: String,
}

impl Store {
    /// Records a message; `sent_at` is set when it has already been handed to a relay.
    pub async fn enqueue_mail(&self, mail: &Mail, now: i64, sent_at: Option<i64>) -> StoreResult<()> {
        let mail = mail.clone();
        self.call(move |c| {
            c.execute(
                "INSERT INTO outbox (recipient, subject, body, created_at, sent_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![mail.recipient, mail.subject, mail.body, now, sent_at],
            )
            .map(|_| ())
        })
        .await
    }

    /// How many recorded messages were handed to a relay.
    pub async fn sent_mail_count(&self) -> StoreResult<i64> {
        self.call(|c| {
            c.query_row("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL", [], |r| {
                r.get(0)
            })
        })
        .await
    }

    /// Every message written so far, oldest first.
    pub async fn outbox(&self) -> StoreResult<Vec<Mail>> {
        self.call(|c| {
            let mut stmt = c.prepare("SELECT recipient, subject, body FROM outbox ORDER BY id")?;
            let rows = stmt.query_map([], |r| {
                Ok(Mail {
                    recipient: r.get(0)?,
                    subject: r.get(1)?,
                    body: r.get(2)?,
                })
            })?;
            rows.collect()
        })
        .await
    }

    pub async fn audit(
        &self,
        account_id: i64,
        action: &'static str,
        target: String,
        now: i64,
    ) -> StoreResult<()> {
        self.call(move |c| {
            c.execute(
                "INSERT INTO audit_log (account_id, action, target, at) VALUES (?1, ?2, ?3, ?4)",
                params![account_id, action, target, now],
            )
            .map(|_| ())
        })
        .await
    }

    /// The audit entries of an account as (action, target), oldest first.
    pub async fn audit_entries(&self, account_id: i64) -> StoreResult<Vec<(String, String)>> {
        self.call(move |c| {
            let mut stmt =
                c.prepare("SELECT action, target FROM audit_log WHERE account_id = ?1 ORDER BY id")?;
            let rows = stmt.query_map([account_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })
        .await
    }
}
