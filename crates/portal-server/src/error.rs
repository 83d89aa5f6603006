//! Every failure a handler can return, and its one JSON shape on the wire.

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use portal_core::{error::code, ErrorBody, FieldError};

pub type Result<T, E = AppError> = std::result::Result<T, E>;

#[derive(Debug)]
pub enum AppError {
    /// No bearer token was sent.
    Unauthenticated,
    /// A token was sent but is unknown or expired.
    SessionExpired,
    InvalidCredentials,
    /// A host token that is not valid now: bad signature or algorithm, wrong audience or
    /// issuer, expired, too long-lived or issued in the future.
    InvalidHostToken,
    /// The account is disabled by an operator (said only to whoever knows its password, or
    /// holds a valid host token for it).
    AccountDisabled,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    /// The request conflicts with the current state; `code` says how.
    Conflict {
        code: &'static str,
        message: String,
    },
    /// The first request with this idempotency key is still running.
    InProgress,
    /// The idempotency key was used for a different request.
    KeyReused,
    Validation(Vec<FieldError>),
    /// The body is not the JSON the route takes. What was sent is never echoed.
    MalformedBody,
    BadHeader(&'static str),
    PayloadTooLarge,
    Timeout,
    /// Too many failed password checks; try again after `retry_after` seconds.
    TooManyAttempts {
        retry_after: i64,
    },
    /// Too many uploads lately; try again after `retry_after` seconds.
    UploadQuota {
        retry_after: i64,
    },
    /// Verification links were sent to this account lately; the next after `retry_after`.
    MailQuota {
        retry_after: i64,
    },
    /// Every password hasher is busy; try again in a moment.
    Busy,
    /// Details are logged with their causes, never sent.
    Internal(Box<dyn std::error::Error + Send + Sync>),
}

impl AppError {
    /// A 422 about one field.
    pub fn field(field: &str, code: &str) -> Self {
        AppError::Validation(vec![FieldError::new(field, code)])
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        AppError::Conflict {
            code,
            message: message.into(),
        }
    }

    pub fn internal(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        AppError::Internal(e.into())
    }

    /// A request body that could not be read: too large (413), or cut off. (Too slow is
    /// answered by the request deadline around every route.)
    pub fn from_body_error(e: axum::Error) -> Self {
        if e.into_inner()
            .downcast_ref::<http_body_util::LengthLimitError>()
            .is_some()
        {
            AppError::PayloadTooLarge
        } else {
            AppError::MalformedBody
        }
    }

    fn parts(self) -> (StatusCode, ErrorBody) {
        use AppError::*;
        let plain = |status, code, message: &str| (status, ErrorBody::new(code, message));
        match self {
            Unauthenticated => plain(
                StatusCode::UNAUTHORIZED,
                code::UNAUTHENTICATED,
                "Sign in to continue.",
            ),
            SessionExpired => plain(
                StatusCode::UNAUTHORIZED,
                code::SESSION_EXPIRED,
                "Your session has expired. Sign in again.",
            ),
            InvalidCredentials => plain(
                StatusCode::UNAUTHORIZED,
                code::INVALID_CREDENTIALS,
                "The account name or password is incorrect.",
            ),
            InvalidHostToken => plain(
                StatusCode::UNAUTHORIZED,
                code::INVALID_HOST_TOKEN,
                "The seller portal's sign-in could not be checked. Sign in to the seller portal again.",
            ),
            AccountDisabled => plain(
                StatusCode::FORBIDDEN,
                code::ACCOUNT_DISABLED,
                "This account is disabled. Ask the platform's operators to enable it again.",
            ),
            Forbidden => plain(
                StatusCode::FORBIDDEN,
                code::FORBIDDEN,
                "This account may not do that.",
            ),
            NotFound => plain(StatusCode::NOT_FOUND, code::NOT_FOUND, "Not found."),
            MethodNotAllowed => plain(
                StatusCode::METHOD_NOT_ALLOWED,
                code::METHOD_NOT_ALLOWED,
                "This address does not take that method.",
            ),
            Conflict { code, message } => (StatusCode::CONFLICT, ErrorBody::new(code, message)),
            InProgress => (
                StatusCode::CONFLICT,
                ErrorBody {
                    retry_after: Some(1),
                    ..ErrorBody::new(
                        code::REQUEST_IN_PROGRESS,
                        "The same request is still being processed. Try again in a moment.",
                    )
                },
            ),
            KeyReused => plain(
                StatusCode::CONFLICT,
                code::IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was used for a different request.",
            ),
            Validation(fields) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorBody {
                    fields,
                    ..ErrorBody::new(code::VALIDATION_FAILED, "Some answers need correcting.")
                },
            ),
            MalformedBody => plain(
                StatusCode::BAD_REQUEST,
                code::MALFORMED_BODY,
                "The request body is not the JSON this address takes.",
            ),
            BadHeader(name) => plain(
                StatusCode::BAD_REQUEST,
                code::BAD_HEADER,
                &format!("The {name} header has a value this API does not accept."),
            ),
            PayloadTooLarge => plain(
                StatusCode::PAYLOAD_TOO_LARGE,
                code::PAYLOAD_TOO_LARGE,
                "The request body is too large.",
            ),
            Timeout => plain(
                StatusCode::REQUEST_TIMEOUT,
                code::TIMEOUT,
                "The request took too long. Try again.",
            ),
            TooManyAttempts { retry_after } => waiting(
                StatusCode::TOO_MANY_REQUESTS,
                code::TOO_MANY_ATTEMPTS,
                "Too many incorrect passwords. Wait before trying again.",
                retry_after,
            ),
            UploadQuota { retry_after } => waiting(
                StatusCode::TOO_MANY_REQUESTS,
                code::UPLOAD_QUOTA,
                "Too many files uploaded lately. Wait before uploading again.",
                retry_after,
            ),
            MailQuota { retry_after } => waiting(
                StatusCode::TOO_MANY_REQUESTS,
                code::MAIL_QUOTA,
                "A link was sent a moment ago. Wait before asking for another.",
                retry_after,
            ),
            Busy => waiting(
                StatusCode::SERVICE_UNAVAILABLE,
                code::SERVER_BUSY,
                "The server is busy. Try again in a moment.",
                1,
            ),
            Internal(error) => {
                tracing::error!(error = %Chain(error.as_ref()), "internal error");
                plain(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    code::INTERNAL,
                    "Something went wrong on our side. Try again.",
                )
            }
        }
    }
}

/// An error and its causes on one line: "database: disk I/O error".
pub(crate) struct Chain<'a>(pub(crate) &'a (dyn std::error::Error + 'static));

impl std::fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut cause = self.0.source();
        while let Some(e) = cause {
            write!(f, ": {e}")?;
            cause = e.source();
        }
        Ok(())
    }
}

fn waiting(status: StatusCode, code: &str, message: &str, retry_after: i64) -> (StatusCode, ErrorBody) {
    (
        status,
        ErrorBody {
            retry_after: Some(retry_after.max(1) as u64),
            ..ErrorBody::new(code, message)
        },
    )
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, body) = self.parts();
        let retry_after = body.retry_after;
        let mut response = (status, Json(body)).into_response();
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

impl From<crate::store::StoreError> for AppError {
    fn from(e: crate::store::StoreError) -> Self {
        AppError::internal(e)
    }
}
