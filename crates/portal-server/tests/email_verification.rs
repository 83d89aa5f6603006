//! Confirming the contact e-mail address over real HTTP and a real SQLite file: the link
//! sent when the address is given or changed, its token kept only as a hash, working once
//! for 24 hours without a session, resending paced, and the application waiting for it.

mod common;

use common::{developer_info, temp_db, verification_token_in, TestServer};
use portal_server::HttpOptions;
use serde_json::{json, Value};

const RESEND: &str = "/developer/email-verification";

async fn me(s: &TestServer, token: &str) -> Value {
    s.call("GET", "/me", Some(token), None).await.1
}

/// A seller who accepted the agreement and saved developer information (not confirmed).
async fn seller_with_address(s: &TestServer) -> String {
    let seller = s.sign_in_seller().await;
    let accept = json!({"version": 1, "confirmed": true});
    s.call("POST", "/agreement/acceptance", Some(&seller), Some(accept))
        .await;
    let (status, body) = s
        .call("PUT", "/developer", Some(&seller), Some(developer_info()))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["email_verified_at"], Value::Null);
    seller
}

#[tokio::test]
async fn the_link_confirms_the_address_once_without_a_session_and_is_kept_only_hashed() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, HttpOptions::default()).await;
    let seller = seller_with_address(&s).await;
    assert_eq!(
        (
            me(&s, &seller).await["email_verified"].clone(),
            me(&s, &seller).await["contact_email"].clone()
        ),
        (json!(false), json!("dev@example.com"))
    );

    let mails = s.store.outbox().await.unwrap();
    let mail = mails.last().unwrap();
    assert_eq!(mail.recipient, "dev@example.com");
    assert_eq!(
        mail.subject,
        "Confirm your email address for the developer portal"
    );
    let token = verification_token_in(&mail.body);
    assert_eq!(token.len(), 64);
    assert!(
        mail.body
            .contains(&format!("http://portal.test/verify-email#{token}")),
        "{}",
        mail.body
    );

    // The links kept are the tokens' hashes (the outbox holds the message until a sender
    // takes it; with a relay, the kept copy loses the token once sent: see smtp.rs).
    let kept: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM email_verifications")
        .fetch_all(&s.sql().await)
        .await
        .unwrap();
    assert_eq!(kept, [portal_server::token::hash(&token)]);

    // Opened without a session: confirmed; a second time: used.
    let (status, body) = s.open_link(&token).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["email"], "dev@example.com");
    assert_eq!(me(&s, &seller).await["email_verified"], true);
    let (_, profile) = s.call("GET", "/developer", Some(&seller), None).await;
    assert_eq!(profile["email_verified_at"], body["verified_at"]);
    let (status, body) = s.open_link(&token).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("verification_used")));

    // Nothing else is a link: another token, not hex, far too long, or no token at all.
    for token in ["0".repeat(64), "z".repeat(64), "a".repeat(10_000), String::new()] {
        let (status, body) = s.open_link(&token).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (404, Some("not_found")),
            "{body}"
        );
    }
    let (status, body) = s
        .call("POST", "/email-verification", None, Some(json!({"tok": 1})))
        .await;
    assert_eq!((status, body["code"].as_str()), (400, Some("malformed_body")));

    // Confirmed already: no link is sent again.
    let (status, body) = s.call("POST", RESEND, Some(&seller), None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("email_already_verified"))
    );
}

