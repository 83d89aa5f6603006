use super::{Dialog, ErrorSummary, FormErrors, Submit, TextField};
use crate::{i18n, routes::Page, session::Session};
use leptos::prelude::*;
use portal_core::{api::SignInRequest, Form};

/// Signs in again in place when the session ended while a form was being sent.
#[component]
pub fn ReauthDialog() -> impl IntoView {
    let session = expect_context::<Session>();
    let signs_in = crate::host::use_host().signs_in();
    let reauth = session.reauth();
    view! {
        <Dialog open=reauth labelled_by="reauth-title">
            {if signs_in {
                // The host signs its seller in again; the dialog closes once it has.
                view! {
                    <h2 class="heading-m" id="reauth-title">{i18n::reauth_title()}</h2>
                    <Show when=move || reauth.get()><super::HostSignIn /></Show>
                }
                .into_any()
            } else {
                view! { <ReauthForm /> }.into_any()
            }}
        </Dialog>
    }
}

#[component]
fn ReauthForm() -> impl IntoView {
    let session = expect_context::<Session>();
    let navigate = crate::routes::use_go();
    let account = session.account().map(|a| a.name).unwrap_or_default();
    let password = RwSignal::new(String::new());
    let form = FormErrors::new::<SignInRequest>();
    let request = {
        let account = account.clone();
        move || SignInRequest {
            account: account.clone(),
            password: password.get(),
        }
    };
    let errors = {
        let request = request.clone();
        Memo::new(move |_| form.visible(request().errors()))
    };
    let submit = Submit::sign_in(form, "password", || ());
    let pending = submit.pending();
    let on_submit = submit.on_submit(request);
    let sign_out = move |_| {
        session.end();
        session.reauth().set(false);
        navigate(&Page::SignIn.path());
    };
    view! {
        <form on:submit=on_submit novalidate class="dialog__form">
            <h2 class="heading-m" id="reauth-title">{i18n::reauth_title()}</h2>
            <p>{i18n::reauth_body()}</p>
            <ErrorSummary form errors />
            <p>{i18n::signed_in_as()}" "<strong>{account}</strong></p>
            <TextField id="password" value=password form errors input_type="password" autocomplete="current-password" />
            <div class="button-group">
                <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                    {i18n::sign_in_button()}
                </button>
                <button type="button" class="button button--secondary" on:click=sign_out>{i18n::sign_out()}</button>
            </div>
        </form>
    }
}
