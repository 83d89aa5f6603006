use crate::{
    components::{load, EmailNotice, Journey, Table},
    format, i18n,
    routes::Page,
    standing::Standing,
};
use leptos::prelude::*;
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
            <h1 class="heading-l">{i18n::apps_title()}</h1>
            <a href=Page::NewApp.href() class="button">{i18n::create_app()}</a>
        </div>
        <EmailNotice />
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
                            <a href=Page::QualificationStatus.href()>{i18n::view_status()}</a>
                        </p>
                    }
                });
                let body = if list.is_empty() {
                    view! {
                        <div class="empty">
                            <h2 class="heading-m">{i18n::apps_empty_title()}</h2>
                            <p>{i18n::apps_empty_body()}</p>
                        </div>
                    }
                    .into_any()
                } else {
                    view! { <AppTable apps=list /> }.into_any()
                };
                view! { {banner} {body} }
            },
        )}
        <p class="meta"><a href=Page::Developer.href()>{i18n::edit_developer()}</a></p>
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
                    <td><a href=Page::App(app.id).href()>{app.name}</a></td>
                    <td>{i18n::app_type_commercial()}</td>
                    <td>{crate::components::status_tag(app.status)}</td>
                    <td>{format::date_time(&app.created_at)}</td>
                </tr>
            }
        })
        .collect_view();
    view! { <Table headings=vec![i18n::col_name(), i18n::col_type(), i18n::col_status(), i18n::col_created()]>{rows}</Table> }
}
