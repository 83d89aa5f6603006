//! The app's HTTP client sets only headers from the shared list in `portal_core::api::headers`,
//! which the server's CORS rules are built from and its tests preflight one by one: adding a
//! header to the app without adding it there fails here, before a cross-origin deployment
//! breaks.
#![cfg(not(target_arch = "wasm32"))]

use portal_core::api::headers;
use std::path::Path;

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn every_header_the_app_sets_is_in_the_shared_list() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut calls = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (at, _) in text.match_indices(".header(") {
            let argument = text[at + ".header(".len()..]
                .split([',', ')'])
                .next()
                .unwrap_or_default()
                .trim();
            let value = match argument.strip_prefix("headers::") {
                Some("AUTHORIZATION") => headers::AUTHORIZATION,
                Some("CONTENT_TYPE") => headers::CONTENT_TYPE,
                Some("IDEMPOTENCY_KEY") => headers::IDEMPOTENCY_KEY,
                Some("ACCEPT_LANGUAGE") => headers::ACCEPT_LANGUAGE,
                _ => panic!(
                    "{}: .header({argument}, …) must name a header of portal_core::api::headers::SENT",
                    file.display()
                ),
            };
            assert!(headers::SENT.contains(&value), "{value} is not in headers::SENT");
            calls += 1;
        }
    }
    assert!(
        calls >= 3,
        "only {calls} .header( calls found: is the client still in src/?"
    );
    // gloo-net's `.json(…)` sets Content-Type by itself: it must be allowed too.
    assert!(headers::SENT.contains(&headers::CONTENT_TYPE));
}
