//! The portal in English, 简体中文 and Español: switched on the page, remembered on the
//! device, followed by `lang`, and every message (errors with their parameters, dates,
//! country names) in the reader's language, accessible in each.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use portal_server::seed::DEMO_SELLER;
use support::{Browser, Portal};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seller_switches_language_and_the_portal_speaks_it_everywhere() {
    let portal = Portal::start().await;
    let browser = Browser::start().await;
    browser.goto(&portal.url("/sign-in")).await;
    browser.wait_text("h1", "Sign in").await;
    assert_eq!(browser.lang().await, ("en".into(), "en".into()));

    // Chinese, from the switch on the page.
    browser.click_text("简体中文").await;
    browser.wait_text("h1", "登录").await;
    assert_eq!(browser.lang().await, ("zh-CN".into(), "zh-CN".into()));
    assert_eq!(browser.client.title().await.unwrap(), "开发者中心");
    browser.wait_text(".language", "English").await;
    browser.checkpoint("sign-in zh-CN").await;

    // An error in Chinese, keeping what was typed.
    browser.fill("account", DEMO_SELLER.0).await;
    browser.fill("password", "not-the-password").await;
    browser.click("form button[type=submit]").await;
    browser.wait_text(".error-summary", "账号或密码错误").await;
    assert_eq!(browser.value("account").await, DEMO_SELLER.0);
    browser.assert_accessible("sign-in error zh-CN").await;

    // The choice is remembered on this device.
    browser.goto(&portal.url("/sign-in")).await;
    browser.wait_text("h1", "登录").await;
    browser.fill("account", DEMO_SELLER.0).await;
    browser.fill("password", DEMO_SELLER.1).await;
    browser.click("form button[type=submit]").await;
    browser.wait_text("h1", "API 使用协议").await;
    browser.wait_text(".meta", "版本 1").await;
    browser.wait_text(".header__account", "退出登录").await;

    // A field error in Chinese; then Spanish in place, still signed in, the error worded again.
    browser.click("form button[type=submit]").await;
    browser
        .wait_text(".error-summary", "请确认你已阅读并同意协议")
        .await;
    browser.checkpoint("agreement error zh-CN").await;
    browser.click_text("Español").await;
    browser.wait_text("h1", "Acuerdo de uso de la API").await;
    assert_eq!(browser.lang().await, ("es".into(), "es".into()));
    browser.wait_text(".header__account", "Cerrar sesión").await;
    // Dates by the browser's Intl for Spanish: "publicada el 21 sept 2026" or the like.
    browser.wait_text(".meta", "Versión 1, publicada el").await;
    browser.click("#confirmed").await;
    browser.click("form button[type=submit]").await;

    // Developer information: errors with their nouns, countries named and ordered in Spanish.
    browser.wait_text("h1", "Información del desarrollador").await;
    browser.click("form button[type=submit]").await;
    browser
        .wait_text(".error-summary", "Introduce tu nombre o razón social")
        .await;
    browser
        .wait_text(".error-summary", "Selecciona tu país o región")
        .await;
    let countries = browser.option_texts("country").await;
    assert!(countries.contains(&"España".to_owned()), "{countries:?}");
    let (alemania, austria) = (position(&countries, "Alemania"), position(&countries, "Austria"));
    let (espana, estonia) = (position(&countries, "España"), position(&countries, "Estonia"));
    assert!(
        alemania < austria && espana < estonia,
        "Spanish order: {countries:?}"
    );
    browser.checkpoint("developer errors es").await;

    // And back to English for the next reader of this device (the page is drawn again).
    browser.click_text("English").await;
    browser.wait_text("h1", "Developer information").await;
    browser.click("form button[type=submit]").await;
    browser
        .wait_text(".error-summary", "Enter your name or company name")
        .await;
    browser.close().await;
}

fn position(list: &[String], item: &str) -> usize {
    list.iter()
        .position(|c| c == item)
        .unwrap_or_else(|| panic!("{item} not in {list:?}"))
}
