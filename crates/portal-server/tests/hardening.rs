//! The security and fault probe of 2026-11-28, one test per defect it found: replayed
//! keys, credentials at rest, abandoned requests, concurrent guessing, memory, reused
//! keys, slow clients, limits and headers. Real HTTP, a real SQLite file.

mod common;

use common::{field_codes, png, temp_db, TestServer};
use portal_server::{clock::Clock, seed, serve::Timeouts, HttpOptions};
use serde_json::{json, Value};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn server() -> (tempfile::TempDir, TestServer) {
    let (dir, db) = temp_db();
    let options = HttpOptions {
        faults: Some(Default::default()),
        ..Default::default()
    };
    (dir, TestServer::start(db, options).await)
}

const PASSWORD: &str = seed::DEMO_SELLER.1;

#[tokio::test]
async fn a_replayed_key_never_hands_out_a_secret_without_the_password() {
    let (_dir, s) = server().await;
    let seller = s.sign_in_seller().await;
    let (id, app_key) = s.seller_with_app(&seller).await;
    let reveal = format!("/apps/{id}/secret/reveal");
    let reset = format!("/apps/{id}/secret/reset");

    // Reveal: every call is checked and audited; a key changes nothing.
    let first = s
        .keyed(
            "POST",
            &reveal,
            &seller,
            "k-reveal",
            json!({"password": PASSWORD}),
        )
        .await;
    assert_eq!(first.status, 200);
    let original = first.body["app_secret"].as_str().unwrap().to_owned();
    for _ in 0..3 {
        let again = s
            .keyed("POST", &reveal, &seller, "k-reveal", json!({"password": "wrong"}))
            .await;
        assert_eq!(again.status, 422, "{}", again.body);
        assert!(again.body.get("app_secret").is_none());
    }
    let again = s
        .keyed(
            "POST",
            &reveal,
            &seller,
            "k-reveal",
            json!({"password": PASSWORD}),
        )
        .await;
    assert_eq!(
        (again.status, again.headers.get("idempotent-replayed")),
        (200, None)
    );

    // Reset: a retry with a wrong password is refused; with the right one it gets the
    // secret the first reset issued, and no second reset cuts the old secret's grace.
    let reset1 = s
        .keyed("POST", &reset, &seller, "k-reset", json!({"password": PASSWORD}))
        .await;
    assert_eq!(reset1.status, 200);
    let new_secret = reset1.body["app_secret"].as_str().unwrap().to_owned();
    let wrong = s
        .keyed("POST", &reset, &seller, "k-reset", json!({"password": "wrong"}))
        .await;
    assert_ne!(wrong.status, 200);
    assert!(wrong.body.get("app_secret").is_none(), "{}", wrong.body);
    s.clock.advance(1); // past the pause after the one failure
    let retry = s
        .keyed("POST", &reset, &seller, "k-reset", json!({"password": PASSWORD}))
        .await;
    assert_eq!(retry.status, 200, "{}", retry.body);
    assert_eq!(retry.headers["idempotent-replayed"], "true");
    assert_eq!(retry.body["app_secret"], new_secret.as_str());
    let now = s.clock.now();
    for secret in [&original, &new_secret] {
        let valid = portal_server::routes::verify::matching_secret(&s.state, &app_key, secret, now);
        assert!(
            valid.await.unwrap().is_some(),
            "both work: the old one for its grace period"
        );
    }

    // Every disclosure is audited: two reveals, one reset, one retried reset.
    let account = s.store.account_by_name("demo-seller").await.unwrap().unwrap();
    let actions: Vec<String> = s
        .store
        .audit_entries(account.id)
        .await
        .unwrap()
        .into_iter()
        .map(|(action, _)| action)
        .collect();
    assert_eq!(
        actions,
        [
            "secret.reveal",
            "secret.reveal",
            "secret.reset",
            "secret.reset.retried"
        ]
    );

    // A keyed sign-in keeps nothing.
    let before = s.store.idempotency_key_count().await.unwrap();
    let res = s
        .http
        .post(s.url("/session"))
        .header("Idempotency-Key", "k-session")
        .json(&json!({"account": "demo-seller", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(s.store.idempotency_key_count().await.unwrap(), before);

    // Nothing stored holds a credential in clear.
    for stored in s.stored_answers().await {
        assert!(
            !stored.contains(&original) && !stored.contains(&new_secret),
            "{stored}"
        );
    }
}

#[cfg(unix)]
#[tokio::test]
async fn the_database_and_key_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, s) = server().await;
    if s.store.engine() != portal_server::store::Engine::Sqlite {
        return; // The database is another server's to keep.
    }
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&s.db_path), 0o600);
    let wal = s.db_path.with_extension("sqlite3-wal");
    if wal.exists() {
        assert_eq!(mode(&wal), 0o600);
    }
}

