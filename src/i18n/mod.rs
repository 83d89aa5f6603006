//! Every sentence the app shows, in one place (English now; Chinese and Spanish later
//! become sibling tables). Rules return codes with parameters; this module words them.

pub const APP_NAME: &str = "Open Platform Developer Portal";
pub const SKIP_TO_CONTENT: &str = "Skip to main content";
pub const SIGN_OUT: &str = "Sign out";
pub const SIGNED_IN_AS: &str = "Signed in as";
pub const NAV_LABEL: &str = "Main";
pub const LOADING: &str = "Loading…";
pub const TRY_AGAIN: &str = "Try again";
pub const ERROR_SUMMARY_TITLE: &str = "There is a problem";
/// Read before each field error by screen readers.
pub const ERROR_PREFIX: &str = "Error: ";
pub const SHOW_PASSWORD: &str = "Show";
pub const HIDE_PASSWORD: &str = "Hide";

pub const CONFIG_ERROR_TITLE: &str = "The portal cannot start";
pub const CONFIG_ERROR_HINT: &str =
    "The portal's configuration is missing or wrong. If you run this portal, check config.json next to index.html.";

/// What exactly is wrong with the configuration, for the operator.
pub fn config_problem(error: &crate::config::ConfigError) -> String {
    use crate::config::ConfigError;
    match error {
        ConfigError::Unreachable { url } => format!("{url} could not be loaded."),
        ConfigError::Status { url, status } => format!("{url} answered with status {status}."),
        ConfigError::Malformed { url, detail } => format!("{url} is not valid: {detail}."),
        ConfigError::NotAnApi { api } => format!(
            "api_base_url is {api}, which does not answer as the portal's API ({api}/service)."
        ),
        ConfigError::ApiUnreachable { api, origin } => format!(
            "The portal's API at {api} could not be reached from this page. Check that it is running at that address and, if it is on another origin, that it allows this page's origin {origin} (the reference server's --cors-origin)."
        ),
    }
}

pub const SIGN_IN_TITLE: &str = "Sign in";
pub const STEP_UP_THROUGH_HOST: &str = "Your seller portal confirms that it is you when you continue.";
pub const HOST_SIGNING_IN: &str = "Signing you in through the seller portal…";
pub const HOST_NO_TOKEN: &str =
    "The seller portal did not sign you in. Sign in to the seller portal, then try again.";
pub const SIGN_IN_INTRO: &str = "Use your seller account to get API credentials for your apps.";
pub const SIGN_IN_BUTTON: &str = "Sign in";
pub const SIGNING_IN: &str = "Signing in…";
pub const REAUTH_TITLE: &str = "Your session has ended";
pub const REAUTH_BODY: &str =
    "For your security, sign in again to continue. Everything you typed on this page is kept.";
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
pub const DEVELOPER_INTRO: &str = "Tell us who is developing. You can change this later.";
pub const SAVE_AND_CONTINUE: &str = "Save and continue";
pub const SAVING: &str = "Saving…";
pub const SELECT_PLACEHOLDER: &str = "Select…";

pub const APPS_TITLE: &str = "Your apps";
pub const APPS_EMPTY_TITLE: &str = "You have no apps yet";
pub const APPS_EMPTY_BODY: &str =
    "Create an app to get the AppKey and AppSecret your software uses to call the platform's API.";
pub const CREATE_APP: &str = "Create App";
pub const EDIT_DEVELOPER: &str = "Edit developer information";
pub const COL_NAME: &str = "Name";
pub const COL_TYPE: &str = "Type";
pub const COL_STATUS: &str = "Status";
pub const COL_CREATED: &str = "Created";
pub const APP_TYPE_COMMERCIAL: &str = "Commercial Developer";
pub const APP_STATUS_ACTIVE: &str = "Active";

pub const CHOOSE_TYPE_TITLE: &str = "Choose the application type";
pub const TYPE_COMMERCIAL_HINT: &str = "For commercial software vendors (ISVs) whose software serves sellers. Needs an approved qualification before the app is created.";
pub const CONTINUE_BUTTON: &str = "Continue";

pub const CRASH_TITLE: &str = "Sorry, something went wrong in this page";
pub const CRASH_BODY: &str =
    "The portal stopped because of a problem on our side. Your answers are kept on this device. Reload the page to carry on.";
pub const CRASH_RELOAD: &str = "Reload the page";
pub const DRAFT_RESTORED: &str =
    "We kept the answers you gave earlier on this device. Check them and carry on, or start again.";
pub const DRAFT_DISCARD: &str = "Discard these answers and start again";
pub const QUALIFICATION_TITLE: &str = "Apply for the commercial developer qualification";
pub const QUALIFICATION_INTRO: &str = "All questions are required unless marked optional. Your answers are kept in this browser until you submit.";
pub const SECTION_CONTACT: &str = "Contact";
pub const SECTION_SOFTWARE: &str = "Software";
pub const SECTION_LICENCE: &str = "Business licence";
pub const SECTION_IT: &str = "IT responsible person";
pub const SECTION_MARKET: &str = "Market and infrastructure";
pub const SECTION_CONFIRM: &str = "Agreement";
pub const SAME_AS_CONTACT: &str = "The IT responsible person is the contact above";
pub const SAME_AS_CONTACT_NOTE: &str = "We will use the contact's name, mobile number and email address.";
pub const CHOOSE_FILE: &str = "Choose a file";
pub const DROP_FILE: &str = "or drop it here";
pub const UPLOADING: &str = "Uploading…";
pub const REPLACE_FILE: &str = "Replace file";
pub const REMOVE_FILE: &str = "Remove file";
pub const LICENCE_PREVIEW: &str = "Preview of the uploaded business licence";

