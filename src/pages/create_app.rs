use crate::{
    api::ApiError,
    components::{DraftNotice, ErrorSummary, FormErrors, Journey, Outcome, Submit, TextField},
    draft::FormDraft,
    i18n,
    routes::Page,
    session::Session,
    standing::Standing,
};
use leptos::prelude::*;
use portal_core::{
    api::CreateAppRequest,
    error::code,
    rules::{app_name_weight, APP_NAME_MAX_WEIGHT},
    Form,
};

/// The application name, with a live count of its weighted length; success opens the
/// new app's console.
#[component]
pub fn CreateAppPage() -> impl IntoView {
    view! {
        <Journey step=Page::NewCommercialApp>
            <CreateAppForm />
        </Journey>
    }
}

#[component]
fn CreateAppForm() -> impl IntoView {
    let navigate = crate::routes::use_go();
    let host = crate::host::use_host();
    let standing = expect_context::<Standing>();
    let kept = FormDraft::open("new-app", expect_context::<Session>().account_name());
    let name = RwSignal::new(kept.restore(&CreateAppRequest::default()).name);
    let not_approved = RwSignal::new(false);
    let form = FormErrors::new::<CreateAppRequest>();
    let request = move || CreateAppRequest { name: name.get() };
    let errors = Memo::new(move |_| form.visible(request().errors()));
    let weight = move || app_name_weight(name.read().trim());
    let over = move || weight() > APP_NAME_MAX_WEIGHT;
    Effect::new(move |_| kept.keep(&request(), &CreateAppRequest::default()));
    let discard = Callback::new(move |()| {
        kept.forget();
        name.set(String::new());
    });

    let submit = Submit::signed(
        form,
        |c, req| async move { c.create_app(&req).await },
        Outcome::then(move |app: portal_core::api::AppDetail| {
            kept.forget();
            // The host hears of the new app (never of its secret).
            host.emit(
                "app-created",
                &[
                    ("appId", (app.app.id as f64).into()),
                    ("appKey", app.app_key.clone().into()),
                ],
            );
            let id = app.app.id;
            standing.hand_over(app);
            navigate(&Page::App(id).path())
        })
        .link_to("name")
        .except(move |e| {
            let refused = matches!(e, ApiError::Conflict(body) if body.code == code::QUALIFICATION_REQUIRED);
            not_approved.set(refused);
            refused
        }),
    );
    let pending = submit.pending();
    let on_submit = submit.on_submit(request);

    view! {
        <ErrorSummary form errors />
        <h1 class="heading-l">{i18n::create_app_title()}</h1>
        <DraftNotice restored=kept.restored on_discard=discard />
        <Show when=move || not_approved.get()>
            <div class="notice notice--warning" role="status">
                <p>{i18n::not_approved_yet()}</p>
                <p><a href=Page::QualificationStatus.href()>{i18n::view_status()}</a></p>
            </div>
        </Show>
        <form on:submit=on_submit novalidate>
            <TextField id="name" value=name form errors class="input--medium" />
            <p class="counter" class:counter--over=over aria-live="polite" id="name-counter">
                {move || i18n::name_counter(weight(), APP_NAME_MAX_WEIGHT)}
            </p>
            <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                {move || if pending.get() { i18n::creating() } else { i18n::create_button() }}
            </button>
        </form>
    }
}
