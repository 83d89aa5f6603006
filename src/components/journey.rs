use super::{use_client, ErrorPanel, RequireSession};
use crate::{
    i18n,
    routes::{required_before, Page},
};
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Shows its children once the signed-in person has done every step that comes before
/// `step`; otherwise sends them to the step they still have to do.
#[component]
pub fn Journey(
    /// The page being shown.
    step: Page,
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <RequireSession>
            <Gate step children=children.clone() />
        </RequireSession>
    }
}

#[component]
fn Gate(step: Page, children: ChildrenFn) -> impl IntoView {
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
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match me.await {
                        Ok(Some(me)) => match required_before(&me, step) {
                            Some(page) => view! { <Redirect path=page.path() /> }.into_any(),
                            None => children().into_any(),
                        },
                        Ok(None) => ().into_any(),
                        Err(e) => {
                            on_error(&e);
                            view! { <ErrorPanel error=e retry=Callback::new(move |_| me.refetch()) /> }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}
