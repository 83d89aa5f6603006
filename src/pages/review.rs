use crate::{
    api::ApiError,
    components::{
        answer, load_or, status_tag, summary_row, Choice, ErrorSummary, FormErrors, Journey, LicenceImage,
        Outcome, Radios, Submit, Table, TextField,
    },
    format, i18n,
    routes::Page,
};
use leptos::prelude::*;
use portal_core::{
    api::{
        Decision, DecisionRequest, GoLiveQueueItem, GoLiveReview, GoLiveStatus, PermissionQueueItem,
        QualificationRequest, ReviewDetail, ReviewQueueItem,
    },
    Form,
};

/// Reviewers: every application, those waiting for a decision first.
#[component]
pub fn ReviewPage() -> impl IntoView {
    view! {
        <Journey step=Page::Review>
            <Queue />
        </Journey>
    }
}

/// A seller who opens the review pages is told they are for reviewers.
pub(super) fn reviewers_only(e: &ApiError) -> Option<AnyView> {
    (*e == ApiError::Forbidden)
        .then(|| view! { <p class="notice notice--warning">{i18n::reviewers_only()}</p> }.into_any())
}

#[component]
fn Queue() -> impl IntoView {
    view! {
        <h1 class="heading-l">{i18n::review_title()}</h1>
        {load_or(
            |c| async move {
                let (applications, go_live, permissions) =
                    futures_util::future::join3(c.review_queue(), c.go_live_queue(), c.permission_queue()).await;
                Ok((applications?, go_live?, permissions?))
            },
            |(items, go_live, permissions): (Vec<ReviewQueueItem>, Vec<GoLiveQueueItem>, Vec<PermissionQueueItem>), _| {
                let applications = if items.is_empty() {
                    view! { <p>{i18n::review_empty()}</p> }.into_any()
                } else {
                    view! { <QueueTable items /> }.into_any()
                };
                view! {
                    {applications}
                    <h2 class="heading-m" id="go-live-queue">{i18n::go_live_queue_title()}</h2>
                    {if go_live.is_empty() {
                        view! { <p>{i18n::go_live_empty()}</p> }.into_any()
                    } else {
                        view! { <GoLiveTable items=go_live /> }.into_any()
                    }}
                    <h2 class="heading-m" id="permission-queue">{i18n::permission_queue_title()}</h2>
                    {if permissions.is_empty() {
                        view! { <p>{i18n::permission_queue_empty()}</p> }.into_any()
                    } else {
                        view! { <PermissionTable items=permissions /> }.into_any()
                    }}
                }
            },
            reviewers_only,
        )}
    }
}

#[component]
fn GoLiveTable(
    /// The apps asking to go online.
    items: Vec<GoLiveQueueItem>,
) -> impl IntoView {
    let rows = items
        .into_iter()
        .map(|item| {
            view! {
                <tr>
                    <td><a href=Page::ReviewGoLive(item.app_id).href()>{item.app_name}</a></td>
                    <td>{item.account}</td>
                    <td>{status_tag(item.status)}</td>
                    <td>{format::date_time(&item.requested_at)}</td>
                </tr>
            }
        })
        .collect_view();
    view! { <Table headings=vec![i18n::col_app(), i18n::col_account(), i18n::col_status(), i18n::col_submitted()]>{rows}</Table> }
}

#[component]
fn PermissionTable(
    /// Apps' requests for permission groups.
    items: Vec<PermissionQueueItem>,
) -> impl IntoView {
    let rows = items
        .into_iter()
        .map(|item| {
            view! {
                <tr>
                    <td><a href=Page::ReviewPermission(item.id).href()>{format!("{} · {}", item.app_name, item.group.name)}</a></td>
                    <td>{item.account}</td>
                    <td>{status_tag(item.status)}</td>
                    <td>{format::date_time(&item.requested_at)}</td>
                </tr>
            }
        })
        .collect_view();
    view! { <Table headings=vec![i18n::col_group(), i18n::col_account(), i18n::col_status(), i18n::col_submitted()]>{rows}</Table> }
}

/// Reviewers: an app's request to go online, its developer, and the decision.
#[component]
pub fn ReviewGoLivePage() -> impl IntoView {
    view! {
        <Journey step=Page::Review>
            {super::by_id(|id| view! {
                <p class="back"><a href=Page::Review.href()>{i18n::review_title()}</a></p>
                {load_or(
                    move |c| async move { c.go_live_review(id).await },
                    |review, reload| view! { <GoLiveRequestView review reload /> },
                    reviewers_only,
                )}
            })}
        </Journey>
    }
}

#[component]
fn GoLiveRequestView(review: GoLiveReview, reload: Callback<()>) -> impl IntoView {
    let r = review.request;
    let developer = review.developer.map(developer_rows);
    view! {
        <h1 class="heading-l">{format!("{} · {}", review.app_name, review.account)}</h1>
        <p>{status_tag(r.status)}</p>
        {developer}
        <h2 class="heading-m">{i18n::answers_title()}</h2>
        <dl class="summary">
            {summary_row(i18n::field_label("production_use"), r.production_use.clone(), None)}
            {summary_row(i18n::field_label("expected_daily_calls"), format::count(r.expected_daily_calls), None)}
            {summary_row(i18n::col_submitted(), format::date_time(&r.requested_at), None)}
        </dl>
        {r.reason.clone().map(|reason| view! {
            <div class="notice notice--error"><h2 class="heading-m">{i18n::reviewer_reasons()}</h2><p class="reasons">{reason}</p></div>
        })}
        {(r.status == GoLiveStatus::Pending).then(|| view! { <DecisionForm id=review.app_id of=Reviewed::GoLive reload /> })}
    }
}

