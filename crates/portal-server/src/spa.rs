//! Serving the built single-page app: `index.html` for every deep link, each built file by
//! its name at any depth (the page refers to its files relative to itself, so a deep link
//! such as `/apps/12` asks for `/apps/config.json`), precompressed copies when the browser
//! takes them, and caching that never serves a stale page yet never re-fetches a hashed file.

use axum::{
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode, Uri},
    middleware::Next,
    response::{IntoResponse, Response},
    Router,
};
use std::{collections::HashSet, path::Path, sync::Arc};
use tower_http::{
    services::{ServeDir, ServeFile},
    set_header::SetResponseHeaderLayer,
};

/// Trunk's file names carry a 16-digit hash of their content: such a file never changes.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else (`index.html`, `config.json`, `embed.js`) is checked on every load.
const REVALIDATE: &str = "no-cache";

/// The policy the app is built to run under: no inline script or style, WebAssembly
/// compiled from our own files, images from us, from `blob:` (the licence preview) or
/// `data:` (the page's icon, inside it so that a phone's first load asks for one file
/// fewer), and API calls to this origin or to `api_origin` when the API is elsewhere.
pub fn content_security_policy(api_origin: Option<&str>) -> String {
    let connect = match api_origin {
        Some(origin) => format!("'self' {origin}"),
        None => "'self'".into(),
    };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' blob: data:; connect-src {connect}; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'self'"
    )
}

/// The origin of the API `config.json` in `dist` points at, when it is absolute.
pub fn api_origin(dist: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dist.join("config.json")).ok()?;
    let config: serde_json::Value = serde_json::from_str(&text).ok()?;
    origin_of(config.get("api_base_url")?.as_str()?.trim())
}

/// `scheme://host[:port]` of an absolute http(s) URL.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())?;
    Some(format!("{scheme}://{host}"))
}

pub fn router(dist: &Path) -> Router {
    let names: HashSet<String> = std::fs::read_dir(dist)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    let csp = content_security_policy(api_origin(dist).as_deref());
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(ServeFile::new(dist.join("index.html")));
    Router::new()
        .fallback_service(files)
        .layer(axum::middleware::from_fn_with_state(Arc::new(names), by_name))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&csp).unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'")),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
}

/// Finds a built file by its name wherever the page asked for it, answers 404 for a file
/// that is not there (an old hash must not get `index.html` as a script), and sets caching.
async fn by_name(State(names): State<Arc<HashSet<String>>>, mut req: Request, next: Next) -> Response {
    let name = req.uri().path().rsplit('/').next().unwrap_or_default().to_owned();
    let known = names.contains(&name);
    if !known && name.contains('.') {
        return (StatusCode::NOT_FOUND, [(header::CACHE_CONTROL, REVALIDATE)]).into_response();
    }
    if known {
        if let Ok(uri) = format!("/{name}").parse::<Uri>() {
            *req.uri_mut() = uri;
        }
    }
    let mut response = next.run(req).await;
    let cache = if known && is_hashed(&name) {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    // One URL, several encodings: caches must key on what the browser accepts.
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// Whether a file name carries Trunk's content hash (`main-3f3b14607278cff0.css`,
/// `portal-web-370527af708ae341_bg.wasm`).
fn is_hashed(name: &str) -> bool {
    name.split(['-', '.', '_'])
        .any(|part| part.len() == 16 && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_told_apart() {
        for (name, hashed) in [
            ("main-3f3b14607278cff0.css", true),
            ("portal-web-370527af708ae341_bg.wasm", true),
            ("portal-web-370527af708ae341.js.br", true),
            ("embed.js", false),
            ("config.json", false),
            ("index.html", false),
            ("404.html", false),
            ("main-3f3b14607278cff.css", false),
        ] {
            assert_eq!(is_hashed(name), hashed, "{name}");
        }
    }

    #[test]
    fn the_api_origin_comes_from_absolute_urls_only() {
        for (url, origin) in [
            ("https://api.example.com/api/v1", Some("https://api.example.com")),
            ("http://127.0.0.1:8081/api/v1", Some("http://127.0.0.1:8081")),
            ("https://api.example.com", Some("https://api.example.com")),
            ("api/v1", None),
            ("/api/v1", None),
            ("javascript://x", None),
            ("https:///nohost", None),
        ] {
            assert_eq!(origin_of(url).as_deref(), origin, "{url}");
        }
    }
}
