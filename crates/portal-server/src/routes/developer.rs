//! Developer information.

use super::{email_verification, guard};
use crate::{
    clock::rfc3339,
    error::{AppError, Result},
    extract::{ApiJson, RequestLocale, Seller, Valid},
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
    let verified_at = state.store.email_verified_at(user.id).await?;
    Ok(ApiJson(DeveloperProfile {
        info,
        updated_at: rfc3339(updated_at),
        email_verified_at: verified_at.map(rfc3339),
    }))
}

/// Saves the developer information; a new or changed contact address is sent a link to
/// confirm it (unless links went out too often lately: the address is saved, and the
/// developer can ask for the link again later).
pub(super) async fn put(
    State(state): State<AppState>,
    Seller(user): Seller,
    RequestLocale(locale): RequestLocale,
    Valid(info): Valid<DeveloperInfo>,
) -> Result<ApiJson<DeveloperProfile>> {
    guard::reached(&state, &user, Step::Developer).await?;
    let now = state.clock.now();
    let changed = state.store.save_developer(user.id, &info, now).await?;
    if changed {
        match email_verification::send_link(&state, user.id, &info.email, locale).await {
            Ok(_) | Err(AppError::MailQuota { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    let verified_at = state.store.email_verified_at(user.id).await?;
    Ok(ApiJson(DeveloperProfile {
        info,
        updated_at: rfc3339(now),
        email_verified_at: verified_at.map(rfc3339),
    }))
}
