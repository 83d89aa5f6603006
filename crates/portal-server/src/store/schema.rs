//! The database and its schema: a SQLite file is created private to its owner; either
//! database is brought up to date by numbered migrations at start.

use super::Engine;
use sqlx::{query, query_scalar, AnyPool};
use std::path::Path;

/// Numbered migrations for SQLite, applied in order; `PRAGMA user_version` remembers the
/// last one applied.
const SQLITE: &[&str] = &[
    include_str!("../../migrations/sqlite/0001_accounts_sessions_agreements.sql"),
    include_str!("../../migrations/sqlite/0002_developers_qualifications_apps.sql"),
    include_str!("../../migrations/sqlite/0003_failed_attempts.sql"),
    include_str!("../../migrations/sqlite/0004_idempotency_keys.sql"),
    include_str!("../../migrations/sqlite/0005_fingerprints_clients.sql"),
    include_str!("../../migrations/sqlite/0006_host_accounts.sql"),
    include_str!("../../migrations/sqlite/0007_qualification_locale.sql"),
    include_str!("../../migrations/sqlite/0008_app_lists.sql"),
    include_str!("../../migrations/sqlite/0009_secret_usage.sql"),
    include_str!("../../migrations/sqlite/0010_email_verification.sql"),
    include_str!("../../migrations/sqlite/0011_go_live.sql"),
    include_str!("../../migrations/sqlite/0012_permission_groups.sql"),
    include_str!("../../migrations/sqlite/0013_secret_reminders.sql"),
    include_str!("../../migrations/sqlite/0014_account_disabled.sql"),
    include_str!("../../migrations/sqlite/0015_failed_attempts_id.sql"),
    include_str!("../../migrations/sqlite/0016_outbox_claims.sql"),
];

/// The same migrations for PostgreSQL, one for one (a test compares the schemas they
/// build); the table `schema_version` remembers the last one applied.
const POSTGRES: &[&str] = &[
    include_str!("../../migrations/postgres/0001_accounts_sessions_agreements.sql"),
    include_str!("../../migrations/postgres/0002_developers_qualifications_apps.sql"),
    include_str!("../../migrations/postgres/0003_failed_attempts.sql"),
    include_str!("../../migrations/postgres/0004_idempotency_keys.sql"),
    include_str!("../../migrations/postgres/0005_fingerprints_clients.sql"),
    include_str!("../../migrations/postgres/0006_host_accounts.sql"),
    include_str!("../../migrations/postgres/0007_qualification_locale.sql"),
    include_str!("../../migrations/postgres/0008_app_lists.sql"),
    include_str!("../../migrations/postgres/0009_secret_usage.sql"),
    include_str!("../../migrations/postgres/0010_email_verification.sql"),
    include_str!("../../migrations/postgres/0011_go_live.sql"),
    include_str!("../../migrations/postgres/0012_permission_groups.sql"),
    include_str!("../../migrations/postgres/0013_secret_reminders.sql"),
    include_str!("../../migrations/postgres/0014_account_disabled.sql"),
    include_str!("../../migrations/postgres/0015_failed_attempts_id.sql"),
    include_str!("../../migrations/postgres/0016_outbox_claims.sql"),
];

/// The PostgreSQL advisory lock every replica's migrations take (an arbitrary number).
const MIGRATION_LOCK: i64 = 0x706f_7274_616c_0001;
/// The PostgreSQL advisory lock every write transaction takes (see `Store::write`).
pub(super) const WRITE_LOCK: i64 = 0x706f_7274_616c_0002;

/// The pool's address of the SQLite file at `path` (characters a URL gives a meaning to
/// are escaped; the driver decodes them back).
pub(super) fn sqlite_url(path: &Path) -> String {
    let mut url = String::from("sqlite://");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' | ' ' => url.push_str(&format!("%{:02X}", c as u32)),
            c => url.push(c),
        }
    }
    url
}

