//! Every rule of the portal's stylesheet is scoped under the portal's root (`.portal`), or
//! under the stand-alone page's body (`.portal-page`): embedded in a host page, nothing of
//! ours styles the host's elements.
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn every_selector_starts_at_the_portal_root() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/style/main.css")).unwrap();
    // Without comments, the text before each `{` is a selector list or an at-rule.
    let mut text = String::new();
    let mut rest = css.as_str();
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..].split_once("*/").map_or("", |(_, after)| after);
    }
    text.push_str(rest);
    let mut checked = 0;
    for block in text.split('{') {
        let head = block.rsplit(['}', ';']).next().unwrap_or_default().trim();
        if head.is_empty() || head.starts_with('@') {
            continue;
        }
        for selector in head.split(',') {
            let selector = selector.trim();
            assert!(
                selector.starts_with(".portal ")
                    || selector == ".portal"
                    || selector.starts_with(".portal-page"),
                "{selector:?} is not scoped under .portal"
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} selectors found");
}
