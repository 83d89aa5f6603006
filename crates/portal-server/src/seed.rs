//! What a new database starts with: the first agreement and, for demos, two accounts.

use crate::{password, store::Store};
use portal_core::api::Role;

/// The demo seller that the README and the run command print.
pub const DEMO_SELLER: (&str, &str) = ("demo-seller", "seller-demo-2026");
/// The demo reviewer, who approves or rejects qualification applications.
pub const DEMO_REVIEWER: (&str, &str) = ("demo-reviewer", "reviewer-demo-2026");

pub const AGREEMENT_V1_TITLE: &str = "API Use Agreement";
pub const AGREEMENT_V1_BODY: &str = include_str!("../agreement-v1.txt");

/// Publishes version 1 of the agreement if none exists, and creates the demo
/// accounts if `demo_accounts` is set and the database has no accounts yet.
pub async fn ensure_defaults(store: &Store, now: i64, demo_accounts: bool) -> Result<(), String> {
    store
        .publish_first_agreement(AGREEMENT_V1_TITLE, AGREEMENT_V1_BODY, now)
        .await
        .map_err(|e| e.to_string())?;
    // Hashing is slow: only for a database that looks new, which the store checks again.
    if demo_accounts && store.count_accounts().await.map_err(|e| e.to_string())? == 0 {
        let mut accounts = Vec::new();
        for ((name, pass), role) in [(DEMO_SELLER, Role::Seller), (DEMO_REVIEWER, Role::Reviewer)] {
            accounts.push((name, password::hash(pass.to_owned()).await?, role));
        }
        store
            .create_first_accounts(&accounts, now)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}
