//! The languages the portal speaks, which one a reader gets, and the messages' parameters.
//! The app words its pages in the reader's language; the server words e-mails in the
//! recipient's, from the same message files (`public/locales/<tag>.json`).

/// A language with a complete message file in `public/locales/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    En,
    ZhCn,
    Es,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::En, Locale::ZhCn, Locale::Es];

    /// Its BCP 47 tag: the message file's name, `lang` and what `Intl` formats for.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhCn => "zh-CN",
            Locale::Es => "es",
        }
    }

    /// Its name in itself, as a language switcher shows it whatever the page's language.
    pub fn autonym(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::ZhCn => "简体中文",
            Locale::Es => "Español",
        }
    }

    /// The language a tag asks for, if the portal speaks it: any English or Spanish;
    /// Chinese written in simplified characters (not `zh-TW`, `zh-HK`, `zh-Hant`…).
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = tag.split('-');
        match parts.next()? {
            "en" => Some(Locale::En),
            "es" => Some(Locale::Es),
            "zh" => {
                let rest: Vec<&str> = parts.collect();
                let traditional = rest.iter().any(|p| ["hant", "tw", "hk", "mo"].contains(p));
                let simplified = rest.contains(&"hans");
                (simplified || !traditional).then_some(Locale::ZhCn)
            }
            _ => None,
        }
    }

    /// The host's choice, else the reader's saved choice, else the first of the browser's
    /// languages the portal speaks, else English.
    pub fn choose(host: Option<&str>, saved: Option<&str>, browser: &[String]) -> Locale {
        host.into_iter()
            .chain(saved)
            .chain(browser.iter().map(String::as_str))
            .find_map(Locale::from_tag)
            .unwrap_or(Locale::En)
    }

    /// The language an `Accept-Language` header asks for first, if the portal speaks one
    /// of them (the header lists them in the order of preference).
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        header
            .split(',')
            .filter_map(|item| item.split(';').next())
            .find_map(Locale::from_tag)
    }
}

/// A message with its `{name}` parameters filled in; an unknown parameter stays visible.
pub fn fill(template: &str, params: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) => {
                match params.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(&value.to_string()),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_find_the_language_the_reader_reads() {
        for (tag, locale) in [
            ("en", Some(Locale::En)),
            ("en-GB", Some(Locale::En)),
            ("EN_us", Some(Locale::En)),
            ("es", Some(Locale::Es)),
            ("es-419", Some(Locale::Es)),
            ("es-MX", Some(Locale::Es)),
            ("zh", Some(Locale::ZhCn)),
            ("zh-CN", Some(Locale::ZhCn)),
            ("zh-SG", Some(Locale::ZhCn)),
            ("zh-Hans-HK", Some(Locale::ZhCn)),
            ("zh-TW", None),
            ("zh-HK", None),
            ("zh-Hant", None),
            ("fr-FR", None),
            ("", None),
        ] {
            assert_eq!(Locale::from_tag(tag), locale, "{tag:?}");
        }
    }

    #[test]
    fn the_host_then_the_saved_choice_then_the_browser_decide() {
        let browser = ["fr-FR".to_owned(), "es-ES".to_owned(), "en".to_owned()];
        assert_eq!(Locale::choose(Some("zh-CN"), Some("en"), &browser), Locale::ZhCn);
        assert_eq!(Locale::choose(None, Some("en"), &browser), Locale::En);
        assert_eq!(Locale::choose(Some("de"), None, &browser), Locale::Es);
        assert_eq!(Locale::choose(None, None, &["zh-TW".to_owned()]), Locale::En);
        assert_eq!(Locale::choose(None, None, &[]), Locale::En);
    }

    #[test]
    fn accept_language_gives_the_first_language_spoken_here() {
        for (header, locale) in [
            ("zh-CN", Some(Locale::ZhCn)),
            ("fr-FR,fr;q=0.9,es;q=0.8,en;q=0.5", Some(Locale::Es)),
            ("zh-TW, en-US;q=0.7", Some(Locale::En)),
            ("de", None),
            ("", None),
        ] {
            assert_eq!(Locale::from_accept_language(header), locale, "{header:?}");
        }
    }

    #[test]
    fn parameters_are_filled_by_name_and_unknown_ones_left_visible() {
        let n = 3;
        for (template, filled) in [
            ("{count} of {max}", "3 of 30"),
            ("no parameters", "no parameters"),
            ("{max}{count}", "303"),
            ("{unknown} stays", "{unknown} stays"),
            ("unclosed {count", "unclosed {count"),
            ("", ""),
        ] {
            assert_eq!(
                fill(template, &[("count", &n), ("max", &30)]),
                filled,
                "{template}"
            );
        }
    }

    #[test]
    fn every_language_is_found_by_its_own_tag() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
        }
    }
}
