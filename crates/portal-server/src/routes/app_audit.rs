//! What was done to an app: every change and every look at its secret recorded with who,
//! when and from where, shown in its console newest first; the security-relevant ones
//! also e-mailed to the developer.

use super::apps;
use crate::{
    clock::rfc3339,
    error::{AppError, Result},
    extract::{ApiJson, ApiPath, AuthUser, RequestLocale},
    mailer,
    store::{AppRow, AuditEvent},
    AppState,
};
use axum::extract::{rejection::QueryRejection, Query, State};
use portal_core::{
    api::{AuditEntry, AuditPage, AuditQuery, AUDIT_PAGE_SIZE},
    locale::Locale,
};

pub(super) const REVEAL: &str = "secret.reveal";
pub(super) const RESET: &str = "secret.reset";
pub(super) const RESET_RETRIED: &str = "secret.reset.retried";
pub(super) const REVOKE_PREVIOUS: &str = "secret.revoke_previous";
pub(super) const CALLBACK_URLS: &str = "callback_urls.update";
pub(super) const ALLOWED_SOURCES: &str = "allowed_sources.update";
pub(super) const GO_LIVE_REQUESTED: &str = "go_live.requested";
pub(super) const GO_LIVE_APPROVED: &str = "go_live.approved";
pub(super) const GO_LIVE_REJECTED: &str = "go_live.rejected";
pub(super) const PERMISSION_REQUESTED: &str = "permission.requested";
pub(super) const PERMISSION_APPROVED: &str = "permission.approved";
pub(super) const PERMISSION_REJECTED: &str = "permission.rejected";

/// The actions the developer is told of by e-mail as well: whoever holds their session
/// could otherwise cut off or take over the app's access unnoticed.
const NOTIFIED: [&str; 3] = [RESET, REVOKE_PREVIOUS, ALLOWED_SOURCES];

/// Records `action` on the app; notifies the developer of security-relevant ones.
pub(super) async fn record(
    state: &AppState,
    user: &AuthUser,
    client: &str,
    app: &AppRow,
    action: &'static str,
) -> Result<()> {
    record_about(state, user, client, app, action, None).await
}

/// [`record`], with what the action was about beyond the app (a permission group's code).
pub(super) async fn record_about(
    state: &AppState,
    user: &AuthUser,
    client: &str,
    app: &AppRow,
    action: &'static str,
    detail: Option<&str>,
) -> Result<()> {
    let now = state.clock.now();
    let event = AuditEvent {
        actor: user.id,
        app_id: Some(app.id),
        action,
        target: app.app_key.clone(),
        address: client.to_owned(),
        detail: detail.map(str::to_owned),
    };
    state.store.audit(event, now).await?;
    if NOTIFIED.contains(&action) {
        if let Some((recipient, locale)) = state.store.notice_recipient(user.id).await? {
            let notice = mailer::SecurityNotice {
                app_name: &app.name,
                app_id: app.id,
                action,
                at: &rfc3339(now),
                address: client,
            };
            let mail = notice.mail(
                &state.settings.public_url,
                &recipient,
                Locale::from_tag(&locale).unwrap_or(Locale::En),
            );
            state.mailer.send(&state.store, &mail, now).await?;
        }
    }
    Ok(())
}

/// `GET /apps/{id}/audit`: a page of the app's log, newest first.
pub(super) async fn page(
    State(state): State<AppState>,
    user: AuthUser,
    RequestLocale(locale): RequestLocale,
    ApiPath(id): ApiPath<i64>,
    query: std::result::Result<Query<AuditQuery>, QueryRejection>,
) -> Result<ApiJson<AuditPage>> {
    let Query(query) = query.map_err(|_| AppError::MalformedBody)?;
    let app = apps::own_app(&state, &user, id).await?;
    // One more than a page tells whether an older page exists.
    let mut rows = state
        .store
        .app_audit(app.id, query.before, AUDIT_PAGE_SIZE + 1)
        .await?;
    let more = rows.len() > AUDIT_PAGE_SIZE;
    rows.truncate(AUDIT_PAGE_SIZE);
    // Entries about a permission group name it in the reader's language.
    let groups = if rows.iter().any(|r| r.detail.is_some()) {
        state.store.permission_groups().await?
    } else {
        Vec::new()
    };
    let about = |code: &str| {
        groups
            .iter()
            .find(|g| g.code == code)
            .map_or_else(|| code.to_owned(), |g| super::permissions::group_name(g, locale))
    };
    Ok(ApiJson(AuditPage {
        older: more.then(|| rows.last().map(|r| r.id)).flatten(),
        entries: rows
            .into_iter()
            .map(|r| AuditEntry {
                id: r.id,
                action: r.action,
                actor: r.actor,
                address: r.address,
                at: rfc3339(r.at),
                about: r.detail.as_deref().map(about),
            })
            .collect(),
    }))
}
