//! The dialog form that unlocks an action on an app's AppSecret: the password again (or the
//! seller portal vouching again) and, for a reset, how long the old secret keeps working.

use super::{Choice, ErrorSummary, FormErrors, Outcome, Radios, Submit, TextField};
use crate::i18n;
use leptos::prelude::*;
use portal_core::{
    api::{PasswordConfirmation, ResetSecretRequest, SecretStates},
    rules::OLD_SECRET_HOURS,
    Form,
};

/// What the password unlocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepUp {
    Reveal,
    Reset,
    RevokePrevious,
}

/// What an unlocked action answers: the secret to show (reveal and reset) and the state of
/// both secrets.
pub type Unlocked = (Option<String>, SecretStates);

/// The grace period a reset offers first: a day, time enough to update most software.
const DEFAULT_HOURS: &str = "24";

#[component]
pub fn StepUpForm(
    /// The app's id.
    id: i64,
    mode: StepUp,
    /// The dialog's open state, closed on success or Cancel.
    open: RwSignal<bool>,
    on_done: Callback<Unlocked>,
) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let hours = RwSignal::new(DEFAULT_HOURS.to_owned());
    let form = FormErrors::new::<ResetSecretRequest>();
    // Where the host page signs its sellers in, it vouches for them again instead of a
    // password: a fresh token, fetched when the button is pressed.
    let host = crate::host::use_host();
    let through_host = host.signs_in();
    let request = move || ResetSecretRequest {
        confirmation: PasswordConfirmation {
            password: password.get(),
            host_token: through_host.then(|| "from-host".to_owned()),
        },
        // A value that is not a number is sent as one no rule accepts.
        old_secret_hours: (mode == StepUp::Reset).then(|| hours.get().parse().unwrap_or(u32::MAX)),
    };
    let errors = Memo::new(move |_| form.visible(request().errors()));
    let submit = Submit::signed(
        form,
        move |c, mut req: ResetSecretRequest| {
            let host = host.clone();
            async move {
                if req.confirmation.host_token.is_some() {
                    req.confirmation.host_token = Some(host.token().await.unwrap_or_default());
                }
                match mode {
                    StepUp::Reveal => c
                        .reveal_secret(id, &req.confirmation)
                        .await
                        .map(|s| (Some(s.app_secret), s.secrets)),
                    StepUp::Reset => c
                        .reset_secret(id, &req)
                        .await
                        .map(|s| (Some(s.app_secret), s.secrets)),
                    StepUp::RevokePrevious => c
                        .revoke_previous_secret(id, &req.confirmation)
                        .await
                        .map(|d| (None, d.secrets)),
                }
            }
        },
        Outcome::then(move |unlocked: Unlocked| {
            open.set(false);
            on_done.run(unlocked);
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
        StepUp::RevokePrevious => (
            i18n::revoke_title(),
            Some(i18n::revoke_body()),
            i18n::revoke_previous(),
        ),
    };
    let grace = (mode == StepUp::Reset).then(|| {
        let choices = OLD_SECRET_HOURS
            .iter()
            .map(|h| Choice {
                value: h.to_string(),
                label: i18n::old_secret_hours(*h).into(),
                hint: None,
            })
            .collect();
        view! { <Radios name="old_secret_hours" legend=i18n::old_secret_hours_legend() choices value=hours /> }
    });
    view! {
        <form on:submit=on_submit novalidate class="dialog__form">
            <h2 class="heading-m" id="step-up-title">{title}</h2>
            {body.map(|b| view! { <p>{b}</p> })}
            <ErrorSummary form errors />
            {grace}
            {if through_host {
                view! { <p>{i18n::step_up_through_host()}</p> }.into_any()
            } else {
                view! { <TextField id="password" value=password form errors input_type="password" autocomplete="current-password" /> }.into_any()
            }}
            <div class="button-group">
                <button type="submit" class="button" class:button--warning=mode != StepUp::Reveal aria-disabled=move || pending.get().then_some("true")>
                    {button}
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| open.set(false)>{i18n::cancel()}</button>
            </div>
        </form>
    }
}
