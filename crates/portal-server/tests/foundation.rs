//! Sign-in, sessions and the API use agreement, over real HTTP and a real SQLite file.

mod common;

use common::{field_codes, temp_db, TestServer};
use portal_server::{seed, HttpOptions};
use serde_json::json;

async fn server() -> (tempfile::TempDir, TestServer) {
    let (dir, db) = temp_db();
    (dir, TestServer::start(db, HttpOptions::default()).await)
}

#[tokio::test]
async fn sign_in_with_the_demo_seller_returns_a_token_and_the_account() {
    let (_dir, s) = server().await;
    let (status, body) = s
        .call(
            "POST",
            "/session",
            None,
            Some(json!({"account": "  demo-seller ", "password": seed::DEMO_SELLER.1})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["account"], json!({"name": "demo-seller", "role": "seller"}));
    assert_eq!(body["token"].as_str().unwrap().len(), 64);
    let (status, me) = s.call("GET", "/me", body["token"].as_str(), None).await;
    assert_eq!(status, 200);
    assert_eq!(me["account"]["name"], "demo-seller");
}

#[tokio::test]
async fn wrong_password_and_unknown_account_get_the_same_401() {
    let (_dir, s) = server().await;
    for (account, password) in [("demo-seller", "wrong"), ("nobody", "whatever")] {
        let (status, body) = s
            .call(
                "POST",
                "/session",
                None,
                Some(json!({"account": account, "password": password})),
            )
            .await;
        assert_eq!(status, 401);
        assert_eq!(body["code"], "invalid_credentials");
        assert_eq!(body["message"], "The account name or password is incorrect.");
    }
}

#[tokio::test]
async fn empty_fields_get_422_with_field_errors_in_form_order() {
    let (_dir, s) = server().await;
    let (status, body) = s
        .call(
            "POST",
            "/session",
            None,
            Some(json!({"account": "   ", "password": ""})),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "validation_failed");
    assert_eq!(
        field_codes(&body),
        vec![
            ("account".into(), "required".into()),
            ("password".into(), "required".into())
        ]
    );
}

#[tokio::test]
async fn malformed_json_gets_400_in_the_error_shape() {
    let (_dir, s) = server().await;
    for body in ["{not json", r#"{"account": 5}"#] {
        let res = s
            .http
            .post(s.url("/session"))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 400, "{body}");
        let value: serde_json::Value = res.json().await.unwrap();
        assert_eq!(value["code"], "malformed_body");
        assert!(
            !value["message"].as_str().unwrap().contains("account"),
            "what was sent is never echoed"
        );
    }
}

#[tokio::test]
async fn calls_without_or_with_a_bad_token_are_refused_with_401() {
    let (_dir, s) = server().await;
    for (method, path) in [("GET", "/me"), ("GET", "/agreement"), ("DELETE", "/session")] {
        let (status, body) = s.call(method, path, None, None).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("unauthenticated")),
            "{method} {path}"
        );
        let (status, body) = s.call(method, path, Some("not-a-token"), None).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("session_expired")),
            "{method} {path}"
        );
    }
    let (status, body) = s
        .call(
            "POST",
            "/agreement/acceptance",
            None,
            Some(json!({"version": 1, "confirmed": true})),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (401, Some("unauthenticated")));
}

#[tokio::test]
async fn sessions_expire_and_sign_out_ends_them() {
    let (_dir, s) = server().await;
    let token = s.sign_in_seller().await;
    s.clock.advance(11 * 3600);
    assert_eq!(s.call("GET", "/me", Some(&token), None).await.0, 200);
    s.clock.advance(3600);
    let (status, body) = s.call("GET", "/me", Some(&token), None).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("session_expired")));

    let token = s.sign_in_seller().await;
    assert_eq!(s.call("DELETE", "/session", Some(&token), None).await.0, 204);
    assert_eq!(s.call("GET", "/me", Some(&token), None).await.0, 401);
}

#[tokio::test]
async fn agreement_is_served_and_acceptance_is_stored_across_a_restart() {
    let (_dir, s) = server().await;
    let token = s.sign_in_seller().await;
    let (_, me) = s.call("GET", "/me", Some(&token), None).await;
    assert_eq!(
        me["agreement"],
        json!({"current_version": 1, "accepted_version": null, "accepted_at": null})
    );

    let (status, agreement) = s.call("GET", "/agreement", Some(&token), None).await;
    assert_eq!(status, 200);
    assert_eq!(agreement["version"], 1);
    assert_eq!(agreement["title"], seed::AGREEMENT_V1_TITLE);
    assert!(agreement["body"].as_str().unwrap().contains("AppSecret"));

    let (status, body) = s
        .call(
            "POST",
            "/agreement/acceptance",
            Some(&token),
            Some(json!({"version": 1, "confirmed": false})),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        field_codes(&body),
        vec![("confirmed".into(), "must_accept".into())]
    );

    s.clock.advance(60);
    let (status, accepted) = s
        .call(
            "POST",
            "/agreement/acceptance",
            Some(&token),
            Some(json!({"version": 1, "confirmed": true})),
        )
        .await;
    assert_eq!(status, 200, "{accepted}");
    assert_eq!(accepted["version"], 1);
    let accepted_at = accepted["accepted_at"].as_str().unwrap().to_owned();
    assert_eq!(accepted_at, portal_server::clock::rfc3339(common::START + 60));

    // Restart on the same database file: the acceptance and the session survive.
    let db = s.stop().await;
    let s = TestServer::start(db, HttpOptions::default()).await;
    let (status, me) = s.call("GET", "/me", Some(&token), None).await;
    assert_eq!(status, 200);
    assert_eq!(me["agreement"]["accepted_version"], 1);
    assert_eq!(me["agreement"]["accepted_at"], accepted_at.as_str());
}

