//! Sign-in and the API use agreement in real headless Chromium, against the reference
//! server serving the release build.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use portal_server::seed::DEMO_SELLER;
use support::{Browser, Portal};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_accept_the_agreement_sign_out_and_back_in() {
    let portal = Portal::start().await;
    let browser = Browser::start().await;

    // A deep link while signed out goes to sign-in, and comes back after.
    browser.goto(&portal.url("/agreement")).await;
    browser.wait_path("/sign-in").await;
    browser.wait_text("h1", "Sign in").await;
    browser.sign_in(DEMO_SELLER.0, DEMO_SELLER.1).await;

    browser.wait_path("/agreement").await;
    browser.wait_text("h1", "API use agreement").await;
    browser.wait_text(".agreement", "AppSecret").await;
    browser.wait_text(".meta", "Version 1").await;
    browser.checkpoint("agreement").await;
    browser.wait_text(".header__account", "demo-seller").await;

    // Continuing without ticking the box is refused, beside the box and in the summary.
    browser.click_text("Accept and continue").await;
    browser
        .wait_text(
            ".error-summary",
            "Confirm that you have read and accept the agreement",
        )
        .await;
    browser
        .wait_text(".field__error", "Confirm that you have read")
        .await;
    browser.wait_focused("error-summary").await;

    browser.find("#confirmed").await.click().await.unwrap();
    browser.click_text("Accept and continue").await;
    browser.wait_path("/developer").await;
    browser.wait_text("h1", "Developer information").await;

    // The acceptance is stored: account, version, time.
    let account_id = support::account_id(&portal.store, DEMO_SELLER.0).await;
    let (version, at) = portal
        .store
        .latest_acceptance(account_id)
        .await
        .unwrap()
        .expect("acceptance stored");
    assert_eq!(version, 1);
    assert!(at > 1_700_000_000);

    // A refresh keeps the session and the page.
    browser.client.refresh().await.unwrap();
    browser.wait_text("h1", "Developer information").await;

    // Signing out ends the session (and tells the page, as an embedding host hears it);
    // signing in again skips the agreement.
    browser
        .client
        .execute(
            "window.signedOut = 0; document.getElementById('portal')
               .addEventListener('portal:signed-out', () => window.signedOut += 1);",
            vec![],
        )
        .await
        .unwrap();
    browser.click_text("Sign out").await;
    browser.wait_path("/sign-in").await;
    let heard = browser
        .client
        .execute("return window.signedOut;", vec![])
        .await
        .unwrap();
    assert_eq!(heard, 1, "portal:signed-out events");
    browser.goto(&portal.url("/developer")).await;
    browser.wait_path("/sign-in").await;
    browser.sign_in(DEMO_SELLER.0, DEMO_SELLER.1).await;
    browser.wait_path("/developer").await;
    browser.wait_text("h1", "Developer information").await;

    // A new agreement version asks again.
    let v2 = portal
        .store
        .publish_agreement(
            "API Use Agreement",
            "Version two adds a clause about webhooks.",
            1_790_000_100,
        )
        .await
        .unwrap();
    assert_eq!(v2, 2);
    browser.goto(&portal.url("/")).await;
    browser.wait_path("/agreement").await;
    browser.wait_text(".meta", "Version 2").await;
    browser.wait_text(".agreement", "webhooks").await;
    browser.find("#confirmed").await.click().await.unwrap();
    browser.click_text("Accept and continue").await;
    browser.wait_path("/developer").await;
    assert_eq!(
        portal
            .store
            .latest_acceptance(account_id)
            .await
            .unwrap()
            .map(|a| a.0),
        Some(2)
    );

    browser.close().await;
}

