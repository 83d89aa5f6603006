//! Developer information, licence uploads, qualification, review and apps over real
//! HTTP and a real SQLite file.

mod common;

use common::{developer_info, field_codes, png, qualification, temp_db, TestServer};
use portal_server::HttpOptions;
use serde_json::json;

async fn server() -> (tempfile::TempDir, TestServer) {
    let (dir, db) = temp_db();
    (dir, TestServer::start(db, HttpOptions::default()).await)
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(f, c)| (f.to_string(), c.to_string())).collect()
}

#[tokio::test]
async fn developer_information_is_validated_stored_and_gated() {
    let (_dir, s) = server().await;
    let token = s.sign_in_seller().await;
    assert_eq!(s.call("GET", "/developer", None, None).await.0, 401);
    assert_eq!(s.call("GET", "/developer", Some(&token), None).await.0, 404);

    let (status, body) = s
        .call("PUT", "/developer", Some(&token), Some(developer_info()))
        .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("agreement_required")));

    s.call(
        "POST",
        "/agreement/acceptance",
        Some(&token),
        Some(json!({"version": 1, "confirmed": true})),
    )
    .await;
    let bad = json!({"developer_name": "", "country": "XX", "email": "dev@", "mobile": "13800138000", "website": "nope"});
    let (status, body) = s.call("PUT", "/developer", Some(&token), Some(bad)).await;
    assert_eq!(status, 422);
    assert_eq!(
        field_codes(&body),
        pairs(&[
            ("developer_name", "required"),
            ("country", "country_unknown"),
            ("email", "email_format"),
            ("mobile", "mobile_format"),
            ("website", "url_format"),
        ])
    );

    let (status, saved) = s
        .call("PUT", "/developer", Some(&token), Some(developer_info()))
        .await;
    assert_eq!(status, 200);
    assert_eq!(saved["info"]["developer_name"], "Example Trading Co.");
    assert_eq!(saved["info"]["mobile"], "+8613800138000");
    let (status, got) = s.call("GET", "/developer", Some(&token), None).await;
    assert_eq!((status, got["info"].clone()), (200, saved["info"].clone()));
    let (_, me) = s.call("GET", "/me", Some(&token), None).await;
    assert_eq!(me["developer_complete"], true);

    let reviewer = s.reviewer().await;
    assert_eq!(s.call("GET", "/developer", Some(&reviewer), None).await.0, 403);
}

