//! The commercial-developer qualification application.

use super::{guard, uploads};
use crate::{
    clock::rfc3339,
    error::{AppError, Result},
    extract::{ApiJson, AuthUser, RequestLocale, Seller, Valid},
    store::{QualificationRow, SubmitFacts, SubmitOutcome},
    AppState,
};
use axum::extract::State;
use portal_core::{
    api::{LicenceInfo, Qualification, QualificationRequest},
    error::code,
    form::field_error,
    rules,
};

pub(super) async fn get(
    State(state): State<AppState>,
    Seller(user): Seller,
) -> Result<ApiJson<Qualification>> {
    current(&state, &user).await
}

/// Submits the application, or resubmits it after a rejection: the journey, the CIF rule
/// and the licence's owner are checked in the transaction that writes it.
pub(super) async fn put(
    State(state): State<AppState>,
    Seller(user): Seller,
    // The decision e-mail is written in the language the application was made in.
    RequestLocale(locale): RequestLocale,
    Valid(answers): Valid<QualificationRequest>,
) -> Result<ApiJson<Qualification>> {
    let json = serde_json::to_string(&answers).map_err(AppError::internal)?;
    let (cif, account) = (answers.cif.clone(), user.id);
    let check = move |facts: &SubmitFacts| {
        guard::may_submit(&facts.progress)?;
        rules::cif_for_country(&cif, facts.country.as_deref().unwrap_or_default())
            .map_err(|e| AppError::Validation(vec![field_error("cif", &e)]))?;
        uploads::owned_by(facts.licence.as_ref().map(|(_, owner)| *owner), account)
    };
    let outcome = state
        .store
        .submit_qualification(
            user.id,
            json,
            answers.licence_id.clone(),
            locale.tag(),
            state.clock.now(),
            check,
        )
        .await?;
    match outcome {
        SubmitOutcome::Submitted(row, licence) => Ok(ApiJson(api_of(&row, licence)?)),
        SubmitOutcome::Refused(refusal) => Err(refusal),
        SubmitOutcome::Locked => Err(AppError::conflict(
            code::APPLICATION_LOCKED,
            "Your application is being reviewed or is already approved; it cannot be changed now.",
        )),
    }
}

/// The account's latest application, as the API shows it.
async fn current(state: &AppState, user: &AuthUser) -> Result<ApiJson<Qualification>> {
    let row = state
        .store
        .qualification_of(user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ApiJson(to_api(state, &row).await?))
}

/// `QA-000042`: what people quote when they contact the platform.
pub(crate) fn reference(id: i64) -> String {
    format!("QA-{id:06}")
}

pub(crate) async fn to_api(state: &AppState, row: &QualificationRow) -> Result<Qualification> {
    let licence = match &row.licence_id {
        Some(id) => state.store.licence(id).await?.map(|(info, _)| info),
        None => None,
    };
    api_of(row, licence)
}

/// The application as the API shows it, from its row and its licence.
fn api_of(row: &QualificationRow, licence: Option<LicenceInfo>) -> Result<Qualification> {
    let answers: QualificationRequest = serde_json::from_str(&row.answers).map_err(AppError::internal)?;
    Ok(Qualification {
        reference: reference(row.id),
        status: row.status,
        answers,
        licence,
        submitted_at: rfc3339(row.submitted_at),
        review_started_at: row.review_started_at.map(rfc3339),
        decided_at: row.decided_at.map(rfc3339),
        rejection_reason: row.rejection_reason.clone(),
        submissions: row.submissions,
    })
}
