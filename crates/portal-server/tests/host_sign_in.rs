//! Host sign-in: the embedding seller portal's EdDSA-signed token opens a portal session for
//! its seller; every kind of bad token is refused with 401 in the error shape.

mod common;

use common::{temp_db, TestServer, START};
use jsonwebtoken::{encode, EncodingKey, Header};
use portal_server::{host_token::HostTokens, HttpOptions, Settings};
use serde_json::{json, Value};

const PUBLIC: &[u8] = include_bytes!("keys/host-test-public.pem");
const PRIVATE: &[u8] = include_bytes!("keys/host-test-private.pem");
const OTHER_PRIVATE: &[u8] = include_bytes!("keys/other-private.pem");

async fn server(issuer: Option<&str>) -> (tempfile::TempDir, TestServer) {
    let (dir, db) = temp_db();
    let settings = Settings {
        host_tokens: Some(HostTokens::from_pem(PUBLIC, "developer-portal", issuer.map(Into::into)).unwrap()),
        ..Settings::default()
    };
    let s = TestServer::start_with(
        db,
        HttpOptions::default(),
        portal_server::mailer::Mailer::Outbox,
        settings,
    )
    .await;
    (dir, s)
}

fn signed(claims: Value, key: &[u8]) -> String {
    let key = EncodingKey::from_ed_pem(key).unwrap();
    encode(&Header::new(jsonwebtoken::Algorithm::EdDSA), &claims, &key).unwrap()
}

fn claims(sub: &str) -> Value {
    json!({"sub": sub, "aud": "developer-portal", "iat": START, "exp": START + 300})
}

async fn exchange(s: &TestServer, token: &str) -> (u16, Value) {
    s.call("POST", "/session/host", None, Some(json!({ "token": token })))
        .await
}

#[tokio::test]
async fn a_valid_token_opens_a_session_of_the_hosts_seller_created_once() {
    let (_dir, s) = server(None).await;
    let (status, body) = exchange(&s, &signed(claims("shop-4711"), PRIVATE)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["account"], json!({"name": "shop-4711", "role": "seller"}));
    let token = body["token"].as_str().unwrap().to_owned();
    let (status, me) = s.call("GET", "/me", Some(&token), None).await;
    assert_eq!((status, me["account"]["name"].as_str()), (200, Some("shop-4711")));

    // The same seller again: the same account, not a second one.
    let (status, _) = exchange(&s, &signed(claims("shop-4711"), PRIVATE)).await;
    assert_eq!(status, 200);
    let first = s.store.account_by_name("shop-4711").await.unwrap().unwrap();
    assert!(first.from_host);
    assert_eq!(
        s.store.count_accounts().await.unwrap(),
        3,
        "two demo accounts and one host seller"
    );

    // Such an account has no password here.
    let (status, body) = s
        .call(
            "POST",
            "/session",
            None,
            Some(json!({"account": "shop-4711", "password": "anything"})),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (401, Some("invalid_credentials"))
    );

    // Disabled by an operator, its host's valid tokens open nothing until it is enabled.
    s.store.set_disabled(first.id, Some(START)).await.unwrap();
    let (status, _) = s.call("GET", "/me", Some(&token), None).await;
    assert_eq!(status, 401, "its sessions ended");
    let (status, body) = exchange(&s, &signed(claims("shop-4711"), PRIVATE)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("account_disabled")),
        "{body}"
    );
    s.store.set_disabled(first.id, None).await.unwrap();
    assert_eq!(exchange(&s, &signed(claims("shop-4711"), PRIVATE)).await.0, 200);
}

#[tokio::test]
async fn bad_tokens_are_refused_with_401() {
    let (_dir, s) = server(None).await;
    let with = |change: Value| {
        let mut c = claims("shop-4711");
        for (k, v) in change.as_object().unwrap() {
            c[k] = v.clone();
        }
        c
    };
    let hs256_with_public_key = encode(
        &Header::new(jsonwebtoken::Algorithm::HS256),
        &claims("shop-4711"),
        &EncodingKey::from_secret(PUBLIC),
    )
    .unwrap();
    // {"alg":"none","typ":"JWT"} . {"sub":"shop-4711","aud":"developer-portal","iat":START,"exp":START+300} . no signature
    let unsigned = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.\
                    eyJzdWIiOiJzaG9wLTQ3MTEiLCJhdWQiOiJkZXZlbG9wZXItcG9ydGFsIiwiaWF0IjoxNzkwMDAwMDAwLCJleHAiOjE3OTAwMDAzMDB9."
        .to_owned();
    let cases = [
        (
            "expired",
            signed(with(json!({"iat": START - 900, "exp": START - 60})), PRIVATE),
        ),
        (
            "an hour long",
            signed(with(json!({"exp": START + 3600})), PRIVATE),
        ),
        (
            "issued in the future",
            signed(with(json!({"iat": START + 300, "exp": START + 500})), PRIVATE),
        ),
        (
            "another audience",
            signed(with(json!({"aud": "someone-else"})), PRIVATE),
        ),
        (
            "no audience",
            signed(
                json!({"sub": "shop-4711", "iat": START, "exp": START + 300}),
                PRIVATE,
            ),
        ),
        (
            "no expiry",
            signed(
                json!({"sub": "shop-4711", "aud": "developer-portal", "iat": START}),
                PRIVATE,
            ),
        ),
        ("another key", signed(claims("shop-4711"), OTHER_PRIVATE)),
        ("HS256 keyed with the public key", hs256_with_public_key),
        ("alg none", unsigned),
        ("not a token", "not.a.token".to_owned()),
        (
            "a name the portal refuses",
            signed(claims("shop\u{202e}4711"), PRIVATE),
        ),
    ];
    for (case, token) in cases {
        let (status, body) = exchange(&s, &token).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("invalid_host_token")),
            "{case}: {body}"
        );
    }
    assert!(s.store.account_by_name("shop-4711").await.unwrap().is_none());
}

