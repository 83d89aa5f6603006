//! Where the link in a verification e-mail leads: it confirms the contact address, signed in
//! or not, in any browser. The token comes in the address's fragment (never sent to a
//! server, so no log holds it) and is taken out of the address bar before anything else.

use crate::{
    api::{Api, ApiError},
    components::ErrorPanel,
    i18n,
    routes::Page,
    standing::{self, Standing},
};
use leptos::prelude::*;
use portal_core::{api::EmailVerified, error::code};

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let token = take_token();
    let api = expect_context::<Api>();
    let attempt = RwSignal::new(0u32);
    let answer = LocalResource::new(move || {
        attempt.track();
        let (api, token) = (api.clone(), token.clone());
        async move {
            if token.is_empty() {
                return Err(ApiError::NotFound);
            }
            api.open_verification_link(&token).await
        }
    });
    view! {
        <div class="narrow">
            <Suspense fallback=|| view! { <p class="loading">{i18n::verify_checking()}</p> }>
                {move || Suspend::new(async move {
                    let result = answer.await;
                    untrack(|| outcome(result, Callback::new(move |_| attempt.update(|n| *n += 1))))
                })}
            </Suspense>
        </div>
    }
}

/// What the person sees for the server's answer, with the way on.
fn outcome(result: Result<EmailVerified, ApiError>, retry: Callback<()>) -> AnyView {
    let (title, body) = match &result {
        Ok(done) => {
            // This tab's standing, and every other tab of the portal, learn it at once.
            if let Some(standing) = use_context::<Standing>() {
                standing.update(|me| me.email_verified = true);
            }
            standing::announce_email_verified();
            (i18n::verify_done_title(), i18n::verify_done_body(&done.email))
        }
        Err(ApiError::Conflict(body)) if body.code == code::VERIFICATION_USED => (
            i18n::verify_used_title(),
            i18n::conflict_message(&body.code).to_owned(),
        ),
        Err(ApiError::Conflict(body)) if body.code == code::VERIFICATION_EXPIRED => (
            i18n::verify_expired_title(),
            i18n::conflict_message(&body.code).to_owned(),
        ),
        Err(ApiError::NotFound) => (
            i18n::verify_invalid_title(),
            i18n::verify_invalid_body().to_owned(),
        ),
        Err(other) => return view! { <ErrorPanel error=other.clone() retry /> }.into_any(),
    };
    let panel = if result.is_ok() {
        "panel panel--success"
    } else {
        "panel"
    };
    view! {
        <div class=panel>
            <h1 class="heading-l" id="verify-title">{title}</h1>
            <p>{body}</p>
        </div>
        <p><a href=Page::Home.href() class="button">{i18n::continue_button()}</a></p>
    }
    .into_any()
}

/// The link's token, read from the fragment, which is then removed from the address bar and
/// the history entry.
fn take_token() -> String {
    let location = window().location();
    let token = location
        .hash()
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_owned();
    if !token.is_empty() {
        let without = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&without));
        }
    }
    token
}
