//! Where a request stands, step by step (the qualification application, an app going
//! online): each step done with its time, or waiting.

use crate::i18n;
use leptos::prelude::*;

/// The steps in order: each one's label and, once done, what to say of it (usually when).
pub fn timeline(steps: Vec<(&'static str, Option<String>)>) -> impl IntoView {
    let steps = steps
        .into_iter()
        .map(|(label, when)| {
            let done = when.is_some();
            view! {
                <li class="timeline__step" class:timeline__step--done=done>
                    <span class="timeline__label">{label}</span>
                    <span class="timeline__when">{when.unwrap_or_else(|| i18n::waiting().into())}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="timeline">{steps}</ol> }
}
