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

#[tokio::test]
async fn create_account_makes_an_account_that_signs_in() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("portal.sqlite3");
    let create = |name: &str, role: &str| {
        Command::new(env!("CARGO_BIN_EXE_portal-server"))
            .arg("--database")
            .arg(&db)
            .args([
                "create-account",
                name,
                "--password",
                "a-long-password",
                "--role",
                role,
            ])
            .output()
            .unwrap()
    };
    let out = create("load-seller-1", "seller");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "Created seller account load-seller-1."
    );
    let again = create("LOAD-SELLER-1", "seller");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert!(!create("x", "admin").status.success());

    let store = Store::open(&db).unwrap();
    let account = store.account_by_name("load-seller-1").await.unwrap().unwrap();
    assert_eq!(account.role, portal_core::api::Role::Seller);
    assert!(
        portal_server::password::verify("a-long-password".into(), Some(account.password_hash))
            .await
            .unwrap()
    );
}

#[test]
fn a_host_token_key_that_is_not_an_ed25519_public_key_stops_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("host.pem");
    // The private key, given by mistake, is not what the server needs.
    std::fs::write(&key, include_bytes!("keys/host-test-private.pem")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .arg("--database")
        .arg(dir.path().join("db.sqlite3"))
        .arg("--host-token-key")
        .arg(&key)
        .args(["--addr", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--host-token-key") && stderr.contains("Ed25519 public key"),
        "{stderr}"
    );
}

#[tokio::test]
async fn confirm_email_marks_addresses_confirmed_for_accounts_with_developer_information() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("portal.sqlite3");
    let confirm = |names: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_portal-server"))
            .arg("--database")
            .arg(&db)
            .arg("confirm-email")
            .args(names)
            .output()
            .unwrap()
    };
    // The demo seller exists once the database is seeded, but has no address yet.
    let out = confirm(&["demo-seller"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no developer information"));
    assert!(String::from_utf8_lossy(&confirm(&["nobody"]).stderr).contains("no account named nobody"));

    let store = Store::open(&db).unwrap();
    let seller = store.account_by_name("demo-seller").await.unwrap().unwrap();
    let info = portal_core::api::DeveloperInfo {
        developer_name: "Example".into(),
        country: "CN".into(),
        email: "dev@example.com".into(),
        mobile: "+8613800138000".into(),
        website: String::new(),
    };
    store.save_developer(seller.id, &info, 1).await.unwrap();
    assert_eq!(store.email_verified_at(seller.id).await.unwrap(), None);
    drop(store);

    let out = confirm(&["demo-seller"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let store = Store::open(&db).unwrap();
    assert!(store.email_verified_at(seller.id).await.unwrap().is_some());
}
