//! The operator's maximum AppSecret age, on the injectable clock over real HTTP and SQLite:
//! the console shows when the secret in force stops; the developer is e-mailed once, 7 days
//! before, in their language; past it the gateway's check refuses the secret; a reset
//! issues one with a fresh age (and the aged one cannot live on through the grace period).

mod common;

use common::{temp_db, TestServer};
use portal_server::{clock::rfc3339, mailer::Mailer, maintenance, HttpOptions, Settings};
use serde_json::{json, Value};

const DAY: i64 = 24 * 3600;

async fn valid(s: &TestServer, key: &str, secret: &str) -> bool {
    let body = json!({"app_key": key, "app_secret": secret});
    let (status, answer) = s.call("POST", "/credentials/verify", None, Some(body)).await;
    assert_eq!(status, 200, "{answer}");
    answer["valid"] == true
}

async fn reminders(s: &TestServer) -> Vec<(String, String, String)> {
    s.store
        .outbox()
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.subject.contains("stops working"))
        .map(|m| (m.recipient, m.subject, m.body))
        .collect()
}

#[tokio::test]
async fn a_secret_past_the_maximum_age_stops_after_one_reminder() {
    let (_dir, db) = temp_db();
    let settings = Settings {
        max_secret_age_secs: Some(30 * DAY),
        ..Settings::default()
    };
    let s = TestServer::start_with(db, HttpOptions::default(), Mailer::Outbox, settings).await;
    let seller = s.sign_in_seller().await;
    let (id, key) = s.seller_with_app(&seller).await;
    let issued = s.state.clock.now();
    let secret = s.revealed_secret(&seller, id).await;
    let console = format!("/apps/{id}");
    let (_, detail) = s.call("GET", &console, Some(&seller), None).await;
    let stops = rfc3339(issued + 30 * DAY);
    assert_eq!(detail["secrets"]["current"]["expires_at"], stops.as_str());

    // Eight days before: nothing yet. Seven days before: one reminder, however often the
    // housekeeping runs.
    s.clock.advance(22 * DAY);
    maintenance::run_once(&s.state).await;
    assert!(reminders(&s).await.is_empty());
    s.clock.advance(DAY);
    maintenance::run_once(&s.state).await;
    maintenance::run_once(&s.state).await;
    let sent = reminders(&s).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    let (recipient, subject, body) = &sent[0];
    assert_eq!(recipient, "dev@example.com");
    assert_eq!(
        subject,
        &format!("The AppSecret of your app TOP.app_1 stops working on {stops}")
    );
    assert!(
        body.contains(&format!("http://portal.test/apps/{id}\n")),
        "{body}"
    );
    assert!(valid(&s, &key, &secret).await);

    // At its maximum age the gateway's check refuses it; the console says when it stopped.
    s.clock.advance(7 * DAY - 1);
    assert!(valid(&s, &key, &secret).await);
    s.clock.advance(1);
    assert!(!valid(&s, &key, &secret).await);
    // (A session lasts hours: the developer signs in again.)
    let seller = s.sign_in_seller().await;
    let (status, detail) = s.call("GET", &console, Some(&seller), None).await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["secrets"]["current"]["expires_at"], stops.as_str());

    // A reset issues a secret with a fresh age; the aged one gets no grace period.
    let reset = json!({"password": portal_server::seed::DEMO_SELLER.1, "old_secret_hours": 24});
    let (status, answer) = s
        .call(
            "POST",
            &format!("/apps/{id}/secret/reset"),
            Some(&seller),
            Some(reset),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    let fresh = answer["app_secret"].as_str().unwrap().to_owned();
    assert!(valid(&s, &key, &fresh).await);
    assert!(!valid(&s, &key, &secret).await);
    assert_eq!(answer["secrets"]["previous"], Value::Null);
    let now = s.state.clock.now();
    assert_eq!(
        answer["secrets"]["current"]["expires_at"],
        rfc3339(now + 30 * DAY).as_str()
    );
    // The new secret is reminded of in its own time, once.
    s.clock.advance(23 * DAY);
    maintenance::run_once(&s.state).await;
    maintenance::run_once(&s.state).await;
    assert_eq!(reminders(&s).await.len(), 2);
}

#[tokio::test]
async fn without_a_maximum_age_secrets_never_expire_and_nobody_is_reminded() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, HttpOptions::default()).await;
    let seller = s.sign_in_seller().await;
    let (id, key) = s.seller_with_app(&seller).await;
    let secret = s.revealed_secret(&seller, id).await;
    s.clock.advance(3650 * DAY);
    maintenance::run_once(&s.state).await;
    assert!(reminders(&s).await.is_empty());
    assert!(valid(&s, &key, &secret).await);
    let seller = s.sign_in_seller().await;
    let (_, detail) = s.call("GET", &format!("/apps/{id}"), Some(&seller), None).await;
    assert_eq!(detail["secrets"]["current"]["expires_at"], Value::Null);
}

#[test]
fn the_maximum_age_is_between_8_days_and_ten_years() {
    for (days, ok) in [
        ("7", false),
        ("8", true),
        ("3650", true),
        ("3651", false),
        ("x", false),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_portal-server"))
            .arg("--database")
            .arg(dir.path().join("db.sqlite3"))
            .args(["--max-secret-age-days", days, "confirm-email", "nobody"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        // A valid age gets as far as the command (which finds no such account).
        assert_eq!(stderr.contains("no account named nobody"), ok, "{days}: {stderr}");
    }
}
