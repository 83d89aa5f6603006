//! Start-up (configuration), the page frame and the routes.

use crate::{
    api::{Api, Endpoint},
    config::{self, Config, ConfigError},
    draft::DraftSlot,
    i18n,
    language::Language,
    on_demand,
    router::{Nav, Pages},
    routes::Page,
    session::Session,
};
use leptos::{prelude::*, task::spawn_local};
use portal_core::api::Role;

/// Starts the app once the reader's words are here, and reads the runtime configuration
/// once its first page is painted: the first screen does not wait for it (on a phone's
/// first load, reading it beside the wasm held the sign-in form back a round trip); calls
/// to the API do. A configuration that cannot be read stops the app with the reason.
#[component]
pub fn Boot(
    /// Where the configuration comes from.
    source: crate::ConfigSource,
    /// The path the portal owns on the host page, when the host says (overrides `router_base`).
    base_path: Option<String>,
) -> impl IntoView {
    let language = expect_context::<Language>();
    let texts = arrives(language.start());
    let endpoint = Endpoint::default();
    let router_base = config::router_base(
        base_path.as_deref(),
        None,
        &window().location().pathname().unwrap_or_default(),
    );
    let config = arrives({
        let endpoint = endpoint.clone();
        async move {
            // Read once the first page is painted: a request started before counts toward
            // the largest paint in Lighthouse's estimate, however little it holds the page.
            crate::schedule::after_first_paint().await;
            let read = config::load(&source, base_path.as_deref()).await;
            endpoint.set(
                read.as_ref()
                    .ok()
                    .map(|c| (c.api_base.clone(), c.request_timeout_seconds)),
            );
            read
        }
    });
    let problem = Memo::new(move |_| config.get().and_then(Result::err));
    move || match texts.get() {
        Some(Err(no_texts)) => view! { <p class="loading" role="alert">{no_texts}</p> }.into_any(),
        Some(Ok(())) => {
            let (endpoint, router_base) = (endpoint.clone(), router_base.clone());
            view! {
                <Show
                    when=move || problem.with(Option::is_none)
                    fallback=move || problem.get().map(|error| view! { <ConfigProblem error /> })
                >
                    <Checked endpoint=endpoint.clone() router_base=router_base.clone() config />
                </Show>
            }
            .into_any()
        }
        None => view! { <p class="loading" aria-busy="true"></p> }.into_any(),
    }
}

/// What `work` gives, once it has: `None` until then. The shell waits for its start-up
/// answers (the words, the configuration, the API's check) this way rather than through a
/// resource and `Suspense`, whose machinery would otherwise be part of the first download.
fn arrives<T: Send + Sync + 'static>(
    work: impl std::future::Future<Output = T> + 'static,
) -> ReadSignal<Option<T>> {
    let (value, set) = signal(None);
    spawn_local(async move { set.set(Some(work.await)) });
    value
}

/// The app, at once, while the configured API is checked alongside once the first page is
/// shown (so it is not kept waiting). An address that answers as something else stops the
/// app with the reason; an API that cannot be reached (down for a moment, or refusing this
/// origin) is named above the app, which keeps working and keeps what is typed.
#[component]
fn Checked(
    /// Where the API is, once the configuration is read.
    endpoint: Endpoint,
    /// Where the router works until the configuration says otherwise.
    router_base: String,
    /// The configuration, once read.
    config: ReadSignal<Option<Result<Config, ConfigError>>>,
) -> impl IntoView {
    // After the first paint, as the configuration it waits for is read then.
    let check = arrives({
        let endpoint = endpoint.clone();
        async move { config::check_api(&endpoint).await }
    });
    let problem = Memo::new(move |_| check.get().and_then(Result::err));
    let wrong_api = move || matches!(problem.get(), Some(ConfigError::NotAnApi { .. }));
    let language = expect_context::<Language>();
    view! {
        {move || {
            // Worded again when the reader switches language.
            let _ = language.current();
            match problem.get() {
                Some(error @ ConfigError::ApiUnreachable { .. }) => Some(view! {
                    <div class="notice notice--error notice--banner" role="alert">
                        <p>{i18n::config_problem(&error)}</p>
                    </div>
                }),
                _ => None,
            }
        }}
        <Show
            when=move || !wrong_api()
            fallback=move || problem.get().map(|error| view! { <ConfigProblem error /> })
        >
            <App endpoint=endpoint.clone() router_base=router_base.clone() config />
        </Show>
    }
}

