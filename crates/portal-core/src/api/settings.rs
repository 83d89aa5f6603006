//! Lists a developer keeps in an app's console, each replaced as a whole: callback URLs
//! and the IP allow-list. An error about one entry is on `<list>_<index>` (the input's
//! id), about the list on `<list>`.

use crate::{form::trim_in_place, rules, Form};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use validator::{Validate, ValidationError, ValidationErrors, ValidationErrorsKind};

/// `PUT /apps/{id}/callback-urls`: where sellers may be sent back after authorising the
/// app. Editing them needs no new review.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CallbackUrls {
    pub callback_urls: Vec<String>,
}

impl Validate for CallbackUrls {
    fn validate(&self) -> Result<(), ValidationErrors> {
        list_errors("callback_urls", rules::callback_urls(&self.callback_urls))
    }
}

impl Form for CallbackUrls {
    /// The list, then each URL in order (the first five: a longer list is refused as such).
    const FIELDS: &'static [&'static str] = &[
        "callback_urls",
        "callback_urls_0",
        "callback_urls_1",
        "callback_urls_2",
        "callback_urls_3",
        "callback_urls_4",
    ];

    fn normalize(&mut self) {
        self.callback_urls.iter_mut().for_each(trim_in_place);
    }
}

/// `PUT /apps/{id}/allowed-sources`: the IPv4/IPv6 addresses and CIDR ranges the app's
/// calls may come from; empty allows any.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AllowedSources {
    pub allowed_sources: Vec<String>,
}

impl Validate for AllowedSources {
    fn validate(&self) -> Result<(), ValidationErrors> {
        list_errors("allowed_sources", rules::ip_ranges(&self.allowed_sources))
    }
}

impl Form for AllowedSources {
    /// The list, then each entry in order (the first twenty).
    const FIELDS: &'static [&'static str] = &[
        "allowed_sources",
        "allowed_sources_0",
        "allowed_sources_1",
        "allowed_sources_2",
        "allowed_sources_3",
        "allowed_sources_4",
        "allowed_sources_5",
        "allowed_sources_6",
        "allowed_sources_7",
        "allowed_sources_8",
        "allowed_sources_9",
        "allowed_sources_10",
        "allowed_sources_11",
        "allowed_sources_12",
        "allowed_sources_13",
        "allowed_sources_14",
        "allowed_sources_15",
        "allowed_sources_16",
        "allowed_sources_17",
        "allowed_sources_18",
        "allowed_sources_19",
    ];

    fn normalize(&mut self) {
        self.allowed_sources.iter_mut().for_each(trim_in_place);
    }
}

/// A list rule's problems as validator errors on `<list>` and `<list>_<index>`.
fn list_errors(list: &str, problems: Vec<(Option<usize>, ValidationError)>) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    for (index, error) in problems {
        let field = match index {
            Some(i) => format!("{list}_{i}"),
            None => list.to_owned(),
        };
        let slot = errors
            .0
            .entry(Cow::Owned(field))
            .or_insert_with(|| ValidationErrorsKind::Field(Vec::new()));
        if let ValidationErrorsKind::Field(entries) = slot {
            entries.push(error);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entry the rules allow has its own field, so its error reaches its input.
    #[test]
    fn each_entry_has_a_field() {
        assert_eq!(CallbackUrls::FIELDS.len(), rules::CALLBACK_URLS_MAX + 1);
        assert_eq!(AllowedSources::FIELDS.len(), rules::ALLOWED_SOURCES_MAX + 1);
        for (i, field) in AllowedSources::FIELDS.iter().skip(1).enumerate() {
            assert_eq!(*field, format!("allowed_sources_{i}"));
        }
    }

    #[test]
    fn errors_name_the_entry() {
        let errors = AllowedSources {
            allowed_sources: vec!["10.0.0.0/8".into(), "10.1.2.3/8".into(), "nope".into()],
        }
        .check()
        .unwrap_err();
        let found: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("allowed_sources_1", "cidr_host_bits"),
                ("allowed_sources_2", "ip_format")
            ]
        );
        assert_eq!(errors[0].param_str("network"), Some("10.0.0.0/8"));
    }
}
