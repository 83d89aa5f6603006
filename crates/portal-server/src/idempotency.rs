//! Exactly-once writes: a state-changing request that carries an `Idempotency-Key`
//! runs once per account and key; a retry (its first answer was lost on the way) gets
//! the stored answer. Only successes are kept, so a corrected request can reuse the key.
//! Everything lives in the database, so every replica agrees.

use crate::{
    error::AppError,
    extract::{bearer_account, SessionAccount},
    store::{Begin, StoredResponse},
    AppState,
};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, Method},
    middleware::Next,
    response::{IntoResponse, Response},
};
use portal_core::error::code;

pub const HEADER: &str = "idempotency-key";
/// Set on a response that is a replay of the first one.
pub const REPLAYED: &str = "idempotent-replayed";
const KEY_MAX: usize = 100;
/// Responses are small JSON documents; a larger one is not kept.
const BODY_MAX: usize = 1024 * 1024;

pub async fn layer(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if !matches!(*req.method(), Method::POST | Method::PUT | Method::DELETE) {
        return next.run(req).await;
    }
    let Some(key) = req
        .headers()
        .get(HEADER)
        .map(|v| v.to_str().unwrap_or_default().to_owned())
    else {
        return next.run(req).await;
    };
    if key.is_empty() || key.len() > KEY_MAX || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return AppError::MalformedBody("Idempotency-Key must be 1 to 100 visible ASCII characters".into())
            .into_response();
    }
    // Keys belong to an account; without a valid session the handler refuses as usual.
    let Ok((session, account)) = bearer_account(&state, req.headers()).await else {
        return next.run(req).await;
    };
    req.extensions_mut()
        .insert(SessionAccount(session, account.clone()));
    let (method, path) = (req.method().to_string(), req.uri().path().to_owned());
    let begin = state
        .store
        .idempotency_begin(account.id, &key, &method, &path, state.clock.now())
        .await;
    match begin {
        Err(e) => AppError::from(e).into_response(),
        Ok(Begin::Replay(stored)) => replay(stored),
        Ok(Begin::InProgress) => AppError::conflict(
            code::REQUEST_IN_PROGRESS,
            "The same request is still being processed.",
        )
        .into_response(),
        Ok(Begin::Mismatch) => AppError::conflict(
            code::IDEMPOTENCY_KEY_REUSED,
            "This Idempotency-Key was used for another request.",
        )
        .into_response(),
        Ok(Begin::Run) => {
            let response = next.run(req).await;
            keep_if_success(&state, account.id, &key, response).await
        }
    }
}

async fn keep_if_success(state: &AppState, account_id: i64, key: &str, response: Response) -> Response {
    if !response.status().is_success() {
        if let Err(e) = state.store.idempotency_release(account_id, key).await {
            tracing::error!(error = %e, "could not release an idempotency key");
        }
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, BODY_MAX).await {
        Ok(bytes) => bytes,
        Err(e) => return AppError::internal(e).into_response(),
    };
    let stored = StoredResponse {
        status: parts.status.as_u16(),
        content_type: parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        body: bytes.to_vec(),
    };
    if let Err(e) = state.store.idempotency_finish(account_id, key, stored).await {
        tracing::error!(error = %e, "could not keep an idempotent response");
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn replay(stored: StoredResponse) -> Response {
    let mut response = Response::new(Body::from(stored.body));
    *response.status_mut() = axum::http::StatusCode::from_u16(stored.status).unwrap_or_default();
    if let Some(value) = stored.content_type.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
        .headers_mut()
        .insert(REPLAYED, HeaderValue::from_static("true"));
    response
}