#[tokio::test]
async fn a_key_bound_to_another_body_is_refused_not_replayed() {
    let (_dir, s) = server().await;
    let seller = s.sign_in_seller().await;
    s.approved(&seller).await;
    let first = s
        .keyed("POST", "/apps", &seller, "k1", json!({"name": "First.app"}))
        .await;
    assert_eq!(first.status, 201);
    let other = s
        .keyed("POST", "/apps", &seller, "k1", json!({"name": "Second.app"}))
        .await;
    assert_eq!(
        (other.status, other.body["code"].as_str()),
        (409, Some("idempotency_key_reused"))
    );
    let (_, apps) = s.call("GET", "/apps", Some(&seller), None).await;
    let names: Vec<&str> = apps
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["First.app"],
        "the new data was neither stored nor reported as saved"
    );
}

#[tokio::test]
async fn an_abandoned_request_lets_its_key_go_and_the_retry_stores_once() {
    let (_dir, s) = server().await;
    let seller = s.sign_in_seller().await;
    s.approved(&seller).await;
    s.arm(json!({"method": "POST", "path": "/api/v1/apps", "kind": "delay", "delay_ms": 1500}))
        .await;
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let gave_up = impatient
        .post(s.url("/apps"))
        .bearer_auth(&seller)
        .header("Idempotency-Key", "k-app")
        .json(&json!({"name": "Slow.app"}))
        .send()
        .await;
    assert!(gave_up.is_err(), "the client gave up before the answer");

    // The retry waits while the first request runs, then gets one app.
    let mut answer = s
        .keyed("POST", "/apps", &seller, "k-app", json!({"name": "Slow.app"}))
        .await;
    for _ in 0..40 {
        if answer.status != 409 {
            break;
        }
        assert_eq!(answer.body["code"], "request_in_progress");
        assert_eq!(answer.headers["retry-after"], "1");
        tokio::time::sleep(Duration::from_millis(100)).await;
        answer = s
            .keyed("POST", "/apps", &seller, "k-app", json!({"name": "Slow.app"}))
            .await;
    }
    assert_eq!(answer.status, 201, "{}", answer.body);
    let (_, apps) = s.call("GET", "/apps", Some(&seller), None).await;
    assert_eq!(apps.as_array().unwrap().len(), 1);
    assert_eq!(s.store.idempotency_in_progress_count().await.unwrap(), 0);
}

#[tokio::test]
async fn a_key_left_in_progress_by_a_crash_expires_within_a_minute() {
    let (_dir, s) = server().await;
    let seller = s.sign_in_seller().await;
    s.approved(&seller).await;
    let account = s.store.account_by_name("demo-seller").await.unwrap().unwrap();
    // What a process killed mid-request leaves behind: the key held, no answer.
    let body = json!({"name": "Crash.app"});
    let bytes = serde_json::to_vec(&body).unwrap();
    let fingerprint = s
        .state
        .secrets
        .fingerprint(&[b"POST", b"/api/v1/apps", b"", &bytes]);
    s.store
        .idempotency_begin(account.id, "k-crash", &fingerprint, s.clock.now())
        .await
        .unwrap();
    let busy = s.keyed("POST", "/apps", &seller, "k-crash", body.clone()).await;
    assert_eq!(
        (busy.status, busy.body["code"].as_str()),
        (409, Some("request_in_progress"))
    );
    assert_eq!(busy.body["retry_after"], 1);
    s.clock.advance(portal_server::store::ABANDONED_SECS);
    let taken = s.keyed("POST", "/apps", &seller, "k-crash", body.clone()).await;
    assert_eq!(taken.status, 201, "{}", taken.body);
    assert_eq!(s.store.idempotency_in_progress_count().await.unwrap(), 0);
    // Kept answers go after a day.
    let purged = s
        .store
        .purge(s.clock.now() + portal_server::store::KEEP_SECS + 1)
        .await
        .unwrap();
    assert_eq!(purged.idempotency_keys, 1);
}

