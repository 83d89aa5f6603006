//! The lists kept in an app's console: its callback URLs and its IP allow-list.

use super::{Store, StoreResult};
use sqlx::{query, query_scalar};

/// Which of an app's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppList {
    CallbackUrls,
    AllowedSources,
}

impl AppList {
    fn name(self) -> &'static str {
        match self {
            AppList::CallbackUrls => "callback_urls",
            AppList::AllowedSources => "allowed_sources",
        }
    }
}

impl Store {
    /// The app's `list`, in the developer's order.
    pub async fn app_list(&self, app_id: i64, list: AppList) -> StoreResult<Vec<String>> {
        Ok(
            query_scalar("SELECT value FROM app_lists WHERE app_id = $1 AND list = $2 ORDER BY position")
                .bind(app_id)
                .bind(list.name())
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// Replaces the app's `list` with `values`, all at once.
    pub async fn set_app_list(&self, app_id: i64, list: AppList, values: &[String]) -> StoreResult<()> {
        let mut tx = self.write().await?;
        query("DELETE FROM app_lists WHERE app_id = $1 AND list = $2")
            .bind(app_id)
            .bind(list.name())
            .execute(&mut *tx)
            .await?;
        for (position, value) in values.iter().enumerate() {
            query("INSERT INTO app_lists (app_id, list, position, value) VALUES ($1, $2, $3, $4)")
                .bind(app_id)
                .bind(list.name())
                .bind(position as i64)
                .bind(value)
                .execute(&mut *tx)
                .await?;
        }
        Ok(tx.commit().await?)
    }
}
