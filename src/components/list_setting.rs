//! A list the developer keeps in an app's console (callback URLs, the IP allow-list): up
//! to its maximum, entries added and removed in place, checked by the shared rules as
//! they are typed and by the server again, saved as a whole.

use super::{focus_when_drawn, ErrorSummary, FormErrors, Outcome, Submit, TextField};
use crate::api::{ApiError, AuthApi};
use leptos::prelude::*;
use portal_core::{api::AppDetail, Form};
use std::future::Future;

/// What the list's section says, in the reader's language.
pub struct ListWords {
    pub title: &'static str,
    pub hint: String,
    /// The label of entry `n` (counted from 1).
    pub label: fn(usize) -> String,
    pub add: &'static str,
    /// The accessible name of entry `n`'s Remove button.
    pub remove: fn(usize) -> String,
    pub save: &'static str,
    pub saved: &'static str,
}

#[component]
pub fn ListSettingForm<T, F, Fut>(
    /// The section's id; its heading is `<id>-title`, its Add button `add-<id>`.
    id: &'static str,
    /// The request's field names: the list's, then one per entry (the inputs' ids).
    fields: &'static [&'static str],
    /// The entries saved now.
    saved: Vec<String>,
    words: ListWords,
    /// The inputs' type (`url`, `text`).
    input_type: &'static str,
    /// The request for these entries.
    make: fn(Vec<String>) -> T,
    /// Sends the request with the signed-in client.
    send: F,
    /// Counts the console's changes; a save adds one.
    changes: RwSignal<u32>,
) -> impl IntoView
where
    T: Form + serde::Serialize + Clone + 'static,
    F: Fn(AuthApi, T) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<AppDetail, ApiError>> + 'static,
{
    let max = fields.len() - 1;
    let slots: Vec<RwSignal<String>> = (0..max)
        .map(|i| RwSignal::new(saved.get(i).cloned().unwrap_or_default()))
        .collect();
    let slots = StoredValue::new(slots);
    let slot = move |i: usize| slots.with_value(|s| s[i]);
    let count = RwSignal::new(saved.len().min(max));
    let just_saved = RwSignal::new(false);
    let form = FormErrors::new::<T>();
    let request = move || make((0..count.get()).map(|i| slot(i).get()).collect());
    let errors = Memo::new(move |_| form.visible(request().errors()));
    let submit = Submit::signed(
        form,
        send,
        Outcome::then(move |_: AppDetail| {
            just_saved.set(true);
            changes.update(|n| *n += 1);
        })
        .link_to(fields[0]),
    );
    let pending = submit.pending();
    let on_submit = submit.on_submit(request);
    let add_button = format!("add-{id}");
    let add_focus = StoredValue::new(add_button.clone());
    // Removing shifts the entries after it up; focus goes to the one now in its place, or
    // to Add when it was the last.
    let remove = move |index: usize| {
        let n = count.get_untracked();
        for i in index..n - 1 {
            slot(i).set(slot(i + 1).get_untracked());
        }
        slot(n - 1).set(String::new());
        count.set(n - 1);
        just_saved.set(false);
        if index < n - 1 {
            focus_when_drawn(fields[index + 1]);
        } else {
            focus_when_drawn(add_focus.get_value());
        }
    };
    let add = move |_| {
        let n = count.get_untracked();
        count.set(n + 1);
        just_saved.set(false);
        focus_when_drawn(fields[n + 1]);
    };
    let (label, remove_name) = (words.label, words.remove);
    let rows = move || {
        (0..count.get())
            .map(|i| {
                view! {
                    <div class="list-setting__row">
                        <TextField id=fields[i + 1] label=label(i + 1) value=slot(i) form errors input_type class="input--wide" />
                        <button type="button" class="button button--secondary button--small" aria-label=remove_name(i + 1) on:click=move |_| remove(i)>
                            {crate::i18n::remove()}
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    let (title_id, labelled_by) = (format!("{id}-title"), format!("{id}-title"));
    view! {
        <section class="list-setting" id=id aria-labelledby=labelled_by>
            <h2 class="heading-m" id=title_id>{words.title}</h2>
            <p class="field__hint">{words.hint}</p>
            <ErrorSummary form errors />
            <form on:submit=on_submit novalidate>
                {rows}
                <Show when=move || count.get() < max>
                    <p>
                        <button type="button" class="button button--secondary" id=add_button.clone() on:click=add>
                            {words.add}
                        </button>
                    </p>
                </Show>
                <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                    {words.save}
                </button>
                <p class="meta" role="status">{move || just_saved.get().then_some(words.saved)}</p>
            </form>
        </section>
    }
}
