//! Business licences and qualification applications.

use super::{Store, StoreResult};
use portal_core::{
    api::{LicenceInfo, QualificationStatus},
    journey::Progress,
};
use rusqlite::{params, OptionalExtension};

#[derive(Debug, Clone)]
pub struct QualificationRow {
    pub id: i64,
    pub account_id: i64,
    pub account_name: String,
    pub status: QualificationStatus,
    /// JSON of `QualificationRequest`.
    pub answers: String,
    pub licence_id: Option<String>,
    pub submitted_at: i64,
    pub review_started_at: Option<i64>,
    pub decided_at: Option<i64>,
    pub rejection_reason: Option<String>,
    pub submissions: u32,
    /// The language it was submitted in (a tag of `Locale`).
    pub locale: String,
}

/// What happened to a submission.
#[derive(Debug)]
pub enum SubmitOutcome<E> {
    /// Stored: the application as it now stands, and its licence.
    Submitted(Box<QualificationRow>, Option<LicenceInfo>),
    /// The caller's check refused it; nothing was written.
    Refused(E),
    /// Pending review or already approved: not editable.
    Locked,
}

/// What a submission is checked against, read in the transaction that writes it, so no
/// step can change between the check and the write.
#[derive(Debug)]
pub struct SubmitFacts {
    pub progress: Progress,
    /// The developer's country, if developer information was given.
    pub country: Option<String>,
    /// The named licence and the account that uploaded it.
    pub licence: Option<(LicenceInfo, i64)>,
}

const SELECT_QUALIFICATION: &str = "SELECT q.id, q.account_id, a.name, q.status, q.answers, q.licence_id,
        q.submitted_at, q.review_started_at, q.decided_at, q.rejection_reason, q.submissions, q.locale
     FROM qualifications q JOIN accounts a ON a.id = q.account_id";

fn qualification_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<QualificationRow> {
    let status: String = r.get(3)?;
    Ok(QualificationRow {
        id: r.get(0)?,
        account_id: r.get(1)?,
        account_name: r.get(2)?,
        status: QualificationStatus::parse(&status).unwrap_or(QualificationStatus::Submitted),
        answers: r.get(4)?,
        licence_id: r.get(5)?,
        submitted_at: r.get(6)?,
        review_started_at: r.get(7)?,
        decided_at: r.get(8)?,
        rejection_reason: r.get(9)?,
        submissions: r.get(10)?,
        locale: r.get(11)?,
    })
}

impl Store {
    /// Stores an upload unless the account already uploaded `quota.0` files in the last
    /// `quota.1` seconds; then `Err(seconds until one more is allowed)`. Counted and
    /// stored in one transaction, so parallel uploads cannot pass the quota.
    pub async fn save_licence(
        &self,
        info: &LicenceInfo,
        account_id: i64,
        bytes: Vec<u8>,
        now: i64,
        quota: (usize, i64),
    ) -> StoreResult<Result<(), i64>> {
        let info = info.clone();
        self.call(move |c| {
            let tx = c.transaction()?;
            let (limit, period) = quota;
            let recent: Vec<i64> = tx
                .prepare_cached(
                    "SELECT uploaded_at FROM licences WHERE account_id = ?1 AND uploaded_at > ?2
                     ORDER BY uploaded_at DESC",
                )?
                .query_map(params![account_id, now - period], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if recent.len() >= limit {
                let oldest_counted = recent[limit - 1];
                return Ok(Err((oldest_counted + period - now).max(1)));
            }
            tx.execute(
                "INSERT INTO licences (id, account_id, content_type, file_name, size, bytes, uploaded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    info.id,
                    account_id,
                    info.content_type,
                    info.file_name,
                    info.size as i64,
                    bytes,
                    now
                ],
            )?;
            tx.commit()?;
            Ok(Ok(()))
        })
        .await
    }

    /// A licence's description and owner.
    pub async fn licence(&self, id: &str) -> StoreResult<Option<(LicenceInfo, i64)>> {
        let id = id.to_owned();
        self.call(move |c| licence_of(c, &id)).await
    }

    pub async fn licence_bytes(&self, id: &str) -> StoreResult<Option<Vec<u8>>> {
        let id = id.to_owned();
        self.call(move |c| {
            c.query_row("SELECT bytes FROM licences WHERE id = ?1", [id], |r| r.get(0))
                .optional()
        })
        .await
    }

    pub async fn qualification_of(&self, account_id: i64) -> StoreResult<Option<QualificationRow>> {
        self.call(move |c| {
            c.query_row(
                &format!("{SELECT_QUALIFICATION} WHERE q.account_id = ?1"),
                [account_id],
                qualification_row,
            )
            .optional()
        })
        .await
    }

