//! One component per page of the journey.

pub mod agreement;
pub mod app_console;
pub mod apps;
pub mod create_app;
pub mod developer;
pub mod home;
pub mod new_app;
pub mod not_found;
pub mod qualification;
pub mod qualification_check;
pub mod qualification_status;
pub mod review;
pub mod review_permission;
pub mod sign_in;
pub mod verify_email;

pub use agreement::AgreementPage;
pub use app_console::AppConsolePage;
pub use apps::AppsPage;
pub use create_app::CreateAppPage;
pub use developer::DeveloperPage;
pub use home::HomePage;
pub use new_app::NewAppPage;
pub use not_found::NotFoundPage;
pub use qualification::QualificationPage;
pub use qualification_check::QualificationCheckPage;
pub use qualification_status::QualificationStatusPage;
pub use review::{ReviewApplicationPage, ReviewGoLivePage, ReviewPage};
pub use review_permission::ReviewPermissionPage;
pub use sign_in::SignInPage;
pub use verify_email::VerifyEmailPage;

use leptos::prelude::*;

/// The page for the number in the address's `:id`, or Not found when it is not one.
fn by_id<V: IntoView + 'static>(page: impl Fn(i64) -> V + Send + Sync + 'static) -> impl IntoView {
    let nav = expect_context::<crate::router::Nav>();
    move || match nav.page().and_then(crate::routes::Page::id) {
        Some(id) => page(id).into_any(),
        None => view! { <NotFoundPage /> }.into_any(),
    }
}
