//! Apps and their secrets.

use super::{Store, StoreError, StoreResult};
use rusqlite::{params, OptionalExtension};

#[derive(Debug, Clone)]
pub struct AppRow {
    pub id: i64,
    pub name: String,
    pub app_key: String,
    pub created_at: i64,
    /// `test` or `online`.
    pub status: String,
}

#[derive(Debug, Clone)]
pub struct SecretRow {
    pub secret: String,
    pub issued_at: i64,
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

impl SecretRow {
    /// When it stops working: at the end of its grace period once replaced, and `max_age`
    /// seconds after it was issued when the operator set a maximum age; never otherwise.
    pub fn stops_at(&self, max_age: Option<i64>) -> Option<i64> {
        let aged = max_age.map(|age| self.issued_at + age);
        match (self.expires_at, aged) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// A secret that works now, still sealed, and the app it belongs to.
#[derive(Debug, Clone)]
pub struct WorkingSecret {
    pub id: i64,
    pub app_id: i64,
    pub sealed: String,
}

const DAY_SECS: i64 = 24 * 60 * 60;

fn app_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AppRow> {
    Ok(AppRow {
        id: r.get(0)?,
        name: r.get(1)?,
        app_key: r.get(2)?,
        created_at: r.get(3)?,
        status: r.get(4)?,
    })
}

impl Store {
    pub async fn apps(&self, account_id: i64) -> StoreResult<Vec<AppRow>> {
        self.call(move |c| {
            let mut stmt = c.prepare(
                "SELECT id, name, app_key, created_at, status FROM apps WHERE account_id = ?1
                 ORDER BY created_at DESC, id DESC",
            )?;
            let rows = stmt.query_map([account_id], app_row)?;
            rows.collect()
        })
        .await
    }

    /// An app, only if it belongs to `account_id`.
    pub async fn app(&self, account_id: i64, app_id: i64) -> StoreResult<Option<AppRow>> {
        self.call(move |c| {
            c.query_row(
                "SELECT id, name, app_key, created_at, status FROM apps WHERE id = ?1 AND account_id = ?2",
                params![app_id, account_id],
                app_row,
            )
            .optional()
        })
        .await
    }

    /// Creates an app with its first secret; `None` when the developer already has an
    /// app of that name.
    pub async fn create_app(
        &self,
        account_id: i64,
        name: &str,
        app_key: &str,
        secret: &str,
        now: i64,
    ) -> StoreResult<Option<AppRow>> {
        let (name, app_key, secret) = (name.to_owned(), app_key.to_owned(), secret.to_owned());
        let result = self
            .call(move |c| {
                let tx = c.transaction()?;
                tx.execute(
                    "INSERT INTO apps (account_id, name, app_type, status, app_key, created_at)
                     VALUES (?1, ?2, 'commercial_developer', 'test', ?3, ?4)",
                    params![account_id, name, app_key, now],
                )?;
                let id = tx.last_insert_rowid();
                tx.execute(
                    "INSERT INTO app_secrets (app_id, secret, issued_at) VALUES (?1, ?2, ?3)",
                    params![id, secret, now],
                )?;
                tx.commit()?;
                Ok(AppRow {
                    id,
                    name,
                    app_key,
                    created_at: now,
                    status: "test".into(),
                })
            })
            .await;
        match result {
            Ok(row) => Ok(Some(row)),
            // The key is random, so the unique (account, name) pair is what collided.
            Err(StoreError::Constraint(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The secret in force and, if still valid at `now`, the one it replaced.
    pub async fn secrets(&self, app_id: i64, now: i64) -> StoreResult<(SecretRow, Option<SecretRow>)> {
        self.call(move |c| {
            let current = c.query_row(
                "SELECT secret, issued_at, expires_at, last_used_at FROM app_secrets
                 WHERE app_id = ?1 AND expires_at IS NULL ORDER BY id DESC LIMIT 1",
                [app_id],
                secret_row,
            )?;
            let previous = c
                .query_row(
                    "SELECT secret, issued_at, expires_at, last_used_at FROM app_secrets
                     WHERE app_id = ?1 AND expires_at > ?2 ORDER BY id DESC LIMIT 1",
                    params![app_id, now],
                    secret_row,
                )
                .optional()?;
            Ok((current, previous))
        })
        .await
    }

    /// Issues `new_secret`; the old one keeps working until `grace_until`. A secret
    /// replaced earlier stops now, so at most two work at once.
    pub async fn reset_secret(
        &self,
        app_id: i64,
        new_secret: &str,
        now: i64,
        grace_until: i64,
    ) -> StoreResult<()> {
        let new_secret = new_secret.to_owned();
        self.call(move |c| {
            let tx = c.transaction()?;
            tx.execute(
                "UPDATE app_secrets SET expires_at = ?2 WHERE app_id = ?1 AND expires_at > ?2",
                params![app_id, now],
            )?;
            tx.execute(
                "UPDATE app_secrets SET expires_at = ?2 WHERE app_id = ?1 AND expires_at IS NULL",
                params![app_id, grace_until],
            )?;
            tx.execute(
                "INSERT INTO app_secrets (app_id, secret, issued_at) VALUES (?1, ?2, ?3)",
                params![app_id, new_secret, now],
            )?;
            tx.commit()
        })
        .await
    }

    /// The secrets of the app with `app_key` that still work at `now`, none older than
    /// `max_age` seconds when the operator set a maximum age.
    pub async fn working_secrets(
        &self,
        app_key: &str,
        now: i64,
        max_age: Option<i64>,
    ) -> StoreResult<Vec<WorkingSecret>> {
        let app_key = app_key.to_owned();
        self.call(move |c| {
            let mut stmt = c.prepare(
                "SELECT s.id, s.app_id, s.secret FROM app_secrets s JOIN apps a ON a.id = s.app_id
                 WHERE a.app_key = ?1 AND (s.expires_at IS NULL OR s.expires_at > ?2)
                   AND (?3 IS NULL OR s.issued_at + ?3 > ?2)",
            )?;
            let rows = stmt.query_map(params![app_key, now, max_age], |r| {
                Ok(WorkingSecret {
                    id: r.get(0)?,
                    app_id: r.get(1)?,
                    sealed: r.get(2)?,
                })
            })?;
            rows.collect()
        })
        .await
    }

    /// Counts a successful verification with `secret`: its last use, and the app's calls
    /// of the day.
    pub async fn record_use(&self, secret: &WorkingSecret, now: i64) -> StoreResult<()> {
        let (secret_id, app_id) = (secret.id, secret.app_id);
        self.call(move |c| {
            let tx = c.transaction()?;
            tx.execute(
                "UPDATE app_secrets SET last_used_at = ?2 WHERE id = ?1",
                params![secret_id, now],
            )?;
            tx.execute(
                "INSERT INTO app_calls (app_id, day, calls) VALUES (?1, ?2, 1)
                 ON CONFLICT (app_id, day) DO UPDATE SET calls = calls + 1",
                params![app_id, now.div_euclid(DAY_SECS)],
            )?;
            tx.commit()
        })
        .await
    }

    /// The app's calls on each of the `days` days up to the one holding `now`, oldest
    /// first, as (first second of the day, calls); days without calls count zero.
    pub async fn calls_per_day(&self, app_id: i64, now: i64, days: usize) -> StoreResult<Vec<(i64, u64)>> {
        let today = now.div_euclid(DAY_SECS);
        let first = today - days as i64 + 1;
        let counted: Vec<(i64, u64)> = self
            .call(move |c| {
                let mut stmt = c.prepare(
                    "SELECT day, calls FROM app_calls WHERE app_id = ?1 AND day BETWEEN ?2 AND ?3",
                )?;
                let rows = stmt.query_map(params![app_id, first, today], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect()
            })
            .await?;
        Ok((first..=today)
            .map(|day| {
                let calls = counted.iter().find(|(d, _)| *d == day).map_or(0, |(_, n)| *n);
                (day * DAY_SECS, calls)
            })
            .collect())
    }

    /// Stops the replaced secret now; false when none was still working.
    pub async fn revoke_previous_secret(&self, app_id: i64, now: i64) -> StoreResult<bool> {
        self.call(move |c| {
            let changed = c.execute(
                "UPDATE app_secrets SET expires_at = ?2 WHERE app_id = ?1 AND expires_at > ?2",
                params![app_id, now],
            )?;
            Ok(changed > 0)
        })
        .await
    }
}

fn secret_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SecretRow> {
    Ok(SecretRow {
        secret: r.get(0)?,
        issued_at: r.get(1)?,
        expires_at: r.get(2)?,
        last_used_at: r.get(3)?,
    })
}
