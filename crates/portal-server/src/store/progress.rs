//! Where an account stands in the journey, as stored: read in one go, by the guards and
//! `GET /me`, and inside the qualification submit's own transaction.

use super::{Store, StoreResult};
use portal_core::{api::QualificationStatus, journey::Progress};
use sqlx::{query_as, query_scalar, AnyConnection};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressRow {
    /// The agreement version in force, if one is published.
    pub current_agreement: Option<u32>,
    /// The latest version the account accepted, and when.
    pub accepted: Option<(u32, i64)>,
    /// The developer's country, once developer information is given.
    pub country: Option<String>,
    /// The contact e-mail address, and whether it is confirmed.
    pub email: Option<(String, bool)>,
    /// The account's application and its status.
    pub qualification: Option<(i64, QualificationStatus)>,
}

impl ProgressRow {
    /// The journey's steps as the core's rules see them.
    pub fn progress(&self) -> Progress {
        Progress {
            agreement_accepted: self.current_agreement.is_some()
                && self.accepted.map(|(v, _)| v) == self.current_agreement,
            developer_complete: self.country.is_some(),
            qualification: self.qualification.map(|(_, status)| status),
            email_verified: self.email.as_ref().is_some_and(|(_, verified)| *verified),
        }
    }
}

/// The account's progress, read on `c` (a pooled connection, or inside a transaction).
pub(super) async fn progress_of(c: &mut AnyConnection, account_id: i64) -> sqlx::Result<ProgressRow> {
    let current_agreement: Option<i64> = query_scalar("SELECT MAX(version) FROM agreements")
        .fetch_one(&mut *c)
        .await?;
    let accepted: Option<(i64, i64)> = query_as(
        "SELECT version, accepted_at FROM agreement_acceptances
         WHERE account_id = $1 ORDER BY version DESC LIMIT 1",
    )
    .bind(account_id)
    .fetch_optional(&mut *c)
    .await?;
    let developer: Option<(String, String, Option<i64>)> =
        query_as("SELECT country, email, email_verified_at FROM developers WHERE account_id = $1")
            .bind(account_id)
            .fetch_optional(&mut *c)
            .await?;
    let (country, email) = match developer {
        Some((country, email, verified_at)) => (Some(country), Some((email, verified_at.is_some()))),
        None => (None, None),
    };
    let qualification: Option<(i64, String)> =
        query_as("SELECT id, status FROM qualifications WHERE account_id = $1")
            .bind(account_id)
            .fetch_optional(&mut *c)
            .await?;
    Ok(ProgressRow {
        current_agreement: current_agreement.map(|v| v as u32),
        accepted: accepted.map(|(v, at)| (v as u32, at)),
        country,
        email,
        qualification: qualification.map(|(id, status)| {
            (
                id,
                QualificationStatus::parse(&status).unwrap_or(QualificationStatus::Submitted),
            )
        }),
    })
}

impl Store {
    pub async fn progress(&self, account_id: i64) -> StoreResult<ProgressRow> {
        let mut c = self.pool.acquire().await?;
        Ok(progress_of(&mut c, account_id).await?)
    }
}
