//! Developer information.

use super::{Store, StoreResult};
use portal_core::api::DeveloperInfo;
use sqlx::{query, query_as, query_scalar};

impl Store {
    /// The developer information of an account, and when it was last saved.
    pub async fn developer(&self, account_id: i64) -> StoreResult<Option<(DeveloperInfo, i64)>> {
        let row: Option<(String, String, String, String, String, i64)> = query_as(
            "SELECT developer_name, country, email, mobile, website, updated_at
             FROM developers WHERE account_id = $1",
        )
        .bind(account_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(
            row.map(|(developer_name, country, email, mobile, website, updated_at)| {
                (
                    DeveloperInfo {
                        developer_name,
                        country,
                        email,
                        mobile,
                        website,
                    },
                    updated_at,
                )
            }),
        )
    }

    /// Saves the developer information; true when the contact e-mail address is new or
    /// changed, which makes it unconfirmed again and voids the links sent to the old one.
    pub async fn save_developer(&self, account_id: i64, info: &DeveloperInfo, now: i64) -> StoreResult<bool> {
        let mut tx = self.write().await?;
        let before: Option<String> = query_scalar("SELECT email FROM developers WHERE account_id = $1")
            .bind(account_id)
            .fetch_optional(&mut *tx)
            .await?;
        let changed = before.as_deref() != Some(info.email.as_str());
        query(
            "INSERT INTO developers (account_id, developer_name, country, email, mobile, website, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (account_id) DO UPDATE SET developer_name = $2, country = $3, email = $4,
                 mobile = $5, website = $6, updated_at = $7",
        )
        .bind(account_id)
        .bind(&info.developer_name)
        .bind(&info.country)
        .bind(&info.email)
        .bind(&info.mobile)
        .bind(&info.website)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if changed {
            query("UPDATE developers SET email_verified_at = NULL WHERE account_id = $1")
                .bind(account_id)
                .execute(&mut *tx)
                .await?;
            query("DELETE FROM email_verifications WHERE account_id = $1 AND used_at IS NULL")
                .bind(account_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(changed)
    }

    /// Where to tell a developer about their account: the contact e-mail, in the language of
    /// their qualification application (English before one).
    pub async fn notice_recipient(&self, account_id: i64) -> StoreResult<Option<(String, String)>> {
        Ok(query_as(
            "SELECT d.email, COALESCE(q.locale, 'en') FROM developers d
             LEFT JOIN qualifications q ON q.account_id = d.account_id WHERE d.account_id = $1",
        )
        .bind(account_id)
        .fetch_optional(&self.pool)
        .await?)
    }
}
