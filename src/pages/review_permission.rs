//! Reviewers: an app's request for an API permission group, with the developer's business
//! reason, and the decision.

use super::review::{developer_rows, reviewers_only, DecisionForm, Reviewed};
use crate::{
    components::{load_or, summary_row, Journey},
    format, i18n,
    routes::Page,
};
use leptos::prelude::*;
use portal_core::api::{PermissionReview, PermissionStatus};

#[component]
pub fn ReviewPermissionPage() -> impl IntoView {
    view! {
        <Journey step=Page::Review>
            {super::by_id(|id| view! {
                <p class="back"><a href=Page::Review.href()>{i18n::review_title()}</a></p>
                {load_or(
                    move |c| async move { c.permission_review(id).await },
                    move |review, reload| view! { <RequestView id review reload /> },
                    reviewers_only,
                )}
            })}
        </Journey>
    }
}

#[component]
fn RequestView(
    /// The request's id.
    id: i64,
    review: PermissionReview,
    /// Loads it again after the decision.
    reload: Callback<()>,
) -> impl IntoView {
    let (group, grant) = (review.group, review.grant);
    let sensitive = group
        .sensitive
        .then(|| view! { " " <span class="tag tag--orange">{i18n::permission_sensitive()}</span> });
    let reason = if grant.business_reason.is_empty() {
        i18n::not_given().to_owned()
    } else {
        grant.business_reason.clone()
    };
    view! {
        <h1 class="heading-l">{format!("{} · {} · {}", review.app_name, group.name, review.account)}</h1>
        <p>{crate::components::status_tag(grant.status)}{sensitive}</p>
        <p>{group.description}</p>
        {review.developer.map(developer_rows)}
        <h2 class="heading-m">{i18n::answers_title()}</h2>
        <dl class="summary">
            {summary_row(i18n::field_label("business_reason"), view! { <span class="reasons">{reason}</span> }, None)}
            {summary_row(i18n::col_submitted(), format::date_time(&grant.requested_at), None)}
        </dl>
        {grant.reason.clone().map(|reason| view! {
            <div class="notice notice--error"><h2 class="heading-m">{i18n::reviewer_reasons()}</h2><p class="reasons">{reason}</p></div>
        })}
        {(grant.status == PermissionStatus::Pending).then(|| view! { <DecisionForm id of=Reviewed::Permission reload /> })}
    }
}
