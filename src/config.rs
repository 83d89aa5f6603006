//! Runtime configuration: `config.json` next to `index.html`, read at start-up, so that
//! one build serves any CDN and any back end.

use serde::Deserialize;

/// The file as operators write it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    /// Base URL of the API, absolute or relative to the portal's own URL (e.g. `api/v1`).
    api_base_url: String,
    /// Path the portal lives under; by default the opened page's path without the page's
    /// own route (see `routes::base_of`).
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
    Unreachable {
        url: String,
    },
    Status {
        url: String,
        status: u16,
    },
    Malformed {
        url: String,
        detail: String,
    },
    /// `api_base_url` answers, but not as the portal's API.
    NotAnApi {
        api: String,
    },
    /// No answer from `api_base_url` to this page: down, a wrong host, or an API on another
    /// origin that does not allow `origin` (CORS).
    ApiUnreachable {
        api: String,
        origin: String,
    },
}

/// Checks that the configured API answers this page as the portal's API, once the
/// configuration is read (where it could not be, the app says so instead).
pub async fn check_api(endpoint: &crate::api::Endpoint) -> Result<(), ConfigError> {
    let Some(api_base) = endpoint.base().await else {
        return Ok(());
    };
    match crate::api::Api::new(endpoint.clone()).service().await {
        Ok(info) if info.service == portal_core::api::SERVICE_NAME => Ok(()),
        Err(
            crate::api::ApiError::Network(_) | crate::api::ApiError::Offline | crate::api::ApiError::Timeout,
        ) => Err(ConfigError::ApiUnreachable {
            api: api_base,
            origin: leptos::prelude::window().location().origin().unwrap_or_default(),
        }),
        _ => Err(ConfigError::NotAnApi { api: api_base }),
    }
}

/// The configuration once read (`None` before), shared through context: the pages are
/// drawn before it is.
#[derive(Debug, Clone, Copy)]
pub struct Current(pub leptos::prelude::ReadSignal<Option<Result<Config, ConfigError>>>);

impl Current {
    /// How long a revealed AppSecret stays on screen, in seconds.
    pub fn reveal_seconds(self) -> u32 {
        use leptos::prelude::WithUntracked;
        self.0.with_untracked(|read| match read {
            Some(Ok(config)) => config.reveal_seconds,
            _ => DEFAULT_REVEAL_SECONDS,
        })
    }
}

/// Where the router works: the host's `base_path` when it gives one, else `router_base`
/// from the file (`None` before it is read), else the base the page's address implies.
pub fn router_base(base_path: Option<&str>, from_file: Option<&str>, pathname: &str) -> String {
    match base_path.or(from_file) {
        Some(path) => format!("/{}", path.trim_matches('/'))
            .trim_end_matches('/')
            .to_owned(),
        None => crate::routes::base_of(pathname),
    }
}

/// Loads and resolves the configuration from `source`; `base_path`, when the host gives
/// one, is where the router works.
pub async fn load(source: &crate::ConfigSource, base_path: Option<&str>) -> Result<Config, ConfigError> {
    let location = leptos::prelude::window().location();
    let origin = location.origin().unwrap_or_default();
    let pathname = location.pathname().unwrap_or_default();
    let (text, url) = match source {
        crate::ConfigSource::Inline(text) => (text.clone(), "the configuration object".to_owned()),
        crate::ConfigSource::Url(url) => {
            let page = location.href().unwrap_or_default();
            let absolute = resolve(url, &page).unwrap_or_else(|| url.to_owned());
            (fetch_text(&absolute).await?, absolute)
        }
    };
    parse(&text, &origin, &pathname, base_path).map_err(|detail| ConfigError::Malformed { url, detail })
}

/// A file's text by GET (the configuration, a language's messages).
pub(crate) async fn fetch_text(url: &str) -> Result<String, ConfigError> {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|_| ConfigError::Unreachable { url: url.to_owned() })?;
    if !response.ok() {
        return Err(ConfigError::Status {
            url: url.to_owned(),
            status: response.status(),
        });
    }
    response
        .text()
        .await
        .map_err(|_| ConfigError::Unreachable { url: url.to_owned() })
}

/// Parses the file's text for a page at `origin` + `pathname`. The router base is the
/// host's `base_path` when it gives one, else `router_base` from the file, else derived
/// from `pathname`; a relative API URL resolves against that same base.
pub fn parse(text: &str, origin: &str, pathname: &str, base_path: Option<&str>) -> Result<Config, String> {
    let file: ConfigFile = crate::json::from_str(text)?;
    if file.api_base_url.trim().is_empty() {
        return Err("api_base_url is empty".into());
    }
    let router_base = router_base(base_path, file.router_base.as_deref(), pathname);
    // A relative API URL is relative to the portal's own URL, whatever page was opened.
    let portal_url = format!("{origin}{}/", router_base.trim_end_matches('/'));
    let api_base = resolve(file.api_base_url.trim(), &portal_url)
        .ok_or_else(|| format!("api_base_url \"{}\" is not a URL", file.api_base_url))?;
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

fn resolve(url: &str, base: &str) -> Option<String> {
    web_sys::Url::new_with_base(url, base).ok().map(|u| u.href())
}
