//! Secret rotation as the console offers it, over real HTTP and a real SQLite file: the
//! grace period chosen at reset, revoking the replaced secret, last use and calls per day as
//! the gateway's checks count them, the audit log page by page, and the security e-mails.

mod common;

use common::{client_from, field_codes, temp_db, TestServer, START};
use portal_server::{clock::rfc3339, seed, HttpOptions};
use serde_json::{json, Value};

const HOUR: i64 = 3600;

fn password() -> Value {
    json!({"password": seed::DEMO_SELLER.1})
}

/// Resets the app's secret keeping the old one for `hours`; the answer.
async fn reset(s: &TestServer, seller: &str, id: i64, hours: Value) -> (u16, Value) {
    let body = json!({"password": seed::DEMO_SELLER.1, "old_secret_hours": hours});
    s.call(
        "POST",
        &format!("/apps/{id}/secret/reset"),
        Some(seller),
        Some(body),
    )
    .await
}

async fn reveal(s: &TestServer, seller: &str, id: i64) -> String {
    let (status, body) = s
        .call(
            "POST",
            &format!("/apps/{id}/secret/reveal"),
            Some(seller),
            Some(password()),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    body["app_secret"].as_str().unwrap().to_owned()
}

async fn valid(s: &TestServer, key: &str, secret: &str) -> bool {
    let body = json!({"app_key": key, "app_secret": secret});
    let (status, body) = s.call("POST", "/credentials/verify", None, Some(body)).await;
    assert_eq!(status, 200, "{body}");
    body["valid"].as_bool().unwrap()
}

async fn console(s: &TestServer, seller: &str, id: i64) -> Value {
    let (status, body) = s.call("GET", &format!("/apps/{id}"), Some(seller), None).await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn the_old_secret_works_for_the_hours_chosen_at_reset() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, HttpOptions::default()).await;
    let seller = s.sign_in_seller().await;
    let (id, key) = s.seller_with_app(&seller).await;
    let first = reveal(&s, &seller, id).await;

    // Stop it now: the old secret fails at once and no previous secret is shown.
    let (status, answer) = reset(&s, &seller, id, json!(0)).await;
    assert_eq!(status, 200, "{answer}");
    let second = answer["app_secret"].as_str().unwrap().to_owned();
    assert_eq!(answer["secrets"]["previous"], Value::Null);
    assert!(!valid(&s, &key, &first).await);
    assert!(valid(&s, &key, &second).await);

    // Three days: both work until then, to the second.
    let (status, answer) = reset(&s, &seller, id, json!(72)).await;
    assert_eq!(status, 200, "{answer}");
    let third = answer["app_secret"].as_str().unwrap().to_owned();
    let until = rfc3339(START + 72 * HOUR);
    assert_eq!(answer["secrets"]["previous"]["expires_at"], until.as_str());
    assert_eq!(answer["secrets"]["current"]["issued_at"], rfc3339(START).as_str());
    assert_eq!(console(&s, &seller, id).await["secrets"], answer["secrets"]);
    s.clock.advance(72 * HOUR - 1);
    assert!(valid(&s, &key, &second).await && valid(&s, &key, &third).await);
    s.clock.advance(1);
    assert!(!valid(&s, &key, &second).await);
    assert!(valid(&s, &key, &third).await);
    // Sessions end when idle for so long; the developer signs in again.
    let seller = s.sign_in_seller().await;
    assert_eq!(console(&s, &seller, id).await["secrets"]["previous"], Value::Null);

    // Only the offered periods; a hostile value is a field error or a 400, never a 500.
    for hours in [json!(2), json!(48), json!(4_294_967_295u64)] {
        let (status, body) = reset(&s, &seller, id, hours).await;
        assert_eq!(
            (status, field_codes(&body)),
            (
                422,
                vec![("old_secret_hours".to_owned(), "not_a_choice".to_owned())]
            ),
            "{body}"
        );
    }
    for hours in [json!(-1), json!("24"), json!(1.5), json!(1u64 << 40)] {
        let (status, body) = reset(&s, &seller, id, hours).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (400, Some("malformed_body")),
            "{body}"
        );
    }
    assert!(valid(&s, &key, &third).await, "refused resets changed nothing");
}

