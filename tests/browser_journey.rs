//! The whole journey in real headless Chromium against the reference server: from
//! sign-in to a visible AppKey, through a rejection and a resubmission.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use portal_server::seed::DEMO_SELLER;
use support::{
    file_with, fill_developer_info, fill_qualification, review, seller_at_developer_info, Browser, Portal,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn from_sign_in_to_a_visible_app_key_through_rejection_and_resubmission() {
    let portal = Portal::start().await;
    let browser = Browser::start().await;
    let files = tempfile::tempdir().unwrap();

    // Developer information: a bad e-mail is refused beside its field, nothing typed is lost.
    seller_at_developer_info(&browser, &portal).await;
    browser.fill("developer_name", "Example Trading Co.").await;
    browser.select("country", "CN").await;
    browser.fill("email", "dev@").await;
    browser.fill("mobile", "+86 138 0013 8000").await;
    browser.click_text("Save and continue").await;
    browser
        .wait_text("#email-error", "Enter an email address in the correct format")
        .await;
    browser.checkpoint("developer-errors").await;
    browser
        .wait_text(".error-summary", "Enter an email address in the correct format")
        .await;
    assert_eq!(browser.value("developer_name").await, "Example Trading Co.");
    assert_eq!(browser.value("email").await, "dev@");
    browser.fill("email", "dev@example.com").await;
    browser.click_text("Save and continue").await;
    browser.wait_path("/apps").await;
    browser.wait_text("main", "You have no apps yet").await;
    browser
        .wait_text("#email-notice", "We sent a link to dev@example.com")
        .await;
    browser.checkpoint("apps-empty").await;

    // Create App → Commercial Developer → the qualification application.
    browser.click_text("Create App").await;
    browser.wait_path("/apps/new").await;
    browser.checkpoint("choose-type").await;
    browser.click_text("Continue").await;
    browser.wait_path("/qualification").await;
    // Every question shown, the IT person's too: each input's name says whose value it is.
    browser.find("#it_email").await;
    browser.assert_accessible("qualification-form-empty").await;

    fill_qualification(&browser, &files).await;
    // The preview is the uploaded image, decoded by the browser.
    let mut width = serde_json::Value::Null;
    for _ in 0..100 {
        width = browser
            .client
            .execute("const i = document.querySelector('.licence-preview'); return i && i.complete ? i.naturalWidth : 0;", vec![])
            .await
            .unwrap();
        if width == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(width, 1, "the licence preview shows the uploaded PNG");
    browser.checkpoint("qualification-form").await;
    browser.click_text("Continue").await;

    // Check your answers, change one, come back, submit.
    browser.wait_path("/qualification/check").await;
    browser.wait_text(".summary", "li.wei@example.com").await;
    browser.wait_text(".summary", "licence.png").await;
    browser.click("a[href='/qualification#software_name']").await;
    browser.wait_path("/qualification").await;
    assert_eq!(browser.value("software_name").await, "Shop Helper");
    browser.fill("software_name", "Shop Helper Lite").await;
    browser.click_text("Continue").await;
    browser.wait_path("/qualification/check").await;
    browser.wait_text(".summary", "Shop Helper Lite").await;
    browser.checkpoint("check-answers").await;
    // Not before the address is confirmed: the answers stay, the reason and the way on show.
    browser.click_text("Submit application").await;
    browser
        .wait_text(".error-summary", "Confirm your email address first")
        .await;
    browser.wait_text("#email-notice", "Send the link again").await;
    // Asking again straight away is paced.
    browser.click("#resend-link").await;
    browser
        .wait_text("#email-notice [role=status]", "You can ask for another in")
        .await;
    browser.checkpoint("email-not-confirmed").await;

    // The link from the e-mail, opened in another window of the same browser.
    let link = portal.verification_link().await;
    assert!(link.starts_with(&portal.url("/verify-email#")), "{link}");
    let first_tab = browser.client.window().await.unwrap();
    let tab = browser.client.new_window(false).await.unwrap();
    browser.client.switch_to_window(tab.handle).await.unwrap();
    browser.goto(&link).await;
    browser.wait_text("h1", "Email address confirmed").await;
    browser.wait_text("main", "dev@example.com is confirmed").await;
    let at = browser.client.current_url().await.unwrap();
    assert_eq!(
        (at.path(), at.fragment()),
        ("/verify-email", None),
        "the token leaves the address bar"
    );
    browser.checkpoint("email-confirmed").await;
    browser.client.close_window().await.unwrap();
    browser.client.switch_to_window(first_tab).await.unwrap();
    // The first tab heard it: no notice, and the application goes.
    browser.wait_gone("#email-notice").await;
    browser.click_text("Submit application").await;
    browser.wait_path("/qualification/status").await;
    browser.wait_text(".panel", "QA-000001").await;
    browser.wait_text(".panel", "Submitted").await;
    browser.wait_text(".timeline", "Application submitted").await;
    browser.checkpoint("status-submitted").await;
    browser.sign_out().await;

    // The reviewer rejects with reasons.
    review(
        &browser,
        "QA-000001",
        Some("The licence image is too small to read."),
    )
    .await;

    // The developer sees why, edits and resubmits with every answer prefilled.
    browser.sign_in(DEMO_SELLER.0, DEMO_SELLER.1).await;
    browser.wait_path("/apps").await;
    browser.wait_text(".notice", "QA-000001: Rejected").await;
    browser.click_text("View your application").await;
    browser.wait_path("/qualification/status").await;
    browser.wait_text(".panel", "Rejected").await;
    browser.wait_text(".reasons", "too small to read").await;
    browser.checkpoint("status-rejected").await;
    browser.click_text("Edit and resubmit").await;
    browser.wait_path("/qualification").await;
    assert_eq!(browser.value("software_name").await, "Shop Helper Lite");
    assert_eq!(browser.value("it_name").await, "Li Wei");
    browser.fill("software_name", "Shop Helper").await;
    browser.click_text("Continue").await;
    browser.wait_path("/qualification/check").await;
    browser.click_text("Submit application").await;
    browser.wait_path("/qualification/status").await;
    browser.wait_text(".panel", "Submitted").await;
    browser.sign_out().await;

    review(&browser, "QA-000001", None).await;
    let mut outbox = portal.store.outbox().await.unwrap();
    outbox.retain(|m| !m.body.contains("/verify-email#"));
    assert_eq!(outbox.len(), 2);
    assert!(
        outbox[1].body.contains(&format!("{}/apps/new", portal.base)),
        "{}",
        outbox[1].body
    );

    // Approved: the application name, checked here and by the server.
    browser.sign_in(DEMO_SELLER.0, DEMO_SELLER.1).await;
    browser.wait_path("/apps").await;
    browser.click_text("Create App").await;
    browser.click_text("Continue").await;
    browser.wait_path("/apps/new/commercial").await;
    browser.fill("name", "my app").await;
    browser.wait_text(".counter", "6 of 30").await;
    browser.click_text("Create app").await;
    browser.wait_text("#name-error", "cannot contain “ ”").await;
    browser.checkpoint("create-app-error").await;
    browser.fill("name", "店铺助手_v2").await;
    browser.wait_text(".counter", "11 of 30").await;
    browser.click_text("Create app").await;

    // The console: AppKey shown, AppSecret behind the password.
    browser.wait_text("h1", "店铺助手_v2").await;
    let app_key = browser.text("#app-key").await;
    assert_eq!(app_key.len(), 16, "{app_key}");
    assert!(browser.text("#app-secret").await.starts_with('•'));
    copy_app_key(&browser, &app_key).await;
    browser.click_text("Reveal").await;
    browser.fill("password", "wrong-password").await;
    browser.click("dialog[open] button[type=submit]").await;
    browser
        .wait_text("#password-error", "The password is incorrect")
        .await;
    browser.checkpoint("reveal-dialog").await;
    browser.fill("password", DEMO_SELLER.1).await;
    browser.click("dialog[open] button[type=submit]").await;
    browser.wait_text("main", "Hidden again in").await;
    browser.checkpoint("console").await;
    let secret = browser.text("#app-secret").await;
    assert_eq!(secret.len(), 40, "{secret}");
    assert!(portal.credentials_valid(&app_key, &secret, 1_900_000_000).await);

    // Reset: a new secret at once, the old one still working for the grace period.
    browser.click_text("Reset secret").await;
    browser.wait_text("dialog[open]", "Reset the AppSecret?").await;
    browser.fill("password", DEMO_SELLER.1).await;
    browser.click("dialog[open] button[type=submit]").await;
    browser
        .wait_text(".notice", "Your previous AppSecret keeps working until")
        .await;
    let fresh = browser.text("#app-secret").await;
    assert_eq!(fresh.len(), 40, "{fresh}");
    assert_ne!(fresh, secret);
    let now = portal_server::clock::Clock::now(&portal_server::clock::SystemClock);
    assert!(portal.credentials_valid(&app_key, &fresh, now).await);
    assert!(
        portal.credentials_valid(&app_key, &secret, now).await,
        "old secret in its grace period"
    );
    assert!(
        !portal
            .credentials_valid(&app_key, &secret, now + 24 * 3600 + 1)
            .await
    );

    // The same name again passes the browser's rules; the server's 422 shows beside the field.
    browser.goto(&portal.url("/apps/new/commercial")).await;
    browser.fill("name", "店铺助手_V2").await;
    browser.click_text("Create app").await;
    browser
        .wait_text("#name-error", "You already have an app with this name")
        .await;
    assert_eq!(browser.value("name").await, "店铺助手_V2");

    browser.goto(&portal.url("/apps")).await;
    browser.wait_text(".table", "店铺助手_v2").await;
    browser.checkpoint("apps-list").await;

    // The header leads back to the app list from anywhere.
    browser.goto(&portal.url("/developer")).await;
    browser.click_text("Your apps").await;
    browser.wait_path("/apps").await;

    // The app's forms send idempotency keys with what they change.
    assert!(portal.store.idempotency_key_count().await.unwrap() >= 5);

    // The review pages are for reviewers; another app's console does not exist for this seller.
    browser.goto(&portal.url("/review")).await;
    browser
        .wait_text("main", "Only reviewer accounts can see applications")
        .await;
    browser.goto(&portal.url("/apps/999")).await;
    browser.wait_text("h1", "Page not found").await;
    // An address that names no page, opened as such, still starts the portal and says so.
    browser.goto(&portal.url("/apps/not-a-number")).await;
    browser.wait_text("h1", "Page not found").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_licence_that_is_not_an_image_or_is_empty_is_refused_with_the_reason() {
    let portal = Portal::start().await;
    let browser = Browser::start().await;
    let files = tempfile::tempdir().unwrap();
    seller_at_developer_info(&browser, &portal).await;
    fill_developer_info(&browser, "ES").await;
    browser.goto(&portal.url("/qualification")).await;

    // Spain: the CIF question is asked, with its control character checked.
    browser.fill("cif", "J99216583").await;
    browser
        .find("#licence_id")
        .await
        .send_keys(&file_with(&files, "licence.png", b"GIF89a not really a png"))
        .await
        .unwrap();
    browser
        .wait_text("#licence_id-error", "must be a JPG or PNG image")
        .await;
    browser
        .find("#licence_id")
        .await
        .send_keys(&file_with(&files, "empty.png", b""))
        .await
        .unwrap();
    browser
        .wait_text("#licence_id-error", "The selected file is empty")
        .await;
    browser.click_text("Continue").await;
    browser
        .wait_text("#cif-error", "its last character does not match")
        .await;
    browser
        .wait_text(".error-summary", "Upload your business licence")
        .await;
    assert_eq!(browser.value("cif").await, "J99216583");

    // Dropped on the upload area instead of chosen: the same checks, then the upload.
    drop_file(&browser, "scan.png", b"GIF89a not really a png").await;
    browser
        .wait_text("#licence_id-error", "must be a JPG or PNG image")
        .await;
    drop_file(&browser, "licence.png", support::PNG_1X1).await;
    browser.wait_text(".upload__name", "licence.png").await;
    // Shown from what the server stored: its size, in the page's language.
    let size = format!("({} bytes)", support::PNG_1X1.len());
    browser.wait_text(".upload__name", &size).await;
    assert!(browser.absent("#licence_id-error").await, "the error is gone");
    browser.close().await;
}

/// Drops a file with these bytes on the licence's upload area, as dragging it there from
/// the desktop does (WebDriver cannot drag from outside the page).
async fn drop_file(browser: &Browser, name: &str, bytes: &[u8]) {
    browser
        .client
        .execute(
            "const [name, bytes] = arguments;
             const data = new DataTransfer();
             data.items.add(new File([new Uint8Array(bytes)], name, { type: 'image/png' }));
             const area = document.querySelector('.upload');
             for (const type of ['dragenter', 'dragover', 'drop']) {
                 area.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
             }",
            vec![name.into(), serde_json::json!(bytes)],
        )
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_that_ends_while_typing_keeps_every_answer() {
    let portal = Portal::start().await;
    let browser = Browser::start().await;
    seller_at_developer_info(&browser, &portal).await;
    browser.fill("developer_name", "Example Trading Co.").await;
    browser.select("country", "ES").await;
    browser.fill("email", "dev@example.es").await;
    browser.fill("mobile", "+34 612 345 678").await;

    // The session ends on the server (expiry, or signed out elsewhere).
    let account_id = support::account_id(&portal.store, DEMO_SELLER.0).await;
    portal.store.end_sessions(account_id).await.unwrap();
    browser.click_text("Save and continue").await;

    browser.wait_text("dialog[open]", "Your session has ended").await;
    browser.fill("password", "wrong").await;
    browser.click("dialog[open] button[type=submit]").await;
    browser
        .wait_text(
            "dialog[open] .error-summary",
            "The account name or password is incorrect",
        )
        .await;
    browser.fill("password", DEMO_SELLER.1).await;
    browser.click("dialog[open] button[type=submit]").await;

    // Back on the same page, nothing lost; saving now works.
    browser.wait_path("/developer").await;
    assert_eq!(browser.value("developer_name").await, "Example Trading Co.");
    assert_eq!(browser.value("email").await, "dev@example.es");
    assert_eq!(browser.value("mobile").await, "+34 612 345 678");
    browser.click_text("Save and continue").await;
    browser.wait_path("/apps").await;
    let (info, _) = portal.store.developer(account_id).await.unwrap().unwrap();
    assert_eq!(
        (info.country.as_str(), info.mobile.as_str()),
        ("ES", "+34612345678")
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revealed_secret_hides_itself_again() {
    // Operators can shorten how long a secret stays on screen; 2 s keeps this test quick.
    let copy = support::dist_with_config(r#"{"api_base_url": "api/v1", "reveal_seconds": 2}"#);
    let portal = Portal::start_with_dist(copy.path().to_owned()).await;
    let store = &portal.store;
    let account_id = support::account_id(store, DEMO_SELLER.0).await;
    let now = 1_790_000_000;
    store.accept_agreement(account_id, 1, now).await.unwrap();
    let info = portal_core::api::DeveloperInfo {
        developer_name: "Example".into(),
        country: "CN".into(),
        email: "dev@example.com".into(),
        mobile: "+8613800138000".into(),
        website: String::new(),
    };
    store.save_developer(account_id, &info, now).await.unwrap();
    let secret = "5".repeat(40);
    let app = store
        .create_app(
            account_id,
            "TOP.app_1",
            "0123456789abcdef",
            &portal.seal(&secret),
            now,
        )
        .await
        .unwrap()
        .unwrap();

    let browser = Browser::start().await;
    browser.goto(&portal.url(&format!("/apps/{}", app.id))).await;
    browser.sign_in(DEMO_SELLER.0, DEMO_SELLER.1).await;
    browser.wait_path(&format!("/apps/{}", app.id)).await;
    browser.wait_text("#app-key", "0123456789abcdef").await;
    browser.click_text("Reveal").await;
    browser.fill("password", DEMO_SELLER.1).await;
    browser.click("dialog[open] button[type=submit]").await;
    browser.wait_text("#app-secret", &secret).await;
    browser.wait_text("#app-secret", "••••").await;
    assert!(
        !browser.text("main").await.contains(&secret),
        "the secret is gone from the page"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_comes_back_to_its_author_only_and_can_be_discarded() {
    let portal = Portal::start().await;
    let hash = portal_server::password::hash("second-seller-2026".into())
        .await
        .unwrap();
    portal
        .store
        .create_account(
            "second-seller",
            &hash,
            portal_core::api::Role::Seller,
            1_790_000_000,
        )
        .await
        .unwrap();
    let browser = Browser::start().await;
    seller_at_developer_info(&browser, &portal).await;
    browser.fill("developer_name", "Example Trading Co.").await;
    browser.fill("email", "dev@example.com").await;

    // A refresh (or a closed tab) brings the answers back, and says so.
    browser.goto(&portal.url("/developer")).await;
    browser
        .wait_text(".notice", "We kept the answers you gave earlier")
        .await;
    assert_eq!(browser.value("developer_name").await, "Example Trading Co.");
    assert_eq!(browser.value("email").await, "dev@example.com");

    // The session ends; another seller signs in on the same browser and sees nothing.
    let first_id = support::account_id(&portal.store, DEMO_SELLER.0).await;
    portal.store.end_sessions(first_id).await.unwrap();
    browser.goto(&portal.url("/developer")).await;
    browser.sign_in("second-seller", "second-seller-2026").await;
    browser.wait_path("/agreement").await;
    browser.click("#confirmed").await;
    browser.click_text("Accept and continue").await;
    browser.wait_path("/developer").await;
    assert_eq!(browser.value("developer_name").await, "");
    assert_eq!(browser.value("email").await, "");
    browser.sign_out().await;

    // Its author signs in again: the answers are there until discarded.
    browser.sign_in(DEMO_SELLER.0, DEMO_SELLER.1).await;
    browser.wait_path("/developer").await;
    browser
        .wait_text(".notice", "We kept the answers you gave earlier")
        .await;
    assert_eq!(browser.value("developer_name").await, "Example Trading Co.");
    browser.click_text("Discard these answers and start again").await;
    assert_eq!(browser.value("developer_name").await, "");
    browser.goto(&portal.url("/developer")).await;
    browser.wait_text("h1", "Developer information").await;
    assert_eq!(browser.value("developer_name").await, "");
    assert!(browser.absent(".notice").await);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_application_submitted_after_the_session_ended_is_sent_after_signing_in_again_in_place() {
    let portal = Portal::start().await;
    let browser = Browser::start().await;
    let files = tempfile::tempdir().unwrap();
    seller_at_developer_info(&browser, &portal).await;
    fill_developer_info(&browser, "CN").await;
    portal.confirm_email_elsewhere().await;
    browser.click_text("Create App").await;
    browser.click_text("Continue").await;
    browser.wait_path("/qualification").await;
    fill_qualification(&browser, &files).await;
    browser.click_text("Continue").await;
    browser.wait_path("/qualification/check").await;

    let account_id = support::account_id(&portal.store, DEMO_SELLER.0).await;
    portal.store.end_sessions(account_id).await.unwrap();
    browser.click_text("Submit application").await;
    browser.wait_text("dialog[open]", "Your session has ended").await;
    browser.fill("password", DEMO_SELLER.1).await;
    browser.click("dialog[open] button[type=submit]").await;

    // Still checking the answers, nothing sent yet; submitting now sends them once.
    browser.wait_path("/qualification/check").await;
    browser.wait_text("main", "Shop Helper").await;
    assert!(portal.store.qualification_of(account_id).await.unwrap().is_none());
    browser.click_text("Submit application").await;
    browser.wait_path("/qualification/status").await;
    browser.wait_text(".panel", "Submitted").await;
    let stored = portal.store.qualification_of(account_id).await.unwrap().unwrap();
    assert_eq!(stored.submissions, 1);
    browser.close().await;
}

/// Copy puts the AppKey on the clipboard and says so; where the browser refuses (no
/// permission, a page that is not secure), the AppKey is selected and the page says how to
/// copy it.
async fn copy_app_key(browser: &Browser, app_key: &str) {
    browser.click_text("Copy").await;
    browser.wait_announced(".copy__status", "AppKey copied").await;
    // As a browser that does not let pages write to the clipboard answers.
    browser
        .client
        .execute(
            "navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));",
            vec![],
        )
        .await
        .unwrap();
    browser.click_text("Copy").await;
    browser
        .wait_text(".copy__status", "It is selected: press Ctrl+C")
        .await;
    let selected = browser
        .client
        .execute("return String(getSelection());", vec![])
        .await
        .unwrap();
    assert_eq!(selected.as_str(), Some(app_key), "the AppKey is selected");
    browser.checkpoint("copy-refused").await;
}
