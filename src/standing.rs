//! Where the signed-in account stands (`GET /me`), held once for the signed-in part of the
//! app: fetched once per sign-in, updated from what writes return, and fetched again only
//! when the server says a step changed somewhere else (another tab, a newer agreement).
//!
//! Also the hand-over of a value a write returned to the page it leads to (the submitted
//! application to its status page, a new app to its console), so that page need not fetch
//! it again.

use crate::{
    api::{Api, ApiError, AuthApi},
    session::Session,
};
use leptos::{prelude::*, task::spawn_local};
use portal_core::{
    api::{Me, QualificationStatus},
    journey::Step,
};
use send_wrapper::SendWrapper;
use std::any::Any;
use wasm_bindgen::{closure::Closure, JsCast};

/// The channel the portal's tabs in one browser tell each other things on.
const CHANNEL: &str = "developer-portal";
const EMAIL_VERIFIED: &str = "email-verified";

/// Tells the portal's other tabs in this browser that the contact address is confirmed.
pub fn announce_email_verified() {
    if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) {
        let _ = channel.post_message(&EMAIL_VERIFIED.into());
        channel.close();
    }
}

/// `GET /me`. With the `split` feature in a wasm chunk of its own, fetched after signing in
/// (or while the sign-in form is read, see [`preload`]): reading the answer is code the
/// sign-in form does not need.
#[cfg(feature = "split")]
#[leptos::lazy]
async fn read_me(client: AuthApi) -> Result<Me, ApiError> {
    client.me().await
}

#[cfg(not(feature = "split"))]
async fn read_me(client: AuthApi) -> Result<Me, ApiError> {
    client.me().await
}

/// Downloads the code that reads the standing, if it is in a chunk of its own.
pub async fn preload() {
    #[cfg(feature = "split")]
    __preload_read_me().await;
}

#[derive(Debug, Clone, Copy)]
pub struct Standing {
    /// `None` while the first answer of this sign-in is awaited.
    me: RwSignal<Option<Result<Me, ApiError>>>,
    /// Only the latest fetch may write its answer (an older one may arrive later).
    fetches: StoredValue<u32>,
    handed: StoredValue<Option<SendWrapper<Box<dyn Any>>>>,
    session: Session,
}

impl Standing {
    /// Holds the standing of whoever is signed in, from now on.
    pub fn provide(session: Session, api: Api) -> Self {
        let standing = Self {
            me: RwSignal::new(None),
            fetches: StoredValue::new(0),
            handed: StoredValue::new(None),
            session,
        };
        // Signing in (or as someone else) fetches; a renewed token for the same seller does not.
        let who = Memo::new(move |_| session.account().map(|a| a.name));
        Effect::new(move |_| {
            // Read, not only tracked: a memo never read is never computed, so never hears a change.
            let _ = who.get();
            standing.me.set(None);
            standing.handed.set_value(None);
            standing.fetch(&api);
        });
        standing.hear_other_tabs();
        provide_context(standing);
        standing
    }

    /// Hears the portal's other tabs in this browser: a verification link opened in one
    /// confirms the address in all (no request needed).
    fn hear_other_tabs(&self) {
        let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
            return;
        };
        let me = self.me;
        let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            if ev.data().as_string().as_deref() == Some(EMAIL_VERIFIED) {
                me.update(|m| {
                    if let Some(Ok(me)) = m {
                        me.email_verified = true;
                    }
                });
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // Both live as long as the portal is mounted.
        let kept = SendWrapper::new((channel, on_message));
        on_cleanup(move || {
            let (channel, _) = kept.take();
            channel.set_onmessage(None);
            channel.close();
        });
    }

    /// Fetches the standing again; what is shown stays until the answer arrives.
    pub fn fetch(&self, api: &Api) {
        let Some(client) = self.session.client(api) else {
            return;
        };
        let fetch = self.fetches.get_value() + 1;
        self.fetches.set_value(fetch);
        let (me, fetches, session) = (self.me, self.fetches, self.session);
        spawn_local(async move {
            let result = read_me(client).await;
            if fetches.get_value() == fetch {
                if result == Err(ApiError::SessionExpired) {
                    session.expire();
                }
                me.set(Some(result));
            }
        });
    }

    /// The standing, tracked: `None` while loading.
    pub fn get(&self) -> Option<Result<Me, ApiError>> {
        self.me.get()
    }

    /// The standing now (pages shown behind the journey gate always have one).
    pub fn me(&self) -> Option<Me> {
        self.me
            .with_untracked(|m| m.as_ref().and_then(|r| r.as_ref().ok()).cloned())
    }

    /// Applies what a write (or a fresh read) says changed.
    pub fn update(&self, change: impl FnOnce(&mut Me)) {
        self.me.update(|m| {
            if let Some(Ok(me)) = m {
                change(me);
            }
        });
    }

    /// The latest application's status, as a read or a write just returned it.
    pub fn set_qualification(&self, status: Option<QualificationStatus>) {
        if self.me().is_some_and(|me| me.qualification != status) {
            self.update(|me| me.qualification = status);
        }
    }

    /// After a failed request: a step changed elsewhere, so the standing is fetched again.
    pub fn after_error(&self, error: &ApiError, api: &Api) {
        if let ApiError::Conflict(body) = error {
            if Step::is_journey_code(&body.code) {
                self.fetch(api);
            }
        }
    }

    /// Hands `value` to the next page (see [`Standing::take`]).
    pub fn hand_over<T: 'static>(&self, value: T) {
        self.handed
            .set_value(Some(SendWrapper::new(Box::new(value) as Box<dyn Any>)));
    }

    /// The value handed over by the write that led here, if it is a `T` that `fits`.
    pub fn take<T: 'static>(&self, fits: impl Fn(&T) -> bool) -> Option<T> {
        let handed = self.handed.try_update_value(Option::take).flatten()?;
        handed.take().downcast::<T>().ok().filter(|v| fits(v)).map(|v| *v)
    }
}
