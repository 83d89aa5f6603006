use crate::{
    components::{load, Journey, Table},
    format, i18n,
    routes::Page,
    standing::Standing,
};
use leptos::prelude::*;
use leptos_router::components::A;
use portal_core::api::{AppSummary, QualificationStatus};

/// The developer's apps: an empty state with "Create App", then a row per app.
#[component]
pub fn AppsPage() -> impl IntoView {
    view! {
        <Journey step=Page::Apps>
            <AppList />
        </Journey>
    }
}

#[component]
fn AppList() -> impl IntoView {
    let standing = expect_context::<Standing>();
    view! {
        <div class="page-head">
            <h1 class="heading-l">{i18n::APPS_TITLE}</h1>
            <A href=Page::NewApp.href() attr:class="button">{i18n::CREATE_APP}</A>
        </div>
        {load(
            move |c| async move {
                let (list, qualification) = futures_util::future::join(c.apps(), c.qualification()).await;
                let qualification = qualification?;
                standing.set_qualification(qualification.as_ref().map(|q| q.status));
                Ok((list?, qualification))
            },
            |(list, qualification), _| {
                let banner = qualification.filter(|q| q.status != QualificationStatus::Approved).map(|q| {
                    view! {
                        <p class="notice notice--info" role="status">
                            {i18n::application_banner(&q.reference, i18n::qualification_status(q.status))}" "
                            <A href=Page::QualificationStatus.href()>{i18n::VIEW_STATUS}</A>
                        </p>
                    }
                });
                let body = if list.is_empty() {
                    view! {
                        <div class="empty">
                            <h2 class="heading-m">{i18n::APPS_EMPTY_TITLE}</h2>
                            <p>{i18n::APPS_EMPTY_BODY}</p>
                        </div>
                    }
                    .into_any()
                } else {
                    view! { <AppTable apps=list /> }.into_any()
                };
                view! { {banner} {body} }
            },
        )}
        <p class="meta"><A href=Page::Developer.href()>{i18n::EDIT_DEVELOPER}</A></p>
    }
}

#[component]
fn AppTable(
    /// The apps, newest first.
    apps: Vec<AppSummary>,
) -> impl IntoView {
    let rows = apps
        .into_iter()
        .map(|app| {
            view! {
                <tr>
                    <td><A href=Page::App(app.id).href()>{app.name}</A></td>
                    <td>{i18n::APP_TYPE_COMMERCIAL}</td>
                    <td><span class="tag tag--green">{i18n::APP_STATUS_ACTIVE}</span></td>
                    <td>{format::date_time(&app.created_at)}</td>
                </tr>
            }
        })
        .collect_view();
    view! { <Table headings=vec![i18n::COL_NAME, i18n::COL_TYPE, i18n::COL_STATUS, i18n::COL_CREATED]>{rows}</Table> }
}
