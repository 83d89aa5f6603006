//! Serving the built single-page app, with `index.html` for every deep link.

use axum::http::{header, HeaderValue};
use std::path::Path;
use tower::Layer;
use tower_http::{
    services::{ServeDir, ServeFile},
    set_header::{SetResponseHeader, SetResponseHeaderLayer},
};

/// Files are revalidated on every load: `index.html` and `config.json` must never be
/// stale, and Trunk's hashed asset names make revalidation of the rest cheap (304).
pub fn service(dist: &Path) -> SetResponseHeader<ServeDir<ServeFile>, HeaderValue> {
    let files = ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html")));
    SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"))
        .layer(files)
}