#[tokio::test]
async fn a_new_agreement_version_asks_again_and_refuses_the_old_one() {
    let (_dir, s) = server().await;
    let token = s.sign_in_seller().await;
    s.call(
        "POST",
        "/agreement/acceptance",
        Some(&token),
        Some(json!({"version": 1, "confirmed": true})),
    )
    .await;

    let v2 = s
        .store
        .publish_agreement("API Use Agreement", "Version two.", common::START + 10)
        .await
        .unwrap();
    assert_eq!(v2, 2);
    let (_, me) = s.call("GET", "/me", Some(&token), None).await;
    assert_eq!(me["agreement"]["current_version"], 2);
    assert_eq!(me["agreement"]["accepted_version"], 1);

    let (status, body) = s
        .call(
            "POST",
            "/agreement/acceptance",
            Some(&token),
            Some(json!({"version": 1, "confirmed": true})),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("agreement_outdated")));

    let (status, _) = s
        .call(
            "POST",
            "/agreement/acceptance",
            Some(&token),
            Some(json!({"version": 2, "confirmed": true})),
        )
        .await;
    assert_eq!(status, 200);
    let (_, me) = s.call("GET", "/me", Some(&token), None).await;
    assert_eq!(me["agreement"]["accepted_version"], 2);
}

#[tokio::test]
async fn unknown_api_paths_answer_json_404() {
    let (_dir, s) = server().await;
    let (status, body) = s.call("GET", "/no-such-thing", None, None).await;
    assert_eq!((status, body["code"].as_str()), (404, Some("not_found")));
}

#[tokio::test]
async fn the_openapi_document_lists_exactly_the_served_routes() {
    let (_dir, s) = server().await;
    let (status, doc) = s.call("GET", "/openapi.json", None, None).await;
    assert_eq!(status, 200);
    let mut documented: Vec<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.to_uppercase(), path.clone()))
        })
        .collect();
    let mut served: Vec<(String, String)> = portal_server::routes::api_routes()
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_owned()))
        .collect();
    documented.sort();
    served.sort();
    assert_eq!(documented, served);
}

#[tokio::test]
async fn every_route_but_sign_in_verify_and_the_document_needs_a_session() {
    let (_dir, s) = server().await;
    let public = [
        ("POST", "/session"),
        ("GET", "/openapi.json"),
        ("GET", "/service"),
        ("POST", "/session/host"),
        ("POST", "/credentials/verify"),
        ("POST", "/email-verification"),
    ];
    let mut checked = 0;
    for route in portal_server::routes::api_routes() {
        let method = route.method.to_string();
        if public.contains(&(method.as_str(), route.path)) {
            continue;
        }
        let path = route.path.replace("{id}", "1");
        let (status, body) = s.call(&method, &path, None, Some(json!({}))).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("unauthenticated")),
            "{method} {path}"
        );
        checked += 1;
    }
    assert!(checked >= 17, "only {checked} routes checked");
}