#[tokio::test]
async fn licence_uploads_are_checked_by_content_and_size() {
    let (_dir, s) = server().await;
    let token = s.sign_in_seller().await;

    let (status, info) = s.upload(&token, png(2_097_152), "营业执照.png").await;
    assert_eq!(status, 201, "{info}");
    assert_eq!(info["content_type"], "image/png");
    assert_eq!(info["size"], 2_097_152);
    assert_eq!(info["file_name"], "营业执照.png");

    let jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'];
    let (status, info) = s.upload(&token, jpeg, "scan.png").await;
    assert_eq!((status, info["content_type"].as_str()), (201, Some("image/jpeg")));

    let refused: Vec<(Vec<u8>, &str)> = vec![
        (png(2_097_153), "file_too_large"),
        (png(5_000_000), "file_too_large"),
        (Vec::new(), "file_empty"),
        (b"GIF89a....".to_vec(), "file_type"),
        (b"plain text renamed to .png".to_vec(), "file_type"),
    ];
    for (bytes, code) in refused {
        let (status, body) = s.upload(&token, bytes, "licence.png").await;
        assert_eq!(status, 422, "{code}");
        assert_eq!(field_codes(&body), pairs(&[("licence_id", code)]));
    }
    let (_, body) = s.upload(&token, png(2_097_153), "x.png").await;
    assert_eq!(body["fields"][0]["params"]["max"], 2_097_152);

    // The owner and reviewers can read the file back; another seller cannot see it exists.
    let (_, info) = s.upload(&token, png(64), "licence.png").await;
    let path = format!("/uploads/licence/{}", info["id"].as_str().unwrap());
    let res = s.http.get(s.url(&path)).bearer_auth(&token).send().await.unwrap();
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(res.bytes().await.unwrap().to_vec(), png(64));
    let other = s.second_seller().await;
    assert_eq!(s.call("GET", &path, Some(&other), None).await.0, 404);
    let reviewer = s.reviewer().await;
    assert_eq!(
        s.http
            .get(s.url(&path))
            .bearer_auth(&reviewer)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(s.call("GET", &path, None, None).await.0, 401);
}

#[tokio::test]
async fn a_qualification_is_submitted_once_and_only_with_its_own_licence() {
    let (_dir, s) = server().await;
    let token = s.sign_in_seller().await;
    let other = s.second_seller().await;
    s.call(
        "POST",
        "/agreement/acceptance",
        Some(&token),
        Some(json!({"version": 1, "confirmed": true})),
    )
    .await;

    let (_, licence) = s.upload(&token, png(100), "licence.png").await;
    let licence_id = licence["id"].as_str().unwrap().to_owned();
    let (status, body) = s
        .call(
            "PUT",
            "/qualification",
            Some(&token),
            Some(qualification(&licence_id)),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("developer_info_required"))
    );
    // A developer in Spain, who may give a CIF number.
    let mut in_spain = developer_info();
    in_spain["country"] = json!("ES");
    in_spain["mobile"] = json!("+34 612 345 678");
    in_spain["email"] = json!("ventas@example.es");
    let (status, _) = s.call("PUT", "/developer", Some(&token), Some(in_spain)).await;
    assert_eq!(status, 200);

    let mut bad = qualification(&licence_id);
    bad["email"] = json!("li.wei@");
    bad["cif"] = json!("J99216583");
    bad["it_team_size"] = json!("lots");
    bad["agreement_confirmed"] = json!(false);
    let (status, body) = s.call("PUT", "/qualification", Some(&token), Some(bad)).await;
    assert_eq!(status, 422);
    assert_eq!(
        field_codes(&body),
        pairs(&[
            ("email", "email_format"),
            ("cif", "cif_control"),
            ("it_team_size", "not_a_number"),
            ("agreement_confirmed", "must_accept")
        ])
    );

    // Someone else's upload cannot be named.
    s.developer_ready(&other).await;
    // Outside Spain a CIF number is not asked, so one is refused.
    let mut with_cif = qualification(&licence_id);
    with_cif["cif"] = json!("J99216582");
    let (status, body) = s
        .call("PUT", "/qualification", Some(&other), Some(with_cif))
        .await;
    assert_eq!(status, 422);
    assert_eq!(field_codes(&body), pairs(&[("cif", "cif_not_asked")]));
    let (status, body) = s
        .call(
            "PUT",
            "/qualification",
            Some(&other),
            Some(qualification(&licence_id)),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(field_codes(&body), pairs(&[("licence_id", "upload_missing")]));

    // Not before the contact address is confirmed through the link sent to it.
    let mut answers = qualification(&licence_id);
    answers["cif"] = json!(" j99216582 ");
    let (status, body) = s
        .call("PUT", "/qualification", Some(&token), Some(answers.clone()))
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("email_unverified")),
        "{body}"
    );
    let (status, _) = s
        .open_link(&s.verification_token("ventas@example.es").await)
        .await;
    assert_eq!(status, 200);
    let (status, q) = s.call("PUT", "/qualification", Some(&token), Some(answers)).await;
    assert_eq!(status, 200, "{q}");
    assert_eq!(q["reference"], "QA-000001");
    assert_eq!(q["status"], "submitted");
    assert_eq!(q["answers"]["cif"], "J99216582");
    assert_eq!(q["answers"]["contact_mobile"], "+8613800138000");
    assert_eq!(q["licence"]["file_name"], "licence.png");
    assert_eq!(q["submissions"], 1);

    let (status, again) = s
        .call(
            "PUT",
            "/qualification",
            Some(&token),
            Some(qualification(&licence_id)),
        )
        .await;
    assert_eq!(
        (status, again["code"].as_str()),
        (409, Some("application_locked"))
    );
    let (_, me) = s.call("GET", "/me", Some(&token), None).await;
    assert_eq!(me["qualification"], "submitted");

    // Applications are per account: the other seller sees none.
    assert_eq!(s.call("GET", "/qualification", Some(&other), None).await.0, 404);
}

