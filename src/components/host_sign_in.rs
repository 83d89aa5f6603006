use crate::{api::Api, host::use_host, i18n, session::Session};
use leptos::{prelude::*, task::spawn_local};

/// Signs the host page's seller in with a token from the host (the portal then shows no
/// sign-in form of its own); says so, with a way to try again, when the host gives none.
#[component]
pub fn HostSignIn() -> impl IntoView {
    let api = expect_context::<Api>();
    let session = expect_context::<Session>();
    let host = use_host();
    let failed = RwSignal::new(None::<String>);
    let attempt = move || {
        let (api, host) = (api.clone(), host.clone());
        failed.set(None);
        spawn_local(async move {
            let Some(token) = host.token().await else {
                failed.set(Some(i18n::host_no_token().into()));
                return;
            };
            match api.sign_in_host(token).await {
                Ok((client, res)) => session.begin(&client, res.account),
                Err(e) => failed.set(Some(i18n::api_error(&e))),
            }
        });
    };
    attempt();
    move || match failed.get() {
        None => view! { <p class="loading" role="status">{i18n::host_signing_in()}</p> }.into_any(),
        Some(message) => {
            let attempt = attempt.clone();
            view! {
                <div class="notice notice--error" role="alert">
                    <p>{message}</p>
                    <p>
                        <button type="button" class="button button--secondary" on:click=move |_| attempt()>
                            {i18n::try_again()}
                        </button>
                    </p>
                </div>
            }
            .into_any()
        }
    }
}
