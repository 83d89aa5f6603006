//! Pages whose code is downloaded when first shown, not with the sign-in form. With the
//! `split` feature (release builds through `cargo xtask dist`) each is a lazy route that
//! the post-link splitter moves into its own wasm chunk; without it (`trunk serve`, tests
//! of the unsplit build) the same routes are eager.

use crate::pages::*;
use leptos::prelude::*;
use leptos_router::LazyRoute;

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
}