#[tokio::test]
async fn reviewers_review_reject_with_reasons_and_approve_after_resubmission() {
    let (_dir, s) = server().await;
    let seller = s.sign_in_seller().await;
    let id = s.submitted(&seller).await;
    let reviewer = s.reviewer().await;
    let decision = format!("/review/applications/{id}/decision");

    assert_eq!(
        s.call("GET", "/review/applications", Some(&seller), None).await.0,
        403
    );
    assert_eq!(
        s.call("GET", &format!("/review/applications/{id}"), Some(&seller), None)
            .await
            .0,
        403
    );
    assert_eq!(
        s.call(
            "POST",
            &decision,
            Some(&seller),
            Some(json!({"decision": "approve"}))
        )
        .await
        .0,
        403
    );
    assert_eq!(s.call("GET", "/review/applications", None, None).await.0, 401);

    let (status, queue) = s.call("GET", "/review/applications", Some(&reviewer), None).await;
    assert_eq!(status, 200);
    assert_eq!(queue[0]["reference"], "QA-000001");
    assert_eq!(queue[0]["software_name"], "Shop Helper");
    assert_eq!(queue[0]["account"], "demo-seller");

    s.clock.advance(300);
    // Reading changes nothing; opening it for review does.
    let (status, detail) = s
        .call(
            "GET",
            &format!("/review/applications/{id}"),
            Some(&reviewer),
            None,
        )
        .await;
    assert_eq!(
        (status, detail["application"]["status"].as_str()),
        (200, Some("submitted"))
    );
    let (status, detail) = s
        .call(
            "POST",
            &format!("/review/applications/{id}/start"),
            Some(&reviewer),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(detail["application"]["status"], "in_review");
    assert_eq!(detail["developer"]["developer_name"], "Example Trading Co.");
    let (_, mine) = s.call("GET", "/qualification", Some(&seller), None).await;
    assert_eq!(mine["status"], "in_review");
    assert_eq!(
        mine["review_started_at"],
        portal_server::clock::rfc3339(common::START + 300)
    );

    let (status, body) = s
        .call(
            "POST",
            &decision,
            Some(&reviewer),
            Some(json!({"decision": "reject", "reason": "  "})),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(field_codes(&body), pairs(&[("reason", "required")]));
    assert_eq!(
        s.call(
            "POST",
            "/review/applications/999/decision",
            Some(&reviewer),
            Some(json!({"decision": "approve"}))
        )
        .await
        .0,
        404
    );

    let reason = "The licence image is too blurred to read.";
    let (status, _) = s
        .call(
            "POST",
            &decision,
            Some(&reviewer),
            Some(json!({"decision": "reject", "reason": reason})),
        )
        .await;
    assert_eq!(status, 200);
    let (status, body) = s
        .call(
            "POST",
            &decision,
            Some(&reviewer),
            Some(json!({"decision": "approve"})),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("already_decided")));

    let (_, mine) = s.call("GET", "/qualification", Some(&seller), None).await;
    assert_eq!(
        (mine["status"].as_str(), mine["rejection_reason"].as_str()),
        (Some("rejected"), Some(reason))
    );
    let outbox = decision_mails(&s).await;
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].recipient, "li.wei@example.com");
    assert!(outbox[0].body.contains(reason));
    assert!(
        outbox[0].body.contains("http://portal.test/qualification/status"),
        "{}",
        outbox[0].body
    );

    // Edit and resubmit, then approval.
    let licence_id = mine["answers"]["licence_id"].as_str().unwrap().to_owned();
    let mut answers = qualification(&licence_id);
    answers["software_name"] = json!("Shop Helper Pro");
    let (status, q) = s
        .call("PUT", "/qualification", Some(&seller), Some(answers))
        .await;
    assert_eq!(status, 200, "{q}");
    assert_eq!(
        (q["status"].as_str(), q["submissions"].as_i64()),
        (Some("submitted"), Some(2))
    );
    assert_eq!(q["rejection_reason"], serde_json::Value::Null);

    let (status, detail) = s
        .call(
            "POST",
            &decision,
            Some(&reviewer),
            Some(json!({"decision": "approve"})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(detail["application"]["status"], "approved");
    let outbox = decision_mails(&s).await;
    assert_eq!(outbox.len(), 2);
    assert!(outbox[1].subject.contains("approved"));
    assert!(outbox[1].body.contains("http://portal.test/apps/new"));
    let (status, body) = s
        .call(
            "PUT",
            "/qualification",
            Some(&seller),
            Some(qualification(&licence_id)),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("application_locked")));
}

