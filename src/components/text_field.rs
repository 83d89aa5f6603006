use super::form_errors::{error_line, FieldState, FormErrors};
use crate::i18n;
use leptos::prelude::*;
use portal_core::FieldError;

/// A labelled text input (or text area) with its hint and its error tied to it for
/// screen readers. What the person typed is never cleared by an error.
#[component]
pub fn TextField(
    /// The request field's name, used as the input's id and name.
    id: &'static str,
    /// The visible label; defaults to the field's label in [`i18n`].
    #[prop(optional, into)]
    label: Option<String>,
    /// Help under the label; defaults to the field's hint in [`i18n`].
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The input's value.
    value: RwSignal<String>,
    /// The form the field belongs to.
    form: FormErrors,
    /// The form's currently shown errors.
    errors: Memo<Vec<FieldError>>,
    /// `text`, `email`, `tel`, `url` or `password` (which gets a Show/Hide button).
    #[prop(default = "text")]
    input_type: &'static str,
    /// The browser's autofill hint.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// Extra classes for the input (width).
    #[prop(optional)]
    class: Option<&'static str>,
    /// Makes it a text area of this many rows.
    #[prop(optional)]
    rows: Option<u32>,
    /// The keyboard to offer on phones (`numeric`, `tel`…).
    #[prop(optional)]
    inputmode: Option<&'static str>,
) -> impl IntoView {
    let label = label.unwrap_or_else(|| i18n::field_label(id).to_owned());
    let hint = hint.map(str::to_owned).or_else(|| i18n::field_hint(id));
    let state = FieldState::new(id, errors, hint.is_some());
    let (error, hint_id, error_id) = (state.error, state.hint_id.clone(), state.error_id.clone());
    let described_by = state.described_by();
    let revealed = RwSignal::new(false);
    let is_password = input_type == "password";
    let current_type = move || {
        if is_password && revealed.get() {
            "text"
        } else {
            input_type
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        value.set(event_target_value(&ev));
        form.edited(id);
    };
    let invalid = state.invalid();
    let control = match rows {
        Some(rows) => view! {
            <textarea
                class=format!("input textarea {}", class.unwrap_or_default())
                id=id
                name=id
                rows=rows
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=on_input
            ></textarea>
        }
        .into_any(),
        None => view! {
            <input
                class=format!("input {}", class.unwrap_or_default())
                id=id
                name=id
                type=current_type
                autocomplete=autocomplete
                inputmode=inputmode
                spellcheck="false"
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=on_input
            />
        }
        .into_any(),
    };
    view! {
        <div class="field" class:field--error=move || error.read().is_some()>
            <label class="field__label" for=id>{label}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            {error_line(error_id.clone(), error)}
            <div class="field__control">
                {control}
                {is_password.then(|| view! {
                    <button
                        type="button"
                        class="button button--secondary field__toggle"
                        aria-controls=id
                        aria-pressed=move || revealed.get().to_string()
                        on:click=move |_| revealed.update(|r| *r = !*r)
                    >
                        {move || if revealed.get() { i18n::hide_password() } else { i18n::show_password() }}
                    </button>
                })}
            </div>
        </div>
    }
}
