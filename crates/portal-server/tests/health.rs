//! What a load balancer and an operator meet first: `/healthz` (the process is up),
//! `/readyz` (the database answers with this build's schema), and a `--database` that cannot
//! be reached refused in words, its password left out.

mod common;

use common::{temp_db, TestServer};
use portal_server::{store::Engine, HttpOptions};

async fn get(s: &TestServer, path: &str) -> (u16, String) {
    let res = s.http.get(format!("{}{path}", s.base)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn ready_only_while_the_database_has_this_builds_schema() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db.clone(), HttpOptions::default()).await;
    assert_eq!(get(&s, "/healthz").await, (200, "ok\n".to_owned()));
    assert_eq!(get(&s, "/readyz").await, (200, "ready\n".to_owned()));

    // A newer build migrated the database meanwhile: this one is up but must not take traffic.
    let newer = match s.store.engine() {
        Engine::Sqlite => "PRAGMA user_version = 1000",
        Engine::Postgres => "UPDATE schema_version SET version = version + 1",
    };
    sqlx::query(newer).execute(&s.sql().await).await.unwrap();
    assert_eq!(get(&s, "/healthz").await.0, 200);
    let (status, body) = get(&s, "/readyz").await;
    assert_eq!(
        (status, body.as_str()),
        (503, "database schema is not this version's\n")
    );
}

#[test]
fn a_database_that_cannot_be_reached_is_named_without_its_password_and_no_file_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .current_dir(dir.path())
        .args([
            "--database",
            "postgres://portal:hunter2@127.0.0.1:1/portal",
            "--database-timeout-secs",
            "1",
            "confirm-email",
            "x",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("postgres://portal@127.0.0.1:1/portal: database") && !stderr.contains("hunter2"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
