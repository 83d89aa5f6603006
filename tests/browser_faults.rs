//! What a seller meets when the server fails mid-form, in real headless Chromium: a
//! server error, an answer that is not JSON, an answer slower than the app waits. Each time the message says
//! what happened, every typed value stays, and trying again stores the answers once.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use portal_server::seed::DEMO_SELLER;
use support::{approve_demo_seller, dist_with_config, seller_at_developer_info, Browser, Portal};

const NAME: &str = "Example Trading Co.";

async fn at_developer_info(browser: &Browser, portal: &Portal) {
    seller_at_developer_info(browser, portal).await;
    browser.fill("developer_name", NAME).await;
    browser.select("country", "CN").await;
    browser.fill("email", "dev@example.com").await;
    browser.fill("mobile", "+86 138 0013 8000").await;
}

/// Every answer is still in its field.
async fn answers_kept(browser: &Browser) {
    assert_eq!(browser.value("developer_name").await, NAME);
    assert_eq!(browser.value("email").await, "dev@example.com");
    assert_eq!(browser.value("mobile").await, "+86 138 0013 8000");
}

/// A seller whose connection drops mid-form is told that it is their connection, keeps
/// every answer, and saves once when back online.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_says_so_keeps_the_answers_and_saves_once_back_online() {
    let portal = Portal::start().await;
    let browser = Browser::start().await;
    at_developer_info(&browser, &portal).await;
    if !browser.set_offline(true).await {
        browser.skip("going offline", "its WebDriver has no switch for the network");
        return browser.close().await;
    }
    browser.click_text("Save and continue").await;
    browser.wait_text(".error-summary", "You are offline").await;
    answers_kept(&browser).await;
    browser.checkpoint("offline").await;
    browser.set_offline(false).await;
    browser.click_text("Save and continue").await;
    browser.wait_path("/apps").await;
    let account_id = support::account_id(&portal.store, DEMO_SELLER.0).await;
    let (info, _) = portal.store.developer(account_id).await.unwrap().expect("saved");
    assert_eq!(info.developer_name, NAME);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_fault_keeps_the_answers_says_what_happened_and_the_retry_saves_once() {
    // The app waits 2 seconds for an answer here, so a slow server is quick to show.
    let dist = dist_with_config(r#"{"api_base_url": "api/v1", "request_timeout_seconds": 2}"#);
    let portal = Portal::start_with_dist(dist.path().to_owned()).await;
    let browser = Browser::start().await;
    at_developer_info(&browser, &portal).await;

    let faults = [
        ("fail", 0, "Something went wrong on our side (error 500)"),
        ("malformed", 0, "an answer we could not read"),
        ("delay", 3500, "took too long to answer"),
    ];
    for (kind, delay_ms, message) in faults {
        portal.arm("PUT", "/developer", kind, delay_ms);
        browser.click_text("Save and continue").await;
        browser.wait_text(".error-summary", message).await;
        answers_kept(&browser).await;
    }
    // The slow request finished on the server after the app stopped waiting; the retry
    // (same answers, same key) gets its answer instead of saving again.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    browser.click_text("Save and continue").await;
    browser.wait_path("/apps").await;
    let account_id = support::account_id(&portal.store, DEMO_SELLER.0).await;
    let (info, _) = portal.store.developer(account_id).await.unwrap().expect("saved");
    assert_eq!(info.developer_name, NAME);
    assert_eq!(portal.store.idempotency_in_progress_count().await.unwrap(), 0);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_lost_after_the_app_was_created_leaves_one_app() {
    let portal = Portal::start().await;
    approve_demo_seller(&portal).await;
    let browser = Browser::start().await;
    browser.goto(&portal.url("/")).await;
    browser.sign_in(DEMO_SELLER.0, DEMO_SELLER.1).await;
    browser.wait_path("/apps").await;
    browser.goto(&portal.url("/apps/new/commercial")).await;
    browser.fill("name", "OrderSync").await;

    // The server creates the app, then the connection breaks before the answer arrives.
    // Browsers resend a request whose connection closed unanswered by themselves (with
    // the same key, so that alone creates nothing twice): every such resend breaks too.
    portal.arm_times("POST", "/apps", "drop", 0, 10);
    browser.click_text("Create app").await;
    browser
        .wait_text(".error-summary", "We could not reach the portal's server")
        .await;
    assert_eq!(browser.value("name").await, "OrderSync");
    portal.faults.clear();

    // Trying again gets the app that was created, not a second one.
    browser.click_text("Create app").await;
    browser.wait_text("h1", "OrderSync").await;
    let seller_id = support::account_id(&portal.store, DEMO_SELLER.0).await;
    let apps = portal.store.apps(seller_id).await.unwrap();
    assert_eq!(apps.len(), 1, "exactly one app stored");
    assert_eq!(portal.store.idempotency_in_progress_count().await.unwrap(), 0);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn choosing_the_app_type_says_when_the_server_fails_and_continues_on_retry() {
    let portal = Portal::start().await;
    let browser = Browser::start().await;
    at_developer_info(&browser, &portal).await;
    browser.click_text("Save and continue").await;
    browser.wait_path("/apps").await;
    browser.click_text("Create App").await;
    browser.wait_path("/apps/new").await;

    portal.arm("GET", "/qualification", "fail", 0);
    browser.click_text("Continue").await;
    browser
        .wait_text("[role=alert]", "Something went wrong on our side (error 500)")
        .await;
    browser.wait_path("/apps/new").await;
    browser.click_text("Continue").await;
    browser.wait_path("/qualification").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_words_that_cannot_be_fetched_are_explained_and_sign_in_still_works() {
    // An upload that left out the pages' words (or a CDN that refuses them): the sign-in
    // form needs only the first file; the next page says what is wrong instead of showing
    // message keys.
    let copy = dist_with_config(r#"{"api_base_url": "api/v1"}"#);
    for file in ["en.pages.json", "en.pages.json.br", "en.pages.json.gz"] {
        let _ = std::fs::remove_file(copy.path().join(file));
    }
    let portal = Portal::start_with_dist(copy.path().to_owned()).await;
    let browser = Browser::start().await;
    browser.goto(&portal.url("/")).await;
    browser.wait_path("/sign-in").await;
    browser.wait_text("h1", "Sign in").await;
    browser.sign_in(DEMO_SELLER.0, DEMO_SELLER.1).await;
    browser.wait_path("/agreement").await;
    browser
        .wait_text("main [role=alert]", "could not load its texts. Reload the page.")
        .await;
    assert!(!browser.text("main").await.contains("agreement_title"));
    browser.close().await;
}
