//! The app console's settings in real browsers: callback URLs and the IP allow-list added,
//! refused by the shared rules with the reason beside the entry, saved, removed, and shown
//! again after a reload.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use portal_server::{seed::DEMO_SELLER, store::AppList};
use support::{approve_demo_seller, Browser, Portal};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn callback_urls_are_added_checked_saved_and_removed() {
    let portal = Portal::start().await;
    approve_demo_seller(&portal).await;
    let browser = Browser::start().await;
    browser.goto(&portal.url("/apps/new/commercial")).await;
    browser.sign_in(DEMO_SELLER.0, DEMO_SELLER.1).await;
    browser.wait_path("/apps/new/commercial").await;
    browser.fill("name", "ShopHelper").await;
    browser.click_text("Create app").await;
    browser.wait_text("h1", "ShopHelper").await;
    let path = browser.client.current_url().await.unwrap().path().to_owned();
    let app_id: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
    browser.wait_text("#callback-urls", "Callback URLs").await;

    // Two URLs, the first on plain http to a real host: refused beside it and in the summary.
    browser.click_text("Add a callback URL").await;
    browser.wait_focused("callback_urls_0").await;
    browser
        .fill("callback_urls_0", "http://shop.example.com/cb")
        .await;
    browser.click_text("Add a callback URL").await;
    browser.wait_focused("callback_urls_1").await;
    browser
        .fill("callback_urls_1", "https://shop.example.com/oauth?from=portal")
        .await;
    browser.click_text("Save callback URLs").await;
    browser
        .wait_text("#callback_urls_0-error", "starts with https://")
        .await;
    browser
        .wait_text("#callback-urls .error-summary", "starts with https://")
        .await;
    browser.checkpoint("callback-urls-errors").await;
    assert!(stored(&portal, app_id, AppList::CallbackUrls).await.is_empty());

    // Mended and saved, in order.
    browser
        .fill("callback_urls_0", "https://shop.example.com/cb")
        .await;
    browser.click_text("Save callback URLs").await;
    browser
        .wait_text("#callback-urls [role=status]", "Callback URLs saved")
        .await;
    assert_eq!(
        stored(&portal, app_id, AppList::CallbackUrls).await,
        [
            "https://shop.example.com/cb",
            "https://shop.example.com/oauth?from=portal"
        ]
    );
    browser.checkpoint("callback-urls-saved").await;

    // The first removed: the second moves up, focus with it; saved again.
    browser.click("button[aria-label='Remove callback URL 1']").await;
    browser.wait_focused("callback_urls_0").await;
    assert_eq!(
        browser.value("callback_urls_0").await,
        "https://shop.example.com/oauth?from=portal"
    );
    assert!(browser.absent("#callback_urls_1").await);
    browser.click_text("Save callback URLs").await;
    browser
        .wait_text("#callback-urls [role=status]", "Callback URLs saved")
        .await;
    assert_eq!(
        stored(&portal, app_id, AppList::CallbackUrls).await,
        ["https://shop.example.com/oauth?from=portal"]
    );

    // The IP allow-list: a range with host bits is refused naming the range meant.
    browser.click_text("Add an address or range").await;
    browser.wait_focused("allowed_sources_0").await;
    browser.fill("allowed_sources_0", "198.51.100.7/24").await;
    browser.click_text("Save the allow-list").await;
    browser
        .wait_text("#allowed_sources_0-error", "This range starts at 198.51.100.0/24")
        .await;
    browser.checkpoint("allow-list-errors").await;
    browser.fill("allowed_sources_0", "198.51.100.0/24").await;
    browser.click_text("Save the allow-list").await;
    browser
        .wait_text("#allowed-sources [role=status]", "Allow-list saved")
        .await;
    assert_eq!(
        stored(&portal, app_id, AppList::AllowedSources).await,
        ["198.51.100.0/24"]
    );

    // What the server keeps is what the console shows after a reload.
    browser.goto(&portal.url(&path)).await;
    browser.wait_text("h1", "ShopHelper").await;
    assert_eq!(
        browser.value("callback_urls_0").await,
        "https://shop.example.com/oauth?from=portal"
    );
    assert_eq!(browser.value("allowed_sources_0").await, "198.51.100.0/24");
    browser.close().await;
}

/// What the server keeps of the app's `list`.
async fn stored(portal: &Portal, app_id: i64, list: AppList) -> Vec<String> {
    portal.store.app_list(app_id, list).await.unwrap()
}
