//! What the gateway's check needs to know of an app whose credentials are right, read in
//! one go: it runs on every API call the platform lets through.

use super::{Store, StoreResult};
use portal_core::api::AppStatus;
use sqlx::{query_as, query_scalar};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatewayView {
    pub status: AppStatus,
    /// Successful checks on the day asked about.
    pub calls_today: u64,
    /// Where its calls may come from (empty: anywhere).
    pub allowed_sources: Vec<String>,
    /// Where sellers may be sent back after authorising it.
    pub callback_urls: Vec<String>,
    /// The codes of the permission groups it holds, in the platform's order.
    pub groups: Vec<String>,
}

impl Store {
    /// The app `app_id` as the gateway sees it on `day` (days since 1970, UTC).
    pub async fn gateway_view(&self, app_id: i64, day: i64) -> StoreResult<Option<GatewayView>> {
        let app: Option<(String, i64)> = query_as(
            "SELECT a.status, COALESCE(k.calls, 0) FROM apps a
             LEFT JOIN app_calls k ON k.app_id = a.id AND k.day = $2 WHERE a.id = $1",
        )
        .bind(app_id)
        .bind(day)
        .fetch_optional(&self.pool)
        .await?;
        let Some((status, calls_today)) = app else {
            return Ok(None);
        };
        let mut view = GatewayView {
            // An unknown status is held to the limits of test, never freed from them.
            status: AppStatus::parse(&status).unwrap_or(AppStatus::Test),
            calls_today: calls_today.max(0) as u64,
            allowed_sources: Vec::new(),
            callback_urls: Vec::new(),
            groups: Vec::new(),
        };
        let entries: Vec<(String, String)> =
            query_as("SELECT list, value FROM app_lists WHERE app_id = $1 ORDER BY position")
                .bind(app_id)
                .fetch_all(&self.pool)
                .await?;
        for (list, value) in entries {
            match list.as_str() {
                "allowed_sources" => view.allowed_sources.push(value),
                "callback_urls" => view.callback_urls.push(value),
                _ => {}
            }
        }
        view.groups = query_scalar(
            "SELECT p.group_code FROM app_permissions p JOIN permission_groups g ON g.code = p.group_code
             WHERE p.app_id = $1 AND p.status = 'active' ORDER BY g.position, g.code",
        )
        .bind(app_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(Some(view))
    }
}
