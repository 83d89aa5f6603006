//! Slowing down password guessing without locking the owner out.
//!
//! Every password check is reserved in the database before it runs (so parallel guesses
//! are counted), keyed by account *and* client address. After a few free failures each
//! further attempt waits a doubling pause; failures from one address do not slow the
//! account's owner at another, except under a many-address attack on one account.

use crate::{error::AppError, store::Allowance, AppState};

pub const SIGN_IN: &str = "sign_in";
pub const STEP_UP: &str = "step_up";
pub const VERIFY: &str = "verify";

/// Failures of one account from one address before attempts slow down.
pub const FREE_FAILURES: usize = 5;
pub const WINDOW_SECS: i64 = 15 * 60;

pub const PASSWORDS: Allowance = Allowance {
    per_account_client: FREE_FAILURES,
    per_client: 30,
    per_account: 100,
    window_secs: WINDOW_SECS,
};

/// The gateway's credential checks: many apps behind one address, so more room per address.
pub const CREDENTIALS: Allowance = Allowance {
    per_account_client: 10,
    per_client: 100,
    per_account: 200,
    window_secs: WINDOW_SECS,
};

/// A reserved check; say how it went with [`Attempt::settle`].
#[must_use]
pub struct Attempt {
    id: i64,
}

/// Reserves a check for `account` from `client`, or refuses with 429 and how long to wait.
pub async fn reserve(
    state: &AppState,
    account: &str,
    client: &str,
    purpose: &'static str,
    allowance: Allowance,
) -> Result<Attempt, AppError> {
    let now = state.clock.now();
    match state
        .store
        .reserve_attempt(&account.to_lowercase(), client, purpose, allowance, now)
        .await?
    {
        Ok(id) => Ok(Attempt { id }),
        Err(retry_after) => Err(AppError::TooManyAttempts { retry_after }),
    }
}

/// Checks `password` against `stored` (the account's hash, or none for an unknown name) as
/// one throttled attempt of `account` from `client`: reserved first, settled after.
pub async fn check_password(
    state: &AppState,
    account: &str,
    client: &str,
    purpose: &'static str,
    password: String,
    stored: Option<String>,
) -> Result<bool, AppError> {
    let attempt = reserve(state, account, client, purpose, PASSWORDS).await?;
    let ok = crate::password::verify(password, stored).await?;
    attempt.settle(state, ok).await?;
    Ok(ok)
}

impl Attempt {
    pub async fn settle(self, state: &AppState, ok: bool) -> Result<(), AppError> {
        state.store.settle_attempt(self.id, ok).await?;
        Ok(())
    }
}
