//! Test-only fault injection, so browser tests can meet the failures real users meet: a
//! server error, a connection lost after the write was committed, an answer slower than
//! the client waits, a body that is not JSON. Enabled only by `--test-faults`; the
//! control endpoint (`POST`/`DELETE /api/_faults`) does not exist otherwise.

use crate::error::AppError;
use axum::{
    body::Body,
    extract::{OriginalUri, Request, State},
    http::{header, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    routing::post,
    Json, Router,
};
use serde::Deserialize;
use std::sync::{Arc, Mutex};

/// What goes wrong.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Answer 500 in the error shape without running the request.
    Fail,
    /// Run the request (its write is committed), then break the connection instead of answering.
    Drop,
    /// Wait `delay_ms` inside the route, after its idempotency key is taken (so a client
    /// that gives up meanwhile leaves a request in flight).
    Delay,
    /// Answer 200 with an HTML page instead of JSON, without running the request.
    Malformed,
}

/// One armed fault: the next `count` requests with this method and full path.
#[derive(Debug, Clone, Deserialize)]
pub struct Fault {
    pub method: String,
    /// The full path, e.g. `/api/v1/qualification`.
    pub path: String,
    pub kind: FaultKind,
    #[serde(default = "one")]
    pub count: u32,
    #[serde(default)]
    pub delay_ms: u64,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, Default)]
pub struct Faults(Arc<Mutex<Vec<Fault>>>);

impl Faults {
    /// Arms `fault` (tests in the same process; others use `POST /api/_faults`).
    pub fn arm(&self, fault: Fault) {
        if let Ok(mut armed) = self.0.lock() {
            armed.push(fault);
        }
    }

    /// Disarms every fault.
    pub fn clear(&self) {
        if let Ok(mut armed) = self.0.lock() {
            armed.clear();
        }
    }

    /// Takes one use of the first fault armed for this request among `kinds`.
    fn take(&self, req: &Request, kinds: &[FaultKind]) -> Option<Fault> {
        let path = req
            .extensions()
            .get::<OriginalUri>()
            .map_or_else(|| req.uri().path().to_owned(), |uri| uri.path().to_owned());
        let method = req.method().as_str();
        let mut armed = self.0.lock().ok()?;
        let index = armed.iter().position(|f| {
            f.count > 0 && kinds.contains(&f.kind) && f.method.eq_ignore_ascii_case(method) && f.path == path
        })?;
        armed[index].count -= 1;
        let fault = armed[index].clone();
        armed.retain(|f| f.count > 0);
        Some(fault)
    }
}

/// `api` with the control endpoint and the middleware that injects the faults seen from
/// outside a route (failures, drops, malformed answers).
pub fn wrap(api: Router, faults: Faults) -> Router {
    let control = Router::new()
        .route("/_faults", post(arm).delete(clear))
        .with_state(faults.clone());
    control
        .merge(api)
        .layer(axum::middleware::from_fn_with_state(faults, inject))
}

/// The middleware for inside each route (delays), when faults are enabled.
pub async fn inside(State(faults): State<Faults>, req: Request, next: Next) -> Response {
    if let Some(fault) = faults.take(&req, &[FaultKind::Delay]) {
        tracing::info!(path = %req.uri().path(), "injecting a delay");
        tokio::time::sleep(std::time::Duration::from_millis(fault.delay_ms)).await;
    }
    next.run(req).await
}

async fn arm(State(faults): State<Faults>, Json(fault): Json<Fault>) -> StatusCode {
    faults.arm(fault);
    StatusCode::NO_CONTENT
}

async fn clear(State(faults): State<Faults>) -> StatusCode {
    faults.clear();
    StatusCode::NO_CONTENT
}

async fn inject(State(faults): State<Faults>, req: Request, next: Next) -> Response {
    let outside = [FaultKind::Fail, FaultKind::Drop, FaultKind::Malformed];
    let Some(fault) = faults.take(&req, &outside) else {
        return next.run(req).await;
    };
    tracing::info!(?fault.kind, path = %req.uri().path(), "injecting a fault");
    match fault.kind {
        FaultKind::Fail => AppError::internal("injected fault").into_response(),
        FaultKind::Malformed => (
            [(header::CONTENT_TYPE, "text/html")],
            "<html><body>Bad gateway</body></html>",
        )
            .into_response(),
        FaultKind::Delay => next.run(req).await,
        FaultKind::Drop => {
            let response = next.run(req).await;
            // Read the whole answer (so the write and its idempotency record are done),
            // then fail the body: the connection is cut and the client gets no answer.
            let _ = axum::body::to_bytes(response.into_body(), usize::MAX).await;
            let broken = futures_util::stream::once(async {
                Err::<axum::body::Bytes, _>(std::io::Error::other("injected connection drop"))
            });
            Response::new(Body::from_stream(broken))
        }
    }
}
