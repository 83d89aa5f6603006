use crate::{i18n, routes::Page};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <h1 class="heading-l">{i18n::NOT_FOUND_TITLE}</h1>
        <p>{i18n::NOT_FOUND_BODY}</p>
        <p><A href=Page::Home.href()>{i18n::GO_HOME}</A></p>
    }
}
