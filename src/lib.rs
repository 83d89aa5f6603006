//! The developer portal's browser app: a Leptos client-side SPA.
//!
//! `start` finds the element to mount into, reads the runtime configuration and
//! renders the router. Everything a user reads comes from [`i18n`]; every HTTP
//! call goes through [`api`]; every rule comes from `portal_core`.

pub mod api;
pub mod app;
pub mod components;
pub mod config;
pub mod draft;
pub mod format;
pub mod i18n;
pub mod pages;
pub mod routes;
pub mod session;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The id of the element the portal mounts into when a host page provides one.
pub const MOUNT_ID: &str = "portal";

pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash();
    }));
    let document = document();
    let root = document
        .get_element_by_id(MOUNT_ID)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .or_else(|| document.body())
        .expect("the page has neither #portal nor a body");
    // The host page may point at another config file with data-config; by default it is
    // the config.json beside the built files (boot.js says where they are).
    let config_url = root.get_attribute("data-config").unwrap_or_else(|| {
        let assets = root.get_attribute("data-assets").unwrap_or_default();
        web_sys::Url::new_with_base("config.json", &assets)
            .map(|u| u.href())
            .unwrap_or_else(|_| "config.json".into())
    });
    leptos::mount::mount_to(root, move || view! { <app::Boot config_url /> }).forget();
}

/// After a bug stopped the app: a message and a way back, never a blank page. Plain DOM,
/// because the app's own rendering can no longer be trusted. Answers in the browser's
/// storage survive the reload.
fn show_crash() {
    let document = document();
    let Some(root) = document
        .get_element_by_id(MOUNT_ID)
        .or_else(|| document.body().map(Into::into))
    else {
        return;
    };
    root.set_inner_html("");
    let build = || -> Option<()> {
        let box_ = document.create_element("div").ok()?;
        box_.set_class_name("notice notice--error");
        box_.set_attribute("role", "alert").ok()?;
        let heading = document.create_element("h1").ok()?;
        heading.set_class_name("heading-m");
        heading.set_text_content(Some(i18n::CRASH_TITLE));
        let text = document.create_element("p").ok()?;
        text.set_text_content(Some(i18n::CRASH_BODY));
        let reload = document.create_element("a").ok()?;
        reload.set_class_name("button");
        reload
            .set_attribute("href", &window().location().href().ok()?)
            .ok()?;
        reload.set_text_content(Some(i18n::CRASH_RELOAD));
        box_.append_child(&heading).ok()?;
        box_.append_child(&text).ok()?;
        box_.append_child(&reload).ok()?;
        root.append_child(&box_).ok()?;
        Some(())
    };
    let _ = build();
}
