use crate::{
    api::ApiError,
    components::{load, Checkbox, ErrorSummary, FormErrors, Journey, Outcome, Submit},
    format, i18n,
    routes::Page,
    standing::Standing,
};
use leptos::prelude::*;
use portal_core::{
    api::{AcceptAgreementRequest, Agreement, AgreementStatus},
    error::code,
    Form,
};

/// The API use agreement: read it, tick the confirmation, continue.
#[component]
pub fn AgreementPage() -> impl IntoView {
    view! {
        <Journey step=Page::Agreement>
            <AgreementLoader />
        </Journey>
    }
}

#[component]
fn AgreementLoader() -> impl IntoView {
    // Outlives a reload, so the notice about a newer version stays visible.
    let outdated = RwSignal::new(false);
    view! {
        <h1 class="heading-l">{i18n::agreement_title()}</h1>
        <Show when=move || outdated.get()>
            <p class="notice notice--warning" role="status">{i18n::agreement_new_version()}</p>
        </Show>
        {load(
            |c| async move { c.agreement().await },
            move |agreement, reload| {
                let status = expect_context::<Standing>().me().map(|me| me.agreement);
                status.map(|status| view! { <AgreementForm status agreement outdated reload /> })
            },
        )}
    }
}

#[component]
fn AgreementForm(
    /// Where this account stands with the agreement.
    status: AgreementStatus,
    /// The text in force.
    agreement: Agreement,
    /// Set when the server said a newer version replaced the one shown.
    outdated: RwSignal<bool>,
    /// Loads the agreement again.
    reload: Callback<()>,
) -> impl IntoView {
    let navigate = crate::routes::use_go();
    let standing = expect_context::<Standing>();
    let version = agreement.version;
    let confirmed = RwSignal::new(false);
    let form = FormErrors::new::<AcceptAgreementRequest>();
    let request = move || AcceptAgreementRequest {
        version,
        confirmed: confirmed.get(),
    };
    let errors = Memo::new(move |_| form.visible(request().errors()));
    let already = (!status.needs_acceptance()).then(|| {
        i18n::agreement_accepted(
            version,
            &format::date_time(status.accepted_at.as_deref().unwrap_or_default()),
        )
    });

    let submit = Submit::signed(
        form,
        |c, req| async move { c.accept_agreement(&req).await },
        Outcome::then(move |accepted: portal_core::api::AgreementAcceptance| {
            standing.update(|me| {
                me.agreement.current_version = accepted.version;
                me.agreement.accepted_version = Some(accepted.version);
                me.agreement.accepted_at = Some(accepted.accepted_at);
            });
            outdated.set(false);
            navigate(&Page::Home.path());
        })
        .link_to("confirmed")
        .except(move |e| match e {
            ApiError::Conflict(body) if body.code == code::AGREEMENT_OUTDATED => {
                outdated.set(true);
                reload.run(());
                true
            }
            _ => false,
        }),
    );
    let pending = submit.pending();
    let on_submit = submit.on_submit(request);

    let paragraphs = agreement
        .body
        .split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .map(|p| view! { <p>{p}</p> })
        .collect_view();

    view! {
        <ErrorSummary form errors />
        <p class="lead">{i18n::agreement_intro()}</p>
        <p class="meta">{i18n::agreement_version(version, &format::date_time(&agreement.published_at))}</p>
        <section class="agreement" tabindex="0" aria-label=i18n::agreement_text_label()>
            <h2 class="heading-m">{agreement.title}</h2>
            {paragraphs}
        </section>
        {match already {
            Some(text) => view! {
                <p class="notice notice--success" role="status">{text}</p>
                <a href=Page::Developer.href() class="button">{i18n::continue_button()}</a>
            }.into_any(),
            None => view! {
                <form on:submit=on_submit novalidate>
                    <Checkbox
                        id="confirmed"
                        label=Signal::derive(move || i18n::agreement_confirm_label(version))
                        checked=confirmed
                        form
                        errors
                    />
                    <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                        {move || if pending.get() { i18n::agreement_saving() } else { i18n::agreement_confirm_button() }}
                    </button>
                </form>
            }.into_any(),
        }}
    }
}
