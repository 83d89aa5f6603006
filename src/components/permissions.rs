//! An app's API permission groups in its console: each group the platform offers with
//! where the app stands (not asked for, waiting, active since, rejected and why), and the
//! request for another group with its business reason (required for sensitive ones).

use super::{focus_when_drawn, Choice, ErrorSummary, FormErrors, Outcome, Radios, Submit, Table, TextField};
use crate::{format, i18n};
use leptos::prelude::*;
use portal_core::{
    api::{AppDetail, AppPermission, PermissionGrant, PermissionRequest, PermissionStatus},
    Form,
};

#[component]
pub fn PermissionsSection(
    /// The app's id.
    app: i64,
    /// Every group, with the app's request for it.
    permissions: Vec<AppPermission>,
    /// Counts the console's changes; a request adds one.
    changes: RwSignal<u32>,
) -> impl IntoView {
    let groups = RwSignal::new(permissions);
    // The group just asked for, announced once the table shows it.
    let sent = RwSignal::new(None::<String>);
    let rows = move || {
        groups
            .get()
            .into_iter()
            .map(|p| {
                let sensitive = p.group.sensitive.then(
                    || view! { " " <span class="tag tag--orange">{i18n::permission_sensitive()}</span> },
                );
                view! {
                    <tr id=format!("permission-{}", p.group.code)>
                        <td>
                            <strong>{p.group.name}</strong>{sensitive}
                            <p class="meta">{p.group.description}</p>
                        </td>
                        <td>{grant_state(p.grant)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let open: Memo<Vec<AppPermission>> = Memo::new(move |_| {
        groups
            .get()
            .into_iter()
            .filter(|p| {
                p.grant
                    .as_ref()
                    .is_none_or(|g| g.status == PermissionStatus::Rejected)
            })
            .collect()
    });
    view! {
        <section class="section" id="permissions" aria-labelledby="permissions-title">
            <h2 class="heading-m" id="permissions-title">{i18n::permissions_title()}</h2>
            <p class="field__hint">{i18n::permissions_hint()}</p>
            <Table headings=vec![i18n::col_group(), i18n::col_status()]>{rows}</Table>
            {move || sent.get().map(|name| view! {
                <p class="notice notice--success" id="permission-sent" tabindex="-1" role="status">
                    {i18n::permission_sent(&name)}
                </p>
            })}
            {move || {
                let open = open.get();
                if open.is_empty() {
                    view! { <p>{i18n::permissions_all_asked()}</p> }.into_any()
                } else {
                    view! { <RequestForm app open groups sent changes /> }.into_any()
                }
            }}
        </section>
    }
}

/// Where the app stands with one group, in the table's second column.
fn grant_state(grant: Option<PermissionGrant>) -> AnyView {
    let Some(g) = grant else {
        return view! { <span class="tag">{i18n::permission_not_requested()}</span> }.into_any();
    };
    let decided = g.decided_at.as_deref().map(format::date_time).unwrap_or_default();
    let when = match g.status {
        PermissionStatus::Active => i18n::permission_since(&decided),
        PermissionStatus::Pending => i18n::permission_asked_on(&format::date_time(&g.requested_at)),
        PermissionStatus::Rejected => i18n::permission_rejected_on(&decided),
    };
    view! {
        {super::status_tag(g.status)}
        <p class="meta">{when}</p>
        {g.reason.map(|reason| view! { <p class="reasons">{reason}</p> })}
    }
    .into_any()
}

#[component]
fn RequestForm(
    app: i64,
    /// The groups the app may ask for (never asked, or rejected).
    open: Vec<AppPermission>,
    groups: RwSignal<Vec<AppPermission>>,
    sent: RwSignal<Option<String>>,
    changes: RwSignal<u32>,
) -> impl IntoView {
    let choice = RwSignal::new(open.first().map(|p| p.group.code.clone()).unwrap_or_default());
    let reason = RwSignal::new(String::new());
    let form = FormErrors::new::<PermissionRequest>();
    let choices = open
        .iter()
        .map(|p| {
            let mut hint = p.group.description.clone();
            if p.group.sensitive {
                hint = format!("{hint} {}", i18n::permission_sensitive_hint());
            }
            Choice {
                value: p.group.code.clone(),
                label: p.group.name.clone().into(),
                hint: Some(hint.into()),
            }
        })
        .collect();
    let request = move || {
        let group = choice.get();
        let sensitive = groups.with(|all| all.iter().any(|p| p.group.code == group && p.group.sensitive));
        PermissionRequest {
            group,
            business_reason: reason.get(),
            sensitive,
        }
    };
    let errors = Memo::new(move |_| form.visible(request().errors()));
    let submit = Submit::signed(
        form,
        move |c, req: PermissionRequest| async move { c.request_permission(app, &req).await },
        Outcome::then(move |detail: AppDetail| {
            let asked = choice.get_untracked();
            let name = detail
                .permissions
                .iter()
                .find(|p| p.group.code == asked)
                .map(|p| p.group.name.clone());
            groups.set(detail.permissions);
            sent.set(name);
            changes.update(|n| *n += 1);
            focus_when_drawn("permission-sent");
        })
        .link_to("business_reason"),
    );
    let pending = submit.pending();
    let on_submit = submit.on_submit(request);
    view! {
        <form on:submit=on_submit novalidate>
            <h3 class="heading-s">{i18n::request_permission_title()}</h3>
            <ErrorSummary form errors />
            <Radios name="group" legend=i18n::field_label("group") choices value=choice />
            <TextField id="business_reason" value=reason form errors rows=3 />
            <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                {i18n::request_permission_button()}
            </button>
        </form>
    }
}
