//! Decisions e-mailed through an SMTP relay: a fake relay on loopback records the dialogue.
//! What it refused is sent again by the housekeeping round, once, however many servers run it.

mod common;

use common::{temp_db, TestServer};
use portal_server::{
    mailer::{Mailer, Relay},
    maintenance,
    store::{Store, StoreOptions},
    AppState, HttpOptions,
};
use serde_json::json;
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
};

/// Accepts `sessions` SMTP sessions, one after the other; returns each session's lines up
/// to DATA, and the message it carried.
async fn fake_relay(listener: TcpListener, sessions: usize) -> Vec<(Vec<String>, String)> {
    let mut received = Vec::new();
    for _ in 0..sessions {
        let (stream, _) = listener.accept().await.unwrap();
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read).lines();
        write.write_all(b"220 relay.test ESMTP\r\n").await.unwrap();
        let (mut dialogue, mut data, mut in_data) = (Vec::new(), String::new(), false);
        while let Some(line) = lines.next_line().await.unwrap() {
            let reply: &[u8] = if in_data {
                if line == "." {
                    in_data = false;
                    b"250 queued\r\n"
                } else {
                    // Undo the dot-stuffing, as a relay does.
                    data.push_str(
                        line.strip_prefix('.')
                            .filter(|_| line.starts_with(".."))
                            .unwrap_or(&line),
                    );
                    data.push_str("\r\n");
                    continue;
                }
            } else {
                dialogue.push(line.clone());
                if line.starts_with("EHLO") {
                    b"250-relay.test\r\n250 8BITMIME\r\n"
                } else if line == "DATA" {
                    in_data = true;
                    b"354 go ahead\r\n"
                } else if line == "QUIT" {
                    write.write_all(b"221 bye\r\n").await.unwrap();
                    break;
                } else {
                    b"250 ok\r\n"
                }
            };
            write.write_all(reply).await.unwrap();
        }
        received.push((dialogue, data));
    }
    received
}

/// A received message as a mail client reads it: its raw header lines, decoded subject
/// and decoded text.
fn read_mail(raw: &str) -> (Vec<String>, String, String) {
    let parsed = mailparse::parse_mail(raw.as_bytes()).unwrap();
    let headers = raw
        .split("\r\n\r\n")
        .next()
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let subject = parsed
        .headers
        .iter()
        .find(|h| h.get_key() == "Subject")
        .unwrap()
        .get_value();
    (headers, subject, parsed.get_body().unwrap().replace("\r\n", "\n"))
}

