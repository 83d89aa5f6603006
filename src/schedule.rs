//! When work the first screen does not need may run: after the first contentful paint,
//! and then when the browser is idle, so the API check and the next pages' downloads
//! neither delay nor share the network with what the reader is waiting for.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How long to wait for the first contentful paint at most: a page in a background tab,
/// or a portal mounted into a hidden element, may not paint for a long time.
const FIRST_PAINT_WAIT_MS: u32 = 1_000;
const FIRST_PAINT_POLL_MS: u32 = 20;

/// Resolves after `ms` milliseconds (a timer task, so the page may render in between).
pub async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                ms.min(i32::MAX as u32) as i32,
            );
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Resolves once the page has shown its first contentful paint (at once on a host page
/// that painted long ago), or after [`FIRST_PAINT_WAIT_MS`] in a browser that does not
/// report paints.
pub async fn after_first_paint() {
    let painted = || {
        web_sys::window()
            .and_then(|w| w.performance())
            .is_none_or(|p| p.get_entries_by_name("first-contentful-paint").length() > 0)
    };
    let mut waited = 0;
    while !painted() && waited < FIRST_PAINT_WAIT_MS {
        sleep_ms(FIRST_PAINT_POLL_MS).await;
        waited += FIRST_PAINT_POLL_MS;
    }
}

/// Resolves when the browser is next idle (Safari has no `requestIdleCallback`: a short
/// pause stands in for it).
pub async fn idle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else { return };
        if window.request_idle_callback(resolve.unchecked_ref()).is_err() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 500);
        }
    });
    let _ = JsFuture::from(promise).await;
}
