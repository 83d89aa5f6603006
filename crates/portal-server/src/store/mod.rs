//! Storage behind one small interface: every SQL statement of the server lives here.
//!
//! SQLite by default, through a pool of `sqlx` connections. The methods are async and take
//! plain values, so another engine (PostgreSQL) can stand behind the same signatures.

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
use schema::{
    advisory_lock, create_private, migrate_postgres, migrate_sqlite, sqlite_url, up_to_date, WRITE_LOCK,
};
pub use verification::LinkOutcome;

use portal_core::api::Role;
use sqlx::{any::AnyPoolOptions, query, query_as, query_scalar, Any, AnyConnection, AnyPool};
use std::{path::Path, sync::Arc, time::Duration};
use tokio::sync::OwnedMutexGuard;

/// The address a pool connects to for `database` (see [`Store::connect`]): the URL itself,
/// or the SQLite file's, escaped.
pub fn pool_url(database: &str) -> String {
    if is_postgres_url(database) {
        database.to_owned()
    } else {
        sqlite_url(Path::new(database))
    }
}

/// Whether `database` is a PostgreSQL URL rather than a file name.
pub fn is_postgres_url(database: &str) -> bool {
    database.starts_with("postgres://") || database.starts_with("postgresql://")
}

fn pool_options(options: StoreOptions) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(options.pool_size.max(1))
        .acquire_timeout(options.acquire_timeout)
}

/// Every query goes through one pool of the `sqlx` "any" driver: the SQL is written once, in
/// the dialect SQLite and PostgreSQL share (`$1` parameters, `RETURNING`, `ON CONFLICT`).
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    engine: Engine,
    /// SQLite: this process's writers take turns here, in order and at once, rather than in
    /// SQLite's busy handler, which sleeps between tries (other processes on the same
    /// file still meet that handler).
    writer: Arc<tokio::sync::Mutex<()>>,
}

/// The database behind a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// One file on this machine (the zero-configuration default).
    Sqlite,
    /// A server that several replicas share.
    Postgres,
}

/// How a store connects.
#[derive(Debug, Clone, Copy)]
pub struct StoreOptions {
    /// Connections kept open at most.
    pub pool_size: u32,
    /// PostgreSQL: the longest one statement may run before the server cancels it.
    pub statement_timeout: Duration,
    /// How long a request waits for a free connection, and the start for the database.
    pub acquire_timeout: Duration,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            pool_size: 8,
            statement_timeout: Duration::from_secs(30),
            acquire_timeout: Duration::from_secs(30),
        }
    }
}

/// A transaction that writes (see [`Store::write`]), holding its turn until it ends.
pub(crate) struct Tx {
    tx: sqlx::Transaction<'static, Any>,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl Tx {
    pub(crate) async fn commit(self) -> sqlx::Result<()> {
        self.tx.commit().await
    }
}

impl std::ops::Deref for Tx {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
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
const ACCOUNT_COLUMNS: &str = "a.id, a.name, a.password_hash, a.role, a.source, a.disabled_at";
type AccountColumns = (i64, String, String, String, String, Option<i64>);

#[derive(Debug, Clone)]
pub struct AgreementRow {
    pub version: u32,
    pub title: String,
    pub body: String,
    pub published_at: i64,
}

impl Store {
    /// Opens the database `database` names, a `postgres://` URL or else a SQLite file
    /// (created if missing), and brings its schema up to date.
    pub async fn connect(database: &str, options: StoreOptions) -> StoreResult<Self> {
        if is_postgres_url(database) {
            Self::open_postgres(database, options).await
        } else {
            Self::open_with(Path::new(database), options).await
        }
    }

    /// Opens (creating if needed) the SQLite database file and brings its schema up to date.
    pub async fn open(path: &Path) -> StoreResult<Self> {
        Self::open_with(path, StoreOptions::default()).await
    }

