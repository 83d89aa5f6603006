//! The message files: complete in every language, with the same parameters, and covering
//! every text, field, rule code and country the app can show.

use super::*;
use portal_core::{api::*, error::field_code, rules, Form};
use std::collections::{BTreeMap, BTreeSet};

/// Each language's two files: the first screen's words, and the pages' words.
const FILES: [(&str, &str, &str); 3] = [
    (
        "en",
        include_str!("../../public/locales/en.json"),
        include_str!("../../public/locales/en.pages.json"),
    ),
    (
        "zh-CN",
        include_str!("../../public/locales/zh-CN.json"),
        include_str!("../../public/locales/zh-CN.pages.json"),
    ),
    (
        "es",
        include_str!("../../public/locales/es.json"),
        include_str!("../../public/locales/es.pages.json"),
    ),
];

fn file(text: &str) -> BTreeMap<String, String> {
    serde_json::from_str(text).expect("a message file is a JSON object of strings")
}

/// A language's words, both files.
fn messages(files: &(&str, &str, &str)) -> BTreeMap<String, String> {
    let mut all = file(files.1);
    all.extend(file(files.2));
    all
}

#[test]
fn the_first_screens_words_are_in_the_first_file_and_no_other() {
    for (tag, first, pages) in &FILES {
        let (first, pages) = (file(first), file(pages));
        for key in first.keys() {
            assert!(
                first_words(key),
                "{key} is in {tag}.json but not needed there: move it to {tag}.pages.json"
            );
            assert!(!pages.contains_key(key), "{key} is in both of {tag}'s files");
        }
        for key in pages.keys() {
            assert!(
                !first_words(key),
                "{key} is needed before the pages' words arrive: move it to {tag}.json"
            );
        }
    }
    // The sign-in form's own words are among the first.
    for key in [
        "sign_in_title",
        "account_label",
        "field.password.label",
        "api.invalid_credentials",
        "error.required",
    ] {
        assert!(first_words(key), "{key}");
    }
}

/// The `{name}` parameters a message uses.
fn parameters(message: &str) -> BTreeSet<String> {
    message
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

#[test]
fn every_language_has_exactly_englishs_keys_with_the_same_parameters() {
    let english = messages(&FILES[0]);
    for files in &FILES[1..] {
        let (tag, other) = (files.0, messages(files));
        let missing: Vec<_> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{tag} lacks {missing:?}");
        assert!(extra.is_empty(), "{tag} has keys English lacks: {extra:?}");
        for (key, message) in &english {
            assert_eq!(
                parameters(&other[key]),
                parameters(message),
                "{tag} {key}: {:?} has other parameters than {message:?}",
                other[key]
            );
            assert!(!other[key].trim().is_empty(), "{tag} {key} is empty");
        }
    }
}

#[test]
fn the_language_tags_name_the_files() {
    let tags: Vec<&str> = FILES.iter().map(|(tag, _, _)| *tag).collect();
    let locales: Vec<&str> = Locale::ALL.iter().map(|l| l.tag()).collect();
    assert_eq!(tags, locales);
}

#[test]
fn every_fixed_text_is_in_the_files() {
    let english = messages(&FILES[0]);
    for key in FIXED_KEYS {
        assert!(english.contains_key(*key), "{key} is not in en.json");
    }
}

/// Every field of every form the core defines has its own label and noun, so no sentence
/// falls back to "Answer" or "this answer" (fields named by their legend or their own
/// sentence are listed).
#[test]
fn no_field_falls_back_to_a_generic_name() {
    let own_words = ["confirmed", "decision", "app_type", "host_token"];
    let forms = [
        SignInRequest::FIELDS,
        AcceptAgreementRequest::FIELDS,
        DeveloperInfo::FIELDS,
        QualificationRequest::FIELDS,
        CreateAppRequest::FIELDS,
        AppTypeChoice::FIELDS,
        PasswordConfirmation::FIELDS,
        DecisionRequest::FIELDS,
    ];
    let english = messages(&FILES[0]);
    for field in forms
        .iter()
        .flat_map(|f| f.iter())
        .filter(|f| !own_words.contains(f))
    {
        assert!(
            english.contains_key(&format!("field.{field}.label")),
            "{field} has a label"
        );
        assert!(
            english.contains_key(&format!("field.{field}.noun")),
            "{field} has a noun"
        );
    }
}

#[test]
fn every_rule_code_has_its_own_sentence() {
    let english = messages(&FILES[0]);
    for code in [
        field_code::REQUIRED,
        field_code::TOO_LONG,
        field_code::MUST_ACCEPT,
        field_code::EMAIL_FORMAT,
        field_code::MOBILE_FORMAT,
        field_code::MOBILE_CHINA,
        field_code::URL_FORMAT,
        field_code::COUNTRY_UNKNOWN,
        field_code::NOT_A_NUMBER,
        field_code::OUT_OF_RANGE,
        field_code::INVALID_CHAR,
        field_code::CIF_FORMAT,
        field_code::CIF_CONTROL,
        field_code::CIF_NOT_ASKED,
        field_code::FILE_EMPTY,
        field_code::FILE_TOO_LARGE,
        field_code::FILE_TYPE,
        field_code::DUPLICATE,
        field_code::INCORRECT_PASSWORD,
        field_code::UPLOAD_MISSING,
        field_code::INVISIBLE_CHAR,
        field_code::TOO_MANY,
        field_code::URL_HTTPS,
        field_code::URL_FRAGMENT,
        field_code::URL_WILDCARD,
        field_code::IP_FORMAT,
        field_code::CIDR_HOST_BITS,
    ] {
        assert!(english.contains_key(&format!("error.{code}")), "error.{code}");
    }
}

#[test]
fn every_country_the_rules_accept_has_a_name() {
    let english = messages(&FILES[0]);
    for code in rules::COUNTRIES {
        assert!(english.contains_key(&format!("country.{code}")), "country.{code}");
    }
}

#[test]
fn field_errors_are_worded_with_their_parameters() {
    let error = |field: &str, code: &str, params: serde_json::Value| {
        let mut e = portal_core::FieldError::new(field, code);
        if let serde_json::Value::Object(map) = params {
            e.params = map.into_iter().collect();
        }
        field_message(&e)
    };
    assert_eq!(
        error("contact_name", "required", serde_json::json!({})),
        "Enter the contact name"
    );
    assert_eq!(
        error("country", "required", serde_json::json!({})),
        "Select your country or region"
    );
    assert_eq!(
        error("software_name", "too_long", serde_json::json!({"max": 64})),
        "The software name must be 64 characters or fewer"
    );
    assert_eq!(
        error("agreement_confirmed", "must_accept", serde_json::json!({})),
        "Confirm that you have read and accept the agreement"
    );
    assert_eq!(
        error("website", "something_new", serde_json::json!({})),
        "Check the website"
    );
    // The network meant, as the shared rule names it.
    let refused = rules::ip_range("10.1.2.3/8").unwrap_err();
    let params = serde_json::to_value(&refused.params).unwrap();
    assert_eq!(
        error("allowed_ips", &refused.code, params),
        "This range starts at 10.0.0.0/8: enter that instead"
    );
    assert_eq!(
        error(
            "callback_urls",
            "too_many",
            serde_json::json!({"max": rules::CALLBACK_URLS_MAX})
        ),
        "Give 5 or fewer"
    );
}