#[tokio::test]
async fn a_host_never_takes_over_a_password_account() {
    let (_dir, s) = server(None).await;
    let (status, body) = exchange(&s, &signed(claims("Demo-Seller"), PRIVATE)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("account_not_hosted")),
        "{body}"
    );
}

#[tokio::test]
async fn a_configured_issuer_is_required() {
    let (_dir, s) = server(Some("https://seller.example.com")).await;
    let (status, _) = exchange(&s, &signed(claims("shop-1"), PRIVATE)).await;
    assert_eq!(status, 401, "no iss");
    let mut wrong = claims("shop-1");
    wrong["iss"] = json!("https://elsewhere.example");
    assert_eq!(exchange(&s, &signed(wrong, PRIVATE)).await.0, 401);
    let mut right = claims("shop-1");
    right["iss"] = json!("https://seller.example.com");
    assert_eq!(exchange(&s, &signed(right, PRIVATE)).await.0, 200);
}

#[tokio::test]
async fn without_a_host_key_host_sign_in_does_not_exist() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, HttpOptions::default()).await;
    let (status, body) = exchange(&s, &signed(claims("shop-1"), PRIVATE)).await;
    assert_eq!((status, body["code"].as_str()), (404, Some("not_found")));
    let (status, body) = s
        .call("POST", "/session/host", None, Some(json!({"tok": 1})))
        .await;
    assert_eq!((status, body["code"].as_str()), (400, Some("malformed_body")));
}

#[tokio::test]
async fn a_host_seller_steps_up_with_a_fresh_token_from_its_host_not_a_password() {
    let (_dir, s) = server(None).await;
    let (_, body) = exchange(&s, &signed(claims("shop-4711"), PRIVATE)).await;
    let token = body["token"].as_str().unwrap().to_owned();
    let (app_id, _) = s.seller_with_app(&token).await;
    let reveal = format!("/apps/{app_id}/secret/reveal");

    let (status, body) = s
        .call(
            "POST",
            &reveal,
            Some(&token),
            Some(json!({"host_token": signed(claims("shop-4711"), PRIVATE)})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["app_secret"].as_str().unwrap().len(), 40);

    // No password stands in for the host, and no token for another seller or key does.
    for attempt in [
        json!({"password": "anything"}),
        json!({"host_token": signed(claims("shop-9999"), PRIVATE)}),
        json!({"host_token": signed(claims("shop-4711"), OTHER_PRIVATE)}),
        json!({"host_token": signed(json!({"sub": "shop-4711", "aud": "developer-portal", "iat": START - 900, "exp": START - 60}), PRIVATE)}),
    ] {
        let (status, body) = s.call("POST", &reveal, Some(&token), Some(attempt.clone())).await;
        assert_eq!(
            (status, body["fields"][0]["code"].as_str()),
            (422, Some("incorrect_password")),
            "{attempt}: {body}"
        );
    }

    // And a password account's step-up takes its password, never a host token.
    let seller = s.sign_in_seller().await;
    let (own_app, _) = s.seller_with_app(&seller).await;
    let (status, _) = s
        .call(
            "POST",
            &format!("/apps/{own_app}/secret/reveal"),
            Some(&seller),
            Some(json!({"host_token": signed(claims("demo-seller"), PRIVATE)})),
        )
        .await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn a_reset_retried_after_a_lost_answer_with_a_fresh_host_token_gets_the_same_secret() {
    let (_dir, s) = server(None).await;
    let (_, body) = exchange(&s, &signed(claims("shop-4711"), PRIVATE)).await;
    let token = body["token"].as_str().unwrap().to_owned();
    let (app_id, _) = s.seller_with_app(&token).await;
    let reset = format!("/apps/{app_id}/secret/reset");
    let fresh = |iat: i64| {
        signed(
            json!({"sub": "shop-4711", "aud": "developer-portal", "iat": iat, "exp": iat + 300}),
            PRIVATE,
        )
    };

    let first = s
        .keyed(
            "POST",
            &reset,
            &token,
            "k-host-reset",
            json!({"host_token": fresh(START)}),
        )
        .await;
    assert_eq!(first.status, 200, "{}", first.body);
    // The answer was lost; the app asks its host for a new token and sends the same key.
    let retry = s
        .keyed(
            "POST",
            &reset,
            &token,
            "k-host-reset",
            json!({"host_token": fresh(START - 5)}),
        )
        .await;
    assert_eq!(retry.status, 200, "{}", retry.body);
    assert_eq!(retry.headers["idempotent-replayed"], "true");
    assert_eq!(
        retry.body["app_secret"], first.body["app_secret"],
        "one reset, not two"
    );
    // A retry whose new credential fails is still refused.
    let forged = s
        .keyed(
            "POST",
            &reset,
            &token,
            "k-host-reset",
            json!({"host_token": signed(claims("shop-4711"), OTHER_PRIVATE)}),
        )
        .await;
    assert_eq!(forged.status, 422, "{}", forged.body);
    assert!(forged.body.get("app_secret").is_none());
}
