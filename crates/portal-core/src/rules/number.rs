//! Whole numbers typed into text inputs.

use super::{error, RuleResult};
use crate::error::field_code;
use std::borrow::Cow;

pub const TEAM_SIZE_MAX: u32 = 100_000;

/// The number of people in the IT team: a whole number from 1 to 100,000.
pub fn team_size(value: &str) -> RuleResult {
    whole_number(value, TEAM_SIZE_MAX)
}

/// The most calls a day an app asking to go online may expect.
pub const DAILY_CALLS_MAX: u32 = 100_000_000;

/// The calls a day an app expects once online: a whole number from 1 to 100 million.
pub fn expected_daily_calls(value: &str) -> RuleResult {
    whole_number(value, DAILY_CALLS_MAX)
}

/// A whole number from 1 to `max`, typed as digits only.
fn whole_number(value: &str, max: u32) -> RuleResult {
    if value.is_empty() {
        return Err(error(field_code::REQUIRED));
    }
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(error(field_code::NOT_A_NUMBER));
    }
    match value.parse::<u32>() {
        Ok(n) if (1..=max).contains(&n) => Ok(()),
        _ => {
            let mut e = error(field_code::OUT_OF_RANGE);
            e.add_param(Cow::Borrowed("min"), &1);
            e.add_param(Cow::Borrowed("max"), &max);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn expected_daily_calls_table() {
        for (value, want) in [
            ("1", None),
            ("5000", None),
            ("100000000", None),
            ("", Some("required")),
            ("0", Some("out_of_range")),
            ("100000001", Some("out_of_range")),
            ("5,000", Some("not_a_number")),
            ("-3", Some("not_a_number")),
            ("５０００", Some("not_a_number")),
        ] {
            let got = super::expected_daily_calls(value)
                .err()
                .map(|e| e.code.to_string());
            assert_eq!(got.as_deref(), want, "{value:?}");
        }
    }

    #[test]
    fn team_size_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("1", None),
            ("12", None),
            ("100000", None),
            ("", Some("required")),
            ("0", Some("out_of_range")),
            ("100001", Some("out_of_range")),
            ("99999999999", Some("out_of_range")),
            ("12.5", Some("not_a_number")),
            ("-3", Some("not_a_number")),
            ("ten", Some("not_a_number")),
            ("１２", Some("not_a_number")),
        ];
        for (value, want) in cases {
            assert_eq!(
                super::team_size(value)
                    .err()
                    .map(|e| e.code.into_owned())
                    .as_deref(),
                *want,
                "{value:?}"
            );
        }
    }
}
