//! Where the API is and how long to wait for it. The first screen is drawn before the
//! runtime configuration is read (on a phone's first load, reading it beside the wasm held
//! the sign-in form back a round trip); a call made before then waits for it.

use super::ApiError;
use std::{
    sync::{Arc, Mutex},
    task::{Poll, Waker},
};

/// Shared by every client made from one [`super::Api`]; cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct Endpoint(Arc<Mutex<Slot>>);

#[derive(Debug)]
enum Slot {
    /// Not read yet: the calls waiting for it.
    Waiting(Vec<Waker>),
    Known(Known),
    /// The configuration could not be read; the app says why instead of its pages.
    Failed,
}

/// The API's base URL (absolute, no trailing slash) and the time limit of a call.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Known {
    pub base: String,
    pub timeout_ms: u32,
}

impl Default for Slot {
    fn default() -> Self {
        Slot::Waiting(Vec::new())
    }
}

impl PartialEq for Endpoint {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Endpoint {
    /// The configuration has been read (`None`: it could not be); the waiting calls go on.
    pub fn set(&self, read: Option<(String, u32)>) {
        let slot = match read {
            Some((base, timeout_seconds)) => Slot::Known(Known {
                base,
                timeout_ms: timeout_seconds.saturating_mul(1000),
            }),
            None => Slot::Failed,
        };
        let before = self.0.lock().map(|mut s| std::mem::replace(&mut *s, slot));
        if let Ok(Slot::Waiting(wakers)) = before {
            wakers.into_iter().for_each(Waker::wake);
        }
    }

    /// The API's base URL once the configuration has been read (`None`: it could not be).
    pub async fn base(&self) -> Option<String> {
        self.get().await.ok().map(|known| known.base)
    }

    /// The endpoint, once the configuration has been read.
    pub(super) async fn get(&self) -> Result<Known, ApiError> {
        std::future::poll_fn(|cx| {
            let Ok(mut slot) = self.0.lock() else {
                return Poll::Ready(Err(ApiError::BadResponse));
            };
            match &mut *slot {
                Slot::Known(known) => Poll::Ready(Ok(known.clone())),
                Slot::Failed => Poll::Ready(Err(ApiError::Network(String::new()))),
                Slot::Waiting(wakers) => {
                    wakers.push(cx.waker().clone());
                    Poll::Pending
                }
            }
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::{
        future::Future,
        sync::atomic::{AtomicUsize, Ordering},
        task::{Context, Wake},
    };

    /// Counts how often it was woken.
    #[derive(Default)]
    struct Woken(AtomicUsize);

    impl Wake for Woken {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn poll<T>(call: &mut std::pin::Pin<Box<impl Future<Output = T>>>, woken: &Arc<Woken>) -> Poll<T> {
        let waker = Waker::from(woken.clone());
        call.as_mut().poll(&mut Context::from_waker(&waker))
    }

    #[test]
    fn calls_wait_for_the_configuration_and_go_on_once_it_is_read() {
        let endpoint = Endpoint::default();
        let woken = Arc::new(Woken::default());
        let mut first = Box::pin(endpoint.get());
        let mut second = Box::pin(endpoint.base());
        assert!(poll(&mut first, &woken).is_pending());
        assert!(poll(&mut second, &woken).is_pending());
        assert_eq!(woken.0.load(Ordering::SeqCst), 0);

        endpoint.set(Some(("https://api.example.com/v1".into(), 35)));
        assert_eq!(woken.0.load(Ordering::SeqCst), 2, "both waiting calls go on");
        let known = Known {
            base: "https://api.example.com/v1".into(),
            timeout_ms: 35_000,
        };
        assert_eq!(poll(&mut first, &woken), Poll::Ready(Ok(known.clone())));
        assert_eq!(
            poll(&mut second, &woken),
            Poll::Ready(Some("https://api.example.com/v1".into()))
        );
        // A clone is the same endpoint; later calls do not wait.
        let mut later = Box::pin(async { endpoint.clone().get().await });
        assert_eq!(poll(&mut later, &woken), Poll::Ready(Ok(known)));
    }

    #[test]
    fn calls_stop_when_the_configuration_cannot_be_read() {
        let endpoint = Endpoint::default();
        let woken = Arc::new(Woken::default());
        let mut call = Box::pin(endpoint.get());
        assert!(poll(&mut call, &woken).is_pending());
        endpoint.set(None);
        assert_eq!(woken.0.load(Ordering::SeqCst), 1);
        assert!(matches!(
            poll(&mut call, &woken),
            Poll::Ready(Err(ApiError::Network(_)))
        ));
        assert!(matches!(
            poll(&mut Box::pin(endpoint.base()), &woken),
            Poll::Ready(None)
        ));
    }
}
