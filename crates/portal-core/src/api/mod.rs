//! Paths, requests and responses of the portal API (`/api/v1`).
//!
//! Times are RFC 3339 strings in UTC; the browser formats them for the reader.

mod account;
mod apps;
mod developer;
mod qualification;
mod review;

pub use account::*;
pub use apps::*;
pub use developer::*;
pub use qualification::*;
pub use review::*;

use serde::{Deserialize, Serialize};

/// Paths relative to the API base URL. The server mounts exactly these; `{id}` is a
/// number, filled in by the functions below.
pub mod path {
    pub const SESSION: &str = "/session";
    /// Every session of the signed-in account (sign out everywhere).
    pub const SESSIONS: &str = "/sessions";
    pub const ME: &str = "/me";
    pub const AGREEMENT: &str = "/agreement";
    pub const AGREEMENT_ACCEPTANCE: &str = "/agreement/acceptance";
    pub const DEVELOPER: &str = "/developer";
    pub const LICENCE_UPLOADS: &str = "/uploads/licence";
    pub const LICENCE_UPLOAD: &str = "/uploads/licence/{id}";
    pub const QUALIFICATION: &str = "/qualification";
    pub const APPS: &str = "/apps";
    pub const APP: &str = "/apps/{id}";
    pub const APP_SECRET_REVEAL: &str = "/apps/{id}/secret/reveal";
    pub const APP_SECRET_RESET: &str = "/apps/{id}/secret/reset";
    pub const CREDENTIALS_VERIFY: &str = "/credentials/verify";
    pub const REVIEW_APPLICATIONS: &str = "/review/applications";
    pub const REVIEW_APPLICATION: &str = "/review/applications/{id}";
    /// Opening an application for review (a write, so that reading never changes state).
    pub const REVIEW_START: &str = "/review/applications/{id}/start";
    pub const REVIEW_DECISION: &str = "/review/applications/{id}/decision";
    pub const OPENAPI: &str = "/openapi.json";

    /// `pattern` with `{id}` replaced.
    pub fn with_id(pattern: &str, id: i64) -> String {
        pattern.replace("{id}", &id.to_string())
    }
}

/// Who an account is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
