//! Notifying developers. The default mailer writes each message to the outbox table,
//! where a sender or a test reads it; every link is built from the configured public URL.

use crate::store::{Mail, Store, StoreResult};

#[derive(Debug, Clone, Default)]
pub enum Mailer {
    /// Write messages to the `outbox` table.
    #[default]
    Outbox,
}

impl Mailer {
    pub async fn send(&self, store: &Store, mail: &Mail, now: i64) -> StoreResult<()> {
        match self {
            Mailer::Outbox => store.enqueue_mail(mail, now).await,
        }
    }
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
    #[test]
    fn links_come_from_the_public_url() {
        assert_eq!(
            super::link("https://dev.example.com/portal/", "/apps/new"),
            "https://dev.example.com/portal/apps/new"
        );
        let mail = super::decision_mail(
            "https://dev.example.com/",
            "a@example.com",
            "QA-000001",
            Some("Blurred"),
        );
        assert!(mail.body.contains("https://dev.example.com/qualification/status"));
        assert!(mail.body.contains("Blurred"));
    }
}
