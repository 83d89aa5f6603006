//! Taking an app from test to online: the developer's request and a reviewer's decision.

use super::{
    apps::{owned_app, OWNED_APP_COLUMNS},
    AppRow, Store, StoreResult,
};
use sqlx::{any::AnyRow, query, query_as, query_scalar, FromRow, Row};

#[derive(Debug, Clone)]
pub struct GoLiveRow {
    pub app_id: i64,
    pub status: String,
    pub production_use: String,
    pub expected_daily_calls: i64,
    pub requested_at: i64,
    pub decided_at: Option<i64>,
    pub reason: Option<String>,
}

/// Why a request to go online was not recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoLiveRefusal {
    AlreadyOnline,
    Pending,
}

/// A request in the reviewers' list: the app, its owner's account name, the request.
#[derive(Debug, Clone)]
pub struct GoLiveItem {
    pub app: AppRow,
    pub account_id: i64,
    pub account: String,
    pub request: GoLiveRow,
}

impl FromRow<'_, AnyRow> for GoLiveRow {
    fn from_row(r: &AnyRow) -> sqlx::Result<Self> {
        Ok(GoLiveRow {
            app_id: r.try_get(0)?,
            status: r.try_get(1)?,
            production_use: r.try_get(2)?,
            expected_daily_calls: r.try_get(3)?,
            requested_at: r.try_get(4)?,
            decided_at: r.try_get(5)?,
            reason: r.try_get(6)?,
        })
    }
}

impl Store {
    /// Records a request to go online (replacing a rejected one), unless the app is online
    /// already or a request is waiting.
    pub async fn request_go_live(
        &self,
        app_id: i64,
        production_use: &str,
        expected_daily_calls: i64,
        now: i64,
    ) -> StoreResult<Result<(), GoLiveRefusal>> {
        let mut tx = self.write().await?;
        let status: String = query_scalar("SELECT status FROM apps WHERE id = $1")
            .bind(app_id)
            .fetch_one(&mut *tx)
            .await?;
        if status == "online" {
            return Ok(Err(GoLiveRefusal::AlreadyOnline));
        }
        let pending: Option<String> =
            query_scalar("SELECT status FROM go_live_requests WHERE app_id = $1 AND status = 'pending'")
                .bind(app_id)
                .fetch_optional(&mut *tx)
                .await?;
        if pending.is_some() {
            return Ok(Err(GoLiveRefusal::Pending));
        }
        query(
            "INSERT INTO go_live_requests (app_id, status, production_use, expected_daily_calls, requested_at)
             VALUES ($1, 'pending', $2, $3, $4)
             ON CONFLICT (app_id) DO UPDATE SET status = 'pending', production_use = $2,
                 expected_daily_calls = $3, requested_at = $4, decided_at = NULL, reviewer_id = NULL,
                 reason = NULL",
        )
        .bind(app_id)
        .bind(production_use)
        .bind(expected_daily_calls)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    /// The app's latest request to go online.
    pub async fn go_live(&self, app_id: i64) -> StoreResult<Option<GoLiveRow>> {
        Ok(query_as(
            "SELECT app_id, status, production_use, expected_daily_calls, requested_at, decided_at, reason
             FROM go_live_requests WHERE app_id = $1",
        )
        .bind(app_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Every request, those waiting first, then the newest.
    pub async fn go_live_queue(&self) -> StoreResult<Vec<GoLiveItem>> {
        self.go_live_items(None).await
    }

    /// The request of the app `app_id`, with its app and owner.
    pub async fn go_live_item(&self, app_id: i64) -> StoreResult<Option<GoLiveItem>> {
        Ok(self.go_live_items(Some(app_id)).await?.pop())
    }

    /// Every request, or only `app_id`'s.
    async fn go_live_items(&self, app_id: Option<i64>) -> StoreResult<Vec<GoLiveItem>> {
        Ok(query(&format!(
            "SELECT g.app_id, g.status, g.production_use, g.expected_daily_calls, g.requested_at,
                    g.decided_at, g.reason, {OWNED_APP_COLUMNS}
             FROM go_live_requests g JOIN apps a ON a.id = g.app_id JOIN accounts u ON u.id = a.account_id
             WHERE $1 IS NULL OR g.app_id = $1
             ORDER BY g.status <> 'pending', g.requested_at DESC, g.app_id DESC",
        ))
        .bind(app_id)
        .try_map(|r: AnyRow| {
            let request = GoLiveRow::from_row(&r)?;
            let (app, account_id, account) = owned_app(&r, request.app_id, 7)?;
            Ok(GoLiveItem {
                app,
                account_id,
                account,
                request,
            })
        })
        .fetch_all(&self.pool)
        .await?)
    }

    /// Records a reviewer's decision on a waiting request; approving takes the app online.
    /// False when no request is waiting.
    pub async fn decide_go_live(
        &self,
        app_id: i64,
        reviewer_id: i64,
        approve: bool,
        reason: Option<String>,
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = self.write().await?;
        let status = if approve { "approved" } else { "rejected" };
        let changed = query(
            "UPDATE go_live_requests SET status = $2, decided_at = $3, reviewer_id = $4, reason = $5
             WHERE app_id = $1 AND status = 'pending'",
        )
        .bind(app_id)
        .bind(status)
        .bind(now)
        .bind(reviewer_id)
        .bind(reason)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed > 0 && approve {
            query("UPDATE apps SET status = 'online' WHERE id = $1")
                .bind(app_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(changed > 0)
    }
}
