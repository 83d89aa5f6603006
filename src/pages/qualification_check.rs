use crate::{
    api::ApiError,
    components::{new_idempotency_key, summary_row, use_client, FormErrors, Journey},
    draft::QualificationDraft,
    format, i18n,
    routes::{GoTo, Page},
    standing::Standing,
};
use leptos::{html, prelude::*, task::spawn_local};
use leptos_router::components::A;
use portal_core::{api::QualificationRequest, FieldError, Form};

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
    let draft = expect_context::<QualificationDraft>();
    if !draft.is_started() {
        return view! { <GoTo path=Page::Qualification.path() /> }.into_any();
    }
    let (client, on_error) = use_client();
    let standing = expect_context::<Standing>();
    let navigate = crate::routes::use_go();
    let pending = RwSignal::new(false);
    let form = FormErrors::new::<QualificationRequest>();
    let problems = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<String>);
    let summary = NodeRef::<html::Div>::new();
    // Submitting again after a lost answer submits once.
    let key = StoredValue::new(new_idempotency_key());
    let answers = draft.request();
    let licence = draft.licence.get_untracked();

    let submit = {
        let draft = draft.clone();
        move |_| {
            if pending.get_untracked() {
                return;
            }
            let Some(client) = client() else { return };
            let client = client.with_idempotency_key(key.get_value());
            // The rules run here too: a stale draft goes back to the form.
            let Some(req) = form.submit(draft.request()) else {
                problems.set(draft.request().errors());
                focus(summary);
                return;
            };
            pending.set(true);
            let (navigate, draft) = (navigate.clone(), draft.clone());
            spawn_local(async move {
                match client.submit_qualification(&req).await {
                    Ok(q) => {
                        key.set_value(new_idempotency_key());
                        draft.clear();
                        standing.set_qualification(Some(q.status));
                        standing.hand_over(q);
                        navigate(&Page::QualificationStatus.path());
                    }
                    Err(ApiError::Validation(fields)) => {
                        problems.set(fields);
                        focus(summary);
                    }
                    Err(e) => {
                        on_error(&e);
                        failure.set(Some(i18n::api_error(&e)));
                        focus(summary);
                    }
                }
                pending.set(false);
            });
        }
    };

    let rows = QualificationRequest::FIELDS
        .iter()
        .filter(|f| **f != "cif" || !answers.cif.is_empty())
        .map(|field| {
            let label = answer_label(field);
            let value = answer(&answers, field, licence.as_ref());
            summary_row(label, value, Some(Page::change_answer(field)))
        })
        .collect_view();

    view! {
        <div class="error-summary" node_ref=summary tabindex="-1" role="alert"
            hidden=move || problems.read().is_empty() && failure.read().is_none()>
            <h2 class="error-summary__title">{i18n::ERROR_SUMMARY_TITLE}</h2>
            <ul class="error-summary__list">
                {move || failure.get().map(|m| view! { <li>{m}</li> })}
                {move || problems.get().into_iter().map(|e| {
                    let href = Page::change_answer(&e.field);
                    view! { <li><A href=href>{i18n::field_message(&e)}</A></li> }
                }).collect_view()}
            </ul>
        </div>
        <h1 class="heading-l">{i18n::CHECK_TITLE}</h1>
        <dl class="summary">{rows}</dl>
        <button type="button" class="button" on:click=submit aria-disabled=move || pending.get().then_some("true")>
            {move || if pending.get() { i18n::SUBMITTING } else { i18n::SUBMIT_APPLICATION }}
        </button>
    }
    .into_any()
}

fn focus(node: NodeRef<html::Div>) {
    request_animation_frame(move || {
        if let Some(el) = node.get_untracked() {
            let _ = el.focus();
        }
    });
}

/// An answer's label in a summary: the IT person's fields say whose they are.
pub(crate) fn answer_label(field: &str) -> String {
    if field.starts_with("it_") && field != "it_team_size" {
        format!("{}: {}", i18n::SECTION_IT, i18n::field_label(field))
    } else {
        i18n::field_label(field).to_owned()
    }
}

/// How an answer reads on the check page.
pub(crate) fn answer(
    answers: &QualificationRequest,
    field: &str,
    licence: Option<&portal_core::api::LicenceInfo>,
) -> String {
    if field == "licence_id" {
        return licence
            .map(|l| format!("{} ({})", l.file_name, format::file_size(l.size)))
            .unwrap_or_else(|| i18n::NOT_GIVEN.into());
    }
    if field == "agreement_confirmed" {
        return if answers.agreement_confirmed {
            i18n::CONFIRMED
        } else {
            i18n::NOT_GIVEN
        }
        .into();
    }
    match serde_json::to_value(answers)
        .ok()
        .and_then(|v| v.get(field).and_then(|v| v.as_str().map(str::to_owned)))
    {
        Some(v) if !v.trim().is_empty() => v,
        _ => i18n::NOT_GIVEN.into(),
    }
}
