//! Apps and their secrets.

use super::{Store, StoreError, StoreResult};
use sqlx::{any::AnyRow, query, query_as, query_scalar, Row};

/// An app and the account that owns it, as the review queues select them from
/// `apps a JOIN accounts u`; [`owned_app`] reads them back.
pub(super) const OWNED_APP_COLUMNS: &str = "a.name, a.app_key, a.created_at, a.status, a.account_id, u.name";

/// The app `id` and its owner's id and name, from the [`OWNED_APP_COLUMNS`] of `row`
/// starting at column `at`.
pub(super) fn owned_app(row: &AnyRow, id: i64, at: usize) -> Result<(AppRow, i64, String), sqlx::Error> {
    let app = AppRow {
        id,
        name: row.try_get(at)?,
        app_key: row.try_get(at + 1)?,
        created_at: row.try_get(at + 2)?,
        status: row.try_get(at + 3)?,
    };
    Ok((app, row.try_get(at + 4)?, row.try_get(at + 5)?))
}

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

type AppColumns = (i64, String, String, i64, String);
const APP_COLUMNS: &str = "id, name, app_key, created_at, status";

impl From<AppColumns> for AppRow {
    fn from((id, name, app_key, created_at, status): AppColumns) -> Self {
        AppRow {
            id,
            name,
            app_key,
            created_at,
            status,
        }
    }
}

type SecretColumns = (String, i64, Option<i64>, Option<i64>);
const SECRET_COLUMNS: &str = "secret, issued_at, expires_at, last_used_at";

impl From<SecretColumns> for SecretRow {
    fn from((secret, issued_at, expires_at, last_used_at): SecretColumns) -> Self {
        SecretRow {
            secret,
            issued_at,
            expires_at,
            last_used_at,
        }
    }
}

