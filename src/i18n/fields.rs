//! Each answer's label, hint and noun, and the sentence for each of its errors, from the
//! message files' `field.<name>.*` and `error.*` keys.

use super::*;
use portal_core::{rules, FieldError};

/// A field's visible label.
pub fn field_label(field: &str) -> &'static str {
    text_opt(&format!("field.{field}.label")).unwrap_or_else(|| text("field.default.label"))
}

/// Help shown under a field's label, if any, with the rules' limits filled in.
pub fn field_hint(field: &str) -> Option<String> {
    let hint = text_opt(&format!("field.{field}.hint"))?;
    Some(fill(
        hint,
        &[
            ("size", &crate::format::file_size(rules::LICENCE_MAX_BYTES)),
            ("max_chinese", &(rules::APP_NAME_MAX_WEIGHT / 2)),
            ("max", &rules::APP_NAME_MAX_WEIGHT),
        ],
    ))
}

/// How a field is named inside a sentence ("Enter …").
fn field_noun(field: &str) -> &'static str {
    text_opt(&format!("field.{field}.noun")).unwrap_or_else(|| text("field.default.noun"))
}

/// The sentence for one field error, shown beside the field and in the error summary: the
/// field's own wording of the code if it has one, else the code's, else a general one.
pub fn field_message(error: &FieldError) -> String {
    let (field, code) = (error.field.as_str(), error.code.as_str());
    let template = text_opt(&format!("error.{field}.{code}"))
        .or_else(|| text_opt(&format!("error.{field}")))
        .or_else(|| text_opt(&format!("error.{code}")))
        .unwrap_or_else(|| text("error.other"));
    let noun = field_noun(field);
    let num = |name: &str| error.param_u64(name).unwrap_or_default();
    let size = crate::format::file_size(error.param_u64("max").unwrap_or(rules::LICENCE_MAX_BYTES));
    fill(
        template,
        &[
            ("noun", &noun),
            ("Noun", &capitalise(noun)),
            ("max", &num("max")),
            ("min", &num("min")),
            ("length", &num("length")),
            ("size", &size),
            ("char", &error.param_str("char").unwrap_or_default()),
            ("code_point", &error.param_str("code_point").unwrap_or_default()),
            ("network", &error.param_str("network").unwrap_or_default()),
        ],
    )
}

pub fn go_live_status(status: portal_core::api::GoLiveStatus) -> &'static str {
    use portal_core::api::GoLiveStatus::*;
    match status {
        Pending => status_submitted(),
        Approved => status_approved(),
        Rejected => status_rejected(),
    }
}

pub fn permission_status(status: portal_core::api::PermissionStatus) -> &'static str {
    use portal_core::api::PermissionStatus::*;
    match status {
        Pending => permission_pending(),
        Active => permission_active(),
        Rejected => status_rejected(),
    }
}

pub fn qualification_status(status: portal_core::api::QualificationStatus) -> &'static str {
    use portal_core::api::QualificationStatus::*;
    match status {
        Submitted => status_submitted(),
        InReview => status_in_review(),
        Approved => status_approved(),
        Rejected => status_rejected(),
    }
}
