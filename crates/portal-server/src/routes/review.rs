//! Reviewers: the queue of applications, one application, the decision.

use super::qualification::{reference, to_api};
use crate::{
    error::{AppError, Result},
    extract::{ApiJson, ApiPath, Reviewer, Valid},
    mailer, AppState,
};
use axum::extract::State;
use portal_core::locale::Locale;
use portal_core::{
    api::{DecisionRequest, QualificationRequest, ReviewDetail, ReviewQueueItem},
    error::code,
};

pub(super) async fn queue(
    State(state): State<AppState>,
    _: Reviewer,
) -> Result<ApiJson<Vec<ReviewQueueItem>>> {
    let rows = state.store.review_queue().await?;
    let items = rows
        .into_iter()
        .map(|row| {
            let software_name = serde_json::from_str::<QualificationRequest>(&row.answers)
                .map(|a| a.software_name)
                .unwrap_or_default();
            ReviewQueueItem {
                id: row.id,
                reference: reference(row.id),
                account: row.account_name,
                software_name,
                status: row.status,
                submitted_at: crate::clock::rfc3339(row.submitted_at),
            }
        })
        .collect();
    Ok(ApiJson(items))
}

/// One application, as it stands; reading changes nothing.
pub(super) async fn detail(
    State(state): State<AppState>,
    _: Reviewer,
    ApiPath(id): ApiPath<i64>,
) -> Result<ApiJson<ReviewDetail>> {
    Ok(ApiJson(review_detail(&state, id).await?))
}

/// A reviewer opening a submitted application puts it in review, which the developer's
/// timeline shows. Opening it again changes nothing.
pub(super) async fn start(
    State(state): State<AppState>,
    Reviewer(user): Reviewer,
    ApiPath(id): ApiPath<i64>,
) -> Result<ApiJson<ReviewDetail>> {
    // Updates nothing for an unknown id; review_detail then answers 404.
    state.store.start_review(id, user.id, state.clock.now()).await?;
    Ok(ApiJson(review_detail(&state, id).await?))
}

pub(super) async fn decide(
    State(state): State<AppState>,
    Reviewer(user): Reviewer,
    ApiPath(id): ApiPath<i64>,
    Valid(req): Valid<DecisionRequest>,
) -> Result<ApiJson<ReviewDetail>> {
    let row = state.store.qualification(id).await?.ok_or(AppError::NotFound)?;
    let reason = req.rejection();
    let approved = reason.is_none();
    let now = state.clock.now();
    if !state
        .store
        .decide(id, user.id, approved, reason.clone(), now)
        .await?
    {
        return Err(AppError::conflict(
            code::ALREADY_DECIDED,
            "This application has already been decided.",
        ));
    }
    let answers: QualificationRequest = serde_json::from_str(&row.answers).map_err(AppError::internal)?;
    let mail = mailer::decision_mail(
        &state.settings.public_url,
        &answers.email,
        &reference(id),
        reason.as_deref(),
        Locale::from_tag(&row.locale).unwrap_or(Locale::En),
    );
    state.mailer.send(&state.store, &mail, now).await?;
    Ok(ApiJson(review_detail(&state, id).await?))
}

async fn review_detail(state: &AppState, id: i64) -> Result<ReviewDetail> {
    let row = state.store.qualification(id).await?.ok_or(AppError::NotFound)?;
    let developer = state.store.developer(row.account_id).await?.map(|(info, _)| info);
    Ok(ReviewDetail {
        id: row.id,
        account: row.account_name.clone(),
        developer,
        application: to_api(state, &row).await?,
    })
}
