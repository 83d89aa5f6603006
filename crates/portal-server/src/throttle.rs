//! Slowing down password guessing: after `MAX_FAILURES` failed checks within `WINDOW_SECS`
//! for one account and purpose, further checks are refused until the oldest ages out.

use crate::{error::AppError, AppState};

pub const MAX_FAILURES: usize = 5;
pub const WINDOW_SECS: i64 = 15 * 60;

pub const SIGN_IN: &str = "sign_in";
pub const STEP_UP: &str = "step_up";

/// Refuses with 429 while the account has used up its attempts.
pub async fn check(state: &AppState, account: &str, purpose: &'static str) -> Result<(), AppError> {
    let now = state.clock.now();
    let failures = state
        .store
        .failures_since(account, purpose, now - WINDOW_SECS)
        .await?;
    if failures.len() >= MAX_FAILURES {
        let oldest_counted = failures[failures.len() - MAX_FAILURES];
        return Err(AppError::TooManyAttempts {
            retry_after: (oldest_counted + WINDOW_SECS - now).max(1),
        });
    }
    Ok(())
}

/// Records the outcome of a password check.
pub async fn record(
    state: &AppState,
    account: &str,
    purpose: &'static str,
    ok: bool,
) -> Result<(), AppError> {
    if ok {
        state.store.clear_failures(account, purpose).await?;
    } else {
        state
            .store
            .record_failure(account, purpose, state.clock.now())
            .await?;
    }
    Ok(())
}
