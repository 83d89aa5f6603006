use crate::i18n;
use leptos::{prelude::*, task::spawn_local};
use std::time::Duration;
use wasm_bindgen::JsValue;

/// What the last press of Copy did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copying {
    Idle,
    Copied,
    /// The browser refused (no permission, not a secure page, no clipboard at all): the
    /// value is selected instead, for the reader to copy with the keyboard.
    Selected,
}

/// Copies a value to the clipboard and says so, for screen readers too. Where the browser
/// refuses, it selects the value on the page and says how to copy it.
#[component]
pub fn CopyButton(
    /// What to copy.
    #[prop(into)]
    text: Signal<String>,
    /// What is copied, for the button's accessible name ("Copy AppKey").
    what: &'static str,
    /// The id of the element that shows the value (selected when copying is refused).
    shows: &'static str,
) -> impl IntoView {
    let state = RwSignal::new(Copying::Idle);
    let copy = move |_| {
        let value = text.get_untracked();
        spawn_local(async move {
            if write_to_clipboard(&value).await {
                state.set(Copying::Copied);
                set_timeout(move || state.set(Copying::Idle), Duration::from_secs(3));
            } else {
                select_contents(shows);
                state.set(Copying::Selected);
            }
        });
    };
    let said = move || match state.get() {
        Copying::Idle => None,
        Copying::Copied => Some(format!("{what} {}", i18n::lower(i18n::copied()))),
        Copying::Selected => Some(i18n::copy_selected(what)),
    };
    view! {
        <button type="button" class="button button--secondary button--small" on:click=copy aria-label=format!("{} {what}", i18n::copy())>
            {move || if state.get() == Copying::Copied { i18n::copied() } else { i18n::copy() }}
        </button>
        <span class="copy__status" class:visually-hidden=move || state.get() != Copying::Selected aria-live="polite">{said}</span>
    }
}

/// Whether the browser took the value (the Clipboard API is missing outside secure pages).
async fn write_to_clipboard(value: &str) -> bool {
    let navigator = window().navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    has_clipboard
        && wasm_bindgen_futures::JsFuture::from(navigator.clipboard().write_text(value))
            .await
            .is_ok()
}

fn select_contents(id: &str) {
    let document = document();
    if let (Some(element), Ok(Some(selection))) = (document.get_element_by_id(id), document.get_selection()) {
        let _ = selection.select_all_children(&element);
    }
}
