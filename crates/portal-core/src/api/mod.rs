//! Paths, requests and responses of the portal API (`/api/v1`).
//!
//! Times are RFC 3339 strings in UTC; the browser formats them for the reader.

mod account;
mod answers;
mod apps;
mod developer;
mod permissions;
mod qualification;
mod review;
mod settings;

pub use account::*;
pub use answers::*;
pub use apps::*;
pub use developer::*;
pub use permissions::*;
pub use qualification::*;
pub use review::*;
pub use settings::*;

use serde::{Deserialize, Serialize};

/// `GET /service`: the API says what it is, without a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceInfo {
    /// Always [`SERVICE_NAME`].
    pub service: String,
    /// The version of this API (the `v1` of `/api/v1`).
    pub api_version: u32,
}

/// The name the portal's API gives itself in [`ServiceInfo`].
pub const SERVICE_NAME: &str = "developer-portal";

/// The HTTP headers of the API beyond the standard ones: what the app sends and what it
/// may read. A cross-origin API must allow and expose exactly these, so the server's CORS
/// rules are built from these lists and tests check every entry.
pub mod headers {
    pub const AUTHORIZATION: &str = "Authorization";
    pub const CONTENT_TYPE: &str = "Content-Type";
    /// Makes a write happen once however often it is sent (see the server's idempotency).
    pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";
    /// The reader's language in the app (not the browser's): e-mails about an application
    /// are written in the language it was submitted in.
    pub const ACCEPT_LANGUAGE: &str = "Accept-Language";
    /// Every request header the app's HTTP client sets.
    pub const SENT: [&str; 4] = [AUTHORIZATION, CONTENT_TYPE, IDEMPOTENCY_KEY, ACCEPT_LANGUAGE];

    pub const RETRY_AFTER: &str = "Retry-After";
    /// Set on an answer that is the stored answer of an earlier request with the same key.
    pub const IDEMPOTENT_REPLAYED: &str = "Idempotent-Replayed";
    /// Every response header a client of the API may read.
    pub const READ: [&str; 2] = [RETRY_AFTER, IDEMPOTENT_REPLAYED];
    /// The methods the API answers.
    pub const METHODS: [&str; 4] = ["GET", "POST", "PUT", "DELETE"];
}

/// Paths relative to the API base URL. The server mounts exactly these; `{id}` is a
/// number, filled in by the functions below.
pub mod path {
    pub const SESSION: &str = "/session";
    /// Signing in with the embedding seller portal's token instead of a password.
    pub const SESSION_HOST: &str = "/session/host";
    /// Every session of the signed-in account (sign out everywhere).
    pub const SESSIONS: &str = "/sessions";
    pub const ME: &str = "/me";
    pub const AGREEMENT: &str = "/agreement";
    pub const AGREEMENT_ACCEPTANCE: &str = "/agreement/acceptance";
    pub const DEVELOPER: &str = "/developer";
    /// Sending the contact e-mail's verification link again.
    pub const DEVELOPER_EMAIL_VERIFICATION: &str = "/developer/email-verification";
    /// Opening a verification link: no session needed (it may be another browser).
    pub const EMAIL_VERIFICATION: &str = "/email-verification";
    pub const LICENCE_UPLOADS: &str = "/uploads/licence";
    pub const LICENCE_UPLOAD: &str = "/uploads/licence/{id}";
    pub const QUALIFICATION: &str = "/qualification";
    pub const APPS: &str = "/apps";
    pub const APP: &str = "/apps/{id}";
    pub const APP_SECRET_REVEAL: &str = "/apps/{id}/secret/reveal";
    pub const APP_SECRET_RESET: &str = "/apps/{id}/secret/reset";
    /// Stopping the secret a reset replaced before its grace period ends.
    pub const APP_SECRET_REVOKE_PREVIOUS: &str = "/apps/{id}/secret/revoke-previous";
    pub const APP_AUDIT: &str = "/apps/{id}/audit";
    /// Asking a reviewer to take an app from test to online.
    pub const APP_GO_LIVE: &str = "/apps/{id}/go-live";
    /// Asking for an API permission group.
    pub const APP_PERMISSIONS: &str = "/apps/{id}/permissions";
    pub const APP_CALLBACK_URLS: &str = "/apps/{id}/callback-urls";
    pub const APP_ALLOWED_SOURCES: &str = "/apps/{id}/allowed-sources";
    pub const CREDENTIALS_VERIFY: &str = "/credentials/verify";
    pub const REVIEW_APPLICATIONS: &str = "/review/applications";
    pub const REVIEW_APPLICATION: &str = "/review/applications/{id}";
    /// Opening an application for review (a write, so that reading never changes state).
    pub const REVIEW_START: &str = "/review/applications/{id}/start";
    pub const REVIEW_DECISION: &str = "/review/applications/{id}/decision";
    /// Apps asking to go online, pending first; `{id}` is the app's.
    pub const REVIEW_GO_LIVE: &str = "/review/go-live";
    pub const REVIEW_GO_LIVE_ITEM: &str = "/review/go-live/{id}";
    pub const REVIEW_GO_LIVE_DECISION: &str = "/review/go-live/{id}/decision";
    /// Permission requests, pending first; `{id}` is the request's.
    pub const REVIEW_PERMISSIONS: &str = "/review/permissions";
    pub const REVIEW_PERMISSION: &str = "/review/permissions/{id}";
    pub const REVIEW_PERMISSION_DECISION: &str = "/review/permissions/{id}/decision";
    pub const OPENAPI: &str = "/openapi.json";
    /// What answers here: lets the app check at start-up that it was pointed at this API.
    pub const SERVICE: &str = "/service";

    /// `pattern` with `{id}` replaced.
    pub fn with_id(pattern: &str, id: i64) -> String {
        pattern.replace("{id}", &id.to_string())
    }
}

/// Who an account is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Seller,
    Reviewer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Seller => "seller",
            Role::Reviewer => "reviewer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "seller" => Some(Role::Seller),
            "reviewer" => Some(Role::Reviewer),
            _ => None,
        }
    }
}
