//! From test to online over real HTTP and a real SQLite file: the developer's request with
//! the shared rules, owner-only; the reviewers' list and decision, reviewer-only; the test
//! limits in the gateway's check and lifted once online; every step in the app's audit log.

mod common;

use common::{field_codes, temp_db, TestServer};
use portal_server::{mailer::Mailer, seed, HttpOptions, Settings};
use serde_json::{json, Value};

fn request() -> Value {
    json!({"production_use": "Syncs orders and stock for 300 sellers.", "expected_daily_calls": " 20000 "})
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(f, c)| (f.to_string(), c.to_string())).collect()
}

async fn key_check(s: &TestServer, key: &str, secret: &str) -> Value {
    let body = json!({"app_key": key, "app_secret": secret});
    let (status, body) = s.call("POST", "/credentials/verify", None, Some(body)).await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn an_app_goes_online_when_a_reviewer_approves_its_request() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, HttpOptions::default()).await;
    let seller = s.sign_in_seller().await;
    let (id, key) = s.seller_with_app(&seller).await;
    let path = format!("/apps/{id}/go-live");

    // The shared rules, beside each answer.
    let (status, body) = s.call("POST", &path, Some(&seller), Some(json!({}))).await;
    assert_eq!(status, 400, "{body}");
    let empty = json!({"production_use": " ", "expected_daily_calls": ""});
    let (status, body) = s.call("POST", &path, Some(&seller), Some(empty)).await;
    assert_eq!(
        (status, field_codes(&body)),
        (
            422,
            pairs(&[
                ("production_use", "required"),
                ("expected_daily_calls", "required")
            ])
        )
    );
    for (calls, code) in [
        ("lots", "not_a_number"),
        ("0", "out_of_range"),
        ("100000001", "out_of_range"),
    ] {
        let body = json!({"production_use": "Orders.", "expected_daily_calls": calls});
        let (status, body) = s.call("POST", &path, Some(&seller), Some(body)).await;
        assert_eq!(
            (status, field_codes(&body)),
            (422, pairs(&[("expected_daily_calls", code)]))
        );
    }

    // Only its developer asks.
    let (status, _) = s.call("POST", &path, None, Some(request())).await;
    assert_eq!(status, 401);
    let other = s.second_seller().await;
    let (status, _) = s.call("POST", &path, Some(&other), Some(request())).await;
    assert_eq!(status, 404);
    let reviewer = s.reviewer().await;
    let (status, _) = s.call("POST", &path, Some(&reviewer), Some(request())).await;
    assert_eq!(status, 403);

    let (status, detail) = s.call("POST", &path, Some(&seller), Some(request())).await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["app"]["status"], "test");
    assert_eq!(detail["go_live"]["status"], "pending");
    assert_eq!(detail["go_live"]["expected_daily_calls"], 20000);
    let (status, body) = s.call("POST", &path, Some(&seller), Some(request())).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("go_live_pending")));

    // Reviewers only: the list, the request, the decision.
    let (status, _) = s.call("GET", "/review/go-live", Some(&seller), None).await;
    assert_eq!(status, 403);
    let (_, queue) = s.call("GET", "/review/go-live", Some(&reviewer), None).await;
    assert_eq!(queue[0]["app_id"], id);
    assert_eq!(queue[0]["status"], "pending");
    assert_eq!(queue[0]["account"], seed::DEMO_SELLER.0);
    let item = format!("/review/go-live/{id}");
    let (status, review) = s.call("GET", &item, Some(&reviewer), None).await;
    assert_eq!(status, 200);
    assert_eq!(
        review["request"]["production_use"],
        "Syncs orders and stock for 300 sellers."
    );
    assert_eq!(review["developer"]["email"], "dev@example.com");
    let (status, _) = s.call("GET", "/review/go-live/999", Some(&reviewer), None).await;
    assert_eq!(status, 404);

    // Rejected with a reason (required); the developer sees it and asks again.
    let decision = format!("{item}/decision");
    let (status, body) = s
        .call(
            "POST",
            &decision,
            Some(&reviewer),
            Some(json!({"decision": "reject"})),
        )
        .await;
    assert_eq!(
        (status, field_codes(&body)),
        (422, pairs(&[("reason", "required")]))
    );
    let reject = json!({"decision": "reject", "reason": "Say which order APIs you call."});
    let (status, _) = s
        .call("POST", &decision, Some(&seller), Some(reject.clone()))
        .await;
    assert_eq!(status, 403);
    let (status, review) = s.call("POST", &decision, Some(&reviewer), Some(reject)).await;
    assert_eq!(status, 200, "{review}");
    assert_eq!(review["request"]["status"], "rejected");
    let (_, console) = s.call("GET", &format!("/apps/{id}"), Some(&seller), None).await;
    assert_eq!(console["go_live"]["reason"], "Say which order APIs you call.");
    assert_eq!(console["app"]["status"], "test");
    let (status, detail) = s.call("POST", &path, Some(&seller), Some(request())).await;
    assert_eq!(
        (status, detail["go_live"]["status"].as_str()),
        (200, Some("pending"))
    );
    assert_eq!(detail["go_live"]["reason"], Value::Null);

    // Approved: online, no limits; nothing more to ask or decide.
    let (status, review) = s
        .call(
            "POST",
            &decision,
            Some(&reviewer),
            Some(json!({"decision": "approve"})),
        )
        .await;
    assert_eq!(
        (status, review["request"]["status"].as_str()),
        (200, Some("approved"))
    );
    let (_, console) = s.call("GET", &format!("/apps/{id}"), Some(&seller), None).await;
    assert_eq!(console["app"]["status"], "online");
    assert_eq!(console["limits"], Value::Null);
    let (_, list) = s.call("GET", "/apps", Some(&seller), None).await;
    assert_eq!(list[0]["status"], "online");
    let (status, body) = s.call("POST", &path, Some(&seller), Some(request())).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("already_online")));
    let (status, body) = s
        .call(
            "POST",
            &decision,
            Some(&reviewer),
            Some(json!({"decision": "approve"})),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("already_decided")));

    // The app's log holds each step, the reviewer's by the reviewer.
    let (_, log) = s
        .call("GET", &format!("/apps/{id}/audit"), Some(&seller), None)
        .await;
    let steps: Vec<(String, String)> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_owned(),
                e["actor"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let (seller_name, reviewer_name) = (seed::DEMO_SELLER.0.to_owned(), seed::DEMO_REVIEWER.0.to_owned());
    assert_eq!(
        steps,
        [
            ("go_live.approved".to_owned(), reviewer_name.clone()),
            ("go_live.requested".to_owned(), seller_name.clone()),
            ("go_live.rejected".to_owned(), reviewer_name),
            ("go_live.requested".to_owned(), seller_name),
        ]
    );
    assert!(!key.is_empty());
}

