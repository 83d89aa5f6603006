use crate::{
    api::ApiError,
    components::{
        focus_when_drawn, load_or, status_tag, summary_row, AllowedSourcesForm, AuditLog, CallbackUrlsForm,
        CopyButton, Dialog, GoLiveSection, Journey, PermissionsSection, StepUp, StepUpForm, Unlocked,
        UsageChart,
    },
    format, i18n,
    routes::Page,
    standing::Standing,
};
use leptos::prelude::*;
use portal_core::api::{AppDetail, SecretState};
use std::time::Duration;

/// The app console: name, type, status, created time, AppKey and AppSecret.
#[component]
pub fn AppConsolePage() -> impl IntoView {
    view! {
        <Journey step=Page::Apps>
            {super::by_id(|id| view! { <ConsoleLoader id /> })}
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
        <p class="back"><a href=Page::Apps.href()>{i18n::back_to_apps()}</a></p>
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

#[component]
fn Console(
    /// The app as the API describes it.
    detail: AppDetail,
) -> impl IntoView {
    let id = detail.app.id;
    let (callback_urls, allowed_sources) = (detail.callback_urls.clone(), detail.allowed_sources.clone());
    let reveal_seconds = expect_context::<crate::config::Current>().reveal_seconds();
    let secret = RwSignal::new(None::<String>);
    let remaining = RwSignal::new(0u32);
    let states = RwSignal::new(detail.secrets.clone());
    let dialog_open = RwSignal::new(false);
    let mode = RwSignal::new(StepUp::Reveal);
    // What was done on this page; the audit log, when open, follows it.
    let changes = RwSignal::new(0u32);

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
                    focus_when_drawn("reveal-secret");
                }
            }
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let open = move |m: StepUp| {
        mode.set(m);
        dialog_open.set(true);
    };
    let unlocked = Callback::new(move |(value, now): Unlocked| {
        states.set(now);
        changes.update(|n| *n += 1);
        match value {
            Some(value) => {
                secret.set(Some(value));
                remaining.set(reveal_seconds);
                focus_when_drawn("hide-secret");
            }
            // The previous secret's row is gone with it: focus goes to Reset.
            None => focus_when_drawn("reset-secret"),
        }
    });
    let app_key = detail.app_key.clone();
    let previous = move || states.read().previous.clone();

    view! {
        <h1 class="heading-l">{detail.app.name.clone()}</h1>
        <dl class="summary">
            {summary_row(i18n::col_type(), i18n::app_type_commercial(), None)}
            {summary_row(i18n::col_status(), status_tag(detail.app.status), None)}
            {summary_row(i18n::col_created(), format::date_time(&detail.app.created_at), None)}
        </dl>
        <GoLiveSection app=id status=detail.app.status limits=detail.limits request=detail.go_live.clone() changes />
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
                    <p class="meta" id="secret-state">{move || secret_state(&states.read().current)}</p>
                    {move || states.read().current.expires_at.as_deref().map(secret_expiry)}
                </dd>
                <dd class="summary__actions">
                    {move || match secret.get() {
                        Some(value) => view! {
                            <CopyButton text=value what=i18n::console_app_secret() shows="app-secret" />
                            <button type="button" id="hide-secret" class="button button--secondary button--small" on:click=move |_| {
                                secret.set(None);
                                remaining.set(0);
                                focus_when_drawn("reveal-secret");
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
            {move || previous().map(|old| view! {
                <div class="summary__row" id="previous-secret">
                    <dt class="summary__key">{i18n::previous_secret()}</dt>
                    <dd class="summary__value">
                        <p class="meta">{secret_state(&old)}</p>
                    </dd>
                    <dd class="summary__actions">
                        <button type="button" id="revoke-previous" class="button button--warning button--small" on:click=move |_| open(StepUp::RevokePrevious)>
                            {i18n::revoke_previous()}
                        </button>
                    </dd>
                </div>
            })}
        </dl>
        {move || previous().and_then(|old| old.expires_at).map(|at| view! {
            <p class="notice notice--warning" role="status">
                {i18n::previous_secret_until(&format::date_time(&at), &format::relative(&at))}
            </p>
        })}
        <button type="button" id="reset-secret" class="button button--warning" on:click=move |_| open(StepUp::Reset)>{i18n::reset_secret()}</button>
        <UsageChart days=detail.calls_per_day.clone() />
        <PermissionsSection app=id permissions=detail.permissions.clone() changes />
        <CallbackUrlsForm app=id saved=callback_urls changes />
        <AllowedSourcesForm app=id saved=allowed_sources changes />
        <AuditLog app=id changes />
        <Dialog open=dialog_open labelled_by="step-up-title">
            <StepUpForm id mode=mode.get_untracked() open=dialog_open on_done=unlocked />
        </Dialog>
    }
}

/// When the secret in force reaches the operator's maximum age, or that it has.
fn secret_expiry(at: &str) -> AnyView {
    let date = format::date_time(at);
    if format::is_past(at) {
        view! { <p class="notice notice--warning" id="secret-expiry" role="status">{i18n::secret_expired(&date)}</p> }
            .into_any()
    } else {
        view! { <p class="meta" id="secret-expiry">{i18n::secret_expires(&date, &format::relative(at))}</p> }
            .into_any()
    }
}

/// "Issued 28 Nov 2026, 10:04 · last used 5 minutes ago", or "· never used".
fn secret_state(state: &SecretState) -> String {
    let issued = format::date_time(&state.issued_at);
    match &state.last_used_at {
        Some(at) => i18n::secret_used(&issued, &format::relative(at)),
        None => i18n::secret_never_used(&issued),
    }
}
