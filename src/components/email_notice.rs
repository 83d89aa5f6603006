//! "Confirm your email address": shown to a seller whose contact address is not confirmed
//! yet, with the address (a typo is the usual reason no link arrives), a way to change it
//! and **Send the link again**. Gone as soon as the link is opened, in this tab or another.

use super::use_client;
use crate::{api::ApiError, i18n, routes::Page, standing::Standing};
use leptos::{prelude::*, task::spawn_local};

#[component]
pub fn EmailNotice() -> impl IntoView {
    let standing = expect_context::<Standing>();
    let unconfirmed = move || {
        standing
            .get()
            .and_then(Result::ok)
            .filter(|me| !me.email_verified)
            .and_then(|me| me.contact_email)
    };
    move || unconfirmed().map(|email| view! { <Unconfirmed email /> })
}

#[component]
fn Unconfirmed(
    /// The contact address waiting for its link.
    email: String,
) -> impl IntoView {
    let (client, on_error) = use_client();
    let pending = RwSignal::new(false);
    let said = RwSignal::new(None::<Result<String, ApiError>>);
    let resend = move |_| {
        let Some(c) = client() else { return };
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        spawn_local(async move {
            let answer = c.resend_verification().await;
            if let Err(e) = &answer {
                on_error(e);
            }
            said.set(Some(answer.map(|sent| sent.sent_to)));
            pending.set(false);
        });
    };
    view! {
        <div class="notice notice--warning" id="email-notice">
            <h2 class="heading-s notice__title">{i18n::email_notice_title()}</h2>
            <p>{i18n::email_notice_body(&email)}</p>
            <p class="button-group">
                <button type="button" class="button button--secondary" id="resend-link" on:click=resend
                    aria-disabled=move || pending.get().then_some("true")>
                    {i18n::resend_link()}
                </button>
                <a href=Page::Developer.href()>{i18n::change_email()}</a>
            </p>
            <p role="status" class="meta">
                {move || match said.get() {
                    Some(Ok(to)) => i18n::link_sent(&to),
                    Some(Err(e)) => i18n::api_error(&e),
                    None => String::new(),
                }}
            </p>
        </div>
    }
}
