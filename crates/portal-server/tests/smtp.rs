//! Decisions e-mailed through an SMTP relay: a fake relay on loopback records the dialogue.

mod common;

use common::{temp_db, TestServer};
use portal_server::{mailer::Mailer, HttpOptions};
use serde_json::json;
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
};

/// Accepts one SMTP session and returns every line the client sent.
async fn fake_relay(listener: TcpListener) -> Vec<String> {
    let (stream, _) = listener.accept().await.unwrap();
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 relay.test ESMTP\r\n").await.unwrap();
    let mut seen = Vec::new();
    let mut in_data = false;
    while let Some(line) = lines.next_line().await.unwrap() {
        seen.push(line.clone());
        let reply: &[u8] = if in_data {
            if line == "." {
                in_data = false;
                b"250 queued\r\n"
            } else {
                continue;
            }
        } else if line.starts_with("EHLO") {
            b"250-relay.test\r\n250 8BITMIME\r\n"
        } else if line == "DATA" {
            in_data = true;
            b"354 go ahead\r\n"
        } else if line == "QUIT" {
            write.write_all(b"221 bye\r\n").await.unwrap();
            break;
        } else {
            b"250 ok\r\n"
        };
        write.write_all(reply).await.unwrap();
    }
    seen
}

#[tokio::test]
async fn a_decision_is_sent_through_the_relay_and_recorded_as_sent() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let relay = listener.local_addr().unwrap().to_string();
    let session = tokio::spawn(fake_relay(listener));
    let (_dir, db) = temp_db();
    let mailer = Mailer::Smtp {
        relay,
        from: "portal@example.com".into(),
    };
    let s = TestServer::start_with_mailer(db, HttpOptions::default(), mailer).await;

    let seller = s.sign_in_seller().await;
    let id = s.submitted(&seller).await;
    let reviewer = s.reviewer().await;
    let reason = ".Blurred licence, 营业执照看不清";
    let (status, _) = s
        .call(
            "POST",
            &format!("/review/applications/{id}/decision"),
            Some(&reviewer),
            Some(json!({"decision": "reject", "reason": reason})),
        )
        .await;
    assert_eq!(status, 200);

    let lines = session.await.unwrap();
    assert_eq!(lines[0], "EHLO developer-portal");
    assert_eq!(lines[1], "MAIL FROM:<portal@example.com>");
    assert_eq!(lines[2], "RCPT TO:<li.wei@example.com>");
    assert!(lines
        .iter()
        .any(|l| l.starts_with("Subject: Your commercial developer qualification QA-000001")));
    assert!(
        lines.iter().any(|l| l == "..Blurred licence, 营业执照看不清"),
        "dot-stuffed reason: {lines:?}"
    );
    assert!(lines
        .iter()
        .any(|l| l == "http://portal.test/qualification/status"));
    assert_eq!(lines.last().map(String::as_str), Some("QUIT"));
    assert_eq!(s.store.sent_mail_count().await.unwrap(), 1);
}

#[tokio::test]
async fn a_relay_that_is_down_does_not_fail_the_decision() {
    // A port with nothing listening.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (_dir, db) = temp_db();
    let mailer = Mailer::Smtp {
        relay: format!("127.0.0.1:{port}"),
        from: "portal@example.com".into(),
    };
    let s = TestServer::start_with_mailer(db, HttpOptions::default(), mailer).await;
    let seller = s.sign_in_seller().await;
    let id = s.submitted(&seller).await;
    let reviewer = s.reviewer().await;
    let (status, _) = s
        .call(
            "POST",
            &format!("/review/applications/{id}/decision"),
            Some(&reviewer),
            Some(json!({"decision": "approve"})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(s.store.outbox().await.unwrap().len(), 1, "kept for a later send");
    assert_eq!(s.store.sent_mail_count().await.unwrap(), 0);
}
