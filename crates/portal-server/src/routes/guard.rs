//! Steps of the journey the server enforces, not only the app: the order is the core's.

use crate::{clock::rfc3339, error::AppError, extract::AuthUser, AppState};
use portal_core::{
    api::AgreementStatus,
    journey::{Progress, Step},
};

/// Where the account stands (one store call): its agreement status, every step's progress
/// and its contact e-mail address.
pub(super) async fn standing(
    state: &AppState,
    user: &AuthUser,
) -> Result<(AgreementStatus, Progress, Option<String>), AppError> {
    let stored = state.store.progress(user.id).await?;
    let agreement = AgreementStatus {
        current_version: stored.current_agreement.ok_or(AppError::NotFound)?,
        accepted_version: stored.accepted.map(|(version, _)| version),
        accepted_at: stored.accepted.map(|(_, at)| rfc3339(at)),
    };
    let progress = stored.progress();
    Ok((agreement, progress, stored.email.map(|(email, _)| email)))
}

/// Refuses the request while a step before `step` is still to do.
pub(super) async fn reached(state: &AppState, user: &AuthUser, step: Step) -> Result<(), AppError> {
    let (_, progress, _) = standing(state, user).await?;
    reached_in(&progress, step)
}

/// [`reached`], on progress the caller has read itself (inside its own transaction).
pub(super) fn reached_in(progress: &Progress, step: Step) -> Result<(), AppError> {
    match progress.missing_before(step) {
        Some(missing) => Err(AppError::conflict(missing.required_code(), message(missing))),
        None => Ok(()),
    }
}

/// Refuses a qualification submission while a step before it is to do or the contact
/// e-mail address is not confirmed.
pub(super) fn may_submit(progress: &Progress) -> Result<(), AppError> {
    reached_in(progress, Step::Qualification)?;
    match progress.submission_blocked() {
        Some(code) => Err(AppError::conflict(
            code,
            "Confirm your contact e-mail address through the link we sent to it first.",
        )),
        None => Ok(()),
    }
}

/// For API clients other than the app, which words its own text from the code.
fn message(missing: Step) -> &'static str {
    match missing {
        Step::Agreement => "Accept the current API use agreement first.",
        Step::Developer => "Give your developer information first.",
        Step::Qualification | Step::CreateApps => {
            "A commercial developer needs an approved qualification before creating apps."
        }
    }
}
