//! The server's command line, run as a real process.

use portal_server::store::Store;
use std::process::Command;

#[tokio::test]
async fn publish_agreement_adds_a_version_that_every_account_must_accept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("portal.sqlite3");
    let body = dir.path().join("agreement-v2.txt");
    std::fs::write(&body, "Version two.\n\nIt adds a clause about webhooks.\n").unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .arg("--database")
        .arg(&db)
        .args(["publish-agreement", "--title", "API Use Agreement"])
        .arg("--body-file")
        .arg(&body)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // A new database is seeded with version 1 first, so this is version 2.
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "Published agreement version 2."
    );

    let store = Store::open(&db).unwrap();
    let current = store.current_agreement().await.unwrap().unwrap();
    assert_eq!(current.version, 2);
    assert!(current.body.starts_with("Version two.") && current.body.ends_with("webhooks."));
}

#[test]
fn serve_without_a_built_app_says_how_to_build_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .arg("--database")
        .arg(dir.path().join("db.sqlite3"))
        .arg("--dist")
        .arg(dir.path().join("no-dist"))
        .args(["--addr", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cargo xtask serve"));
}
