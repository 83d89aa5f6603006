//! Business licences and qualification applications.

use super::{Store, StoreResult};
use portal_core::{
    api::{LicenceInfo, QualificationStatus},
    journey::Progress,
};
use sqlx::{query, query_as, query_scalar, AnyConnection};

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

type QualificationColumns = (
    i64,
    i64,
    String,
    String,
    String,
    Option<String>,
    i64,
    Option<i64>,
    Option<i64>,
    Option<String>,
    i64,
    String,
);

impl From<QualificationColumns> for QualificationRow {
    fn from(
        (
            id,
            account_id,
            account_name,
            status,
            answers,
            licence_id,
            submitted_at,
            review_started_at,
            decided_at,
            rejection_reason,
            submissions,
            locale,
        ): QualificationColumns,
    ) -> Self {
        QualificationRow {
            id,
            account_id,
            account_name,
            status: QualificationStatus::parse(&status).unwrap_or(QualificationStatus::Submitted),
            answers,
            licence_id,
            submitted_at,
            review_started_at,
            decided_at,
            rejection_reason,
            submissions: submissions as u32,
            locale,
        }
    }
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
        let mut tx = self.write().await?;
        let (limit, period) = quota;
        let recent: Vec<i64> = query_scalar(
            "SELECT uploaded_at FROM licences WHERE account_id = $1 AND uploaded_at > $2
             ORDER BY uploaded_at DESC",
        )
        .bind(account_id)
        .bind(now - period)
        .fetch_all(&mut *tx)
        .await?;
        if recent.len() >= limit {
            let oldest_counted = recent[limit - 1];
            return Ok(Err((oldest_counted + period - now).max(1)));
        }
        query(
            "INSERT INTO licences (id, account_id, content_type, file_name, size, bytes, uploaded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&info.id)
        .bind(account_id)
        .bind(&info.content_type)
        .bind(&info.file_name)
        .bind(info.size as i64)
        .bind(bytes)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    /// A licence's description and owner.
    pub async fn licence(&self, id: &str) -> StoreResult<Option<(LicenceInfo, i64)>> {
        let mut c = self.pool.acquire().await?;
        Ok(licence_of(&mut c, id).await?)
    }

    pub async fn licence_bytes(&self, id: &str) -> StoreResult<Option<Vec<u8>>> {
        Ok(query_scalar("SELECT bytes FROM licences WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    pub async fn qualification_of(&self, account_id: i64) -> StoreResult<Option<QualificationRow>> {
        let row: Option<QualificationColumns> =
            query_as(&format!("{SELECT_QUALIFICATION} WHERE q.account_id = $1"))
                .bind(account_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(QualificationRow::from))
    }

    pub async fn qualification(&self, id: i64) -> StoreResult<Option<QualificationRow>> {
        let row: Option<QualificationColumns> = query_as(&format!("{SELECT_QUALIFICATION} WHERE q.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(QualificationRow::from))
    }

    /// Every application, those waiting for a decision first, oldest first within each group.
    pub async fn review_queue(&self) -> StoreResult<Vec<QualificationRow>> {
        let rows: Vec<QualificationColumns> = query_as(&format!(
            "{SELECT_QUALIFICATION} ORDER BY q.status IN ('approved', 'rejected'), q.submitted_at, q.id"
        ))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(QualificationRow::from).collect())
    }

    /// Submits the application, or resubmits it after a rejection, if `check` accepts the
    /// facts read in the same transaction (guards and write are one unit); refuses while one
    /// is pending or approved.
    pub async fn submit_qualification<E: Send + 'static>(
        &self,
        account_id: i64,
        answers: String,
        licence_id: String,
        locale: &'static str,
        now: i64,
        check: impl FnOnce(&SubmitFacts) -> Result<(), E> + Send + 'static,
    ) -> StoreResult<SubmitOutcome<E>> {
        let mut tx = self.write().await?;
        let stored = super::progress::progress_of(&mut tx, account_id).await?;
        let licence = licence_of(&mut tx, &licence_id).await?;
        let facts = SubmitFacts {
            progress: stored.progress(),
            country: stored.country,
            licence,
        };
        if let Err(refusal) = check(&facts) {
            return Ok(SubmitOutcome::Refused(refusal));
        }
        let id: i64 = match stored.qualification {
            None => query_scalar(
                "INSERT INTO qualifications (account_id, status, answers, licence_id, submitted_at, locale)
                     VALUES ($1, 'submitted', $2, $3, $4, $5) RETURNING id",
            )
            .bind(account_id)
            .bind(&answers)
            .bind(&licence_id)
            .bind(now)
            .bind(locale)
            .fetch_one(&mut *tx)
            .await?,
            Some((id, QualificationStatus::Rejected)) => {
                query(
                    "UPDATE qualifications SET status = 'submitted', answers = $2, licence_id = $3,
                         submitted_at = $4, review_started_at = NULL, decided_at = NULL, reviewer_id = NULL,
                         rejection_reason = NULL, submissions = submissions + 1, locale = $5
                     WHERE id = $1",
                )
                .bind(id)
                .bind(&answers)
                .bind(&licence_id)
                .bind(now)
                .bind(locale)
                .execute(&mut *tx)
                .await?;
                id
            }
            Some(_) => return Ok(SubmitOutcome::Locked),
        };
        let row: QualificationColumns = query_as(&format!("{SELECT_QUALIFICATION} WHERE q.id = $1"))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(SubmitOutcome::Submitted(
            Box::new(row.into()),
            facts.licence.map(|(info, _)| info),
        ))
    }

    /// A reviewer opened a submitted application: it is now in review.
    pub async fn start_review(&self, id: i64, reviewer_id: i64, now: i64) -> StoreResult<()> {
        let _turn = self.turn().await;
        query(
            "UPDATE qualifications SET status = 'in_review', review_started_at = $3, reviewer_id = $2
             WHERE id = $1 AND status = 'submitted'",
        )
        .bind(id)
        .bind(reviewer_id)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
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
        let _turn = self.turn().await;
        let status = if approved { "approved" } else { "rejected" };
        let done = query(
            "UPDATE qualifications SET status = $2, decided_at = $4, reviewer_id = $3, rejection_reason = $5,
                 review_started_at = COALESCE(review_started_at, $4)
             WHERE id = $1 AND status IN ('submitted', 'in_review')",
        )
        .bind(id)
        .bind(status)
        .bind(reviewer_id)
        .bind(now)
        .bind(reason)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

/// A licence's description and the account that uploaded it.
async fn licence_of(c: &mut AnyConnection, id: &str) -> sqlx::Result<Option<(LicenceInfo, i64)>> {
    let row: Option<(String, String, i64, String, i64)> =
        query_as("SELECT id, content_type, size, file_name, account_id FROM licences WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *c)
            .await?;
    Ok(row.map(|(id, content_type, size, file_name, account_id)| {
        (
            LicenceInfo {
                id,
                content_type,
                size: size.max(0) as u64,
                file_name,
            },
            account_id,
        )
    }))
}
