//! Notifying developers, in the language they applied in. The default mailer writes each
//! message to the outbox table, where a sender or a test reads it; with an SMTP relay
//! configured, each message is also sent at once (and recorded as sent) as a MIME message
//! built by `lettre`: UTF-8 subjects as RFC 2047 encoded words, bodies in a 7-bit transfer
//! encoding, over plain SMTP, STARTTLS or TLS, with authentication when the relay asks.
//! Every link is built from the public URL.

use crate::{
    messages::text,
    store::{Mail, Store, StoreResult},
};
use lettre::{
    message::{header::ContentType, Mailbox},
    transport::smtp::authentication::Credentials,
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use portal_core::locale::{fill, Locale};

/// How long a server holds the messages it claimed to send again before another may.
const CLAIM_SECS: i64 = 5 * 60;
/// How many messages one round claims at most.
const CLAIM_BATCH: i64 = 50;

/// How the connection to the relay is protected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SmtpSecurity {
    /// Plain SMTP: a relay on this host or a private network (for example a local Postfix).
    #[default]
    None,
    /// Upgrade with STARTTLS (submission port 587); refuse to send if the relay cannot.
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

#[derive(Debug, Clone, Default)]
pub enum Mailer {
    /// Write messages to the `outbox` table only.
    #[default]
    Outbox,
    /// Send through an SMTP relay and record them.
    Smtp(Relay),
}

/// An SMTP relay and how to reach it.
#[derive(Debug, Clone)]
pub struct Relay {
    /// `host:port`.
    pub address: String,
    pub from: String,
    pub security: SmtpSecurity,
    /// User name and password, when the relay asks for them.
    pub credentials: Option<(String, String)>,
}

impl Relay {
    /// A plain relay without authentication (a local Postfix, a test's fake relay).
    pub fn plain(address: &str, from: &str) -> Self {
        Self {
            address: address.to_owned(),
            from: from.to_owned(),
            security: SmtpSecurity::None,
            credentials: None,
        }
    }

    async fn send(&self, mail: &Mail) -> Result<(), String> {
        let message = message(&self.from, mail)?;
        let (host, port) = match self.address.rsplit_once(':') {
            Some((host, port)) => (
                host,
                port.parse()
                    .map_err(|_| format!("bad port in {}", self.address))?,
            ),
            None => (self.address.as_str(), 25),
        };
        let builder = match self.security {
            SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            SmtpSecurity::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host).map_err(|e| e.to_string())?
            }
            SmtpSecurity::Tls => {
                AsyncSmtpTransport::<Tokio1Executor>::relay(host).map_err(|e| e.to_string())?
            }
        };
        let builder = builder.port(port);
        let builder = match &self.credentials {
            Some((user, password)) => builder.credentials(Credentials::new(user.clone(), password.clone())),
            None => builder,
        };
        builder
            .build()
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

impl Mailer {
    /// Sends or records `mail`. A relay that fails leaves the message unsent in the
    /// outbox (logged), so a reviewer's decision never fails because mail is down. Without a
    /// relay the outbox is the hand-over to whatever sends mail, so it keeps the whole message.
    pub async fn send(&self, store: &Store, mail: &Mail, now: i64) -> StoreResult<()> {
        match self {
            Mailer::Outbox => store.enqueue_mail(mail, now, None).await,
            Mailer::Smtp(relay) => match relay.send(mail).await {
                // Sent: what is kept no longer holds a link's token.
                Ok(()) => store.enqueue_mail(&mail.redacted(), now, Some(now)).await,
                Err(error) => {
                    tracing::warn!(
                        relay = relay.address,
                        error,
                        "SMTP relay refused a message; it stays in the outbox"
                    );
                    store.enqueue_mail(mail, now, None).await
                }
            },
        }
    }

    /// Sends again what the relay refused before, each message claimed first so that, with
    /// several servers on one database, exactly one of them sends it. Stops at the first
    /// refusal (the relay is still down); the claims run out and the next round tries again.
    /// Returns how many were sent.
    pub async fn resend_unsent(&self, store: &Store, now: i64) -> StoreResult<usize> {
        let Mailer::Smtp(relay) = self else {
            return Ok(0);
        };
        let mut sent = 0;
        for (id, mail) in store.claim_unsent_mail(now, CLAIM_SECS, CLAIM_BATCH).await? {
            if let Err(error) = relay.send(&mail).await {
                tracing::warn!(
                    relay = relay.address,
                    error,
                    "SMTP relay still refuses; the outbox waits"
                );
                break;
            }
            store.mark_mail_sent(id, &mail.redacted(), now).await?;
            sent += 1;
        }
        Ok(sent)
    }
}

/// The MIME message: plain UTF-8 text, dated now.
fn message(from: &str, mail: &Mail) -> Result<Message, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("sender {from}: {e}"))?;
    let to: Mailbox = mail.recipient.parse().map_err(|e| format!("recipient: {e}"))?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body.clone())
        .map_err(|e| e.to_string())
}