#[tokio::test]
async fn apps_need_approval_unique_names_and_belong_to_their_developer() {
    let (_dir, s) = server().await;
    let seller = s.sign_in_seller().await;
    let (status, body) = s
        .call("POST", "/apps", Some(&seller), Some(json!({"name": "TOP.app_1"})))
        .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("agreement_required")));
    s.submitted(&seller).await;
    let (status, body) = s
        .call("POST", "/apps", Some(&seller), Some(json!({"name": "TOP.app_1"})))
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("qualification_required"))
    );

    let reviewer = s.reviewer().await;
    s.call(
        "POST",
        "/review/applications/1/decision",
        Some(&reviewer),
        Some(json!({"decision": "approve"})),
    )
    .await;

    let (status, body) = s
        .call("POST", "/apps", Some(&seller), Some(json!({"name": "my app"})))
        .await;
    assert_eq!(status, 422);
    assert_eq!(body["fields"][0]["code"], "invalid_char");
    assert_eq!(body["fields"][0]["params"]["char"], " ");
    let (status, body) = s
        .call(
            "POST",
            "/apps",
            Some(&seller),
            Some(json!({"name": "应".repeat(16)})),
        )
        .await;
    assert_eq!(
        (status, body["fields"][0]["code"].as_str()),
        (422, Some("too_long"))
    );

    let (status, app) = s
        .call(
            "POST",
            "/apps",
            Some(&seller),
            Some(json!({"name": " 店铺助手_v2 "})),
        )
        .await;
    assert_eq!(status, 201, "{app}");
    assert_eq!(app["app"]["name"], "店铺助手_v2");
    assert_eq!(app["app"]["app_type"], "commercial_developer");
    assert_eq!(app["app"]["status"], "test", "a new app starts in test");
    assert_eq!(
        app["limits"],
        json!({"daily_calls": 5000, "authorised_sellers": 10})
    );
    assert_eq!(app["app_key"].as_str().unwrap().len(), 16);
    assert!(
        app.get("app_secret").is_none(),
        "the console view never carries the secret"
    );

    let (status, body) = s
        .call(
            "POST",
            "/apps",
            Some(&seller),
            Some(json!({"name": "店铺助手_V2"})),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(field_codes(&body), pairs(&[("name", "duplicate")]));

    let (status, list) = s.call("GET", "/apps", Some(&seller), None).await;
    assert_eq!((status, list.as_array().unwrap().len()), (200, 1));
    let id = app["app"]["id"].as_i64().unwrap();
    let (status, got) = s.call("GET", &format!("/apps/{id}"), Some(&seller), None).await;
    assert_eq!((status, got["app_key"].clone()), (200, app["app_key"].clone()));

    let other = s.second_seller().await;
    assert_eq!(s.call("GET", "/apps", Some(&other), None).await.1, json!([]));
    assert_eq!(
        s.call("GET", &format!("/apps/{id}"), Some(&other), None).await.0,
        404
    );
    let reveal = format!("/apps/{id}/secret/reveal");
    assert_eq!(
        s.call(
            "POST",
            &reveal,
            Some(&other),
            Some(json!({"password": "other-password"}))
        )
        .await
        .0,
        404
    );
    assert_eq!(
        s.call(
            "POST",
            &format!("/apps/{id}/secret/reset"),
            Some(&other),
            Some(json!({"password": "other-password"}))
        )
        .await
        .0,
        404
    );
    assert_eq!(s.call("GET", "/apps/12345", Some(&seller), None).await.0, 404);
}