#[tokio::test]
async fn the_replaced_secret_can_be_revoked_before_its_time() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, HttpOptions::default()).await;
    let seller = s.sign_in_seller().await;
    let (id, key) = s.seller_with_app(&seller).await;
    let old = reveal(&s, &seller, id).await;
    let path = format!("/apps/{id}/secret/revoke-previous");

    // Nothing to revoke yet.
    let (status, body) = s.call("POST", &path, Some(&seller), Some(password())).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("no_previous_secret")),
        "{body}"
    );

    let (_, answer) = reset(&s, &seller, id, json!(168)).await;
    let new = answer["app_secret"].as_str().unwrap().to_owned();
    assert!(valid(&s, &key, &old).await);

    // Who may: not without a session, not another seller, not with a wrong password.
    let (status, _) = s.call("POST", &path, None, Some(password())).await;
    assert_eq!(status, 401);
    let other = s.second_seller().await;
    let (status, _) = s.call("POST", &path, Some(&other), Some(password())).await;
    assert_eq!(status, 404);
    let (status, body) = s
        .call("POST", &path, Some(&seller), Some(json!({"password": "not-it"})))
        .await;
    assert_eq!(
        (status, field_codes(&body)),
        (
            422,
            vec![("password".to_owned(), "incorrect_password".to_owned())]
        )
    );
    assert!(valid(&s, &key, &old).await, "refusals revoke nothing");

    let (status, detail) = s.call("POST", &path, Some(&seller), Some(password())).await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["secrets"]["previous"], Value::Null);
    assert!(!valid(&s, &key, &old).await);
    assert!(valid(&s, &key, &new).await);
    let (status, body) = s.call("POST", &path, Some(&seller), Some(password())).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("no_previous_secret")));
}

#[tokio::test]
async fn the_gateways_successful_checks_are_counted_per_secret_and_day() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, HttpOptions::default()).await;
    let seller = s.sign_in_seller().await;
    let (id, key) = s.seller_with_app(&seller).await;
    let old = reveal(&s, &seller, id).await;

    let before = console(&s, &seller, id).await;
    assert_eq!(before["secrets"]["current"]["last_used_at"], Value::Null);
    let days = before["calls_per_day"].as_array().unwrap();
    assert_eq!(days.len(), 14);
    assert!(days.iter().all(|d| d["calls"] == 0), "{days:?}");
    assert_eq!(days[13]["day"], &rfc3339(START)[..10]);

    // Three calls on the first day, a wrong secret that does not count.
    for _ in 0..3 {
        assert!(valid(&s, &key, &old).await);
    }
    assert!(!valid(&s, &key, "0".repeat(40).as_str()).await);
    s.clock.advance(24 * HOUR);
    let seller = s.sign_in_seller().await;
    let (_, answer) = reset(&s, &seller, id, json!(24)).await;
    let new = answer["app_secret"].as_str().unwrap().to_owned();
    assert_eq!(
        answer["secrets"]["current"]["last_used_at"],
        Value::Null,
        "a new secret is unused"
    );
    assert_eq!(
        answer["secrets"]["previous"]["last_used_at"],
        rfc3339(START).as_str()
    );
    // The next day: the old secret once, the new one twice, an hour apart.
    s.clock.advance(HOUR);
    assert!(valid(&s, &key, &old).await);
    s.clock.advance(HOUR);
    assert!(valid(&s, &key, &new).await && valid(&s, &key, &new).await);

    let seller = s.sign_in_seller().await;
    let after = console(&s, &seller, id).await;
    let secrets = &after["secrets"];
    assert_eq!(
        secrets["current"]["last_used_at"],
        rfc3339(START + 26 * HOUR).as_str()
    );
    assert_eq!(
        secrets["previous"]["last_used_at"],
        rfc3339(START + 25 * HOUR).as_str()
    );
    let calls: Vec<i64> = after["calls_per_day"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["calls"].as_i64().unwrap())
        .collect();
    assert_eq!(&calls[11..], &[0, 3, 3], "{after}");
    assert_eq!(
        after["calls_per_day"][13]["day"],
        &rfc3339(START + 24 * HOUR)[..10]
    );

    // Refused by the allow-list: the right secret from the wrong place is not a call.
    let (status, _) = s
        .call(
            "PUT",
            &format!("/apps/{id}/allowed-sources"),
            Some(&seller),
            Some(json!({"allowed_sources": ["203.0.113.0/24"]})),
        )
        .await;
    assert_eq!(status, 200);
    assert!(!valid(&s, &key, &new).await);
    let calls = console(&s, &seller, id).await["calls_per_day"][13]["calls"].clone();
    assert_eq!(calls, 3);

    // Two weeks on, the first day has left the chart.
    s.clock.advance(13 * 24 * HOUR);
    let seller = s.sign_in_seller().await;
    let late = console(&s, &seller, id).await;
    assert_eq!(late["calls_per_day"][0]["calls"], 3, "{late}");
    assert_eq!(late["calls_per_day"][0]["day"], &rfc3339(START + 24 * HOUR)[..10]);
}

