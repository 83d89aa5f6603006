use crate::{
    components::{
        load, Checkbox, DraftNotice, EmailNotice, ErrorSummary, FormErrors, Journey, LicenceUpload, TextField,
    },
    draft::DraftSlot,
    i18n,
    routes::{GoTo, Page},
    standing::Standing,
};
use leptos::{ev::SubmitEvent, prelude::*};
use portal_core::{
    api::{QualificationRequest, QualificationStatus::Rejected, TextAnswer as A},
    rules, Form,
};

/// The qualification application form, in sections. Continue checks the answers with
/// the shared rules and goes to "check your answers".
#[component]
pub fn QualificationPage() -> impl IntoView {
    view! {
        <Journey step=Page::Qualification>
            <QualificationLoader />
        </Journey>
    }
}

#[component]
fn QualificationLoader() -> impl IntoView {
    view! {
        <h1 class="heading-l">{i18n::qualification_title()}</h1>
        <EmailNotice />
        // An application under review or approved cannot be edited; the country decides
        // whether the CIF question is asked.
        {match expect_context::<Standing>().me().and_then(|me| me.qualification) {
            Some(status) if status != Rejected => view! { <GoTo path=Page::QualificationStatus.path() /> }.into_any(),
            _ => load(
                |c| async move { c.developer().await },
                |developer, _| {
                    let country = developer.map(|d| d.info.country).unwrap_or_default();
                    view! { <QualificationForm spain=rules::cif_asked(&country) /> }
                },
            ),
        }}
    }
}

#[component]
fn QualificationForm(
    /// The developer is in Spain: ask for the CIF number.
    spain: bool,
) -> impl IntoView {
    let draft = expect_context::<DraftSlot>().open();
    let navigate = crate::routes::use_go();
    let form = FormErrors::new::<QualificationRequest>();
    let errors = {
        let draft = draft.clone();
        Memo::new(move |_| form.visible(draft.request().errors()))
    };
    let same_it = draft.same_it;
    if !spain {
        // A CIF from when the developer was in Spain is not sent (the rule refuses it).
        draft.field(A::Cif).set(String::new());
    }

    // A Change link from the check page lands on its answer.
    request_animation_frame(|| {
        let hash = window().location().hash().unwrap_or_default();
        if let Some(id) = hash.strip_prefix('#').filter(|h| !h.is_empty()) {
            crate::components::error_summary::focus_field(id);
        }
    });

    let on_submit = {
        let draft = draft.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            if form.submit(draft.request()).is_some() {
                navigate(&Page::QualificationCheck.path());
            }
        }
    };
    let text = {
        let draft = draft.clone();
        move |a: A| view! { <TextField id=a.name() value=draft.field(a) form errors /> }
    };
    let long = {
        let draft = draft.clone();
        move |a: A| view! { <TextField id=a.name() value=draft.field(a) form errors rows=4 /> }
    };
    let mobile = {
        let draft = draft.clone();
        move |a: A| {
            view! { <TextField id=a.name() value=draft.field(a) form errors input_type="tel" autocomplete="tel" class="input--medium" /> }
        }
    };
    let email = {
        let draft = draft.clone();
        move |a: A| {
            view! { <TextField id=a.name() value=draft.field(a) form errors input_type="email" autocomplete="email" /> }
        }
    };
    let it_fields = {
        let (text, mobile, email) = (text.clone(), mobile.clone(), email.clone());
        move || {
            (!same_it.get()).then(|| {
                view! {
                    {text(A::ItName)}
                    {mobile(A::ItMobile)}
                    {email(A::ItEmail)}
                }
            })
        }
    };

    let restored = draft.restored;
    let discard = Callback::new({
        let draft = draft.clone();
        move |()| draft.clear()
    });
    view! {
        <ErrorSummary form errors />
        <DraftNotice restored on_discard=discard />
        <p class="lead">{i18n::qualification_intro()}</p>
        <form on:submit=on_submit novalidate>
            <section class="section">
                <h2 class="heading-m">{i18n::section_contact()}</h2>
                {text(A::ContactName)}
                {mobile(A::ContactMobile)}
                {email(A::Email)}
            </section>
            <section class="section">
                <h2 class="heading-m">{i18n::section_software()}</h2>
                {text(A::SoftwareName)}
                {long(A::SoftwareFunction)}
            </section>
            <section class="section">
                <h2 class="heading-m">{i18n::section_licence()}</h2>
                <LicenceUpload draft=draft.clone() form errors />
                {spain.then(|| view! { <TextField id=A::Cif.name() value=draft.field(A::Cif) form errors class="input--medium" /> })}
            </section>
            <section class="section">
                <h2 class="heading-m">{i18n::section_it()}</h2>
                <div class="field">
                    <div class="checkbox">
                        <input
                            class="checkbox__input"
                            type="checkbox"
                            id="same_it"
                            prop:checked=move || same_it.get()
                            on:change=move |ev| same_it.set(event_target_checked(&ev))
                        />
                        <label class="checkbox__label" for="same_it">{i18n::same_as_contact()}</label>
                    </div>
                    {move || same_it.get().then(|| view! { <p class="field__hint">{i18n::same_as_contact_note()}</p> })}
                </div>
                {it_fields}
                <TextField id=A::ItTeamSize.name() value=draft.field(A::ItTeamSize) form errors inputmode="numeric" class="input--short" />
            </section>
            <section class="section">
                <h2 class="heading-m">{i18n::section_market()}</h2>
                {long(A::MarketPlanning)}
                {long(A::ServerConfig)}
                {text(A::ServerBandwidth)}
                {text(A::DevLanguage)}
                {text(A::Database)}
            </section>
            <section class="section">
                <h2 class="heading-m">{i18n::section_confirm()}</h2>
                <Checkbox
                    id="agreement_confirmed"
                    label=Signal::derive(|| i18n::field_label("agreement_confirmed").to_owned())
                    checked=draft.agreement
                    form
                    errors
                />
            </section>
            <button type="submit" class="button">{i18n::continue_button()}</button>
        </form>
    }
}