impl Store {
    pub async fn apps(&self, account_id: i64) -> StoreResult<Vec<AppRow>> {
        let rows: Vec<AppColumns> = query_as(&format!(
            "SELECT {APP_COLUMNS} FROM apps WHERE account_id = $1 ORDER BY created_at DESC, id DESC"
        ))
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(AppRow::from).collect())
    }

    /// An app, only if it belongs to `account_id`.
    pub async fn app(&self, account_id: i64, app_id: i64) -> StoreResult<Option<AppRow>> {
        let row: Option<AppColumns> = query_as(&format!(
            "SELECT {APP_COLUMNS} FROM apps WHERE id = $1 AND account_id = $2"
        ))
        .bind(app_id)
        .bind(account_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(AppRow::from))
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
        let created = async {
            let mut tx = self.write().await?;
            let id: i64 = query_scalar(
                "INSERT INTO apps (account_id, name, app_type, status, app_key, created_at)
                 VALUES ($1, $2, 'commercial_developer', 'test', $3, $4) RETURNING id",
            )
            .bind(account_id)
            .bind(name)
            .bind(app_key)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            query("INSERT INTO app_secrets (app_id, secret, issued_at) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(secret)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok::<_, StoreError>(AppRow {
                id,
                name: name.to_owned(),
                app_key: app_key.to_owned(),
                created_at: now,
                status: "test".into(),
            })
        }
        .await;
        match created {
            Ok(row) => Ok(Some(row)),
            // The key is random, so the unique (account, name) pair is what collided.
            Err(StoreError::Constraint(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The secret in force and, if still valid at `now`, the one it replaced.
    pub async fn secrets(&self, app_id: i64, now: i64) -> StoreResult<(SecretRow, Option<SecretRow>)> {
        let current: SecretColumns = query_as(&format!(
            "SELECT {SECRET_COLUMNS} FROM app_secrets
             WHERE app_id = $1 AND expires_at IS NULL ORDER BY id DESC LIMIT 1"
        ))
        .bind(app_id)
        .fetch_one(&self.pool)
        .await?;
        let previous: Option<SecretColumns> = query_as(&format!(
            "SELECT {SECRET_COLUMNS} FROM app_secrets
             WHERE app_id = $1 AND expires_at > $2 ORDER BY id DESC LIMIT 1"
        ))
        .bind(app_id)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok((current.into(), previous.map(SecretRow::from)))
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
        let mut tx = self.write().await?;
        query("UPDATE app_secrets SET expires_at = $2 WHERE app_id = $1 AND expires_at > $2")
            .bind(app_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        query("UPDATE app_secrets SET expires_at = $2 WHERE app_id = $1 AND expires_at IS NULL")
            .bind(app_id)
            .bind(grace_until)
            .execute(&mut *tx)
            .await?;
        query("INSERT INTO app_secrets (app_id, secret, issued_at) VALUES ($1, $2, $3)")
            .bind(app_id)
            .bind(new_secret)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        Ok(tx.commit().await?)
    }

    /// The secrets of the app with `app_key` that still work at `now`, none older than
    /// `max_age` seconds when the operator set a maximum age; none while an operator has
    /// disabled the developer's account.
    pub async fn working_secrets(
        &self,
        app_key: &str,
        now: i64,
        max_age: Option<i64>,
    ) -> StoreResult<Vec<WorkingSecret>> {
        // Without a maximum age, any age passes.
        let rows: Vec<(i64, i64, String)> = query_as(
            "SELECT s.id, s.app_id, s.secret FROM app_secrets s JOIN apps a ON a.id = s.app_id
             JOIN accounts u ON u.id = a.account_id
             WHERE a.app_key = $1 AND u.disabled_at IS NULL
               AND (s.expires_at IS NULL OR s.expires_at > $2)
               AND s.issued_at + $3 > $2",
        )
        .bind(app_key)
        .bind(now)
        .bind(max_age.unwrap_or(i64::MAX / 2))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, app_id, sealed)| WorkingSecret { id, app_id, sealed })
            .collect())
    }

    /// Counts a successful verification with `secret`: its last use, and the app's calls
    /// of the day.
    pub async fn record_use(&self, secret: &WorkingSecret, now: i64) -> StoreResult<()> {
        let mut tx = self.write().await?;
        query("UPDATE app_secrets SET last_used_at = $2 WHERE id = $1")
            .bind(secret.id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        query(
            "INSERT INTO app_calls (app_id, day, calls) VALUES ($1, $2, 1)
             ON CONFLICT (app_id, day) DO UPDATE SET calls = app_calls.calls + 1",
        )
        .bind(secret.app_id)
        .bind(now.div_euclid(DAY_SECS))
        .execute(&mut *tx)
        .await?;
        Ok(tx.commit().await?)
    }

    /// The app's calls on each of the `days` days up to the one holding `now`, oldest
    /// first, as (first second of the day, calls); days without calls count zero.
    pub async fn calls_per_day(&self, app_id: i64, now: i64, days: usize) -> StoreResult<Vec<(i64, u64)>> {
        let today = now.div_euclid(DAY_SECS);
        let first = today - days as i64 + 1;
        let counted: Vec<(i64, i64)> =
            query_as("SELECT day, calls FROM app_calls WHERE app_id = $1 AND day BETWEEN $2 AND $3")
                .bind(app_id)
                .bind(first)
                .bind(today)
                .fetch_all(&self.pool)
                .await?;
        Ok((first..=today)
            .map(|day| {
                let calls = counted.iter().find(|(d, _)| *d == day).map_or(0, |(_, n)| *n);
                (day * DAY_SECS, calls.max(0) as u64)
            })
            .collect())
    }

    /// Stops the replaced secret now; false when none was still working.
    pub async fn revoke_previous_secret(&self, app_id: i64, now: i64) -> StoreResult<bool> {
        let _turn = self.turn().await;
        let done = query("UPDATE app_secrets SET expires_at = $2 WHERE app_id = $1 AND expires_at > $2")
            .bind(app_id)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
