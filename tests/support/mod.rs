//! Real headless Chromium, driven over WebDriver, against the reference server serving
//! the release build in dist/ (built by `cargo xtask test`).
#![allow(dead_code, unreachable_pub)]

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use portal_server::{clock::SystemClock, seed, store::Store, AppState, HttpOptions, Settings};
use std::os::unix::process::CommandExt;
use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

pub const WAIT: Duration = Duration::from_secs(20);

/// The reference server on a loopback port over a temporary SQLite file.
pub struct Portal {
    pub base: String,
    pub store: Store,
    pub state: AppState,
    /// The server runs with test faults enabled; arm them here.
    pub faults: portal_server::faults::Faults,
    _dir: tempfile::TempDir,
}

/// The release build the tests run against.
pub fn dist() -> PathBuf {
    let dist = std::env::var_os("PORTAL_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(
        dist.join("index.html").is_file(),
        "{} has no built app: run the browser tests through `cargo xtask test`",
        dist.display()
    );
    dist
}

/// A copy of the release build with another `config.json`, as an operator would make.
pub fn dist_with_config(config: &str) -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(dist()).unwrap().flatten() {
        std::fs::copy(entry.path(), copy.path().join(entry.file_name())).unwrap();
    }
    std::fs::write(copy.path().join("config.json"), config).unwrap();
    copy
}

impl Portal {
    pub async fn start() -> Self {
        Self::start_with_dist(dist()).await
    }

    pub async fn start_with_dist(dist: PathBuf) -> Self {
        Self::start_with(Some(dist), Vec::new(), None, None).await
    }

    /// The portal with the operator's settings `settings` (its public URL stays its own).
    pub async fn start_with_settings(settings: Settings) -> Self {
        Self::start_configured(Some(dist()), Vec::new(), None, None, settings).await
    }

    /// The API alone, callable from pages on `origins` (the app is hosted elsewhere).
    pub async fn start_api_only(origins: &[String]) -> Self {
        Self::start_with(None, origins.to_vec(), None, None).await
    }

    /// [`Portal::start_api_only`], with the address people open the portal at (its e-mails'
    /// links lead there), as an operator gives it with `--public-url`.
    pub async fn start_api_only_for(origins: &[String], public_url: &str) -> Self {
        Self::start_with(None, origins.to_vec(), None, Some(public_url.to_owned())).await
    }

    /// The API alone for a seller portal on `origin` that embeds the portal and signs its
    /// sellers in with the published test key.
    pub async fn start_for_host(origin: &str) -> Self {
        let key = include_bytes!("../../crates/portal-server/tests/keys/host-test-public.pem");
        let tokens = portal_server::host_token::HostTokens::from_pem(key, "developer-portal", None).unwrap();
        Self::start_with(None, vec![origin.to_owned()], Some(tokens), None).await
    }

    async fn start_with(
        dist: Option<PathBuf>,
        cors_origins: Vec<String>,
        host_tokens: Option<portal_server::host_token::HostTokens>,
        public_url: Option<String>,
    ) -> Self {
        Self::start_configured(dist, cors_origins, host_tokens, public_url, Settings::default()).await
    }

