//! Everything that can go wrong with a call.

use portal_core::{error::code, ErrorBody, FieldError};

/// Everything that can go wrong with a call, as the user interface needs to tell it.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The API at this base URL could not be reached (DNS, CORS, server down).
    Network(String),
    /// The browser says it has no network at all (`navigator.onLine`).
    Offline,
    /// No valid session: the token is missing, unknown or expired.
    SessionExpired,
    /// Sign-in refused: wrong account name or password.
    InvalidCredentials,
    /// Sign-in refused: the account is disabled by the platform's operators.
    AccountDisabled,
    Forbidden,
    NotFound,
    /// The request conflicts with the current state (e.g. a newer agreement version).
    Conflict(ErrorBody),
    /// The server's rules refused fields; shown beside the same inputs.
    Validation(Vec<FieldError>),
    /// Too many wrong passwords; trying again is allowed after this many seconds.
    TooManyAttempts(Option<u64>),
    /// Too many uploads lately; uploading again is allowed after this many seconds.
    UploadQuota(Option<u64>),
    /// A verification link was sent lately; another after so many seconds.
    MailQuota(Option<u64>),
    /// The server is busy (or still working on the same request); try again shortly.
    Busy(Option<u64>),
    /// No answer in time (the app's own limit, or the server's).
    Timeout,
    /// What was sent is larger than the server takes.
    TooLarge,
    /// 5xx or any status the app does not expect.
    Server(u16),
    /// A 2xx whose body could not be read.
    BadResponse,
}

impl ApiError {
    pub(super) fn from_status(status: u16, body: Option<ErrorBody>) -> Self {
        let code = body.as_ref().map(|b| b.code.as_str()).unwrap_or_default();
        match status {
            401 if code == code::INVALID_CREDENTIALS => ApiError::InvalidCredentials,
            401 => ApiError::SessionExpired,
            403 if code == code::ACCOUNT_DISABLED => ApiError::AccountDisabled,
            403 => ApiError::Forbidden,
            404 => ApiError::NotFound,
            408 => ApiError::Timeout,
            409 if code == code::REQUEST_IN_PROGRESS => ApiError::Busy(body.and_then(|b| b.retry_after)),
            409 => ApiError::Conflict(body.unwrap_or_else(|| ErrorBody::new(code::CONFLICT, ""))),
            413 => ApiError::TooLarge,
            422 => ApiError::Validation(body.map(|b| b.fields).unwrap_or_default()),
            429 if code == code::UPLOAD_QUOTA => ApiError::UploadQuota(body.and_then(|b| b.retry_after)),
            429 if code == code::MAIL_QUOTA => ApiError::MailQuota(body.and_then(|b| b.retry_after)),
            429 => ApiError::TooManyAttempts(body.and_then(|b| b.retry_after)),
            503 if code == code::SERVER_BUSY => ApiError::Busy(body.and_then(|b| b.retry_after)),
            s => ApiError::Server(s),
        }
    }
}
