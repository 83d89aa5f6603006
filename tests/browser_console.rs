//! The app console in real browsers: callback URLs and the IP allow-list added, refused by
//! the shared rules with the reason beside the entry, saved, removed, and shown again after a
//! reload; the AppSecret rotated with the grace period chosen, the replaced one revoked, its
//! use counted and charted, and all of it in the activity log; API permission groups asked
//! for, decided by a reviewer and shown with their state; a dialog opened again at once stays
//! open.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use portal_server::{
    seed::{DEMO_REVIEWER, DEMO_SELLER},
    store::AppList,
    Settings,
};
use support::{approve_demo_seller, Browser, Portal};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn callback_urls_are_added_checked_saved_and_removed() {
    let (portal, browser) = (Portal::start().await, Browser::start().await);
    let (app_id, path) = new_app_console(&portal, &browser).await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_rotate_as_chosen_and_the_activity_log_shows_it() {
    let (portal, browser) = (Portal::start().await, Browser::start().await);
    let (_, path) = new_app_console(&portal, &browser).await;
    let key = browser.text("#app-key").await;
    browser.wait_text("#secret-state", "never used").await;
    browser.wait_text(".usage", "No calls in the last 14 days").await;

    // Two calls through the gateway: the console shows the secret's last use and the count.
    browser.click_text("Reveal").await;
    browser.fill("password", DEMO_SELLER.1).await;
    browser.click("dialog[open] button[type=submit]").await;
    browser.wait_text("main", "Hidden again in").await;
    let first = browser.text("#app-secret").await;
    assert!(portal.gateway_check(&key, &first).await && portal.gateway_check(&key, &first).await);
    browser.goto(&portal.url(&path)).await;
    browser.wait_text("#secret-state", "last used").await;
    browser
        .wait_text("#usage-summary", "Calls in the last 14 days: 2.")
        .await;
    assert_eq!(browser.find_all(".usage__bar").await.len(), 14);
    assert_eq!(browser.find_all(".usage__bar--empty").await.len(), 13);

    // Reset, keeping the old secret for an hour.
    browser.click_text("Reset secret").await;
    browser
        .wait_text(
            "dialog[open] legend",
            "How long should the current AppSecret keep working?",
        )
        .await;
    assert!(
        browser
            .find("#old_secret_hours-24")
            .await
            .is_selected()
            .await
            .unwrap(),
        "a day by default"
    );
    browser.click("label[for=old_secret_hours-1]").await;
    browser.fill("password", DEMO_SELLER.1).await;
    browser.checkpoint("reset-dialog").await;
    browser.click("dialog[open] button[type=submit]").await;
    browser.wait_text("#previous-secret", "Previous AppSecret").await;
    browser.wait_text("#previous-secret", "last used").await;
    browser.wait_text("#secret-state", "never used").await;
    browser
        .wait_text(".notice", "Your previous AppSecret keeps working until")
        .await;
    browser.checkpoint("console-two-secrets").await;
    let second = browser.text("#app-secret").await;
    let now = portal_server::clock::Clock::now(&portal_server::clock::SystemClock);
    assert!(portal.credentials_valid(&key, &first, now).await);
    assert!(
        !portal.credentials_valid(&key, &first, now + 3601).await,
        "an hour, not a day"
    );

    // Revoked before its hour is up: the row goes, focus stays on the secret's actions.
    browser.click_text("Revoke old secret now").await;
    browser
        .wait_text("dialog[open] h2", "Revoke the previous AppSecret now?")
        .await;
    browser.fill("password", DEMO_SELLER.1).await;
    browser.click("dialog[open] button[type=submit]").await;
    browser.wait_focused("reset-secret").await;
    assert!(browser.absent("#previous-secret").await);
    assert!(!portal.gateway_check(&key, &first).await);
    assert!(portal.gateway_check(&key, &second).await);

    // The activity log, newest first, with who and from where.
    browser.click("#audit-log summary").await;
    browser
        .wait_text("#audit-log tbody", "Previous AppSecret revoked")
        .await;
    let rows = browser.texts("#audit-log tbody tr td:nth-child(2)").await;
    assert_eq!(
        rows,
        [
            "Previous AppSecret revoked",
            "AppSecret reset",
            "AppSecret revealed"
        ]
    );
    browser.wait_text("#audit-log tbody", DEMO_SELLER.0).await;
    browser.wait_text("#audit-log tbody", "127.0.0.1").await;
    browser.checkpoint("activity-log").await;
    // A change made while it is open shows in it.
    browser.click_text("Add an address or range").await;
    browser.fill("allowed_sources_0", "127.0.0.1").await;
    browser.click_text("Save the allow-list").await;
    browser
        .wait_text("#audit-log tbody tr:first-child", "IP allow-list changed")
        .await;

    // The developer was told of the reset, the revocation and the allow-list by e-mail.
    let subjects: Vec<String> = portal
        .store
        .outbox()
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.subject)
        .filter(|s| s.starts_with("Security notice"))
        .collect();
    assert_eq!(subjects.len(), 3, "{subjects:?}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_goes_from_test_to_online_when_a_reviewer_approves() {
    let (portal, browser) = (Portal::start().await, Browser::start().await);
    let (app_id, path) = new_app_console(&portal, &browser).await;
    browser.wait_text(".summary .tag", "Test").await;
    browser
        .wait_text(
            "#go-live",
            "your app may make 5,000 calls a day and be authorised by 10 sellers",
        )
        .await;

    // The request: refused empty, beside each answer; then sent, on a timeline.
    browser.click_text("Ask to go online").await;
    browser
        .wait_text("#production_use-error", "Enter what the app does in production")
        .await;
    browser
        .fill("production_use", "Syncs orders for 300 sellers.")
        .await;
    browser.fill("expected_daily_calls", "20,000").await;
    browser.click_text("Ask to go online").await;
    browser
        .wait_text("#expected_daily_calls-error", "must be a whole number")
        .await;
    browser.checkpoint("go-live-errors").await;
    browser.fill("expected_daily_calls", "20000").await;
    browser.click_text("Ask to go online").await;
    browser.wait_text("#go-live-state", "Request sent").await;
    browser.wait_focused("go-live-state").await;
    browser
        .wait_text("#go-live", "A reviewer will look at your request")
        .await;
    browser.checkpoint("go-live-pending").await;
    browser.sign_out().await;

    // A reviewer finds it beside the applications and rejects it with a reason.
    browser.sign_in(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    browser.wait_path("/review").await;
    browser
        .wait_text("#go-live-queue + .table-wrap", "ShopHelper")
        .await;
    browser.click_text("ShopHelper").await;
    browser.wait_text("h1", "ShopHelper").await;
    browser.wait_text("main", "20,000").await;
    browser.click("#decision-reject").await;
    browser.fill("reason", "Say which order APIs you call.").await;
    browser.checkpoint("go-live-review").await;
    browser.click_text("Record decision").await;
    browser.wait_text(".tag", "Rejected").await;
    browser.sign_out().await;

    // The developer sees why and asks again; approved, the app is online.
    browser.sign_in(DEMO_SELLER.0, DEMO_SELLER.1).await;
    browser.wait_path("/apps").await;
    browser.goto(&portal.url(&path)).await;
    browser
        .wait_text("#go-live .reasons", "Say which order APIs you call.")
        .await;
    browser.checkpoint("go-live-rejected").await;
    browser
        .fill(
            "production_use",
            "Syncs orders through the order list and detail APIs.",
        )
        .await;
    browser.fill("expected_daily_calls", "20000").await;
    browser.click_text("Ask to go online").await;
    browser.wait_text("#go-live-state", "A reviewer will look").await;
    let account_id = support::account_id(&portal.store, DEMO_REVIEWER.0).await;
    assert!(portal
        .store
        .decide_go_live(app_id, account_id, true, None, 1_900_000_000)
        .await
        .unwrap());
    browser.goto(&portal.url(&path)).await;
    browser.wait_text(".summary .tag", "Online").await;
    browser.wait_text("#go-live", "Your app is online").await;
    browser.goto(&portal.url("/apps")).await;
    browser.wait_text(".table .tag", "Online").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn permission_groups_are_asked_for_with_a_reason_and_decided_by_a_reviewer() {
    let (portal, browser) = (Portal::start().await, Browser::start().await);
    let (app_id, path) = new_app_console(&portal, &browser).await;

    // Every group offered, none asked for; a sensitive one needs a reason.
    browser.wait_text("#permission-orders", "Orders").await;
    browser.wait_text("#permission-orders", "Sensitive").await;
    browser.wait_text("#permission-products", "Not requested").await;
    browser.click("label[for=group-orders]").await;
    browser.click_text("Ask for access").await;
    browser
        .wait_text("#business_reason-error", "Enter the business reason")
        .await;
    browser.checkpoint("permission-errors").await;
    browser
        .fill(
            "business_reason",
            "We print shipping labels for our sellers' orders.",
        )
        .await;
    browser.click_text("Ask for access").await;
    browser
        .wait_text(
            "#permission-sent",
            "Your request for Orders is waiting for a reviewer.",
        )
        .await;
    browser.wait_focused("permission-sent").await;
    browser
        .wait_text("#permission-orders", "Waiting for review")
        .await;
    // Orders is no longer offered; Products needs no reason.
    assert!(browser.find_all("#group-orders").await.is_empty());
    browser.click("label[for=group-products]").await;
    browser.click_text("Ask for access").await;
    browser
        .wait_text("#permission-products", "Waiting for review")
        .await;
    browser.checkpoint("permissions-pending").await;
    browser.sign_out().await;

    // A reviewer finds both beside the applications, reads the reason and rejects Orders.
    browser.sign_in(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    browser.wait_path("/review").await;
    browser
        .wait_text("#permission-queue + .table-wrap", "ShopHelper · Products")
        .await;
    browser.click_text("ShopHelper · Orders").await;
    browser.wait_text("h1", "ShopHelper · Orders").await;
    browser
        .wait_text("main", "We print shipping labels for our sellers' orders.")
        .await;
    browser.click("#decision-reject").await;
    browser.fill("reason", "Say which order fields you store.").await;
    browser.checkpoint("permission-review").await;
    browser.click_text("Record decision").await;
    browser.wait_text("main .tag", "Rejected").await;
    browser.sign_out().await;

    // The developer sees why; Products is granted meanwhile, and the gateway's check says so.
    let reviewer_id = support::account_id(&portal.store, DEMO_REVIEWER.0).await;
    let queue = portal.store.grant_queue().await.unwrap();
    let products = queue.iter().find(|i| i.grant.group == "products").unwrap();
    assert!(portal
        .store
        .decide_grant(products.grant.id, reviewer_id, true, None, 1_900_000_000)
        .await
        .unwrap());
    browser.sign_in(DEMO_SELLER.0, DEMO_SELLER.1).await;
    browser.wait_path("/apps").await;
    browser.goto(&portal.url(&path)).await;
    browser
        .wait_text("#permission-orders .reasons", "Say which order fields you store.")
        .await;
    browser.wait_text("#permission-orders", "Rejected on").await;
    browser.wait_text("#permission-products", "Active").await;
    browser.wait_text("#permission-products", "Since").await;
    browser.checkpoint("permissions-decided").await;
    let gateway = portal.store.gateway_view(app_id, 0).await.unwrap().unwrap();
    assert_eq!(gateway.groups, ["products"]);

    // Asked again with what was missing: waiting once more, and in the activity log.
    browser.click("label[for=group-orders]").await;
    browser
        .fill(
            "business_reason",
            "Order id and address only, kept 30 days, for labels.",
        )
        .await;
    browser.click_text("Ask for access").await;
    browser
        .wait_text("#permission-orders", "Waiting for review")
        .await;
    browser.click("#audit-log summary").await;
    browser
        .wait_text("#audit-log tbody", "Permission group request rejected · Orders")
        .await;
    browser
        .wait_text("#audit-log tbody", "Permission group asked for · Products")
        .await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_says_when_the_secret_reaches_the_operators_maximum_age() {
    // A maximum age of seconds (operators give days) to see both states in one test.
    let settings = Settings {
        max_secret_age_secs: Some(20),
        ..Settings::default()
    };
    let (portal, browser) = (
        Portal::start_with_settings(settings).await,
        Browser::start().await,
    );
    let (_, path) = new_app_console(&portal, &browser).await;
    browser
        .wait_text(
            "#secret-expiry",
            "this platform's maximum age. Reset it before then.",
        )
        .await;
    browser.checkpoint("secret-expires").await;
    // Past it: the console says the secret stopped, and Reset is the way on.
    tokio::time::sleep(std::time::Duration::from_secs(20)).await;
    browser.goto(&portal.url(&path)).await;
    browser
        .wait_text("#secret-expiry", "Reset it to get a new AppSecret.")
        .await;
    browser.checkpoint("secret-expired").await;
    browser.click("#reset-secret").await;
    browser.click("label[for=old_secret_hours-0]").await;
    browser.fill("password", DEMO_SELLER.1).await;
    browser.click("dialog[open] button[type=submit]").await;
    browser.wait_text("#secret-expiry", "Reset it before then.").await;
    browser.close().await;
}

/// Escape closes a dialog at once but the browser tells the page a moment later: a dialog
/// opened again in between (Escape, then Enter on Reveal straight away) stays open.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dialog_opened_again_before_its_close_is_told_stays_open() {
    let (portal, browser) = (Portal::start().await, Browser::start().await);
    new_app_console(&portal, &browser).await;
    browser.click_text("Reveal").await;
    browser.wait_text("dialog[open]", "Enter your password").await;
    // Closed and opened again in one task, so the close event comes after the opening.
    browser
        .client
        .execute(
            "document.querySelector('dialog[open]').close();
             [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Reveal').click();",
            vec![],
        )
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(
        !browser.absent("dialog[open]").await,
        "the dialog opened again is still open"
    );
    browser.wait_text("dialog[open]", "Enter your password").await;
    browser.close().await;
}

/// Creates the app ShopHelper as the approved demo seller; its id and console path.
async fn new_app_console(portal: &Portal, browser: &Browser) -> (i64, String) {
    approve_demo_seller(portal).await;
    browser.goto(&portal.url("/apps/new/commercial")).await;
    browser.sign_in(DEMO_SELLER.0, DEMO_SELLER.1).await;
    browser.wait_path("/apps/new/commercial").await;
    browser.fill("name", "ShopHelper").await;
    browser.click_text("Create app").await;
    browser.wait_text("h1", "ShopHelper").await;
    let path = browser.client.current_url().await.unwrap().path().to_owned();
    (path.rsplit('/').next().unwrap().parse().unwrap(), path)
}

/// What the server keeps of the app's `list`.
async fn stored(portal: &Portal, app_id: i64, list: AppList) -> Vec<String> {
    portal.store.app_list(app_id, list).await.unwrap()
}
