//! Pages whose code is downloaded when first shown, not with the sign-in form. With the
//! `split` feature (release builds through `cargo xtask dist`) each is a `#[lazy]` function
//! that the post-link splitter moves into its own wasm chunk; without it (`trunk serve`,
//! tests of the unsplit build) the same functions are in the one wasm file.

use crate::{language::Language, pages::*, routes::Page};
use leptos::{prelude::*, tachys::reactive_graph::OwnedView, task::spawn_local};

/// For each page: a function that draws it under `owner` (with `split`, moved into its own
/// chunk and downloaded on the first call) and one that only downloads it.
macro_rules! on_demand {
    ($($draw:ident, $preload:ident => $page:ident),* $(,)?) => {$(
        #[cfg(feature = "split")]
        #[leptos::lazy]
        fn $draw(owner: Owner) -> AnyView {
            owner.with(|| $page().into_any())
        }

        #[cfg(not(feature = "split"))]
        async fn $draw(owner: Owner) -> AnyView {
            owner.with(|| $page().into_any())
        }

        #[cfg(not(feature = "split"))]
        async fn $preload() {}
    )*};
}

on_demand! {
    agreement_page, __preload_agreement_page => AgreementPage,
    developer_page, __preload_developer_page => DeveloperPage,
    apps_page, __preload_apps_page => AppsPage,
    new_app_page, __preload_new_app_page => NewAppPage,
    create_app_page, __preload_create_app_page => CreateAppPage,
    app_console_page, __preload_app_console_page => AppConsolePage,
    qualification_page, __preload_qualification_page => QualificationPage,
    qualification_check_page, __preload_qualification_check_page => QualificationCheckPage,
    qualification_status_page, __preload_qualification_status_page => QualificationStatusPage,
    review_page, __preload_review_page => ReviewPage,
    review_application_page, __preload_review_application_page => ReviewApplicationPage,
    verify_email_page, __preload_verify_email_page => VerifyEmailPage,
    review_go_live_page, __preload_review_go_live_page => ReviewGoLivePage,
    review_permission_page, __preload_review_permission_page => ReviewPermissionPage,
}

/// The view of `page` (Not found for `None`), drawn under `owner`, which it keeps alive
/// while it is on screen. The sign-in form, the home page and Not found are in the shell.
pub async fn view_of(page: Option<Page>, owner: Owner) -> AnyView {
    let drawn = owner.clone();
    // A page of its own chunk reads the pages' words as it is drawn: they come first.
    // Fetched once (usually while the sign-in form was read, see `preload_after`).
    if !matches!(page, None | Some(Page::Home | Page::SignIn)) {
        let language = owner.with(expect_context::<Language>);
        if let Err(no_texts) = language.pages_words().await {
            let view = view! { <p class="loading" role="alert">{no_texts}</p> };
            return OwnedView::new_with_owner(view.into_any(), drawn).into_any();
        }
    }
    let view = match page {
        None => owner.with(|| NotFoundPage().into_any()),
        Some(Page::Home) => owner.with(|| HomePage().into_any()),
        Some(Page::SignIn) => owner.with(|| SignInPage().into_any()),
        Some(Page::Agreement) => agreement_page(owner).await,
        Some(Page::Developer) => developer_page(owner).await,
        Some(Page::Apps) => apps_page(owner).await,
        Some(Page::NewApp) => new_app_page(owner).await,
        Some(Page::NewCommercialApp) => create_app_page(owner).await,
        Some(Page::App(_)) => app_console_page(owner).await,
        Some(Page::Qualification) => qualification_page(owner).await,
        Some(Page::QualificationCheck) => qualification_check_page(owner).await,
        Some(Page::QualificationStatus) => qualification_status_page(owner).await,
        Some(Page::Review) => review_page(owner).await,
        Some(Page::ReviewApplication(_)) => review_application_page(owner).await,
        Some(Page::VerifyEmail) => verify_email_page(owner).await,
        Some(Page::ReviewGoLive(_)) => review_go_live_page(owner).await,
        Some(Page::ReviewPermission(_)) => review_permission_page(owner).await,
    };
    OwnedView::new_with_owner(view, drawn).into_any()
}

/// After the first paint, in the browser's idle moments, fetches the code of the pages a
/// seller or reviewer usually opens next (the journey's next step), and from the sign-in
/// form the pages' words and the code that reads the account's standing, so following a
/// link does not wait for them. One download per idle moment, so the reader's keys do not
/// wait behind them. Without the `split` feature there is no code to fetch.
pub fn preload_after(page: Option<Page>, language: Language) {
    /// Each download in an idle moment of its own, one after the other.
    macro_rules! when_idle {
        ($($download:expr),* $(,)?) => {{
            $(
                crate::schedule::idle().await;
                $download.await;
            )*
        }};
    }
    let Some(page) = page else { return };
    spawn_local(async move {
        crate::schedule::after_first_paint().await;
        match page {
            Page::Home | Page::SignIn => when_idle!(
                async {
                    let _ = language.pages_words().await;
                },
                crate::standing::preload(),
                __preload_agreement_page(),
                __preload_apps_page(),
                __preload_review_page(),
            ),
            Page::Agreement => when_idle!(__preload_developer_page()),
            Page::Developer => when_idle!(__preload_apps_page()),
            Page::Apps => when_idle!(__preload_new_app_page(), __preload_app_console_page()),
            Page::NewApp => when_idle!(__preload_qualification_page(), __preload_create_app_page()),
            Page::Qualification => when_idle!(__preload_qualification_check_page()),
            Page::QualificationCheck => when_idle!(__preload_qualification_status_page()),
            Page::QualificationStatus => when_idle!(__preload_create_app_page()),
            Page::NewCommercialApp => when_idle!(__preload_app_console_page()),
            Page::Review => when_idle!(
                __preload_review_application_page(),
                __preload_review_go_live_page(),
                __preload_review_permission_page(),
            ),
            _ => {}
        }
    });
}