#[tokio::test]
async fn password_guessing_is_slowed_down_without_locking_the_owner_out() {
    let (_dir, s) = server().await;
    let attacker = common::client_from("127.0.0.2");
    let owner = common::client_from("127.0.0.3");
    let attempt = |http: &reqwest::Client, account: &str, password: &str| {
        let (http, url) = (http.clone(), s.url("/session"));
        let body = json!({"account": account, "password": password});
        async move {
            let res = http.post(url).json(&body).send().await.unwrap();
            let status = res.status().as_u16();
            let header = res
                .headers()
                .get("retry-after")
                .map(|v| v.to_str().unwrap().to_owned());
            let body: serde_json::Value = res.json().await.unwrap();
            (
                status,
                body["code"].as_str().unwrap_or_default().to_owned(),
                body["retry_after"].as_i64(),
                header,
            )
        }
    };
    let free = portal_server::throttle::FREE_FAILURES;
    for _ in 0..free {
        assert_eq!(attempt(&attacker, "demo-seller", "wrong").await.0, 401);
    }
    // From the guessing address even the right password waits, and says how long.
    assert_eq!(
        attempt(&attacker, "DEMO-SELLER", seed::DEMO_SELLER.1).await,
        (429, "too_many_attempts".into(), Some(1), Some("1".into()))
    );
    // The owner, elsewhere, is not locked out.
    assert_eq!(attempt(&owner, "demo-seller", seed::DEMO_SELLER.1).await.0, 200);
    // The pause doubles with each further failure.
    s.clock.advance(1);
    assert_eq!(attempt(&attacker, "demo-seller", "wrong").await.0, 401);
    assert_eq!(attempt(&attacker, "demo-seller", "wrong").await.2, Some(2));
    s.clock.advance(2);
    assert_eq!(attempt(&attacker, "demo-seller", "wrong").await.0, 401);
    assert_eq!(attempt(&attacker, "demo-seller", "wrong").await.2, Some(4));
    // Other accounts are not affected; the right password from that address clears it.
    assert_eq!(
        attempt(&attacker, "demo-reviewer", seed::DEMO_REVIEWER.1).await.0,
        200
    );
    s.clock.advance(4);
    assert_eq!(
        attempt(&attacker, "demo-seller", seed::DEMO_SELLER.1).await.0,
        200
    );
    for _ in 0..free {
        assert_eq!(attempt(&attacker, "demo-seller", "wrong").await.0, 401);
    }
}

/// The names of a schema's properties and of those it requires.
fn properties(doc: &serde_json::Value, reference: &str) -> (Vec<String>, Vec<String>) {
    let name = reference.trim_start_matches("#/components/schemas/");
    let schema = &doc["components"]["schemas"][name];
    let mut props: Vec<String> = schema["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("{name} has properties: {schema}"))
        .keys()
        .cloned()
        .collect();
    let mut required: Vec<String> = schema["required"]
        .as_array()
        .map(|r| r.iter().map(|v| v.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default();
    props.sort();
    required.sort();
    (props, required)
}

#[tokio::test]
async fn the_generated_document_describes_what_the_server_really_sends() {
    let (_dir, s) = server().await;
    let (_, doc) = s.call("GET", "/openapi.json", None, None).await;
    let token = s.sign_in_seller().await;
    s.developer_ready(&token).await;
    // Each answer the server gives has exactly the documented fields (none missing that
    // the document requires, none it does not name).
    let mut checked = 0;
    for (method, path, body) in [
        ("GET", "/me", None),
        ("GET", "/agreement", None),
        ("GET", "/developer", None),
        // Not qualified yet: the documented 409 and its error shape.
        ("POST", "/apps", Some(json!({"name": "OrderSync"}))),
        ("GET", "/service", None),
    ] {
        let (status, answer) = s.call(method, path, Some(&token), body).await;
        let mut documented = &doc["paths"][path][method.to_lowercase()]["responses"][status.to_string()];
        // Failures point at the one error response.
        if let Some(shared) = documented["$ref"].as_str() {
            documented =
                &doc["components"]["responses"][shared.trim_start_matches("#/components/responses/")];
        }
        let reference = documented["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .unwrap_or_else(|| panic!("{method} {path} answers {status}: {answer}; documented {documented}"));
        let (props, required) = properties(&doc, reference);
        let mut sent: Vec<String> = answer.as_object().unwrap().keys().cloned().collect();
        sent.sort();
        for key in &sent {
            assert!(
                props.contains(key),
                "{method} {path}: {key} is not in {reference}"
            );
        }
        for key in &required {
            assert!(
                sent.contains(key),
                "{method} {path}: required {key} missing from {answer}"
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 5);

    // Every request body the app sends is described with its fields.
    for (path, method, fields) in [
        ("/session", "post", vec!["account", "password"]),
        (
            "/developer",
            "put",
            vec!["country", "developer_name", "email", "mobile", "website"],
        ),
        ("/apps", "post", vec!["name"]),
        ("/apps/{id}/secret/reveal", "post", vec!["host_token", "password"]),
        (
            "/review/applications/{id}/decision",
            "post",
            vec!["decision", "reason"],
        ),
    ] {
        let reference = doc["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
            ["$ref"]
            .as_str()
            .unwrap_or_else(|| panic!("{method} {path} takes a documented body"));
        let (props, _) = properties(&doc, reference);
        assert_eq!(props, fields, "{method} {path}");
    }
    let (props, _) = properties(&doc, "QualificationRequest");
    assert_eq!(
        props.len(),
        <portal_core::api::QualificationRequest as portal_core::Form>::FIELDS.len()
    );
    // Errors have one documented shape.
    let (props, _) = properties(&doc, "ErrorBody");
    for field in ["code", "message", "fields"] {
        assert!(props.contains(&field.to_owned()), "{props:?}");
    }
}
