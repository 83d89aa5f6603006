//! The one way a form is sent. A page says what to send and what to do with the answer;
//! the action does the rest: the shared rules first, one request at a time (the pending
//! state), one idempotency key per attempt until it succeeds, signing in again in place
//! when the session ended, the error summary with its focus, and a message for every
//! failure kind, keeping everything typed.

use super::FormErrors;
use crate::{
    api::{Api, ApiError, AuthApi},
    session::Session,
    standing::Standing,
};
use leptos::{ev::SubmitEvent, prelude::*};
use portal_core::{api::SignInRequest, Form};
use std::{future::Future, pin::Pin, rc::Rc};

type Sent = Pin<Box<dyn Future<Output = ()>>>;
/// A page's own handling of some failures; says whether it handled this one.
type Special = Box<dyn Fn(&ApiError) -> bool>;

/// What a page does with its form's answer.
pub struct Outcome<R> {
    ok: Box<dyn Fn(R)>,
    special: Option<Special>,
    link_to: Option<&'static str>,
}

impl<R: 'static> Outcome<R> {
    /// On success, `ok` (usually: go to the next page).
    pub fn then(ok: impl Fn(R) + 'static) -> Self {
        Self {
            ok: Box::new(ok),
            special: None,
            link_to: None,
        }
    }

    /// A failure that belongs to no field links to `field` in the summary.
    pub fn link_to(mut self, field: &'static str) -> Self {
        self.link_to = Some(field);
        self
    }

    /// Failures the page shows in its own way: `special` returns whether it did.
    pub fn except(mut self, special: impl Fn(&ApiError) -> bool + 'static) -> Self {
        self.special = Some(Box::new(special));
        self
    }
}

/// A form's submit action.
pub struct Submit<T: 'static> {
    action: Action<T, ()>,
    form: FormErrors,
}

impl<T: 'static> Clone for Submit<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: 'static> Copy for Submit<T> {}

impl<T: Form + serde::Serialize + Clone + 'static> Submit<T> {
    /// Sent with the signed-in client; an ended session asks for the password in place.
    pub fn signed<R, Fut>(
        form: FormErrors,
        send: impl Fn(AuthApi, T) -> Fut + 'static,
        outcome: Outcome<R>,
    ) -> Self
    where
        R: 'static,
        Fut: Future<Output = Result<R, ApiError>> + 'static,
    {
        let session = expect_context::<Session>();
        let standing = expect_context::<Standing>();
        let api = expect_context::<Api>();
        let client = {
            let api = api.clone();
            move |key| session.client(&api).map(|c| c.with_idempotency_key(key))
        };
        let after_failure = move |e: &ApiError| match e {
            ApiError::SessionExpired => session.ask_reauth(),
            other => standing.after_error(other, &api),
        };
        Self::new(form, client, send, outcome, after_failure)
    }

    fn new<C, R, Fut>(
        form: FormErrors,
        client: impl Fn(Option<String>) -> Option<C> + 'static,
        send: impl Fn(C, T) -> Fut + 'static,
        outcome: Outcome<R>,
        after_failure: impl Fn(&ApiError) + 'static,
    ) -> Self
    where
        R: 'static,
        Fut: Future<Output = Result<R, ApiError>> + 'static,
    {
        // One key per request until it succeeds: resending the same answers after a lost
        // answer happens once; changed answers are a new request with a new key.
        let key = StoredValue::new(None::<(String, Option<String>)>);
        let (outcome, after_failure) = (Rc::new(outcome), Rc::new(after_failure));
        let action = Action::new_local(move |req: &T| -> Sent {
            let body = serde_json::to_string(req).unwrap_or_default();
            let this_key = match key.get_value() {
                Some((sent, k)) if sent == body => k,
                _ => new_idempotency_key(),
            };
            key.set_value(Some((body, this_key.clone())));
            let Some(client) = client(this_key) else {
                return Box::pin(async {});
            };
            let (future, outcome, after_failure) =
                (send(client, req.clone()), outcome.clone(), after_failure.clone());
            Box::pin(async move {
                match future.await {
                    Ok(answer) => {
                        key.set_value(None);
                        (outcome.ok)(answer);
                    }
                    Err(e) => {
                        if !outcome.special.as_ref().is_some_and(|special| special(&e)) {
                            form.fail(&e, outcome.link_to);
                        }
                        after_failure(&e);
                    }
                }
            })
        });
        Self { action, form }
    }

    /// Whether an answer is awaited (the button says so; pressing again does nothing).
    pub fn pending(&self) -> Memo<bool> {
        self.action.pending()
    }

    /// Checks `request` with the shared rules and sends it, unless one is on its way.
    pub fn send(&self, request: T) {
        if self.action.pending().get_untracked() {
            return;
        }
        if let Some(checked) = self.form.submit(request) {
            self.action.dispatch_local(checked);
        }
    }

    /// The form's submit handler, sending what `request` makes of the fields.
    pub fn on_submit(self, request: impl Fn() -> T + 'static) -> impl Fn(SubmitEvent) + 'static {
        move |ev: SubmitEvent| {
            ev.prevent_default();
            self.send(request());
        }
    }
}

impl Submit<SignInRequest> {
    /// Signing in (the sign-in page, and signing in again in place): begins the session,
    /// then `after`.
    pub fn sign_in(form: FormErrors, link_to: &'static str, after: impl Fn() + 'static) -> Self {
        let session = expect_context::<Session>();
        let api = expect_context::<Api>();
        let outcome = Outcome::then(
            move |(client, res): (AuthApi, portal_core::api::SignInResponse)| {
                session.begin(&client, res.account);
                after();
            },
        )
        .link_to(link_to);
        Self::new(
            form,
            move |_| Some(api.clone()),
            |api: Api, req: SignInRequest| async move { api.sign_in(&req).await },
            outcome,
            |_| {},
        )
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
