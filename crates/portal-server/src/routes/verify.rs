//! The platform gateway's check of an app's credentials, source address and redirect URI.

use crate::{
    error::Result,
    extract::{ApiJson, ClientAddr},
    sealed::same,
    store::WorkingSecret,
    throttle, AppState,
};
use axum::extract::State;
use portal_core::{
    api::{
        AppStatus, VerifyCredentialsRequest, VerifyCredentialsResponse, DAILY_LIMIT_REACHED,
        SOURCE_NOT_ALLOWED,
    },
    rules,
};

/// What the platform's gateway asks: does this key and secret work now?
/// Failed checks are throttled per AppKey and address like passwords, so the endpoint
/// cannot be used to guess secrets.
pub(super) async fn verify(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    ApiJson(req): ApiJson<VerifyCredentialsRequest>,
) -> Result<ApiJson<VerifyCredentialsResponse>> {
    let key: String = req.app_key.chars().take(64).collect();
    let attempt = throttle::reserve(&state, &key, &client, throttle::VERIFY, throttle::CREDENTIALS).await?;
    let now = state.clock.now();
    let matched = matching_secret(&state, &req.app_key, &req.app_secret, now).await?;
    let mut valid = matched.is_some();
    attempt.settle(&state, valid).await?;
    // Only for valid credentials: the answer must not tell strangers about an app.
    let mut answer = VerifyCredentialsResponse {
        valid,
        redirect_uri_allowed: req.redirect_uri.as_ref().map(|_| false),
        refused: None,
        permissions: Vec::new(),
    };
    // One read of what else decides the answer (the gateway's hot path).
    let day = now.div_euclid(24 * 3600);
    let view = match &matched {
        Some(secret) => state.store.gateway_view(secret.app_id, day).await?,
        None => None,
    };
    if let (Some(secret), Some(view)) = (&matched, view) {
        let source = req.source_ip.as_deref().and_then(|ip| ip.trim().parse().ok());
        if !view.allowed_sources.is_empty()
            && !source.is_some_and(|ip| rules::source_allowed(&view.allowed_sources, ip))
        {
            valid = false;
            answer.refused = Some(SOURCE_NOT_ALLOWED.to_owned());
        }
        // An app in test stops at its daily limit (online apps have none).
        if valid
            && view.status == AppStatus::Test
            && view.calls_today >= state.settings.test_limits.daily_calls
        {
            valid = false;
            answer.refused = Some(DAILY_LIMIT_REACHED.to_owned());
        }
        answer.valid = valid;
        if valid {
            // A call the gateway lets through: the secret's last use and the app's calls.
            state.store.record_use(secret, now).await?;
            answer.permissions = view.groups;
        }
        if let Some(uri) = &req.redirect_uri {
            answer.redirect_uri_allowed = Some(valid && view.callback_urls.contains(uri));
        }
    }
    Ok(ApiJson(answer))
}

/// The working secret of the app with `app_key` at `now` that `secret` is, if any.
pub async fn matching_secret(
    state: &AppState,
    app_key: &str,
    secret: &str,
    now: i64,
) -> Result<Option<WorkingSecret>> {
    let working = state
        .store
        .working_secrets(app_key, now, state.settings.max_secret_age_secs)
        .await?;
    Ok(working.into_iter().find(|w| {
        state
            .secrets
            .open(&w.sealed)
            .is_some_and(|plain| same(&plain, secret))
    }))
}
