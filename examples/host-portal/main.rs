//! A seller centre that embeds the developer portal: its own page, header, navigation and
//! styles, and a tiny back end that vouches for its signed-in seller with a host token signed
//! by the published test key (`crates/portal-server/tests/keys/`, never for real use).
//!
//! ```text
//! cargo run --example host-portal -- --port 8090 --api http://127.0.0.1:8080/api/v1 --dist dist
//! target/server/portal-server --dist dist --cors-origin http://127.0.0.1:8090 \
//!     --host-token-key crates/portal-server/tests/keys/host-test-public.pem
//! ```
//! then open http://127.0.0.1:8090/seller/developer-tools.

use axum::{
    http::header,
    response::{Html, IntoResponse},
    routing::{get, post},
    Router,
};
use std::time::{SystemTime, UNIX_EPOCH};

const PAGE: &str = include_str!("index.html");
const SCRIPT: &str = include_str!("host.js");
const STYLE: &str = include_str!("host.css");
const KEY: &[u8] = include_bytes!("../../crates/portal-server/tests/keys/host-test-private.pem");
/// The seller signed in to this seller centre.
const SELLER: &str = "shop-4711";

fn argument(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
        .unwrap_or_else(|| default.to_owned())
}

/// A host token for the signed-in seller: EdDSA, five minutes.
async fn token() -> impl IntoResponse {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let claims = serde_json::json!({"sub": SELLER, "aud": "developer-portal", "iat": now, "exp": now + 300});
    let key = jsonwebtoken::EncodingKey::from_ed_pem(KEY).expect("the test key");
    let header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::EdDSA);
    jsonwebtoken::encode(&header, &claims, &key).map_err(|e| e.to_string())
}

#[tokio::main]
async fn main() {
    let port = argument("--port", "8090");
    let api = argument("--api", "http://127.0.0.1:8080/api/v1");
    let dist = argument("--dist", "dist");
    let api_origin = api.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
    // The seller centre runs under a strict policy of its own; the portal fits in it.
    let csp = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' blob:; \
         connect-src 'self' {api_origin}; object-src 'none'; base-uri 'self'"
    );
    let config = serde_json::json!({ "api_base_url": api }).to_string();
    let page = || async { Html(PAGE) };
    let app = Router::new()
        .route("/seller", get(page))
        .route("/seller/{*rest}", get(page))
        .route(
            "/host.js",
            get(|| async { ([(header::CONTENT_TYPE, "text/javascript")], SCRIPT) }),
        )
        .route(
            "/host.css",
            get(|| async { ([(header::CONTENT_TYPE, "text/css")], STYLE) }),
        )
        .route(
            "/portal-config.json",
            get(move || async move { ([(header::CONTENT_TYPE, "application/json")], config) }),
        )
        .route("/host/token", post(token))
        .nest_service("/portal", tower_http::services::ServeDir::new(dist))
        .layer(tower_http::set_header::SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            header::HeaderValue::from_str(&csp).expect("a header value"),
        ));
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}"))
        .await
        .expect("a free port");
    println!(
        "seller centre: http://{}/seller/developer-tools",
        listener.local_addr().expect("an address")
    );
    axum::serve(listener, app).await.expect("serving");
}