#[tokio::test]
async fn the_audit_log_pages_newest_first_with_who_and_where() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, HttpOptions::default()).await;
    let seller = s.sign_in_seller().await;
    let (id, key) = s.seller_with_app(&seller).await;
    let path = format!("/apps/{id}/audit");

    let (status, empty) = s.call("GET", &path, Some(&seller), None).await;
    assert_eq!(
        (status, empty["entries"].clone(), empty["older"].clone()),
        (200, json!([]), Value::Null)
    );

    // From a known address: 127.0.0.7 is this machine too.
    let from = client_from("127.0.0.7");
    let res = from
        .post(s.url(&format!("/apps/{id}/secret/reveal")))
        .bearer_auth(&seller)
        .json(&password())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    s.clock.advance(60);
    reset(&s, &seller, id, json!(1)).await;
    for n in 0..22 {
        let urls = json!({"callback_urls": [format!("https://example.com/{n}")]});
        let (status, _) = s
            .call(
                "PUT",
                &format!("/apps/{id}/callback-urls"),
                Some(&seller),
                Some(urls),
            )
            .await;
        assert_eq!(status, 200);
    }

    let (status, page) = s.call("GET", &path, Some(&seller), None).await;
    assert_eq!(status, 200, "{page}");
    let entries = page["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 20);
    assert!(entries.iter().all(|e| e["action"] == "callback_urls.update"));
    assert_eq!(entries[0]["actor"], seed::DEMO_SELLER.0);
    let older = page["older"].as_i64().expect("an older page");
    let (_, second) = s
        .call("GET", &format!("{path}?before={older}"), Some(&seller), None)
        .await;
    let actions: Vec<&str> = second["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "callback_urls.update",
            "callback_urls.update",
            "secret.reset",
            "secret.reveal"
        ]
    );
    assert_eq!(second["older"], Value::Null);
    let reveal = &second["entries"][3];
    assert_eq!(reveal["address"], "127.0.0.7");
    assert_eq!(reveal["at"], rfc3339(START).as_str());
    assert_eq!(second["entries"][2]["at"], rfc3339(START + 60).as_str());
    assert!(!second.to_string().contains(&key), "the log names no credential");

    // Only the owner; a cursor that is not a number is a 400.
    let (status, _) = s.call("GET", &path, None, None).await;
    assert_eq!(status, 401);
    let other = s.second_seller().await;
    let (status, _) = s.call("GET", &path, Some(&other), None).await;
    assert_eq!(status, 404);
    for query in ["?before=abc", "?before=1e9", "?before=99999999999999999999"] {
        let (status, body) = s
            .call("GET", &format!("{path}{query}"), Some(&seller), None)
            .await;
        assert_eq!(status, 400, "{query}: {body}");
    }
}

#[tokio::test]
async fn security_changes_are_emailed_to_the_developer_in_their_language() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, HttpOptions::default()).await;
    let seller = s.sign_in_seller().await;
    let id = s.submitted_in(&seller, "es").await;
    let reviewer = s.reviewer().await;
    let decision = json!({"decision": "approve"});
    let (status, _) = s
        .call(
            "POST",
            &format!("/review/applications/{id}/decision"),
            Some(&reviewer),
            Some(decision),
        )
        .await;
    assert_eq!(status, 200);
    let (status, app) = s
        .call("POST", "/apps", Some(&seller), Some(json!({"name": "Tienda"})))
        .await;
    assert_eq!(status, 201, "{app}");
    let app_id = app["app"]["id"].as_i64().unwrap();
    let mails_before = s.store.outbox().await.unwrap().len();

    reveal(&s, &seller, app_id).await;
    let urls = json!({"callback_urls": ["https://tienda.example.com/cb"]});
    s.call(
        "PUT",
        &format!("/apps/{app_id}/callback-urls"),
        Some(&seller),
        Some(urls),
    )
    .await;
    assert_eq!(
        s.store.outbox().await.unwrap().len(),
        mails_before,
        "not security notices"
    );

    reset(&s, &seller, app_id, json!(24)).await;
    s.call(
        "POST",
        &format!("/apps/{app_id}/secret/revoke-previous"),
        Some(&seller),
        Some(password()),
    )
    .await;
    let sources = json!({"allowed_sources": ["198.51.100.7"]});
    s.call(
        "PUT",
        &format!("/apps/{app_id}/allowed-sources"),
        Some(&seller),
        Some(sources),
    )
    .await;

    let mails = s.store.outbox().await.unwrap();
    let notices = &mails[mails_before..];
    let subjects: Vec<&str> = notices.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(
        subjects,
        [
            "Aviso de seguridad de tu aplicación Tienda: AppSecret restablecido",
            "Aviso de seguridad de tu aplicación Tienda: AppSecret anterior revocado",
            "Aviso de seguridad de tu aplicación Tienda: Lista de IP permitidas cambiada",
        ]
    );
    for mail in notices {
        assert_eq!(mail.recipient, "dev@example.com");
        assert!(
            mail.body.contains(&format!("http://portal.test/apps/{app_id}")),
            "{}",
            mail.body
        );
        assert!(mail.body.contains(&rfc3339(START)), "{}", mail.body);
        assert!(
            !mail.body.contains(app["app_key"].as_str().unwrap()),
            "no credential in mail"
        );
    }
}
