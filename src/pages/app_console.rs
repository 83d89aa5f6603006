use crate::{
    api::ApiError,
    components::{
        load_or, summary_row, AllowedSourcesForm, CallbackUrlsForm, CopyButton, Dialog, ErrorSummary,
        FormErrors, Journey, Outcome, Submit, TextField,
    },
    format, i18n,
    routes::Page,
    standing::Standing,
};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};
use portal_core::{
    api::{AppDetail, PasswordConfirmation},
    Form,
};
use std::time::Duration;

/// The app console: name, type, status, created time, AppKey and AppSecret.
#[component]
pub fn AppConsolePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    view! {
        <Journey step=Page::Apps>
            {move || match id() {
                Some(id) => view! { <ConsoleLoader id /> }.into_any(),
                None => view! { <super::NotFoundPage /> }.into_any(),
            }}
        </Journey>
    }
}

#[component]
fn ConsoleLoader(
    /// The app's id.
    id: i64,
) -> impl IntoView {
    let standing = expect_context::<Standing>();
    view! {
        <p class="back"><A href=Page::Apps.href()>{i18n::back_to_apps()}</A></p>
        {load_or(
            move |c| {
                // Just created: the console shows what the create returned.
                let created = standing.take(|d: &AppDetail| d.app.id == id);
                async move {
                    match created {
                        Some(detail) => Ok(detail),
                        None => c.app(id).await,
                    }
                }
            },
            |detail, _| view! { <Console detail /> },
            |e| (*e == ApiError::NotFound).then(|| view! { <super::NotFoundPage /> }.into_any()),
        )}
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StepUp {
    Reveal,
    Reset,
}

#[component]
fn Console(
    /// The app as the API describes it.
    detail: AppDetail,
) -> impl IntoView {
    let id = detail.app.id;
    let (callback_urls, allowed_sources) = (detail.callback_urls.clone(), detail.allowed_sources.clone());
    let reveal_seconds = expect_context::<crate::config::Config>().reveal_seconds;
    let secret = RwSignal::new(None::<String>);
    let remaining = RwSignal::new(0u32);
    let previous_expiry = RwSignal::new(detail.previous_secret_expires_at.clone());
    let dialog_open = RwSignal::new(false);
    let mode = RwSignal::new(StepUp::Reveal);

    // Hide the secret again after a minute on screen.
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let left = remaining.get_untracked();
            if left > 1 {
                remaining.set(left - 1);
            } else if left == 1 {
                // Focus on Hide, which goes with the secret, moves to Reveal.
                let on_hide = document()
                    .active_element()
                    .is_some_and(|e| e.id() == "hide-secret");
                remaining.set(0);
                secret.set(None);
                if on_hide {
                    crate::components::focus_when_drawn("reveal-secret");
                }
            }
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let show = move |value: String| {
        secret.set(Some(value));
        remaining.set(reveal_seconds);
        crate::components::focus_when_drawn("hide-secret");
    };
    let open = move |m: StepUp| {
        mode.set(m);
        dialog_open.set(true);
    };
    let app_key = detail.app_key.clone();

    view! {
        <h1 class="heading-l">{detail.app.name.clone()}</h1>
        <dl class="summary">
            {summary_row(i18n::col_type(), i18n::app_type_commercial(), None)}
            {summary_row(i18n::col_status(), view! { <span class="tag tag--green">{i18n::app_status_active()}</span> }, None)}
            {summary_row(i18n::col_created(), format::date_time(&detail.app.created_at), None)}
        </dl>
        <h2 class="heading-m">{i18n::console_credentials()}</h2>
        <p class="field__hint">{i18n::console_credentials_hint()}</p>
        <dl class="summary credentials">
            <div class="summary__row">
                <dt class="summary__key">{i18n::console_app_key()}</dt>
                <dd class="summary__value"><code class="credential" id="app-key">{app_key.clone()}</code></dd>
                <dd class="summary__actions"><CopyButton text=app_key what=i18n::console_app_key() shows="app-key" /></dd>
            </div>
            <div class="summary__row">
                <dt class="summary__key">{i18n::console_app_secret()}</dt>
                <dd class="summary__value">
                    <code class="credential" id="app-secret">
                        {move || secret.get().unwrap_or_else(|| "••••••••••••••••••••••••••••••••".into())}
                    </code>
                    {move || secret.read().is_some().then(|| view! {
                        <p class="meta" aria-live="polite">{i18n::secret_hidden_in(remaining.get())}</p>
                    })}
                </dd>
                <dd class="summary__actions">
                    {move || match secret.get() {
                        Some(value) => view! {
                            <CopyButton text=value what=i18n::console_app_secret() shows="app-secret" />
                            <button type="button" id="hide-secret" class="button button--secondary button--small" on:click=move |_| {
                                secret.set(None);
                                remaining.set(0);
                                crate::components::focus_when_drawn("reveal-secret");
                            }>{i18n::hide()}</button>
                        }.into_any(),
                        None => view! {
                            <button type="button" id="reveal-secret" class="button button--secondary button--small" on:click=move |_| open(StepUp::Reveal)>
                                {i18n::reveal()}
                            </button>
                        }.into_any(),
                    }}
                </dd>
            </div>
        </dl>
        {move || previous_expiry.get().map(|at| view! {
            <p class="notice notice--warning" role="status">
                {i18n::previous_secret_until(&format::date_time(&at))}
            </p>
        })}
        <button type="button" class="button button--warning" on:click=move |_| open(StepUp::Reset)>{i18n::reset_secret()}</button>
        <CallbackUrlsForm app=id saved=callback_urls />
        <AllowedSourcesForm app=id saved=allowed_sources />
        <Dialog open=dialog_open labelled_by="step-up-title">
            <StepUpForm id mode=mode.get_untracked() open=dialog_open on_secret=Callback::new(move |(value, expiry): (String, Option<String>)| {
                show(value);
                if mode.get_untracked() == StepUp::Reset {
                    previous_expiry.set(expiry);
                }
            }) />
        </Dialog>
    }
}

#[component]
fn StepUpForm(
    /// The app's id.
    id: i64,
    /// What the password unlocks.
    mode: StepUp,
    /// The dialog's open state, closed on success or Cancel.
    open: RwSignal<bool>,
    /// Receives the secret and, after a reset, the old secret's expiry.
    on_secret: Callback<(String, Option<String>)>,
) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let form = FormErrors::new::<PasswordConfirmation>();
    // Where the host page signs its sellers in, it vouches for them again instead of a
    // password: a fresh token, fetched when the button is pressed.
    let host = crate::host::use_host();
    let through_host = host.signs_in();
    let request = move || PasswordConfirmation {
        password: password.get(),
        host_token: through_host.then(|| "from-host".to_owned()),
    };
    let errors = Memo::new(move |_| form.visible(request().errors()));
    let submit = Submit::signed(
        form,
        move |c, mut req: PasswordConfirmation| {
            let host = host.clone();
            async move {
                if req.host_token.is_some() {
                    req.host_token = Some(host.token().await.unwrap_or_default());
                }
                match mode {
                    StepUp::Reveal => c.reveal_secret(id, &req).await,
                    StepUp::Reset => c.reset_secret(id, &req).await,
                }
            }
        },
        Outcome::then(move |s: portal_core::api::AppSecret| {
            open.set(false);
            on_secret.run((s.app_secret, s.previous_secret_expires_at));
        })
        .link_to("password"),
    );
    let pending = submit.pending();
    let on_submit = submit.on_submit(request);
    let (title, body, button) = match mode {
        StepUp::Reveal => (i18n::reveal_title(), None, i18n::reveal()),
        StepUp::Reset => (
            i18n::reset_title(),
            Some(i18n::reset_body()),
            i18n::reset_secret(),
        ),
    };
    view! {
        <form on:submit=on_submit novalidate class="dialog__form">
            <h2 class="heading-m" id="step-up-title">{title}</h2>
            {body.map(|b| view! { <p>{b}</p> })}
            <ErrorSummary form errors />
            {if through_host {
                view! { <p>{i18n::step_up_through_host()}</p> }.into_any()
            } else {
                view! { <TextField id="password" value=password form errors input_type="password" autocomplete="current-password" /> }.into_any()
            }}
            <div class="button-group">
                <button type="submit" class="button" class:button--warning=mode == StepUp::Reset aria-disabled=move || pending.get().then_some("true")>
                    {button}
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| open.set(false)>{i18n::cancel()}</button>
            </div>
        </form>
    }
}
