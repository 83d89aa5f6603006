//! The server's command line, run as a real process.

mod common;

use common::{temp_db, TestServer};
use portal_server::{
    seed::DEMO_SELLER,
    store::{Store, StoreOptions},
    HttpOptions,
};
use serde_json::json;
use std::process::Command;

/// `portal-server --database DB ARGS…` as an operator runs it: its exit and what it printed.
fn operator(db: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .arg("--database")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    let said = if out.status.success() {
        out.stdout
    } else {
        out.stderr
    };
    (
        out.status.success(),
        String::from_utf8_lossy(&said).trim().to_owned(),
    )
}

#[tokio::test]
async fn an_operator_disables_enables_and_resets_an_account_while_the_server_runs() {
    let (_dir, db) = temp_db();
    let server = TestServer::start(db, HttpOptions::default()).await;
    let db = server.database.clone();
    let sign_in = |password: &'static str| {
        let server = &server;
        async move {
            server
                .call(
                    "POST",
                    "/session",
                    None,
                    Some(json!({"account": DEMO_SELLER.0, "password": password})),
                )
                .await
        }
    };
    let token = server.sign_in_seller().await;
    let (app_id, app_key) = server.seller_with_app(&token).await;
    let app_secret = server.revealed_secret(&token, app_id).await;
    let gateway = || {
        let (server, body) = (&server, json!({"app_key": app_key, "app_secret": app_secret}));
        async move {
            let (status, answer) = server.call("POST", "/credentials/verify", None, Some(body)).await;
            assert_eq!(status, 200, "{answer}");
            answer["valid"].as_bool().unwrap()
        }
    };
    assert!(gateway().await);

    // Disabled: the session in use ends at once, and the account's apps stop working; the right password is told why it cannot
    // sign in, a wrong one learns nothing more than before.
    let (ok, said) = operator(&db, &["disable-account", DEMO_SELLER.0]);
    assert!(ok, "{said}");
    assert_eq!(said, "Disabled demo-seller; its sessions have ended.");
    let (status, body) = server.call("GET", "/me", Some(&token), None).await;
    assert_eq!(status, 401, "{body}");
    let (status, body) = sign_in(DEMO_SELLER.1).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("account_disabled")),
        "{body}"
    );
    let (status, body) = sign_in("not-the-password").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (401, Some("invalid_credentials")),
        "{body}"
    );

    assert!(!gateway().await, "a disabled account's AppKey still works");

    // Enabled again: it signs in, and its apps work, as before.
    assert_eq!(
        operator(&db, &["enable-account", DEMO_SELLER.0]),
        (true, "Enabled demo-seller.".into())
    );
    let token = server.sign_in_seller().await;
    assert!(gateway().await);

    // A new password: the old one and the sessions opened with it stop working.
    let (ok, said) = operator(
        &db,
        &[
            "reset-password",
            DEMO_SELLER.0,
            "--password",
            "a-brand-new-passphrase",
        ],
    );
    assert!(ok, "{said}");
    let (status, _) = server.call("GET", "/me", Some(&token), None).await;
    assert_eq!(status, 401);
    assert_eq!(sign_in(DEMO_SELLER.1).await.0, 401);
    assert_eq!(sign_in("a-brand-new-passphrase").await.0, 200);

    // Refused in words, changing nothing: no such account, a password the rules refuse.
    let (ok, said) = operator(&db, &["disable-account", "nobody"]);
    assert!(!ok && said.contains("no account named nobody"), "{said}");
    let too_long = "p".repeat(portal_core::rules::PASSWORD_MAX + 1);
    let (ok, said) = operator(&db, &["reset-password", DEMO_SELLER.0, "--password", &too_long]);
    assert!(!ok && said.contains("password: too_long"), "{said}");
    assert_eq!(sign_in("a-brand-new-passphrase").await.0, 200);
}

#[tokio::test]
async fn publish_agreement_adds_a_version_that_every_account_must_accept() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::database(&dir.path().join("portal.sqlite3")).await;
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

    let store = Store::connect(&db, StoreOptions::default()).await.unwrap();
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
    let db = common::database(&dir.path().join("portal.sqlite3")).await;
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

    let store = Store::connect(&db, StoreOptions::default()).await.unwrap();
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

#[test]
fn a_trusted_proxy_that_is_not_an_address_or_range_stops_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .arg("--database")
        .arg(dir.path().join("db.sqlite3"))
        .args([
            "--trusted-proxy",
            "127.0.0.1,10.0.0.0/33",
            "--addr",
            "127.0.0.1:0",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--trusted-proxy \"10.0.0.0/33\""), "{stderr}");
}

#[tokio::test]
async fn confirm_email_marks_addresses_confirmed_for_accounts_with_developer_information() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::database(&dir.path().join("portal.sqlite3")).await;
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

    let store = Store::connect(&db, StoreOptions::default()).await.unwrap();
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
    let store = Store::connect(&db, StoreOptions::default()).await.unwrap();
    assert!(store.email_verified_at(seller.id).await.unwrap().is_some());
}
