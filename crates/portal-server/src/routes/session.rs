//! Signing in and out, and who is signed in.

use crate::{
    clock::rfc3339,
    error::{AppError, Result},
    extract::{ApiJson, AuthUser, ClientAddr, Valid},
    throttle, token, AppState,
};
use axum::{extract::State, http::StatusCode};
use portal_core::{
    api::{Account, HostSignInRequest, Me, SignInRequest, SignInResponse},
    error::code,
    rules,
};

pub(super) async fn sign_in(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    Valid(req): Valid<SignInRequest>,
) -> Result<ApiJson<SignInResponse>> {
    let account = state.store.account_by_name(&req.account).await?;
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    let ok = throttle::check_password(
        &state,
        &req.account,
        &client,
        throttle::SIGN_IN,
        req.password,
        stored,
    )
    .await?;
    if !ok {
        return Err(AppError::InvalidCredentials);
    }
    let account = account.ok_or(AppError::InvalidCredentials)?;
    open_session(&state, account).await
}

/// Host sign-in: the embedding seller portal's token for its seller opens a session of the
/// seller account of that name, created on first use. Off (404) unless the server was given
/// the host's public key.
pub(super) async fn sign_in_host(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<HostSignInRequest>,
) -> Result<ApiJson<SignInResponse>> {
    let tokens = state.settings.host_tokens.as_ref().ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let name = tokens.verify(&req.token, now)?;
    if rules::account_name(&name).is_err() {
        return Err(AppError::InvalidHostToken);
    }
    let account = state.store.host_account(&name, now).await?.ok_or_else(|| {
        AppError::conflict(
            code::ACCOUNT_NOT_HOSTED,
            "This account signs in with its password here, not through the seller portal.",
        )
    })?;
    open_session(&state, account).await
}

/// A session for `account`, whose password or host token has been checked; never for a
/// disabled account.
async fn open_session(
    state: &AppState,
    account: crate::store::AccountRow,
) -> Result<ApiJson<SignInResponse>> {
    if account.disabled {
        return Err(AppError::AccountDisabled);
    }
    let token = token::random_hex(32);
    let now = state.clock.now();
    let expires_at = now + state.settings.session_ttl_secs;
    state
        .store
        .create_session(&token::hash(&token), account.id, now, expires_at)
        .await?;
    Ok(ApiJson(SignInResponse {
        token,
        expires_at: rfc3339(expires_at),
        account: Account {
            name: account.name,
            role: account.role,
        },
    }))
}

pub(super) async fn sign_out(State(state): State<AppState>, user: AuthUser) -> Result<StatusCode> {
    state.store.delete_session(&user.session).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends every session of the account, this one included (a lost device, a shared computer).
pub(super) async fn sign_out_everywhere(State(state): State<AppState>, user: AuthUser) -> Result<StatusCode> {
    state.store.end_sessions(user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(super) async fn me(State(state): State<AppState>, user: AuthUser) -> Result<ApiJson<Me>> {
    let (agreement, progress, email) = super::guard::standing(&state, &user).await?;
    Ok(ApiJson(Me {
        account: Account {
            name: user.name,
            role: user.role,
        },
        agreement,
        developer_complete: progress.developer_complete,
        qualification: progress.qualification,
        contact_email: email,
        email_verified: progress.email_verified,
    }))
}
