//! The API's routes: one table, from which both the router and the OpenAPI check are made.

mod agreement;
mod session;

use crate::{error::AppError, AppState};
use axum::{
    http::{header, Method},
    response::IntoResponse,
    routing::{delete, get, post, MethodRouter},
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
        .with_state(state);
    Router::new().nest("/v1", v1).fallback(not_found)
}

async fn not_found() -> AppError {
    AppError::NotFound
}
