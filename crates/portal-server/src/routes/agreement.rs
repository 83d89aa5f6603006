//! The API use agreement: read the current version, accept it.

use crate::{
    clock::rfc3339,
    error::{AppError, Result},
    extract::{ApiJson, AuthUser, Valid},
    AppState,
};
use axum::extract::State;
use portal_core::{
    api::{AcceptAgreementRequest, Agreement, AgreementAcceptance},
    error::code,
};

pub(super) async fn current(State(state): State<AppState>, _user: AuthUser) -> Result<ApiJson<Agreement>> {
    let a = state.store.current_agreement().await?.ok_or(AppError::NotFound)?;
    Ok(ApiJson(Agreement {
        version: a.version,
        title: a.title,
        body: a.body,
        published_at: rfc3339(a.published_at),
    }))
}

pub(super) async fn accept(
    State(state): State<AppState>,
    user: AuthUser,
    Valid(req): Valid<AcceptAgreementRequest>,
) -> Result<ApiJson<AgreementAcceptance>> {
    let current = state.store.current_agreement().await?.ok_or(AppError::NotFound)?;
    if req.version != current.version {
        // The reader saw an older text than the one now in force.
        return Err(AppError::Conflict {
            code: code::AGREEMENT_OUTDATED,
            message: format!(
                "Version {} of the agreement is now current; read it before accepting.",
                current.version
            ),
        });
    }
    let at = state
        .store
        .accept_agreement(user.id, current.version, state.clock.now())
        .await?;
    Ok(ApiJson(AgreementAcceptance {
        version: current.version,
        accepted_at: rfc3339(at),
    }))
}
