//! The mail outbox and the audit log.

use super::{Store, StoreResult};
use sqlx::{query, query_as, query_scalar};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mail {
    pub recipient: String,
    pub subject: String,
    pub body: String,
    /// A part of the body that is a credential (a verification link's token): kept in the
    /// outbox only until the message is handed to a relay.
    pub secret: Option<String>,
}

impl Mail {
    /// The message as kept once sent: its secret blanked out.
    pub fn redacted(&self) -> Mail {
        let body = match &self.secret {
            Some(secret) if !secret.is_empty() => self.body.replace(secret.as_str(), "[sent]"),
            _ => self.body.clone(),
        };
        Mail {
            body,
            secret: None,
            ..self.clone()
        }
    }
}

/// One action to record in the audit log.
#[derive(Debug, Clone)]
pub struct AuditEvent {
    /// The account that acted.
    pub actor: i64,
    /// The app acted on, if any.
    pub app_id: Option<i64>,
    pub action: &'static str,
    /// What was acted on, as the log names it (an AppKey).
    pub target: String,
    /// The address the request came from.
    pub address: String,
    /// What the action was about beyond the app (a permission group's code).
    pub detail: Option<String>,
}

/// A stored audit entry, with the acting account's name.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub id: i64,
    pub action: String,
    pub actor: String,
    pub address: String,
    pub at: i64,
    pub detail: Option<String>,
}

impl Store {
    /// Records a message; `sent_at` is set when it has already been handed to a relay.
    pub async fn enqueue_mail(&self, mail: &Mail, now: i64, sent_at: Option<i64>) -> StoreResult<()> {
        let _turn = self.turn().await;
        query(
            "INSERT INTO outbox (recipient, subject, body, created_at, sent_at, secret)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&mail.recipient)
        .bind(&mail.subject)
        .bind(&mail.body)
        .bind(now)
        .bind(sent_at)
        // Blanked out of the body once sent (see `mark_mail_sent`).
        .bind(sent_at.is_none().then(|| mail.secret.clone()).flatten())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Claims up to `limit` messages not yet sent and not claimed by another server (or whose
    /// claim ran out), until `now + lease`. One statement claims them, and it re-checks the
    /// claim on every row it takes, so two servers running this at once never take the
    /// same message (on PostgreSQL the second waits for the first's rows, then skips them).
    pub async fn claim_unsent_mail(&self, now: i64, lease: i64, limit: i64) -> StoreResult<Vec<(i64, Mail)>> {
        let _turn = self.turn().await;
        let rows: Vec<(i64, String, String, String, Option<String>)> = query_as(
            "UPDATE outbox SET claimed_until = $1 + $2
             WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until <= $1)
               AND id IN (SELECT id FROM outbox
                          WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until <= $1)
                          ORDER BY id LIMIT $3)
             RETURNING id, recipient, subject, body, secret",
        )
        .bind(now)
        .bind(lease)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, recipient, subject, body, secret)| {
                let mail = Mail {
                    recipient,
                    subject,
                    body,
                    secret,
                };
                (id, mail)
            })
            .collect())
    }

    /// Marks a claimed message sent, keeping it without its secret.
    pub async fn mark_mail_sent(&self, id: i64, kept: &Mail, now: i64) -> StoreResult<()> {
        let _turn = self.turn().await;
        query("UPDATE outbox SET sent_at = $2, body = $3, secret = NULL, claimed_until = NULL WHERE id = $1")
            .bind(id)
            .bind(now)
            .bind(&kept.body)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// How many recorded messages were handed to a relay.
    pub async fn sent_mail_count(&self) -> StoreResult<i64> {
        Ok(
            query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Every message written so far, oldest first.
    pub async fn outbox(&self) -> StoreResult<Vec<Mail>> {
        let rows: Vec<(String, String, String)> =
            query_as("SELECT recipient, subject, body FROM outbox ORDER BY id")
                .fetch_all(&self.pool)
                .await?;
        Ok(rows
            .into_iter()
            .map(|(recipient, subject, body)| Mail {
                recipient,
                subject,
                body,
                secret: None,
            })
            .collect())
    }

    /// Records who did what to which app, from where.
    pub async fn audit(&self, event: AuditEvent, now: i64) -> StoreResult<()> {
        let _turn = self.turn().await;
        query(
            "INSERT INTO audit_log (account_id, app_id, action, target, address, at, detail)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(event.actor)
        .bind(event.app_id)
        .bind(event.action)
        .bind(event.target)
        .bind(event.address)
        .bind(now)
        .bind(event.detail)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// An app's audit entries, newest first: at most `limit`, older than entry `before`.
    pub async fn app_audit(
        &self,
        app_id: i64,
        before: Option<i64>,
        limit: usize,
    ) -> StoreResult<Vec<AuditRow>> {
        let rows: Vec<(i64, String, String, String, i64, Option<String>)> = query_as(
            "SELECT l.id, l.action, a.name, l.address, l.at, l.detail FROM audit_log l
             JOIN accounts a ON a.id = l.account_id
             WHERE l.app_id = $1 AND l.id < $2 ORDER BY l.id DESC LIMIT $3",
        )
        .bind(app_id)
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit as i64)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, action, actor, address, at, detail)| AuditRow {
                id,
                action,
                actor,
                address,
                at,
                detail,
            })
            .collect())
    }

    /// The audit entries of an account as (action, target), oldest first.
    pub async fn audit_entries(&self, account_id: i64) -> StoreResult<Vec<(String, String)>> {
        Ok(
            query_as("SELECT action, target FROM audit_log WHERE account_id = $1 ORDER BY id")
                .bind(account_id)
                .fetch_all(&self.pool)
                .await?,
        )
    }
}
