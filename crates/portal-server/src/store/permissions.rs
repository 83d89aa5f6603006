//! API permission groups: the platform's list, each app's requests, reviewers' decisions.

use super::{
    apps::{owned_app, OWNED_APP_COLUMNS},
    AppRow, Store, StoreResult,
};
use sqlx::{any::AnyRow, query, query_as, query_scalar, FromRow, Row};

/// A group as stored: its English name and description stand in for languages the
/// message files do not cover (an operator's own groups).
#[derive(Debug, Clone)]
pub struct GroupRow {
    pub code: String,
    pub name: String,
    pub description: String,
    pub sensitive: bool,
}

/// An app's latest request for one group.
#[derive(Debug, Clone)]
pub struct GrantRow {
    pub id: i64,
    pub app_id: i64,
    pub group: String,
    pub status: String,
    pub business_reason: String,
    pub requested_at: i64,
    pub decided_at: Option<i64>,
    pub reason: Option<String>,
}

/// Why a request for a group was not recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrantRefusal {
    Active,
    Pending,
}

/// A request with its app and the app's owner, for reviewers.
#[derive(Debug, Clone)]
pub struct GrantItem {
    pub grant: GrantRow,
    pub app: AppRow,
    pub account_id: i64,
    pub account: String,
}

const GRANT_COLUMNS: &str =
    "p.id, p.app_id, p.group_code, p.status, p.business_reason, p.requested_at, p.decided_at, p.reason";

impl FromRow<'_, AnyRow> for GrantRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(GrantRow {
            id: r.try_get(0)?,
            app_id: r.try_get(1)?,
            group: r.try_get(2)?,
            status: r.try_get(3)?,
            business_reason: r.try_get(4)?,
            requested_at: r.try_get(5)?,
            decided_at: r.try_get(6)?,
            reason: r.try_get(7)?,
        })
    }
}

impl Store {
    /// Every group, in the platform's order.
    pub async fn permission_groups(&self) -> StoreResult<Vec<GroupRow>> {
        let rows: Vec<(String, String, String, i64)> = query_as(
            "SELECT code, name, description, sensitive FROM permission_groups ORDER BY position, code",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(code, name, description, sensitive)| GroupRow {
                code,
                name,
                description,
                sensitive: sensitive != 0,
            })
            .collect())
    }

    /// Adds a group, or changes one (the operator's `permission-group` command); new groups
    /// go last.
    pub async fn put_permission_group(&self, group: GroupRow) -> StoreResult<()> {
        let _turn = self.turn().await;
        query(
            "INSERT INTO permission_groups (code, name, description, sensitive, position)
             VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(position), 0) + 1 FROM permission_groups))
             ON CONFLICT (code) DO UPDATE SET name = $2, description = $3, sensitive = $4",
        )
        .bind(group.code)
        .bind(group.name)
        .bind(group.description)
        .bind(i64::from(group.sensitive))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The app's latest request for each group it asked for.
    pub async fn app_grants(&self, app_id: i64) -> StoreResult<Vec<GrantRow>> {
        Ok(query_as(&format!(
            "SELECT {GRANT_COLUMNS} FROM app_permissions p WHERE p.app_id = $1"
        ))
        .bind(app_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Records a request for `group` (replacing a rejected one), unless the app holds the
    /// group or a request for it is waiting.
    pub async fn request_grant(
        &self,
        app_id: i64,
        group: &str,
        business_reason: &str,
        now: i64,
    ) -> StoreResult<Result<(), GrantRefusal>> {
        let mut tx = self.write().await?;
        let status: Option<String> =
            query_scalar("SELECT status FROM app_permissions WHERE app_id = $1 AND group_code = $2")
                .bind(app_id)
                .bind(group)
                .fetch_optional(&mut *tx)
                .await?;
        match status.as_deref() {
            Some("active") => return Ok(Err(GrantRefusal::Active)),
            Some("pending") => return Ok(Err(GrantRefusal::Pending)),
            _ => {}
        }
        query(
            "INSERT INTO app_permissions (app_id, group_code, status, business_reason, requested_at)
             VALUES ($1, $2, 'pending', $3, $4)
             ON CONFLICT (app_id, group_code) DO UPDATE SET status = 'pending', business_reason = $3,
                 requested_at = $4, decided_at = NULL, reviewer_id = NULL, reason = NULL",
        )
        .bind(app_id)
        .bind(group)
        .bind(business_reason)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    /// Every request, those waiting first, then the newest.
    pub async fn grant_queue(&self) -> StoreResult<Vec<GrantItem>> {
        self.grant_items(None).await
    }

    /// One request, with its app and owner.
    pub async fn grant_item(&self, id: i64) -> StoreResult<Option<GrantItem>> {
        Ok(self.grant_items(Some(id)).await?.pop())
    }

    async fn grant_items(&self, id: Option<i64>) -> StoreResult<Vec<GrantItem>> {
        Ok(query(&format!(
            "SELECT {GRANT_COLUMNS}, {OWNED_APP_COLUMNS}
             FROM app_permissions p JOIN apps a ON a.id = p.app_id JOIN accounts u ON u.id = a.account_id
             WHERE $1 IS NULL OR p.id = $1
             ORDER BY p.status <> 'pending', p.requested_at DESC, p.id DESC"
        ))
        .bind(id)
        .try_map(|r: AnyRow| {
            let grant = GrantRow::from_row(&r)?;
            let (app, account_id, account) = owned_app(&r, grant.app_id, 8)?;
            Ok(GrantItem {
                app,
                account_id,
                account,
                grant,
            })
        })
        .fetch_all(&self.pool)
        .await?)
    }

    /// Records a reviewer's decision on a waiting request. False when none is waiting.
    pub async fn decide_grant(
        &self,
        id: i64,
        reviewer_id: i64,
        approve: bool,
        reason: Option<String>,
        now: i64,
    ) -> StoreResult<bool> {
        let _turn = self.turn().await;
        let status = if approve { "active" } else { "rejected" };
        let done = query(
            "UPDATE app_permissions SET status = $2, decided_at = $3, reviewer_id = $4, reason = $5
             WHERE id = $1 AND status = 'pending'",
        )
        .bind(id)
        .bind(status)
        .bind(now)
        .bind(reviewer_id)
        .bind(reason)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }
}
