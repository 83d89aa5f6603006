//! An app's audit log in its console: who did what, when and from which address, newest
//! first, a page at a time. Folded away until opened, so a console visit costs no request
//! for it; opened, it follows the changes made on the page.

use super::{load, use_client, Table};
use crate::{api::ApiError, format, i18n};
use leptos::{prelude::*, task::spawn_local};
use portal_core::api::{AuditEntry, AuditPage};

#[component]
pub fn AuditLog(
    /// The app's id.
    app: i64,
    /// Counts the changes made on the page; each reloads the log when it is open.
    changes: RwSignal<u32>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let on_toggle = move |ev: leptos::ev::Event| {
        let now_open = ev
            .target()
            .and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok())
            .is_some_and(|v| v.is_truthy());
        open.set(now_open);
    };
    view! {
        <details class="details" id="audit-log" on:toggle=on_toggle>
            <summary class="details__summary">{i18n::audit_title()}</summary>
            <div class="details__body">
                {move || {
                    changes.track();
                    open.get().then(|| load(
                        move |c| async move { c.audit(app, None).await },
                        move |page: AuditPage, _| view! { <AuditEntries app first=page /> },
                    ))
                }}
            </div>
        </details>
    }
}

#[component]
fn AuditEntries(
    app: i64,
    /// The newest page.
    first: AuditPage,
) -> impl IntoView {
    if first.entries.is_empty() {
        return view! { <p>{i18n::audit_empty()}</p> }.into_any();
    }
    let entries = RwSignal::new(first.entries);
    let older = RwSignal::new(first.older);
    let failed = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let (client, on_error) = use_client();
    let show_older = move |_| {
        let (Some(before), Some(c)) = (older.get_untracked(), client()) else {
            return;
        };
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        spawn_local(async move {
            match c.audit(app, Some(before)).await {
                Ok(page) => {
                    failed.set(None);
                    older.set(page.older);
                    entries.update(|e| e.extend(page.entries));
                }
                Err(e) => {
                    on_error(&e);
                    failed.set(Some(e));
                }
            }
            pending.set(false);
        });
    };
    let headings = vec![
        i18n::audit_col_when(),
        i18n::audit_col_what(),
        i18n::audit_col_who(),
        i18n::audit_col_from(),
    ];
    view! {
        <Table headings>
            <For each=move || entries.get() key=|e: &AuditEntry| e.id let:entry>
                <tr>
                    <td>{format::date_time(&entry.at)}</td>
                    <td>{i18n::audit_action(&entry.action)}{entry.about.map(|about| format!(" · {about}"))}</td>
                    <td>{entry.actor}</td>
                    <td><code>{entry.address}</code></td>
                </tr>
            </For>
        </Table>
        <p class="meta" role="status">{move || i18n::audit_shown(entries.read().len())}</p>
        {move || failed.get().map(|e| view! { <p class="notice notice--error" role="alert">{i18n::api_error(&e)}</p> })}
        {move || older.get().is_some().then(|| view! {
            <button type="button" id="audit-older" class="button button--secondary" on:click=show_older.clone()
                aria-disabled=move || pending.get().then_some("true")>
                {i18n::audit_older()}
            </button>
        })}
    }
    .into_any()
}
