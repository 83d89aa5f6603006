//! What the journey costs in API calls, counted by the browser itself (its resource timing
//! entries): the account's standing is fetched once per sign-in and held for every page,
//! writes hand their answers on, and a page's independent data loads side by side.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use portal_server::seed::{DEMO_REVIEWER, DEMO_SELLER};
use support::{accept_and_apply, Browser, Portal};

/// The API requests the page has made so far, as `/path` under the API's base.
async fn api_calls(browser: &Browser) -> Vec<String> {
    let found = browser
        .client
        .execute(
            "return performance.getEntriesByType('resource')
               .map(e => e.name).filter(n => n.includes('/api/v1/'))
               .map(n => new URL(n).pathname.replace(/^.*\\/api\\/v1/, ''));",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_journey_to_a_revealed_secret_takes_at_most_twenty_calls_and_one_look_at_the_account() {
    let portal = Portal::start().await;
    let browser = Browser::start().await;
    browser.goto(&portal.url("/")).await;
    // Room for every entry of the walk (the default buffer keeps 250).
    browser
        .client
        .execute("performance.setResourceTimingBufferSize(1000);", vec![])
        .await
        .unwrap();
    browser.sign_in(DEMO_SELLER.0, DEMO_SELLER.1).await;

    browser.wait_path("/agreement").await;
    accept_and_apply(&browser, &portal).await;

    // A reviewer approves the application somewhere else.
    let store = &portal.store;
    let seller_id = support::account_id(store, DEMO_SELLER.0).await;
    let reviewer_id = support::account_id(store, DEMO_REVIEWER.0).await;
    let application = store.qualification_of(seller_id).await.unwrap().unwrap();
    assert!(store
        .decide(application.id, reviewer_id, true, None, 1_790_000_100)
        .await
        .unwrap());

    // The seller sees it on the app list, creates an app and reveals its secret.
    browser.click_text("Your apps").await;
    browser.wait_path("/apps").await;
    browser.wait_text("main", "You have no apps yet").await;
    browser.click_text("Create App").await;
    browser.wait_path("/apps/new").await;
    browser.click_text("Continue").await;
    browser.wait_path("/apps/new/commercial").await;
    browser.fill("name", "OrderSync").await;
    browser.click_text("Create app").await;
    browser.wait_text("h1", "OrderSync").await;
    browser.click_text("Reveal").await;
    browser.fill("password", DEMO_SELLER.1).await;
    browser.click("dialog[open] button[type=submit]").await;
    browser.wait_text("main", "Hidden again in").await;
    assert_eq!(browser.text("#app-secret").await.len(), 40, "the secret is shown");

    let calls = api_calls(&browser).await;
    eprintln!("{} API calls: {calls:?}", calls.len());
    assert_eq!(
        calls.iter().filter(|c| *c == "/me").count(),
        1,
        "GET /me once: {calls:?}"
    );
    assert!(calls.len() <= 20, "{} calls: {calls:?}", calls.len());
    // Nothing was skipped: each write happened once.
    for write in [
        "/session",
        "/agreement/acceptance",
        "/developer",
        "/uploads/licence",
        "/qualification",
        "/apps",
    ] {
        assert!(calls.iter().any(|c| c == write), "{write} in {calls:?}");
    }
    browser.close().await;
}
