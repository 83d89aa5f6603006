use crate::{
    i18n::{self, Locale},
    language::Language,
};
use leptos::prelude::*;

/// The languages the portal speaks, each named in itself; the current one is marked, the
/// others switch to it (the page is drawn again in place, the choice is saved).
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let language = expect_context::<Language>();
    let current = i18n::current();
    let choices = Locale::ALL
        .into_iter()
        .map(|locale| {
            let item = if locale == current {
                view! { <span class="language__current" aria-current="true" lang=locale.tag()>{locale.autonym()}</span> }
                    .into_any()
            } else {
                view! {
                    <button type="button" class="language__choice" lang=locale.tag() on:click=move |_| language.switch(locale)>
                        {locale.autonym()}
                    </button>
                }
                .into_any()
            };
            view! { <li class="language__item">{item}</li> }
        })
        .collect_view();
    view! {
        <nav class="language" aria-label=i18n::language()>
            <ul class="language__list">{choices}</ul>
        </nav>
    }
}
