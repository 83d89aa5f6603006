//! Pages whose code is downloaded when first shown, not with the sign-in form. With the
//! `split` feature (release builds through `cargo xtask dist`) each is a lazy route that
//! the post-link splitter moves into its own wasm chunk; without it (`trunk serve`, tests
//! of the unsplit build) the same routes are eager.

use crate::pages::*;
use leptos::{prelude::*, task::spawn_local};
use leptos_router::LazyRoute;
use wasm_bindgen::{closure::Closure, JsCast};

macro_rules! on_demand {
    ($($route:ident => $page:ident),* $(,)?) => {$(
        pub struct $route;

        #[cfg(feature = "split")]
        #[leptos_router::lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }

        #[cfg(not(feature = "split"))]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    )*};
}

on_demand! {
    AgreementRoute => AgreementPage,
    DeveloperRoute => DeveloperPage,
    AppsRoute => AppsPage,
    NewAppRoute => NewAppPage,
    CreateAppRoute => CreateAppPage,
    AppConsoleRoute => AppConsolePage,
    QualificationRoute => QualificationPage,
    QualificationCheckRoute => QualificationCheckPage,
    QualificationStatusRoute => QualificationStatusPage,
    ReviewRoute => ReviewPage,
    ReviewApplicationRoute => ReviewApplicationPage,
    VerifyEmailRoute => VerifyEmailPage,
    ReviewGoLiveRoute => ReviewGoLivePage,
    ReviewPermissionRoute => ReviewPermissionPage,
}

/// Once the browser is idle after a page is shown, fetches the code of the pages a seller
/// or reviewer usually opens next (the journey's next step), so following a link does not
/// wait for it. Without the `split` feature there is nothing to fetch.
pub fn preload_after(path: String) {
    let preload = move || {
        spawn_local(async move {
            match path.as_str() {
                "/" | "/sign-in" => {
                    AgreementRoute::preload().await;
                    AppsRoute::preload().await;
                    ReviewRoute::preload().await;
                }
                "/agreement" => DeveloperRoute::preload().await,
                "/developer" => AppsRoute::preload().await,
                "/apps" => {
                    NewAppRoute::preload().await;
                    AppConsoleRoute::preload().await;
                }
                "/apps/new" => {
                    QualificationRoute::preload().await;
                    CreateAppRoute::preload().await;
                }
                "/qualification" => QualificationCheckRoute::preload().await,
                "/qualification/check" => QualificationStatusRoute::preload().await,
                "/qualification/status" => CreateAppRoute::preload().await,
                "/apps/new/commercial" => AppConsoleRoute::preload().await,
                "/review" => {
                    ReviewApplicationRoute::preload().await;
                    ReviewGoLiveRoute::preload().await;
                    ReviewPermissionRoute::preload().await;
                }
                _ => {}
            }
        })
    };
    // Safari has no requestIdleCallback: a short pause stands in for it.
    let callback = Closure::once_into_js(preload);
    let idle = window().request_idle_callback(callback.unchecked_ref());
    if idle.is_err() {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 500);
    }
}
