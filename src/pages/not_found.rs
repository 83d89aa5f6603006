use crate::{i18n, routes::Page};
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <h1 class="heading-l">{i18n::not_found_title()}</h1>
        <p>{i18n::not_found_body()}</p>
        <p><a href=Page::Home.href()>{i18n::go_home()}</a></p>
    }
}
