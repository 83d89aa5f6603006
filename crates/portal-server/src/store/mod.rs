//! Storage behind one small interface: every SQL statement of the server lives here.
//!
//! SQLite by default. The methods are async and take plain values, so another
//! engine (PostgreSQL) can stand behind the same signatures later.

mod app_lists;
mod apps;
mod attempts;
mod developer;
mod error;
mod gateway;
mod go_live;
mod idempotency;
mod maintenance;
mod outbox;
mod permissions;
mod progress;
mod qualification;
mod schema;
mod verification;

pub use app_lists::AppList;
pub use apps::{AppRow, SecretRow, WorkingSecret};
pub use attempts::Allowance;
pub use error::{StoreError, StoreResult};
pub use gateway::GatewayView;
pub use go_live::{GoLiveItem, GoLiveRefusal, GoLiveRow};
pub use idempotency::{Begin, StoredResponse, ABANDONED_SECS, KEEP_SECS};
pub use maintenance::{ExpiringSecret, Purged};
pub use outbox::{AuditEvent, AuditRow, Mail};
pub use permissions::{GrantItem, GrantRefusal, GrantRow, GroupRow};
pub use progress::ProgressRow;
pub use qualification::{QualificationRow, SubmitFacts, SubmitOutcome};
use schema::{create_private, migrate, up_to_date};
pub use verification::LinkOutcome;

use portal_core::api::Role;
use rusqlite::{params, Connection, OptionalExtension};
use std::{
    path::Path,
    sync::{Arc, Mutex},
};

#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
}

#[derive(Debug, Clone)]
pub struct AccountRow {
    pub id: i64,
    pub name: String,
    pub password_hash: String,
    pub role: Role,
    /// Signs in through the embedding seller portal (a host token), never with a password.
    pub from_host: bool,
    /// Disabled by an operator: it cannot sign in.
    pub disabled: bool,
}

/// The columns [`account_row`] reads, in its order.
const ACCOUNT_COLUMNS: &str = "a.id, a.name, a.password_hash, a.role, a.source, a.disabled_at IS NOT NULL";

#[derive(Debug, Clone)]
pub struct AgreementRow {
    pub version: u32,
    pub title: String,
    pub body: String,
    pub published_at: i64,
}

