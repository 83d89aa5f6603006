//! An app's AppSecret: shown, reset with a chosen grace period, the replaced one revoked.
//! Each needs the password again (or the seller portal vouching again) and is audited.

use super::{app_audit as audit, apps};
use crate::{
    clock::rfc3339,
    error::{AppError, Result},
    extract::{ApiJson, ApiPath, AuthUser, ClientAddr, RequestLocale, Valid},
    idempotency::PriorAnswer,
    store::{AppRow, SecretRow},
    throttle, token, AppState,
};
use axum::{
    extract::State,
    response::{IntoResponse, Response},
    Extension,
};
use portal_core::{
    api::{AppDetail, AppSecret, PasswordConfirmation, ResetSecretRequest, SecretState, SecretStates},
    error::{code, field_code},
};

/// Shows the AppSecret after the account password is given again. Never kept for replay:
/// each reveal is checked and audited.
pub(super) async fn reveal(
    State(state): State<AppState>,
    user: AuthUser,
    ClientAddr(client): ClientAddr,
    ApiPath(id): ApiPath<i64>,
    Valid(confirm): Valid<PasswordConfirmation>,
) -> Result<ApiJson<AppSecret>> {
    let row = stepped_up(&state, &user, &client, id, confirm).await?;
    let (current, previous) = state.store.secrets(row.id, state.clock.now()).await?;
    audit::record(&state, &user, &client, &row, audit::REVEAL).await?;
    Ok(ApiJson(AppSecret {
        app_secret: state
            .secrets
            .open(&current.secret)
            .ok_or_else(|| AppError::internal("an AppSecret does not open with this server's key"))?,
        secrets: states_of(&state, &current, previous.as_ref()),
    }))
}

/// Issues a new AppSecret; the old one keeps working for the hours chosen (none: it stops
/// now). A retry with the same idempotency key (its answer was lost) passes the same checks
/// and is audited, then gets the secret the first request issued instead of a second reset,
/// which would cut the grace period of the secret still in use.
pub(super) async fn reset(
    State(state): State<AppState>,
    user: AuthUser,
    ClientAddr(client): ClientAddr,
    ApiPath(id): ApiPath<i64>,
    prior: Option<Extension<PriorAnswer>>,
    Valid(req): Valid<ResetSecretRequest>,
) -> Result<Response> {
    let row = stepped_up(&state, &user, &client, id, req.confirmation).await?;
    if let Some(Extension(prior)) = prior {
        audit::record(&state, &user, &client, &row, audit::RESET_RETRIED).await?;
        return Ok(prior.into_response());
    }
    let now = state.clock.now();
    let grace = req
        .old_secret_hours
        .map_or(state.settings.secret_grace_secs, |hours| i64::from(hours) * 3600);
    let secret = token::random_hex(20);
    state
        .store
        .reset_secret(row.id, &state.secrets.seal(&secret), now, now + grace)
        .await?;
    audit::record(&state, &user, &client, &row, audit::RESET).await?;
    Ok(ApiJson(AppSecret {
        app_secret: secret,
        secrets: states(&state, row.id).await?,
    })
    .into_response())
}

/// Stops the secret a reset replaced now, before its grace period ends (a leaked old
/// secret); 409 when it has already stopped.
pub(super) async fn revoke_previous(
    State(state): State<AppState>,
    user: AuthUser,
    ClientAddr(client): ClientAddr,
    RequestLocale(locale): RequestLocale,
    ApiPath(id): ApiPath<i64>,
    Valid(confirm): Valid<PasswordConfirmation>,
) -> Result<ApiJson<AppDetail>> {
    let row = stepped_up(&state, &user, &client, id, confirm).await?;
    if !state
        .store
        .revoke_previous_secret(row.id, state.clock.now())
        .await?
    {
        return Err(AppError::conflict(
            code::NO_PREVIOUS_SECRET,
            "The previous AppSecret has already stopped working.",
        ));
    }
    audit::record(&state, &user, &client, &row, audit::REVOKE_PREVIOUS).await?;
    Ok(ApiJson(apps::detail(&state, &row, locale).await?))
}

/// The app's secret in force and, while it works, the one it replaced.
pub(super) async fn states(state: &AppState, app_id: i64) -> Result<SecretStates> {
    let (current, previous) = state.store.secrets(app_id, state.clock.now()).await?;
    Ok(states_of(state, &current, previous.as_ref()))
}

/// Both secrets as the console shows them: when each stops working under the operator's
/// maximum age too, and the replaced one only while it still works.
fn states_of(state: &AppState, current: &SecretRow, previous: Option<&SecretRow>) -> SecretStates {
    let (max_age, now) = (state.settings.max_secret_age_secs, state.clock.now());
    let secret_state = |row: &SecretRow| SecretState {
        issued_at: rfc3339(row.issued_at),
        expires_at: row.stops_at(max_age).map(rfc3339),
        last_used_at: row.last_used_at.map(rfc3339),
    };
    SecretStates {
        current: secret_state(current),
        previous: previous
            .filter(|p| p.stops_at(max_age).is_none_or(|at| at > now))
            .map(secret_state),
    }
}

/// The user's own app, once they gave their password again or, for an account that signs in
/// through its seller portal, that portal vouched for them again (step-up before secrets).
async fn stepped_up(
    state: &AppState,
    user: &AuthUser,
    client: &str,
    id: i64,
    confirmation: PasswordConfirmation,
) -> Result<AppRow> {
    let row = apps::own_app(state, user, id).await?;
    let account = state
        .store
        .account_by_id(user.id)
        .await?
        .ok_or(AppError::SessionExpired)?;
    let ok = match (account.from_host, confirmation.host_token) {
        // Its seller portal vouches again, for this very seller.
        (true, Some(token)) => {
            let now = state.clock.now();
            let vouched = state.settings.host_tokens.as_ref().map(|t| t.verify(&token, now));
            matches!(vouched, Some(Ok(sub)) if sub.eq_ignore_ascii_case(&account.name))
        }
        (false, None) => {
            let stored = Some(account.password_hash);
            throttle::check_password(
                state,
                &user.name,
                client,
                throttle::STEP_UP,
                confirmation.password,
                stored,
            )
            .await?
        }
        _ => false,
    };
    if ok {
        Ok(row)
    } else {
        Err(AppError::field("password", field_code::INCORRECT_PASSWORD))
    }
}
