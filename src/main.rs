//! The app starts when `embed.js` calls `mount` (the stand-alone page too), not on load.
use wasm_bindgen::prelude::wasm_bindgen;

fn main() {}

/// Mounts the portal into `element` (see `portal_web::mount` and `embed.js`).
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, options: wasm_bindgen::JsValue) -> portal_web::Mounted {
    portal_web::mount(element, options)
}
