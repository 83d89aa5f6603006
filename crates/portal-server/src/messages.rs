//! What the server writes to people (e-mails) in the recipient's language, from the app's
//! message files (`public/locales/<tag>.json`): every sentence has one place, whichever
//! side shows it.

use portal_core::locale::Locale;
use std::{collections::HashMap, sync::OnceLock};

const FILES: [(Locale, &str); 3] = [
    (Locale::En, include_str!("../../../public/locales/en.json")),
    (Locale::ZhCn, include_str!("../../../public/locales/zh-CN.json")),
    (Locale::Es, include_str!("../../../public/locales/es.json")),
];

fn messages(locale: Locale) -> &'static HashMap<String, String> {
    static PARSED: OnceLock<Vec<(Locale, HashMap<String, String>)>> = OnceLock::new();
    let parsed = PARSED.get_or_init(|| {
        FILES
            .iter()
            .map(|(locale, file)| (*locale, serde_json::from_str(file).unwrap_or_default()))
            .collect()
    });
    let of = |wanted: Locale| parsed.iter().find(|(l, _)| *l == wanted).map(|(_, m)| m);
    of(locale)
        .or_else(|| of(Locale::En))
        .expect("English messages are built in")
}

/// The message `key` in `locale`, else in English (the app's tests keep every file complete).
pub fn text(locale: Locale, key: &str) -> &'static str {
    messages(locale)
        .get(key)
        .or_else(|| messages(Locale::En).get(key))
        .map_or("", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_words_the_e_mails() {
        for (locale, _) in FILES {
            for key in [
                "email.approved.subject",
                "email.approved.body",
                "email.rejected.subject",
                "email.rejected.body",
                "email.security.subject",
                "email.security.body",
                "audit.secret.reset",
                "audit.secret.revoke_previous",
                "audit.allowed_sources.update",
            ] {
                assert!(messages(locale).contains_key(key), "{} lacks {key}", locale.tag());
            }
        }
    }
}
