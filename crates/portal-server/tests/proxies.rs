//! Behind the operator's load balancer (`--trusted-proxy`), password guesses are counted per
//! client as the balancer saw it, so one guesser does not slow every seller down; without
//! it, `X-Forwarded-For` is nobody's to set.

mod common;

use common::{temp_db, TestServer};
use portal_server::{seed::DEMO_SELLER, HttpOptions};

async fn sign_in(s: &TestServer, from: &str, password: &str) -> u16 {
    s.http
        .post(s.url("/session"))
        .header("X-Forwarded-For", from)
        .json(&serde_json::json!({"account": DEMO_SELLER.0, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Guesses from 203.0.113.7 until it must wait; then what 203.0.113.8 gets with the right
/// password.
async fn after_a_guesser(options: HttpOptions) -> u16 {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, options).await;
    let mut waited = false;
    for _ in 0..10 {
        match sign_in(&s, "203.0.113.7", "not-the-password").await {
            401 => {}
            429 => {
                waited = true;
                break;
            }
            other => panic!("a guess answered {other}"),
        }
    }
    assert!(waited, "the guesser was never made to wait");
    sign_in(&s, "203.0.113.8", DEMO_SELLER.1).await
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_is_counted_on_its_own() {
    let options = HttpOptions {
        trusted_proxies: vec!["127.0.0.1".into()],
        ..Default::default()
    };
    assert_eq!(after_a_guesser(options).await, 200);
}

#[tokio::test]
async fn without_one_the_forwarded_address_is_ignored() {
    assert_eq!(after_a_guesser(HttpOptions::default()).await, 429);
}
