//! The page the portal is mounted in: the element it owns, the events it tells the host
//! about, and, when the host signs its sellers in, the host's token function.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::{JsCast, JsValue};

/// Shared through context; cheap to copy.
#[derive(Clone)]
pub struct Host {
    element: SendWrapper<web_sys::HtmlElement>,
    get_token: Option<SendWrapper<js_sys::Function>>,
}

impl Host {
    pub fn new(element: web_sys::HtmlElement, get_token: Option<js_sys::Function>) -> Self {
        Self {
            element: SendWrapper::new(element),
            get_token: get_token.map(SendWrapper::new),
        }
    }

    /// Whether the host signs its sellers in (the portal then has no sign-in form of its own).
    pub fn signs_in(&self) -> bool {
        self.get_token.is_some()
    }

    /// Whether `node` is inside the portal's element (not the host page around it).
    pub fn holds(&self, node: &web_sys::Node) -> bool {
        self.element.contains(Some(node))
    }

    /// Marks the portal's element as written in `tag`.
    pub fn set_lang(&self, tag: &str) {
        let _ = self.element.set_attribute("lang", tag);
    }

    /// Tells the host page: a `portal:<name>` DOM event on the portal's element, bubbling.
    pub fn emit(&self, name: &str, detail: &[(&str, JsValue)]) {
        let object = js_sys::Object::new();
        for (key, value) in detail {
            let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
        }
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_detail(&object);
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(&format!("portal:{name}"), &init) {
            let _ = self.element.dispatch_event(&event);
        }
    }

    /// A token for the signed-in seller from the host's `getToken`, if it gives one.
    pub async fn token(&self) -> Option<String> {
        let get_token = self.get_token.as_ref()?;
        let answer = get_token.call0(&JsValue::NULL).ok()?;
        let value = match answer.dyn_into::<js_sys::Promise>() {
            Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.ok()?,
            Err(value) => value,
        };
        value.as_string().filter(|t| !t.is_empty())
    }
}

/// The host of this app, from context (every mount provides one).
pub fn use_host() -> Host {
    expect_context::<Host>()
}
