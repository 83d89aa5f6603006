//! A real server on a loopback port over a real database, for HTTP tests: a SQLite file, or,
//! when the suite runs against PostgreSQL (`PORTAL_TEST_DATABASE=postgres`, which
//! `cargo xtask test` sets for its second run), a database of its own on the throwaway
//! cluster `PORTAL_TEST_POSTGRES` names.
#![allow(dead_code, unreachable_pub)]

use portal_server::{
    clock::ManualClock,
    seed,
    store::{Store, StoreOptions},
    AppState, HttpOptions, Settings,
};
use serde_json::{json, Value};
use std::{
    path::{Path, PathBuf},
    sync::Arc,
};
use tokio::sync::oneshot;

pub const START: i64 = 1_790_000_000;

pub struct TestServer {
    pub base: String,
    pub clock: Arc<ManualClock>,
    pub store: Store,
    /// The SQLite file the server would use (see [`database`]).
    pub db_path: PathBuf,
    /// What `--database` would say: that file, or a PostgreSQL URL.
    pub database: String,
    pub http: reqwest::Client,
    pub state: AppState,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl TestServer {
    /// A new server over the database at `db_path` (created if missing).
    pub async fn start(db_path: PathBuf, options: HttpOptions) -> Self {
        Self::start_with_mailer(db_path, options, portal_server::mailer::Mailer::Outbox).await
    }

    pub async fn start_with_mailer(
        db_path: PathBuf,
        options: HttpOptions,
        mailer: portal_server::mailer::Mailer,
    ) -> Self {
        Self::start_with(db_path, options, mailer, Settings::default()).await
    }

    /// A server with these settings (its public URL is always `http://portal.test/`).
    pub async fn start_with(
        db_path: PathBuf,
        options: HttpOptions,
        mailer: portal_server::mailer::Mailer,
        settings: Settings,
    ) -> Self {
        let database = database(&db_path).await;
        let store = Store::connect(&database, StoreOptions::default())
            .await
            .expect("open store");
        seed::ensure_defaults(&store, START, true).await.expect("seed");
        let clock = Arc::new(ManualClock::new(START));
        let state = AppState {
            store: store.clone(),
            clock: clock.clone(),
            settings: Arc::new(Settings {
                public_url: "http://portal.test/".into(),
                ..settings
            }),
            mailer,
            secrets: portal_server::sealed::SecretBox::random(),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let app = portal_server::app(state.clone(), &options);
        let timeouts = options.timeouts;
        let task = tokio::spawn(async move {
            portal_server::serve::serve(listener, app, timeouts, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
        Self {
            base,
            clock,
            store,
            db_path,
            database,
            http: reqwest::Client::new(),
            state,
            stop: Some(stop),
            task: Some(task),
        }
    }

    pub async fn stop(mut self) -> PathBuf {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap();
        }
        self.db_path.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (u16, Value) {
        self.call_with(method, path, token, body, None).await
    }

    /// A bodiless call by a reader of the app in `language`.
    pub async fn call_in(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        language: &str,
    ) -> (u16, Value) {
        self.call_with(method, path, token, None, Some(language)).await
    }

    async fn call_with(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        language: Option<&str>,
    ) -> (u16, Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self.http.request(method, self.url(path));
        if let Some(language) = language {
            req = req.header("Accept-Language", language);
        }
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.expect("request");
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, value)
    }

    pub async fn sign_in(&self, account: &str, password: &str) -> String {
        let (status, body) = self
            .call(
                "POST",
                "/session",
                None,
                Some(json!({"account": account, "password": password})),
            )
            .await;
        assert_eq!(status, 200, "sign in {account}: {body}");
        body["token"].as_str().unwrap().to_owned()
    }

    pub async fn sign_in_seller(&self) -> String {
        self.sign_in(seed::DEMO_SELLER.0, seed::DEMO_SELLER.1).await
    }
}

/// A fresh temporary directory holding the database file.
/// The token in a verification e-mail's link.
pub fn verification_token_in(body: &str) -> String {
    let start = body.find("/verify-email#").expect("a verification link") + "/verify-email#".len();
    body[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

/// The database of a test whose SQLite file would be `db_path`: that file; or, when the suite
/// runs against PostgreSQL, a database named after the path (created on first use, so a
/// restarted server finds its data again).
pub async fn database(db_path: &Path) -> String {
    if std::env::var("PORTAL_TEST_DATABASE").as_deref() != Ok("postgres") {
        return db_path.to_string_lossy().into_owned();
    }
    postgres_database(db_path).await
}

/// A database of its own on the test cluster, named after `db_path` (created on first use).
pub async fn postgres_database(db_path: &Path) -> String {
    let cluster = std::env::var("PORTAL_TEST_POSTGRES")
        .expect("PORTAL_TEST_POSTGRES: run the PostgreSQL suite through `cargo xtask test`");
    let name = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        db_path.hash(&mut hasher);
        format!("t_{:016x}", hasher.finish())
    };
    sqlx::any::install_default_drivers();
    let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(&cluster)
        .await
        .expect("the test cluster answers");
    let exists: Option<i64> =
        sqlx::query_scalar("SELECT COUNT(*) FROM pg_database WHERE datname = $1 HAVING COUNT(*) > 0")
            .bind(&name)
            .fetch_optional(&mut admin)
            .await
            .unwrap();
    if exists.is_none() {
        sqlx::Executor::execute(&mut admin, format!("CREATE DATABASE {name}").as_str())
            .await
            .unwrap();
    }
    let (server, _) = cluster.rsplit_once('/').expect("a database URL");
    format!("{server}/{name}")
}

/// A connection of the test's own to `database` (see [`database`]).
pub async fn pool_of(database: &str) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::pool::PoolOptions::new()
        .max_connections(1)
        .connect(&portal_server::store::pool_url(database))
        .await
        .unwrap()
}

pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portal.sqlite3");
    (dir, path)
}

/// The field codes of an error body, as (field, code) pairs.
pub fn field_codes(body: &Value) -> Vec<(String, String)> {
    body["fields"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["field"].as_str().unwrap().to_owned(),
                        f["code"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The smallest valid PNG signature followed by padding, `len` bytes long.
pub fn png(len: usize) -> Vec<u8> {
    let mut v = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    v.resize(len.max(8), 0);
    v
}

pub fn developer_info() -> Value {
    json!({
        "developer_name": "  Example Trading Co.  ",
        "country": "CN",
        "email": "dev@example.com",
        "mobile": "+86 138 0013 8000",
        "website": "",
    })
}

pub fn qualification(licence_id: &str) -> Value {
    json!({
        "contact_name": "Li Wei",
        "contact_mobile": "+86 138 0013 8000",
        "email": "li.wei@example.com",
        "software_name": "Shop Helper",
        "software_function": "Synchronises orders and stock.",
        "licence_id": licence_id,
        "cif": "",
        "it_name": "Li Wei",
        "it_mobile": "+8613800138000",
        "it_email": "it@example.com",
        "it_team_size": "12",
        "market_planning": "Order management for 500 sellers.",
        "server_config": "8 CPU, 32 GB memory, 1 TB disk",
        "server_bandwidth": "1 Gbps",
        "dev_language": "Java",
        "database": "MySQL",
        "agreement_confirmed": true,
    })
}

impl TestServer {
    pub async fn upload(&self, token: &str, bytes: Vec<u8>, name: &str) -> (u16, Value) {
        let res = self
            .http
            .post(self.url("/uploads/licence"))
            .query(&[("file_name", name)])
            .bearer_auth(token)
            .body(bytes)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// Another seller account, signed in.
    pub async fn second_seller(&self) -> String {
        let hash = portal_server::password::hash_now("other-password").unwrap();
        self.store
            .create_account("other-seller", &hash, portal_core::api::Role::Seller, START)
            .await
            .unwrap();
        self.sign_in("other-seller", "other-password").await
    }

    /// A seller who accepted the agreement and gave developer information.
    pub async fn developer_ready(&self, token: &str) {
        let (status, _) = self
            .call(
                "POST",
                "/agreement/acceptance",
                Some(token),
                Some(json!({"version": 1, "confirmed": true})),
            )
            .await;
        assert_eq!(status, 200);
        let (status, body) = self
            .call("PUT", "/developer", Some(token), Some(developer_info()))
            .await;
        assert_eq!(status, 200, "{body}");
        let token = self.verification_token("dev@example.com").await;
        if token.is_empty() {
            // Handed to an SMTP relay, whose copy the test reads only at its end: the
            // address is confirmed in the database instead.
            sqlx::query("UPDATE developers SET email_verified_at = 1 WHERE email_verified_at IS NULL")
                .execute(&self.sql().await)
                .await
                .unwrap();
            return;
        }
        let (status, body) = self.open_link(&token).await;
        assert_eq!(status, 200, "{body}");
    }

    /// The token of the latest verification link sent to `recipient` (after `#` in its link).
    pub async fn verification_token(&self, recipient: &str) -> String {
        let mails = self.store.outbox().await.unwrap();
        let mail = mails
            .iter()
            .rev()
            .find(|m| m.recipient == recipient && m.body.contains("/verify-email#"))
            .expect("a verification e-mail");
        verification_token_in(&mail.body)
    }

    /// Opens a verification link as its page does, without a session.
    pub async fn open_link(&self, token: &str) -> (u16, Value) {
        self.call("POST", "/email-verification", None, Some(json!({"token": token})))
            .await
    }

    /// A developer with a submitted application; returns its id.
    pub async fn submitted(&self, token: &str) -> i64 {
        self.submitted_in(token, "en").await
    }

    /// Submits an application from an app showing `language` (its `Accept-Language`).
    pub async fn submitted_in(&self, token: &str, language: &str) -> i64 {
        self.developer_ready(token).await;
        self.apply_in(token, language).await
    }

    /// Uploads a licence and sends the application (again, after a rejection) from an app
    /// showing `language`.
    pub async fn apply_in(&self, token: &str, language: &str) -> i64 {
        let (status, licence) = self.upload(token, png(100), "licence.png").await;
        assert_eq!(status, 201, "{licence}");
        let res = self
            .http
            .put(self.url("/qualification"))
            .bearer_auth(token)
            .header("Accept-Language", language)
            .json(&qualification(licence["id"].as_str().unwrap()))
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let body: Value = res.json().await.unwrap();
        assert_eq!(status, 200, "{body}");
        body["reference"]
            .as_str()
            .unwrap()
            .trim_start_matches("QA-")
            .parse()
            .unwrap()
    }

    pub async fn reviewer(&self) -> String {
        self.sign_in(
            portal_server::seed::DEMO_REVIEWER.0,
            portal_server::seed::DEMO_REVIEWER.1,
        )
        .await
    }

    /// A developer whose application a reviewer approved.
    pub async fn approved(&self, token: &str) {
        let id = self.submitted(token).await;
        let reviewer = self.reviewer().await;
        let (status, body) = self
            .call(
                "POST",
                &format!("/review/applications/{id}/decision"),
                Some(&reviewer),
                Some(json!({"decision": "approve"})),
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }
}

/// An HTTP client whose connections come from `ip` (any 127.x address is this machine),
/// to act as a different client address.
pub fn client_from(ip: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(ip.parse::<std::net::IpAddr>().unwrap())
        .build()
        .unwrap()
}

/// A response's status, headers and JSON body (or the text as a JSON string).
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl TestServer {
    /// A request with an `Idempotency-Key`.
    pub async fn keyed(&self, method: &str, path: &str, token: &str, key: &str, body: Value) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let res = self
            .http
            .request(method, self.url(path))
            .bearer_auth(token)
            .header("Idempotency-Key", key)
            .json(&body)
            .send()
            .await
            .expect("request");
        let (status, headers) = (res.status().as_u16(), res.headers().clone());
        let text = res.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Answer {
            status,
            headers,
            body,
        }
    }

    /// Every stored idempotent answer body, as text (to look for credentials at rest).
    pub async fn stored_answers(&self) -> Vec<String> {
        let bodies: Vec<Option<Vec<u8>>> = sqlx::query_scalar("SELECT body FROM idempotency_keys")
            .fetch_all(&self.sql().await)
            .await
            .unwrap();
        bodies
            .into_iter()
            .map(|b| String::from_utf8_lossy(&b.unwrap_or_default()).into_owned())
            .collect()
    }

    /// A connection of the test's own to the server's database, to look at what is stored
    /// (SQL both databases understand).
    pub async fn sql(&self) -> sqlx::AnyPool {
        pool_of(&self.database).await
    }

    /// An approved seller with one app; returns the app's id and AppKey.
    pub async fn seller_with_app(&self, token: &str) -> (i64, String) {
        self.approved(token).await;
        let (status, app) = self
            .call("POST", "/apps", Some(token), Some(json!({"name": "TOP.app_1"})))
            .await;
        assert_eq!(status, 201, "{app}");
        (
            app["app"]["id"].as_i64().unwrap(),
            app["app_key"].as_str().unwrap().to_owned(),
        )
    }

    /// The demo seller's app's AppSecret, revealed with the password.
    pub async fn revealed_secret(&self, token: &str, app_id: i64) -> String {
        let reveal = json!({"password": seed::DEMO_SELLER.1});
        let (status, shown) = self
            .call(
                "POST",
                &format!("/apps/{app_id}/secret/reveal"),
                Some(token),
                Some(reveal),
            )
            .await;
        assert_eq!(status, 200, "{shown}");
        shown["app_secret"].as_str().unwrap().to_owned()
    }
}

impl TestServer {
    /// Arms a fault (the server must run with faults enabled).
    pub async fn arm(&self, fault: Value) {
        let res = self
            .http
            .post(format!("{}/api/_faults", self.base))
            .json(&fault)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 204);
    }
}