/// A link into the portal: `public_url` (ending in `/`) and an app path.
pub fn link(public_url: &str, path: &str) -> String {
    format!("{}{}", public_url, path.trim_start_matches('/'))
}

/// The message that tells a developer the reviewer's decision, in `locale`.
pub fn decision_mail(
    public_url: &str,
    recipient: &str,
    reference: &str,
    rejection: Option<&str>,
    locale: Locale,
) -> Mail {
    let (key, path, reason) = match rejection {
        None => ("email.approved", "/apps/new", ""),
        Some(reason) => ("email.rejected", "/qualification/status", reason),
    };
    let link = link(public_url, path);
    let params: [(&str, &dyn std::fmt::Display); 3] =
        [("reference", &reference), ("link", &link), ("reason", &reason)];
    Mail {
        recipient: recipient.to_owned(),
        subject: fill(text(locale, &format!("{key}.subject")), &params),
        body: fill(text(locale, &format!("{key}.body")), &params),
        secret: None,
    }
}

/// The message with the link that confirms `recipient` as a developer's contact address:
/// the token rides in the link's fragment, which browsers never send to a server (no access
/// log or proxy sees it); the portal's page reads it.
pub fn verification_mail(
    public_url: &str,
    recipient: &str,
    token: &str,
    expires_at: &str,
    locale: Locale,
) -> Mail {
    let link = link(public_url, &format!("/verify-email#{token}"));
    let params: [(&str, &dyn std::fmt::Display); 3] =
        [("email", &recipient), ("link", &link), ("expires", &expires_at)];
    Mail {
        recipient: recipient.to_owned(),
        subject: fill(text(locale, "email.verify.subject"), &params),
        body: fill(text(locale, "email.verify.body"), &params),
        secret: Some(token.to_owned()),
    }
}

/// A security-relevant change to an app, told to its developer.
pub struct SecurityNotice<'a> {
    pub app_name: &'a str,
    pub app_id: i64,
    /// The audit action, which names the change in the message files (`audit.<action>`).
    pub action: &'a str,
    pub at: &'a str,
    pub address: &'a str,
}

impl SecurityNotice<'_> {
    /// The message, in `locale`, linking to the app's console.
    pub fn mail(&self, public_url: &str, recipient: &str, locale: Locale) -> Mail {
        let link = link(public_url, &format!("/apps/{}", self.app_id));
        let change = text(locale, &format!("audit.{}", self.action));
        let params: [(&str, &dyn std::fmt::Display); 5] = [
            ("app", &self.app_name),
            ("change", &change),
            ("at", &self.at),
            ("address", &self.address),
            ("link", &link),
        ];
        Mail {
            recipient: recipient.to_owned(),
            subject: fill(text(locale, "email.security.subject"), &params),
            body: fill(text(locale, "email.security.body"), &params),
            secret: None,
        }
    }
}

