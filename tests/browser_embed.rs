//! The portal embedded in a seller centre (examples/host-portal) with the API on another
//! origin, in real headless Chromium: mounted under /seller/developer-tools, signed in by the
//! host's token with no sign-in form of its own, the journey to the app console, the events
//! the host hears, a host link the portal leaves alone, unmount and mount again, the host's
//! own styles untouched, no CSP violation or page error.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::{
    path::Path,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};
use support::{accept_and_apply, free_port, problems, watch, Browser, Portal, WAIT};

const BASE: &str = "/seller/developer-tools";

/// The example seller centre, run as its own process (built with the tests' targets).
struct SellerCentre {
    process: Child,
    url: String,
}

impl SellerCentre {
    fn start(port: u16, api: &str) -> Self {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let binary = root.join("target/debug/examples/host-portal");
        assert!(
            binary.is_file(),
            "{} is missing: run through `cargo xtask test` (it builds every target)",
            binary.display()
        );
        let process = Command::new(binary)
            .args(["--port", &port.to_string(), "--api", &format!("{api}/api/v1")])
            .arg("--dist")
            .arg(support::dist())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < WAIT, "the seller centre did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self {
            process,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for SellerCentre {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

async fn js(browser: &Browser, script: &str) -> serde_json::Value {
    browser.client.execute(script, vec![]).await.unwrap()
}

/// The events the host heard, as `name path-or-appKey` lines.
async fn events(browser: &Browser) -> Vec<serde_json::Value> {
    serde_json::from_value(js(browser, "return window.hostEvents;").await).unwrap()
}

/// The API (taking the seller centre's host tokens), the seller centre on a port of its
/// own, and a browser whose paths are under the centre's portal path.
async fn seller_centre_with_api() -> (Portal, SellerCentre, Browser) {
    let port = free_port();
    let api = Portal::start_for_host(&format!("http://127.0.0.1:{port}")).await;
    let centre = SellerCentre::start(port, &api.base);
    let browser = Browser::start().await;
    browser.serve_under(BASE);
    (api, centre, browser)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embedded_in_a_seller_centre_the_host_signs_in_and_hears_what_happens() {
    let (api, centre, browser) = seller_centre_with_api().await;

    // Mounted, and signed in by the host: straight to the agreement, never a sign-in form.
    browser.goto(&format!("{}{BASE}", centre.url)).await;
    watch(&browser).await;
    browser.wait_path("/agreement").await;
    browser
        .wait_text("#developer-tools h1", "API use agreement")
        .await;
    assert!(browser.absent("#password").await);
    assert!(
        browser
            .client
            .find(fantoccini::Locator::XPath(
                "//button[normalize-space()='Sign out']"
            ))
            .await
            .is_err(),
        "signing out is the host's"
    );
    browser.wait_text(".seller-header", "Seller Centre").await;

    // The journey, every write crossing to the API's origin.
    accept_and_apply(&browser, &api).await;

    // A reviewer approves (on the API's side), and the seller creates the app.
    let seller = api.store.account_by_name("shop-4711").await.unwrap().unwrap();
    assert!(seller.from_host);
    let reviewer_id = support::account_id(&api.store, portal_server::seed::DEMO_REVIEWER.0).await;
    let application = api.store.qualification_of(seller.id).await.unwrap().unwrap();
    assert!(api
        .store
        .decide(application.id, reviewer_id, true, None, 1_900_000_000)
        .await
        .unwrap());
    browser
        .goto(&format!("{}{BASE}/apps/new/commercial", centre.url))
        .await;
    watch(&browser).await;
    browser.fill("name", "ShopHelper").await;
    browser.click_text("Create app").await;
    browser.wait_text("#developer-tools h1", "ShopHelper").await;
    let app_key = browser.text("#app-key").await;

    // Revealing the secret: the seller centre vouches again, no password asked.
    browser.click_text("Reveal").await;
    browser
        .wait_text("dialog[open]", "Your seller portal confirms that it is you")
        .await;
    assert!(browser.absent("#password").await);
    browser.click("dialog[open] button[type=submit]").await;
    browser.wait_text("main", "Hidden again in").await;
    assert_eq!(browser.text("#app-secret").await.len(), 40);
    browser.click_text("Hide").await;
    // Focus goes back to Reveal once the page has redrawn, before the seller moves on.
    browser.wait_focused("reveal-secret").await;

    // The portal session ends (expiry, or ended on the server): the host vouches again, by
    // itself, and the seller carries on.
    api.store.end_sessions(seller.id).await.unwrap();
    browser.click_text("Your apps").await;
    browser.wait_path("/apps").await;
    browser.wait_text("#developer-tools .table", "ShopHelper").await;

    // What the host heard: where the portal went, and the new app without its secret.
    let heard = events(&browser).await;
    let created: Vec<_> = heard.iter().filter(|e| e["name"] == "app-created").collect();
    assert_eq!(created.len(), 1, "{heard:?}");
    assert_eq!(created[0]["detail"]["appKey"], app_key.as_str());
    let detail_keys: Vec<_> = created[0]["detail"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(detail_keys, ["appId", "appKey"]);
    let paths: Vec<_> = heard
        .iter()
        .filter(|e| e["name"] == "navigate")
        .map(|e| e["detail"]["path"].as_str().unwrap().to_owned())
        .collect();
    assert!(paths.iter().any(|p| p.starts_with("/apps/")), "{paths:?}");
    assert!(
        paths.iter().all(|p| !p.starts_with(BASE)),
        "paths inside the portal: {paths:?}"
    );
    assert_eq!(problems(&browser).await, Vec::<String>::new());

    // The host's own styles are untouched; the portal's buttons keep their size under the
    // host's `button { all: unset }`.
    assert_eq!(
        js(&browser, "return window.hostStyles();").await,
        js(&browser, "return window.hostStylesBefore;").await
    );
    let smallest = js(
        &browser,
        "const shown = [...document.querySelectorAll('#developer-tools button, #developer-tools .button')]
           .map(b => b.getBoundingClientRect()).filter(r => r.width > 0);
         return shown.length ? Math.min(...shown.map(r => Math.min(r.width, r.height))) : -1;",
    )
    .await;
    assert!(
        smallest.as_f64().unwrap() >= 24.0,
        "a portal button is {smallest} px"
    );

    // Unmount removes everything; mounting again works, twice, and leaves nothing behind.
    let count_nodes =
        "return [document.querySelectorAll('dialog').length, document.querySelectorAll('*').length];";
    let before = js(&browser, count_nodes).await;
    for _ in 0..2 {
        js(&browser, "window.unmountPortal(); return true;").await;
        let left = js(
            &browser,
            "const e = document.getElementById('developer-tools');
             return [e.childElementCount, e.className, e.getAttribute('style') || '',
                     document.querySelectorAll('link[rel=stylesheet][href*=\"/portal/\"]').length,
                     e.getAttribute('lang')];",
        )
        .await;
        assert_eq!(left, serde_json::json!([0, "", "", 0, null]));
        browser
            .client
            .execute_async("window.mountPortal().then(arguments[0]);", vec![])
            .await
            .unwrap();
        browser.wait_text("#developer-tools h1", "Your apps").await;
    }
    assert_eq!(
        js(&browser, count_nodes).await,
        before,
        "dialogs and elements after two cycles"
    );

    // A link of the host's own is the host's: the portal does not capture it.
    browser.click("#host-orders").await;
    let started = Instant::now();
    while browser.client.current_url().await.unwrap().path() != "/seller/orders" {
        assert!(
            started.elapsed() < WAIT,
            "the host's link did not take the page to /seller/orders"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portal_speaks_the_language_its_host_gives() {
    // The API must live as long as the test: it answers the seller centre.
    let (_api, centre, browser) = seller_centre_with_api().await;

    // A Spanish seller centre: the portal in Spanish, its element marked, the host's page
    // left as the host set it.
    browser.goto(&format!("{}{BASE}?lang=es", centre.url)).await;
    watch(&browser).await;
    browser
        .wait_text("#developer-tools h1", "Acuerdo de uso de la API")
        .await;
    let langs = js(
        &browser,
        "return [document.documentElement.lang, document.getElementById('developer-tools').lang, document.title];",
    )
    .await;
    assert_eq!(
        langs,
        serde_json::json!(["es", "es", "Seller Centre — Developer tools"])
    );
    browser.assert_accessible("embedded es").await;

    // In Chinese, the same.
    browser.goto(&format!("{}{BASE}?lang=zh-CN", centre.url)).await;
    browser.wait_text("#developer-tools h1", "API 使用协议").await;
    assert!(
        problems(&browser).await.is_empty(),
        "{:?}",
        problems(&browser).await
    );
    browser.close().await;
}
