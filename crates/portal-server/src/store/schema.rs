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
    include_str!("../../migrations/0014_account_disabled.sql"),
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

/// Whether every migration this build knows has been applied.
pub(super) fn up_to_date(conn: &Connection) -> rusqlite::Result<bool> {
    let applied: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok(applied == MIGRATIONS.len())
}

/// Applies the migrations not applied yet, all in one transaction that takes the write lock
/// before it reads the version: a second process starting on the same file at the same
/// moment waits (the connection's busy timeout) and then finds nothing left to do, instead
/// of running the same migrations again.
pub(super) fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let applied: usize = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(applied) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index + 1)?;
    }
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Barrier};

    #[test]
    fn processes_starting_together_on_a_new_file_migrate_it_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("portal.sqlite3");
        let start = Arc::new(Barrier::new(4));
        let openers: Vec<_> = (0..4)
            .map(|_| {
                let (path, start) = (path.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    super::super::Store::open(&path).map(drop)
                })
            })
            .collect();
        for opener in openers {
            opener.join().unwrap().expect("every opener comes up");
        }
        let conn = Connection::open(&path).unwrap();
        let version: usize = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, MIGRATIONS.len());
    }
}
