//! The active language's messages: a file per language (`public/locales/<tag>.json`,
//! beside the built files in `dist/`), fetched when
//! the app starts or the reader switches, so the wasm carries no text and a reader
//! downloads one language's words only. Native builds (the unit tests) read English from
//! the file at compile time.

use super::Locale;
use std::{cell::RefCell, collections::HashMap};

type Messages = HashMap<String, String>;

thread_local! {
    /// Each language's messages once fetched, kept for the page's life (three at most),
    /// so switching back costs nothing; the first is the active one.
    static LOADED: RefCell<Vec<(Locale, &'static Messages)>> = const { RefCell::new(Vec::new()) };
    /// Keys asked for that no file has, each kept once (see [`text`]).
    static MISSING: RefCell<HashMap<String, &'static str>> = RefCell::new(HashMap::new());
}

/// The active language.
pub fn current() -> Locale {
    active().map_or(Locale::En, |(locale, _)| locale)
}

fn active() -> Option<(Locale, &'static Messages)> {
    #[cfg(not(target_arch = "wasm32"))]
    if LOADED.with(|l| l.borrow().is_empty()) {
        let _ = install(Locale::En, include_str!("../../public/locales/en.json"));
    }
    LOADED.with(|l| l.borrow().first().copied())
}

/// The message `key` in the active language. A key missing from a file is shown as
/// itself; the catalogue tests keep every file complete.
pub(super) fn text(key: &str) -> &'static str {
    text_opt(key).unwrap_or_else(|| {
        MISSING.with(|m| {
            *m.borrow_mut()
                .entry(key.to_owned())
                .or_insert_with(|| leak(key.to_owned()))
        })
    })
}

/// The message `key` if the active language has one.
pub(super) fn text_opt(key: &str) -> Option<&'static str> {
    active().and_then(|(_, m)| m.get(key)).map(String::as_str)
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Whether `locale`'s messages are here already.
pub fn has(locale: Locale) -> bool {
    LOADED.with(|l| l.borrow().iter().any(|(l, _)| *l == locale))
}

/// Makes `locale` active, from its message file's text if it is not here yet.
pub fn install(locale: Locale, file: &str) -> Result<(), String> {
    if !has(locale) {
        let messages: Messages = serde_json::from_str(file).map_err(|e| e.to_string())?;
        let messages: &'static Messages = Box::leak(Box::new(messages));
        LOADED.with(|l| l.borrow_mut().push((locale, messages)));
    }
    activate(locale);
    Ok(())
}

/// Makes an already fetched language active.
pub fn activate(locale: Locale) {
    LOADED.with(|l| {
        let mut loaded = l.borrow_mut();
        if let Some(at) = loaded.iter().position(|(l, _)| *l == locale) {
            let entry = loaded.remove(at);
            loaded.insert(0, entry);
        }
    });
}
