//! The split release build in a real browser: while a seller reads one page, the code of
//! the page they usually open next is fetched (from the sign-in form, the pages' words too).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use portal_server::seed::DEMO_SELLER;
use support::{Browser, Portal};

/// The files the page has fetched so far (file names).
async fn fetched(browser: &Browser) -> Vec<String> {
    started(browser)
        .await
        .0
        .into_iter()
        .map(|(file, _, _)| file)
        .collect()
}

async fn wait_for_chunk(browser: &Browser, page: &str) -> Vec<String> {
    for _ in 0..100 {
        let fetched = fetched(browser).await;
        if fetched.iter().any(|f| f.contains(page)) {
            return fetched;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{page} was never fetched: {:?}", fetched(browser).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_next_pages_code_is_fetched_while_the_current_page_is_read() {
    let portal = Portal::start().await;
    let browser = Browser::start().await;
    browser.goto(&portal.url("/")).await;
    browser.wait_path("/sign-in").await;
    // While the password is typed, the pages that follow sign-in arrive (the form itself
    // needs only the shell: the size report keeps chunks out of the initial load).
    let fetched = wait_for_chunk(&browser, "split_agreement_page_").await;
    assert!(fetched
        .iter()
        .any(|f| f.starts_with("portal-web-") && f.ends_with("_bg.wasm")));
    // The form needs only the first screen's words, English's inside the app; the pages'
    // follow while it is read.
    assert!(!fetched.iter().any(|f| f == "en.json"), "{fetched:?}");
    wait_for_chunk(&browser, "en.pages.json").await;
    browser.sign_in(DEMO_SELLER.0, DEMO_SELLER.1).await;
    browser.wait_path("/agreement").await;
    browser.wait_text("h1", "API use agreement").await;
    // Reading the agreement, the developer information page is fetched before it is opened.
    wait_for_chunk(&browser, "split_developer_page_").await;
    browser.close().await;
}

/// When each request of the page started and ended, by file name, with the first
/// contentful paint (`None` where the browser does not report paints).
async fn started(browser: &Browser) -> (Vec<(String, f64, f64)>, Option<f64>) {
    let found = browser
        .client
        .execute(
            "return [performance.getEntriesByType('resource').map(e => [e.name.split('/').pop(), e.startTime, e.responseEnd]),
                     performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null];",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sign_in_form_is_shown_before_anything_it_does_not_need_is_asked_for() {
    let portal = Portal::start().await;
    let browser = Browser::start().await;
    browser.goto(&portal.url("/sign-in")).await;
    browser.wait_text("h1", "Sign in").await;
    wait_for_chunk(&browser, "split_agreement_page_").await;
    wait_for_chunk(&browser, "service").await;
    let (requests, painted) = started(&browser).await;
    // Beside the wasm the page asks for its stylesheet and the app's module (which starts
    // the app itself) only: no start script, no embed.js, no loader of the chunks' own, no
    // icon (it is inside the page), no words (English's first are inside the app), and the
    // configuration once the wasm is here (the app reads it once the form is painted).
    let request = |name: &str| requests.iter().find(|(f, _, _)| f.starts_with(name));
    for (file, _, _) in &requests {
        assert!(
            !(["boot.js", "embed.js", "favicon.svg", "en.json"].contains(&file.as_str())
                || file.starts_with("wasm-split-")),
            "{file}: {requests:?}"
        );
    }
    let wasm = requests
        .iter()
        .find(|(f, _, _)| f.starts_with("portal-web-") && f.ends_with("_bg.wasm"))
        .expect("the wasm");
    assert!(
        request("main-").is_some() && request("portal-web-").is_some(),
        "{requests:?}"
    );
    let config = request("config.json").expect("the configuration is read");
    assert!(
        config.1 >= wasm.2,
        "config.json asked for at {} ms, before the wasm was here at {} ms",
        config.1,
        wasm.2
    );
    // The configuration, the API check, the pages' words and the next pages' code wait
    // for the first paint (or, in a browser that does not report it, a second).
    let first_screen_done = painted.unwrap_or(1_000.0);
    for (file, at, _) in &requests {
        if file == "service"
            || file == "config.json"
            || file.ends_with(".pages.json")
            || file.starts_with("chunk_")
            || file.starts_with("split_")
        {
            assert!(
                *at >= first_screen_done,
                "{file} asked for at {at} ms, before the first paint at {first_screen_done} ms: {requests:?}"
            );
        }
    }
    browser.close().await;
}
