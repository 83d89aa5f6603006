//! Apps and their credentials.

use super::guard;
use crate::{
    clock::rfc3339,
    error::{AppError, Result},
    extract::{ApiJson, ApiPath, AuthUser, ClientAddr, Seller, Valid},
    idempotency::PriorAnswer,
    store::{AppList, AppRow},
    throttle, token, AppState,
};
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
    Extension,
};
use portal_core::journey::Step;
use portal_core::{
    api::{
        AllowedSources, AppDetail, AppSecret, AppStatus, AppSummary, AppType, CallbackUrls, CreateAppRequest,
        PasswordConfirmation,
    },
    error::field_code,
};

pub(super) async fn list(
    State(state): State<AppState>,
    Seller(user): Seller,
) -> Result<ApiJson<Vec<AppSummary>>> {
    let apps = state.store.apps(user.id).await?;
    Ok(ApiJson(apps.iter().map(summary).collect()))
}

pub(super) async fn create(
    State(state): State<AppState>,
    Seller(user): Seller,
    Valid(req): Valid<CreateAppRequest>,
) -> Result<(StatusCode, ApiJson<AppDetail>)> {
    guard::reached(&state, &user, Step::CreateApps).await?;
    // 64-bit key and 160-bit secret from the operating system's secure generator.
    let (app_key, secret) = (token::random_hex(8), token::random_hex(20));
    let secret = state.secrets.seal(&secret);
    let row = state
        .store
        .create_app(user.id, &req.name, &app_key, &secret, state.clock.now())
        .await?
        .ok_or_else(|| AppError::field("name", field_code::DUPLICATE))?;
    Ok((StatusCode::CREATED, ApiJson(detail(&state, &row).await?)))
}

pub(super) async fn get(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<ApiJson<AppDetail>> {
    let row = own_app(&state, &user, id).await?;
    Ok(ApiJson(detail(&state, &row).await?))
}

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
    let now = state.clock.now();
    let (current, previous) = state.store.secrets(row.id, now).await?;
    state
        .store
        .audit(user.id, "secret.reveal", row.app_key.clone(), now)
        .await?;
    Ok(ApiJson(AppSecret {
        app_secret: state
            .secrets
            .open(&current.secret)
            .ok_or_else(|| AppError::internal("an AppSecret does not open with this server's key"))?,
        secret_issued_at: rfc3339(current.issued_at),
        previous_secret_expires_at: previous.and_then(|p| p.expires_at).map(rfc3339),
    }))
}

/// Issues a new AppSecret; the old one keeps working for the grace period. A retry with the
/// same idempotency key (its answer was lost) passes the same checks and is audited, then
/// gets the secret the first request issued instead of a second reset, which would cut
/// the grace period of the secret still in use.
pub(super) async fn reset(
    State(state): State<AppState>,
    user: AuthUser,
    ClientAddr(client): ClientAddr,
    ApiPath(id): ApiPath<i64>,
    prior: Option<Extension<PriorAnswer>>,
    Valid(confirm): Valid<PasswordConfirmation>,
) -> Result<Response> {
    let row = stepped_up(&state, &user, &client, id, confirm).await?;
    let now = state.clock.now();
    if let Some(Extension(prior)) = prior {
        state
            .store
            .audit(user.id, "secret.reset.retried", row.app_key.clone(), now)
            .await?;
        return Ok(prior.into_response());
    }
    let grace_until = now + state.settings.secret_grace_secs;
    let secret = token::random_hex(20);
    state
        .store
        .reset_secret(row.id, &state.secrets.seal(&secret), now, grace_until)
        .await?;
    state
        .store
        .audit(user.id, "secret.reset", row.app_key.clone(), now)
        .await?;
    Ok(ApiJson(AppSecret {
        app_secret: secret,
        secret_issued_at: rfc3339(now),
        previous_secret_expires_at: Some(rfc3339(grace_until)),
    })
    .into_response())
}

/// Replaces the app's callback URLs (no new review needed); audited.
pub(super) async fn set_callback_urls(
    State(state): State<AppState>,
    Seller(user): Seller,
    ApiPath(id): ApiPath<i64>,
    Valid(req): Valid<CallbackUrls>,
) -> Result<ApiJson<AppDetail>> {
    let change = ListChange::new(AppList::CallbackUrls, "callback_urls.update", &req.callback_urls);
    replace_list(&state, &user, id, change).await
}

/// Replaces the app's IP allow-list; audited.
pub(super) async fn set_allowed_sources(
    State(state): State<AppState>,
    Seller(user): Seller,
    ApiPath(id): ApiPath<i64>,
    Valid(req): Valid<AllowedSources>,
) -> Result<ApiJson<AppDetail>> {
    let change = ListChange::new(
        AppList::AllowedSources,
        "allowed_sources.update",
        &req.allowed_sources,
    );
    replace_list(&state, &user, id, change).await
}

/// One of an app's lists, replaced.
struct ListChange<'a> {
    list: AppList,
    audit: &'static str,
    values: &'a [String],
}

impl<'a> ListChange<'a> {
    fn new(list: AppList, audit: &'static str, values: &'a [String]) -> Self {
        Self { list, audit, values }
    }
}

async fn replace_list(
    state: &AppState,
    user: &AuthUser,
    id: i64,
    change: ListChange<'_>,
) -> Result<ApiJson<AppDetail>> {
    let row = own_app(state, user, id).await?;
    state
        .store
        .set_app_list(row.id, change.list, change.values)
        .await?;
    state
        .store
        .audit(user.id, change.audit, row.app_key.clone(), state.clock.now())
        .await?;
    Ok(ApiJson(detail(state, &row).await?))
}

/// Another developer's app is reported as missing.
async fn own_app(state: &AppState, user: &AuthUser, id: i64) -> Result<AppRow> {
    state.store.app(user.id, id).await?.ok_or(AppError::NotFound)
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
    let row = own_app(state, user, id).await?;
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

fn summary(row: &AppRow) -> AppSummary {
    AppSummary {
        id: row.id,
        name: row.name.clone(),
        app_type: AppType::CommercialDeveloper,
        status: AppStatus::Active,
        created_at: rfc3339(row.created_at),
    }
}

async fn detail(state: &AppState, row: &AppRow) -> Result<AppDetail> {
    let (current, previous) = state.store.secrets(row.id, state.clock.now()).await?;
    Ok(AppDetail {
        app: summary(row),
        app_key: row.app_key.clone(),
        secret_issued_at: rfc3339(current.issued_at),
        previous_secret_expires_at: previous.and_then(|p| p.expires_at).map(rfc3339),
        callback_urls: state.store.app_list(row.id, AppList::CallbackUrls).await?,
        allowed_sources: state.store.app_list(row.id, AppList::AllowedSources).await?,
    })
}
