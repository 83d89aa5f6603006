use super::form_errors::{error_line, FieldState, FormErrors};
use crate::i18n;
use leptos::prelude::*;
use portal_core::FieldError;

/// A labelled drop-down list.
#[component]
pub fn SelectField(
    /// The request field's name, used as the select's id.
    id: &'static str,
    /// (value, visible text) pairs.
    options: Vec<(String, String)>,
    /// The selected value ("" for none).
    value: RwSignal<String>,
    /// The form the field belongs to.
    form: FormErrors,
    /// The form's currently shown errors.
    errors: Memo<Vec<FieldError>>,
) -> impl IntoView {
    let state = FieldState::new(id, errors, false);
    let (error, error_id) = (state.error, state.error_id.clone());
    let described_by = state.described_by();
    let options = options
        .into_iter()
        .map(|(v, text)| {
            let selected_value = v.clone();
            view! { <option value=v selected=move || value.get() == selected_value>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field" class:field--error=move || error.read().is_some()>
            <label class="field__label" for=id>{i18n::field_label(id)}</label>
            {error_line(error_id.clone(), error)}
            <select
                class="input select"
                id=id
                name=id
                aria-invalid=state.invalid()
                aria-describedby=described_by
                prop:value=move || value.get()
                on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    form.edited(id);
                }
            >
                <option value="">{i18n::select_placeholder()}</option>
                {options}
            </select>
        </div>
    }
}
