use crate::{
    components::{use_client, ErrorPanel, RequireSession},
    i18n,
    routes::Page,
};
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// `/`: sends the signed-in person to the step they have to do next.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <RequireSession>
            <NextStep />
        </RequireSession>
    }
}

#[component]
fn NextStep() -> impl IntoView {
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
        <Suspense fallback=|| view! { <p class="loading">{i18n::LOADING}</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) if me.agreement.needs_acceptance() => {
                        view! { <Redirect path=Page::Agreement.path() /> }.into_any()
                    }
                    Ok(Some(_)) => view! { <Redirect path=Page::Developer.path() /> }.into_any(),
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
