//! API permission groups: a developer asks for one for an app, saying why (a sensitive
//! group needs a reason); a reviewer grants or rejects it with a reason; the gateway's
//! check lists the groups an app holds.

use super::{app_audit as audit, apps};
use crate::{
    clock::rfc3339,
    error::{AppError, Result},
    extract::{ApiJson, ApiPath, ClientAddr, RequestLocale, Reviewer, Seller, Valid},
    messages,
    store::{GrantRefusal, GrantRow, GroupRow},
    AppState,
};
use axum::extract::State;
use portal_core::{
    api::{
        AppDetail, AppPermission, DecisionRequest, PermissionGrant, PermissionGroup, PermissionQueueItem,
        PermissionRequest, PermissionReview, PermissionStatus,
    },
    error::{code, field_code, FieldError},
    locale::Locale,
    Form,
};

/// `POST /apps/{id}/permissions`.
pub(super) async fn request(
    State(state): State<AppState>,
    Seller(user): Seller,
    ClientAddr(client): ClientAddr,
    RequestLocale(locale): RequestLocale,
    ApiPath(id): ApiPath<i64>,
    ApiJson(mut req): ApiJson<PermissionRequest>,
) -> Result<ApiJson<AppDetail>> {
    let app = apps::own_app(&state, &user, id).await?;
    // The rules run once the group is known: whether a reason is required depends on it.
    req.normalize();
    let groups = state.store.permission_groups().await?;
    let group = groups.iter().find(|g| g.code == req.group);
    req.sensitive = group.is_some_and(|g| g.sensitive);
    let mut errors = req.clone().check().err().unwrap_or_default();
    if group.is_none() && !errors.iter().any(|e| e.field == "group") {
        errors.insert(0, FieldError::new("group", field_code::NOT_A_CHOICE));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let recorded = state
        .store
        .request_grant(app.id, &req.group, &req.business_reason, state.clock.now())
        .await?;
    match recorded {
        Ok(()) => {}
        Err(GrantRefusal::Active) => {
            return Err(AppError::conflict(
                code::PERMISSION_ACTIVE,
                "The app holds this permission group already.",
            ))
        }
        Err(GrantRefusal::Pending) => {
            return Err(AppError::conflict(
                code::PERMISSION_PENDING,
                "A request for this permission group is waiting for a reviewer.",
            ))
        }
    }
    audit::record_about(
        &state,
        &user,
        &client,
        &app,
        audit::PERMISSION_REQUESTED,
        Some(&req.group),
    )
    .await?;
    Ok(ApiJson(apps::detail(&state, &app, locale).await?))
}

/// `GET /review/permissions`: every request, those waiting first.
pub(super) async fn queue(
    State(state): State<AppState>,
    Reviewer(_): Reviewer,
    RequestLocale(locale): RequestLocale,
) -> Result<ApiJson<Vec<PermissionQueueItem>>> {
    let groups = state.store.permission_groups().await?;
    let items = state.store.grant_queue().await?;
    Ok(ApiJson(
        items
            .into_iter()
            .filter_map(|item| {
                let group = groups.iter().find(|g| g.code == item.grant.group)?;
                Some(PermissionQueueItem {
                    id: item.grant.id,
                    app_name: item.app.name,
                    account: item.account,
                    group: named(group, locale),
                    status: grant(&item.grant).status,
                    requested_at: rfc3339(item.grant.requested_at),
                })
            })
            .collect(),
    ))
}

/// `GET /review/permissions/{id}`.
pub(super) async fn detail(
    State(state): State<AppState>,
    Reviewer(_): Reviewer,
    RequestLocale(locale): RequestLocale,
    ApiPath(id): ApiPath<i64>,
) -> Result<ApiJson<PermissionReview>> {
    Ok(ApiJson(review(&state, id, locale).await?))
}

/// `POST /review/permissions/{id}/decision`: approving grants the group.
pub(super) async fn decide(
    State(state): State<AppState>,
    Reviewer(user): Reviewer,
    ClientAddr(client): ClientAddr,
    RequestLocale(locale): RequestLocale,
    ApiPath(id): ApiPath<i64>,
    Valid(req): Valid<DecisionRequest>,
) -> Result<ApiJson<PermissionReview>> {
    let item = state.store.grant_item(id).await?.ok_or(AppError::NotFound)?;
    let reason = req.rejection();
    let approved = reason.is_none();
    if !state
        .store
        .decide_grant(id, user.id, approved, reason, state.clock.now())
        .await?
    {
        return Err(AppError::conflict(
            code::ALREADY_DECIDED,
            "This request has already been decided.",
        ));
    }
    let action = if approved {
        audit::PERMISSION_APPROVED
    } else {
        audit::PERMISSION_REJECTED
    };
    audit::record_about(&state, &user, &client, &item.app, action, Some(&item.grant.group)).await?;
    Ok(ApiJson(review(&state, id, locale).await?))
}

async fn review(state: &AppState, id: i64, locale: Locale) -> Result<PermissionReview> {
    let item = state.store.grant_item(id).await?.ok_or(AppError::NotFound)?;
    let groups = state.store.permission_groups().await?;
    let group = groups
        .iter()
        .find(|g| g.code == item.grant.group)
        .ok_or(AppError::NotFound)?;
    let developer = state
        .store
        .developer(item.account_id)
        .await?
        .map(|(info, _)| info);
    Ok(PermissionReview {
        app_id: item.app.id,
        app_name: item.app.name,
        account: item.account,
        developer,
        group: named(group, locale),
        grant: grant(&item.grant),
    })
}

/// Every group with the app's request for it, for the console.
pub(super) async fn of_app(state: &AppState, app_id: i64, locale: Locale) -> Result<Vec<AppPermission>> {
    let groups = state.store.permission_groups().await?;
    let grants = state.store.app_grants(app_id).await?;
    Ok(groups
        .iter()
        .map(|g| AppPermission {
            group: named(g, locale),
            grant: grants.iter().find(|r| r.group == g.code).map(grant),
        })
        .collect())
}

/// A group's name in `locale`: the message files' words for the groups they know, the
/// stored English for an operator's own.
pub(super) fn group_name(group: &GroupRow, locale: Locale) -> String {
    messages::text_opt(locale, &format!("permission.{}.name", group.code))
        .map_or_else(|| group.name.clone(), str::to_owned)
}

fn named(group: &GroupRow, locale: Locale) -> PermissionGroup {
    PermissionGroup {
        code: group.code.clone(),
        name: group_name(group, locale),
        description: messages::text_opt(locale, &format!("permission.{}.description", group.code))
            .map_or_else(|| group.description.clone(), str::to_owned),
        sensitive: group.sensitive,
    }
}

fn grant(row: &GrantRow) -> PermissionGrant {
    PermissionGrant {
        id: row.id,
        status: PermissionStatus::parse(&row.status).unwrap_or(PermissionStatus::Pending),
        business_reason: row.business_reason.clone(),
        requested_at: rfc3339(row.requested_at),
        decided_at: row.decided_at.map(rfc3339),
        reason: row.reason.clone(),
    }
}