#[tokio::test]
async fn an_app_in_test_stops_at_its_daily_calls_until_it_is_online() {
    let (_dir, db) = temp_db();
    let mut settings = Settings::default();
    settings.test_limits.daily_calls = 3;
    let s = TestServer::start_with(db, HttpOptions::default(), Mailer::Outbox, settings).await;
    let seller = s.sign_in_seller().await;
    let (id, key) = s.seller_with_app(&seller).await;
    let (_, console) = s.call("GET", &format!("/apps/{id}"), Some(&seller), None).await;
    assert_eq!(console["limits"]["daily_calls"], 3);
    let reveal = json!({"password": seed::DEMO_SELLER.1});
    let (_, shown) = s
        .call(
            "POST",
            &format!("/apps/{id}/secret/reveal"),
            Some(&seller),
            Some(reveal),
        )
        .await;
    let secret = shown["app_secret"].as_str().unwrap().to_owned();

    for _ in 0..3 {
        assert_eq!(key_check(&s, &key, &secret).await["valid"], true);
    }
    let refused = key_check(&s, &key, &secret).await;
    assert_eq!(
        (refused["valid"].clone(), refused["refused"].clone()),
        (json!(false), json!("daily_limit_reached"))
    );
    let (_, console) = s.call("GET", &format!("/apps/{id}"), Some(&seller), None).await;
    assert_eq!(
        console["calls_per_day"][13]["calls"], 3,
        "refused checks are not calls"
    );

    // The next day (UTC) counts afresh.
    s.clock.advance(24 * 3600);
    assert_eq!(key_check(&s, &key, &secret).await["valid"], true);

    // Online: no limit.
    let seller = s.sign_in_seller().await;
    s.call(
        "POST",
        &format!("/apps/{id}/go-live"),
        Some(&seller),
        Some(request()),
    )
    .await;
    let reviewer = s.reviewer().await;
    let (status, _) = s
        .call(
            "POST",
            &format!("/review/go-live/{id}/decision"),
            Some(&reviewer),
            Some(json!({"decision": "approve"})),
        )
        .await;
    assert_eq!(status, 200);
    for _ in 0..5 {
        assert_eq!(key_check(&s, &key, &secret).await["valid"], true);
    }
}
