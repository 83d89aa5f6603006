//! The journey with the keyboard alone, as a seller who cannot use a mouse meets it: only
//! Tab, Shift+Tab, Space, Enter and Escape move and act (and typing into fields), focus is
//! visible at every stop, and the console's dialog keeps focus inside while open and gives
//! it back to the button that opened it.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use portal_server::seed::{DEMO_REVIEWER, DEMO_SELLER};
use support::{file_with, Browser, Portal, PNG_1X1};

const TAB: &[char] = &['\u{E004}'];
const SHIFT_TAB: &[char] = &['\u{E008}', '\u{E004}'];
const ENTER: &[char] = &['\u{E007}'];
const ESCAPE: &[char] = &['\u{E00C}'];
const SPACE: &[char] = &[' '];
/// More Tab presses than any page of the portal has stops.
const MAX_STOPS: usize = 80;

/// The focused element, described, and whether its focus can be seen (the portal's focus
/// style: a 3 px outline, or a fill with an underline).
const FOCUS: &str = r#"
    const e = document.activeElement;
    // Between the page's last stop and its first, focus visits the browser's own controls;
    // Firefox also stops on the document itself, reporting the dialog as active while
    // nothing on the page matches :focus. Neither is a stop of ours.
    if (!e || e === document.body || !e.matches(':focus')) return ['nothing', false, false];
    const s = getComputedStyle(e);
    const seen = e.matches(':focus-visible') &&
        ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none');
    const what = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + (e.textContent || '').trim().slice(0, 40);
    return [what, seen, !!e.closest('dialog[open]')];
"#;

struct Keyboard<'a>(&'a Browser);

