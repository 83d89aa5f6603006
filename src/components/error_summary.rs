use super::form_errors::FormErrors;
use crate::i18n;
use leptos::{html, prelude::*};
use portal_core::FieldError;

/// The one box at the top of a form that lists every problem, takes focus after a
/// failed submit, and links each problem to its field.
#[component]
pub fn ErrorSummary(
    /// The form whose errors to list.
    form: FormErrors,
    /// The field errors currently shown beside the fields.
    errors: Memo<Vec<FieldError>>,
    /// Where a field is when it is on another page (check your answers): its address.
    #[prop(optional)]
    elsewhere: Option<fn(&str) -> String>,
) -> impl IntoView {
    let node = NodeRef::<html::Div>::new();
    let has_problems = move || !errors.read().is_empty() || form.general().is_some();
    Effect::new(move |previous: Option<u32>| {
        let attempts = form.attempts();
        if previous.is_some_and(|p| p != attempts) {
            request_animation_frame(move || {
                if let Some(el) = node.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
        attempts
    });
    view! {
        <Show when=has_problems>
            <div class="error-summary" node_ref=node tabindex="-1" role="alert" aria-labelledby="error-summary-title">
                <h2 class="error-summary__title" id="error-summary-title">{i18n::error_summary_title()}</h2>
                <ul class="error-summary__list">
                    {move || form.general().map(|(message, field)| view! { <li>{summary_link(field, message)}</li> })}
                    {move || {
                        errors
                            .get()
                            .into_iter()
                            .map(|e| {
                                let message = i18n::field_message(&e);
                                let field = e.field.clone();
                                let link = match elsewhere {
                                    Some(href) => view! { <a href=href(&field)>{message}</a> }.into_any(),
                                    None => summary_link_owned(field, message),
                                };
                                view! { <li>{link}</li> }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}

fn summary_link(field: Option<&'static str>, message: String) -> AnyView {
    match field {
        Some(f) => summary_link_owned(f.to_owned(), message),
        None => view! { <span>{message}</span> }.into_any(),
    }
}

/// A link that moves focus to the field (and scrolls it into view) without leaving the page.
fn summary_link_owned(field: String, message: String) -> AnyView {
    let href = format!("#{field}");
    view! {
        <a
            href=href
            on:click=move |ev| {
                ev.prevent_default();
                focus_field(&field);
            }
        >
            {message}
        </a>
    }
    .into_any()
}

pub(crate) fn focus_field(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        el.scroll_into_view();
        if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
            let _ = el.focus();
        }
    }
}
