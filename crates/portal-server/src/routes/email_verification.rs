//! Confirming the developer's contact e-mail address: a link sent when the address is given
//! or changed (and again on request, paced), opened in any browser, signed in or not.

use super::guard;
use crate::{
    clock::rfc3339,
    error::{AppError, Result},
    extract::{ApiJson, RequestLocale, Seller},
    mailer,
    store::LinkOutcome,
    token, AppState,
};
use axum::extract::State;
use portal_core::{
    api::{EmailVerificationRequest, EmailVerified, VerificationSent, EMAIL_VERIFICATION_HOURS},
    error::code,
    journey::Step,
    locale::Locale,
};

/// At least this long between two links to one account…
const PACE_SECS: i64 = 60;
/// …and at most this many a day: the address may be anyone's, so the portal must not be a
/// way to flood it.
const PER_DAY: usize = 5;
const DAY_SECS: i64 = 24 * 3600;

/// Sends a new link to `email`, unless links went to this account too recently
/// ([`AppError::MailQuota`]).
pub(super) async fn send_link(
    state: &AppState,
    account_id: i64,
    email: &str,
    locale: Locale,
) -> Result<VerificationSent> {
    let now = state.clock.now();
    let sent = state.store.verifications_sent(account_id, now - DAY_SECS).await?;
    let wait = match (sent.first(), sent.last()) {
        (Some(first), _) if sent.len() >= PER_DAY => first + DAY_SECS - now,
        (_, Some(last)) if *last > now - PACE_SECS => last + PACE_SECS - now,
        _ => 0,
    };
    if wait > 0 {
        return Err(AppError::MailQuota { retry_after: wait });
    }
    // 256 random bits; only their hash is stored, like a session token's.
    let token = token::random_hex(32);
    let expires_at = now + EMAIL_VERIFICATION_HOURS * 3600;
    state
        .store
        .add_verification(account_id, email, &token::hash(&token), now, expires_at)
        .await?;
    let mail = mailer::verification_mail(
        &state.settings.public_url,
        email,
        &token,
        &rfc3339(expires_at),
        locale,
    );
    state.mailer.send(&state.store, &mail, now).await?;
    Ok(VerificationSent {
        sent_to: email.to_owned(),
        expires_at: rfc3339(expires_at),
    })
}

/// `POST /developer/email-verification`: the link again (the first got lost or expired).
pub(super) async fn resend(
    State(state): State<AppState>,
    Seller(user): Seller,
    RequestLocale(locale): RequestLocale,
) -> Result<ApiJson<VerificationSent>> {
    guard::reached(&state, &user, Step::Qualification).await?;
    let stored = state.store.progress(user.id).await?;
    let Some((email, verified)) = stored.email else {
        return Err(AppError::NotFound);
    };
    if verified {
        return Err(AppError::conflict(
            code::EMAIL_ALREADY_VERIFIED,
            "Your contact e-mail address is confirmed already.",
        ));
    }
    Ok(ApiJson(send_link(&state, user.id, &email, locale).await?))
}

/// `POST /email-verification`: a link opened. No session is needed: the token itself is the
/// proof, and the person may open the message on another device.
pub(super) async fn open(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<EmailVerificationRequest>,
) -> Result<ApiJson<EmailVerified>> {
    // Tokens are 64 hex digits; anything else names no link (and is not hashed at length).
    if req.token.len() != 64 || !req.token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let now = state.clock.now();
    match state
        .store
        .open_verification(&token::hash(&req.token), now)
        .await?
    {
        LinkOutcome::Verified { email } => Ok(ApiJson(EmailVerified {
            email,
            verified_at: rfc3339(now),
        })),
        LinkOutcome::Used => Err(AppError::conflict(
            code::VERIFICATION_USED,
            "This link was opened before; each works once.",
        )),
        LinkOutcome::Expired => Err(AppError::conflict(
            code::VERIFICATION_EXPIRED,
            "This link has expired. Sign in and ask for a new one.",
        )),
        LinkOutcome::Unknown => Err(AppError::NotFound),
    }
}
