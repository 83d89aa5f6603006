use leptos::prelude::*;
use std::borrow::Cow;

/// One choice of a radio group; its words are fixed texts or, for choices the server
/// names (permission groups), its own.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: Cow<'static, str>,
    pub hint: Option<Cow<'static, str>>,
}

/// A group of radio buttons in a fieldset with a legend.
#[component]
pub fn Radios(
    /// The group's name; each input's id is `{name}-{value}`.
    name: &'static str,
    /// The question.
    legend: &'static str,
    /// The choices.
    choices: Vec<Choice>,
    /// The chosen value.
    value: RwSignal<String>,
) -> impl IntoView {
    let items = choices
        .into_iter()
        .map(|c| {
            let id = format!("{name}-{}", c.value);
            let hint_id = format!("{id}-hint");
            let described_by = c.hint.as_ref().map(|_| hint_id.clone());
            let (this, chosen) = (c.value.clone(), c.value.clone());
            view! {
                <div class="radio">
                    <input
                        class="radio__input"
                        type="radio"
                        id=id.clone()
                        name=name
                        value=c.value
                        aria-describedby=described_by
                        prop:checked=move || value.read() == this
                        on:change=move |_| value.set(chosen.clone())
                    />
                    <label class="radio__label" for=id>{c.label.into_owned()}</label>
                    {c.hint.map(|h| view! { <p class="field__hint radio__hint" id=hint_id>{h.into_owned()}</p> })}
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field fieldset">
            <legend class="fieldset__legend">{legend}</legend>
            {items}
        </fieldset>
    }
}
