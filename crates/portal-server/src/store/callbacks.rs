//! An app's callback URLs.

use super::{Store, StoreResult};
use rusqlite::params;

impl Store {
    /// The app's callback URLs, in the developer's order.
    pub async fn callback_urls(&self, app_id: i64) -> StoreResult<Vec<String>> {
        self.call(move |c| {
            let mut stmt = c.prepare("SELECT url FROM callback_urls WHERE app_id = ?1 ORDER BY position")?;
            let rows = stmt.query_map([app_id], |r| r.get(0))?;
            rows.collect()
        })
        .await
    }

    /// Replaces the app's callback URLs with `urls`, all at once.
    pub async fn set_callback_urls(&self, app_id: i64, urls: &[String]) -> StoreResult<()> {
        let urls = urls.to_vec();
        self.call(move |c| {
            let tx = c.transaction()?;
            tx.execute("DELETE FROM callback_urls WHERE app_id = ?1", [app_id])?;
            for (position, url) in urls.iter().enumerate() {
                tx.execute(
                    "INSERT INTO callback_urls (app_id, position, url) VALUES (?1, ?2, ?3)",
                    params![app_id, position as i64, url],
                )?;
            }
            tx.commit()
        })
        .await
    }

    /// Whether `url` is exactly one of the callback URLs of the app with `app_key`.
    pub async fn callback_url_of_key(&self, app_key: &str, url: &str) -> StoreResult<bool> {
        let (app_key, url) = (app_key.to_owned(), url.to_owned());
        self.call(move |c| {
            c.query_row(
                "SELECT EXISTS (SELECT 1 FROM callback_urls u JOIN apps a ON a.id = u.app_id
                 WHERE a.app_key = ?1 AND u.url = ?2)",
                params![app_key, url],
                |r| r.get(0),
            )
        })
        .await
    }
}
