use crate::{
    components::{use_client, Choice, Journey, Radios},
    i18n,
    routes::Page,
    standing::Standing,
};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use portal_core::api::QualificationStatus;

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
    let (client, on_error) = use_client();
    let standing = expect_context::<Standing>();
    let navigate = crate::routes::use_go();
    let choice = RwSignal::new("commercial_developer".to_owned());
    // A failure says what happened, and pressing Continue again tries again.
    let failure = RwSignal::new(None::<String>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        // An approval stays; anything else may have changed since (a reviewer decided).
        if standing.me().and_then(|me| me.qualification) == Some(QualificationStatus::Approved) {
            navigate(&Page::NewCommercialApp.path());
            return;
        }
        let Some(client) = client() else { return };
        let navigate = navigate.clone();
        failure.set(None);
        spawn_local(async move {
            match client.qualification().await {
                Ok(q) => {
                    let status = q.map(|q| q.status);
                    standing.set_qualification(status);
                    let next = match status {
                        Some(QualificationStatus::Approved) => Page::NewCommercialApp,
                        Some(_) => Page::QualificationStatus,
                        None => Page::Qualification,
                    };
                    navigate(&next.path());
                }
                Err(e) => {
                    on_error(&e);
                    failure.set(Some(i18n::api_error(&e)));
                }
            }
        });
    };
    view! {
        <form on:submit=on_submit novalidate>
            <h1 class="heading-l">{i18n::CHOOSE_TYPE_TITLE}</h1>
            {move || failure.get().map(|message| view! {
                <div class="notice notice--error" role="alert"><p>{message}</p></div>
            })}
            <Radios
                name="app_type"
                legend=i18n::CHOOSE_TYPE_TITLE
                choices=vec![Choice {
                    value: "commercial_developer",
                    label: i18n::APP_TYPE_COMMERCIAL,
                    hint: Some(i18n::TYPE_COMMERCIAL_HINT),
                }]
                value=choice
            />
            <button type="submit" class="button">{i18n::CONTINUE_BUTTON}</button>
        </form>
    }
}