#[tokio::test]
async fn decisions_are_mailed_as_mime_in_the_language_the_seller_applied_in() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let relay = listener.local_addr().unwrap().to_string();
    // The link confirming the contact address, then the two decisions.
    let session = tokio::spawn(fake_relay(listener, 3));
    let (_dir, db) = temp_db();
    let mailer = Mailer::Smtp(Relay::plain(&relay, "portal@example.com"));
    let s = TestServer::start_with_mailer(db, HttpOptions::default(), mailer).await;
    let decide = |id: i64, decision: serde_json::Value| {
        let s = &s;
        async move {
            let reviewer = s.reviewer().await;
            let path = format!("/review/applications/{id}/decision");
            let (status, body) = s.call("POST", &path, Some(&reviewer), Some(decision)).await;
            assert_eq!(status, 200, "{body}");
        }
    };

    // Applied in Chinese, rejected: the e-mail is in Chinese.
    let seller = s.sign_in_seller().await;
    let id = s.submitted_in(&seller, "zh-CN").await;
    let reason = ".Blurred licence, 营业执照看不清";
    decide(id, json!({"decision": "reject", "reason": reason})).await;
    // Applied again in Spanish, approved: the e-mail is in Spanish.
    let again = s.apply_in(&seller, "es").await;
    assert_eq!(again, id);
    decide(id, json!({"decision": "approve"})).await;

    let mut received = session.await.unwrap();
    let (link, raw) = received.remove(0);
    assert_eq!(link[2], "RCPT TO:<dev@example.com>");
    let (_, subject, body) = read_mail(&raw);
    assert_eq!(subject, "Confirm your email address for the developer portal");
    assert!(body.contains("http://portal.test/verify-email#"), "{body}");
    // The copy kept once sent holds no token.
    let kept = s.store.outbox().await.unwrap();
    assert!(kept[0].body.contains("verify-email#[sent]"), "{}", kept[0].body);
    for (dialogue, _) in &received {
        assert!(dialogue[0].starts_with("EHLO "), "{dialogue:?}");
        assert!(
            dialogue[1].starts_with("MAIL FROM:<portal@example.com>"),
            "{dialogue:?}"
        );
        assert_eq!(dialogue[2], "RCPT TO:<li.wei@example.com>");
        assert_eq!(dialogue.last().map(String::as_str), Some("QUIT"));
    }

    let (headers, subject, body) = read_mail(&received[0].1);
    assert_eq!(subject, "你的商业开发者资质申请 QA-000001 需要修改");
    let raw_subject = headers.iter().find(|h| h.starts_with("Subject:")).unwrap();
    assert!(
        raw_subject.is_ascii() && raw_subject.contains("=?utf-8?"),
        "an encoded word: {raw_subject}"
    );
    assert!(
        headers
            .iter()
            .any(|h| h.eq_ignore_ascii_case("Content-Type: text/plain; charset=utf-8")),
        "{headers:?}"
    );
    assert!(
        body.contains("审核意见：\n.Blurred licence, 营业执照看不清"),
        "{body}"
    );
    assert!(body.contains("http://portal.test/qualification/status"), "{body}");

    let (_, subject, body) = read_mail(&received[1].1);
    assert_eq!(
        subject,
        "Tu cualificación de desarrollador comercial QA-000001 está aprobada"
    );
    assert!(
        body.contains("Ya puedes crear tu app") && body.contains("http://portal.test/apps/new"),
        "{body}"
    );

    assert_eq!(s.store.sent_mail_count().await.unwrap(), 3);
}

/// A server whose relay is down (nothing listens yet on the port returned), where a seller
/// gave an address and a reviewer approved the application: the decision succeeded and two
/// e-mails wait in the outbox.
async fn approved_while_the_relay_is_down() -> (TestServer, u16, tempfile::TempDir) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (dir, db) = temp_db();
    let mailer = Mailer::Smtp(Relay::plain(&format!("127.0.0.1:{port}"), "portal@example.com"));
    let s = TestServer::start_with_mailer(db, HttpOptions::default(), mailer).await;
    let seller = s.sign_in_seller().await;
    s.approved(&seller).await;
    (s, port, dir)
}

#[tokio::test]
async fn a_relay_that_is_down_does_not_fail_the_decision() {
    let (s, _, _dir) = approved_while_the_relay_is_down().await;
    // The verification link and the decision, both kept for a later send.
    assert_eq!(s.store.outbox().await.unwrap().len(), 2, "kept for a later send");
    assert_eq!(s.store.sent_mail_count().await.unwrap(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_a_relay_refused_is_sent_once_when_it_is_back_even_by_two_servers_at_once() {
    let (s, port, _dir) = approved_while_the_relay_is_down().await;
    assert_eq!(s.store.sent_mail_count().await.unwrap(), 0);

    // The relay is back; two servers on the same database run their housekeeping at once.
    let relay = tokio::spawn(fake_relay(
        TcpListener::bind(("127.0.0.1", port)).await.unwrap(),
        2,
    ));
    let other = AppState {
        store: Store::connect(&s.database, StoreOptions::default())
            .await
            .unwrap(),
        ..s.state.clone()
    };
    tokio::join!(maintenance::run_once(&s.state), maintenance::run_once(&other));
    let received = relay.await.unwrap();
    let subjects: std::collections::BTreeSet<String> =
        received.iter().map(|(_, data)| read_mail(data).1).collect();
    assert_eq!(subjects.len(), 2, "each message once: {subjects:?}");
    assert_eq!(s.store.sent_mail_count().await.unwrap(), 2);
    // What is kept of the verification e-mail no longer holds its link's token.
    let token = s.verification_token("dev@example.com").await;
    assert!(
        token.is_empty(),
        "a token is still readable in the outbox: {token}"
    );
    // Nothing is left to send: the next rounds send nothing more.
    maintenance::run_once(&s.state).await;
    assert_eq!(s.store.sent_mail_count().await.unwrap(), 2);
}
