//! One line per request (method, path, status, latency) under a request id that the
//! response echoes in `x-request-id` and every log line of the request carries, so an
//! operator can match a user's report to the server's logs. Only the path is logged: no
//! query, no header, no body (bearer tokens, passwords and secrets never reach a log).

use axum::{http::Request, Router};
use tower_http::{
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer},
    trace::{DefaultOnResponse, TraceLayer},
};
use tracing::Level;

pub fn traced(router: Router) -> Router {
    let trace = TraceLayer::new_for_http()
        .make_span_with(|req: &Request<_>| {
            let id = req
                .extensions()
                .get::<RequestId>()
                .and_then(|id| id.header_value().to_str().ok())
                .unwrap_or_default();
            tracing::info_span!(
                "request",
                request_id = %id,
                method = %req.method(),
                path = %req.uri().path(),
            )
        })
        .on_request(())
        .on_response(DefaultOnResponse::new().level(Level::INFO))
        // The response line already has the status; a 503 "busy" is no error, and a real
        // internal error is logged once, with its causes, where it happens.
        .on_failure(());
    // The last layer added runs first: the id is set, then the span opened, then echoed.
    router
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(trace)
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}
