use crate::{
    api::{Api, ApiError, AuthApi},
    router::Nav,
    routes::{GoTo, Page},
    session::Session,
};
use leptos::prelude::*;

/// Shows its children only when signed in; otherwise sends the person to sign in
/// and back here afterwards.
#[component]
pub fn RequireSession(children: ChildrenFn) -> impl IntoView {
    let session = expect_context::<Session>();
    let nav = expect_context::<Nav>();
    let signs_in = crate::host::use_host().signs_in();
    // Only signing in or out changes what is shown, not a renewed token.
    let signed_in = Memo::new(move |_| session.is_signed_in());
    move || {
        if signed_in.get() {
            // Reads while building the page must not make this switch rebuild it.
            untrack(|| children().into_any())
        } else if signs_in {
            view! { <super::HostSignIn /> }.into_any()
        } else {
            let here = untrack(|| nav.path());
            view! { <GoTo path=Page::sign_in_then(&here) /> }.into_any()
        }
    }
}

/// The authenticated client of the signed-in session, and a handler that
/// ends the session when the server says it is over.
pub fn use_client() -> (
    impl Fn() -> Option<AuthApi> + Clone + 'static,
    impl Fn(&ApiError) + Copy + 'static,
) {
    let api = expect_context::<Api>();
    let session = expect_context::<Session>();
    let client = move || session.client(&api);
    let on_error = move |e: &ApiError| {
        if *e == ApiError::SessionExpired {
            session.expire();
        }
    };
    (client, on_error)
}
