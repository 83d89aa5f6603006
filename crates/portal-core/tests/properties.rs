//! Property tests over every rule: no input makes a rule panic, and the application
//! name's weighted length agrees with an independent count.

use portal_core::{
    api::{DeveloperInfo, QualificationRequest},
    rules, FieldError, Form,
};
use proptest::prelude::*;

/// Any Unicode text, weighted towards the characters the rules care about.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9._ +@-]{0,40}",
        "[\\u{4E00}-\\u{9FFF}\\u{3400}-\\u{4DBF}\\u{20000}-\\u{2A6DF}a-z._]{0,20}",
        "[\\u{0}-\\u{1F}\\u{200B}-\\u{200F}\\u{202A}-\\u{202E}\\u{FEFF} a]{0,10}",
    ]
}

/// Han ideographs by the ranges the product names, written out again here on purpose.
fn independent_weight(name: &str) -> usize {
    name.chars()
        .map(|c| {
            let u = c as u32;
            let han = (0x4E00..=0x9FFF).contains(&u)
                || (0x3400..=0x4DBF).contains(&u)
                || (0x20000..=0x323AF).contains(&u)
                    && !(0x2A6E0..=0x2A6FF).contains(&u)
                    && !(0x2EE60..=0x2F7FF).contains(&u)
                    && !(0x2FA20..=0x2FFFF).contains(&u)
                || (0xF900..=0xFAFF).contains(&u);
            if han {
                2
            } else {
                1
            }
        })
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The forms' own ordering of errors agrees with the standard library's stable sort.
    #[test]
    fn errors_in_field_order_as_a_stable_sort_puts_them(
        errors in proptest::collection::vec(("[a-e]", "[xy][0-9]"), 0..12),
    ) {
        const ORDER: [&str; 3] = ["c", "a", "d"];
        let mut ours: Vec<FieldError> = errors.iter().map(|(f, c)| FieldError::new(f, c)).collect();
        let mut expected = ours.clone();
        expected.sort_by_key(|e| ORDER.iter().position(|n| *n == e.field).unwrap_or(ORDER.len()));
        portal_core::form::in_field_order(&mut ours, &ORDER);
        prop_assert_eq!(ours, expected);
    }

    #[test]
    fn no_rule_panics(value in text()) {
        let _ = rules::text(&value, 10);
        let _ = rules::long_text(&value);
        let _ = rules::password(&value);
        let _ = rules::email(&value);
        let _ = rules::mobile(&value);
        let _ = rules::normalize_mobile(&value);
        let _ = rules::optional_url(&value);
        let _ = rules::country(&value);
        let _ = rules::cif(&value);
        let _ = rules::app_name(&value);
        let _ = rules::team_size(&value);
        let _ = rules::licence(value.as_bytes());
        let _ = rules::permission_group(&value);
        let _ = rules::business_reason(&value, true);
    }

    /// A reason good enough for a sensitive group is good enough for any group, and the
    /// two differ only on a reason that looks empty.
    #[test]
    fn sensitivity_only_makes_the_reason_required(value in text()) {
        let sensitive = rules::business_reason(&value, true);
        let plain = rules::business_reason(&value, false);
        if sensitive.is_ok() {
            prop_assert!(plain.is_ok());
        }
        if sensitive.is_err() != plain.is_err() {
            let code = sensitive.unwrap_err().code;
            prop_assert_eq!(code.as_ref(), "required");
            prop_assert!(rules::characters::looks_empty(&value));
        }
    }

    /// A group code the rule accepts is safe in a path, a SQL parameter and a message
    /// key: lowercase ASCII, digits and `_`, starting with a letter, at most 32 bytes.
    #[test]
    fn accepted_group_codes_are_plain_machine_names(value in prop_oneof![text(), "[a-z_0-9]{0,40}"]) {
        if rules::permission_group(&value).is_ok() {
            prop_assert!(value.len() <= 32 && value.starts_with(|c: char| c.is_ascii_lowercase()));
            prop_assert!(value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
        }
    }

    #[test]
    fn app_name_weight_agrees_with_an_independent_count(value in text()) {
        prop_assert_eq!(rules::app_name_weight(&value), independent_weight(&value));
    }

    #[test]
    fn an_accepted_app_name_has_only_allowed_characters_within_the_weight(value in text()) {
        if rules::app_name(&value).is_ok() {
            prop_assert!(independent_weight(&value) <= rules::APP_NAME_MAX_WEIGHT);
            prop_assert!(value.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || rules::is_han(c)));
        }
    }

    #[test]
    fn accepted_text_never_holds_controls_or_overrides(value in text()) {
        if rules::text(&value, 100).is_ok() {
            prop_assert!(!value.chars().any(|c| c.is_control() || rules::characters::is_direction_override(c)));
            prop_assert!(!rules::characters::looks_empty(&value));
        }
    }

    #[test]
    fn whole_forms_check_without_panicking(a in text(), b in text(), c in text(), d in text()) {
        let info = DeveloperInfo {
            developer_name: a.clone(),
            country: b.clone(),
            email: c.clone(),
            mobile: d.clone(),
            website: a.clone(),
        };
        if let Ok(checked) = info.check() {
            // What passes is trimmed: checking it again changes nothing.
            prop_assert_eq!(checked.clone().check().ok(), Some(checked));
        }
        let answers = QualificationRequest {
            contact_name: a,
            software_function: b,
            it_team_size: c,
            cif: d,
            ..Default::default()
        };
        let _ = answers.check();
    }
}
