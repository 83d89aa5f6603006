//! Exactly-once writes, as Stripe does them: a state-changing request that carries an
//! `Idempotency-Key` runs once per account and key; a retry of the *same* request (same
//! method, path and body, compared by a keyed fingerprint) gets the first answer; a
//! different request with a used key is refused. Only successes are kept, so a corrected
//! request can reuse a key; a request that was abandoned (connection lost, process
//! killed) lets its key go. Everything lives in the database, so every replica agrees.
//!
//! What a route does with a key is its [`Replay`] policy: answers that carry a credential
//! are never kept in clear, and their replay re-runs the route's own checks.

use crate::{
    error::AppError,
    extract::{bearer_account, SessionAccount},
    store::{Begin, StoredResponse},
    AppState,
};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use portal_core::api::headers::{IDEMPOTENCY_KEY as HEADER, IDEMPOTENT_REPLAYED};
const KEY_MAX: usize = 100;
/// Responses are small JSON documents; a larger one is not kept.
const RESPONSE_MAX: usize = 1024 * 1024;
/// The largest body a keyed request may carry (the licence upload's 2 MiB, with room).
pub const REQUEST_MAX: usize = 4 * 1024 * 1024;

/// What a route does with an `Idempotency-Key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replay {
    /// Reads: keys are not looked at.
    None,
    /// The answer is kept and replayed to a retry of the same request.
    Kept,
    /// The answer carries a credential (a new AppSecret): it is kept sealed under the
    /// server's key, and a retry runs the route's checks again (password, throttle, audit)
    /// before the route hands back the [`PriorAnswer`] instead of acting twice.
    Guarded,
    /// Repeating is harmless and each time must be checked and audited (sign-in, reveal):
    /// the key is ignored and nothing is kept.
    Repeat,
}

/// The first answer of a [`Replay::Guarded`] request, opened, for its route to return
/// once its checks passed again.
#[derive(Debug, Clone)]
pub struct PriorAnswer(pub StoredResponse);

impl IntoResponse for PriorAnswer {
    fn into_response(self) -> Response {
        plain_response(self.0)
    }
}

pub async fn layer(
    State((state, replay)): State<(AppState, Replay)>,
    mut req: Request,
    next: Next,
) -> Response {
    if matches!(replay, Replay::None | Replay::Repeat) {
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
        return AppError::BadHeader(HEADER).into_response();
    }
    // Keys belong to an account; without a valid session the handler refuses as usual.
    let Ok((session, account)) = bearer_account(&state, req.headers()).await else {
        return next.run(req).await;
    };
    req.extensions_mut()
        .insert(SessionAccount(session, account.clone()));
    let (parts, body) = req.into_parts();
    // The full path (the router nests this one under /api/v1).
    let path = parts
        .extensions
        .get::<axum::extract::OriginalUri>()
        .map_or_else(|| parts.uri.path().to_owned(), |uri| uri.path().to_owned());
    let bytes = match axum::body::to_bytes(body, REQUEST_MAX).await {
        Ok(bytes) => bytes,
        Err(e) => return AppError::from_body_error(e).into_response(),
    };
    // A guarded route's body is only the step-up credential, checked again on every retry:
    // a retry after a lost answer may carry a fresh one (a host's new token), so it is not
    // part of what the key is bound to.
    let body: &[u8] = if replay == Replay::Guarded { b"" } else { &bytes };
    let fingerprint = state.secrets.fingerprint(&[
        parts.method.as_str().as_bytes(),
        path.as_bytes(),
        parts.uri.query().unwrap_or_default().as_bytes(),
        body,
    ]);
    let mut req = Request::from_parts(parts, Body::from(bytes));
    let begin = state
        .store
        .idempotency_begin(account.id, &key, &fingerprint, state.clock.now())
        .await;
    match begin {
        Err(e) => AppError::from(e).into_response(),
        Ok(Begin::InProgress) => AppError::InProgress.into_response(),
        Ok(Begin::Mismatch) => AppError::KeyReused.into_response(),
        // Only guarded routes keep sealed answers; theirs are opened for the route itself.
        Ok(Begin::Replay(stored)) if !stored.sealed => replayed(plain_response(stored)),
        Ok(Begin::Replay(mut stored)) => {
            let opened = String::from_utf8(std::mem::take(&mut stored.body))
                .ok()
                .and_then(|sealed| state.secrets.open(&sealed));
            let Some(opened) = opened else {
                return AppError::internal("a kept answer does not open with this server's key")
                    .into_response();
            };
            stored.body = opened.into_bytes();
            stored.sealed = false;
            req.extensions_mut().insert(PriorAnswer(stored));
            let response = next.run(req).await;
            if response.status().is_success() {
                replayed(response)
            } else {
                response
            }
        }
        Ok(Begin::Run) => {
            let hold = KeyHold {
                state: state.clone(),
                account_id: account.id,
                key,
                settled: false,
            };
            let response = next.run(req).await;
            hold.settle(response, replay == Replay::Guarded).await
        }
    }
}

/// A key held by a running request. If the request is dropped before it answers (the
/// client went away and the server stopped working on it), the key is let go at once.
struct KeyHold {
    state: AppState,
    account_id: i64,
    key: String,
    settled: bool,
}

impl KeyHold {
    /// Keeps a success (sealed when `seal`), or lets the key go after a failure.
    async fn settle(mut self, response: Response, seal: bool) -> Response {
        self.settled = true;
        let store = &self.state.store;
        if !response.status().is_success() {
            if let Err(e) = store.idempotency_release(self.account_id, &self.key).await {
                tracing::error!(error = %e, "could not release an idempotency key");
            }
            return response;
        }
        let (parts, body) = response.into_parts();
        let bytes = match axum::body::to_bytes(body, RESPONSE_MAX).await {
            Ok(bytes) => bytes,
            Err(e) => return AppError::internal(e).into_response(),
        };
        let kept = if seal {
            String::from_utf8(bytes.to_vec())
                .map(|text| self.state.secrets.seal(&text).into_bytes())
                .ok()
        } else {
            Some(bytes.to_vec())
        };
        let outcome = match kept {
            Some(body) => {
                let stored = StoredResponse {
                    status: parts.status.as_u16(),
                    content_type: parts
                        .headers
                        .get(header::CONTENT_TYPE)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned),
                    body,
                    sealed: seal,
                };
                store.idempotency_finish(self.account_id, &self.key, stored).await
            }
            None => store.idempotency_release(self.account_id, &self.key).await,
        };
        if let Err(e) = outcome {
            tracing::error!(error = %e, "could not keep an idempotent response");
        }
        Response::from_parts(parts, Body::from(bytes))
    }
}

impl Drop for KeyHold {
    fn drop(&mut self) {
        if self.settled {
            return;
        }
        let (store, account_id, key) = (self.state.store.clone(), self.account_id, self.key.clone());
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                if let Err(e) = store.idempotency_release(account_id, &key).await {
                    tracing::error!(error = %e, "could not release an abandoned idempotency key");
                }
            });
        }
    }
}

fn plain_response(stored: StoredResponse) -> Response {
    let mut response = Response::new(Body::from(stored.body));
    *response.status_mut() = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
    if let Some(value) = stored.content_type.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
}

fn replayed(mut response: Response) -> Response {
    if let Ok(name) = axum::http::HeaderName::from_bytes(IDEMPOTENT_REPLAYED.as_bytes()) {
        response
            .headers_mut()
            .insert(name, HeaderValue::from_static("true"));
    }
    response
}