#[component]
fn ConfigProblem(
    /// What went wrong reading the configuration.
    error: ConfigError,
) -> impl IntoView {
    let detail = i18n::config_problem(&error);
    view! {
        <main class="main" id="main">
            <div class="notice notice--error" role="alert">
                <h1 class="heading-m">{i18n::config_error_title()}</h1>
                <p>{i18n::config_error_hint()}</p>
                <p class="meta">{detail}</p>
            </div>
        </main>
    }
}

/// The portal, drawn before its configuration is read.
#[component]
pub fn App(
    /// Where the API is, once the configuration is read.
    endpoint: Endpoint,
    /// Where the router works until the configuration says otherwise.
    router_base: String,
    /// The configuration, once read.
    config: ReadSignal<Option<Result<Config, ConfigError>>>,
) -> impl IntoView {
    let api = Api::new(endpoint);
    provide_context(api.clone());
    provide_context(config::Current(config));
    let session = Session::restore(crate::host::use_host());
    provide_context(session);
    crate::standing::Standing::provide(session, api);
    DraftSlot::provide();
    let language = expect_context::<Language>();
    let nav = Nav::provide(router_base.clone(), crate::host::use_host());
    // `router_base` in the file, when it says otherwise than the address implied.
    Effect::new(move |_| {
        if let Some(Ok(read)) = config.get() {
            if read.router_base != router_base {
                nav.rebase(read.router_base);
            }
        }
    });
    view! {
        <TellHostWhereWeAre />
        // Drawn again in the reader's new language when they switch; the session, the
        // account's standing and drafts are held above, so nothing is fetched again.
        {move || {
            let _ = language.current();
            view! {
                <a
                    class="skip-link"
                    href="#main"
                    on:click=|ev| {
                        ev.prevent_default();
                        crate::components::focus_main();
                    }
                >
                    {i18n::skip_to_content()}
                </a>
                <Header />
                <crate::components::ReauthDialog />
                <main class="main" id="main" tabindex="-1">
                    <Pages />
                </main>
            }
        }}
    }
}

/// Tells the host page each page the portal shows (`portal:navigate` with its path inside
/// the portal), so a host can follow along (its own navigation, its title, analytics), and
/// fetches the next pages' code when the browser is idle.
#[component]
fn TellHostWhereWeAre() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let host = crate::host::use_host();
    let language = expect_context::<Language>();
    Effect::new(move |_| {
        let path = nav.path();
        host.emit("navigate", &[("path", path.into())]);
        on_demand::preload_after(nav.page(), language);
    });
}

#[component]
fn Header() -> impl IntoView {
    let session = expect_context::<Session>();
    let api = expect_context::<Api>();
    let navigate = crate::routes::use_go();
    let drafts = expect_context::<DraftSlot>();
    let host = crate::host::use_host();
    // Where the host page signs its sellers in, signing out is the host's.
    let own_sign_out = !host.signs_in();
    let sign_out = move |_| {
        let client = session.client(&api);
        let account = session.account_name();
        session.end();
        // Answers stay on this device only while their author is signed in.
        drafts.clear();
        if let Some(account) = account {
            crate::draft::forget_account(&account);
        }
        navigate(&Page::SignIn.path());
        host.emit("signed-out", &[]);
        // Ending the session on the server is best effort: locally it is already gone.
        spawn_local(async move {
            if let Some(c) = client {
                let _ = c.sign_out().await;
            }
        });
    };
    view! {
        <header class="header">
            <div class="header__inner">
                <a href=Page::Home.href() class="header__brand">{i18n::app_name()}</a>
                {move || session.account().map(|account| {
                    let (href, text) = match account.role {
                        Role::Reviewer => (Page::Review.href(), i18n::review_title()),
                        Role::Seller => (Page::Apps.href(), i18n::apps_title()),
                    };
                    view! {
                    <nav class="header__nav" aria-label=i18n::nav_label()>
                        <a href=href class="header__link">{text}</a>
                    </nav>
                    <div class="header__account">
                        <span class="header__who">{i18n::signed_in_as()}" "<strong>{account.name}</strong></span>
                        {own_sign_out.then(|| view! {
                            <button type="button" class="button button--secondary button--small" on:click=sign_out.clone()>
                                {i18n::sign_out()}
                            </button>
                        })}
                    </div>
                    }
                })}
                <crate::components::LanguageSwitch />
            </div>
        </header>
    }
}
