//! Runtime configuration: `config.json` next to `index.html`, read at start-up, so that
//! one build serves any CDN and any back end.

use serde::Deserialize;

/// The file as operators write it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    /// Base URL of the API, absolute or relative to the page's base URL (e.g. `api/v1`).
    api_base_url: String,
    /// Path the portal lives under; defaults to the path of the page's `<base href>`.
    #[serde(default)]
    router_base: Option<String>,
    /// How long a revealed AppSecret stays on screen, in seconds.
    #[serde(default)]
    reveal_seconds: Option<u32>,
    /// How long the app waits for an answer from the API, in seconds.
    #[serde(default)]
    request_timeout_seconds: Option<u32>,
}

/// The resolved configuration the app runs with.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Absolute API base URL without a trailing slash.
    pub api_base: String,
    /// Router base path without a trailing slash ("" at the site root).
    pub router_base: String,
    /// How long a revealed AppSecret stays on screen, in seconds.
    pub reveal_seconds: u32,
    /// How long the app waits for an answer from the API, in seconds.
    pub request_timeout_seconds: u32,
}

/// A revealed AppSecret is hidden again after a minute unless configured otherwise.
pub const DEFAULT_REVEAL_SECONDS: u32 = 60;
/// A little longer than the reference server's own 30-second limit per request.
pub const DEFAULT_REQUEST_TIMEOUT_SECONDS: u32 = 35;

/// Why the app cannot start; shown on the page instead of a blank screen.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigError {
    Unreachable { url: String },
    Status { url: String, status: u16 },
    Malformed { url: String, detail: String },
}

/// Loads and resolves the configuration file at `url` (relative to the page's base URL).
pub async fn load(url: &str) -> Result<Config, ConfigError> {
    let base = page_base();
    let absolute = resolve(url, &base).unwrap_or_else(|| url.to_owned());
    let response = gloo_net::http::Request::get(&absolute)
        .send()
        .await
        .map_err(|_| ConfigError::Unreachable {
            url: absolute.clone(),
        })?;
    if !response.ok() {
        return Err(ConfigError::Status {
            url: absolute,
            status: response.status(),
        });
    }
    let text = response.text().await.map_err(|_| ConfigError::Unreachable {
        url: absolute.clone(),
    })?;
    parse(&text, &base).map_err(|detail| ConfigError::Malformed {
        url: absolute,
        detail,
    })
}

/// Parses the file's text against the page's base URL.
pub fn parse(text: &str, page_base: &str) -> Result<Config, String> {
    let file: ConfigFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if file.api_base_url.trim().is_empty() {
        return Err("api_base_url is empty".into());
    }
    let api_base = resolve(file.api_base_url.trim(), page_base)
        .ok_or_else(|| format!("api_base_url {:?} is not a URL", file.api_base_url))?;
    let router_base = match file.router_base {
        Some(path) => path,
        None => path_of(page_base),
    };
    Ok(Config {
        api_base: api_base.trim_end_matches('/').to_owned(),
        router_base: router_base.trim_end_matches('/').to_owned(),
        reveal_seconds: file
            .reveal_seconds
            .filter(|s| *s > 0)
            .unwrap_or(DEFAULT_REVEAL_SECONDS),
        request_timeout_seconds: file
            .request_timeout_seconds
            .filter(|s| *s > 0)
            .unwrap_or(DEFAULT_REQUEST_TIMEOUT_SECONDS),
    })
}

fn page_base() -> String {
    leptos::prelude::document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(|| "/".into())
}

fn resolve(url: &str, base: &str) -> Option<String> {
    web_sys::Url::new_with_base(url, base).ok().map(|u| u.href())
}

fn path_of(url: &str) -> String {
    web_sys::Url::new(url).map(|u| u.pathname()).unwrap_or_default()
}
