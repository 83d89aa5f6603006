use crate::{
    components::{Choice, ErrorSummary, FormErrors, Journey, Outcome, Radios, Submit},
    i18n,
    routes::Page,
    standing::Standing,
};
use leptos::prelude::*;
use portal_core::api::{AppTypeChoice, QualificationStatus};

/// Create App, step one: the application type. A commercial developer without an
/// approved qualification is led to the application (or to its status).
#[component]
pub fn NewAppPage() -> impl IntoView {
    view! {
        <Journey step=Page::NewApp>
            <ChooseType />
        </Journey>
    }
}

#[component]
fn ChooseType() -> impl IntoView {
    let standing = expect_context::<Standing>();
    let navigate = crate::routes::use_go();
    let choice = RwSignal::new("commercial_developer".to_owned());
    let form = FormErrors::new::<AppTypeChoice>();
    let errors = Memo::new(move |_| form.visible(Vec::new()));
    let next = move |status: Option<QualificationStatus>| match status {
        Some(QualificationStatus::Approved) => Page::NewCommercialApp,
        Some(_) => Page::QualificationStatus,
        None => Page::Qualification,
    };
    // Where the application stands may have changed since (a reviewer decided): it is
    // read again, unless it is approved, which stays. A failure says what happened, and
    // pressing Continue again tries again.
    let submit = Submit::signed(
        form,
        |c, _| async move { c.qualification().await },
        Outcome::then({
            let navigate = navigate.clone();
            move |q: Option<portal_core::api::Qualification>| {
                let status = q.map(|q| q.status);
                standing.set_qualification(status);
                navigate(&next(status).path());
            }
        }),
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match standing.me().and_then(|me| me.qualification) {
            Some(QualificationStatus::Approved) => navigate(&Page::NewCommercialApp.path()),
            _ => submit.send(AppTypeChoice::default()),
        }
    };
    view! {
        <form on:submit=on_submit novalidate>
            <ErrorSummary form errors />
            <h1 class="heading-l">{i18n::choose_type_title()}</h1>
            <Radios
                name="app_type"
                legend=i18n::choose_type_title()
                choices=vec![Choice {
                    value: "commercial_developer".into(),
                    label: i18n::app_type_commercial().into(),
                    hint: Some(i18n::type_commercial_hint().into()),
                }]
                value=choice
            />
            <button type="submit" class="button" aria-disabled=move || submit.pending().get().then_some("true")>
                {i18n::continue_button()}
            </button>
        </form>
    }
}
