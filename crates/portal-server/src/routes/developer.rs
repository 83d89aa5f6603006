//! Developer information.

use super::guard;
use crate::{
    clock::rfc3339,
    error::{AppError, Result},
    extract::{ApiJson, Seller, Valid},
    AppState,
};
use axum::extract::State;
use portal_core::api::{DeveloperInfo, DeveloperProfile};
use portal_core::journey::Step;

pub(super) async fn get(
    State(state): State<AppState>,
    Seller(user): Seller,
) -> Result<ApiJson<DeveloperProfile>> {
    let (info, updated_at) = state.store.developer(user.id).await?.ok_or(AppError::NotFound)?;
    Ok(ApiJson(DeveloperProfile {
        info,
        updated_at: rfc3339(updated_at),
    }))
}

pub(super) async fn put(
    State(state): State<AppState>,
    Seller(user): Seller,
    Valid(info): Valid<DeveloperInfo>,
) -> Result<ApiJson<DeveloperProfile>> {
    guard::reached(&state, &user, Step::Developer).await?;
    let now = state.clock.now();
    state.store.save_developer(user.id, &info, now).await?;
    Ok(ApiJson(DeveloperProfile {
        info,
        updated_at: rfc3339(now),
    }))
}
