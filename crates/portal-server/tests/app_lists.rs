//! An app's lists, callback URLs and the IP allow-list, over real HTTP and a real SQLite
//! file: the shared rules on the server, ownership, the audit, and the gateway's checks
//! (an exact redirect URI, a source inside the allow-list).

mod common;

use common::{field_codes, temp_db, TestServer};
use portal_server::{seed, HttpOptions};
use serde_json::{json, Value};

/// The app's AppSecret, revealed with the demo seller's password.
async fn secret_of(s: &TestServer, seller: &str, id: i64) -> String {
    let reveal = format!("/apps/{id}/secret/reveal");
    let password = json!({"password": seed::DEMO_SELLER.1});
    let (_, revealed) = s.call("POST", &reveal, Some(seller), Some(password)).await;
    revealed["app_secret"].as_str().unwrap().to_owned()
}

/// The gateway's check of `key` and `secret`, with `extra` fields (`redirect_uri`,
/// `source_ip`): whether valid, and the answer's field `told`.
async fn verify(s: &TestServer, key: &str, secret: &str, extra: Value, told: &str) -> (bool, Option<Value>) {
    let mut body = json!({"app_key": key, "app_secret": secret});
    if let (Value::Object(body), Value::Object(extra)) = (&mut body, extra) {
        body.extend(extra);
    }
    let (status, body) = s.call("POST", "/credentials/verify", None, Some(body)).await;
    assert_eq!(status, 200, "{body}");
    (body["valid"].as_bool().unwrap(), body.get(told).cloned())
}

/// The demo seller's audit log holds `action` on the app with `key`.
async fn assert_audited(s: &TestServer, action: &str, key: &str) {
    let account = s
        .store
        .account_by_name(seed::DEMO_SELLER.0)
        .await
        .unwrap()
        .unwrap();
    let audit = s.store.audit_entries(account.id).await.unwrap();
    assert!(audit.contains(&(action.to_owned(), key.to_owned())), "{audit:?}");
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(f, c)| (f.to_string(), c.to_string())).collect()
}

#[tokio::test]
async fn callback_urls_are_checked_stored_in_order_and_owned() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, HttpOptions::default()).await;
    let seller = s.sign_in_seller().await;
    let (id, key) = s.seller_with_app(&seller).await;
    let path = format!("/apps/{id}/callback-urls");
    let urls =
        json!({"callback_urls": ["https://shop.example.com/oauth/return", " http://localhost:3000/cb "]});

    // The shared rules: each URL, and the list.
    let (status, body) = s
        .call(
            "PUT",
            &path,
            Some(&seller),
            Some(json!({"callback_urls": ["https://ok.example.com/cb", "http://example.com/cb", "https://a.example.com/#x", "https://ok.example.com/cb"]})),
        )
        .await;
    assert_eq!(
        (status, field_codes(&body)),
        (
            422,
            pairs(&[
                ("callback_urls_1", "url_https"),
                ("callback_urls_2", "url_fragment"),
                ("callback_urls_3", "duplicate"),
            ])
        ),
        "{body}"
    );
    let six: Vec<String> = (0..6).map(|n| format!("https://example.com/{n}")).collect();
    let (status, body) = s
        .call("PUT", &path, Some(&seller), Some(json!({ "callback_urls": six })))
        .await;
    assert_eq!(
        (status, field_codes(&body)),
        (422, pairs(&[("callback_urls", "too_many")]))
    );
    assert_eq!(body["fields"][0]["params"]["max"], 5);

    // Stored trimmed, in order, shown in the console, audited; no review needed.
    let (status, body) = s.call("PUT", &path, Some(&seller), Some(urls)).await;
    assert_eq!(status, 200, "{body}");
    let want = json!([
        "https://shop.example.com/oauth/return",
        "http://localhost:3000/cb"
    ]);
    assert_eq!(body["callback_urls"], want);
    let (_, detail) = s.call("GET", &format!("/apps/{id}"), Some(&seller), None).await;
    assert_eq!(detail["callback_urls"], want);
    assert_audited(&s, "callback_urls.update", &key).await;

    // Only the app's owner, signed in as a seller.
    let (status, _) = s
        .call("PUT", &path, None, Some(json!({"callback_urls": []})))
        .await;
    assert_eq!(status, 401);
    let other = s.second_seller().await;
    let (status, _) = s
        .call("PUT", &path, Some(&other), Some(json!({"callback_urls": []})))
        .await;
    assert_eq!(status, 404);
    let reviewer = s.reviewer().await;
    let (status, _) = s
        .call("PUT", &path, Some(&reviewer), Some(json!({"callback_urls": []})))
        .await;
    assert_eq!(status, 403);
    let (status, _) = s
        .call(
            "PUT",
            "/apps/999999/callback-urls",
            Some(&seller),
            Some(json!({"callback_urls": []})),
        )
        .await;
    assert_eq!(status, 404);
    let (status, body) = s
        .call(
            "PUT",
            &path,
            Some(&seller),
            Some(json!({"callback_urls": "https://example.com"})),
        )
        .await;
    assert_eq!(status, 400, "not a list: {body}");

    // Emptied as a whole.
    let (status, body) = s
        .call("PUT", &path, Some(&seller), Some(json!({"callback_urls": []})))
        .await;
    assert_eq!((status, body["callback_urls"].clone()), (200, json!([])));
}

