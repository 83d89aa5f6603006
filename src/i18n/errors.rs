//! The sentence for each failure that is not about one field.

use super::*;
use crate::api::ApiError;
use portal_core::error::code;

/// The sentence for a failure that is not about one field.
pub fn api_error(error: &ApiError) -> String {
    match error {
        ApiError::Network(api) => format!(
            "We could not reach the portal's server at {api}. Check your connection and try again. Your answers are kept."
        ),
        ApiError::SessionExpired => SESSION_EXPIRED.into(),
        ApiError::InvalidCredentials => "The account name or password is incorrect".into(),
        ApiError::Forbidden => "Your account does not have access to this page".into(),
        ApiError::NotFound => "We could not find what you asked for. It may have been removed".into(),
        ApiError::Conflict(body) => conflict_message(&body.code).into(),
        ApiError::Validation(_) => "Some answers need correcting".into(),
        ApiError::TooManyAttempts(wait) => format!(
            "Too many incorrect passwords. For your security, try again in {}",
            wait_text(*wait)
        ),
        ApiError::UploadQuota(wait) => format!(
            "You have uploaded many files today. You can upload another in {}",
            wait_text(*wait)
        ),
        ApiError::Busy(_) => "The server is busy right now. Wait a moment and try again. Your answers are kept.".into(),
        ApiError::Timeout => "The server took too long to answer. Try again. Your answers are kept, and \
             sending them again will not save them twice."
            .into(),
        ApiError::TooLarge => "What you sent is too large for the server. Shorten your answers or choose a smaller file.".into(),
        ApiError::Server(status) => {
            format!("Something went wrong on our side (error {status}). Try again in a moment. Your answers are kept.")
        }
        ApiError::BadResponse => "The server sent an answer we could not read. Try again in a moment.".into(),
    }
}

/// Why the server refused a request as in conflict with how things stand, from its code
/// (the server's own sentence is for other API clients).
fn conflict_message(code: &str) -> &'static str {
    match code {
        code::AGREEMENT_OUTDATED => AGREEMENT_NEW_VERSION,
        code::AGREEMENT_REQUIRED => "Accept the current API use agreement first",
        code::DEVELOPER_INFO_REQUIRED => "Give your developer information first",
        code::QUALIFICATION_REQUIRED => NOT_APPROVED_YET,
        code::APPLICATION_LOCKED => {
            "Your application is being reviewed or is already approved, so it cannot be changed now"
        }
        code::ALREADY_DECIDED => "This application has already been decided",
        code::ACCOUNT_NOT_HOSTED => {
            "This account signs in with its password on the portal, not through your seller centre"
        }
        code::REQUEST_IN_PROGRESS => "The same request is still being processed. Try again in a moment",
        _ => {
            "This could not be done because something changed in the meantime. Reload the page and try again"
        }
    }
}

/// "45 seconds", "1 minute", "15 minutes": how long to wait.
fn wait_text(seconds: Option<u64>) -> String {
    match seconds.unwrap_or(60) {
        1 => "1 second".into(),
        s @ 0..=59 => format!("{s} seconds"),
        s => match s.div_ceil(60) {
            1 => "1 minute".into(),
            m => format!("{m} minutes"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ] {
            assert_ne!(conflict_message(known), fallback, "{known}");
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