#[tokio::test]
async fn secrets_need_the_password_again_and_reset_keeps_the_old_one_for_the_grace_period() {
    let (_dir, s) = server().await;
    let seller = s.sign_in_seller().await;
    s.approved(&seller).await;
    let (_, app) = s
        .call("POST", "/apps", Some(&seller), Some(json!({"name": "TOP.app_1"})))
        .await;
    let id = app["app"]["id"].as_i64().unwrap();
    let key = app["app_key"].as_str().unwrap().to_owned();
    let reveal = format!("/apps/{id}/secret/reveal");
    let reset = format!("/apps/{id}/secret/reset");

    let (status, body) = s
        .call("POST", &reveal, Some(&seller), Some(json!({"password": "wrong"})))
        .await;
    assert_eq!(status, 422);
    assert_eq!(field_codes(&body), pairs(&[("password", "incorrect_password")]));
    let (status, body) = s
        .call("POST", &reveal, Some(&seller), Some(json!({"password": ""})))
        .await;
    assert_eq!(
        (status, field_codes(&body)),
        (422, pairs(&[("password", "required")]))
    );

    let password = portal_server::seed::DEMO_SELLER.1;
    let (status, first) = s
        .call(
            "POST",
            &reveal,
            Some(&seller),
            Some(json!({"password": password})),
        )
        .await;
    assert_eq!(status, 200);
    let old = first["app_secret"].as_str().unwrap().to_owned();
    assert_eq!(old.len(), 40);
    assert_eq!(first["secrets"]["previous"], serde_json::Value::Null);

    // At rest the database holds only sealed values, never the secret itself.
    let stored: Vec<String> = sqlx::query_scalar("SELECT secret FROM app_secrets")
        .fetch_all(&s.sql().await)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert!(
        stored[0].starts_with("v1:") && !stored[0].contains(&old),
        "{}",
        stored[0]
    );

    let verify = |secret: String| {
        let key = key.clone();
        let s = &s;
        async move {
            let (_, body) = s
                .call(
                    "POST",
                    "/credentials/verify",
                    None,
                    Some(json!({"app_key": key, "app_secret": secret})),
                )
                .await;
            body["valid"].as_bool().unwrap()
        }
    };
    assert!(verify(old.clone()).await);
    assert!(!verify("0".repeat(40)).await);

    let (status, body) = s
        .call("POST", &reset, Some(&seller), Some(json!({"password": "wrong"})))
        .await;
    assert_eq!(
        (status, field_codes(&body)),
        (422, pairs(&[("password", "incorrect_password")]))
    );
    let (status, fresh) = s
        .call("POST", &reset, Some(&seller), Some(json!({"password": password})))
        .await;
    assert_eq!(status, 200);
    let new = fresh["app_secret"].as_str().unwrap().to_owned();
    assert_ne!(new, old);
    let expiry = portal_server::clock::rfc3339(common::START + 24 * 3600);
    assert_eq!(fresh["secrets"]["previous"]["expires_at"], expiry.as_str());
    let (_, console) = s.call("GET", &format!("/apps/{id}"), Some(&seller), None).await;
    assert_eq!(console["secrets"]["previous"]["expires_at"], expiry.as_str());

    // Both work during the grace period; the old one stops at its expiry.
    assert!(verify(old.clone()).await);
    assert!(verify(new.clone()).await);
    s.clock.advance(24 * 3600 - 1);
    assert!(verify(old.clone()).await);
    s.clock.advance(1);
    assert!(!verify(old.clone()).await);
    assert!(verify(new.clone()).await);
    // A day later the session has ended too: sign in again.
    let seller = s.sign_in_seller().await;
    let (status, console) = s.call("GET", &format!("/apps/{id}"), Some(&seller), None).await;
    assert_eq!(status, 200);
    assert_eq!(console["secrets"]["previous"], serde_json::Value::Null);

    let (status, shown) = s
        .call(
            "POST",
            &reveal,
            Some(&seller),
            Some(json!({"password": password})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(shown["app_secret"], new.as_str());

    let account = s.store.account_by_name("demo-seller").await.unwrap().unwrap();
    let audit = s.store.audit_entries(account.id).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(actions, ["secret.reveal", "secret.reset", "secret.reveal"]);
    assert!(audit.iter().all(|(_, target)| *target == key));
}

#[tokio::test]
async fn guessing_the_password_at_the_secret_step_up_is_slowed_down() {
    let (_dir, s) = server().await;
    let seller = s.sign_in_seller().await;
    s.approved(&seller).await;
    let (_, app) = s
        .call("POST", "/apps", Some(&seller), Some(json!({"name": "TOP.app_1"})))
        .await;
    let reveal = format!("/apps/{}/secret/reveal", app["app"]["id"]);
    for _ in 0..portal_server::throttle::FREE_FAILURES {
        let (status, body) = s
            .call("POST", &reveal, Some(&seller), Some(json!({"password": "guess"})))
            .await;
        assert_eq!(
            (status, field_codes(&body)),
            (422, pairs(&[("password", "incorrect_password")]))
        );
    }
    let password = portal_server::seed::DEMO_SELLER.1;
    let (status, body) = s
        .call(
            "POST",
            &reveal,
            Some(&seller),
            Some(json!({"password": password})),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str(), body["retry_after"].as_i64()),
        (429, Some("too_many_attempts"), Some(1))
    );
    s.clock.advance(1);
    let (status, _) = s
        .call(
            "POST",
            &reveal,
            Some(&seller),
            Some(json!({"password": password})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        s.store
            .failure_count(portal_server::throttle::STEP_UP)
            .await
            .unwrap(),
        0,
        "the right password forgets the failures"
    );
}

#[tokio::test]
async fn a_retried_write_with_the_same_idempotency_key_happens_once() {
    let (_dir, s) = server().await;
    let seller = s.sign_in_seller().await;
    s.approved(&seller).await;
    let create = |key: &'static str, name: &'static str| {
        let (s, seller) = (&s, seller.clone());
        async move {
            s.http
                .post(s.url("/apps"))
                .bearer_auth(seller)
                .header("Idempotency-Key", key)
                .json(&json!({ "name": name }))
                .send()
                .await
                .unwrap()
        }
    };

    // A failure is not kept: the corrected request may use the same key.
    let bad = create("key-1", "my app").await;
    assert_eq!(bad.status().as_u16(), 422);
    let first = create("key-1", "TOP.app_1").await;
    assert_eq!(first.status().as_u16(), 201);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first: serde_json::Value = first.json().await.unwrap();

    // The answer was "lost": the retry gets the same app, and no second one exists.
    let retry = create("key-1", "TOP.app_1").await;
    assert_eq!(retry.status().as_u16(), 201);
    assert_eq!(retry.headers()["idempotent-replayed"], "true");
    assert_eq!(retry.json::<serde_json::Value>().await.unwrap(), first);
    let (_, apps) = s.call("GET", "/apps", Some(&seller), None).await;
    assert_eq!(apps.as_array().unwrap().len(), 1);

    // Without the key, the same request is a new one (and the name is taken).
    let (status, body) = s
        .call("POST", "/apps", Some(&seller), Some(json!({"name": "TOP.app_1"})))
        .await;
    assert_eq!(
        (status, field_codes(&body)),
        (422, pairs(&[("name", "duplicate")]))
    );

    // A key belongs to one request.
    let other = s
        .http
        .put(s.url("/developer"))
        .bearer_auth(&seller)
        .header("Idempotency-Key", "key-1")
        .json(&common::developer_info())
        .send()
        .await
        .unwrap();
    assert_eq!(other.status().as_u16(), 409);
    assert_eq!(
        other.json::<serde_json::Value>().await.unwrap()["code"],
        "idempotency_key_reused"
    );

    // Keys are per account: another seller's same key is their own.
    let other_seller = s.second_seller().await;
    let res = s
        .http
        .put(s.url("/developer"))
        .bearer_auth(&other_seller)
        .header("Idempotency-Key", "key-1")
        .json(&common::developer_info())
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status().as_u16(),
        409,
        "agreement not accepted yet: the handler ran"
    );
    assert_eq!(
        res.json::<serde_json::Value>().await.unwrap()["code"],
        "agreement_required"
    );
}

/// The outbox without the e-mail verification links.
async fn decision_mails(s: &TestServer) -> Vec<portal_server::store::Mail> {
    let mut mails = s.store.outbox().await.unwrap();
    mails.retain(|m| !m.body.contains("/verify-email#"));
    mails
}
