//! From test to online: the developer asks, with what the app does in production and the
//! calls it expects; a reviewer approves (the limits lift) or rejects with a reason.

use super::{app_audit as audit, apps};
use crate::{
    clock::rfc3339,
    error::{AppError, Result},
    extract::{ApiJson, ApiPath, ClientAddr, RequestLocale, Reviewer, Seller, Valid},
    store::{GoLiveRefusal, GoLiveRow},
    AppState,
};
use axum::extract::State;
use portal_core::{
    api::{AppDetail, DecisionRequest, GoLive, GoLiveQueueItem, GoLiveRequest, GoLiveReview, GoLiveStatus},
    error::code,
};

/// `POST /apps/{id}/go-live`.
pub(super) async fn request(
    State(state): State<AppState>,
    Seller(user): Seller,
    ClientAddr(client): ClientAddr,
    RequestLocale(locale): RequestLocale,
    ApiPath(id): ApiPath<i64>,
    Valid(req): Valid<GoLiveRequest>,
) -> Result<ApiJson<AppDetail>> {
    let app = apps::own_app(&state, &user, id).await?;
    // The rule checked it is 1 to 100 million.
    let calls: i64 = req
        .expected_daily_calls
        .parse()
        .map_err(|_| AppError::MalformedBody)?;
    let recorded = state
        .store
        .request_go_live(app.id, &req.production_use, calls, state.clock.now())
        .await?;
    match recorded {
        Ok(()) => {}
        Err(GoLiveRefusal::AlreadyOnline) => {
            return Err(AppError::conflict(
                code::ALREADY_ONLINE,
                "The app is online already.",
            ))
        }
        Err(GoLiveRefusal::Pending) => {
            return Err(AppError::conflict(
                code::GO_LIVE_PENDING,
                "A request to go online is waiting for a reviewer.",
            ))
        }
    }
    audit::record(&state, &user, &client, &app, audit::GO_LIVE_REQUESTED).await?;
    Ok(ApiJson(apps::detail(&state, &app, locale).await?))
}

/// `GET /review/go-live`: every request, those waiting first.
pub(super) async fn queue(
    State(state): State<AppState>,
    Reviewer(_): Reviewer,
) -> Result<ApiJson<Vec<GoLiveQueueItem>>> {
    let items = state.store.go_live_queue().await?;
    Ok(ApiJson(
        items
            .into_iter()
            .map(|item| GoLiveQueueItem {
                app_id: item.app.id,
                app_name: item.app.name,
                account: item.account,
                status: go_live(&item.request).status,
                requested_at: rfc3339(item.request.requested_at),
            })
            .collect(),
    ))
}

/// `GET /review/go-live/{id}`.
pub(super) async fn detail(
    State(state): State<AppState>,
    Reviewer(_): Reviewer,
    ApiPath(id): ApiPath<i64>,
) -> Result<ApiJson<GoLiveReview>> {
    Ok(ApiJson(review(&state, id).await?))
}

/// `POST /review/go-live/{id}/decision`: approving takes the app online.
pub(super) async fn decide(
    State(state): State<AppState>,
    Reviewer(user): Reviewer,
    ClientAddr(client): ClientAddr,
    ApiPath(id): ApiPath<i64>,
    Valid(req): Valid<DecisionRequest>,
) -> Result<ApiJson<GoLiveReview>> {
    let item = find(&state, id).await?;
    let reason = req.rejection();
    let approved = reason.is_none();
    if !state
        .store
        .decide_go_live(id, user.id, approved, reason, state.clock.now())
        .await?
    {
        return Err(AppError::conflict(
            code::ALREADY_DECIDED,
            "This request has already been decided.",
        ));
    }
    let action = if approved {
        audit::GO_LIVE_APPROVED
    } else {
        audit::GO_LIVE_REJECTED
    };
    audit::record(&state, &user, &client, &item.app, action).await?;
    Ok(ApiJson(review(&state, id).await?))
}

async fn find(state: &AppState, app_id: i64) -> Result<crate::store::GoLiveItem> {
    state.store.go_live_item(app_id).await?.ok_or(AppError::NotFound)
}

async fn review(state: &AppState, app_id: i64) -> Result<GoLiveReview> {
    let item = find(state, app_id).await?;
    let developer = state
        .store
        .developer(item.account_id)
        .await?
        .map(|(info, _)| info);
    Ok(GoLiveReview {
        app_id: item.app.id,
        app_name: item.app.name,
        account: item.account,
        developer,
        request: go_live(&item.request),
    })
}

/// A stored request as the API shows it.
pub(super) fn go_live(row: &GoLiveRow) -> GoLive {
    let status = match row.status.as_str() {
        "approved" => GoLiveStatus::Approved,
        "rejected" => GoLiveStatus::Rejected,
        _ => GoLiveStatus::Pending,
    };
    GoLive {
        status,
        production_use: row.production_use.clone(),
        expected_daily_calls: u64::try_from(row.expected_daily_calls).unwrap_or_default(),
        requested_at: rfc3339(row.requested_at),
        decided_at: row.decided_at.map(rfc3339),
        reason: row.reason.clone(),
    }
}
