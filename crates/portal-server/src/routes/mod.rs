//! The API's routes: one table, from which both the router and the OpenAPI check are made.

mod agreement;
pub mod apps;
mod developer;
mod guard;
mod qualification;
mod review;
mod session;
mod uploads;

use crate::{error::AppError, AppState};
use axum::{
    http::{header, Method},
    response::IntoResponse,
    routing::{delete, get, post, put, MethodRouter},
    Router,
};
use portal_core::api::path;

/// One endpoint under `/api/v1`.
pub struct ApiRoute {
    pub method: Method,
    pub path: &'static str,
    handler: MethodRouter<AppState>,
}

fn route(method: Method, path: &'static str, handler: MethodRouter<AppState>) -> ApiRoute {
    ApiRoute {
        method,
        path,
        handler,
    }
}

/// Every endpoint of the API. `openapi.json` documents exactly these (a test checks it).
pub fn api_routes() -> Vec<ApiRoute> {
    vec![
        route(Method::POST, path::SESSION, post(session::sign_in)),
        route(Method::DELETE, path::SESSION, delete(session::sign_out)),
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
        route(Method::POST, path::APP_SECRET_REVEAL, post(apps::reveal)),
        route(Method::POST, path::APP_SECRET_RESET, post(apps::reset)),
        route(Method::POST, path::CREDENTIALS_VERIFY, post(apps::verify)),
        route(Method::GET, path::REVIEW_APPLICATIONS, get(review::queue)),
        route(Method::GET, path::REVIEW_APPLICATION, get(review::detail)),
        route(Method::POST, path::REVIEW_DECISION, post(review::decide)),
        route(Method::GET, path::OPENAPI, get(openapi)),
    ]
}

/// The hand-kept API description, served as it is.
pub const OPENAPI_JSON: &str = include_str!("../../openapi.json");

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON)
}

/// `/api`: version 1 of the API, and JSON 404s for anything else under it.
pub fn api_router(state: AppState) -> Router {
    let v1 = api_routes()
        .into_iter()
        .fold(Router::new(), |router, r| router.route(r.path, r.handler))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::idempotency::layer,
        ))
        .with_state(state);
    Router::new().nest("/v1", v1).fallback(not_found)
}

async fn not_found() -> AppError {
    AppError::NotFound
}
