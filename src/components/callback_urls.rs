//! An app's callback URLs in its console: up to five, added and removed in place, checked
//! by the shared rules as they are typed and by the server again, saved as a whole.

use super::{focus_when_drawn, ErrorSummary, FormErrors, Outcome, Submit, TextField};
use crate::i18n;
use leptos::prelude::*;
use portal_core::{
    api::{AppDetail, CallbackUrls},
    rules::CALLBACK_URLS_MAX,
    Form,
};

/// The input of the URL at `index` (its id is the request field the server names).
fn field(index: usize) -> &'static str {
    CallbackUrls::FIELDS[index + 1]
}

#[component]
pub fn CallbackUrlsForm(
    /// The app's id.
    id: i64,
    /// The URLs saved now.
    saved: Vec<String>,
) -> impl IntoView {
    let slots: [RwSignal<String>; CALLBACK_URLS_MAX] =
        std::array::from_fn(|i| RwSignal::new(saved.get(i).cloned().unwrap_or_default()));
    let count = RwSignal::new(saved.len().min(CALLBACK_URLS_MAX));
    let just_saved = RwSignal::new(false);
    let form = FormErrors::new::<CallbackUrls>();
    let request = move || CallbackUrls {
        callback_urls: slots[..count.get()].iter().map(|s| s.get()).collect(),
    };
    let errors = Memo::new(move |_| form.visible(request().errors()));
    let submit = Submit::signed(
        form,
        move |c, req: CallbackUrls| async move { c.set_callback_urls(id, &req).await },
        Outcome::then(move |_: AppDetail| just_saved.set(true)).link_to("callback_urls"),
    );
    let pending = submit.pending();
    let on_submit = submit.on_submit(request);
    // Removing shifts the URLs after it up; focus goes to the one now in its place, or
    // to "Add a callback URL" when it was the last.
    let remove = move |index: usize| {
        let n = count.get_untracked();
        for i in index..n - 1 {
            slots[i].set(slots[i + 1].get_untracked());
        }
        slots[n - 1].set(String::new());
        count.set(n - 1);
        just_saved.set(false);
        focus_when_drawn(if index < n - 1 {
            field(index)
        } else {
            "add-callback-url"
        });
    };
    let add = move |_| {
        let n = count.get_untracked();
        count.set(n + 1);
        just_saved.set(false);
        focus_when_drawn(field(n));
    };
    let rows = move || {
        (0..count.get())
            .map(|i| {
                view! {
                    <div class="callback-url">
                        <TextField id=field(i) label=i18n::callback_url_label(i + 1) value=slots[i] form errors input_type="url" class="input--wide" />
                        <button type="button" class="button button--secondary button--small" aria-label=i18n::remove_callback_url(i + 1) on:click=move |_| remove(i)>
                            {i18n::remove()}
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <section class="callback-urls" aria-labelledby="callback-urls-title">
            <h2 class="heading-m" id="callback-urls-title">{i18n::callback_urls_title()}</h2>
            <p class="field__hint">{i18n::callback_urls_hint(CALLBACK_URLS_MAX)}</p>
            <ErrorSummary form errors />
            <form on:submit=on_submit novalidate>
                {rows}
                <Show when=move || count.get() < CALLBACK_URLS_MAX>
                    <p>
                        <button type="button" class="button button--secondary" id="add-callback-url" on:click=add>
                            {i18n::add_callback_url()}
                        </button>
                    </p>
                </Show>
                <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                    {i18n::save_callback_urls()}
                </button>
                <p class="meta" role="status">{move || just_saved.get().then(i18n::callback_urls_saved)}</p>
            </form>
        </section>
    }
}
