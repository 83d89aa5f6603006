//! An application's answers as people read them: the check page and the review page.

use crate::{format, i18n};
use portal_core::api::{LicenceInfo, QualificationRequest, TextAnswer};

/// How an answer reads on the check page.
pub fn answer(answers: &QualificationRequest, field: &str, licence: Option<&LicenceInfo>) -> String {
    if field == "licence_id" {
        return licence
            .map(|l| format!("{} ({})", l.file_name, format::file_size(l.size)))
            .unwrap_or_else(|| i18n::not_given().into());
    }
    if field == "agreement_confirmed" {
        return if answers.agreement_confirmed {
            i18n::confirmed()
        } else {
            i18n::not_given()
        }
        .into();
    }
    match TextAnswer::from_name(field).map(|a| answers.text(a).trim()) {
        Some(v) if !v.is_empty() => v.to_owned(),
        _ => i18n::not_given().into(),
    }
}