/// The developer's information, for the reviewer.
pub(super) fn developer_rows(d: portal_core::api::DeveloperInfo) -> impl IntoView {
    view! {
        <h2 class="heading-m">{i18n::developer_section()}</h2>
        <dl class="summary">
            {summary_row(i18n::field_label("developer_name"), d.developer_name, None)}
            {summary_row(i18n::field_label("country"), i18n::country_name(&d.country), None)}
            {summary_row(i18n::field_label("email"), d.email, None)}
            {summary_row(i18n::field_label("mobile"), d.mobile, None)}
        </dl>
    }
}

/// What a reviewer decides on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reviewed {
    Qualification,
    GoLive,
    Permission,
}

#[component]
fn QueueTable(
    /// The applications.
    items: Vec<ReviewQueueItem>,
) -> impl IntoView {
    let rows = items
        .into_iter()
        .map(|item| {
            view! {
                <tr>
                    <td><a href=Page::ReviewApplication(item.id).href()>{item.reference}</a></td>
                    <td>{item.account}</td>
                    <td>{item.software_name}</td>
                    <td>{status_tag(item.status)}</td>
                    <td>{format::date_time(&item.submitted_at)}</td>
                </tr>
            }
        })
        .collect_view();
    view! { <Table headings=vec![i18n::col_reference(), i18n::col_account(), i18n::col_software(), i18n::col_status(), i18n::col_submitted()]>{rows}</Table> }
}

/// Reviewers: one application with every answer and the licence, and the decision.
#[component]
pub fn ReviewApplicationPage() -> impl IntoView {
    view! {
        <Journey step=Page::Review>
            {super::by_id(|id| view! { <ApplicationLoader id /> })}
        </Journey>
    }
}

#[component]
fn ApplicationLoader(
    /// The application's id.
    id: i64,
) -> impl IntoView {
    view! {
        <p class="back"><a href=Page::Review.href()>{i18n::review_title()}</a></p>
        {load_or(
            move |c| async move { c.open_review(id).await },
            |detail, reload| view! { <Application detail reload /> },
            reviewers_only,
        )}
    }
}

#[component]
fn Application(
    /// The application and its developer.
    detail: ReviewDetail,
    /// Loads it again after the decision.
    reload: Callback<()>,
) -> impl IntoView {
    let q = detail.application;
    let status = q.status;
    let answers = q.answers.clone();
    let rows = QualificationRequest::FIELDS
        .iter()
        .map(|field| {
            summary_row(
                i18n::field_label(field),
                answer(&answers, field, q.licence.as_ref()),
                None,
            )
        })
        .collect_view();
    let developer = detail.developer.map(developer_rows);
    view! {
        <h1 class="heading-l">{format!("{} · {}", q.reference, detail.account)}</h1>
        <p>{status_tag(status)}</p>
        {developer}
        <h2 class="heading-m">{i18n::section_licence()}</h2>
        {q.licence.clone().map(|l| view! { <LicenceImage id=l.id content_type=l.content_type /> })}
        <h2 class="heading-m">{i18n::answers_title()}</h2>
        <dl class="summary">{rows}</dl>
        {q.rejection_reason.clone().map(|r| view! {
            <div class="notice notice--error"><h2 class="heading-m">{i18n::reviewer_reasons()}</h2><p class="reasons">{r}</p></div>
        })}
        {status.is_pending().then(|| view! { <DecisionForm id=detail.id of=Reviewed::Qualification reload /> })}
    }
}

#[component]
pub(super) fn DecisionForm(
    /// The application's id, the app's, or the permission request's.
    id: i64,
    /// What is decided on.
    of: Reviewed,
    /// Loads the application again after the decision.
    reload: Callback<()>,
) -> impl IntoView {
    let choice = RwSignal::new("approve".to_owned());
    let reason = RwSignal::new(String::new());
    let form = FormErrors::new::<DecisionRequest>();
    let request = move || DecisionRequest {
        decision: if choice.get() == "reject" {
            Decision::Reject
        } else {
            Decision::Approve
        },
        reason: reason.get(),
    };
    let errors = Memo::new(move |_| form.visible(request().errors()));
    let submit = Submit::signed(
        form,
        move |c, req| async move {
            match of {
                Reviewed::Qualification => c.decide(id, &req).await.map(drop),
                Reviewed::GoLive => c.decide_go_live(id, &req).await.map(drop),
                Reviewed::Permission => c.decide_permission(id, &req).await.map(drop),
            }
        },
        Outcome::then(move |_| reload.run(())).link_to("reason"),
    );
    let pending = submit.pending();
    let on_submit = submit.on_submit(request);
    view! {
        <form on:submit=on_submit novalidate class="section">
            <h2 class="heading-m">{i18n::decision_title()}</h2>
            <ErrorSummary form errors />
            <Radios
                name="decision"
                legend=i18n::decision_question()
                choices=vec![
                    Choice { value: "approve".into(), label: i18n::approve().into(), hint: None },
                    Choice { value: "reject".into(), label: i18n::reject().into(), hint: None },
                ]
                value=choice
            />
            <Show when=move || choice.get() == "reject">
                <TextField id="reason" value=reason form errors rows=4 />
            </Show>
            <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                {i18n::record_decision()}
            </button>
        </form>
    }
}
