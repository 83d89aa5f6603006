//! What the server writes to people (e-mails) in the recipient's language. The e-mails' own
//! sentences live in the server's message files (`crates/portal-server/messages/<tag>.json`,
//! never downloaded by a browser); the names of things both sides show (an audit action in
//! the console and in a security notice) come from the app's (`public/locales/<tag>.json`
//! and `<tag>.pages.json`).
//! Every sentence has one place.

use portal_core::locale::Locale;
use std::{collections::HashMap, sync::OnceLock};

/// Each language's e-mail file and app files.
const FILES: [(Locale, &str, [&str; 2]); 3] = [
    (
        Locale::En,
        include_str!("../messages/en.json"),
        [
            include_str!("../../../public/locales/en.json"),
            include_str!("../../../public/locales/en.pages.json"),
        ],
    ),
    (
        Locale::ZhCn,
        include_str!("../messages/zh-CN.json"),
        [
            include_str!("../../../public/locales/zh-CN.json"),
            include_str!("../../../public/locales/zh-CN.pages.json"),
        ],
    ),
    (
        Locale::Es,
        include_str!("../messages/es.json"),
        [
            include_str!("../../../public/locales/es.json"),
            include_str!("../../../public/locales/es.pages.json"),
        ],
    ),
];

fn messages(locale: Locale) -> &'static HashMap<String, String> {
    static PARSED: OnceLock<Vec<(Locale, HashMap<String, String>)>> = OnceLock::new();
    let parsed = PARSED.get_or_init(|| {
        FILES
            .iter()
            .map(|(locale, mail, app)| {
                let mut words: HashMap<String, String> = HashMap::new();
                for file in app {
                    words.extend(serde_json::from_str::<HashMap<String, String>>(file).unwrap_or_default());
                }
                words.extend(serde_json::from_str::<HashMap<String, String>>(mail).unwrap_or_default());
                (*locale, words)
            })
            .collect()
    });
    let of = |wanted: Locale| parsed.iter().find(|(l, _)| *l == wanted).map(|(_, m)| m);
    of(locale)
        .or_else(|| of(Locale::En))
        .expect("English messages are built in")
}

/// The message `key` in `locale`, else in English; none when no file has it.
pub fn text_opt(locale: Locale, key: &str) -> Option<&'static str> {
    messages(locale)
        .get(key)
        .or_else(|| messages(Locale::En).get(key))
        .map(String::as_str)
}

/// The message `key` in `locale`, else in English (the tests keep every file complete).
pub fn text(locale: Locale, key: &str) -> &'static str {
    text_opt(locale, key).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The `{name}` placeholders of a message.
    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|p| p.split('}').next())
            .collect()
    }

    #[test]
    fn every_e_mail_file_has_englishs_keys_with_the_same_placeholders() {
        let parse = |file: &str| serde_json::from_str::<HashMap<String, String>>(file).unwrap();
        let english = parse(FILES[0].1);
        for (locale, mail, _) in FILES {
            let words = parse(mail);
            let keys = |m: &HashMap<String, String>| m.keys().cloned().collect::<BTreeSet<_>>();
            assert_eq!(keys(&words), keys(&english), "{}", locale.tag());
            for (key, text) in &english {
                assert_eq!(
                    placeholders(&words[key]),
                    placeholders(text),
                    "{} {key}",
                    locale.tag()
                );
            }
        }
    }

    #[test]
    fn every_language_words_the_e_mails() {
        for (locale, _, _) in FILES {
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
