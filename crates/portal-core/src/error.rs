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
    /// A seller portal's token for host sign-in was refused.
    pub const INVALID_HOST_TOKEN: &str = "invalid_host_token";
    /// Host sign-in named an account that signs in with a password here.
    pub const ACCOUNT_NOT_HOSTED: &str = "account_not_hosted";
    pub const FORBIDDEN: &str = "forbidden";
    /// Sign-in with the right password to an account an operator has disabled.
    pub const ACCOUNT_DISABLED: &str = "account_disabled";
    pub const NOT_FOUND: &str = "not_found";
    pub const CONFLICT: &str = "conflict";
    pub const AGREEMENT_OUTDATED: &str = "agreement_outdated";
    pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
    pub const TOO_MANY_ATTEMPTS: &str = "too_many_attempts";
    pub const REQUEST_IN_PROGRESS: &str = "request_in_progress";
    pub const IDEMPOTENCY_KEY_REUSED: &str = "idempotency_key_reused";
    pub const AGREEMENT_REQUIRED: &str = "agreement_required";
    pub const DEVELOPER_INFO_REQUIRED: &str = "developer_info_required";
    pub const QUALIFICATION_REQUIRED: &str = "qualification_required";
    pub const ALREADY_DECIDED: &str = "already_decided";
    pub const APPLICATION_LOCKED: &str = "application_locked";
    pub const INTERNAL: &str = "internal";
    /// The request took too long on the server (or sending its body did).
    pub const TIMEOUT: &str = "timeout";
    /// Too many password checks are running; try again in a moment (`retry_after`).
    pub const SERVER_BUSY: &str = "server_busy";
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    /// A request header has a value the API does not accept.
    pub const BAD_HEADER: &str = "bad_header";
    /// The seller uploaded too many files recently (`retry_after`).
    pub const UPLOAD_QUOTA: &str = "upload_quota";
    /// Verification links were sent lately; another after `retry_after` seconds.
    pub const MAIL_QUOTA: &str = "mail_quota";
    /// The qualification needs the contact e-mail address confirmed first.
    pub const EMAIL_UNVERIFIED: &str = "email_unverified";
    /// The contact e-mail address is confirmed already; no link is sent.
    pub const EMAIL_ALREADY_VERIFIED: &str = "email_already_verified";
    /// A verification link past its 24 hours.
    pub const VERIFICATION_EXPIRED: &str = "verification_expired";
    /// A verification link opened before (each works once).
    pub const VERIFICATION_USED: &str = "verification_used";
    /// The app is online already.
    pub const ALREADY_ONLINE: &str = "already_online";
    /// A request to go online is waiting for a reviewer.
    pub const GO_LIVE_PENDING: &str = "go_live_pending";
    /// Revoke asked for an app whose replaced secret already stopped working.
    /// The app holds the permission group asked for already.
    pub const PERMISSION_ACTIVE: &str = "permission_active";
    /// A request for the group is waiting for a reviewer.
    pub const PERMISSION_PENDING: &str = "permission_pending";
    pub const NO_PREVIOUS_SECRET: &str = "no_previous_secret";
}

/// Per-field error codes (`FieldError::code`).
pub mod field_code {
    pub const REQUIRED: &str = "required";
    pub const TOO_LONG: &str = "too_long";
    pub const TOO_SHORT: &str = "too_short";
    pub const MUST_ACCEPT: &str = "must_accept";
    pub const EMAIL_FORMAT: &str = "email_format";
    pub const MOBILE_FORMAT: &str = "mobile_format";
    pub const MOBILE_CHINA: &str = "mobile_china";
    pub const URL_FORMAT: &str = "url_format";
    pub const COUNTRY_UNKNOWN: &str = "country_unknown";
    pub const NOT_A_NUMBER: &str = "not_a_number";
    pub const OUT_OF_RANGE: &str = "out_of_range";
    pub const INVALID_CHAR: &str = "invalid_char";
    pub const CIF_FORMAT: &str = "cif_format";
    pub const CIF_CONTROL: &str = "cif_control";
    /// A CIF number from a developer outside Spain, where it is not asked.
    pub const CIF_NOT_ASKED: &str = "cif_not_asked";
    pub const FILE_EMPTY: &str = "file_empty";
    pub const FILE_TOO_LARGE: &str = "file_too_large";
    pub const FILE_TYPE: &str = "file_type";
    pub const DUPLICATE: &str = "duplicate";
    pub const INCORRECT_PASSWORD: &str = "incorrect_password";
    pub const UPLOAD_MISSING: &str = "upload_missing";
    /// Control characters, direction overrides or other invisible formatting.
    pub const INVISIBLE_CHAR: &str = "invisible_char";
    /// A list with more entries than allowed (`max`).
    pub const TOO_MANY: &str = "too_many";
    /// A web address that must use https:// (plain http only to this machine).
    pub const URL_HTTPS: &str = "url_https";
    /// A web address with a fragment (`#…`), where one must be matched exactly.
    pub const URL_FRAGMENT: &str = "url_fragment";
    /// A web address with a wildcard (`*`), where one must be matched exactly.
    pub const URL_WILDCARD: &str = "url_wildcard";
    /// Not an IPv4 or IPv6 address or CIDR range.
    pub const IP_FORMAT: &str = "ip_format";
    /// A CIDR range with bits set past its prefix (`network`: the range meant).
    pub const CIDR_HOST_BITS: &str = "cidr_host_bits";
    /// A value that is not one of the choices offered.
    pub const NOT_A_CHOICE: &str = "not_a_choice";
}

/// One problem with one field of a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// With `too_many_attempts`: seconds until trying again is allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

impl ErrorBody {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
            fields: Vec::new(),
            retry_after: None,
        }
    }
}
