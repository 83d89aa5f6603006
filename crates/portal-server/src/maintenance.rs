//! Housekeeping on a schedule: expired sessions, old failed attempts and old idempotency
//! keys are deleted, so the database holds no more than it needs; e-mails a relay refused are
//! sent again; and, where the operator set a maximum secret age, developers are reminded 7
//! days before their AppSecret stops.

use crate::{clock::rfc3339, mailer, store::StoreResult, AppState};
use portal_core::locale::Locale;
use std::time::Duration;

const EVERY: Duration = Duration::from_secs(10 * 60);

/// How long before a secret reaches its maximum age its developer is reminded.
pub const REMINDER_NOTICE_SECS: i64 = 7 * 24 * 3600;

/// Runs now and then every ten minutes, for as long as the process runs.
pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            run_once(&state).await;
        }
    });
}

/// One round of housekeeping; failures are logged and tried again next round.
pub async fn run_once(state: &AppState) {
    let now = state.clock.now();
    match state.store.purge(now).await {
        Ok(purged) => tracing::debug!(?purged, "purged"),
        Err(e) => tracing::warn!(error = %e, "purge failed"),
    }
    match state.mailer.resend_unsent(&state.store, now).await {
        Ok(0) => {}
        Ok(sent) => tracing::info!(sent, "sent e-mails a relay had refused before"),
        Err(e) => tracing::warn!(error = %e, "sending the outbox failed"),
    }
    match remind_expiring_secrets(state, now).await {
        Ok(0) => {}
        Ok(sent) => tracing::info!(sent, "reminded developers of secrets about to expire"),
        Err(e) => tracing::warn!(error = %e, "secret expiry reminders failed"),
    }
}

/// E-mails the developer of each secret that stops within 7 days, once per secret; the
/// number sent.
async fn remind_expiring_secrets(state: &AppState, now: i64) -> StoreResult<usize> {
    let Some(max_age) = state.settings.max_secret_age_secs else {
        return Ok(0);
    };
    let mut sent = 0;
    for secret in state
        .store
        .expiring_secrets(now, max_age, REMINDER_NOTICE_SECS)
        .await?
    {
        // Claimed first: another server running the same round sends nothing twice.
        if !state.store.claim_reminder(secret.secret_id, now).await? {
            continue;
        }
        let Some((recipient, locale)) = state.store.notice_recipient(secret.account_id).await? else {
            continue;
        };
        let reminder = mailer::ExpiryReminder {
            app_name: &secret.app_name,
            app_id: secret.app_id,
            stops_at: &rfc3339(secret.stops_at),
        };
        let mail = reminder.mail(
            &state.settings.public_url,
            &recipient,
            Locale::from_tag(&locale).unwrap_or(Locale::En),
        );
        state.mailer.send(&state.store, &mail, now).await?;
        sent += 1;
    }
    Ok(sent)
}
