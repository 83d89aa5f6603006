//! Loading a page's data with the signed-in client: the loading state, the data, or the
//! failure with a way forward, in one place.
//!
//! The data is type-erased before it reaches the reactive machinery, so every page
//! shares one compiled copy of it instead of one per data type (it is most of the
//! code a page would otherwise add to the wasm).

use super::{use_client, ErrorPanel};
use crate::{
    api::{ApiError, AuthApi},
    i18n,
};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::{any::Any, future::Future, pin::Pin, rc::Rc};

type Erased = SendWrapper<Rc<dyn Any>>;
type ErasedFuture = Pin<Box<dyn Future<Output = Result<Erased, ApiError>>>>;
type FetchFn = SendWrapper<Rc<dyn Fn(AuthApi) -> ErasedFuture>>;
type RenderFn = SendWrapper<Rc<dyn Fn(Erased, Callback<()>) -> AnyView>>;

/// Special views for some failures (e.g. "reviewers only" for 403); others get the
/// error panel with "Try again".
pub type FailureView = fn(&ApiError) -> Option<AnyView>;

/// Loads `fetch`'s data and shows `render(data, reload)`.
pub fn load<T, F, Fut, V>(fetch: F, render: impl Fn(T, Callback<()>) -> V + 'static) -> AnyView
where
    T: Clone + 'static,
    F: Fn(AuthApi) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
    V: IntoView + 'static,
{
    load_or(fetch, render, |_| None)
}

/// [`load`], with a view of its own for some failures.
pub fn load_or<T, F, Fut, V>(
    fetch: F,
    render: impl Fn(T, Callback<()>) -> V + 'static,
    failure: FailureView,
) -> AnyView
where
    T: Clone + 'static,
    F: Fn(AuthApi) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
    V: IntoView + 'static,
{
    let fetch: Rc<dyn Fn(AuthApi) -> ErasedFuture> = Rc::new(move |client| {
        let future = fetch(client);
        Box::pin(async move { future.await.map(|v| SendWrapper::new(Rc::new(v) as Rc<dyn Any>)) })
    });
    let render: Rc<dyn Fn(Erased, Callback<()>) -> AnyView> =
        Rc::new(move |data, reload| match data.take().downcast::<T>() {
            Ok(value) => render((*value).clone(), reload).into_any(),
            Err(_) => ().into_any(),
        });
    view! { <Loader fetch=SendWrapper::new(fetch) render=SendWrapper::new(render) failure /> }.into_any()
}

#[component]
fn Loader(fetch: FetchFn, render: RenderFn, failure: FailureView) -> impl IntoView {
    let (client, on_error) = use_client();
    let data = LocalResource::new(move || {
        let (client, fetch) = (client(), fetch.clone());
        async move {
            match client {
                Some(c) => fetch(c).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let reload = Callback::new(move |_| data.refetch());
    view! {
        <Suspense fallback=|| view! { <p class="loading">{i18n::loading()}</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match data.await {
                        // Only new data rebuilds the page, not reads made while building it.
                        Ok(Some(value)) => untrack(|| render(value, reload)),
                        Ok(None) => ().into_any(),
                        Err(e) => {
                            on_error(&e);
                            failure(&e).unwrap_or_else(|| view! { <ErrorPanel error=e retry=reload /> }.into_any())
                        }
                    }
                })
            }}
        </Suspense>
    }
}
