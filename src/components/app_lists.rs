//! The lists in an app's console: its callback URLs and its IP allow-list.

use super::list_setting::{ListSettingForm, ListWords};
use crate::i18n;
use leptos::prelude::*;
use portal_core::{
    api::{AllowedSources, CallbackUrls},
    rules::{ALLOWED_SOURCES_MAX, CALLBACK_URLS_MAX},
    Form,
};

/// Where sellers may return after authorising the app.
#[component]
pub fn CallbackUrlsForm(
    /// The app's id.
    app: i64,
    /// The URLs saved now.
    saved: Vec<String>,
    /// Counts the console's changes.
    changes: RwSignal<u32>,
) -> impl IntoView {
    let words = ListWords {
        title: i18n::callback_urls_title(),
        hint: i18n::callback_urls_hint(CALLBACK_URLS_MAX),
        label: i18n::callback_url_label,
        add: i18n::add_callback_url(),
        remove: i18n::remove_callback_url,
        save: i18n::save_callback_urls(),
        saved: i18n::callback_urls_saved(),
    };
    view! {
        <ListSettingForm
            id="callback-urls"
            fields=CallbackUrls::FIELDS
            saved
            words
            input_type="url"
            make=|callback_urls| CallbackUrls { callback_urls }
            send=move |c, req: CallbackUrls| async move { c.set_callback_urls(app, &req).await }
            changes
        />
    }
}

/// The addresses and ranges the app's calls may come from.
#[component]
pub fn AllowedSourcesForm(
    /// The app's id.
    app: i64,
    /// The entries saved now.
    saved: Vec<String>,
    /// Counts the console's changes.
    changes: RwSignal<u32>,
) -> impl IntoView {
    let words = ListWords {
        title: i18n::allowed_sources_title(),
        hint: i18n::allowed_sources_hint(ALLOWED_SOURCES_MAX),
        label: i18n::allowed_source_label,
        add: i18n::add_allowed_source(),
        remove: i18n::remove_allowed_source,
        save: i18n::save_allowed_sources(),
        saved: i18n::allowed_sources_saved(),
    };
    view! {
        <ListSettingForm
            id="allowed-sources"
            fields=AllowedSources::FIELDS
            saved
            words
            input_type="text"
            make=|allowed_sources| AllowedSources { allowed_sources }
            send=move |c, req: AllowedSources| async move { c.set_allowed_sources(app, &req).await }
            changes
        />
    }
}
