//! The portal deployed as deploy/nginx.conf says: the release build served by nginx under
//! /developers/ and at the site root of the same nginx, the API (the reference server,
//! API-only) on another origin. The journey in real headless Chromium with every write
//! crossing origins, a deep link refreshed, no CSP violation, no failed load.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use portal_server::seed::DEMO_SELLER;
use support::{
    dist_with_config, free_port, journey_to_an_app_key, problems, styled, watch, Browser, Nginx, Portal, Site,
};

/// A deployment: the API on one origin, nginx with the app under a sub-path on a second
/// origin and at the root of a third.
struct Deployment {
    api: Portal,
    under_path: String,
    at_root: String,
    _dist: tempfile::TempDir,
    _nginx: Nginx,
}

async fn deploy() -> Deployment {
    deploy_with_cors(true).await
}

/// A deployment whose API allows the two sites' origins, or (a forgotten `--cors-origin`) none.
async fn deploy_with_cors(allowed: bool) -> Deployment {
    let (sub_port, root_port) = (free_port(), free_port());
    let origins = [
        format!("http://127.0.0.1:{sub_port}"),
        format!("http://127.0.0.1:{root_port}"),
    ];
    // Its e-mails' links lead to the portal under the sub-path, as `--public-url` says.
    let under_path = format!("{}/developers/", origins[0]);
    let api = Portal::start_api_only_for(if allowed { &origins[..] } else { &[] }, &under_path).await;
    // The one edit an operator makes: where the API is.
    let dist = dist_with_config(&format!(r#"{{"api_base_url": "{}/api/v1"}}"#, api.base));
    let nginx = Nginx::start(
        &[
            Site {
                path: "/developers/",
                port: sub_port,
            },
            Site {
                path: "/",
                port: root_port,
            },
        ],
        dist.path(),
        &api.base,
    );
    Deployment {
        api,
        under_path,
        at_root: format!("{}/", origins[1]),
        _dist: dist,
        _nginx: nginx,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_a_sub_path_with_the_api_elsewhere_the_journey_reaches_an_app_key() {
    let site = deploy().await;
    let browser = Browser::start().await;
    browser.serve_under("/developers");

    browser.goto(&site.under_path).await;
    let app_key = journey_to_an_app_key(&browser, &site.api).await;
    assert!(styled(&browser).await, "the stylesheet applies");

    // Every write reached the API on its own origin.
    let seller_id = support::account_id(&site.api.store, DEMO_SELLER.0).await;
    let apps = site.api.store.apps(seller_id).await.unwrap();
    assert_eq!(apps.len(), 1);

    // A deep link survives a refresh: the page and its files come back from nginx.
    let deep = browser.client.current_url().await.unwrap();
    assert!(deep.path().starts_with("/developers/apps/"), "{deep}");
    browser.client.refresh().await.unwrap();
    browser.wait_text("h1", "ShopHelper").await;
    assert_eq!(browser.text("#app-key").await, app_key);
    assert!(styled(&browser).await);

    // A stale or mistyped deep link says so under the sub-path, and its link home leads
    // back into the portal there.
    browser
        .goto(&format!("{}apps/not-a-number", site.under_path))
        .await;
    browser.wait_text("h1", "Page not found").await;
    browser.click_text("Go to the start").await;
    browser.wait_path("/apps").await;

    // The e-mail's link leads to the portal under its sub-path; opened a second time, it says
    // it was used, and the token leaves the address bar.
    let link = site.api.verification_link().await;
    assert!(
        link.starts_with(&format!("{}verify-email#", site.under_path)),
        "{link}"
    );
    browser.goto(&link).await;
    browser.wait_text("h1", "This link has been used").await;
    let at = browser.client.current_url().await.unwrap();
    assert_eq!((at.path(), at.fragment()), ("/developers/verify-email", None));
    watch(&browser).await;
    assert_eq!(problems(&browser).await, Vec::<String>::new());
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_build_at_the_site_root_of_the_same_nginx_signs_in() {
    let site = deploy().await;
    let browser = Browser::start().await;
    browser.goto(&format!("{}agreement", site.at_root)).await;
    watch(&browser).await;
    browser.sign_in(DEMO_SELLER.0, DEMO_SELLER.1).await;
    browser.wait_path("/agreement").await;
    browser.click("#confirmed").await;
    browser.click_text("Accept and continue").await;
    browser.wait_path("/developer").await;
    assert!(styled(&browser).await);
    assert_eq!(problems(&browser).await, Vec::<String>::new());
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_api_that_refuses_this_origin_is_named_with_the_origin_to_allow() {
    let site = deploy_with_cors(false).await;
    let browser = Browser::start().await;
    browser.serve_under("/developers");
    browser.goto(&site.under_path).await;
    let origin = site.under_path.trim_end_matches("/developers/");
    browser
        .wait_text(
            "[role=alert]",
            &format!(
                "The portal's API at {}/api/v1 could not be reached",
                site.api.base
            ),
        )
        .await;
    browser
        .wait_text("[role=alert]", &format!("this page's origin {origin}"))
        .await;
    browser.close().await;
}

/// A header's value, or "" when it is missing.
fn header(res: &reqwest::Response, name: &str) -> String {
    res.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_sends_precompressed_files_caching_and_the_csp_as_the_recipe_says() {
    let site = deploy().await;
    let http = reqwest::Client::new();
    let wasm = std::fs::read_dir(support::dist())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().into_string().unwrap())
        .find(|n| n.ends_with("_bg.wasm"))
        .unwrap();
    for path in [wasm.clone(), format!("apps/12/{wasm}")] {
        let res = http
            .get(format!("{}{path}", site.under_path))
            .header("Accept-Encoding", "gzip, deflate, br")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(header(&res, "content-encoding"), "br", "{path}");
        assert_eq!(header(&res, "content-type"), "application/wasm");
        assert_eq!(
            header(&res, "cache-control"),
            "public, max-age=31536000, immutable"
        );
        assert!(header(&res, "vary")
            .to_ascii_lowercase()
            .contains("accept-encoding"));
    }
    for path in [
        "",
        "apps/12",
        "qualification/check",
        "config.json",
        "apps/12/embed.js",
    ] {
        let res = http
            .get(format!("{}{path}", site.under_path))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(header(&res, "cache-control"), "no-cache", "{path}");
        let csp = header(&res, "content-security-policy");
        assert!(
            csp.contains(&format!("connect-src 'self' {};", site.api.base)),
            "{path}: {csp}"
        );
    }
    let page = http
        .get(format!("{}apps/12", site.under_path))
        .send()
        .await
        .unwrap();
    assert!(header(&page, "content-type").starts_with("text/html"));
    let missing = http
        .get(format!("{}portal-web-0000000000000000.js", site.under_path))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}
