//! Business licence uploads: the raw image as the request body.

use crate::{
    error::{AppError, Result},
    extract::{ApiJson, ApiPath, AuthUser, Seller},
    token, AppState,
};
use axum::{
    body::Body,
    extract::{rejection::QueryRejection, Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use portal_core::{
    api::{LicenceInfo, Role},
    error::field_code,
    form::field_error,
    rules::{self, LICENCE_MAX_BYTES},
};
use serde::Deserialize;

/// The form field the licence belongs to, so errors show beside the upload.
const FIELD: &str = "licence_id";
const FILE_NAME_MAX: usize = 200;
/// At most this many uploads per seller in `UPLOAD_PERIOD_SECS`: enough for every
/// correction a person makes, not enough to fill the disk.
pub const UPLOAD_QUOTA: usize = 20;
pub const UPLOAD_PERIOD_SECS: i64 = 24 * 60 * 60;

#[derive(Deserialize)]
pub(super) struct UploadParams {
    file_name: Option<String>,
}

pub(super) async fn upload(
    State(state): State<AppState>,
    Seller(user): Seller,
    params: std::result::Result<Query<UploadParams>, QueryRejection>,
    body: Body,
) -> Result<(StatusCode, ApiJson<LicenceInfo>)> {
    let Query(params) = params.map_err(|_| AppError::MalformedBody)?;
    // One byte over the limit is enough to know the file is too large.
    let bytes = axum::body::to_bytes(body, LICENCE_MAX_BYTES as usize + 1)
        .await
        .map_err(|_| {
            AppError::Validation(vec![field_error(
                FIELD,
                &rules::licence_size(LICENCE_MAX_BYTES + 1).unwrap_err(),
            )])
        })?;
    let kind = rules::licence(&bytes).map_err(|e| AppError::Validation(vec![field_error(FIELD, &e)]))?;
    let file_name: String = params
        .file_name
        .map(|n| {
            n.trim()
                .chars()
                .filter(|c| rules::characters::is_allowed(*c, false))
                .take(FILE_NAME_MAX)
                .collect()
        })
        .filter(|n: &String| !n.is_empty())
        .unwrap_or_else(|| "licence".into());
    let info = LicenceInfo {
        id: token::random_hex(16),
        content_type: kind.mime().into(),
        size: bytes.len() as u64,
        file_name,
    };
    state
        .store
        .save_licence(
            &info,
            user.id,
            bytes.to_vec(),
            state.clock.now(),
            (UPLOAD_QUOTA, UPLOAD_PERIOD_SECS),
        )
        .await?
        .map_err(|retry_after| AppError::UploadQuota { retry_after })?;
    Ok((StatusCode::CREATED, ApiJson(info)))
}

/// The image itself, for its owner and for reviewers.
pub(super) async fn download(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    let (info, owner) = state.store.licence(&id).await?.ok_or(AppError::NotFound)?;
    if owner != user.id && user.role != Role::Reviewer {
        // Someone else's file is reported as missing, not as forbidden.
        return Err(AppError::NotFound);
    }
    let bytes = state.store.licence_bytes(&id).await?.ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, info.content_type),
            (header::CACHE_CONTROL, "private, no-store".into()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".into()),
        ],
        bytes,
    )
        .into_response())
}

/// The licence an application names must be one the applicant uploaded.
pub(super) fn owned_by(uploader: Option<i64>, account: i64) -> Result<()> {
    match uploader {
        Some(owner) if owner == account => Ok(()),
        _ => Err(AppError::field(FIELD, field_code::UPLOAD_MISSING)),
    }
}
