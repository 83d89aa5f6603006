//! The API's routes: one table, from which both the router and the OpenAPI check are made.

mod agreement;
pub mod apps;
mod developer;
mod guard;
mod qualification;
mod review;
mod session;
pub mod uploads;

use crate::{
    error::AppError,
    idempotency::{self, Replay},
    AppState,
};
use axum::{
    extract::DefaultBodyLimit,
    http::{header, HeaderValue, Method},
    response::IntoResponse,
    routing::{delete, get, post, put, MethodRouter},
    Router,
};
use portal_core::api::path;
use tower_http::set_header::SetResponseHeaderLayer;

/// One endpoint under `/api/v1`.
pub struct ApiRoute {
    pub method: Method,
    pub path: &'static str,
    /// What the route does with an `Idempotency-Key`.
    pub replay: Replay,
    handler: MethodRouter<AppState>,
}

fn route(method: Method, path: &'static str, handler: MethodRouter<AppState>) -> ApiRoute {
    let replay = if method == Method::GET {
        Replay::None
    } else {
        Replay::Kept
    };
    ApiRoute {
        method,
        path,
        replay,
        handler,
    }
}

impl ApiRoute {
    fn replay(mut self, replay: Replay) -> Self {
        self.replay = replay;
        self
    }
}

/// JSON request bodies are small forms; only the licence upload (read by its own route,
/// up to its own limit) is larger.
pub const JSON_BODY_MAX: usize = 64 * 1024;

/// Every endpoint of the API. `openapi.json` documents exactly these (a test checks it).
pub fn api_routes() -> Vec<ApiRoute> {
    vec![
        route(Method::POST, path::SESSION, post(session::sign_in)).replay(Replay::Repeat),
        route(Method::POST, path::SESSION_HOST, post(session::sign_in_host)).replay(Replay::Repeat),
        route(Method::DELETE, path::SESSION, delete(session::sign_out)).replay(Replay::Repeat),
        route(
            Method::DELETE,
            path::SESSIONS,
            delete(session::sign_out_everywhere),
        )
        .replay(Replay::Repeat),
        route(Method::GET, path::ME, get(session::me)),
        route(Method::GET, path::AGREEMENT, get(agreement::current)),
        route(Method::POST, path::AGREEMENT_ACCEPTANCE, post(agreement::accept)),
        route(Method::GET, path::DEVELOPER, get(developer::get)),
        route(Method::PUT, path::DEVELOPER, put(developer::put)),
        route(Method::POST, path::LICENCE_UPLOADS, post(uploads::upload)),
        route(Method::GET, path::LICENCE_UPLOAD, get(uploads::download)),
        route(Method::GET, path::QUALIFICATION, get(qualification::get)),
        route(Method::PUT, path::QUALIFICATION, put(qualification::put)),
        route(Method::GET, path::APPS, get(apps::list)),
        route(Method::POST, path::APPS, post(apps::create)),
        route(Method::GET, path::APP, get(apps::get)),
        route(Method::POST, path::APP_SECRET_REVEAL, post(apps::reveal)).replay(Replay::Repeat),
        route(Method::POST, path::APP_SECRET_RESET, post(apps::reset)).replay(Replay::Guarded),
        route(Method::POST, path::CREDENTIALS_VERIFY, post(apps::verify)).replay(Replay::Repeat),
        route(Method::GET, path::REVIEW_APPLICATIONS, get(review::queue)),
        route(Method::GET, path::REVIEW_APPLICATION, get(review::detail)),
        route(Method::POST, path::REVIEW_START, post(review::start)).replay(Replay::Repeat),
        route(Method::POST, path::REVIEW_DECISION, post(review::decide)),
        route(Method::GET, path::OPENAPI, get(openapi)),
        route(Method::GET, path::SERVICE, get(service)),
    ]
}

async fn service() -> axum::Json<portal_core::api::ServiceInfo> {
    axum::Json(portal_core::api::ServiceInfo {
        service: portal_core::api::SERVICE_NAME.into(),
        api_version: 1,
    })
}

/// The hand-kept API description, served as it is.
pub const OPENAPI_JSON: &str = include_str!("../../openapi.json");

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON)
}

/// `/api`: version 1 of the API, and JSON 404s for anything else under it.
pub fn api_router(state: AppState, faults: Option<crate::faults::Faults>) -> Router {
    let v1 = api_routes()
        .into_iter()
        .fold(Router::new(), |router, r| {
            let handler = match &faults {
                Some(faults) => r.handler.layer(axum::middleware::from_fn_with_state(
                    faults.clone(),
                    crate::faults::inside,
                )),
                None => r.handler,
            };
            let handler = match r.replay {
                Replay::Kept | Replay::Guarded => handler.layer(axum::middleware::from_fn_with_state(
                    (state.clone(), r.replay),
                    idempotency::layer,
                )),
                Replay::None | Replay::Repeat => handler,
            };
            router.route(r.path, handler)
        })
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(JSON_BODY_MAX))
        .with_state(state);
    Router::new()
        .nest("/v1", v1)
        .fallback(not_found)
        // Answers may carry secrets and personal data: never cached, never sniffed,
        // and no page the API links to learns where the reader came from.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
}

async fn not_found() -> AppError {
    AppError::NotFound
}

async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
