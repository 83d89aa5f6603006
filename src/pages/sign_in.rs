use crate::{
    components::{ErrorSummary, FormErrors, Submit, TextField},
    i18n,
    routes::{GoTo, Page},
    session::Session,
};
use leptos::prelude::*;
use portal_core::{api::SignInRequest, Form};

/// Sign in with the seller account. A refused sign-in keeps what was typed.
#[component]
pub fn SignInPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let nav = expect_context::<crate::router::Nav>();
    // What the address said when the page opened: the form's own navigation changes it
    // while this page is still on screen.
    let next = Page::safe_next(nav.query("next"));
    // Where the host page signs its sellers in, the portal has no sign-in form.
    let signs_in = crate::host::use_host().signs_in();
    move || {
        if session.is_signed_in() || signs_in {
            view! { <GoTo path=next.clone() /> }.into_any()
        } else {
            view! { <SignInForm next=next.clone() /> }.into_any()
        }
    }
}

#[component]
fn SignInForm(
    /// Where to go once signed in.
    next: String,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let navigate = crate::routes::use_go();
    let account = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let form = FormErrors::new::<SignInRequest>();
    let request = move || SignInRequest {
        account: account.get(),
        password: password.get(),
    };
    let errors = Memo::new(move |_| form.visible(request().errors()));
    let expired = session.was_expired();

    let submit = Submit::sign_in(form, "account", move || navigate(&next));
    let pending = submit.pending();
    let on_submit = submit.on_submit(request);

    view! {
        <div class="narrow">
            <ErrorSummary form errors />
            <h1 class="heading-l">{i18n::sign_in_title()}</h1>
            {expired.then(|| view! { <p class="notice notice--info" role="status">{i18n::session_expired()}</p> })}
            <p class="lead">{i18n::sign_in_intro()}</p>
            <form on:submit=on_submit novalidate>
                <TextField
                    id="account"
                    label=i18n::account_label()
                    hint=i18n::account_hint()
                    value=account
                    form
                    errors
                    autocomplete="username"
                />
                <TextField
                    id="password"
                    label=i18n::password_label()
                    value=password
                    form
                    errors
                    input_type="password"
                    autocomplete="current-password"
                />
                <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                    {move || if pending.get() { i18n::signing_in() } else { i18n::sign_in_button() }}
                </button>
            </form>
        </div>
    }
}
