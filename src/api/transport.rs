//! Sending one request: the deadline, retrying while the server still works on the same
//! request, and turning answers into values or typed errors.

use super::ApiError;
use gloo_net::http::{Request, Response};
use portal_core::ErrorBody;
use serde::de::DeserializeOwned;

/// How often a request the server is still working on (same idempotency key) is asked
/// about again before the app gives up and says so.
const IN_PROGRESS_RETRIES: u32 = 10;

/// Sends the request `build` makes for `path` under `endpoint` (once the configuration is
/// read, its URL), within its time limit; a 2xx response, or its typed error. While the
/// server says the same request is still in progress (its first answer was lost), waits as
/// told and asks again with the same key.
pub(super) async fn send(
    endpoint: &super::Endpoint,
    path: &str,
    build: impl Fn(&str, Option<&web_sys::AbortSignal>) -> Result<Request, gloo_net::Error>,
) -> Result<Response, ApiError> {
    let super::endpoint::Known {
        base: api_base,
        timeout_ms,
    } = endpoint.get().await?;
    let url = format!("{api_base}{path}");
    let mut waits = 0;
    loop {
        let deadline = Deadline::start(timeout_ms);
        let signal = deadline.controller.as_ref().map(|c| c.signal());
        let req = build(&url, signal.as_ref()).map_err(|_| ApiError::BadResponse)?;
        let outcome = req.send().await;
        let timed_out = deadline.passed();
        drop(deadline);
        let res = match outcome {
            Ok(res) => res,
            Err(_) if timed_out => return Err(ApiError::Timeout),
            Err(_) if offline() => return Err(ApiError::Offline),
            Err(_) => return Err(ApiError::Network(api_base.clone())),
        };
        match check(res).await {
            Err(ApiError::Busy(wait)) if waits < IN_PROGRESS_RETRIES => {
                waits += 1;
                crate::schedule::sleep_ms(wait.unwrap_or(1).clamp(1, 5) as u32 * 1000).await;
            }
            other => return other,
        }
    }
}

/// Whether the browser knows it has no network: then the reader's connection is the
/// problem, not the portal's server.
fn offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// Aborts a request when its time is up.
struct Deadline {
    controller: Option<web_sys::AbortController>,
    timer: Option<i32>,
    _on_time_up: Option<wasm_bindgen::closure::Closure<dyn FnMut()>>,
}

impl Deadline {
    fn start(ms: u32) -> Self {
        use wasm_bindgen::JsCast;
        let controller = web_sys::AbortController::new().ok();
        let Some(c) = controller.clone() else {
            return Self {
                controller: None,
                timer: None,
                _on_time_up: None,
            };
        };
        let on_time_up = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || c.abort());
        let timer = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                on_time_up.as_ref().unchecked_ref(),
                ms.min(i32::MAX as u32) as i32,
            )
            .ok()
        });
        Self {
            controller,
            timer,
            _on_time_up: Some(on_time_up),
        }
    }

    fn passed(&self) -> bool {
        self.controller.as_ref().is_some_and(|c| c.signal().aborted())
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(timer), Some(window)) = (self.timer, web_sys::window()) {
            window.clear_timeout_with_handle(timer);
        }
    }
}

/// Turns a non-2xx response into its typed error.
async fn check(res: Response) -> Result<Response, ApiError> {
    if res.ok() {
        return Ok(res);
    }
    let status = res.status();
    let body = decode::<ErrorBody>(res).await.ok();
    Err(ApiError::from_status(status, body))
}

pub(super) async fn decode<T: DeserializeOwned>(res: Response) -> Result<T, ApiError> {
    let text = res.text().await.map_err(|_| ApiError::BadResponse)?;
    crate::json::from_str(&text).map_err(|_| ApiError::BadResponse)
}
