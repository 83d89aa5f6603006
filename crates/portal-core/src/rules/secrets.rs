//! How long a replaced AppSecret keeps working: the choices a reset offers.

use super::{error, RuleResult};
use crate::error::field_code;

/// The grace periods a developer may choose when resetting a secret, in hours: none (the
/// old secret stops at once), an hour, a day, three days or a week.
pub const OLD_SECRET_HOURS: [u32; 5] = [0, 1, 24, 72, 168];

/// One of [`OLD_SECRET_HOURS`]; any other number is refused, not rounded.
pub fn old_secret_hours(hours: u32) -> RuleResult {
    if OLD_SECRET_HOURS.contains(&hours) {
        Ok(())
    } else {
        Err(error(field_code::NOT_A_CHOICE))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn only_the_offered_periods_are_accepted() {
        for (hours, ok) in [
            (0, true),
            (1, true),
            (24, true),
            (72, true),
            (168, true),
            (2, false),
            (23, false),
            (48, false),
            (169, false),
            (720, false),
            (u32::MAX, false),
        ] {
            assert_eq!(old_secret_hours(hours).is_ok(), ok, "{hours} h");
        }
    }

    proptest! {
        #[test]
        fn a_refusal_is_always_not_a_choice(hours in any::<u32>()) {
            match old_secret_hours(hours) {
                Ok(()) => prop_assert!(OLD_SECRET_HOURS.contains(&hours)),
                Err(e) => prop_assert_eq!(e.code.as_ref(), field_code::NOT_A_CHOICE),
            }
        }
    }
}
