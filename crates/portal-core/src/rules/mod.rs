//! Hand-written field rules, each a small function with its own table of tests.
//!
//! validator's `custom` rule calls these; they return codes with parameters so
//! that the user interface, not the rule, decides the wording.

mod app_name;
mod callback;
pub mod characters;
mod cif;
mod contact;
mod licence;
mod network;
mod number;
mod permissions;
mod secrets;

pub use app_name::{app_name, app_name_weight, is_han, APP_NAME_MAX_WEIGHT};
pub use callback::{callback_url, callback_urls, CALLBACK_URLS_MAX, CALLBACK_URL_MAX};
pub use cif::{cif, cif_asked, cif_for_country};
pub use contact::{country, email, mobile, normalize_mobile, optional_url, COUNTRIES, SPAIN};
pub use licence::{licence, licence_size, ImageKind, LICENCE_MAX_BYTES};
pub use network::{ip_range, ip_ranges, source_allowed, ALLOWED_SOURCES_MAX};
pub use number::{expected_daily_calls, team_size, DAILY_CALLS_MAX, TEAM_SIZE_MAX};
pub use permissions::{business_reason, permission_group, PERMISSION_GROUP_MAX};
pub use secrets::{old_secret_hours, OLD_SECRET_HOURS};

use crate::error::field_code;
use std::borrow::Cow;
use validator::ValidationError;

pub type RuleResult = Result<(), ValidationError>;

fn error(code: &'static str) -> ValidationError {
    ValidationError::new(code)
}

fn error_with(code: &'static str, name: &'static str, value: impl serde::Serialize) -> ValidationError {
    let mut e = ValidationError::new(code);
    e.add_param(Cow::Borrowed(name), &value);
    e
}

/// A required one-line text field of at most `max` characters (Unicode scalar values),
/// with no control characters or direction overrides.
pub fn text(value: &str, max: usize) -> RuleResult {
    text_of(value, max, false)
}

fn text_of(value: &str, max: usize, multiline: bool) -> RuleResult {
    if characters::looks_empty(value) {
        return Err(error(field_code::REQUIRED));
    }
    if value.chars().count() > max {
        return Err(error_with(field_code::TOO_LONG, "max", max));
    }
    if !value.chars().all(|c| characters::is_allowed(c, multiline)) {
        return Err(error(field_code::INVISIBLE_CHAR));
    }
    Ok(())
}

/// Seller account names: the platform's login, 1 to 64 characters.
pub const ACCOUNT_MAX: usize = 64;
/// Passwords are checked for presence and a sane bound only at sign-in.
pub const PASSWORD_MAX: usize = 128;

pub fn account_name(value: &str) -> RuleResult {
    text(value, ACCOUNT_MAX)
}

/// Any character may be part of a password; only presence and length are checked.
pub fn password(value: &str) -> RuleResult {
    if value.is_empty() {
        return Err(error(field_code::REQUIRED));
    }
    if value.chars().count() > PASSWORD_MAX {
        return Err(error_with(field_code::TOO_LONG, "max", PASSWORD_MAX));
    }
    Ok(())
}

/// Limits of the free-text answers, in characters.
pub const NAME_MAX: usize = 100;
pub const SHORT_MAX: usize = 100;
pub const LONG_MAX: usize = 2000;

pub fn name(value: &str) -> RuleResult {
    text(value, NAME_MAX)
}

pub fn short_text(value: &str) -> RuleResult {
    text(value, SHORT_MAX)
}

/// Long answers may run over several lines.
pub fn long_text(value: &str) -> RuleResult {
    text_of(value, LONG_MAX, true)
}

/// An optional field: empty is fine, anything else must pass `rule`.
fn optional(value: &str, rule: impl Fn(&str) -> RuleResult) -> RuleResult {
    if value.is_empty() {
        Ok(())
    } else {
        rule(value)
    }
}

/// A list field: at most `max` entries, each passing `rule`, none twice. Problems come
/// with the index of the entry they are about (`None` for the list as a whole).
fn list(
    entries: &[String],
    max: usize,
    rule: impl Fn(&str) -> RuleResult,
) -> Vec<(Option<usize>, ValidationError)> {
    let mut problems = Vec::new();
    if entries.len() > max {
        problems.push((None, error_with(field_code::TOO_MANY, "max", max)));
    }
    for (i, entry) in entries.iter().enumerate() {
        if let Err(e) = rule(entry) {
            problems.push((Some(i), e));
        } else if entries[..i].contains(entry) {
            problems.push((Some(i), error(field_code::DUPLICATE)));
        }
    }
    problems
}

/// A confirmation checkbox that must be ticked.
pub fn accepted(value: &bool) -> RuleResult {
    if *value {
        Ok(())
    } else {
        Err(error(field_code::MUST_ACCEPT))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(r: RuleResult) -> Option<String> {
        r.err().map(|e| e.code.into_owned())
    }

    #[test]
    fn text_table() {
        let long65 = "a".repeat(65);
        let han64 = "中".repeat(64);
        let cases: &[(&str, usize, Option<&str>)] = &[
            ("", 10, Some("required")),
            ("a", 1, None),
            ("ab", 1, Some("too_long")),
            (&han64, 64, None),
            (&long65, 64, Some("too_long")),
            ("𠀀𠀀", 2, None), // counted by scalar value, not UTF-16 unit
            ("\u{200B}\u{200C}", 10, Some("required")),
            ("a\u{202E}b", 10, Some("invisible_char")),
            ("a\nb", 10, Some("invisible_char")),
            ("a\u{0}", 10, Some("invisible_char")),
        ];
        for (value, max, want) in cases {
            assert_eq!(
                code(text(value, *max)).as_deref(),
                *want,
                "value {value:?} max {max}"
            );
        }
    }

    #[test]
    fn long_text_keeps_lines_but_not_controls() {
        assert_eq!(code(long_text("one\ntwo\tthree")), None);
        assert_eq!(code(long_text("one\r\ntwo")).as_deref(), Some("invisible_char"));
        assert_eq!(code(long_text("\n\n")).as_deref(), Some("required"));
        assert_eq!(code(password("\u{200B}pass word\u{7}")), None);
    }

    #[test]
    fn too_long_carries_max() {
        let e = text("abc", 2).unwrap_err();
        assert_eq!(e.params.get("max"), Some(&serde_json::json!(2)));
    }

    #[test]
    fn accepted_table() {
        assert_eq!(code(accepted(&true)), None);
        assert_eq!(code(accepted(&false)).as_deref(), Some("must_accept"));
    }
}
