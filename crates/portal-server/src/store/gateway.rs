//! What the gateway's check needs to know of an app whose credentials are right, read in
//! one go: it runs on every API call the platform lets through.

use super::{Store, StoreResult};
use portal_core::api::AppStatus;
use rusqlite::{params, OptionalExtension};

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
        self.call(move |c| {
            let app: Option<(String, u64)> = c
                .query_row(
                    "SELECT a.status, COALESCE(k.calls, 0) FROM apps a
                     LEFT JOIN app_calls k ON k.app_id = a.id AND k.day = ?2 WHERE a.id = ?1",
                    params![app_id, day],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((status, calls_today)) = app else {
                return Ok(None);
            };
            let mut view = GatewayView {
                // An unknown status is held to the limits of test, never freed from them.
                status: AppStatus::parse(&status).unwrap_or(AppStatus::Test),
                calls_today,
                allowed_sources: Vec::new(),
                callback_urls: Vec::new(),
                groups: Vec::new(),
            };
            let mut lists =
                c.prepare("SELECT list, value FROM app_lists WHERE app_id = ?1 ORDER BY position")?;
            let entries =
                lists.query_map([app_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            for entry in entries {
                let (list, value) = entry?;
                match list.as_str() {
                    "allowed_sources" => view.allowed_sources.push(value),
                    "callback_urls" => view.callback_urls.push(value),
                    _ => {}
                }
            }
            let mut groups = c.prepare(
                "SELECT p.group_code FROM app_permissions p JOIN permission_groups g ON g.code = p.group_code
                 WHERE p.app_id = ?1 AND p.status = 'active' ORDER BY g.position, g.code",
            )?;
            view.groups = groups
                .query_map([app_id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            Ok(Some(view))
        })
        .await
    }
}