    pub async fn qualification(&self, id: i64) -> StoreResult<Option<QualificationRow>> {
        self.call(move |c| {
            c.query_row(
                &format!("{SELECT_QUALIFICATION} WHERE q.id = ?1"),
                [id],
                qualification_row,
            )
            .optional()
        })
        .await
    }

    /// Every application, those waiting for a decision first, oldest first within each group.
    pub async fn review_queue(&self) -> StoreResult<Vec<QualificationRow>> {
        self.call(|c| {
            let mut stmt = c.prepare(&format!(
                "{SELECT_QUALIFICATION} ORDER BY q.status IN ('approved', 'rejected'), q.submitted_at, q.id"
            ))?;
            let rows = stmt.query_map([], qualification_row)?;
            rows.collect()
        })
        .await
    }

    /// Submits a first application, or resubmits a rejected one; refuses while one is
    /// pending or approved.
    /// Submits the application, or resubmits it after a rejection, if `check` accepts the
    /// facts read in the same transaction (guards and write are one unit).
    pub async fn submit_qualification<E: Send + 'static>(
        &self,
        account_id: i64,
        answers: String,
        licence_id: String,
        locale: &'static str,
        now: i64,
        check: impl FnOnce(&SubmitFacts) -> Result<(), E> + Send + 'static,
    ) -> StoreResult<SubmitOutcome<E>> {
        self.call(move |c| {
            let tx = c.transaction()?;
            let stored = super::progress::progress_of(&tx, account_id)?;
            let licence = licence_of(&tx, &licence_id)?;
            let facts = SubmitFacts {
                progress: stored.progress(),
                country: stored.country,
                licence,
            };
            if let Err(refusal) = check(&facts) {
                return Ok(SubmitOutcome::Refused(refusal));
            }
            let id = match stored.qualification {
                None => {
                    tx.execute(
                        "INSERT INTO qualifications (account_id, status, answers, licence_id, submitted_at, locale)
                         VALUES (?1, 'submitted', ?2, ?3, ?4, ?5)",
                        params![account_id, answers, licence_id, now, locale],
                    )?;
                    tx.last_insert_rowid()
                }
                Some((id, QualificationStatus::Rejected)) => {
                    tx.execute(
                        "UPDATE qualifications SET status = 'submitted', answers = ?2, licence_id = ?3,
                             submitted_at = ?4, review_started_at = NULL, decided_at = NULL, reviewer_id = NULL,
                             rejection_reason = NULL, submissions = submissions + 1, locale = ?5
                         WHERE id = ?1",
                        params![id, answers, licence_id, now, locale],
                    )?;
                    id
                }
                Some(_) => return Ok(SubmitOutcome::Locked),
            };
            let row = tx.query_row(&format!("{SELECT_QUALIFICATION} WHERE q.id = ?1"), [id], qualification_row)?;
            tx.commit()?;
            Ok(SubmitOutcome::Submitted(Box::new(row), facts.licence.map(|(info, _)| info)))
        })
        .await
    }

    /// A reviewer opened a submitted application: it is now in review.
    pub async fn start_review(&self, id: i64, reviewer_id: i64, now: i64) -> StoreResult<()> {
        self.call(move |c| {
            c.execute(
                "UPDATE qualifications SET status = 'in_review', review_started_at = ?3, reviewer_id = ?2
                 WHERE id = ?1 AND status = 'submitted'",
                params![id, reviewer_id, now],
            )
            .map(|_| ())
        })
        .await
    }

    /// Records a decision on a pending application; false if it was already decided.
    pub async fn decide(
        &self,
        id: i64,
        reviewer_id: i64,
        approved: bool,
        reason: Option<String>,
        now: i64,
    ) -> StoreResult<bool> {
        self.call(move |c| {
            let status = if approved { "approved" } else { "rejected" };
            let changed = c.execute(
                "UPDATE qualifications SET status = ?2, decided_at = ?4, reviewer_id = ?3, rejection_reason = ?5,
                     review_started_at = COALESCE(review_started_at, ?4)
                 WHERE id = ?1 AND status IN ('submitted', 'in_review')",
                params![id, status, reviewer_id, now, reason],
            )?;
            Ok(changed == 1)
        })
        .await
    }
}

/// A licence's description and the account that uploaded it.
fn licence_of(c: &rusqlite::Connection, id: &str) -> rusqlite::Result<Option<(LicenceInfo, i64)>> {
    c.query_row(
        "SELECT id, content_type, size, file_name, account_id FROM licences WHERE id = ?1",
        [id],
        |r| {
            let info = LicenceInfo {
                id: r.get(0)?,
                content_type: r.get(1)?,
                size: r.get::<_, i64>(2)? as u64,
                file_name: r.get(3)?,
            };
            Ok((info, r.get(4)?))
        },
    )
    .optional()
}