#[tokio::test]
async fn a_link_works_for_a_day_and_resending_is_paced() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, HttpOptions::default()).await;
    let mut seller = seller_with_address(&s).await;
    let first = s.verification_token("dev@example.com").await;

    // Straight away: wait a minute.
    let (status, body) = s.call("POST", RESEND, Some(&seller), None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (429, Some("mail_quota")),
        "{body}"
    );
    let wait = body["retry_after"].as_i64().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");

    // A day later the first link has expired; a new one works.
    s.clock.advance(24 * 3600);
    let (status, body) = s.open_link(&first).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("verification_expired"))
    );
    seller = s.sign_in_seller().await;
    let (status, sent) = s.call("POST", RESEND, Some(&seller), None).await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(sent["sent_to"], "dev@example.com");

    // Five a day at most, a minute apart.
    for _ in 0..4 {
        s.clock.advance(61);
        let (status, body) = s.call("POST", RESEND, Some(&seller), None).await;
        assert_eq!(status, 200, "{body}");
    }
    s.clock.advance(61);
    let (status, body) = s.call("POST", RESEND, Some(&seller), None).await;
    assert_eq!((status, body["code"].as_str()), (429, Some("mail_quota")));
    let wait = body["retry_after"].as_i64().unwrap();
    assert!(
        wait > 23 * 3600,
        "until the first of the day is a day old: {wait}"
    );

    // Each new link leaves the earlier unexpired ones working; the latest confirms.
    let latest = s.verification_token("dev@example.com").await;
    let (status, _) = s.open_link(&latest).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_changed_address_must_be_confirmed_again_and_old_links_stop() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, HttpOptions::default()).await;
    let seller = seller_with_address(&s).await;
    let (status, _) = s.open_link(&s.verification_token("dev@example.com").await).await;
    assert_eq!(status, 200);
    let mails = s.store.outbox().await.unwrap().len();

    // Saving the same address again sends nothing and keeps it confirmed.
    let (status, _) = s
        .call("PUT", "/developer", Some(&seller), Some(developer_info()))
        .await;
    assert_eq!(status, 200);
    assert_eq!(s.store.outbox().await.unwrap().len(), mails);
    assert_eq!(me(&s, &seller).await["email_verified"], true);

    // A new address: unconfirmed, a link to it (in the reader's language).
    let mut changed = developer_info();
    changed["email"] = json!("new@example.com");
    s.clock.advance(61);
    let res = s
        .http
        .put(s.url("/developer"))
        .bearer_auth(&seller)
        .header("Accept-Language", "zh-CN")
        .json(&changed)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let standing = me(&s, &seller).await;
    assert_eq!(
        (
            standing["email_verified"].clone(),
            standing["contact_email"].clone()
        ),
        (json!(false), json!("new@example.com"))
    );
    let mail = s.store.outbox().await.unwrap().pop().unwrap();
    assert_eq!(
        (mail.recipient.as_str(), mail.subject.as_str()),
        ("new@example.com", "请确认你在开发者门户的电子邮箱")
    );
    let new_link = verification_token_in(&mail.body);

    // A link sent to the address before it changed to another one confirms nothing.
    s.clock.advance(61);
    let (status, _) = s.call("POST", RESEND, Some(&seller), None).await;
    assert_eq!(status, 200);
    let unused_for_new = s.verification_token("new@example.com").await;
    let mut back = developer_info();
    back["email"] = json!("third@example.com");
    s.call("PUT", "/developer", Some(&seller), Some(back)).await;
    for token in [&new_link, &unused_for_new] {
        let (status, _) = s.open_link(token).await;
        assert_eq!(status, 404, "voided when the address changed");
    }
    assert_eq!(me(&s, &seller).await["email_verified"], false);
}

#[tokio::test]
async fn only_a_seller_with_developer_information_can_ask_for_a_link() {
    let (_dir, db) = temp_db();
    let s = TestServer::start(db, HttpOptions::default()).await;
    let (status, _) = s.call("POST", RESEND, None, None).await;
    assert_eq!(status, 401);
    let reviewer = s.reviewer().await;
    let (status, _) = s.call("POST", RESEND, Some(&reviewer), None).await;
    assert_eq!(status, 403);
    let seller = s.sign_in_seller().await;
    let (status, body) = s.call("POST", RESEND, Some(&seller), None).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("agreement_required")));
}
