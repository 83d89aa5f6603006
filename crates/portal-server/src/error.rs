//! Every failure a handler can return, and its one JSON shape on the wire.

use axum::{
    http::StatusCode,
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
    Forbidden,
    NotFound,
    /// The request conflicts with the current state; `code` says how.
    Conflict {
        code: &'static str,
        message: String,
    },
    Validation(Vec<FieldError>),
    MalformedBody(String),
    /// Too many failed password checks; try again after `retry_after` seconds.
    TooManyAttempts {
        retry_after: i64,
    },
    /// Details are logged, never sent.
    Internal(String),
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

    pub fn internal(e: impl std::fmt::Display) -> Self {
        AppError::Internal(e.to_string())
    }

    fn parts(self) -> (StatusCode, ErrorBody) {
        use AppError::*;
        match self {
            Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                ErrorBody::new(code::UNAUTHENTICATED, "Sign in to continue."),
            ),
            SessionExpired => (
                StatusCode::UNAUTHORIZED,
                ErrorBody::new(code::SESSION_EXPIRED, "Your session has expired. Sign in again."),
            ),
            InvalidCredentials => (
                StatusCode::UNAUTHORIZED,
                ErrorBody::new(
                    code::INVALID_CREDENTIALS,
                    "The account name or password is incorrect.",
                ),
            ),
            Forbidden => (
                StatusCode::FORBIDDEN,
                ErrorBody::new(code::FORBIDDEN, "This account may not do that."),
            ),
            NotFound => (
                StatusCode::NOT_FOUND,
                ErrorBody::new(code::NOT_FOUND, "Not found."),
            ),
            Conflict { code, message } => (StatusCode::CONFLICT, ErrorBody::new(code, message)),
            Validation(fields) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorBody {
                    fields,
                    ..ErrorBody::new(code::VALIDATION_FAILED, "Some answers need correcting.")
                },
            ),
            MalformedBody(detail) => (
                StatusCode::BAD_REQUEST,
                ErrorBody::new(
                    code::MALFORMED_BODY,
                    format!("The request body could not be read: {detail}"),
                ),
            ),
            TooManyAttempts { retry_after } => (
                StatusCode::TOO_MANY_REQUESTS,
                ErrorBody {
                    retry_after: Some(retry_after as u64),
                    ..ErrorBody::new(
                        code::TOO_MANY_ATTEMPTS,
                        format!(
                            "Too many incorrect passwords. Try again in {} minutes.",
                            (retry_after + 59) / 60
                        ),
                    )
                },
            ),
            Internal(detail) => {
                tracing::error!(%detail, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorBody::new(code::INTERNAL, "Something went wrong on our side. Try again."),
                )
            }
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, body) = self.parts();
        let retry_after = body.retry_after;
        let mut response = (status, Json(body)).into_response();
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, secs.into());
        }
        response
    }
}

impl From<crate::store::StoreError> for AppError {
    fn from(e: crate::store::StoreError) -> Self {
        AppError::internal(e)
    }
}
