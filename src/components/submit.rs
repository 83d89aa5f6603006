use super::{use_client, FormErrors};
use crate::api::{ApiError, AuthApi};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use portal_core::Form;
use std::future::Future;

/// The submit handler of a form sent with the signed-in client: runs the shared rules
/// first, sends one request at a time, ends the session if the server says so, and
/// hands the result to `done`. What was typed is never touched.
pub fn submit_with<T, R, Fut>(
    form: FormErrors,
    pending: RwSignal<bool>,
    request: impl Fn() -> T + 'static,
    send: impl Fn(AuthApi, T) -> Fut + 'static,
    done: impl Fn(Result<R, ApiError>) + Clone + 'static,
) -> impl Fn(SubmitEvent) + 'static
where
    T: Form + 'static,
    R: 'static,
    Fut: Future<Output = Result<R, ApiError>> + 'static,
{
    let (client, on_error) = use_client();
    move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let Some(req) = form.submit(request()) else { return };
        let Some(client) = client() else { return };
        pending.set(true);
        let (future, done) = (send(client, req), done.clone());
        spawn_local(async move {
            let result = future.await;
            if let Err(e) = &result {
                on_error(e);
            }
            done(result);
            pending.set(false);
        });
    }
}
