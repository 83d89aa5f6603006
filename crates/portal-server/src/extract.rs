//! Extractors that answer in the API's error shape, never in axum's plain text.

use crate::{error::AppError, token, AppState};
use axum::{
    extract::{rejection::JsonRejection, FromRequest, FromRequestParts, Request},
    http::{header, request::Parts, StatusCode},
    response::{IntoResponse, Response},
};
use portal_core::{api::Role, locale::Locale, Form};
use serde::{de::DeserializeOwned, Serialize};

/// JSON in and out; a body that cannot be read becomes a 400 in the API's shape.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(malformed(rejection)),
        }
    }
}

fn malformed(rejection: JsonRejection) -> AppError {
    match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
        StatusCode::REQUEST_TIMEOUT => AppError::Timeout,
        _ => AppError::MalformedBody,
    }
}

/// A path parameter; one that does not parse (`/apps/abc`) names nothing, so it is a 404.
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| ApiPath(value))
            .map_err(|_| AppError::NotFound)
    }
}

/// The address the request came from, for throttling; `unknown` when the server was not
/// started with connection information (in-process tests).
pub struct ClientAddr(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let addr = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip().to_string())
            .unwrap_or_else(|| "unknown".into());
        Ok(ClientAddr(addr))
    }
}

/// The reader's language in the app (its `Accept-Language`): what the server writes to them
/// about this request is in it. English when none of ours is asked for.
pub struct RequestLocale(pub Locale);

impl<S: Send + Sync> FromRequestParts<S> for RequestLocale {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let locale = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Locale::from_accept_language)
            .unwrap_or(Locale::En);
        Ok(RequestLocale(locale))
    }
}

impl<T: Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// A form request that passed the shared rules (trimmed and validated), or a 422.
pub struct Valid<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Form> FromRequest<S> for Valid<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let ApiJson(value) = ApiJson::<T>::from_request(req, state).await?;
        value.check().map(Valid).map_err(AppError::Validation)
    }
}

/// The signed-in account behind the request's bearer token.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: i64,
    pub name: String,
    pub role: Role,
    /// Hash of the session token, to end this session.
    pub session: String,
}

/// A signed-in seller (developer): the extractor of every seller route; anyone else 403.
#[derive(Debug, Clone)]
pub struct Seller(pub AuthUser);

/// A signed-in reviewer: the extractor of every review route; anyone else 403.
#[derive(Debug, Clone)]
pub struct Reviewer(pub AuthUser);

async fn with_role(parts: &mut Parts, state: &AppState, role: Role) -> Result<AuthUser, AppError> {
    let user = AuthUser::from_request_parts(parts, state).await?;
    if user.role == role {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

impl FromRequestParts<AppState> for Seller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        with_role(parts, state, Role::Seller).await.map(Seller)
    }
}

impl FromRequestParts<AppState> for Reviewer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        with_role(parts, state, Role::Reviewer).await.map(Reviewer)
    }
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        // The idempotency layer may already have looked the session up for this request.
        let (session, account) = match parts.extensions.get::<SessionAccount>() {
            Some(SessionAccount(session, account)) => (session.clone(), account.clone()),
            None => bearer_account(state, &parts.headers).await?,
        };
        Ok(AuthUser {
            id: account.id,
            name: account.name,
            role: account.role,
            session,
        })
    }
}

/// A request's session (token hash) and account, once looked up, kept in its extensions.
#[derive(Debug, Clone)]
pub struct SessionAccount(pub String, pub crate::store::AccountRow);

/// The session (its token's hash) and account behind a request's bearer token.
pub async fn bearer_account(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<(String, crate::store::AccountRow), AppError> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(AppError::Unauthenticated)?;
    let session = token::hash(bearer.trim());
    let account = state
        .store
        .session_account(&session, state.clock.now())
        .await?
        .ok_or(AppError::SessionExpired)?;
    Ok((session, account))
}