pub const CHECK_TITLE: &str = "Check your answers before submitting";
pub const CHANGE: &str = "Change";
pub const SUBMIT_APPLICATION: &str = "Submit application";
pub const SUBMITTING: &str = "Submitting…";
pub const CONFIRMED: &str = "Confirmed";
pub const NOT_GIVEN: &str = "Not given";

pub const STATUS_TITLE: &str = "Your qualification application";
pub const REFERENCE: &str = "Reference";
pub const SUBMITTED_ON: &str = "Submitted";
pub const TIMELINE: &str = "Progress";
pub const STEP_SUBMITTED: &str = "Application submitted";
pub const STEP_IN_REVIEW: &str = "Review started";
pub const STEP_DECISION: &str = "Decision";
pub const WAITING: &str = "Waiting";
pub const WHAT_NEXT: &str = "What happens next";
pub const NEXT_PENDING: &str = "A reviewer checks your answers and your business licence, usually within 3 working days. We email the decision to the address in your application. You cannot change the application while it is being reviewed.";
pub const NEXT_APPROVED: &str =
    "Your qualification is approved. You can now create your app and get its AppKey and AppSecret.";
pub const NEXT_REJECTED: &str =
    "Your application was not approved. Read the reviewer's reasons, correct your answers and submit again.";
pub const REVIEWER_REASONS: &str = "The reviewer's reasons";
pub const EDIT_AND_RESUBMIT: &str = "Edit and resubmit";
pub const CREATE_YOUR_APP: &str = "Create your app";

pub const CREATE_APP_TITLE: &str = "Create a commercial developer app";
pub const CREATE_BUTTON: &str = "Create app";
pub const CREATING: &str = "Creating…";
pub const NOT_APPROVED_YET: &str =
    "Your qualification is not approved yet, so you cannot create a commercial developer app.";
pub const VIEW_STATUS: &str = "View your application";

pub const CONSOLE_APP_KEY: &str = "AppKey";
pub const CONSOLE_APP_SECRET: &str = "AppSecret";
pub const CONSOLE_CREDENTIALS: &str = "Credentials";
pub const CONSOLE_CREDENTIALS_HINT: &str =
    "Your software signs its API calls with these. Keep the AppSecret on your servers only.";
pub const COPY: &str = "Copy";
pub const COPIED: &str = "Copied";
pub const REVEAL: &str = "Reveal";
pub const HIDE: &str = "Hide";
pub const RESET_SECRET: &str = "Reset secret";
pub const CANCEL: &str = "Cancel";
pub const REVEAL_TITLE: &str = "Enter your password to reveal the AppSecret";
pub const RESET_TITLE: &str = "Reset the AppSecret?";
pub const RESET_BODY: &str = "A new AppSecret is issued now. The current one keeps working for 24 hours, so you can update your software without downtime. Enter your password to confirm.";
pub const BACK_TO_APPS: &str = "All apps";

pub const REVIEW_TITLE: &str = "Qualification applications";
pub const REVIEW_EMPTY: &str = "There are no applications.";
pub const COL_REFERENCE: &str = "Reference";
pub const COL_ACCOUNT: &str = "Account";
pub const COL_SOFTWARE: &str = "Software";
pub const COL_SUBMITTED: &str = "Submitted";
pub const DEVELOPER_SECTION: &str = "Developer";
pub const DECISION_TITLE: &str = "Decision";
pub const DECISION_QUESTION: &str = "Approve or reject this application?";
pub const ANSWERS_TITLE: &str = "Answers";
pub const APPROVE: &str = "Approve";
pub const REJECT: &str = "Reject";
pub const RECORD_DECISION: &str = "Record decision";
pub const DECISION_RECORDED: &str = "The decision is recorded and the developer has been emailed.";
pub const REVIEWERS_ONLY: &str = "Only reviewer accounts can see applications.";

pub const NOT_FOUND_TITLE: &str = "Page not found";
pub const NOT_FOUND_BODY: &str = "If you typed the web address, check it is correct.";
pub const GO_HOME: &str = "Go to the start";

/// The application name's weighted length, e.g. "11 of 30".
pub fn name_counter(weight: usize, max: usize) -> String {
    format!("{weight} of {max}")
}

pub fn secret_hidden_in(seconds: u32) -> String {
    format!("Hidden again in {seconds} s")
}

pub fn previous_secret_until(at: &str) -> String {
    format!("Your previous AppSecret keeps working until {at}. Update your software before then.")
}

/// The app list's note about an application that is not approved yet.
pub fn application_banner(reference: &str, status: &str) -> String {
    format!("Your commercial developer qualification application {reference}: {status}.")
}

pub fn agreement_version(version: u32, published: &str) -> String {
    format!("Version {version}, published {published}")
}

pub fn agreement_confirm_label(version: u32) -> String {
    format!("I have read and accept the API use agreement (version {version})")
}

pub fn agreement_accepted(version: u32, at: &str) -> String {
    format!("You accepted version {version} of the agreement on {at}.")
}

pub const STATUS_SUBMITTED: &str = "Submitted";
pub const STATUS_IN_REVIEW: &str = "In review";
pub const STATUS_APPROVED: &str = "Approved";
pub const STATUS_REJECTED: &str = "Rejected";

mod case;
mod countries;
mod errors;
mod fields;

use case::capitalise;
pub use case::lower;
pub use countries::country_name;
pub use errors::api_error;
pub use fields::{field_hint, field_label, field_message, qualification_status};
