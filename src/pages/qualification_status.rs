use crate::{
    components::{load, status_tag, timeline, Journey},
    draft::DraftSlot,
    format, i18n,
    routes::{GoTo, Page},
    standing::Standing,
};
use leptos::prelude::*;
use portal_core::api::{Qualification, QualificationStatus};

/// Where the application stands: reference, timeline, what happens next; the reasons
/// and "Edit and resubmit" after a rejection.
#[component]
pub fn QualificationStatusPage() -> impl IntoView {
    view! {
        <Journey step=Page::QualificationStatus>
            <StatusLoader />
        </Journey>
    }
}

#[component]
fn StatusLoader() -> impl IntoView {
    let standing = expect_context::<Standing>();
    view! {
        <h1 class="heading-l">{i18n::status_title()}</h1>
        {load(
            move |c| {
                // Just submitted: the answer is what the submit returned.
                let submitted = standing.take(|_: &Qualification| true);
                async move {
                    let q = match submitted {
                        Some(q) => Some(q),
                        None => c.qualification().await?,
                    };
                    standing.set_qualification(q.as_ref().map(|q| q.status));
                    Ok(q)
                }
            },
            |q, _| match q {
                Some(q) => view! { <Status q /> }.into_any(),
                None => view! { <GoTo path=Page::Qualification.path() /> }.into_any(),
            },
        )}
    }
}

#[component]
fn Status(
    /// The application.
    q: Qualification,
) -> impl IntoView {
    let draft = expect_context::<DraftSlot>().open();
    let navigate = crate::routes::use_go();
    let status = q.status;
    let next = match status {
        QualificationStatus::Approved => i18n::next_approved(),
        QualificationStatus::Rejected => i18n::next_rejected(),
        _ => i18n::next_pending(),
    };
    let decided = q.decided_at.as_deref().map(format::date_time);
    let decision_text = match (status, decided) {
        (QualificationStatus::Approved, Some(at)) => format!("{} · {at}", i18n::status_approved()),
        (QualificationStatus::Rejected, Some(at)) => format!("{} · {at}", i18n::status_rejected()),
        _ => i18n::waiting().into(),
    };
    let steps = vec![
        (i18n::step_submitted(), Some(format::date_time(&q.submitted_at))),
        (
            i18n::step_in_review(),
            q.review_started_at.as_deref().map(format::date_time),
        ),
        (
            i18n::step_decision(),
            q.decided_at.as_ref().map(|_| decision_text.clone()),
        ),
    ];
    let edit = {
        let (answers, licence) = (q.answers.clone(), q.licence.clone());
        move |_| {
            draft.load(&answers, licence.clone());
            navigate(&Page::Qualification.path());
        }
    };
    view! {
        <div class="panel">
            <p class="panel__status">{status_tag(status)}</p>
            <p>{i18n::reference()}": "<strong class="reference">{q.reference.clone()}</strong></p>
            <p>{i18n::submitted_on()}": "{format::date_time(&q.submitted_at)}</p>
        </div>
        <h2 class="heading-m">{i18n::timeline()}</h2>
        {timeline(steps)}
        {q.rejection_reason.clone().map(|reason| view! {
            <div class="notice notice--error">
                <h2 class="heading-m">{i18n::reviewer_reasons()}</h2>
                <p class="reasons">{reason}</p>
            </div>
        })}
        <h2 class="heading-m">{i18n::what_next()}</h2>
        <p>{next}</p>
        {match status {
            QualificationStatus::Rejected => {
                view! { <button type="button" class="button" on:click=edit>{i18n::edit_and_resubmit()}</button> }.into_any()
            }
            QualificationStatus::Approved => {
                view! { <a href=Page::NewCommercialApp.href() class="button">{i18n::create_your_app()}</a> }.into_any()
            }
            _ => ().into_any(),
        }}
    }
}
