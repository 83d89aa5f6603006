//! The sentence for each failure that is not about one field (`api.*`, `conflict.*`).

use super::*;
use crate::api::ApiError;

/// The sentence for a failure that is not about one field.
pub fn api_error(error: &ApiError) -> String {
    match error {
        ApiError::Network(api) => fill(text("api.network"), &[("api", api)]),
        ApiError::Offline => text("api.offline").into(),
        ApiError::SessionExpired => session_expired().into(),
        ApiError::InvalidCredentials => text("api.invalid_credentials").into(),
        ApiError::AccountDisabled => text("api.account_disabled").into(),
        ApiError::Forbidden => text("api.forbidden").into(),
        ApiError::NotFound => text("api.not_found").into(),
        ApiError::Conflict(body) => conflict_message(&body.code).into(),
        ApiError::Validation(_) => text("api.validation").into(),
        ApiError::TooManyAttempts(wait) => {
            fill(text("api.too_many_attempts"), &[("wait", &wait_text(*wait))])
        }
        ApiError::UploadQuota(wait) => fill(text("api.upload_quota"), &[("wait", &wait_text(*wait))]),
        ApiError::MailQuota(wait) => fill(text("api.mail_quota"), &[("wait", &wait_text(*wait))]),
        ApiError::Busy(_) => text("api.busy").into(),
        ApiError::Timeout => text("api.timeout").into(),
        ApiError::TooLarge => text("api.too_large").into(),
        ApiError::Server(status) => fill(text("api.server"), &[("status", status)]),
        ApiError::BadResponse => text("api.bad_response").into(),
    }
}

/// Why the server refused a request as in conflict with how things stand, from its code
/// (the server's own sentence is for other API clients).
pub fn conflict_message(code: &str) -> &'static str {
    text_opt(&format!("conflict.{code}")).unwrap_or_else(|| text("conflict.other"))
}

/// "45 seconds", "1 minute", "15 minutes": how long to wait.
fn wait_text(seconds: Option<u64>) -> String {
    let (one, many, count) = match seconds.unwrap_or(60) {
        s @ 0..=59 => ("wait.second_one", "wait.seconds", s),
        s => ("wait.minute_one", "wait.minutes", s.div_ceil(60)),
    };
    match count {
        1 => text(one).into(),
        n => fill(text(many), &[("count", &n)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::error::code;

    #[test]
    fn every_conflict_the_server_sends_has_its_own_words() {
        let fallback = conflict_message("something_new");
        for known in [
            code::AGREEMENT_OUTDATED,
            code::AGREEMENT_REQUIRED,
            code::DEVELOPER_INFO_REQUIRED,
            code::QUALIFICATION_REQUIRED,
            code::APPLICATION_LOCKED,
            code::ALREADY_DECIDED,
            code::ACCOUNT_NOT_HOSTED,
            code::REQUEST_IN_PROGRESS,
            code::PERMISSION_ACTIVE,
            code::PERMISSION_PENDING,
        ] {
            assert_ne!(conflict_message(known), fallback, "{known}");
        }
    }

    #[test]
    fn waits_are_worded_in_seconds_then_whole_minutes() {
        for (seconds, words) in [
            (Some(1), "1 second"),
            (Some(45), "45 seconds"),
            (Some(60), "1 minute"),
            (Some(61), "2 minutes"),
            (None, "1 minute"),
        ] {
            assert_eq!(wait_text(seconds), words);
        }
    }

    #[test]
    fn limits_in_hints_come_from_the_rules() {
        assert!(field_hint("licence_id").unwrap().contains("at most 2 MB"));
        assert!(field_hint("name")
            .unwrap()
            .contains("At most 15 Chinese characters or 30"));
    }
}
