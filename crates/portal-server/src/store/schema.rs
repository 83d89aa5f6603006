//! The database file and its schema: created private to its owner, brought up to date by
//! numbered migrations at start.

use rusqlite::Connection;
use std::path::Path;

/// Numbered migrations, applied in order; `PRAGMA user_version` remembers the last one.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_accounts_sessions_agreements.sql"),
    include_str!("../../migrations/0002_developers_qualifications_apps.sql"),
    include_str!("../../migrations/0003_failed_attempts.sql"),
    include_str!("../../migrations/0004_idempotency_keys.sql"),
    include_str!("../../migrations/0005_fingerprints_clients.sql"),
    include_str!("../../migrations/0006_host_accounts.sql"),
    include_str!("../../migrations/0007_qualification_locale.sql"),
    include_str!("../../migrations/0008_app_lists.sql"),
    include_str!("../../migrations/0009_secret_usage.sql"),
    include_str!("../../migrations/0010_email_verification.sql"),
    include_str!("../../migrations/0011_go_live.sql"),
    include_str!("../../migrations/0012_permission_groups.sql"),
    include_str!("../../migrations/0013_secret_reminders.sql"),
];

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

pub(super) fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let applied: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(applied) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index + 1)?;
        tx.commit()?;
    }
    Ok(())
}
