//! Who is signed in: kept in the browser's local storage so that a refresh keeps it, or,
//! when the host page signs its sellers in, in memory only (the host gives a new token).

use crate::api::{Api, AuthApi};
use leptos::prelude::*;
use portal_core::api::Account;
use serde::{Deserialize, Serialize};

const STORAGE_KEY: &str = "portal.session";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Stored {
    token: String,
    account: Account,
}

/// The signed-in session, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    stored: RwSignal<Option<Stored>>,
    /// Set when the server said the session ended, so sign-in can say why.
    expired: RwSignal<bool>,
    /// Set when the session ended while a form was being sent: the page stays, with
    /// everything typed, and a dialog asks for the password again.
    reauth: RwSignal<bool>,
    /// Sessions opened through the host are not written to the browser's storage.
    remembered: bool,
    host: StoredValue<crate::host::Host>,
}

impl Session {
    /// The session kept from an earlier visit, if any.
    pub fn restore(host: crate::host::Host) -> Self {
        let remembered = !host.signs_in();
        let stored = storage()
            .filter(|_| remembered)
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|text| crate::json::from_str(&text).ok());
        Self {
            stored: RwSignal::new(stored),
            expired: RwSignal::new(false),
            reauth: RwSignal::new(false),
            remembered,
            host: StoredValue::new(host),
        }
    }

    pub fn account(&self) -> Option<Account> {
        self.stored.with(|s| s.as_ref().map(|s| s.account.clone()))
    }

    /// Who is signed in now, without tracking changes (whose drafts a form keeps).
    pub fn account_name(&self) -> Option<String> {
        self.stored
            .with_untracked(|s| s.as_ref().map(|s| s.account.name.clone()))
    }

    pub fn is_signed_in(&self) -> bool {
        self.stored.with(Option::is_some)
    }

    /// An authenticated client, if signed in. Not reactive on purpose: a new token
    /// (signing in again) must not reload pages and lose what was typed.
    pub fn client(&self, api: &Api) -> Option<AuthApi> {
        self.stored
            .with_untracked(|s| s.as_ref().map(|s| api.with_token(s.token.clone())))
    }

    pub fn begin(&self, client: &AuthApi, account: Account) {
        let stored = Stored {
            token: client.token().to_owned(),
            account,
        };
        if let (Some(storage), Ok(text), true) = (storage(), serde_json::to_string(&stored), self.remembered)
        {
            let _ = storage.set_item(STORAGE_KEY, &text);
        }
        self.expired.set(false);
        self.reauth.set(false);
        self.stored.set(Some(stored));
    }

    /// Forgets the session (signing out).
    pub fn end(&self) {
        if let Some(storage) = storage() {
            let _ = storage.remove_item(STORAGE_KEY);
        }
        self.stored.set(None);
    }

    /// Forgets a session the server no longer accepts, remembering to say so.
    pub fn expire(&self) {
        self.end();
        self.expired.set(true);
        self.host.with_value(|h| h.emit("session-expired", &[]));
    }

    /// Asks for the password again without leaving the page.
    pub fn ask_reauth(&self) {
        self.reauth.set(true);
        self.host.with_value(|h| h.emit("session-expired", &[]));
    }

    /// Whether the re-authentication dialog is open (and the way to close it).
    pub fn reauth(&self) -> RwSignal<bool> {
        self.reauth
    }

    pub fn was_expired(&self) -> bool {
        self.expired.get()
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}
