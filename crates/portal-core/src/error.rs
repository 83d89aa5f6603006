//! The one error shape of the API, and the machine codes it carries.
//!
//! Codes (not sentences) cross the wire so that the browser app can phrase each
//! one in the reader's language; `message` is an English fallback for other clients.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Whole-request error codes (`ErrorBody::code`).
pub mod code {
    pub const VALIDATION_FAILED: &str = "validation_failed";
    pub const MALFORMED_BODY: &str = "malformed_body";
    pub const UNAUTHENTICATED: &str = "unauthenticated";
    pub const SESSION_EXPIRED: &str = "session_expired";
    pub const INVALID_CREDENTIALS: &str = "invalid_credentials";
    pub const FORBIDDEN: &str = "forbidden";
    pub const NOT_FOUND: &str = "not_found";
    pub const CONFLICT: &str = "conflict";
    pub const AGREEMENT_OUTDATED: &str = "agreement_outdated";
    pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
    pub const INTERNAL: &str = "internal";
}

/// Per-field error codes (`FieldError::code`).
pub mod field_code {
    pub const REQUIRED: &str = "required";
    pub const TOO_LONG: &str = "too_long";
    pub const TOO_SHORT: &str = "too_short";
    pub const MUST_ACCEPT: &str = "must_accept";
}

/// One problem with one field of a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    /// The request field's name, which is also the form input's id.
    pub field: String,
    /// What is wrong, as a code from [`field_code`] or a rule's own code.
    pub code: String,
    /// Values the message needs (for example `max`), never the submitted value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, serde_json::Value>,
}

impl FieldError {
    pub fn new(field: &str, code: &str) -> Self {
        Self {
            field: field.to_owned(),
            code: code.to_owned(),
            params: BTreeMap::new(),
        }
    }

    /// A numeric parameter such as `max`, if present.
    pub fn param_u64(&self, name: &str) -> Option<u64> {
        self.params.get(name).and_then(serde_json::Value::as_u64)
    }

    /// A text parameter such as `char`, if present.
    pub fn param_str(&self, name: &str) -> Option<&str> {
        self.params.get(name).and_then(serde_json::Value::as_str)
    }
}

/// The body of every non-2xx API response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

impl ErrorBody {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
            fields: Vec::new(),
        }
    }
}
