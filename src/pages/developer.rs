use crate::{
    components::{
        load, DraftNotice, ErrorSummary, FormErrors, Journey, Outcome, SelectField, Submit, TextField,
    },
    draft::FormDraft,
    i18n,
    routes::Page,
    session::Session,
    standing::Standing,
};
use leptos::prelude::*;
use portal_core::{api::DeveloperInfo, rules::COUNTRIES, Form};

/// Developer information: who is developing. Saved to the server; editable later.
#[component]
pub fn DeveloperPage() -> impl IntoView {
    view! {
        <Journey step=Page::Developer>
            <DeveloperLoader />
        </Journey>
    }
}

#[component]
fn DeveloperLoader() -> impl IntoView {
    view! {
        <h1 class="heading-l">{i18n::developer_title()}</h1>
        {load(
            |c| async move { c.developer().await },
            |existing, _| view! { <DeveloperForm existing=existing.map(|p| p.info) /> },
        )}
    }
}

/// The countries as (code, name) options, sorted by name.
pub(crate) fn country_options() -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = COUNTRIES
        .iter()
        .map(|c| ((*c).to_owned(), i18n::country_name(c).to_owned()))
        .collect();
    i18n::sort_by_name(&mut options);
    options
}

#[component]
fn DeveloperForm(
    /// What was saved before, if anything.
    existing: Option<DeveloperInfo>,
) -> impl IntoView {
    let navigate = crate::routes::use_go();
    let standing = expect_context::<Standing>();
    let saved = existing.unwrap_or_default();
    let kept = FormDraft::open("developer", expect_context::<Session>().account_name());
    let start = kept.restore(&saved);
    let name = RwSignal::new(start.developer_name);
    let country = RwSignal::new(start.country);
    let email = RwSignal::new(start.email);
    let mobile = RwSignal::new(start.mobile);
    let website = RwSignal::new(start.website);
    let form = FormErrors::new::<DeveloperInfo>();
    let request = move || DeveloperInfo {
        developer_name: name.get(),
        country: country.get(),
        email: email.get(),
        mobile: mobile.get(),
        website: website.get(),
    };
    let errors = Memo::new(move |_| form.visible(request().errors()));
    Effect::new({
        let saved = saved.clone();
        move |_| kept.keep(&request(), &saved)
    });
    let discard = Callback::new(move |()| {
        kept.forget();
        name.set(saved.developer_name.clone());
        country.set(saved.country.clone());
        email.set(saved.email.clone());
        mobile.set(saved.mobile.clone());
        website.set(saved.website.clone());
    });

    let submit = Submit::signed(
        form,
        |c, req| async move { c.save_developer(&req).await },
        Outcome::then(move |saved: portal_core::api::DeveloperProfile| {
            kept.forget();
            standing.update(|me| {
                me.developer_complete = true;
                // A new address waits for its link; an unchanged one keeps its confirmation.
                me.email_verified = saved.email_verified_at.is_some();
                me.contact_email = Some(saved.info.email);
            });
            navigate(&Page::Apps.path())
        }),
    );
    let pending = submit.pending();
    let on_submit = submit.on_submit(request);

    view! {
        <ErrorSummary form errors />
        <DraftNotice restored=kept.restored on_discard=discard />
        <p class="lead">{i18n::developer_intro()}</p>
        <form on:submit=on_submit novalidate>
            <TextField id="developer_name" value=name form errors autocomplete="organization" />
            <SelectField id="country" options=country_options() value=country form errors />
            <TextField id="email" value=email form errors input_type="email" autocomplete="email" />
            <TextField id="mobile" value=mobile form errors input_type="tel" autocomplete="tel" class="input--medium" />
            <TextField id="website" value=website form errors input_type="url" autocomplete="url" />
            <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                {move || if pending.get() { i18n::saving() } else { i18n::save_and_continue() }}
            </button>
        </form>
    }
}
