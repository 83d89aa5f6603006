//! The developer portal's browser app: a Leptos client-side SPA.
//!
//! `mount` (called by `embed.js`, for the stand-alone page too) renders the portal into an
//! element, reads the runtime configuration and renders the router. Everything a user reads comes from [`i18n`]; every HTTP
//! call goes through [`api`]; every rule comes from `portal_core`.

pub mod api;
pub mod app;
pub mod components;
pub mod config;
pub mod draft;
pub mod format;
pub mod i18n;
pub mod json;
pub mod language;
pub mod on_demand;
pub mod pages;
pub mod router;
pub mod routes;
pub mod schedule;
pub mod session;
pub mod standing;

pub mod host;

use leptos::prelude::*;
use wasm_bindgen::{prelude::wasm_bindgen, JsCast, JsValue};

/// Where the configuration comes from: a `config.json` URL, or the object itself.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigSource {
    Url(String),
    /// The configuration object, as JSON text.
    Inline(String),
}

/// The portal mounted into an element of a page (see `embed.js`); `unmount` removes it.
/// Only `unmount` does: a host that drops the handle (the stand-alone page does) lets the
/// browser collect it, and that must not take the portal off the page.
#[wasm_bindgen]
pub struct Mounted {
    view: Option<Box<dyn std::any::Any>>,
    element: web_sys::HtmlElement,
    /// Theme properties set on the element, removed again on unmount.
    theme: Vec<String>,
    /// Whether the element got the `portal` class from us (and loses it on unmount).
    added_class: bool,
    /// The element's own `lang` before the portal set its language there.
    own_lang: Option<String>,
}

#[wasm_bindgen]
impl Mounted {
    /// Removes everything the portal added: its view (with its listeners, effects and
    /// timers), the theme properties, the class and the language it set on the element.
    pub fn unmount(&mut self) {
        self.view.take();
        let style = self.element.style();
        for property in self.theme.drain(..) {
            let _ = style.remove_property(&property);
        }
        if std::mem::take(&mut self.added_class) {
            let _ = self.element.class_list().remove_1("portal");
        }
        let _ = self.element.remove_attribute("data-portal-mounted");
        let _ = match self.own_lang.take() {
            Some(lang) => self.element.set_attribute("lang", &lang),
            None => self.element.remove_attribute("lang"),
        };
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        // Collected without `unmount`: the view stays, with what it needs to run.
        if let Some(view) = self.view.take() {
            std::mem::forget(view);
        }
    }
}

/// Mounts the portal into `element` with the options `embed.js` documents: `config` (URL
/// or object), `basePath`, `locale`, `getToken`, `theme`. Exported to JavaScript by the binary.
pub fn mount(element: web_sys::HtmlElement, options: JsValue) -> Mounted {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash();
    }));
    let get =
        |key: &str| js_sys::Reflect::get(&options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    let config = get("config");
    let source = match config.as_string() {
        Some(url) => ConfigSource::Url(url),
        None if config.is_object() => ConfigSource::Inline(
            js_sys::JSON::stringify(&config)
                .ok()
                .and_then(|t| t.as_string())
                .unwrap_or_default(),
        ),
        None => ConfigSource::Url("config.json".into()),
    };
    let base_path = get("basePath").as_string();
    // Where embed.js found the built files (the message files, `<tag>.json`, are among them).
    let assets = get("assets").as_string().unwrap_or_else(|| "./".into());
    let locale = get("locale").as_string();
    let owns_page = get("ownsPage").as_bool().unwrap_or(false);
    let get_token = get("getToken").dyn_into::<js_sys::Function>().ok();
    let mut theme = Vec::new();
    let theme_object = get("theme");
    if theme_object.is_object() {
        for entry in js_sys::Object::entries(theme_object.unchecked_ref()).iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            let (Some(key), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) else {
                continue;
            };
            // Only the portal's own custom properties: a theme cannot restyle the host.
            if key.starts_with("--portal-") && element.style().set_property(&key, &value).is_ok() {
                theme.push(key);
            }
        }
    }
    let added_class = !element.class_list().contains("portal");
    let own_lang = element.get_attribute("lang");
    let _ = element.class_list().add_1("portal");
    let _ = element.set_attribute("data-portal-mounted", "");
    CRASH_ROOT.with(|root| *root.borrow_mut() = Some(element.clone()));
    let host = host::Host::new(element.clone(), get_token);
    let view = leptos::mount::mount_to(element.clone(), move || {
        provide_context(host);
        language::Language::provide(assets, locale, owns_page);
        view! { <app::Boot source base_path /> }
    });
    Mounted {
        view: Some(Box::new(view)),
        element,
        theme,
        added_class,
        own_lang,
    }
}

thread_local! {
    /// The element of the latest mount, where a crash is shown.
    static CRASH_ROOT: std::cell::RefCell<Option<web_sys::HtmlElement>> = const { std::cell::RefCell::new(None) };
}

/// After a bug stopped the app: a message and a way back, never a blank page. Plain DOM,
/// because the app's own rendering can no longer be trusted. Answers in the browser's
/// storage survive the reload.
fn show_crash() {
    let document = document();
    let Some(root) = CRASH_ROOT.with(|r| r.borrow().clone()) else {
        return;
    };
    root.set_inner_html("");
    let build = || -> Option<()> {
        let box_ = document.create_element("div").ok()?;
        box_.set_class_name("notice notice--error");
        box_.set_attribute("role", "alert").ok()?;
        let heading = document.create_element("h1").ok()?;
        heading.set_class_name("heading-m");
        heading.set_text_content(Some(i18n::crash_title()));
        let text = document.create_element("p").ok()?;
        text.set_text_content(Some(i18n::crash_body()));
        let reload = document.create_element("a").ok()?;
        reload.set_class_name("button");
        reload
            .set_attribute("href", &window().location().href().ok()?)
            .ok()?;
        reload.set_text_content(Some(i18n::crash_reload()));
        box_.append_child(&heading).ok()?;
        box_.append_child(&text).ok()?;
        box_.append_child(&reload).ok()?;
        root.append_child(&box_).ok()?;
        Some(())
    };
    let _ = build();
}