    async fn open_with(path: &Path, options: StoreOptions) -> StoreResult<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::File(dir.to_owned(), e))?;
        }
        create_private(path).map_err(|e| StoreError::File(path.to_owned(), e))?;
        sqlx::any::install_default_drivers();
        // Every connection: foreign keys enforced and a 5 s wait for a lock (the driver's
        // defaults for SQLite).
        let pool = pool_options(options).connect(&sqlite_url(path)).await?;
        let store = Self {
            pool,
            engine: Engine::Sqlite,
            writer: Arc::default(),
        };
        store.prepare_file().await?;
        Ok(store)
    }

    async fn open_postgres(url: &str, options: StoreOptions) -> StoreResult<Self> {
        sqlx::any::install_default_drivers();
        let timeout = format!(
            "SET statement_timeout = {}",
            options.statement_timeout.as_millis()
        );
        let pool = pool_options(options)
            .after_connect(move |conn, _| {
                let timeout = timeout.clone();
                Box::pin(async move {
                    sqlx::Executor::execute(conn, timeout.as_str()).await?;
                    Ok(())
                })
            })
            .connect(url)
            .await?;
        migrate_postgres(&pool).await?;
        Ok(Self {
            pool,
            engine: Engine::Postgres,
            writer: Arc::default(),
        })
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Switches a new file to WAL (readers never wait for the writer) and migrates it.
    /// Several processes starting on a new file at once: the switch needs every other
    /// connection out of the way, and SQLite answers "database is locked" at once, without
    /// waiting, where two would otherwise wait for each other. Such an opener tries again
    /// shortly; the migrations themselves run once (see `migrate_sqlite`).
    async fn prepare_file(&self) -> StoreResult<()> {
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        loop {
            let prepared = async {
                query("PRAGMA journal_mode = WAL").fetch_all(&self.pool).await?;
                migrate_sqlite(&self.pool).await
            }
            .await;
            match prepared {
                Err(e) if error::is_busy(&e) && std::time::Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                other => return other.map_err(StoreError::from),
            }
        }
    }

    /// Whether the database answers and its schema is this build's (for `/readyz`).
    pub async fn ready(&self) -> StoreResult<bool> {
        Ok(up_to_date(&self.pool, self.engine).await?)
    }

    /// Begins a transaction that writes, one at a time on the whole database: what it reads
    /// before it writes (a count against a limit, a state it changes) cannot change under it.
    /// On SQLite it takes the file's write lock at once (`BEGIN IMMEDIATE`), so two that read
    /// before they write wait for each other (the busy timeout) instead of the second failing;
    /// on PostgreSQL it takes the same transaction lock on every replica.
    pub(crate) async fn write(&self) -> StoreResult<Tx> {
        let turn = self.turn().await;
        let tx = match self.engine {
            Engine::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Engine::Postgres => {
                let mut tx = self.pool.begin().await?;
                advisory_lock(&mut tx, WRITE_LOCK).await?;
                tx
            }
        };
        Ok(Tx { tx, _turn: turn })
    }

    /// This process's turn to write to a SQLite file (see `writer`); PostgreSQL takes
    /// concurrent writers as they come.
    pub(crate) async fn turn(&self) -> Option<OwnedMutexGuard<()>> {
        match self.engine {
            Engine::Sqlite => Some(self.writer.clone().lock_owned().await),
            Engine::Postgres => None,
        }
    }

    pub async fn count_accounts(&self) -> StoreResult<i64> {
        Ok(query_scalar("SELECT COUNT(*) FROM accounts")
            .fetch_one(&self.pool)
            .await?)
    }

    pub async fn create_account(
        &self,
        name: &str,
        password_hash: &str,
        role: Role,
        now: i64,
    ) -> StoreResult<i64> {
        let mut tx = self.write().await?;
        let id = query_scalar(
            "INSERT INTO accounts (name, password_hash, role, created_at) VALUES ($1, $2, $3, $4)
             RETURNING id",
        )
        .bind(name)
        .bind(password_hash)
        .bind(role.as_str())
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Creates `accounts` (name, password hash, role) if the database has no account at all,
    /// in one transaction: replicas starting together on a new database create them once.
    pub async fn create_first_accounts(
        &self,
        accounts: &[(&str, String, Role)],
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write().await?;
        let existing: i64 = query_scalar("SELECT COUNT(*) FROM accounts")
            .fetch_one(&mut *tx)
            .await?;
        if existing > 0 {
            return Ok(false);
        }
        for (name, hash, role) in accounts {
            query("INSERT INTO accounts (name, password_hash, role, created_at) VALUES ($1, $2, $3, $4)")
                .bind(*name)
                .bind(hash)
                .bind(role.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// The seller account a host token names, created on first use; `None` when the name
    /// belongs to an account that signs in with a password here (a host never takes it over).
    pub async fn host_account(&self, name: &str, now: i64) -> StoreResult<Option<AccountRow>> {
        let mut tx = self.write().await?;
        query(
            "INSERT INTO accounts (name, password_hash, role, created_at, source)
             VALUES ($1, '', 'seller', $2, 'host') ON CONFLICT DO NOTHING",
        )
        .bind(name)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let row: AccountColumns = query_as(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.name = $1"
        ))
        .bind(name)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        let row = account_row(row);
        Ok(row.from_host.then_some(row))
    }

    pub async fn account_by_name(&self, name: &str) -> StoreResult<Option<AccountRow>> {
        let row: Option<AccountColumns> = query_as(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.name = $1"
        ))
        .bind(name)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(account_row))
    }

    pub async fn account_by_id(&self, id: i64) -> StoreResult<Option<AccountRow>> {
        let row: Option<AccountColumns> = query_as(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(account_row))
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        account_id: i64,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        let _turn = self.turn().await;
        query(
            "INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(account_id)
        .bind(now)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The account of a session that has not expired at `now`.
    pub async fn session_account(&self, token_hash: &str, now: i64) -> StoreResult<Option<AccountRow>> {
        let row: Option<AccountColumns> = query_as(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM sessions s JOIN accounts a ON a.id = s.account_id
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.disabled_at IS NULL"
        ))
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(account_row))
    }

    pub async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        let _turn = self.turn().await;
        query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Ends every session of an account (signing out everywhere).
    pub async fn end_sessions(&self, account_id: i64) -> StoreResult<()> {
        let mut tx = self.write().await?;
        end_sessions_in(&mut tx, account_id).await?;
        Ok(tx.commit().await?)
    }

    /// Disables the account (`at`: when) and ends its sessions, or enables it (`None`).
    pub async fn set_disabled(&self, account_id: i64, at: Option<i64>) -> StoreResult<()> {
        let mut tx = self.write().await?;
        query("UPDATE accounts SET disabled_at = $2 WHERE id = $1")
            .bind(account_id)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        if at.is_some() {
            end_sessions_in(&mut tx, account_id).await?;
        }
        Ok(tx.commit().await?)
    }

    /// Gives the account a new password and ends its sessions (whoever held them may
    /// have known the old one).
    pub async fn set_password(&self, account_id: i64, password_hash: &str) -> StoreResult<()> {
        let mut tx = self.write().await?;
        query("UPDATE accounts SET password_hash = $2 WHERE id = $1")
            .bind(account_id)
            .bind(password_hash)
            .execute(&mut *tx)
            .await?;
        end_sessions_in(&mut tx, account_id).await?;
        Ok(tx.commit().await?)
    }

    pub async fn current_agreement(&self) -> StoreResult<Option<AgreementRow>> {
        let row: Option<(i64, String, String, i64)> = query_as(
            "SELECT version, title, body, published_at FROM agreements ORDER BY version DESC LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(version, title, body, published_at)| AgreementRow {
            version: version as u32,
            title,
            body,
            published_at,
        }))
    }

    /// Publishes the first version unless one is published already (replicas starting
    /// together on a new database publish it once).
    pub async fn publish_first_agreement(&self, title: &str, body: &str, now: i64) -> StoreResult<()> {
        let mut tx = self.write().await?;
        query(
            "INSERT INTO agreements (version, title, body, published_at)
             SELECT 1, $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM agreements)",
        )
        .bind(title)
        .bind(body)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        Ok(tx.commit().await?)
    }

    /// Publishes a new version (one above the current) and returns its number.
    pub async fn publish_agreement(&self, title: &str, body: &str, now: i64) -> StoreResult<u32> {
        let mut tx = self.write().await?;
        let version: i64 = query_scalar(
            "INSERT INTO agreements (version, title, body, published_at)
             SELECT COALESCE(MAX(version), 0) + 1, $1, $2, $3 FROM agreements RETURNING version",
        )
        .bind(title)
        .bind(body)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(version as u32)
    }

    /// The highest version this account accepted, and when.
    pub async fn latest_acceptance(&self, account_id: i64) -> StoreResult<Option<(u32, i64)>> {
        let row: Option<(i64, i64)> = query_as(
            "SELECT version, accepted_at FROM agreement_acceptances
             WHERE account_id = $1 ORDER BY version DESC LIMIT 1",
        )
        .bind(account_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(version, at)| (version as u32, at)))
    }

    /// Records acceptance of `version`; accepting twice keeps the first time.
    pub async fn accept_agreement(&self, account_id: i64, version: u32, now: i64) -> StoreResult<i64> {
        let mut tx = self.write().await?;
        query(
            "INSERT INTO agreement_acceptances (account_id, version, accepted_at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
        )
        .bind(account_id)
        .bind(i64::from(version))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let at = query_scalar(
            "SELECT accepted_at FROM agreement_acceptances WHERE account_id = $1 AND version = $2",
        )
        .bind(account_id)
        .bind(i64::from(version))
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(at)
    }
}

/// Ends every session of an account, inside the transaction `tx`.
async fn end_sessions_in(tx: &mut Tx, account_id: i64) -> sqlx::Result<()> {
    query("DELETE FROM sessions WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

fn account_row((id, name, password_hash, role, source, disabled_at): AccountColumns) -> AccountRow {
    AccountRow {
        id,
        name,
        password_hash,
        role: Role::parse(&role).unwrap_or(Role::Seller),
        from_host: source == "host",
        disabled: disabled_at.is_some(),
    }
}