    async fn start_configured(
        dist: Option<PathBuf>,
        cors_origins: Vec<String>,
        host_tokens: Option<portal_server::host_token::HostTokens>,
        public_url: Option<String>,
        settings: Settings,
    ) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("portal.sqlite3")).await.unwrap();
        seed::ensure_defaults(&store, 1_790_000_000, true).await.unwrap();
        let secrets = portal_server::sealed::SecretBox::random();
        let options = HttpOptions {
            dist,
            cors_origins,
            ..Default::default()
        };
        Self::serve(
            store,
            secrets,
            options,
            host_tokens,
            public_url,
            settings,
            None,
            dir,
        )
        .await
    }

    /// One replica of the reference server, serving the app and the API over the PostgreSQL
    /// `database` that every replica shares and sealing with the same `key`; `served`
    /// counts the API requests it answered.
    pub async fn start_replica(database: &str, key: [u8; 32], served: Arc<AtomicUsize>) -> Self {
        let store = Store::connect(database, Default::default()).await.unwrap();
        seed::ensure_defaults(&store, 1_790_000_000, true).await.unwrap();
        let options = HttpOptions {
            dist: Some(dist()),
            // nginx, as deploy/replicas.conf asks.
            trusted_proxies: vec!["127.0.0.1".into()],
            ..Default::default()
        };
        let secrets = portal_server::sealed::SecretBox::new(key);
        let dir = tempfile::tempdir().unwrap();
        Self::serve(
            store,
            secrets,
            options,
            None,
            None,
            Settings::default(),
            Some(served),
            dir,
        )
        .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn serve(
        store: Store,
        secrets: portal_server::sealed::SecretBox,
        options: HttpOptions,
        host_tokens: Option<portal_server::host_token::HostTokens>,
        public_url: Option<String>,
        settings: Settings,
        served: Option<Arc<AtomicUsize>>,
        dir: tempfile::TempDir,
    ) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = AppState {
            store: store.clone(),
            clock: Arc::new(SystemClock),
            settings: Arc::new(Settings {
                public_url: public_url.unwrap_or_else(|| format!("{base}/")),
                host_tokens,
                ..settings
            }),
            mailer: portal_server::mailer::Mailer::Outbox,
            secrets,
        };
        let faults = portal_server::faults::Faults::default();
        let mut app = portal_server::app(
            state.clone(),
            &HttpOptions {
                faults: Some(faults.clone()),
                ..options
            },
        );
        if let Some(served) = served {
            app = app.layer(axum::middleware::from_fn(
                move |request: axum::extract::Request, next: axum::middleware::Next| {
                    if request.uri().path().starts_with("/api/") {
                        served.fetch_add(1, Ordering::Relaxed);
                    }
                    next.run(request)
                },
            ));
        }
        tokio::spawn(async move { axum_serve(listener, app).await });
        Self {
            base,
            store,
            state,
            faults,
            _dir: dir,
        }
    }

    /// Whether the platform would accept this AppKey and AppSecret at `now`.
    pub async fn credentials_valid(&self, app_key: &str, secret: &str, now: i64) -> bool {
        portal_server::routes::verify::matching_secret(&self.state, app_key, secret, now)
            .await
            .unwrap()
            .is_some()
    }

    /// The platform gateway's check of an AppKey and AppSecret over HTTP, as it is counted
    /// in the console: whether it passed.
    pub async fn gateway_check(&self, app_key: &str, secret: &str) -> bool {
        let body = serde_json::json!({"app_key": app_key, "app_secret": secret});
        let answer = reqwest::Client::new()
            .post(self.url("/api/v1/credentials/verify"))
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
        answer["valid"] == true
    }

    /// The link in the latest e-mail asking to confirm a contact address.
    pub async fn verification_link(&self) -> String {
        let mails = self.store.outbox().await.unwrap();
        let body = mails
            .iter()
            .rev()
            .map(|m| m.body.as_str())
            .find(|b| b.contains("/verify-email#"))
            .expect("a verification e-mail");
        let start = body.find("http").expect("a link");
        body[start..].split_whitespace().next().unwrap().to_owned()
    }

    /// Confirms the contact address as a seller does who opens the link on another device
    /// (its own request, no session): for tests about something else.
    pub async fn confirm_email_elsewhere(&self) {
        let link = self.verification_link().await;
        let token = link.rsplit('#').next().unwrap();
        let body = serde_json::json!({ "token": token });
        let res = reqwest::Client::new()
            .post(self.url("/api/v1/email-verification"))
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    }

    /// Seals an AppSecret as the server stores it.
    pub fn seal(&self, secret: &str) -> String {
        self.state.secrets.seal(secret)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Makes the next request of `method` to the API `path` meet `kind` (see the server's
    /// `faults` module).
    pub fn arm(&self, method: &str, path: &str, kind: &str, delay_ms: u64) {
        self.arm_times(method, path, kind, delay_ms, 1);
    }

    /// Like [`Portal::arm`], for the next `count` such requests.
    pub fn arm_times(&self, method: &str, path: &str, kind: &str, delay_ms: u64, count: u32) {
        let fault = serde_json::from_value(serde_json::json!({
            "method": method, "path": format!("/api/v1{path}"), "kind": kind, "delay_ms": delay_ms,
            "count": count,
        }))
        .unwrap();
        self.faults.arm(fault);
    }
}

async fn axum_serve(listener: tokio::net::TcpListener, app: axum::Router) {
    portal_server::serve::serve(listener, app, Default::default(), std::future::pending())
        .await
        .unwrap();
}

/// A new, empty database on the throwaway PostgreSQL cluster `cargo xtask test` starts.
pub async fn postgres_database() -> String {
    let cluster = std::env::var("PORTAL_TEST_POSTGRES")
        .expect("PORTAL_TEST_POSTGRES: run the replica tests through `cargo xtask test`");
    let name = format!("browser_{}_{}", std::process::id(), free_port());
    sqlx::any::install_default_drivers();
    let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(&cluster)
        .await
        .expect("the test cluster answers");
    sqlx::Executor::execute(&mut admin, format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap();
    let (server, _) = cluster.rsplit_once('/').expect("a database URL");
    format!("{server}/{name}")
}

/// The id of the account named `name`, which exists.
pub async fn account_id(store: &portal_server::store::Store, name: &str) -> i64 {
    match store.account_by_name(name).await.unwrap() {
        Some(account) => account.id,
        None => panic!("no account named {name}"),
    }
}

/// The app's words in the language tagged `tag` (`en`, `zh-CN`, `es`), from its two message
/// files (the first screen's and the pages').
pub fn words(tag: &str) -> std::collections::HashMap<String, String> {
    let mut words = std::collections::HashMap::new();
    for name in [format!("{tag}.json"), format!("{tag}.pages.json")] {
        let file = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("public/locales")
            .join(name);
        let part: std::collections::HashMap<String, String> =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        words.extend(part);
    }
    words
}

/// Signs in the demo seller and accepts the agreement: the developer information page.
pub async fn seller_at_developer_info(browser: &Browser, portal: &Portal) {
    browser.goto(&portal.url("/")).await;
    browser.sign_in(seed::DEMO_SELLER.0, seed::DEMO_SELLER.1).await;
    browser.wait_path("/agreement").await;
    browser.click("#confirmed").await;
    browser.click_text("Accept and continue").await;
    browser.wait_path("/developer").await;
}

/// A real 1×1 PNG image.
pub const PNG_1X1: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00,
    0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01,
    0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

pub fn file_with(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

pub async fn fill_developer_info(browser: &Browser, country: &str) {
    browser.fill("developer_name", "Example Trading Co.").await;
    browser.select("country", country).await;
    browser.fill("email", "dev@example.com").await;
    browser.fill("mobile", "+86 138 0013 8000").await;
    browser.click_text("Save and continue").await;
    browser.wait_path("/apps").await;
}

pub async fn review(browser: &Browser, reference: &str, reject_with: Option<&str>) {
    browser
        .sign_in(seed::DEMO_REVIEWER.0, seed::DEMO_REVIEWER.1)
        .await;
    browser.wait_path("/review").await;
    browser.click_text(reference).await;
    browser.wait_text("main", "Shop Helper").await;
    match reject_with {
        Some(reason) => {
            browser.click("#decision-reject").await;
            browser.click_text("Record decision").await;
            browser
                .wait_text("#reason-error", "Enter the reasons for rejection")
                .await;
            browser.checkpoint("review-detail").await;
            browser.fill("reason", reason).await;
            browser.click_text("Record decision").await;
            browser.wait_text(".tag", "Rejected").await;
        }
        None => {
            browser.click("#decision-approve").await;
            browser.click_text("Record decision").await;
            browser.wait_text(".tag", "Approved").await;
        }
    }
    browser.sign_out().await;
}

/// Fills in every answer of the qualification form, uploading a PNG licence from `files`.
pub async fn fill_qualification(browser: &Browser, files: &tempfile::TempDir) {
    browser.fill("contact_name", "Li Wei").await;
    browser.fill("contact_mobile", "+86 139 1234 5678").await;
    browser.fill("email", "li.wei@example.com").await;
    browser.fill("software_name", "Shop Helper").await;
    browser
        .fill("software_function", "Synchronises orders and stock.")
        .await;
    browser
        .find("#licence_id")
        .await
        .send_keys(&file_with(files, "licence.png", PNG_1X1))
        .await
        .unwrap();
    browser.wait_text(".upload__name", "licence.png").await;
    // Screen readers are told too, through a status region.
    let told = browser
        .client
        .execute(
            "return document.getElementById('licence_id-status').textContent;",
            vec![],
        )
        .await
        .unwrap();
    let language = browser.lang().await.1;
    let uploaded = words(&language)["uploaded"].replace("{file}", "licence.png");
    assert_eq!(told.as_str(), Some(uploaded.as_str()));
    browser.click("#same_it").await;
    browser.fill("it_team_size", "12").await;
    browser
        .fill("market_planning", "Order management for 500 sellers.")
        .await;
    browser
        .fill("server_config", "8 CPU, 32 GB memory, 1 TB disk")
        .await;
    browser.fill("server_bandwidth", "1 Gbps").await;
    browser.fill("dev_language", "Java").await;
    browser.fill("database", "MySQL").await;
    browser.click("#agreement_confirmed").await;
}

/// Starts recording CSP violations and script errors on the current page.
pub async fn watch(browser: &Browser) {
    browser
        .client
        .execute(
            "if (!window.__problems) { window.__problems = [];
               document.addEventListener('securitypolicyviolation',
                 e => __problems.push('CSP ' + e.violatedDirective + ' ' + e.blockedURI));
               window.addEventListener('error', e => __problems.push('error ' + e.message));
               window.addEventListener('unhandledrejection', e => __problems.push('rejection ' + e.reason)); }",
            vec![],
        )
        .await
        .unwrap();
}

/// What went wrong on this page: recorded problems, and every file of the portal that
/// failed to load (API answers such as "no developer information yet" are not failures).
pub async fn problems(browser: &Browser) -> Vec<String> {
    let found = browser
        .client
        .execute(
            "return (window.__problems || []).concat(
               performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                 .filter(e => e.responseStatus >= 400 && !e.name.includes('/api/v1/'))
                 .map(e => 'HTTP ' + e.responseStatus + ' ' + e.name));",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

/// The page is styled by the portal's stylesheet (it loaded under the CSP).
pub async fn styled(browser: &Browser) -> bool {
    let colour = browser
        .client
        .execute(
            "return getComputedStyle(document.querySelector('.header')).backgroundColor;",
            vec![],
        )
        .await
        .unwrap();
    colour.as_str().is_some_and(|c| c != "rgba(0, 0, 0, 0)")
}

/// From the agreement page: accepts it, gives developer information (its address confirmed
/// through the link, as on another device), and applies for the qualification with every
/// answer and a licence, up to the "Submitted" status page.
pub async fn accept_and_apply(browser: &Browser, portal: &Portal) {
    let files = tempfile::tempdir().unwrap();
    browser.click("#confirmed").await;
    browser.click_text("Accept and continue").await;
    browser.wait_path("/developer").await;
    fill_developer_info(browser, "CN").await;
    portal.confirm_email_elsewhere().await;
    browser.click_text("Create App").await;
    browser.wait_path("/apps/new").await;
    browser.click_text("Continue").await;
    browser.wait_path("/qualification").await;
    fill_qualification(browser, &files).await;
    browser.click_text("Continue").await;
    browser.wait_path("/qualification/check").await;
    browser.click_text("Submit application").await;
    browser.wait_path("/qualification/status").await;
    browser.wait_text(".panel", "Submitted").await;
}

/// The whole journey in the browser, from the sign-in form the page shows now to the AppKey of
/// a new app "ShopHelper": the demo seller accepts and applies, the demo reviewer approves,
/// the seller creates the app. No script error, CSP violation or failed file on the way.
pub async fn journey_to_an_app_key(browser: &Browser, portal: &Portal) -> String {
    watch(browser).await;
    browser.sign_in(seed::DEMO_SELLER.0, seed::DEMO_SELLER.1).await;
    browser.wait_path("/agreement").await;
    accept_and_apply(browser, portal).await;
    assert_eq!(problems(browser).await, Vec::<String>::new());
    browser.sign_out().await;

    review(browser, "QA-000001", None).await;

    browser.sign_in(seed::DEMO_SELLER.0, seed::DEMO_SELLER.1).await;
    browser.wait_path("/apps").await;
    browser.click_text("Create App").await;
    browser.click_text("Continue").await;
    browser.wait_path("/apps/new/commercial").await;
    browser.fill("name", "ShopHelper").await;
    browser.click_text("Create app").await;
    browser.wait_text("h1", "ShopHelper").await;
    let app_key = browser.text("#app-key").await;
    assert_eq!(app_key.len(), 16, "{app_key}");
    assert_eq!(problems(browser).await, Vec::<String>::new());
    app_key
}

/// Takes the demo seller through the journey on the server's side, up to an approved
/// qualification, so a test can start at creating an app.
pub async fn approve_demo_seller(portal: &Portal) {
    let now = 1_790_000_100;
    let store = &portal.store;
    let seller = store.account_by_name(seed::DEMO_SELLER.0).await.unwrap().unwrap();
    let reviewer = store
        .account_by_name(seed::DEMO_REVIEWER.0)
        .await
        .unwrap()
        .unwrap();
    let agreement = store.current_agreement().await.unwrap().unwrap();
    store
        .accept_agreement(seller.id, agreement.version, now)
        .await
        .unwrap();
    let info = portal_core::api::DeveloperInfo {
        developer_name: "Example Trading Co.".into(),
        country: "CN".into(),
        email: "dev@example.com".into(),
        mobile: "+8613800138000".into(),
        website: String::new(),
    };
    store.save_developer(seller.id, &info, now).await.unwrap();
    let licence = portal_core::api::LicenceInfo {
        id: "licence-of-the-demo-seller".into(),
        content_type: "image/png".into(),
        size: 4,
        file_name: "licence.png".into(),
    };
    store
        .save_licence(&licence, seller.id, b"\x89PNG".to_vec(), now, (20, 86_400))
        .await
        .unwrap()
        .unwrap();
    let answers = serde_json::to_string(&portal_core::api::QualificationRequest::default()).unwrap();
    let outcome = store
        .submit_qualification(seller.id, answers, licence.id.clone(), "en", now, |_| {
            Ok::<(), ()>(())
        })
        .await
        .unwrap();
    let portal_server::store::SubmitOutcome::Submitted(row, _) = outcome else {
        panic!("the demo seller has applied already")
    };
    assert!(store.decide(row.id, reviewer.id, true, None, now).await.unwrap());
}

/// A headless Chromium session, with its own chromedriver and profile.
pub struct Browser {
    pub client: Client,
    /// The path the portal lives under in the current test ("" at the site root).
    base_path: std::sync::Mutex<String>,
    engine: Engine,
    driver: Child,
    _profile: tempfile::TempDir,
}

/// The engines the tests can drive, chosen with `PORTAL_BROWSER` (`chromium` by default,
/// `firefox` or `webkit`); each runs headless with a fresh profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Engine {
    Chromium,
    Firefox,
    /// WebKitGTK (Safari's engine), whose driver needs a display: run under xvfb-run.
    Webkit,
}

impl Engine {
    fn from_env() -> Self {
        match std::env::var("PORTAL_BROWSER").as_deref() {
            Ok("firefox") => Engine::Firefox,
            Ok("webkit") => Engine::Webkit,
            Ok("chromium") | Err(_) => Engine::Chromium,
            Ok(other) => panic!("PORTAL_BROWSER={other}: use chromium, firefox or webkit"),
        }
    }

    /// The driver to start (program and leading arguments) and the session's capabilities.
    fn driver_and_capabilities(
        &self,
        profile: &Path,
    ) -> (Vec<String>, serde_json::Map<String, serde_json::Value>) {
        let env = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_owned());
        let mut caps = serde_json::Map::new();
        match self {
            Engine::Chromium => {
                caps.insert(
                    "goog:chromeOptions".into(),
                    serde_json::json!({
                        "binary": env("CHROMIUM", "/usr/bin/chromium"),
                        "args": [
                            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--disable-dev-shm-usage", "--window-size=1280,900", "--js-flags=--expose-gc",
                            format!("--user-data-dir={}", profile.display()),
                        ]
                    }),
                );
                (vec![env("CHROMEDRIVER", "/usr/bin/chromedriver")], caps)
            }
            Engine::Firefox => {
                caps.insert(
                    "moz:firefoxOptions".into(),
                    serde_json::json!({
                        "binary": env("FIREFOX", "/usr/bin/firefox-esr"),
                        "args": ["-headless", "-profile", profile.display().to_string()],
                    }),
                );
                (vec![env("GECKODRIVER", "geckodriver")], caps)
            }
            Engine::Webkit => {
                caps.insert(
                    "webkitgtk:browserOptions".into(),
                    serde_json::json!({ "args": ["--automation"] }),
                );
                let driver = env("WEBKITDRIVER", "/usr/bin/WebKitWebDriver");
                (vec!["xvfb-run".into(), "-a".into(), driver], caps)
            }
        }
    }
}

impl Browser {
    pub async fn start() -> Self {
        let engine = Engine::from_env();
        let profile = tempfile::tempdir().unwrap();
        let (driver_command, caps) = engine.driver_and_capabilities(profile.path());
        let driver_path = driver_command.join(" ");
        let port = free_port();
        // Its own process group, so that closing also ends what it started (Xvfb).
        let driver = Command::new(&driver_command[0])
            .args(&driver_command[1..])
            .arg(format!("--port={port}"))
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {driver_path}: {e} (run through `cargo xtask test`)"));
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(_) if started.elapsed() < WAIT => tokio::time::sleep(Duration::from_millis(200)).await,
                Err(e) => panic!("{driver_path} did not start a session: {e}"),
            }
        };
        client.set_window_size(1280, 900).await.unwrap();
        Self {
            client,
            base_path: std::sync::Mutex::new(String::new()),
            engine,
            driver,
            _profile: profile,
        }
    }

    /// From now on, page paths are under `base` (e.g. `/developers`).
    pub fn serve_under(&self, base: &str) {
        *self.base_path.lock().unwrap() = base.trim_end_matches('/').to_owned();
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap();
    }

    pub async fn find(&self, css: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(element) => element,
            Err(e) => {
                let shot = self.screenshot("find").await;
                let url = self.client.current_url().await.map(|u| u.to_string());
                panic!("no element {css} at {url:?}: {e} (screenshot: {shot})")
            }
        }
    }

    /// Types into the input with id `id` (after clearing it).
    pub async fn fill(&self, id: &str, text: &str) {
        // An input that is still being rendered or shown (a dialog opening) can refuse
        // keys for a moment in some engines: try again until the usual wait runs out.
        let started = Instant::now();
        loop {
            let input = self.find(&format!("#{id}")).await;
            let typed = match input.clear().await {
                Ok(()) => input.send_keys(text).await,
                Err(e) => Err(e),
            };
            match typed {
                Ok(()) => return,
                Err(e) if started.elapsed() < WAIT => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("cannot type into #{id}: {e}"),
            }
        }
    }

    pub async fn value(&self, id: &str) -> String {
        let input = self.find(&format!("#{id}")).await;
        input.prop("value").await.unwrap().unwrap_or_default()
    }

    /// Clicks the button or link whose visible text is `text`, once it can be clicked
    /// (a closing modal dialog keeps the page inert for a moment in some engines).
    pub async fn click_text(&self, text: &str) {
        let xpath = format!("//button[normalize-space()='{text}'] | //a[normalize-space()='{text}']");
        let started = Instant::now();
        loop {
            let el = match self
                .client
                .wait()
                .at_most(WAIT)
                .for_element(Locator::XPath(&xpath))
                .await
            {
                Ok(el) => el,
                Err(e) => {
                    let shot = self.screenshot("click_text").await;
                    panic!("no button or link {text:?}: {e} (screenshot: {shot})")
                }
            };
            match el.click().await {
                Ok(()) => return,
                Err(_) if started.elapsed() < WAIT => tokio::time::sleep(Duration::from_millis(100)).await,
                Err(e) => panic!("cannot click {text:?}: {e}"),
            }
        }
    }

    /// Waits until the element at `css` shows `expected` in its text.
    pub async fn wait_text(&self, css: &str, expected: &str) -> String {
        let started = Instant::now();
        let mut last = String::new();
        while started.elapsed() < WAIT {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = el.text().await {
                    if text.contains(expected) {
                        return text;
                    }
                    last = text;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let shot = self.screenshot("wait_text").await;
        panic!("{css} never showed {expected:?}; last text: {last:?} (screenshot: {shot})");
    }

    /// Waits until the live region at `css` holds `expected`: what a screen reader hears,
    /// also while the region is hidden from sight (where WebDriver reads no visible text).
    pub async fn wait_announced(&self, css: &str, expected: &str) {
        let started = Instant::now();
        let mut last = None;
        while started.elapsed() < WAIT {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                last = el.prop("textContent").await.ok().flatten();
                if last.as_deref().is_some_and(|t| t.contains(expected)) {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let shot = self.screenshot("wait_announced").await;
        panic!("{css} never announced {expected:?}; last: {last:?} (screenshot: {shot})");
    }

    /// Waits until the page's path is `path` (under the base path, see [`Browser::serve_under`]).
    pub async fn wait_path(&self, path: &str) {
        let path = &format!("{}{path}", self.base_path.lock().unwrap());
        let started = Instant::now();
        let mut last = String::new();
        while started.elapsed() < WAIT {
            if let Ok(url) = self.client.current_url().await {
                if url.path() == path {
                    return;
                }
                last = url.path().to_owned();
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let shot = self.screenshot("wait_path").await;
        panic!("the page never reached {path}; it is at {last} (screenshot: {shot})");
    }

    /// Waits until the element with id (or class) `expected` has focus; focus moves in the
    /// next animation frame, so reading it at once would race.
    pub async fn wait_focused(&self, expected: &str) {
        let started = Instant::now();
        let mut last = String::new();
        while started.elapsed() < WAIT {
            last = self.focused().await;
            if last == expected {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("focus never reached {expected:?}; it is on {last:?}");
    }

    /// The id of the focused element (or its class when it has no id).
    pub async fn focused(&self) -> String {
        let v = self
            .client
            .execute(
                "const e = document.activeElement; return e ? (e.id || e.className) : '';",
                vec![],
            )
            .await
            .unwrap();
        v.as_str().unwrap_or_default().to_owned()
    }

    /// Saves what the browser shows under target/browser-screenshots/, for failures.
    pub async fn screenshot(&self, name: &str) -> String {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-screenshots");
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join(format!("{name}-{}.png", std::process::id()));
        match self.client.screenshot().await {
            Ok(png) if std::fs::write(&file, &png).is_ok() => file.display().to_string(),
            _ => "none".into(),
        }
    }

    /// With PORTAL_SCREENSHOTS set, saves the whole page for people to look at.
    pub async fn snap(&self, name: &str) {
        if std::env::var_os("PORTAL_SCREENSHOTS").is_some() {
            let _ = self
                .client
                .execute(
                    "document.body.style.zoom = '0.75'; return document.body.scrollHeight;",
                    vec![],
                )
                .await;
            let _ = self.client.set_window_size(1100, 2400).await;
            self.screenshot(name).await;
            let _ = self
                .client
                .execute("document.body.style.zoom = '1';", vec![])
                .await;
            let _ = self.client.set_window_size(1280, 900).await;
        }
    }

    /// axe-core's WCAG 2.2 A/AA violations on the page as it is, one line each.
    pub async fn violations(&self) -> Vec<String> {
        let path = std::env::var("AXE_CORE")
            .expect("AXE_CORE is unset: run the browser tests through `cargo xtask test`");
        let axe = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        self.client
            .execute(&format!("if (!window.axe) {{ {axe} }}"), vec![])
            .await
            .unwrap();
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: { type: 'tag',
                     values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
                   .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' at '
                       + v.nodes.map(n => n.target.join(' ')).join(', '))))
                   .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .unwrap();
        serde_json::from_value(found).expect("axe answered with a list")
    }

    /// Fails on any accessibility violation on the page as it is.
    pub async fn assert_accessible(&self, page: &str) {
        let violations = self.violations().await;
        if !violations.is_empty() {
            let shot = self.screenshot(&format!("axe-{page}")).await;
            panic!(
                "accessibility violations on {page} (screenshot {shot}):\n{}",
                violations.join("\n")
            );
        }
        let repeated = self.repeated_input_names().await;
        assert!(
            repeated.is_empty(),
            "inputs on {page} share an accessible name, so a screen reader cannot tell whose \
             value each is: {repeated:?}"
        );
    }

    /// Accessible names (label text, else aria-label) that more than one shown input,
    /// drop-down or text area of the page has. Radio buttons and checkboxes are named
    /// with their group, so they are left out.
    pub async fn repeated_input_names(&self) -> Vec<String> {
        let names = self
            .client
            .execute(
                r#"const shown = (e) => e.getClientRects().length > 0 && !e.closest('dialog:not([open])');
                   const names = [...document.querySelectorAll('input, select, textarea')]
                     .filter((e) => shown(e) && !['radio', 'checkbox', 'hidden', 'file'].includes(e.type))
                     .map((e) => ((e.labels && e.labels[0] && e.labels[0].textContent) || e.getAttribute('aria-label') || '').trim());
                   return names.filter((n, i) => names.indexOf(n) !== i);"#,
                vec![],
            )
            .await
            .unwrap();
        serde_json::from_value(names).unwrap()
    }

    /// WCAG 1.4.10: at 320 CSS pixels wide nothing needs horizontal scrolling.
    pub async fn assert_reflows(&self, page: &str) {
        self.client.set_window_size(320, 800).await.unwrap();
        let widths = self
            .client
            .execute(
                "return new Promise(r => requestAnimationFrame(() => r([window.innerWidth, document.documentElement.scrollWidth])));",
                vec![],
            )
            .await
            .unwrap();
        let widths: (u32, u32) = serde_json::from_value(widths).unwrap();
        let shot = if widths.1 > widths.0 {
            self.screenshot(&format!("reflow-{page}")).await
        } else {
            String::new()
        };
        self.client.set_window_size(1280, 900).await.unwrap();
        if widths.0 > 340 {
            // Firefox keeps its windows wider; Chromium must narrow.
            assert_ne!(
                self.engine,
                Engine::Chromium,
                "the window did not narrow to 320 px: {widths:?}"
            );
            self.skip(
                "reflow at 320 px",
                &format!("its windows stay at least {} px wide", widths.0),
            );
            return;
        }
        assert!(
            widths.1 <= widths.0,
            "{page} scrolls sideways at 320 px: {widths:?} {shot}"
        );
    }

    /// Says that this engine cannot check `what`, for a reason outside the project: printed
    /// here, and listed with the engine's name at the end of `cargo xtask test`.
    pub fn skip(&self, what: &str, reason: &str) {
        let line = format!("{what} in {:?}: {reason}", self.engine);
        eprintln!("skipped: {line}");
        if let Some(path) = std::env::var_os("PORTAL_SKIPS") {
            use std::io::Write;
            if let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
                let _ = writeln!(file, "{line}");
            }
        }
    }

    /// Takes the browser off the network (or back): Chromium only, through ChromeDriver's
    /// network conditions; false where the engine has no such switch.
    pub async fn set_offline(&self, offline: bool) -> bool {
        if self.engine != Engine::Chromium {
            return false;
        }
        self.client
            .issue_cmd(NetworkConditions { offline })
            .await
            .unwrap_or_else(|e| panic!("network conditions: {e}"));
        true
    }

    /// A point of the journey worth checking: accessible, reflowing at 320 px, and saved
    /// for people to look at.
    pub async fn checkpoint(&self, page: &str) {
        self.assert_accessible(page).await;
        self.assert_reflows(page).await;
        self.snap(page).await;
    }

    /// The `lang` of the page (`<html>`) and of the portal's element.
    pub async fn lang(&self) -> (String, String) {
        let html = self
            .find("html")
            .await
            .attr("lang")
            .await
            .unwrap()
            .unwrap_or_default();
        let portal = self
            .find(".portal")
            .await
            .attr("lang")
            .await
            .unwrap()
            .unwrap_or_default();
        (html, portal)
    }

    /// The visible texts of the options of the drop-down with id `id`, in order.
    pub async fn option_texts(&self, id: &str) -> Vec<String> {
        let mut texts = Vec::new();
        for option in self
            .find(&format!("#{id}"))
            .await
            .find_all(Locator::Css("option"))
            .await
            .unwrap()
        {
            texts.push(option.text().await.unwrap());
        }
        texts
    }

    /// Waits until nothing matches `css`.
    pub async fn wait_gone(&self, css: &str) {
        let started = std::time::Instant::now();
        while !self.absent(css).await {
            assert!(started.elapsed() < WAIT, "{css} is still shown");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Every element at `css` now (none is no failure).
    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client.find_all(Locator::Css(css)).await.unwrap()
    }

    /// The text of every element at `css` now, in document order.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut texts = Vec::new();
        for element in self.find_all(css).await {
            texts.push(element.text().await.unwrap());
        }
        texts
    }

    /// Chooses `value` in the drop-down with id `id`.
    pub async fn select(&self, id: &str, value: &str) {
        self.find(&format!("#{id}"))
            .await
            .select_by_value(value)
            .await
            .unwrap();
    }

    /// Clicks the element at `css`.
    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
    }

    /// Whether nothing on the page matches `css` now.
    pub async fn absent(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_err()
    }

    /// The text of the element at `css`.
    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap()
    }

    pub async fn sign_in(&self, account: &str, password: &str) {
        self.sign_in_with((account, password), &words("en")).await;
    }

    /// Signs in on a sign-in page in any language (its button's words from `words`).
    pub async fn sign_in_with(
        &self,
        (account, password): (&str, &str),
        words: &std::collections::HashMap<String, String>,
    ) {
        self.wait_path("/sign-in").await;
        self.fill("account", account).await;
        self.fill("password", password).await;
        self.click_text(&words["sign_in_button"]).await;
    }

    pub async fn sign_out(&self) {
        self.click_text("Sign out").await;
        self.wait_path("/sign-in").await;
    }

    /// Ends the WebDriver session; dropping the browser then ends the driver.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

/// Also when a test panics: end the driver's whole process group (the browser, Xvfb).
impl Drop for Browser {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("--")
            .arg(format!("-{}", self.driver.id()))
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// A free loopback port (bound, then released for a server to take).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// nginx configured from the recipes in `deploy/`, inside a minimal main configuration:
/// serving a built app as `deploy/nginx.conf` says (its four values replaced, once per site),
/// or balancing replicas as `deploy/replicas.conf` says.
pub struct Nginx {
    process: Child,
    _dir: tempfile::TempDir,
}

/// The text of `deploy/<name>`.
fn recipe(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One site of [`Nginx`]: the portal under `path` (with both slashes) on loopback `port`.
pub struct Site<'a> {
    pub path: &'a str,
    pub port: u16,
}

impl Nginx {
    pub fn start(sites: &[Site<'_>], dist: &Path, api_origin: &str) -> Self {
        let recipe = recipe("nginx.conf");
        let server_at = recipe.find("server {").expect("a server block");
        let (maps, server) = recipe.split_at(server_at);
        let mut servers = String::new();
        for site in sites {
            servers.push_str(
                &server
                    .replace("listen 80;", &format!("listen 127.0.0.1:{};", site.port))
                    .replace("/developers/", site.path)
                    .replace("/srv/developer-portal/dist/", &format!("{}/", dist.display()))
                    .replace("https://api.example.com", api_origin),
            );
        }
        let ports: Vec<u16> = sites.iter().map(|s| s.port).collect();
        Self::run(&format!("{maps}\n{servers}"), &ports)
    }

    /// nginx in front of `replicas` (their `http://host:port` bases) on loopback `port`,
    /// exactly as `deploy/replicas.conf` says, its values replaced.
    pub fn balance(port: u16, replicas: &[&str]) -> Self {
        let recipe = recipe("replicas.conf");
        let upstream_at = recipe
            .find("    server 127.0.0.1:8081;")
            .expect("the replicas' lines");
        let upstream_end = recipe.find("}").expect("the upstream block's end");
        let lines: String = replicas
            .iter()
            .map(|r| format!("    server {};\n", r.trim_start_matches("http://")))
            .collect();
        let config = format!("{}{lines}{}", &recipe[..upstream_at], &recipe[upstream_end..])
            .replace("listen 80;", &format!("listen 127.0.0.1:{port};"));
        Self::run(&config, &[port])
    }

    /// nginx with `http` holding `sites`, until dropped; returns once it listens on `ports`.
    fn run(sites: &str, ports: &[u16]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let temp = dir.path().display();
        let running_as_root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0"));
        let config = format!(
            "{user}daemon off;\npid {temp}/nginx.pid;\nerror_log {temp}/error.log;\n\
             load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;\nevents {{}}\n\
             http {{\n include /etc/nginx/mime.types;\n access_log off;\n\
             client_body_temp_path {temp}/body;\n proxy_temp_path {temp}/proxy;\n\
             fastcgi_temp_path {temp}/fastcgi;\n uwsgi_temp_path {temp}/uwsgi;\n scgi_temp_path {temp}/scgi;\n\
             {sites}\n}}\n",
            // Workers read the test's temporary files, which only their owner may read.
            user = if running_as_root { "user root;\n" } else { "" },
        );
        std::fs::write(dir.path().join("nginx.conf"), config).unwrap();
        let nginx = std::env::var("NGINX").unwrap_or_else(|_| "/usr/sbin/nginx".into());
        let process = Command::new(&nginx)
            .arg("-p")
            .arg(dir.path())
            .arg("-e")
            .arg(dir.path().join("error.log"))
            .arg("-c")
            .arg(dir.path().join("nginx.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {nginx}: {e} (run through `cargo xtask test`)"));
        let started = Instant::now();
        for port in ports {
            while std::net::TcpStream::connect(("127.0.0.1", *port)).is_err() {
                let log = std::fs::read_to_string(dir.path().join("error.log")).unwrap_or_default();
                assert!(started.elapsed() < WAIT, "nginx did not start: {log}");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        Self { process, _dir: dir }
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// ChromeDriver's own command for the network the page sees.
#[derive(Debug)]
struct NetworkConditions {
    offline: bool,
}

impl fantoccini::wd::WebDriverCompatibleCommand for NetworkConditions {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/chromium/network_conditions",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        let conditions = serde_json::json!({ "network_conditions": {
            "offline": self.offline, "latency": 0, "download_throughput": -1, "upload_throughput": -1,
        }});
        (axum::http::Method::POST, Some(conditions.to_string()))
    }
}
