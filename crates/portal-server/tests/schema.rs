//! The two sets of migrations build the same schema: every table, column, type, NULL rule
//! and primary key that SQLite has after `migrations/sqlite/` PostgreSQL has after
//! `migrations/postgres/`, and nothing more (PostgreSQL's own `schema_version` aside).

mod common;

use portal_server::store::{Store, StoreOptions};
use std::collections::BTreeSet;

/// (table, column, type, nullable, in the primary key)
type Column = (String, String, &'static str, bool, bool);

/// The type as both databases mean it: a 64-bit integer, text or bytes.
fn kind(declared: &str) -> &'static str {
    match declared.to_ascii_lowercase().as_str() {
        "integer" | "bigint" => "integer",
        "text" => "text",
        "blob" | "bytea" => "bytes",
        other => panic!("a column type the schemas should not use: {other}"),
    }
}

async fn sqlite_columns(database: &str) -> BTreeSet<Column> {
    let rows: Vec<(String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT m.name, p.name, p.type, p.\"notnull\", p.pk FROM sqlite_master m
         JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(&common::pool_of(database).await)
    .await
    .unwrap();
    rows.into_iter()
        // A primary key is never NULL, whatever SQLite says of its rowid column.
        .map(|(t, c, ty, not_null, pk)| (t, c, kind(&ty), not_null == 0 && pk == 0, pk > 0))
        .collect()
}

async fn postgres_columns(database: &str) -> BTreeSet<Column> {
    let rows: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT c.table_name::text, c.column_name::text, c.data_type::text, c.is_nullable::text,
                (SELECT COUNT(*) FROM information_schema.table_constraints t
                 JOIN information_schema.key_column_usage k
                   ON k.constraint_name = t.constraint_name AND k.table_name = t.table_name
                 WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_name = c.table_name
                   AND k.column_name = c.column_name)
         FROM information_schema.columns c
         WHERE c.table_schema = 'public' AND c.table_name <> 'schema_version'",
    )
    .fetch_all(&common::pool_of(database).await)
    .await
    .unwrap();
    rows.into_iter()
        .map(|(t, c, ty, nullable, pk)| (t, c, kind(&ty), nullable == "YES", pk > 0))
        .collect()
}

#[tokio::test]
async fn sqlite_and_postgresql_migrations_build_the_same_schema() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("portal.sqlite3").to_string_lossy().into_owned();
    Store::connect(&sqlite, StoreOptions::default()).await.unwrap();
    let postgres = common::postgres_database(&dir.path().join("schema")).await;
    Store::connect(&postgres, StoreOptions::default()).await.unwrap();

    let (lite, pg) = (sqlite_columns(&sqlite).await, postgres_columns(&postgres).await);
    let only_sqlite: Vec<_> = lite.difference(&pg).collect();
    let only_postgres: Vec<_> = pg.difference(&lite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "only in SQLite: {only_sqlite:#?}\nonly in PostgreSQL: {only_postgres:#?}"
    );
    assert!(lite.len() > 80, "{} columns", lite.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_started_at_the_same_moment_on_an_empty_postgresql_both_come_up() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let database = common::postgres_database(&dir.path().join("replicas")).await;
    let key = dir.path().join("portal.key");
    std::fs::write(&key, [7u8; 32]).unwrap();
    let replicas: Vec<_> = (0..2)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_portal-server"))
                .env_remove("PORTAL_DIST")
                .args(["--database", &database, "--addr", "127.0.0.1:0"])
                .arg("--secret-key-file")
                .arg(&key)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut replica in replicas {
        let mut first = String::new();
        BufReader::new(replica.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let _ = replica.kill();
        let out = replica.wait_with_output().unwrap();
        assert!(
            first.contains("running at"),
            "a replica did not come up: {first}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Migrated once: a second run of any migration would have failed one of them.
    let store = Store::connect(&database, StoreOptions::default()).await.unwrap();
    assert!(store.ready().await.unwrap());
    assert_eq!(
        store.count_accounts().await.unwrap(),
        2,
        "the demo accounts, seeded once"
    );
}
