use super::form_errors::{message_for, FormErrors};
use crate::i18n;
use leptos::prelude::*;
use portal_core::FieldError;

/// A labelled text input with its hint and its error tied to it for screen readers.
/// What the person typed is never cleared by an error.
#[component]
pub fn TextField(
    /// The request field's name, used as the input's id and name.
    id: &'static str,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// Help shown under the label.
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
) -> impl IntoView {
    let error = Memo::new(move |_| message_for(&errors.read(), id));
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.read().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let revealed = RwSignal::new(false);
    let is_password = input_type == "password";
    let current_type = move || {
        if is_password && revealed.get() {
            "text"
        } else {
            input_type
        }
    };
    let input_class = format!("input {}", class.unwrap_or_default());
    view! {
        <div class="field" class:field--error=move || error.read().is_some()>
            <label class="field__label" for=id>{label}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            {move || error.get().map(|m| view! { <p class="field__error" id=error_id.clone()><span class="visually-hidden">"Error: "</span>{m}</p> })}
            <div class="field__control">
                <input
                    class=input_class
                    id=id
                    name=id
                    type=current_type
                    autocomplete=autocomplete
                    spellcheck="false"
                    aria-invalid=move || error.read().is_some().then_some("true")
                    aria-describedby=described_by
                    prop:value=move || value.get()
                    on:input=move |ev| {
                        value.set(event_target_value(&ev));
                        form.edited(id);
                    }
                />
                {is_password.then(|| view! {
                    <button
                        type="button"
                        class="button button--secondary field__toggle"
                        aria-controls=id
                        aria-pressed=move || revealed.get().to_string()
                        on:click=move |_| revealed.update(|r| *r = !*r)
                    >
                        {move || if revealed.get() { i18n::HIDE_PASSWORD } else { i18n::SHOW_PASSWORD }}
                    </button>
                })}
            </div>
        </div>
    }
}
