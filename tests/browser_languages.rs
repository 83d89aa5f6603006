//! The portal in English, 简体中文 and Español: switched on the page, remembered on the
//! device, followed by `lang`, and every message (errors with their parameters, dates,
//! country names) in the reader's language, accessible in each.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use portal_server::{
    seed::{DEMO_REVIEWER, DEMO_SELLER},
    Settings,
};
use support::{file_with, fill_qualification, words, Browser, Portal};

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

/// After developer information, every page and every error state a seller or reviewer
/// can meet, in Chinese: worded from the language's file, and accessible.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_later_page_and_error_state_in_chinese() {
    later_pages_and_errors_in("zh-CN", "简体中文").await;
}

/// The same in Spanish.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_later_page_and_error_state_in_spanish() {
    later_pages_and_errors_in("es", "Español").await;
}

async fn later_pages_and_errors_in(tag: &str, switch: &str) {
    let w = words(tag);
    // An operator who set a maximum secret age: the console says when the secret stops.
    let portal = Portal::start_with_settings(Settings {
        max_secret_age_secs: Some(90 * 24 * 3600),
        ..Settings::default()
    })
    .await;
    let browser = Browser::start().await;
    let files = tempfile::tempdir().unwrap();
    let errors_shown = |page: &str| format!("{page} errors {tag}");
    browser.goto(&portal.url("/sign-in")).await;
    browser.click_text(switch).await;
    browser.wait_text("h1", &w["sign_in_title"]).await;
    browser.sign_in_with(DEMO_SELLER, &w).await;
    browser.click("#confirmed").await;
    browser.click_text(&w["agreement_confirm_button"]).await;
    browser.wait_path("/developer").await;
    browser.fill("developer_name", "Example Trading Co.").await;
    browser.select("country", "ES").await;
    browser.fill("email", "dev@example.com").await;
    browser.fill("mobile", "+34 612 345 678").await;
    browser.click_text(&w["save_and_continue"]).await;
    browser.wait_path("/apps").await;
    browser.wait_text("#email-notice", &w["resend_link"]).await;
    browser.checkpoint(&format!("apps {tag}")).await;
    browser.goto(&portal.url("/apps/new")).await;
    browser.wait_text("h1", &w["choose_type_title"]).await;
    browser.checkpoint(&format!("choose type {tag}")).await;

    // The e-mail's link, opened in the same browser: the page speaks the reader's language.
    browser.goto(&portal.verification_link().await).await;
    browser.wait_text("h1", &w["verify_done_title"]).await;
    browser.checkpoint(&format!("email confirmed {tag}")).await;

    // The qualification form: every field refused, then a licence that is not an image.
    browser.goto(&portal.url("/qualification")).await;
    browser.wait_text("h1", &w["qualification_title"]).await;
    browser.click_text(&w["continue_button"]).await;
    browser
        .wait_text(".error-summary", &w["error_summary_title"])
        .await;
    browser.checkpoint(&errors_shown("qualification")).await;
    browser
        .find("#licence_id")
        .await
        .send_keys(&file_with(&files, "licence.txt", b"not an image"))
        .await
        .unwrap();
    browser
        .wait_text("#licence_id-error", &w["error.file_type"])
        .await;
    browser.checkpoint(&errors_shown("licence")).await;

    // Filled in: the answers to check, then where the application stands.
    fill_qualification(&browser, &files).await;
    browser.click_text(&w["continue_button"]).await;
    browser.wait_text("h1", &w["check_title"]).await;
    browser.checkpoint(&format!("check {tag}")).await;
    browser.click_text(&w["submit_application"]).await;
    browser.wait_text(".panel", &w["status_submitted"]).await;
    browser.checkpoint(&format!("status {tag}")).await;
    browser.click_text(&w["sign_out"]).await;

    // The reviewer: a rejection without reasons is refused; an approval.
    browser.sign_in_with(DEMO_REVIEWER, &w).await;
    browser.wait_text("h1", &w["review_title"]).await;
    browser.checkpoint(&format!("review queue {tag}")).await;
    browser.click_text("QA-000001").await;
    browser.click("#decision-reject").await;
    browser.click_text(&w["record_decision"]).await;
    browser
        .wait_text(".error-summary", &w["error_summary_title"])
        .await;
    browser.checkpoint(&errors_shown("review")).await;
    browser.click("#decision-approve").await;
    browser.click_text(&w["record_decision"]).await;
    browser.wait_text(".tag", &w["status_approved"]).await;
    browser.click_text(&w["sign_out"]).await;

    // The seller: an app name refused, the app created, a wrong password at Reveal.
    browser.sign_in_with(DEMO_SELLER, &w).await;
    browser.wait_path("/apps").await;
    browser.goto(&portal.url("/apps/new/commercial")).await;
    browser.wait_text("h1", &w["create_app_title"]).await;
    browser.fill("name", "a b").await;
    browser.click_text(&w["create_button"]).await;
    browser
        .wait_text(".error-summary", &w["error_summary_title"])
        .await;
    browser.checkpoint(&errors_shown("create app")).await;
    browser.fill("name", "ShopHelper").await;
    browser.click_text(&w["create_button"]).await;
    browser.wait_text("h1", "ShopHelper").await;
    browser.click_text(&w["add_callback_url"]).await;
    browser
        .fill("callback_urls_0", "http://shop.example.com/cb")
        .await;
    browser.click_text(&w["save_callback_urls"]).await;
    browser
        .wait_text("#callback_urls_0-error", &w["error.url_https"])
        .await;
    browser.checkpoint(&errors_shown("callback urls")).await;
    browser.click_text(&w["reveal"]).await;
    browser.fill("password", "wrong-password").await;
    browser.click("dialog[open] button[type=submit]").await;
    browser
        .wait_text("#password-error", &w["error.incorrect_password"])
        .await;
    browser.checkpoint(&errors_shown("reveal")).await;

    // Rotation: the reset's choices, both secrets, the revocation and the activity log.
    browser.click_text(&w["cancel"]).await;
    browser.click("#reset-secret").await;
    browser
        .wait_text("dialog[open] legend", &w["old_secret_hours_legend"])
        .await;
    browser.wait_text("dialog[open]", &w["old_secret_hours.72"]).await;
    browser.click("label[for=old_secret_hours-72]").await;
    browser.fill("password", DEMO_SELLER.1).await;
    browser.checkpoint(&format!("reset dialog {tag}")).await;
    browser.click("dialog[open] button[type=submit]").await;
    browser.wait_text("#previous-secret", &w["previous_secret"]).await;
    let expires = w["secret_expires"].split('{').next().unwrap().to_owned();
    browser.wait_text("#secret-expiry", &expires).await;
    browser.checkpoint(&format!("two secrets {tag}")).await;
    browser.click("#revoke-previous").await;
    browser.wait_text("dialog[open] h2", &w["revoke_title"]).await;
    browser.fill("password", DEMO_SELLER.1).await;
    browser.click("dialog[open] button[type=submit]").await;
    browser.wait_focused("reset-secret").await;
    browser.click("#audit-log summary").await;
    browser
        .wait_text("#audit-log tbody", &w["audit.secret.revoke_previous"])
        .await;
    browser.wait_text("#audit-log thead", &w["audit_col_from"]).await;
    browser.checkpoint(&format!("activity log {tag}")).await;

    // Asking to go online: refused empty, then waiting for a reviewer.
    browser.click_text(&w["go_live_button"]).await;
    browser
        .wait_text("#go-live .error-summary", &w["error_summary_title"])
        .await;
    browser.checkpoint(&errors_shown("go live")).await;
    browser
        .fill("production_use", "Pedidos y stock de 300 vendedores.")
        .await;
    browser.fill("expected_daily_calls", "20000").await;
    browser.click_text(&w["go_live_button"]).await;
    browser.wait_text("#go-live-state", &w["go_live_waiting"]).await;
    browser.checkpoint(&format!("go live pending {tag}")).await;

    // A sensitive permission group: refused without a reason, then waiting for a reviewer,
    // who reads the request in the same language.
    browser.click("label[for=group-orders]").await;
    browser.click_text(&w["request_permission_button"]).await;
    browser
        .wait_text("#permissions .error-summary", &w["error_summary_title"])
        .await;
    browser.checkpoint(&errors_shown("permissions")).await;
    browser.fill("business_reason", "Etiquetas de envío.").await;
    browser.click_text(&w["request_permission_button"]).await;
    browser
        .wait_text("#permission-orders", &w["permission_pending"])
        .await;
    browser.checkpoint(&format!("permission pending {tag}")).await;
    browser.click_text(&w["sign_out"]).await;
    browser.sign_in_with(DEMO_REVIEWER, &w).await;
    browser
        .wait_text("#permission-queue", &w["permission_queue_title"])
        .await;
    browser.click("#permission-queue + .table-wrap a").await;
    browser.wait_text("main", "Etiquetas de envío.").await;
    browser.wait_text("legend", &w["decision_question"]).await;
    browser.checkpoint(&format!("permission review {tag}")).await;
    browser.close().await;
}

fn position(list: &[String], item: &str) -> usize {
    list.iter()
        .position(|c| c == item)
        .unwrap_or_else(|| panic!("{item} not in {list:?}"))
}
