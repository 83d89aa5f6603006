//! Notifying developers. The default mailer writes each message to the outbox table,
//! where a sender or a test reads it; with an SMTP relay configured, each message is
//! also sent at once (and recorded as sent). Every link is built from the public URL.

use crate::store::{Mail, Store, StoreResult};
use time::{format_description::well_known::Rfc2822, OffsetDateTime};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpStream,
};

#[derive(Debug, Clone, Default)]
pub enum Mailer {
    /// Write messages to the `outbox` table only.
    #[default]
    Outbox,
    /// Send through a plain SMTP relay (for example a local Postfix) and record them.
    Smtp { relay: String, from: String },
}

impl Mailer {
    /// Sends or records `mail`. A relay that fails leaves the message unsent in the
    /// outbox (logged), so a reviewer's decision never fails because mail is down.
    pub async fn send(&self, store: &Store, mail: &Mail, now: i64) -> StoreResult<()> {
        match self {
            Mailer::Outbox => store.enqueue_mail(mail, now, None).await,
            Mailer::Smtp { relay, from } => {
                let sent = match smtp_send(relay, from, mail, now).await {
                    Ok(()) => Some(now),
                    Err(e) => {
                        tracing::warn!(relay, error = %e, "SMTP relay refused a message; it stays in the outbox");
                        None
                    }
                };
                store.enqueue_mail(mail, now, sent).await
            }
        }
    }
}

/// One message over plain SMTP (RFC 5321): EHLO, MAIL, RCPT, DATA, QUIT.
async fn smtp_send(relay: &str, from: &str, mail: &Mail, now: i64) -> std::io::Result<()> {
    let stream = TcpStream::connect(relay).await?;
    let (read, mut write) = stream.into_split();
    let mut replies = BufReader::new(read);
    expect(&mut replies, 220).await?;
    for (command, code) in [
        ("EHLO developer-portal".to_owned(), 250),
        (format!("MAIL FROM:<{from}>"), 250),
        (format!("RCPT TO:<{}>", mail.recipient), 250),
        ("DATA".to_owned(), 354),
    ] {
        write.write_all(format!("{command}\r\n").as_bytes()).await?;
        expect(&mut replies, code).await?;
    }
    write.write_all(message(from, mail, now).as_bytes()).await?;
    expect(&mut replies, 250).await?;
    write.write_all(b"QUIT\r\n").await?;
    Ok(())
}

/// Reads one (possibly multi-line) reply and checks its code.
async fn expect(replies: &mut BufReader<tokio::net::tcp::OwnedReadHalf>, code: u16) -> std::io::Result<()> {
    loop {
        let mut line = String::new();
        if replies.read_line(&mut line).await? == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "relay closed the connection",
            ));
        }
        let got: u16 = line.get(..3).and_then(|c| c.parse().ok()).unwrap_or(0);
        if line.as_bytes().get(3) == Some(&b'-') {
            continue; // more lines of the same reply follow
        }
        return if got == code {
            Ok(())
        } else {
            Err(std::io::Error::other(format!(
                "expected {code}, relay said {}",
                line.trim_end()
            )))
        };
    }
}

/// The message with its headers, dot-stuffed and ended for DATA.
fn message(from: &str, mail: &Mail, now: i64) -> String {
    let date = OffsetDateTime::from_unix_timestamp(now)
        .ok()
        .and_then(|t| t.format(&Rfc2822).ok())
        .unwrap_or_default();
    let body: String = mail
        .body
        .lines()
        .map(|l| {
            if l.starts_with('.') {
                format!(".{l}\r\n")
            } else {
                format!("{l}\r\n")
            }
        })
        .collect();
    format!(
        "From: {from}\r\nTo: {}\r\nSubject: {}\r\nDate: {date}\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}.\r\n",
        mail.recipient, mail.subject
    )
}

/// A link into the portal: `public_url` (ending in `/`) and an app path.
pub fn link(public_url: &str, path: &str) -> String {
    format!("{}{}", public_url, path.trim_start_matches('/'))
}

/// The message that tells a developer the reviewer's decision.
pub fn decision_mail(public_url: &str, recipient: &str, reference: &str, rejection: Option<&str>) -> Mail {
    match rejection {
        None => Mail {
            recipient: recipient.to_owned(),
            subject: format!("Your commercial developer qualification {reference} is approved"),
            body: format!(
                "Good news: your qualification application {reference} has been approved.\n\n\
                 You can now create your app and get its AppKey and AppSecret:\n{}\n",
                link(public_url, "/apps/new")
            ),
        },
        Some(reason) => Mail {
            recipient: recipient.to_owned(),
            subject: format!("Your commercial developer qualification {reference} needs changes"),
            body: format!(
                "Your qualification application {reference} was not approved.\n\n\
                 The reviewer's reasons:\n{reason}\n\n\
                 Edit your answers and resubmit here:\n{}\n",
                link(public_url, "/qualification/status")
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_come_from_the_public_url() {
        assert_eq!(
            link("https://dev.example.com/portal/", "/apps/new"),
            "https://dev.example.com/portal/apps/new"
        );
        let mail = decision_mail(
            "https://dev.example.com/",
            "a@example.com",
            "QA-000001",
            Some("Blurred"),
        );
        assert!(mail.body.contains("https://dev.example.com/qualification/status"));
        assert!(mail.body.contains("Blurred"));
    }

    #[test]
    fn message_lines_starting_with_a_dot_are_stuffed() {
        let mail = Mail {
            recipient: "a@example.com".into(),
            subject: "S".into(),
            body: "one\n.two\n".into(),
        };
        let text = message("portal@example.com", &mail, 1_790_000_000);
        assert!(text.contains("\r\n\r\none\r\n..two\r\n.\r\n"), "{text}");
        assert!(text.contains("Subject: S\r\n"));
    }
}
