//! Taking an app from test to online: the developer's request and a reviewer's decision.

use super::{AppRow, Store, StoreResult};
use rusqlite::{params, OptionalExtension};

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

const SELECT: &str =
    "SELECT app_id, status, production_use, expected_daily_calls, requested_at, decided_at, reason
     FROM go_live_requests";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<GoLiveRow> {
    Ok(GoLiveRow {
        app_id: r.get(0)?,
        status: r.get(1)?,
        production_use: r.get(2)?,
        expected_daily_calls: r.get(3)?,
        requested_at: r.get(4)?,
        decided_at: r.get(5)?,
        reason: r.get(6)?,
    })
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
        let production_use = production_use.to_owned();
        self.call(move |c| {
            let tx = c.transaction()?;
            let status: String = tx.query_row("SELECT status FROM apps WHERE id = ?1", [app_id], |r| r.get(0))?;
            if status == "online" {
                return Ok(Err(GoLiveRefusal::AlreadyOnline));
            }
            let pending: Option<String> = tx
                .query_row(
                    "SELECT status FROM go_live_requests WHERE app_id = ?1 AND status = 'pending'",
                    [app_id],
                    |r| r.get(0),
                )
                .optional()?;
            if pending.is_some() {
                return Ok(Err(GoLiveRefusal::Pending));
            }
            tx.execute(
                "INSERT INTO go_live_requests (app_id, status, production_use, expected_daily_calls, requested_at)
                 VALUES (?1, 'pending', ?2, ?3, ?4)
                 ON CONFLICT (app_id) DO UPDATE SET status = 'pending', production_use = ?2,
                     expected_daily_calls = ?3, requested_at = ?4, decided_at = NULL, reviewer_id = NULL,
                     reason = NULL",
                params![app_id, production_use, expected_daily_calls, now],
            )?;
            tx.commit()?;
            Ok(Ok(()))
        })
        .await
    }

    /// The app's latest request to go online.
    pub async fn go_live(&self, app_id: i64) -> StoreResult<Option<GoLiveRow>> {
        self.call(move |c| {
            c.query_row(&format!("{SELECT} WHERE app_id = ?1"), [app_id], row)
                .optional()
        })
        .await
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
        self.call(move |c| {
            let mut stmt = c.prepare(
                "SELECT g.app_id, g.status, g.production_use, g.expected_daily_calls, g.requested_at,
                        g.decided_at, g.reason, a.name, a.app_key, a.created_at, a.status, a.account_id, u.name
                 FROM go_live_requests g JOIN apps a ON a.id = g.app_id JOIN accounts u ON u.id = a.account_id
                 WHERE ?1 IS NULL OR g.app_id = ?1
                 ORDER BY g.status != 'pending', g.requested_at DESC, g.app_id DESC",
            )?;
            let rows = stmt.query_map([app_id], |r| {
                let request = row(r)?;
                Ok(GoLiveItem {
                    app: AppRow {
                        id: request.app_id,
                        name: r.get(7)?,
                        app_key: r.get(8)?,
                        created_at: r.get(9)?,
                        status: r.get(10)?,
                    },
                    account_id: r.get(11)?,
                    account: r.get(12)?,
                    request,
                })
            })?;
            rows.collect()
        })
        .await
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
        self.call(move |c| {
            let tx = c.transaction()?;
            let status = if approve { "approved" } else { "rejected" };
            let changed = tx.execute(
                "UPDATE go_live_requests SET status = ?2, decided_at = ?3, reviewer_id = ?4, reason = ?5
                 WHERE app_id = ?1 AND status = 'pending'",
                params![app_id, status, now, reviewer_id, reason],
            )?;
            if changed > 0 && approve {
                tx.execute("UPDATE apps SET status = 'online' WHERE id = ?1", [app_id])?;
            }
            tx.commit()?;
            Ok(changed > 0)
        })
        .await
    }
}
