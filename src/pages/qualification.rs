use crate::{
    components::{load, Checkbox, DraftNotice, ErrorSummary, FormErrors, Journey, LicenceUpload, TextField},
    draft::QualificationDraft,
    i18n,
    routes::{GoTo, Page},
    standing::Standing,
};
use leptos::{ev::SubmitEvent, prelude::*};
use portal_core::{
    api::{QualificationRequest, QualificationStatus::Rejected},
    rules::SPAIN,
    Form,
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
        <h1 class="heading-l">{i18n::QUALIFICATION_TITLE}</h1>
        // An application under review or approved cannot be edited; the country decides
        // whether the CIF question is asked.
        {match expect_context::<Standing>().me().and_then(|me| me.qualification) {
            Some(status) if status != Rejected => view! { <GoTo path=Page::QualificationStatus.path() /> }.into_any(),
            _ => load(
                |c| async move { c.developer().await },
                |developer, _| view! { <QualificationForm spain=developer.is_some_and(|d| d.info.country == SPAIN) /> },
            ),
        }}
    }
}

#[component]
fn QualificationForm(
    /// The developer is in Spain: ask for the CIF number.
    spain: bool,
) -> impl IntoView {
    let draft = expect_context::<QualificationDraft>();
    let navigate = crate::routes::use_go();
    let form = FormErrors::new::<QualificationRequest>();
    let errors = {
        let draft = draft.clone();
        Memo::new(move |_| form.visible(draft.request().errors()))
    };
    let same_it = draft.same_it;

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
        move |id: &'static str| view! { <TextField id value=draft.field(id) form errors /> }
    };
    let long = {
        let draft = draft.clone();
        move |id: &'static str| view! { <TextField id value=draft.field(id) form errors rows=4 /> }
    };
    let mobile = {
        let draft = draft.clone();
        move |id: &'static str| {
            view! { <TextField id value=draft.field(id) form errors input_type="tel" autocomplete="tel" class="input--medium" /> }
        }
    };
    let email = {
        let draft = draft.clone();
        move |id: &'static str| {
            view! { <TextField id value=draft.field(id) form errors input_type="email" autocomplete="email" /> }
        }
    };
    let it_fields = {
        let (text, mobile, email) = (text.clone(), mobile.clone(), email.clone());
        move || {
            (!same_it.get()).then(|| {
                view! {
                    {text("it_name")}
                    {mobile("it_mobile")}
                    {email("it_email")}
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
        <p class="lead">{i18n::QUALIFICATION_INTRO}</p>
        <form on:submit=on_submit novalidate>
            <section class="section">
                <h2 class="heading-m">{i18n::SECTION_CONTACT}</h2>
                {text("contact_name")}
                {mobile("contact_mobile")}
                {email("email")}
            </section>
            <section class="section">
                <h2 class="heading-m">{i18n::SECTION_SOFTWARE}</h2>
                {text("software_name")}
                {long("software_function")}
            </section>
            <section class="section">
                <h2 class="heading-m">{i18n::SECTION_LICENCE}</h2>
                <LicenceUpload draft=draft.clone() form errors />
                {spain.then(|| view! { <TextField id="cif" value=draft.field("cif") form errors class="input--medium" /> })}
            </section>
            <section class="section">
                <h2 class="heading-m">{i18n::SECTION_IT}</h2>
                <div class="field">
                    <div class="checkbox">
                        <input
                            class="checkbox__input"
                            type="checkbox"
                            id="same_it"
                            prop:checked=move || same_it.get()
                            on:change=move |ev| same_it.set(event_target_checked(&ev))
                        />
                        <label class="checkbox__label" for="same_it">{i18n::SAME_AS_CONTACT}</label>
                    </div>
                    {move || same_it.get().then(|| view! { <p class="field__hint">{i18n::SAME_AS_CONTACT_NOTE}</p> })}
                </div>
                {it_fields}
                <TextField id="it_team_size" value=draft.field("it_team_size") form errors inputmode="numeric" class="input--short" />
            </section>
            <section class="section">
                <h2 class="heading-m">{i18n::SECTION_MARKET}</h2>
                {long("market_planning")}
                {long("server_config")}
                {text("server_bandwidth")}
                {text("dev_language")}
                {text("database")}
            </section>
            <section class="section">
                <h2 class="heading-m">{i18n::SECTION_CONFIRM}</h2>
                <Checkbox
                    id="agreement_confirmed"
                    label=Signal::derive(|| i18n::field_label("agreement_confirmed").to_owned())
                    checked=draft.agreement
                    form
                    errors
                />
            </section>
            <button type="submit" class="button">{i18n::CONTINUE_BUTTON}</button>
        </form>
    }
}
