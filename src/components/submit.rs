use super::{use_client, FormErrors};
use crate::{
    api::{Api, ApiError, AuthApi},
    session::Session,
};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use portal_core::api::SignInRequest;
use portal_core::Form;
use std::future::Future;

/// The submit handler of a form sent with the signed-in client: runs the shared rules
/// first, sends one request at a time, and hands the result to `done`. If the session
/// has ended, the page stays as it is and the password is asked for again, so nothing
/// typed is lost.
pub fn submit_with<T, R, Fut>(
    form: FormErrors,
    pending: RwSignal<bool>,
    request: impl Fn() -> T + 'static,
    send: impl Fn(AuthApi, T) -> Fut + 'static,
    done: impl Fn(Result<R, ApiError>) + Clone + 'static,
) -> impl Fn(SubmitEvent) + 'static
where
    T: Form + serde::Serialize + 'static,
    R: 'static,
    Fut: Future<Output = Result<R, ApiError>> + 'static,
{
    let (client, _) = use_client();
    let session = expect_context::<Session>();
    let standing = expect_context::<crate::standing::Standing>();
    let api = expect_context::<Api>();
    // One key per request until it succeeds: resending the same answers after a lost
    // answer happens once; changed answers are a new request with a new key.
    let key = StoredValue::new(None::<(String, Option<String>)>);
    move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let Some(req) = form.submit(request()) else { return };
        let Some(client) = client() else { return };
        pending.set(true);
        let body = serde_json::to_string(&req).unwrap_or_default();
        let this_key = match key.get_value() {
            Some((sent, k)) if sent == body => k,
            _ => new_idempotency_key(),
        };
        key.set_value(Some((body, this_key.clone())));
        let client = client.with_idempotency_key(this_key);
        let (future, done, api) = (send(client, req), done.clone(), api.clone());
        spawn_local(async move {
            let result = future.await;
            if result.is_ok() {
                key.set_value(None);
            }
            match &result {
                Err(ApiError::SessionExpired) => session.ask_reauth(),
                Err(e) => standing.after_error(e, &api),
                Ok(_) => {}
            }
            done(result);
            pending.set(false);
        });
    }
}

/// The submit handler of a sign-in form (the sign-in page, and signing in again in
/// place): begins the session and calls `after`, or shows why not, keeping what was typed.
pub fn sign_in_with(
    form: FormErrors,
    pending: RwSignal<bool>,
    request: impl Fn() -> SignInRequest + 'static,
    link_to: &'static str,
    after: impl Fn() + Clone + 'static,
) -> impl Fn(SubmitEvent) + 'static {
    let api = expect_context::<Api>();
    let session = expect_context::<Session>();
    move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let Some(req) = form.submit(request()) else { return };
        pending.set(true);
        let (api, after) = (api.clone(), after.clone());
        spawn_local(async move {
            match api.sign_in(&req).await {
                Ok((client, res)) => {
                    session.begin(&client, res.account);
                    after();
                }
                Err(e) => form.fail(&e, Some(link_to)),
            }
            pending.set(false);
        });
    }
}

/// 128 random bits from the browser's cryptographic generator, as hex; `None` if it
/// fails (the request then goes without a key rather than with a guessable one).
pub fn new_idempotency_key() -> Option<String> {
    let mut bytes = [0u8; 16];
    window()
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut bytes)
        .ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
