use super::form_errors::{error_line, FieldState, FormErrors};
use leptos::prelude::*;
use portal_core::FieldError;

/// A single confirmation checkbox with its error.
#[component]
pub fn Checkbox(
    /// The request field's name, used as the input's id.
    id: &'static str,
    /// The label beside the box.
    #[prop(into)]
    label: Signal<String>,
    /// Whether it is ticked.
    checked: RwSignal<bool>,
    /// The form the field belongs to.
    form: FormErrors,
    /// The form's currently shown errors.
    errors: Memo<Vec<FieldError>>,
) -> impl IntoView {
    let state = FieldState::new(id, errors, false);
    let (error, error_id) = (state.error, state.error_id.clone());
    let described_by = state.described_by();
    view! {
        <div class="field" class:field--error=move || error.read().is_some()>
            {error_line(error_id.clone(), error)}
            <div class="checkbox">
                <input
                    class="checkbox__input"
                    type="checkbox"
                    id=id
                    name=id
                    aria-describedby=described_by
                    prop:checked=move || checked.get()
                    on:change=move |ev| {
                        checked.set(event_target_checked(&ev));
                        form.edited(id);
                    }
                />
                <label class="checkbox__label" for=id>{move || label.get()}</label>
            </div>
        </div>
    }
}