/// Creates the database file readable by its owner only (SQLite gives its -wal and -shm
/// files the same mode); an existing file is left as it is.
#[cfg(unix)]
pub(super) fn create_private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        other => other.map(|_| ()),
    }
}

#[cfg(not(unix))]
pub(super) fn create_private(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Takes the PostgreSQL advisory lock `key` until the transaction `tx` ends (every replica
/// queues on the same number).
pub(super) async fn advisory_lock(tx: &mut sqlx::AnyConnection, key: i64) -> sqlx::Result<()> {
    // The function returns nothing the driver can read; counting its row can be.
    query_scalar::<_, i64>("SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock($1)) AS locked")
        .bind(key)
        .fetch_one(tx)
        .await
        .map(drop)
}

/// Whether every migration this build knows has been applied.
pub(super) async fn up_to_date(pool: &AnyPool, engine: Engine) -> sqlx::Result<bool> {
    let (sql, known) = match engine {
        Engine::Sqlite => ("PRAGMA user_version", SQLITE.len()),
        Engine::Postgres => ("SELECT version FROM schema_version", POSTGRES.len()),
    };
    let applied: i64 = query_scalar(sql).fetch_one(pool).await?;
    Ok(applied == known as i64)
}

/// Applies the migrations not applied yet, all in one transaction that takes the write lock
/// before it reads the version: a second process starting on the same file at the same
/// moment waits (the busy timeout) and then finds nothing left to do, instead of running
/// the same migrations again.
pub(super) async fn migrate_sqlite(pool: &AnyPool) -> sqlx::Result<()> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let applied: i64 = query_scalar("PRAGMA user_version").fetch_one(&mut *tx).await?;
    for (index, sql) in SQLITE.iter().enumerate().skip(applied.max(0) as usize) {
        sqlx::raw_sql(sql).execute(&mut *tx).await?;
        // A pragma takes no parameters; the number is ours.
        query(&format!("PRAGMA user_version = {}", index + 1))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// The same on PostgreSQL, whose schema changes are transactional too: replicas starting
/// together against one database queue on an advisory lock, the first migrates, the others
/// find nothing left to do.
pub(super) async fn migrate_postgres(pool: &AnyPool) -> sqlx::Result<()> {
    let mut tx = pool.begin().await?;
    advisory_lock(&mut tx, MIGRATION_LOCK).await?;
    sqlx::raw_sql(
        "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL);
         INSERT INTO schema_version (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM schema_version);",
    )
    .execute(&mut *tx)
    .await?;
    let applied: i64 = query_scalar("SELECT version FROM schema_version")
        .fetch_one(&mut *tx)
        .await?;
    for (index, sql) in POSTGRES.iter().enumerate().skip(applied.max(0) as usize) {
        sqlx::raw_sql(sql).execute(&mut *tx).await?;
        query("UPDATE schema_version SET version = $1")
            .bind(index as i64 + 1)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn processes_starting_together_on_a_new_file_migrate_it_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("portal.sqlite3");
        // Four stores, each with its own pool, opening the new file at once (SQLite's work
        // runs on each connection's own thread).
        let openers = (0..4).map(|_| super::super::Store::open(&path));
        for opened in futures_util::future::join_all(openers).await {
            opened.expect("every opener comes up");
        }
        let store = super::super::Store::open(&path).await.unwrap();
        let version: i64 = query_scalar("PRAGMA user_version")
            .fetch_one(&store.pool)
            .await
            .unwrap();
        assert_eq!(version, SQLITE.len() as i64);
    }

    #[test]
    fn file_names_with_url_characters_are_escaped() {
        assert_eq!(
            sqlite_url(Path::new("/tmp/a b/x?y#z%.db")),
            "sqlite:///tmp/a%20b/x%3Fy%23z%25.db"
        );
        assert_eq!(
            sqlite_url(Path::new("data/portal.sqlite3")),
            "sqlite://data/portal.sqlite3"
        );
    }
}
