use crate::i18n;
use leptos::prelude::*;

/// One row of a summary list: a label, the answer and, optionally, a Change link.
pub fn summary_row(
    label: impl Into<String>,
    value: impl IntoView + 'static,
    change: Option<String>,
) -> AnyView {
    let label = label.into();
    let hidden = i18n::lower(&label);
    view! {
        <div class="summary__row">
            <dt class="summary__key">{label}</dt>
            <dd class="summary__value">{value}</dd>
            {change.map(|href| view! {
                <dd class="summary__actions">
                    <a href=href>{i18n::change()}<span class="visually-hidden">" "{hidden}</span></a>
                </dd>
            })}
        </div>
    }
    .into_any()
}
