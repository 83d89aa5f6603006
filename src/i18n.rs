//! Every sentence the app shows, in one place (English now; Chinese and Spanish later
//! become sibling tables). Rules return codes with parameters; this module words them.

use crate::api::ApiError;
use portal_core::{error::field_code, FieldError};

pub const APP_NAME: &str = "Open Platform Developer Portal";
pub const SKIP_TO_CONTENT: &str = "Skip to main content";
pub const SIGN_OUT: &str = "Sign out";
pub const SIGNED_IN_AS: &str = "Signed in as";
pub const LOADING: &str = "Loading…";
pub const TRY_AGAIN: &str = "Try again";
pub const ERROR_SUMMARY_TITLE: &str = "There is a problem";
pub const SHOW_PASSWORD: &str = "Show";
pub const HIDE_PASSWORD: &str = "Hide";

pub const CONFIG_ERROR_TITLE: &str = "The portal cannot start";
pub const CONFIG_ERROR_HINT: &str =
    "The portal's configuration file is missing or invalid. If you run this portal, check config.json next to index.html.";

pub const SIGN_IN_TITLE: &str = "Sign in";
pub const SIGN_IN_INTRO: &str = "Use your seller account to get API credentials for your apps.";
pub const SIGN_IN_BUTTON: &str = "Sign in";
pub const SIGNING_IN: &str = "Signing in…";
pub const SESSION_EXPIRED: &str = "Your session has ended. Sign in again to continue where you were.";
pub const ACCOUNT_LABEL: &str = "Seller account name";
pub const ACCOUNT_HINT: &str = "The name you use to sign in to your seller centre.";
pub const PASSWORD_LABEL: &str = "Password";

pub const AGREEMENT_TITLE: &str = "API use agreement";
pub const AGREEMENT_INTRO: &str = "Read the agreement, then confirm to activate your developer account.";
pub const AGREEMENT_TEXT_LABEL: &str = "Agreement text";
pub const AGREEMENT_CONFIRM_BUTTON: &str = "Accept and continue";
pub const AGREEMENT_SAVING: &str = "Saving…";
pub const AGREEMENT_NEW_VERSION: &str =
    "A new version of the agreement has been published. It is shown below: read it and confirm again.";
pub const CONTINUE: &str = "Continue";

pub const DEVELOPER_TITLE: &str = "Developer information";
pub const DEVELOPER_COMING: &str =
    "Your developer account is active. Giving your developer information comes next.";

pub const NOT_FOUND_TITLE: &str = "Page not found";
pub const NOT_FOUND_BODY: &str = "If you typed the web address, check it is correct.";
pub const GO_HOME: &str = "Go to the start";

pub fn agreement_version(version: u32, published: &str) -> String {
    format!("Version {version}, published {published}")
}

pub fn agreement_confirm_label(version: u32) -> String {
    format!("I have read and accept the API use agreement (version {version})")
}

pub fn agreement_accepted(version: u32, at: &str) -> String {
    format!("You accepted version {version} of the agreement on {at}.")
}

/// How a field is named inside a sentence ("Enter your …").
fn field_noun(field: &str) -> &'static str {
    match field {
        "account" => "your seller account name",
        "password" => "your password",
        "confirmed" => "the agreement",
        _ => "this answer",
    }
}

/// The sentence for one field error, shown beside the field and in the error summary.
pub fn field_message(error: &FieldError) -> String {
    let noun = field_noun(&error.field);
    match error.code.as_str() {
        field_code::REQUIRED => format!("Enter {noun}"),
        field_code::TOO_LONG => match error.param_u64("max") {
            Some(max) => format!("{} must be {max} characters or fewer", capitalise(noun)),
            None => format!("{} is too long", capitalise(noun)),
        },
        field_code::MUST_ACCEPT => "Confirm that you have read and accept the agreement".into(),
        _ => format!("Check {noun}"),
    }
}

/// The sentence for a failure that is not about one field.
pub fn api_error(error: &ApiError) -> String {
    match error {
        ApiError::Network => {
            "We could not reach the portal's server. Check your connection and try again. Your answers are kept.".into()
        }
        ApiError::SessionExpired => SESSION_EXPIRED.into(),
        ApiError::InvalidCredentials => "The account name or password is incorrect".into(),
        ApiError::Forbidden => "Your account does not have access to this page".into(),
        ApiError::NotFound => "We could not find what you asked for. It may have been removed".into(),
        ApiError::Conflict(body) => body.message.clone(),
        ApiError::Validation(_) => "Some answers need correcting".into(),
        ApiError::Server(status) => {
            format!("Something went wrong on our side (error {status}). Try again in a moment. Your answers are kept.")
        }
        ApiError::BadResponse => "The server sent an answer we could not read. Try again in a moment.".into(),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