/// Runs `script` in the page and returns what it returns.
async fn js(browser: &Browser, script: &str) -> serde_json::Value {
    browser.client.execute(script, vec![]).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_back_and_forward_change_the_page_without_reloading_it() {
    let portal = Portal::start().await;
    let browser = Browser::start().await;
    browser.goto(&portal.url("/")).await;
    browser.wait_path("/sign-in").await;
    browser.sign_in(DEMO_SELLER.0, DEMO_SELLER.1).await;
    browser.wait_path("/agreement").await;
    browser.wait_text("h1", "API use agreement").await;
    // Gone if the page is loaded again: every step below stays in this one page.
    js(&browser, "window.stillThisPage = true;").await;

    browser.find("#confirmed").await.click().await.unwrap();
    browser.click_text("Accept and continue").await;
    browser.wait_path("/developer").await;
    browser.wait_text("h1", "Developer information").await;

    // Back and Forward show the page of the address, at once.
    js(&browser, "history.back();").await;
    browser.wait_path("/agreement").await;
    browser.wait_text("h1", "API use agreement").await;
    js(&browser, "history.forward();").await;
    browser.wait_path("/developer").await;
    browser.wait_text("h1", "Developer information").await;

    // The brand link leads home, which sends this seller on to the step they are at, in
    // its place: one new entry in the history, not a home page that Back returns to.
    let entries = js(&browser, "return history.length;").await;
    browser.click(".header__brand").await;
    browser.wait_path("/developer").await;
    assert_eq!(
        js(&browser, "return history.length;").await.as_i64(),
        entries.as_i64().map(|n| n + 1)
    );
    assert_eq!(js(&browser, "return window.stillThisPage === true;").await, true);

    // A click with a modifier key (a new tab) is left to the browser: the portal does not
    // take it over. The listener below runs after the portal's and stops the new tab.
    let taken = js(
        &browser,
        "let taken = null;
         window.addEventListener('click', e => { taken = e.defaultPrevented; e.preventDefault(); }, { once: true });
         document.querySelector('.header__brand').dispatchEvent(
           new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true }));
         return taken;",
    )
    .await;
    assert_eq!(taken, false, "a ctrl-click was taken over");
    // A plain one is the portal's.
    let taken = js(
        &browser,
        "let taken = null;
         window.addEventListener('click', e => { taken = e.defaultPrevented; }, { once: true });
         document.querySelector('.header__brand').dispatchEvent(
           new MouseEvent('click', { bubbles: true, cancelable: true }));
         return taken;",
    )
    .await;
    assert_eq!(taken, true, "a plain click on a portal link reloaded the page");

    // A link to an address that names no page says so, in place.
    js(
        &browser,
        "const a = document.createElement('a');
         a.href = 'apps/not-a-number'; a.id = 'nowhere'; a.textContent = 'nowhere';
         document.getElementById('portal').append(a);",
    )
    .await;
    browser.click("#nowhere").await;
    browser.wait_path("/apps/not-a-number").await;
    browser.wait_text("h1", "Page not found").await;
    assert_eq!(js(&browser, "return window.stillThisPage === true;").await, true);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_password_says_so_and_keeps_the_account_name() {
    let portal = Portal::start().await;
    let browser = Browser::start().await;
    browser.goto(&portal.url("/sign-in")).await;

    // Empty answers: the shared rules speak before anything is sent.
    browser.click_text("Sign in").await;
    browser
        .wait_text(".error-summary", "Enter your seller account name")
        .await;
    browser.wait_text(".error-summary", "Enter your password").await;
    browser.wait_focused("error-summary").await;

    browser.sign_in(DEMO_SELLER.0, "not-the-password").await;
    browser
        .wait_text(".error-summary", "The account name or password is incorrect")
        .await;
    assert_eq!(browser.value("account").await, DEMO_SELLER.0);
    assert_eq!(browser.value("password").await, "not-the-password");
    browser.checkpoint("sign-in-error").await;

    browser.wait_path("/sign-in").await;

    // The summary links to the field.
    browser
        .click_text("The account name or password is incorrect")
        .await;
    browser.wait_focused("account").await;

    // An account the operators disabled is told so once its password is right.
    let account_id = support::account_id(&portal.store, DEMO_SELLER.0).await;
    portal
        .store
        .set_disabled(account_id, Some(1_790_000_000))
        .await
        .unwrap();
    browser.sign_in(DEMO_SELLER.0, DEMO_SELLER.1).await;
    browser
        .wait_text(
            ".error-summary",
            "This account is disabled. Ask the platform's operators",
        )
        .await;
    assert_eq!(browser.value("account").await, DEMO_SELLER.0);
    browser.wait_path("/sign-in").await;
    portal.store.set_disabled(account_id, None).await.unwrap();

    // Guessing further is slowed down, and the page says for how long: after many
    // failures from this address the pause has grown to its longest.
    let now = portal_server::clock::Clock::now(&portal_server::clock::SystemClock);
    for _ in 0..20 {
        portal
            .store
            .record_failure(DEMO_SELLER.0, "127.0.0.1", portal_server::throttle::SIGN_IN, now)
            .await
            .unwrap();
    }
    browser.click_text("Sign in").await;
    browser
        .wait_text(
            ".error-summary",
            "Too many incorrect passwords. For your security, try again in 15 minutes",
        )
        .await;
    assert_eq!(browser.value("account").await, DEMO_SELLER.0);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_api_is_explained_and_what_was_typed_is_kept() {
    // The API base URL points at a port where nothing listens.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let copy = support::dist_with_config(&format!(
        "{{\"api_base_url\": \"http://127.0.0.1:{closed}/api/v1\"}}"
    ));
    let portal = Portal::start_with_dist(copy.path().to_owned()).await;
    let browser = Browser::start().await;
    browser.goto(&portal.url("/sign-in")).await;
    // The page names the API it cannot reach, and the origin it must allow.
    let api = format!("http://127.0.0.1:{closed}/api/v1");
    browser
        .wait_text(
            "[role=alert]",
            &format!("The portal's API at {api} could not be reached"),
        )
        .await;
    browser
        .wait_text("[role=alert]", &format!("this page's origin {}", portal.base))
        .await;
    browser.sign_in(DEMO_SELLER.0, DEMO_SELLER.1).await;
    browser
        .wait_text(
            ".error-summary",
            &format!("We could not reach the portal's server at {api}"),
        )
        .await;
    assert_eq!(browser.value("account").await, DEMO_SELLER.0);
    assert_eq!(browser.value("password").await, DEMO_SELLER.1);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_config_file_is_explained_on_the_page() {
    let copy = support::dist_with_config("{ \"api_base_url\": ");
    let portal = Portal::start_with_dist(copy.path().to_owned()).await;
    let browser = Browser::start().await;
    browser.goto(&portal.url("/sign-in")).await;
    browser.wait_text("[role=alert]", "The portal cannot start").await;
    browser
        .wait_text("[role=alert]", "config.json is not valid")
        .await;
    // The sign-in form, drawn while the file was read, is gone with it.
    assert!(browser.absent("#account").await);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn router_base_in_config_json_wins_over_the_base_the_address_implies() {
    // The first page is drawn before config.json is read, under the base the address
    // implies (`/developers` for `/developers/sign-in`); the file says the portal lives at
    // the site's root, where `/developers/sign-in` is no page of the portal.
    let copy = support::dist_with_config(r#"{"api_base_url": "/api/v1", "router_base": "/"}"#);
    let portal = Portal::start_with_dist(copy.path().to_owned()).await;
    let browser = Browser::start().await;
    browser.goto(&portal.url("/developers/sign-in")).await;
    browser.wait_text("h1", "Page not found").await;
    // At the root it is the sign-in page, and links lead from there.
    browser.goto(&portal.url("/sign-in")).await;
    browser.wait_text("h1", "Sign in").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_that_is_not_the_api_stops_the_portal_with_the_reason() {
    // An operator's typo: the API base URL points at the site itself.
    let copy = support::dist_with_config(r#"{"api_base_url": "not-the-api/v1"}"#);
    let portal = Portal::start_with_dist(copy.path().to_owned()).await;
    let browser = Browser::start().await;
    browser.goto(&portal.url("/sign-in")).await;
    browser.wait_text("[role=alert]", "The portal cannot start").await;
    browser
        .wait_text(
            "[role=alert]",
            &format!(
                "api_base_url is {}/not-the-api/v1, which does not answer as the portal's API",
                portal.base
            ),
        )
        .await;
    assert!(browser.absent("#account").await);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_accessibility_check_catches_a_real_violation() {
    let portal = Portal::start().await;
    let browser = Browser::start().await;
    browser.goto(&portal.url("/sign-in")).await;
    browser.wait_text("h1", "Sign in").await;
    assert_eq!(browser.violations().await, Vec::<String>::new());
    browser
        .client
        .execute("const i = document.createElement('img'); i.src = 'favicon.svg'; document.querySelector('main').append(i);", vec![])
        .await
        .unwrap();
    let found = browser.violations().await;
    assert!(found.iter().any(|v| v.starts_with("image-alt")), "{found:?}");
    browser.close().await;
}

/// The stand-alone page drops the handle `mount` returns; collecting it must not take
/// the portal off the page (Firefox did, a minute into the journey).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portal_stays_on_the_page_when_the_browser_collects_garbage() {
    let portal = Portal::start().await;
    let browser = Browser::start().await;
    browser.goto(&portal.url("/sign-in")).await;
    browser.wait_text("h1", "Sign in").await;
    // A host that mounts a second portal and keeps no handle; then collect, and let the
    // finalisers run (they come in a later task), a few times over.
    let collected = browser
        .client
        .execute(
            "if (typeof gc !== 'function') return false;
             return (async () => {
             const { mount } = await import(new URL('embed.js', document.baseURI));
             const second = document.createElement('div');
             second.id = 'second';
             document.body.append(second);
             await mount(second, {});
             for (let i = 0; i < 50 && !second.querySelector('h1'); i++) await new Promise(r => setTimeout(r, 100));
             if (!second.querySelector('h1')) return 'the second portal never showed';
             for (let i = 0; i < 5; i++) { gc(); await new Promise(r => setTimeout(r, 50)); }
             return true;
             })();",
            vec![],
        )
        .await
        .unwrap();
    if collected.is_string() {
        panic!("{collected}");
    }
    if collected != serde_json::Value::Bool(true) {
        browser.skip(
            "the portal outliving its handle",
            "the engine offers no way to collect garbage on demand",
        );
        return browser.close().await;
    }
    browser.wait_text("#second h1", "Sign in").await;
    browser.fill("account", DEMO_SELLER.0).await;
    browser.fill("password", DEMO_SELLER.1).await;
    browser.click_text("Sign in").await;
    browser.wait_path("/agreement").await;
    browser.wait_text("h1", "API use agreement").await;
    browser.close().await;
}

/// Static hosting under a strict CSP: the built page carries no inline script or style.
#[test]
fn the_built_page_has_no_inline_script_or_style() {
    let html = std::fs::read_to_string(support::dist().join("index.html")).unwrap();
    let scripts: Vec<&str> = html
        .split("<script")
        .skip(1)
        .map(|s| s.split('>').next().unwrap_or_default())
        .collect();
    assert!(!scripts.is_empty(), "the page loads its script");
    for attrs in scripts {
        assert!(attrs.contains(" src="), "inline script: <script{attrs}>");
    }
    assert!(!html.contains("<style"), "inline <style> element");
    assert!(!html.contains(" style="), "inline style attribute");
}
