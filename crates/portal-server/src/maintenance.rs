//! Housekeeping on a schedule: expired sessions, old failed attempts and old idempotency
//! keys are deleted, so the database holds no more than it needs.

use crate::AppState;
use std::time::Duration;

const EVERY: Duration = Duration::from_secs(10 * 60);

/// Purges now and then every ten minutes, for as long as the process runs.
pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            match state.store.purge(state.clock.now()).await {
                Ok(purged) => tracing::debug!(?purged, "purged"),
                Err(e) => tracing::warn!(error = %e, "purge failed"),
            }
        }
    });
}
