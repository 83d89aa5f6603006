//! Application names: Han ideographs, ASCII letters and digits, `.` and `_`; a Han
//! ideograph weighs 2 and every other allowed character 1, at most 30 in all
//! (15 Chinese characters or 30 others).

use super::{error, RuleResult};
use crate::error::field_code;
use std::borrow::Cow;

pub const APP_NAME_MAX_WEIGHT: usize = 30;

/// A Han ideograph: CJK Unified Ideographs and their extensions, and the compatibility
/// ideographs. Not CJK punctuation, full-width Latin or emoji.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF        // CJK Unified Ideographs
        | 0x3400..=0x4DBF      // Extension A
        | 0x20000..=0x2A6DF    // Extension B
        | 0x2A700..=0x2EBEF    // Extensions C, D, E, F, I
        | 0x2EBF0..=0x2EE5F    // Extension I
        | 0x30000..=0x323AF    // Extensions G, H
        | 0xF900..=0xFAFF      // Compatibility Ideographs
        | 0x2F800..=0x2FA1F    // Compatibility Ideographs Supplement
    )
}

fn is_allowed_other(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '_'
}

/// The weighted length of `name`, counting by Unicode scalar value (allowed or not).
pub fn app_name_weight(name: &str) -> usize {
    name.chars().map(|c| if is_han(c) { 2 } else { 1 }).sum()
}

pub fn app_name(value: &str) -> RuleResult {
    if value.is_empty() {
        return Err(error(field_code::REQUIRED));
    }
    if let Some(bad) = value.chars().find(|c| !is_han(*c) && !is_allowed_other(*c)) {
        let mut e = error(field_code::INVALID_CHAR);
        e.add_param(Cow::Borrowed("char"), &bad.to_string());
        e.add_param(Cow::Borrowed("code_point"), &format!("U+{:04X}", bad as u32));
        return Err(e);
    }
    let weight = app_name_weight(value);
    if weight > APP_NAME_MAX_WEIGHT {
        let mut e = error(field_code::TOO_LONG);
        e.add_param(Cow::Borrowed("max"), &APP_NAME_MAX_WEIGHT);
        e.add_param(Cow::Borrowed("length"), &weight);
        return Err(e);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(v: &str) -> Option<String> {
        app_name(v).err().map(|e| e.code.into_owned())
    }

    #[test]
    fn app_name_table() {
        let han = |n: usize| "应".repeat(n);
        let ascii = |n: usize| "a".repeat(n);
        let cases: Vec<(String, Option<&str>)> = vec![
            ("TOP.app_1".into(), None),
            (han(15), None),
            (han(16), Some("too_long")),
            (ascii(30), None),
            (ascii(31), Some("too_long")),
            (format!("{}ab", han(14)), None),
            (format!("{}abc", han(14)), Some("too_long")),
            ("我的应用".into(), None),
            ("店铺助手_v2.0".into(), None),
            ("𠀀".into(), None),              // Extension B counts as one Han character
            (format!("{}𠀀", han(14)), None), // 15 Han characters, one from Extension B
            (format!("{}𠀀", han(15)), Some("too_long")),
            ("㐀".into(), None), // Extension A
            ("兀".into(), None), // compatibility ideograph U+F900
            ("".into(), Some("required")),
            ("my app".into(), Some("invalid_char")),
            ("my-app".into(), Some("invalid_char")),
            ("app😀".into(), Some("invalid_char")),
            ("ａpp".into(), Some("invalid_char")),   // full-width Latin
            ("应用。".into(), Some("invalid_char")), // CJK full stop
            ("应用，好".into(), Some("invalid_char")),
            ("ｱプリ".into(), Some("invalid_char")), // kana are not Han
            ("café".into(), Some("invalid_char")),
        ];
        for (value, want) in cases {
            assert_eq!(code(&value).as_deref(), want, "{value:?}");
        }
    }

    #[test]
    fn invalid_char_names_the_character() {
        let e = app_name("my app-x").unwrap_err();
        assert_eq!(e.params.get("char"), Some(&serde_json::json!(" ")));
        assert_eq!(e.params.get("code_point"), Some(&serde_json::json!("U+0020")));
        let e = app_name("应用。").unwrap_err();
        assert_eq!(e.params.get("char"), Some(&serde_json::json!("。")));
    }

    #[test]
    fn too_long_reports_the_weight() {
        let e = app_name(&"应".repeat(16)).unwrap_err();
        assert_eq!(e.params.get("length"), Some(&serde_json::json!(32)));
        assert_eq!(e.params.get("max"), Some(&serde_json::json!(30)));
    }

    #[test]
    fn weight_counts_scalar_values() {
        assert_eq!(app_name_weight("𠀀a"), 3); // not 4 (UTF-16 units) or 5 (bytes)
        assert_eq!(app_name_weight("TOP.app_1"), 9);
    }
}