/// The reminder that an app's AppSecret reaches the operator's maximum age soon.
pub struct ExpiryReminder<'a> {
    pub app_name: &'a str,
    pub app_id: i64,
    /// When it stops working (RFC 3339, UTC).
    pub stops_at: &'a str,
}

impl ExpiryReminder<'_> {
    /// The message, in `locale`, linking to the app's console, where Reset issues a new one.
    pub fn mail(&self, public_url: &str, recipient: &str, locale: Locale) -> Mail {
        let link = link(public_url, &format!("/apps/{}", self.app_id));
        let params: [(&str, &dyn std::fmt::Display); 3] =
            [("app", &self.app_name), ("at", &self.stops_at), ("link", &link)];
        Mail {
            recipient: recipient.to_owned(),
            subject: fill(text(locale, "email.expiry.subject"), &params),
            body: fill(text(locale, "email.expiry.body"), &params),
            secret: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_expiry_reminder_names_the_app_the_time_and_the_console_in_the_readers_language() {
        let reminder = ExpiryReminder {
            app_name: "ShopHelper",
            app_id: 7,
            stops_at: "2026-12-06T10:00:00Z",
        };
        let mail = reminder.mail(
            "https://seller.example.com/developers/",
            "a@example.com",
            Locale::Es,
        );
        assert_eq!(
            mail.subject,
            "El AppSecret de tu aplicación ShopHelper deja de funcionar el 2026-12-06T10:00:00Z"
        );
        assert!(
            mail.body
                .contains("https://seller.example.com/developers/apps/7\n"),
            "{}",
            mail.body
        );
        assert_eq!(mail.secret, None);
    }

    #[test]
    fn a_verification_link_is_under_the_portals_base_path_with_its_token_in_the_fragment() {
        let mail = verification_mail(
            "https://seller.example.com/developers/",
            "a@example.com",
            "ab12",
            "2026-11-29T10:00:00Z",
            Locale::Es,
        );
        assert!(
            mail.body
                .contains("https://seller.example.com/developers/verify-email#ab12\n"),
            "{}",
            mail.body
        );
        assert!(mail.body.contains("2026-11-29T10:00:00Z"));
        assert_eq!(mail.redacted().body.matches("ab12").count(), 0);
    }

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
            Locale::En,
        );
        assert!(mail.body.contains("https://dev.example.com/qualification/status"));
        assert!(mail.body.contains("Blurred"));
    }

    #[test]
    fn the_decision_is_written_in_the_language_of_the_application() {
        for (locale, subject) in [
            (
                Locale::En,
                "Your commercial developer qualification QA-000007 is approved",
            ),
            (Locale::ZhCn, "你的商业开发者资质申请 QA-000007 已通过"),
            (
                Locale::Es,
                "Tu cualificación de desarrollador comercial QA-000007 está aprobada",
            ),
        ] {
            let mail = decision_mail(
                "https://dev.example.com/",
                "a@example.com",
                "QA-000007",
                None,
                locale,
            );
            assert_eq!(mail.subject, subject);
            assert!(
                mail.body.contains("https://dev.example.com/apps/new"),
                "{}",
                mail.body
            );
        }
    }

    #[test]
    fn a_chinese_subject_travels_as_an_encoded_word() {
        let mail = decision_mail(
            "https://dev.example.com/",
            "li@example.com",
            "QA-000007",
            Some("看不清"),
            Locale::ZhCn,
        );
        let text = String::from_utf8(message("portal@example.com", &mail).unwrap().formatted()).unwrap();
        let subject = text.lines().find(|l| l.starts_with("Subject:")).unwrap();
        assert!(subject.is_ascii() && subject.contains("=?utf-8?"), "{subject}");
        assert!(text.is_ascii(), "every header and the body are 7-bit: {text}");
    }
}
