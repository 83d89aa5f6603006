use crate::{
    components::{use_client, ErrorPanel, RequireSession},
    i18n,
    routes::Page,
};
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Developer information: the next step of the journey (its form comes with the next issue).
#[component]
pub fn DeveloperPage() -> impl IntoView {
    view! {
        <RequireSession>
            <DeveloperStatus />
        </RequireSession>
    }
}

#[component]
fn DeveloperStatus() -> impl IntoView {
    let (client, on_error) = use_client();
    let me = LocalResource::new(move || {
        let client = client();
        async move {
            match client {
                Some(c) => c.me().await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <h1 class="heading-l">{i18n::DEVELOPER_TITLE}</h1>
        <Suspense fallback=|| view! { <p class="loading">{i18n::LOADING}</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) if me.agreement.needs_acceptance() => {
                        view! { <Redirect path=Page::Agreement.path() /> }.into_any()
                    }
                    Ok(Some(_)) => view! { <p class="notice notice--info">{i18n::DEVELOPER_COMING}</p> }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(e) => {
                        on_error(&e);
                        view! { <ErrorPanel error=e retry=Callback::new(move |_| me.refetch()) /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
