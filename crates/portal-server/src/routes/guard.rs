//! Steps of the journey the server enforces, not only the app.

use crate::{error::AppError, extract::AuthUser, AppState};
use portal_core::{
    api::{DeveloperInfo, QualificationStatus},
    error::code,
};

/// The current agreement version must be accepted.
pub(super) async fn agreement_accepted(state: &AppState, user: &AuthUser) -> Result<(), AppError> {
    let status = super::session::agreement_status(state, user.id).await?;
    if status.needs_acceptance() {
        return Err(AppError::conflict(
            code::AGREEMENT_REQUIRED,
            "Accept the current API use agreement first.",
        ));
    }
    Ok(())
}

/// The developer information must be given.
pub(super) async fn developer(state: &AppState, user: &AuthUser) -> Result<DeveloperInfo, AppError> {
    agreement_accepted(state, user).await?;
    state
        .store
        .developer(user.id)
        .await?
        .map(|(info, _)| info)
        .ok_or_else(|| {
            AppError::conflict(
                code::DEVELOPER_INFO_REQUIRED,
                "Give your developer information first.",
            )
        })
}

/// A commercial developer needs an approved qualification.
pub(super) async fn approved_qualification(state: &AppState, user: &AuthUser) -> Result<(), AppError> {
    developer(state, user).await?;
    match state.store.qualification_of(user.id).await? {
        Some(q) if q.status == QualificationStatus::Approved => Ok(()),
        _ => Err(AppError::conflict(
            code::QUALIFICATION_REQUIRED,
            "A commercial developer needs an approved qualification before creating apps.",
        )),
    }
}
