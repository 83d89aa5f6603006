//! The active language's messages: two files per language beside the built files in
//! `dist/` (from `public/locales/`): `<tag>.json`, the words the first screen needs (sign-in,
//! the page frame, errors; see [`first_words`]), fetched when the app starts or the reader
//! switches, and `<tag>.pages.json`, every other page's words, fetched before the first of
//! those pages is drawn. A reader downloads one language's words only; the wasm carries
//! English's first words (every reader's fallback), so that the sign-in form in English
//! waits for no file of words (see [`ENGLISH_FIRST_WORDS`]). Native builds (the unit
//! tests) read English's pages' words from their file at compile time too.

use super::Locale;
use std::{cell::RefCell, collections::BTreeMap};

/// A file's words by key. The same map type the API's error parameters use, so the shell
/// carries one map's code, not two (a `HashMap` also brought a hasher).
type Messages = BTreeMap<String, serde_json::Value>;

/// One language's words: the first screen's, and the pages' once fetched.
#[derive(Clone, Copy)]
struct Words {
    locale: Locale,
    first: &'static Messages,
    pages: Option<&'static Messages>,
}

/// The fixed texts the first screen shows: sign-in, the page frame, Not found, a crash.
const FIRST_TEXTS: [&str; 35] = [
    "page_title",
    "language",
    "app_name",
    "skip_to_content",
    "sign_out",
    "signed_in_as",
    "nav_label",
    "loading",
    "try_again",
    "error_summary_title",
    "error_prefix",
    "show_password",
    "hide_password",
    "config_error_title",
    "config_error_hint",
    "sign_in_title",
    "host_signing_in",
    "host_no_token",
    "sign_in_intro",
    "sign_in_button",
    "signing_in",
    "reauth_title",
    "reauth_body",
    "session_expired",
    "account_label",
    "account_hint",
    "password_label",
    "apps_title",
    "review_title",
    "crash_title",
    "crash_body",
    "crash_reload",
    "not_found_title",
    "not_found_body",
    "go_home",
];

/// Whether `key` is among the words of `<tag>.json` (the first screen's); every other key
/// is in `<tag>.pages.json`. The message file tests hold both files to this.
pub fn first_words(key: &str) -> bool {
    let mut parts = key.split('.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(fixed), None, _) => FIRST_TEXTS.contains(&fixed),
        (Some("api" | "wait" | "config"), _, _) => true,
        (Some("conflict"), Some(code), _) => code == "other",
        // Rule codes, and the sign-in form's fields.
        (Some("error"), Some(_), None) => true,
        (Some("error"), Some(field), Some(_)) => matches!(field, "account" | "password"),
        (Some("field"), Some(field), _) => matches!(field, "account" | "password" | "default"),
        _ => false,
    }
}

thread_local! {
    /// Each language's words once fetched, kept for the page's life (three at most), so
    /// switching back costs nothing; the first is the active one.
    static LOADED: RefCell<Vec<Words>> = const { RefCell::new(Vec::new()) };
    /// Keys asked for that no file has, each kept once (see [`text`]).
    static MISSING: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// English's first words, inside the app. Measured with Lighthouse's simulated mobile
/// network, their file in flight beside the wasm held the sign-in form back a round trip;
/// inside the wasm they cost about as many bytes as the file did.
pub const ENGLISH_FIRST_WORDS: &str = include_str!("../../public/locales/en.json");

/// The active language.
pub fn current() -> Locale {
    active().map_or(Locale::En, |words| words.locale)
}

fn active() -> Option<Words> {
    #[cfg(not(target_arch = "wasm32"))]
    if LOADED.with(|l| l.borrow().is_empty()) {
        let _ = install(Locale::En, ENGLISH_FIRST_WORDS);
        let _ = install_pages(Locale::En, include_str!("../../public/locales/en.pages.json"));
    }
    LOADED.with(|l| l.borrow().first().copied())
}

/// The message `key` in the active language. A key missing from a file is shown as
/// itself; the catalogue tests keep every file complete.
pub(super) fn text(key: &str) -> &'static str {
    text_opt(key).unwrap_or_else(|| {
        MISSING.with(|m| {
            let mut missing = m.borrow_mut();
            match missing.iter().find(|k| **k == key) {
                Some(kept) => *kept,
                None => {
                    let kept = leak(key.to_owned());
                    missing.push(kept);
                    kept
                }
            }
        })
    })
}

/// The message `key` if the active language has one.
pub(super) fn text_opt(key: &str) -> Option<&'static str> {
    let words = active()?;
    words
        .first
        .get(key)
        .or_else(|| words.pages?.get(key))
        .and_then(serde_json::Value::as_str)
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Whether `locale`'s first words are here already.
pub fn has(locale: Locale) -> bool {
    LOADED.with(|l| l.borrow().iter().any(|w| w.locale == locale))
}

/// Whether `locale`'s pages' words are here already.
pub fn has_pages(locale: Locale) -> bool {
    LOADED.with(|l| l.borrow().iter().any(|w| w.locale == locale && w.pages.is_some()))
}

fn parse(file: &str) -> Result<&'static Messages, String> {
    let messages: Messages = crate::json::from_str(file)?;
    Ok(Box::leak(Box::new(messages)))
}

/// Keeps `locale`'s first words from the text of `<tag>.json`, if they are not here yet
/// (the first language kept is the active one; [`activate`] chooses another).
pub fn install(locale: Locale, file: &str) -> Result<(), String> {
    if !has(locale) {
        let first = parse(file)?;
        LOADED.with(|l| {
            l.borrow_mut().push(Words {
                locale,
                first,
                pages: None,
            })
        });
    }
    Ok(())
}

/// Keeps `locale`'s pages' words from the text of `<tag>.pages.json` (its first words are
/// here already).
pub fn install_pages(locale: Locale, file: &str) -> Result<(), String> {
    if !has_pages(locale) {
        let pages = parse(file)?;
        LOADED.with(|l| {
            if let Some(words) = l.borrow_mut().iter_mut().find(|w| w.locale == locale) {
                words.pages = Some(pages);
            }
        });
    }
    Ok(())
}

/// Makes an already fetched language active.
pub fn activate(locale: Locale) {
    LOADED.with(|l| {
        let mut loaded = l.borrow_mut();
        if let Some(at) = loaded.iter().position(|w| w.locale == locale) {
            let entry = loaded.remove(at);
            loaded.insert(0, entry);
        }
    });
}
