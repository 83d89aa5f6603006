//! Apps and their credentials.

use super::{app_audit as audit, app_secrets as secrets, guard};
use crate::{
    clock::rfc3339,
    error::{AppError, Result},
    extract::{ApiJson, ApiPath, AuthUser, ClientAddr, RequestLocale, Seller, Valid},
    store::{AppList, AppRow},
    token, AppState,
};
use axum::{extract::State, http::StatusCode};
use portal_core::journey::Step;
use portal_core::{
    api::{
        AllowedSources, AppDetail, AppStatus, AppSummary, AppType, CallbackUrls, CreateAppRequest,
        DailyCalls, USAGE_DAYS,
    },
    error::field_code,
    locale::Locale,
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
    RequestLocale(locale): RequestLocale,
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
    Ok((StatusCode::CREATED, ApiJson(detail(&state, &row, locale).await?)))
}

pub(super) async fn get(
    State(state): State<AppState>,
    user: AuthUser,
    RequestLocale(locale): RequestLocale,
    ApiPath(id): ApiPath<i64>,
) -> Result<ApiJson<AppDetail>> {
    let row = own_app(&state, &user, id).await?;
    Ok(ApiJson(detail(&state, &row, locale).await?))
}

/// Replaces the app's callback URLs (no new review needed); audited.
pub(super) async fn set_callback_urls(
    State(state): State<AppState>,
    Seller(user): Seller,
    ClientAddr(client): ClientAddr,
    RequestLocale(locale): RequestLocale,
    ApiPath(id): ApiPath<i64>,
    Valid(req): Valid<CallbackUrls>,
) -> Result<ApiJson<AppDetail>> {
    let change = ListChange::new(AppList::CallbackUrls, audit::CALLBACK_URLS, &req.callback_urls);
    replace_list(&state, &user, &client, id, change, locale).await
}

/// Replaces the app's IP allow-list; audited.
pub(super) async fn set_allowed_sources(
    State(state): State<AppState>,
    Seller(user): Seller,
    ClientAddr(client): ClientAddr,
    RequestLocale(locale): RequestLocale,
    ApiPath(id): ApiPath<i64>,
    Valid(req): Valid<AllowedSources>,
) -> Result<ApiJson<AppDetail>> {
    let change = ListChange::new(
        AppList::AllowedSources,
        audit::ALLOWED_SOURCES,
        &req.allowed_sources,
    );
    replace_list(&state, &user, &client, id, change, locale).await
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
    client: &str,
    id: i64,
    change: ListChange<'_>,
    locale: Locale,
) -> Result<ApiJson<AppDetail>> {
    let row = own_app(state, user, id).await?;
    state
        .store
        .set_app_list(row.id, change.list, change.values)
        .await?;
    audit::record(state, user, client, &row, change.audit).await?;
    Ok(ApiJson(detail(state, &row, locale).await?))
}

/// Another developer's app is reported as missing.
pub(super) async fn own_app(state: &AppState, user: &AuthUser, id: i64) -> Result<AppRow> {
    state.store.app(user.id, id).await?.ok_or(AppError::NotFound)
}

fn summary(row: &AppRow) -> AppSummary {
    AppSummary {
        id: row.id,
        name: row.name.clone(),
        app_type: AppType::CommercialDeveloper,
        status: AppStatus::parse(&row.status).unwrap_or(AppStatus::Test),
        created_at: rfc3339(row.created_at),
    }
}

/// The app's console in the reader's language (the permission groups' names).
pub(super) async fn detail(state: &AppState, row: &AppRow, locale: Locale) -> Result<AppDetail> {
    let now = state.clock.now();
    let calls = state.store.calls_per_day(row.id, now, USAGE_DAYS).await?;
    Ok(AppDetail {
        app: summary(row),
        app_key: row.app_key.clone(),
        secrets: secrets::states(state, row.id).await?,
        calls_per_day: calls
            .into_iter()
            .map(|(day, calls)| DailyCalls {
                day: rfc3339(day).get(..10).unwrap_or_default().to_owned(),
                calls,
            })
            .collect(),
        callback_urls: state.store.app_list(row.id, AppList::CallbackUrls).await?,
        allowed_sources: state.store.app_list(row.id, AppList::AllowedSources).await?,
        limits: (summary(row).status == AppStatus::Test).then_some(state.settings.test_limits),
        go_live: state
            .store
            .go_live(row.id)
            .await?
            .as_ref()
            .map(super::go_live::go_live),
        permissions: super::permissions::of_app(state, row.id, locale).await?,
    })
}