impl Store {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> StoreResult<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::File(dir.to_owned(), e))?;
        }
        create_private(path).map_err(|e| StoreError::File(path.to_owned(), e))?;
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Several processes starting on a new file at once: switching it to WAL needs every
        // other connection out of the way, and SQLite answers "database is locked" at once,
        // without waiting, where two would otherwise wait for each other. Such an opener
        // tries again shortly; the migrations themselves run once (see `migrate`).
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let prepared = conn
                .pragma_update(None, "journal_mode", "WAL")
                .and_then(|()| conn.pragma_update(None, "foreign_keys", "ON"))
                .and_then(|()| migrate(&mut conn));
            match prepared {
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::DatabaseBusy
                        && std::time::Instant::now() < deadline =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                other => break other?,
            }
        }
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Whether the database answers and its schema is this build's (for `/readyz`).
    pub async fn ready(&self) -> StoreResult<bool> {
        self.call(|c| up_to_date(c)).await
    }

    /// Runs `f` with the connection on a blocking thread.
    pub(crate) async fn call<T, F>(&self, f: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> rusqlite::Result<T> + Send + 'static,
    {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn
                .lock()
                .map_err(|_| StoreError::Worker("connection lock poisoned".into()))?;
            f(&mut guard).map_err(StoreError::from)
        })
        .await
        .map_err(|e| StoreError::Worker(e.to_string()))?
    }

    pub async fn count_accounts(&self) -> StoreResult<i64> {
        self.call(|c| c.query_row("SELECT COUNT(*) FROM accounts", [], |r| r.get(0)))
            .await
    }

    pub async fn create_account(
        &self,
        name: &str,
        password_hash: &str,
        role: Role,
        now: i64,
    ) -> StoreResult<i64> {
        let (name, hash) = (name.to_owned(), password_hash.to_owned());
        self.call(move |c| {
            c.execute(
                "INSERT INTO accounts (name, password_hash, role, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![name, hash, role.as_str(), now],
            )?;
            Ok(c.last_insert_rowid())
        })
        .await
    }

    /// The seller account a host token names, created on first use; `None` when the name
    /// belongs to an account that signs in with a password here (a host never takes it over).
    pub async fn host_account(&self, name: &str, now: i64) -> StoreResult<Option<AccountRow>> {
        let name = name.to_owned();
        self.call(move |c| {
            let tx = c.transaction()?;
            tx.execute(
                "INSERT OR IGNORE INTO accounts (name, password_hash, role, created_at, source)
                 VALUES (?1, '', 'seller', ?2, 'host')",
                params![name, now],
            )?;
            let row = tx.query_row(
                &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.name = ?1"),
                [&name],
                account_row,
            )?;
            tx.commit()?;
            Ok(row.from_host.then_some(row))
        })
        .await
    }

    pub async fn account_by_name(&self, name: &str) -> StoreResult<Option<AccountRow>> {
        let name = name.to_owned();
        self.call(move |c| {
            c.query_row(
                &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.name = ?1"),
                [name],
                account_row,
            )
            .optional()
        })
        .await
    }

    pub async fn account_by_id(&self, id: i64) -> StoreResult<Option<AccountRow>> {
        self.call(move |c| {
            c.query_row(
                &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = ?1"),
                [id],
                account_row,
            )
            .optional()
        })
        .await
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        account_id: i64,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        let token_hash = token_hash.to_owned();
        self.call(move |c| {
            c.execute(
                "INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
                params![token_hash, account_id, now, expires_at],
            )?;
            Ok(())
        })
        .await
    }

    /// The account of a session that has not expired at `now`.
    pub async fn session_account(&self, token_hash: &str, now: i64) -> StoreResult<Option<AccountRow>> {
        let token_hash = token_hash.to_owned();
        self.call(move |c| {
            c.query_row(
                &format!(
                    "SELECT {ACCOUNT_COLUMNS} FROM sessions s JOIN accounts a ON a.id = s.account_id
                     WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND a.disabled_at IS NULL"
                ),
                params![token_hash, now],
                account_row,
            )
            .optional()
        })
        .await
    }

    pub async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        let token_hash = token_hash.to_owned();
        self.call(move |c| {
            c.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])
                .map(|_| ())
        })
        .await
    }

    /// Ends every session of an account (signing out everywhere).
    pub async fn end_sessions(&self, account_id: i64) -> StoreResult<()> {
        self.call(move |c| end_sessions_in(c, account_id)).await
    }

    /// Disables the account (`at`: when) and ends its sessions, or enables it (`None`).
    pub async fn set_disabled(&self, account_id: i64, at: Option<i64>) -> StoreResult<()> {
        self.call(move |c| {
            let tx = c.transaction()?;
            tx.execute(
                "UPDATE accounts SET disabled_at = ?2 WHERE id = ?1",
                params![account_id, at],
            )?;
            if at.is_some() {
                end_sessions_in(&tx, account_id)?;
            }
            tx.commit()
        })
        .await
    }

    /// Gives the account a new password and ends its sessions (whoever held them may
    /// have known the old one).
    pub async fn set_password(&self, account_id: i64, password_hash: &str) -> StoreResult<()> {
        let hash = password_hash.to_owned();
        self.call(move |c| {
            let tx = c.transaction()?;
            tx.execute(
                "UPDATE accounts SET password_hash = ?2 WHERE id = ?1",
                params![account_id, hash],
            )?;
            end_sessions_in(&tx, account_id)?;
            tx.commit()
        })
        .await
    }

    pub async fn current_agreement(&self) -> StoreResult<Option<AgreementRow>> {
        self.call(|c| {
            c.query_row(
                "SELECT version, title, body, published_at FROM agreements ORDER BY version DESC LIMIT 1",
                [],
                |r| {
                    Ok(AgreementRow {
                        version: r.get(0)?,
                        title: r.get(1)?,
                        body: r.get(2)?,
                        published_at: r.get(3)?,
                    })
                },
            )
            .optional()
        })
        .await
    }

    /// Publishes a new version (one above the current) and returns its number.
    pub async fn publish_agreement(&self, title: &str, body: &str, now: i64) -> StoreResult<u32> {
        let (title, body) = (title.to_owned(), body.to_owned());
        self.call(move |c| {
            let tx = c.transaction()?;
            let next: u32 =
                tx.query_row("SELECT COALESCE(MAX(version), 0) + 1 FROM agreements", [], |r| {
                    r.get(0)
                })?;
            tx.execute(
                "INSERT INTO agreements (version, title, body, published_at) VALUES (?1, ?2, ?3, ?4)",
                params![next, title, body, now],
            )?;
            tx.commit()?;
            Ok(next)
        })
        .await
    }

    /// The highest version this account accepted, and when.
    pub async fn latest_acceptance(&self, account_id: i64) -> StoreResult<Option<(u32, i64)>> {
        self.call(move |c| {
            c.query_row(
                "SELECT version, accepted_at FROM agreement_acceptances
                 WHERE account_id = ?1 ORDER BY version DESC LIMIT 1",
                [account_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
        })
        .await
    }

    /// Records acceptance of `version`; accepting twice keeps the first time.
    pub async fn accept_agreement(&self, account_id: i64, version: u32, now: i64) -> StoreResult<i64> {
        self.call(move |c| {
            c.execute(
                "INSERT OR IGNORE INTO agreement_acceptances (account_id, version, accepted_at) VALUES (?1, ?2, ?3)",
                params![account_id, version, now],
            )?;
            c.query_row(
                "SELECT accepted_at FROM agreement_acceptances WHERE account_id = ?1 AND version = ?2",
                params![account_id, version],
                |r| r.get(0),
            )
        })
        .await
    }
}

/// Ends every session of an account, inside whatever transaction `c` is in.
fn end_sessions_in(c: &Connection, account_id: i64) -> rusqlite::Result<()> {
    c.execute("DELETE FROM sessions WHERE account_id = ?1", [account_id])
        .map(|_| ())
}

fn account_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AccountRow> {
    let role: String = r.get(3)?;
    Ok(AccountRow {
        id: r.get(0)?,
        name: r.get(1)?,
        password_hash: r.get(2)?,
        role: Role::parse(&role).unwrap_or(Role::Seller),
        from_host: r.get::<_, String>(4)? == "host",
        disabled: r.get(5)?,
    })
}
