//! The lists kept in an app's console: its callback URLs and its IP allow-list.

use super::{Store, StoreResult};
use rusqlite::params;

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
        self.call(move |c| {
            let mut stmt =
                c.prepare("SELECT value FROM app_lists WHERE app_id = ?1 AND list = ?2 ORDER BY position")?;
            let rows = stmt.query_map(params![app_id, list.name()], |r| r.get(0))?;
            rows.collect()
        })
        .await
    }

    /// Replaces the app's `list` with `values`, all at once.
    pub async fn set_app_list(&self, app_id: i64, list: AppList, values: &[String]) -> StoreResult<()> {
        let values = values.to_vec();
        self.call(move |c| {
            let tx = c.transaction()?;
            tx.execute(
                "DELETE FROM app_lists WHERE app_id = ?1 AND list = ?2",
                params![app_id, list.name()],
            )?;
            for (position, value) in values.iter().enumerate() {
                tx.execute(
                    "INSERT INTO app_lists (app_id, list, position, value) VALUES (?1, ?2, ?3, ?4)",
                    params![app_id, list.name(), position as i64, value],
                )?;
            }
            tx.commit()
        })
        .await
    }
}
