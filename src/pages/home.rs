use crate::{components::Journey, routes::Page};
use leptos::prelude::*;

/// `/`: sends the signed-in person to the step they have to do next (the journey gate
/// always redirects from here).
#[component]
pub fn HomePage() -> impl IntoView {
    view! { <Journey step=Page::Home>""</Journey> }
}