impl Keyboard<'_> {
    /// Presses keys together (held down in order, released in reverse), as the keyboard
    /// does, on whatever has focus.
    async fn press(&self, keys: &[char]) {
        let mut actions = KeyActions::new("keyboard".into());
        for key in keys {
            actions = actions.then(KeyAction::Down { value: *key });
        }
        for key in keys.iter().rev() {
            actions = actions.then(KeyAction::Up { value: *key });
        }
        self.0.client.perform_actions(actions).await.unwrap();
    }

    /// Types `text` into the focused field (a file input takes a file's path).
    async fn type_text(&self, text: &str) {
        let focused = self.0.client.active_element().await.unwrap();
        focused.send_keys(text).await.unwrap();
    }

    /// (description, focus visible, inside an open dialog) of what has focus.
    async fn focus(&self) -> (String, bool, bool) {
        serde_json::from_value(self.0.client.execute(FOCUS, vec![]).await.unwrap()).unwrap()
    }

    /// The focus once it has moved to an element whose text has `text` (the app moves it in
    /// the next animation frame, later in some engines), or where it is after a while.
    async fn focus_settles_on(&self, text: &str) -> (String, bool, bool) {
        let started = std::time::Instant::now();
        loop {
            let focus = self.focus().await;
            if focus.0.contains(text) || started.elapsed() > std::time::Duration::from_secs(3) {
                return focus;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    async fn focused_matches(&self, css: &str) -> bool {
        self.focused_is(&format!("e.matches({css:?})")).await
    }

    /// Whether the focused element `e` passes a JavaScript test.
    async fn focused_is(&self, test: &str) -> bool {
        let script = format!("const e = document.activeElement; return !!e && ({test});");
        self.0.client.execute(&script, vec![]).await.unwrap() == serde_json::Value::Bool(true)
    }

    /// Tabs forward until the element at `css` has focus, checking that focus is visible
    /// at every stop on the way.
    async fn tab_to(&self, css: &str) {
        self.tab_until(&format!("e.matches({css:?})"), css).await;
    }

    /// Tabs forward to the button whose text is `text`.
    async fn tab_to_button(&self, text: &str) {
        self.tab_until(
            &format!("e.tagName === 'BUTTON' && e.textContent.trim() === {text:?}"),
            text,
        )
        .await;
    }

    async fn tab_until(&self, test: &str, what_for: &str) {
        for _ in 0..MAX_STOPS {
            self.press(TAB).await;
            let (what, seen, _) = self.focus().await;
            // Past the last stop focus leaves the page (the browser's own controls) before
            // coming round again: not a stop of ours.
            assert!(
                seen || what == "nothing",
                "focus on {what} cannot be seen (on the way to {what_for})"
            );
            if self.focused_is(test).await {
                return;
            }
        }
        let shot = self.0.screenshot("keyboard").await;
        panic!("{what_for} was never reached with Tab (screenshot {shot})");
    }

    /// Tabs to the field at `css` and types `text` into it.
    async fn type_into(&self, css: &str, text: &str) {
        self.tab_to(css).await;
        self.type_text(text).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_journey_and_the_console_work_with_the_keyboard_alone() {
    let portal = Portal::start().await;
    let browser = Browser::start().await;
    let keys = Keyboard(&browser);
    let files = tempfile::tempdir().unwrap();

    browser.goto(&portal.url("/sign-in")).await;
    browser.wait_text("h1", "Sign in").await;
    // The first stop is the skip link, and it works.
    keys.press(TAB).await;
    assert!(
        keys.focus().await.0.contains("Skip to main content"),
        "{:?}",
        keys.focus().await
    );
    keys.type_into("#account", DEMO_SELLER.0).await;
    keys.type_into("#password", DEMO_SELLER.1).await;
    // Shift+Tab goes back; Enter in a field sends its form.
    keys.press(SHIFT_TAB).await;
    assert!(keys.focused_matches("#account").await);
    keys.press(ENTER).await;

    browser.wait_path("/agreement").await;
    browser.wait_text("h1", "API use agreement").await;
    keys.tab_to("#confirmed").await;
    keys.press(SPACE).await;
    keys.tab_to("form button[type=submit]").await;
    keys.press(ENTER).await;

    browser.wait_path("/developer").await;
    browser.wait_text("h1", "Developer information").await;
    keys.type_into("#developer_name", "Example Trading Co.").await;
    // A drop-down chooses by typing the start of an option.
    keys.type_into("#country", "China").await;
    assert_eq!(browser.value("country").await, "CN");
    keys.type_into("#email", "dev@example.com").await;
    keys.type_into("#mobile", "+86 138 0013 8000").await;
    keys.tab_to("form button[type=submit]").await;
    keys.press(ENTER).await;

    browser.wait_path("/apps").await;
    browser.wait_text("h1", "Your apps").await;
    portal.confirm_email_elsewhere().await;
    keys.tab_to("a[href$='/apps/new']").await;
    keys.press(ENTER).await;
    browser.wait_path("/apps/new").await;
    keys.tab_to("form button[type=submit]").await;
    keys.press(ENTER).await;

    browser.wait_path("/qualification").await;
    browser
        .wait_text("h1", "Apply for the commercial developer qualification")
        .await;
    keys.type_into("#contact_name", "Li Wei").await;
    keys.type_into("#contact_mobile", "+86 139 1234 5678").await;
    keys.type_into("#email", "li.wei@example.com").await;
    keys.type_into("#software_name", "Shop Helper").await;
    keys.type_into("#software_function", "Synchronises orders and stock.")
        .await;
    // The file chooser is the browser's own; WebDriver types the file's path into it.
    keys.tab_to("#licence_id").await;
    keys.type_text(&file_with(&files, "licence.png", PNG_1X1)).await;
    browser.wait_text(".upload__name", "licence.png").await;
    keys.tab_to("#same_it").await;
    keys.press(SPACE).await;
    keys.type_into("#it_team_size", "12").await;
    keys.type_into("#market_planning", "Order management for 500 sellers.")
        .await;
    keys.type_into("#server_config", "8 CPU, 32 GB memory, 1 TB disk")
        .await;
    keys.type_into("#server_bandwidth", "1 Gbps").await;
    keys.type_into("#dev_language", "Java").await;
    keys.type_into("#database", "MySQL").await;
    keys.tab_to("#agreement_confirmed").await;
    keys.press(SPACE).await;
    keys.tab_to("form button[type=submit]").await;
    keys.press(ENTER).await;

    browser.wait_path("/qualification/check").await;
    browser.wait_text("h1", "Check your answers").await;
    keys.tab_to_button("Submit application").await;
    keys.press(ENTER).await;
    browser.wait_path("/qualification/status").await;
    browser.wait_text(".panel", "Submitted").await;

    // Approved on the reviewer's side; the seller creates the app, still by keyboard.
    let store = &portal.store;
    let seller_id = support::account_id(store, DEMO_SELLER.0).await;
    let reviewer_id = support::account_id(store, DEMO_REVIEWER.0).await;
    let application = store.qualification_of(seller_id).await.unwrap().unwrap();
    assert!(store
        .decide(application.id, reviewer_id, true, None, 1_790_000_500)
        .await
        .unwrap());
    browser.goto(&portal.url("/apps/new/commercial")).await;
    // Keys pressed before the page is drawn would land on a page still empty.
    browser.find("#name").await;
    keys.type_into("#name", "ShopHelper").await;
    keys.press(ENTER).await;
    browser.wait_text("h1", "ShopHelper").await;

    // The reveal dialog: opened with Enter, focus inside and kept there, Escape closes it
    // and gives focus back to Reveal.
    keys.tab_to_button("Reveal").await;
    keys.press(ENTER).await;
    browser.wait_text("dialog[open]", "Enter your password").await;
    assert!(
        keys.focus().await.2,
        "focus moved into the dialog: {:?}",
        keys.focus().await
    );
    // Tab through every control: focus stays in the dialog until it comes round or reaches
    // the browser's own controls (a native modal dialog's way), never the page behind;
    // Shift+Tab comes back into the dialog.
    // WebKit goes round the dialog's controls without leaving it.
    let mut stops: Vec<String> = Vec::new();
    loop {
        keys.press(TAB).await;
        let (what, seen, inside) = keys.focus().await;
        if what == "nothing" || stops.contains(&what) {
            break;
        }
        assert!(inside && seen, "Tab left the open dialog or hid focus: {what}");
        stops.push(what);
        assert!(stops.len() < MAX_STOPS, "Tab never came round: {stops:?}");
    }
    assert!(stops.len() >= 2, "the dialog's controls are Tab stops: {stops:?}");
    // Firefox's WebDriver leaves keys with its own controls from then on; bringing the
    // window to the front gives them back to the page, as a click on it would.
    let window = browser.client.window().await.unwrap();
    browser.client.switch_to_window(window).await.unwrap();
    keys.press(SHIFT_TAB).await;
    let (what, seen, inside) = keys.focus().await;
    assert!(inside && seen, "Shift+Tab comes back into the dialog: {what}");
    keys.press(ESCAPE).await;
    assert!(browser.absent("dialog[open]").await, "Escape closes the dialog");
    assert!(
        keys.focus().await.0.contains("Reveal"),
        "focus back on Reveal: {:?}",
        keys.focus().await
    );

    // Again, with the password: the secret shows, and focus is back where it was.
    keys.press(ENTER).await;
    browser.wait_text("dialog[open]", "Enter your password").await;
    assert!(
        keys.focused_matches("dialog[open] input[type=password]").await,
        "the dialog opens on its password field: {:?}",
        keys.focus().await
    );
    keys.type_text(DEMO_SELLER.1).await;
    keys.press(ENTER).await;
    browser.wait_text(".credentials", "Hidden again in").await;
    assert!(browser.absent("dialog[open]").await);
    let (what, seen, _) = keys.focus_settles_on("Hide").await;
    assert!(
        seen && what.contains("Hide"),
        "focus moves to the button that replaced Reveal: {what}"
    );
    assert!(
        !browser.text("#app-secret").await.contains('•'),
        "the secret shows"
    );
    // Hide with Enter: the secret is masked and focus is on Reveal again.
    keys.press(ENTER).await;
    browser.wait_text("#app-secret", "••••").await;
    let (what, seen, _) = keys.focus_settles_on("Reveal").await;
    assert!(
        seen && what.contains("Reveal"),
        "focus moves back to Reveal: {what}"
    );
    browser.close().await;
}
