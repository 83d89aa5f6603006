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
    console_error_panic_hook::set_once();
    let document = document();
    let root = document
        .get_element_by_id(MOUNT_ID)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .or_else(|| document.body())
        .expect("the page has neither #portal nor a body");
    // The host page may point at another config file with data-config.
    let config_url = root
        .get_attribute("data-config")
        .unwrap_or_else(|| "config.json".into());
    leptos::mount::mount_to(root, move || view! { <app::Boot config_url /> }).forget();
}
