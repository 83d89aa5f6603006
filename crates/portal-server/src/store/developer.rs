//! Developer information.

use super::{Store, StoreResult};
use portal_core::api::DeveloperInfo;
use rusqlite::{params, OptionalExtension};

impl Store {
    /// The developer information of an account, and when it was last saved.
    pub async fn developer(&self, account_id: i64) -> StoreResult<Option<(DeveloperInfo, i64)>> {
        self.call(move |c| {
            c.query_row(
                "SELECT developer_name, country, email, mobile, website, updated_at
                 FROM developers WHERE account_id = ?1",
                [account_id],
                |r| {
                    Ok((
                        DeveloperInfo {
                            developer_name: r.get(0)?,
                            country: r.get(1)?,
                            email: r.get(2)?,
                            mobile: r.get(3)?,
                            website: r.get(4)?,
                        },
                        r.get(5)?,
                    ))
                },
            )
            .optional()
        })
        .await
    }

    /// Saves the developer information; true when the contact e-mail address is new or
    /// changed, which makes it unconfirmed again and voids the links sent to the old one.
    pub async fn save_developer(&self, account_id: i64, info: &DeveloperInfo, now: i64) -> StoreResult<bool> {
        let info = info.clone();
        self.call(move |c| {
            let tx = c.transaction()?;
            let before: Option<String> = tx
                .query_row(
                    "SELECT email FROM developers WHERE account_id = ?1",
                    [account_id],
                    |r| r.get(0),
                )
                .optional()?;
            let changed = before.as_deref() != Some(info.email.as_str());
            tx.execute(
                "INSERT INTO developers (account_id, developer_name, country, email, mobile, website, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (account_id) DO UPDATE SET developer_name = ?2, country = ?3, email = ?4,
                     mobile = ?5, website = ?6, updated_at = ?7",
                params![account_id, info.developer_name, info.country, info.email, info.mobile, info.website, now],
            )?;
            if changed {
                tx.execute(
                    "UPDATE developers SET email_verified_at = NULL WHERE account_id = ?1",
                    [account_id],
                )?;
                tx.execute(
                    "DELETE FROM email_verifications WHERE account_id = ?1 AND used_at IS NULL",
                    [account_id],
                )?;
            }
            tx.commit()?;
            Ok(changed)
        })
        .await
    }

    /// Where to tell a developer about their account: the contact e-mail, in the language of
    /// their qualification application (English before one).
    pub async fn notice_recipient(&self, account_id: i64) -> StoreResult<Option<(String, String)>> {
        self.call(move |c| {
            c.query_row(
                "SELECT d.email, COALESCE(q.locale, 'en') FROM developers d
                 LEFT JOIN qualifications q ON q.account_id = d.account_id WHERE d.account_id = ?1",
                [account_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
        })
        .await
    }
}