#[tokio::test]
async fn parallel_guesses_cannot_pass_the_throttle() {
    let (_dir, s) = server().await;
    let free = portal_server::throttle::FREE_FAILURES;
    // 30 wrong at once: at most the free attempts are checked. (A right password among
    // them, checked early, would rightly clear the count, so the burst holds none.)
    let mut burst = Vec::new();
    for _ in 0..30 {
        let password = "wrong";
        let (http, url) = (s.http.clone(), s.url("/session"));
        burst.push(tokio::spawn(async move {
            http.post(url)
                .json(&json!({"account": "demo-seller", "password": password}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for task in burst {
        statuses.push(task.await.unwrap());
    }
    let checked = statuses.iter().filter(|s| matches!(s, 200 | 401)).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert!(checked <= free, "{checked} checked: {statuses:?}");
    assert_eq!(checked + refused, 30, "{statuses:?}");
    // Right after, even the right password waits: the guesses bought no way in.
    let res = s
        .http
        .post(s.url("/session"))
        .json(&json!({"account": "demo-seller", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 429);

    // The same for the step-up before a secret is shown.
    s.clock.advance(portal_server::throttle::WINDOW_SECS);
    let seller = s.sign_in(seed::DEMO_SELLER.0, PASSWORD).await;
    let (id, _) = s.seller_with_app(&seller).await;
    let mut burst = Vec::new();
    for _ in 0..20 {
        let (http, url, token) = (
            s.http.clone(),
            s.url(&format!("/apps/{id}/secret/reveal")),
            seller.clone(),
        );
        burst.push(tokio::spawn(async move {
            http.post(url)
                .bearer_auth(token)
                .json(&json!({"password": "wrong"}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut checked = 0;
    for task in burst {
        if task.await.unwrap() == 422 {
            checked += 1;
        }
    }
    assert!(checked <= free, "{checked} step-up guesses checked");
}

#[tokio::test]
async fn slow_and_half_open_clients_are_cut_off() {
    let (_dir, db) = temp_db();
    let options = HttpOptions {
        timeouts: Timeouts {
            header: Duration::from_secs(1),
            request: Duration::from_secs(1),
            ..Default::default()
        },
        ..Default::default()
    };
    let s = TestServer::start(db, options).await;
    let addr = s.base.trim_start_matches("http://").to_owned();

    // Half a request line, then nothing: the connection is closed.
    let mut half = tokio::net::TcpStream::connect(&addr).await.unwrap();
    half.write_all(b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), half.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "the server closed the half-open connection");

    // A body that never arrives in full: 408 in the error shape.
    let token = s.sign_in_seller().await;
    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "PUT /api/v1/developer HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{{\"developer_name\""
    );
    slow.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), slow.read(&mut answer))
        .await
        .expect("answered")
        .unwrap();
    let text = String::from_utf8_lossy(&answer[..n]);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("\"code\":\"timeout\""), "{text}");
}

#[tokio::test]
async fn limits_and_odd_requests_answer_in_the_error_shape() {
    let (_dir, s) = server().await;
    let seller = s.sign_in_seller().await;
    // 10 MiB of JSON: 413, with or without a key.
    let huge = format!("{{\"developer_name\": \"{}\"}}", "a".repeat(10 * 1024 * 1024));
    for key in [None, Some("k-huge")] {
        let mut req = s
            .http
            .put(s.url("/developer"))
            .bearer_auth(&seller)
            .header("content-type", "application/json")
            .body(huge.clone());
        if let Some(key) = key {
            req = req.header("Idempotency-Key", key);
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status().as_u16(), 413, "key {key:?}");
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "payload_too_large");
    }
    // A path id that is not a number names nothing; a wrong method is a 405.
    let (status, body) = s.call("GET", "/apps/abc", Some(&seller), None).await;
    assert_eq!((status, body["code"].as_str()), (404, Some("not_found")));
    let (status, body) = s.call("PATCH", "/apps", Some(&seller), None).await;
    assert_eq!((status, body["code"].as_str()), (405, Some("method_not_allowed")));
    // A malformed key header.
    let res = s
        .http
        .put(s.url("/developer"))
        .bearer_auth(&seller)
        .header("Idempotency-Key", "has space")
        .json(&common::developer_info())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "bad_header");
}

#[tokio::test]
async fn uploads_have_a_quota_per_seller() {
    let (_dir, s) = server().await;
    let seller = s.sign_in_seller().await;
    let quota = portal_server::routes::uploads::UPLOAD_QUOTA;
    for _ in 0..quota {
        assert_eq!(s.upload(&seller, png(100), "l.png").await.0, 201);
    }
    let (status, body) = s.upload(&seller, png(100), "l.png").await;
    assert_eq!((status, body["code"].as_str()), (429, Some("upload_quota")));
    assert!(body["retry_after"].as_i64().unwrap() > 0);
    let other = s.second_seller().await;
    let (status, body) = s.upload(&other, png(100), "l.png").await;
    assert_eq!(status, 201, "per seller: {body}");
    s.clock
        .advance(portal_server::routes::uploads::UPLOAD_PERIOD_SECS);
    let seller = s.sign_in_seller().await;
    assert_eq!(s.upload(&seller, png(100), "l.png").await.0, 201);
}

#[tokio::test]
async fn api_answers_are_never_cached_or_sniffed() {
    let (_dir, s) = server().await;
    let seller = s.sign_in_seller().await;
    let (id, _) = s.seller_with_app(&seller).await;
    for (method, path, body) in [
        ("GET", "/me".to_owned(), None),
        (
            "POST",
            format!("/apps/{id}/secret/reveal"),
            Some(json!({"password": PASSWORD})),
        ),
        (
            "POST",
            format!("/apps/{id}/secret/reset"),
            Some(json!({"password": PASSWORD})),
        ),
        ("GET", "/nowhere".to_owned(), None),
    ] {
        let mut req = s
            .http
            .request(method.parse().unwrap(), s.url(&path))
            .bearer_auth(&seller);
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send().await.unwrap();
        let h = res.headers();
        assert_eq!(h["cache-control"], "no-store", "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
    }
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_and_old_sessions_are_purged() {
    let (_dir, s) = server().await;
    let phone = s.sign_in_seller().await;
    let laptop = s.sign_in_seller().await;
    let (status, _) = s.call("DELETE", "/sessions", Some(&laptop), None).await;
    assert_eq!(status, 204);
    for token in [&phone, &laptop] {
        assert_eq!(s.call("GET", "/me", Some(token), None).await.0, 401);
    }
    let _reviewer = s.reviewer().await;
    let ttl = portal_server::Settings::default().session_ttl_secs;
    let purged = s.store.purge(s.clock.now() + ttl).await.unwrap();
    assert_eq!(purged.sessions, 1);
}

#[tokio::test]
async fn guessing_secrets_at_the_gateway_check_is_throttled() {
    let (_dir, s) = server().await;
    let seller = s.sign_in_seller().await;
    let (_, app_key) = s.seller_with_app(&seller).await;
    let mut last = (0, Value::Null);
    for _ in 0..12 {
        last = s
            .call(
                "POST",
                "/credentials/verify",
                None,
                Some(json!({"app_key": app_key, "app_secret": "guess"})),
            )
            .await;
    }
    assert_eq!(
        (last.0, last.1["code"].as_str()),
        (429, Some("too_many_attempts"))
    );
}

#[tokio::test]
async fn invisible_and_control_characters_are_field_errors() {
    let (_dir, s) = server().await;
    let seller = s.sign_in_seller().await;
    s.call(
        "POST",
        "/agreement/acceptance",
        Some(&seller),
        Some(json!({"version": 1, "confirmed": true})),
    )
    .await;
    for (name, code) in [
        ("\u{200B}\u{200D}", "required"),
        ("Evil\u{202E}moc.exe", "invisible_char"),
        ("Bell\u{7}", "invisible_char"),
        ("Esc\u{1b}[31m", "invisible_char"),
        ("Two\r\nlines", "invisible_char"),
    ] {
        let mut info = common::developer_info();
        info["developer_name"] = json!(name);
        let (status, body) = s.call("PUT", "/developer", Some(&seller), Some(info)).await;
        assert_eq!(
            (status, field_codes(&body)),
            (422, vec![("developer_name".to_owned(), code.to_owned())]),
            "{name:?}"
        );
    }
}
