use crate::i18n;
use leptos::{prelude::*, task::spawn_local};
use std::time::Duration;

/// Copies a value to the clipboard and says so, for screen readers too.
#[component]
pub fn CopyButton(
    /// What to copy.
    #[prop(into)]
    text: Signal<String>,
    /// What is copied, for the button's accessible name ("Copy AppKey").
    what: &'static str,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let value = text.get_untracked();
        spawn_local(async move {
            let clipboard = window().navigator().clipboard();
            if wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&value))
                .await
                .is_ok()
            {
                copied.set(true);
                set_timeout(move || copied.set(false), Duration::from_secs(3));
            }
        });
    };
    view! {
        <button type="button" class="button button--secondary button--small" on:click=copy aria-label=format!("{} {what}", i18n::copy())>
            {move || if copied.get() { i18n::copied() } else { i18n::copy() }}
        </button>
        <span class="visually-hidden" aria-live="polite">{move || copied.get().then(|| format!("{what} {}", i18n::lower(i18n::copied())))}</span>
    }
}
