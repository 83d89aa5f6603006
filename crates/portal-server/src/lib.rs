//! The reference back end: the portal API on SQLite or PostgreSQL, and the built single-page app.

pub mod cli;
pub mod clock;
pub mod error;
pub mod extract;
pub mod faults;
pub mod forwarded;
pub mod host_token;
pub mod idempotency;
pub mod mailer;
pub mod maintenance;
pub mod messages;
pub mod openapi;
pub mod password;
pub mod routes;
pub mod sealed;
pub mod seed;
pub mod serve;
pub mod spa;
pub mod store;
pub mod throttle;
pub mod token;
pub mod tracing_layer;

use axum::Router;
use clock::Clock;
use std::{path::PathBuf, sync::Arc};
use store::Store;
use tower_http::{compression::CompressionLayer, cors::CorsLayer};

/// What every handler can reach. Holds no per-request state, so several replicas
/// can share one database.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub settings: Arc<Settings>,
    pub mailer: mailer::Mailer,
    /// Seals AppSecrets before they are stored.
    pub secrets: sealed::SecretBox,
}

/// Behaviour that deployments tune.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Base of every link the portal sends (e-mails), e.g. `https://developer.example.com/`.
    pub public_url: String,
    /// How long a session token stays valid, in seconds.
    pub session_ttl_secs: i64,
    /// How long a replaced AppSecret keeps working after a reset, in seconds.
    pub secret_grace_secs: i64,
    /// How the embedding seller portal's tokens are checked; without it, host sign-in is off.
    pub host_tokens: Option<host_token::HostTokens>,
    /// What an app in test may do until a reviewer takes it online.
    pub test_limits: portal_core::api::TestLimits,
    /// The operator's maximum age of an AppSecret, in seconds: the secret in force stops
    /// working this long after it was issued, and its developer is reminded 7 days before.
    /// None: secrets work until they are replaced.
    pub max_secret_age_secs: Option<i64>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            public_url: "http://127.0.0.1:8080/".into(),
            session_ttl_secs: 12 * 60 * 60,
            secret_grace_secs: 24 * 60 * 60,
            host_tokens: None,
            test_limits: portal_core::api::TestLimits {
                daily_calls: 5_000,
                authorised_sellers: 10,
            },
            max_secret_age_secs: None,
        }
    }
}

/// How the HTTP side is put together.
#[derive(Debug, Clone, Default)]
pub struct HttpOptions {
    /// The built SPA (`dist/`), served with a fallback to `index.html` for deep links.
    pub dist: Option<PathBuf>,
    /// Origins allowed to call the API from another host (CORS); empty means same origin only.
    pub cors_origins: Vec<String>,
    pub timeouts: serve::Timeouts,
    /// Test-only: lets tests make the API fail on purpose (see [`faults`]). Never in production.
    pub faults: Option<faults::Faults>,
    /// The operator's own proxies (addresses and CIDR ranges): behind them a request's client
    /// is read from `X-Forwarded-For` (see [`forwarded`]).
    pub trusted_proxies: Vec<String>,
}

/// The whole application as a router, so tests can serve it on any listener.
pub fn app(state: AppState, options: &HttpOptions) -> Router {
    let store = state.store.clone();
    let mut api = routes::api_router(state, options.faults.clone());
    if let Some(faults) = &options.faults {
        api = faults::wrap(api, faults.clone());
    }
    let api = api.layer(axum::middleware::from_fn_with_state(
        options.timeouts.request,
        deadline,
    ));
    let mut router = Router::new()
        .nest("/api", api)
        .route("/healthz", axum::routing::get(healthz))
        .route("/readyz", axum::routing::get(move || readyz(store.clone())));
    if let Some(dist) = &options.dist {
        router = router.fallback_service(spa::router(dist));
    }
    if !options.cors_origins.is_empty() {
        router = router.layer(cors(&options.cors_origins));
    }
    let router = tracing_layer::traced(router.layer(CompressionLayer::new()));
    if options.trusted_proxies.is_empty() {
        router
    } else {
        // Outermost, so the log and every handler see the client, not the proxy.
        router.layer(axum::middleware::from_fn_with_state(
            Arc::new(options.trusted_proxies.clone()),
            forwarded::from_proxies,
        ))
    }
}

/// For load balancers: the process is up.
async fn healthz() -> &'static str {
    "ok\n"
}

/// For load balancers: the database answers and its schema is this build's; 503 otherwise.
async fn readyz(store: store::Store) -> (axum::http::StatusCode, &'static str) {
    use axum::http::StatusCode;
    match store.ready().await {
        Ok(true) => (StatusCode::OK, "ready\n"),
        Ok(false) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "database schema is not this version's\n",
        ),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n")
        }
    }
}

/// Answers 408 in the API's error shape when a request (reading its body included) takes
/// longer than `limit`; the handler is dropped, which lets its idempotency key go.
async fn deadline(
    axum::extract::State(limit): axum::extract::State<std::time::Duration>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(response) => response,
        Err(_) => error::AppError::Timeout.into_response(),
    }
}

/// Browsers on `origins` may call the API: every header the app sends is allowed, every
/// header it may read is exposed (both lists come from the shared API description), and
/// a preflight is remembered for a day so writes do not each cost an extra round trip.
fn cors(origins: &[String]) -> CorsLayer {
    use axum::http::{HeaderName, HeaderValue, Method};
    use portal_core::api::headers;
    let origins: Vec<HeaderValue> = origins.iter().filter_map(|o| o.parse().ok()).collect();
    let names = |list: &[&str]| -> Vec<HeaderName> { list.iter().filter_map(|h| h.parse().ok()).collect() };
    CorsLayer::new()
        .allow_origin(origins)
        .allow_methods(
            headers::METHODS
                .iter()
                .filter_map(|m| m.parse().ok())
                .collect::<Vec<Method>>(),
        )
        .allow_headers(names(&headers::SENT))
        .expose_headers(names(&headers::READ))
        .max_age(std::time::Duration::from_secs(24 * 60 * 60))
}
