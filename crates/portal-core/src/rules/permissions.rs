//! API permission groups: the code a request names, and the business reason it gives.

use super::{characters::looks_empty, error, long_text, RuleResult};
use crate::error::field_code;

/// Group codes are short machine names: `orders`, `finance`, `customs_data`.
pub const PERMISSION_GROUP_MAX: usize = 32;

/// A group's code as a request names it: 1 to 32 lowercase ASCII letters, digits or `_`,
/// starting with a letter. Whether such a group exists only the server knows.
pub fn permission_group(value: &str) -> RuleResult {
    if value.is_empty() {
        return Err(error(field_code::REQUIRED));
    }
    let well_formed = value.len() <= PERMISSION_GROUP_MAX
        && value.starts_with(|c: char| c.is_ascii_lowercase())
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if well_formed {
        Ok(())
    } else {
        Err(error(field_code::NOT_A_CHOICE))
    }
}

/// Why the app needs a group: required for a sensitive group (buyers' personal data,
/// money), optional otherwise; a long answer's limits either way.
pub fn business_reason(value: &str, sensitive: bool) -> RuleResult {
    if looks_empty(value) && !sensitive {
        return Ok(());
    }
    long_text(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(r: RuleResult) -> Option<String> {
        r.err().map(|e| e.code.into_owned())
    }

    #[test]
    fn group_codes() {
        let table: &[(&str, Option<&str>)] = &[
            ("orders", None),
            ("customs_data2", None),
            (&"a".repeat(32), None),
            ("", Some("required")),
            (&"a".repeat(33), Some("not_a_choice")),
            ("Orders", Some("not_a_choice")),
            ("2orders", Some("not_a_choice")),
            ("_orders", Some("not_a_choice")),
            ("or-ders", Some("not_a_choice")),
            ("orders ", Some("not_a_choice")),
            ("订单", Some("not_a_choice")),
            ("../apps", Some("not_a_choice")),
        ];
        for (value, expected) in table {
            assert_eq!(code(permission_group(value)).as_deref(), *expected, "{value:?}");
        }
    }

    #[test]
    fn reasons() {
        let long = "x".repeat(crate::rules::LONG_MAX + 1);
        let table: &[(&str, bool, Option<&str>)] = &[
            ("", false, None),
            ("\u{200b}", false, None),
            ("", true, Some("required")),
            ("\n \n", true, Some("required")),
            ("We print shipping labels for our sellers' orders.", true, None),
            ("Listing sync", false, None),
            (&long, false, Some("too_long")),
            (&long, true, Some("too_long")),
            ("a\u{202e}b", false, Some("invisible_char")),
        ];
        for (value, sensitive, expected) in table {
            assert_eq!(
                code(business_reason(value, *sensitive)).as_deref(),
                *expected,
                "{value:?} sensitive={sensitive}"
            );
        }
    }
}