#[tokio::test]
async fn the_gateway_checks_a_redirect_uri_exactly_and_only_with_valid_credentials() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, HttpOptions::default()).await;
    let seller = s.sign_in_seller().await;
    let (id, key) = s.seller_with_app(&seller).await;
    let (status, _) = s
        .call(
            "PUT",
            &format!("/apps/{id}/callback-urls"),
            Some(&seller),
            Some(json!({"callback_urls": ["https://shop.example.com/oauth/return?from=portal"]})),
        )
        .await;
    assert_eq!(status, 200);
    let secret = secret_of(&s, &seller, id).await;
    let verify = |secret: String, redirect: Option<&str>| {
        let extra = redirect.map_or(json!({}), |uri| json!({ "redirect_uri": uri }));
        let (s, key) = (&s, &key);
        async move { verify(s, key, &secret, extra, "redirect_uri_allowed").await }
    };
    let exact = "https://shop.example.com/oauth/return?from=portal";
    assert_eq!(
        verify(secret.clone(), Some(exact)).await,
        (true, Some(json!(true)))
    );
    for near in [
        "https://shop.example.com/oauth/return",
        "https://shop.example.com/oauth/return?from=portal&x=1",
        "https://SHOP.example.com/oauth/return?from=portal",
        "https://shop.example.com/oauth/return/?from=portal",
        "https://evil.example/?u=https://shop.example.com/oauth/return?from=portal",
    ] {
        assert_eq!(
            verify(secret.clone(), Some(near)).await,
            (true, Some(json!(false))),
            "{near}"
        );
    }
    // Without a redirect URI the answer is as before; with wrong credentials nothing is told.
    assert_eq!(verify(secret.clone(), None).await, (true, None));
    assert_eq!(
        verify("0".repeat(40), Some(exact)).await,
        (false, Some(json!(false)))
    );
}

#[tokio::test]
async fn an_allow_list_refuses_calls_from_elsewhere_and_says_why() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, HttpOptions::default()).await;
    let seller = s.sign_in_seller().await;
    let (id, key) = s.seller_with_app(&seller).await;
    let path = format!("/apps/{id}/allowed-sources");
    let (status, body) = s
        .call(
            "PUT",
            &path,
            Some(&seller),
            Some(json!({"allowed_sources": ["203.0.113.0/24", "198.51.100.7/24", "2001:db8::/32"]})),
        )
        .await;
    assert_eq!(
        (status, field_codes(&body)),
        (422, pairs(&[("allowed_sources_1", "cidr_host_bits")])),
        "{body}"
    );
    assert_eq!(body["fields"][0]["params"]["network"], "198.51.100.0/24");
    let (status, body) = s
        .call(
            "PUT",
            &path,
            Some(&seller),
            Some(json!({"allowed_sources": ["203.0.113.0/24", "2001:db8::/32"]})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["allowed_sources"],
        json!(["203.0.113.0/24", "2001:db8::/32"])
    );
    let other = s.second_seller().await;
    let (status, _) = s
        .call("PUT", &path, Some(&other), Some(json!({"allowed_sources": []})))
        .await;
    assert_eq!(status, 404);

    let secret = secret_of(&s, &seller, id).await;
    let verify = |secret: String, source: Option<&str>| {
        let extra = source.map_or(json!({}), |ip| json!({ "source_ip": ip }));
        let (s, key) = (&s, &key);
        async move { verify(s, key, &secret, extra, "refused").await }
    };
    let refused = Some(json!("source_not_allowed"));
    assert_eq!(verify(secret.clone(), Some("203.0.113.99")).await, (true, None));
    assert_eq!(
        verify(secret.clone(), Some("::ffff:203.0.113.5")).await,
        (true, None)
    );
    assert_eq!(verify(secret.clone(), Some("2001:db8:1::1")).await, (true, None));
    assert_eq!(
        verify(secret.clone(), Some("192.0.2.1")).await,
        (false, refused.clone())
    );
    assert_eq!(
        verify(secret.clone(), Some("not an address")).await,
        (false, refused.clone())
    );
    assert_eq!(
        verify(secret.clone(), None).await,
        (false, refused),
        "no source given"
    );
    // Wrong credentials say nothing about the list.
    assert_eq!(verify("0".repeat(40), Some("192.0.2.1")).await, (false, None));
    // Emptied: any source again.
    let (status, _) = s
        .call("PUT", &path, Some(&seller), Some(json!({"allowed_sources": []})))
        .await;
    assert_eq!(status, 200);
    assert_eq!(verify(secret, Some("192.0.2.1")).await, (true, None));
    assert_audited(&s, "allowed_sources.update", &key).await;
}
