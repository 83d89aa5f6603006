//! Where an account stands in the journey, as stored: read in one go, by the guards and
//! `GET /me`, and inside the qualification submit's own transaction.

use super::{Store, StoreResult};
use portal_core::{api::QualificationStatus, journey::Progress};
use rusqlite::{Connection, OptionalExtension};

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

pub(super) fn progress_of(c: &Connection, account_id: i64) -> rusqlite::Result<ProgressRow> {
    let current_agreement = c.query_row("SELECT MAX(version) FROM agreements", [], |r| r.get(0))?;
    let accepted = c
        .query_row(
            "SELECT version, accepted_at FROM agreement_acceptances
             WHERE account_id = ?1 ORDER BY version DESC LIMIT 1",
            [account_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let developer: Option<(String, String, Option<i64>)> = c
        .query_row(
            "SELECT country, email, email_verified_at FROM developers WHERE account_id = ?1",
            [account_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (country, email) = match developer {
        Some((country, email, verified_at)) => (Some(country), Some((email, verified_at.is_some()))),
        None => (None, None),
    };
    let qualification = c
        .query_row(
            "SELECT id, status FROM qualifications WHERE account_id = ?1",
            [account_id],
            |r| {
                let status: String = r.get(1)?;
                Ok((r.get(0)?, status))
            },
        )
        .optional()?
        .map(|(id, status)| {
            (
                id,
                QualificationStatus::parse(&status).unwrap_or(QualificationStatus::Submitted),
            )
        });
    Ok(ProgressRow {
        current_agreement,
        accepted,
        country,
        email,
        qualification,
    })
}

impl Store {
    pub async fn progress(&self, account_id: i64) -> StoreResult<ProgressRow> {
        self.call(move |c| progress_of(c, account_id)).await
    }
}
