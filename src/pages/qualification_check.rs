use crate::{
    components::{answer, summary_row, EmailNotice, ErrorSummary, FormErrors, Journey, Outcome, Submit},
    draft::DraftSlot,
    i18n,
    routes::{GoTo, Page},
    standing::Standing,
};
use leptos::prelude::*;
use portal_core::{
    api::{Qualification, QualificationRequest},
    Form,
};

/// "Check your answers": every answer with a Change link, then Submit.
#[component]
pub fn QualificationCheckPage() -> impl IntoView {
    view! {
        <Journey step=Page::QualificationCheck>
            <CheckAnswers />
        </Journey>
    }
}

#[component]
fn CheckAnswers() -> impl IntoView {
    let draft = expect_context::<DraftSlot>().open();
    if !draft.is_started() {
        return view! { <GoTo path=Page::Qualification.path() /> }.into_any();
    }
    let standing = expect_context::<Standing>();
    let navigate = crate::routes::use_go();
    let form = FormErrors::new::<QualificationRequest>();
    let errors = {
        let draft = draft.clone();
        // The rules run here too: a stale draft is sent back to the form, answer by answer.
        Memo::new(move |_| form.visible(draft.request().errors()))
    };
    let answers = draft.request();
    let licence = draft.licence.get_untracked();
    let submit = Submit::signed(
        form,
        |c, req| async move { c.submit_qualification(&req).await },
        Outcome::then({
            let draft = draft.clone();
            move |q: Qualification| {
                draft.clear();
                standing.set_qualification(Some(q.status));
                standing.hand_over(q);
                navigate(&Page::QualificationStatus.path());
            }
        }),
    );
    let pending = submit.pending();

    let rows = QualificationRequest::FIELDS
        .iter()
        .filter(|f| **f != "cif" || !answers.cif.is_empty())
        .map(|field| {
            let label = i18n::field_label(field);
            let value = answer(&answers, field, licence.as_ref());
            summary_row(label, value, Some(Page::change_answer(field)))
        })
        .collect_view();

    view! {
        <ErrorSummary form errors elsewhere=Page::change_answer />
        <h1 class="heading-l">{i18n::check_title()}</h1>
        <EmailNotice />
        <dl class="summary">{rows}</dl>
        <button type="button" class="button" on:click=move |_| submit.send(draft.request()) aria-disabled=move || pending.get().then_some("true")>
            {move || if pending.get() { i18n::submitting() } else { i18n::submit_application() }}
        </button>
    }
    .into_any()
}
