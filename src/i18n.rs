//! Every sentence the app shows, in one place (English now; Chinese and Spanish later
//! become sibling tables). Rules return codes with parameters; this module words them.

use crate::api::ApiError;
use portal_core::{
    error::{code, field_code},
    rules, FieldError,
};

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

/// A field's visible label.
pub fn field_label(field: &str) -> &'static str {
    match field {
        "account" => ACCOUNT_LABEL,
        "password" => PASSWORD_LABEL,
        "developer_name" => "Name or company name",
        "country" => "Country or region",
        "email" => "Email address",
        "mobile" => "Mobile number",
        "website" => "Website (optional)",
        "contact_name" => "Contact name",
        "contact_mobile" => "Contact mobile number",
        "software_name" => "Software name",
        "software_function" => "Software function",
        "licence_id" => "Business licence",
        "cif" => "CIF number (optional)",
        "it_name" => "Name",
        "it_mobile" => "Mobile number",
        "it_email" => "Email address",
        "it_team_size" => "IT team size",
        "market_planning" => "Market planning",
        "server_config" => "Server configuration",
        "server_bandwidth" => "Server bandwidth",
        "dev_language" => "Development language",
        "database" => "Database",
        "agreement_confirmed" => {
            "I have read the API use agreement and confirm that these answers are correct"
        }
        "name" => "Application name",
        "reason" => "Reasons for rejection",
        _ => "Answer",
    }
}

/// Help shown under a field's label, if any.
pub fn field_hint(field: &str) -> Option<String> {
    let limited = match field {
        "licence_id" => Some(format!(
            "A JPG or PNG image of at most {}. Spanish sellers and ISVs can upload their CIF document instead.",
            crate::format::file_size(rules::LICENCE_MAX_BYTES)
        )),
        "name" => Some(format!(
            "Chinese characters, letters, digits, dot (.) and underscore (_). At most {} Chinese characters or {} other characters: a Chinese character counts as 2.",
            rules::APP_NAME_MAX_WEIGHT / 2,
            rules::APP_NAME_MAX_WEIGHT
        )),
        _ => None,
    };
    limited.or_else(|| fixed_hint(field).map(str::to_owned))
}

fn fixed_hint(field: &str) -> Option<&'static str> {
    Some(match field {
        "developer_name" => "Your full name, or your company's name as registered.",
        "contact_name" => "The person we contact about this application.",
        "software_name" => "The name your clients know the software by.",
        "it_name" => "The person responsible for running the software and its servers.",
        "email" | "it_email" => "We send review results and security notices here.",
        "mobile" | "contact_mobile" | "it_mobile" => "Include the country code, for example +86 138 0013 8000.",
        "website" => "For example https://www.example.com",
        "software_function" => "A general description of what the software does.",
        "cif" => "Spanish tax identification code: a letter, 7 digits and a control character, for example A13585625.",
        "it_team_size" => "The number of employees in your IT team.",
        "market_planning" => "The services, products and solution you offer your clients.",
        "server_config" => "The server that will run the software, for example 8 CPU cores, 32 GB memory, 1 TB disk.",
        "server_bandwidth" => "For example 1 Gbps.",
        "dev_language" => "For example Java, PHP.",
        "database" => "For example Oracle, DB2, MySQL.",
        "reason" => "The developer sees these reasons and can edit and resubmit their application.",
        _ => return None,
    })
}

/// How a field is named inside a sentence ("Enter …").
fn field_noun(field: &str) -> &'static str {
    match field {
        "account" => "your seller account name",
        "password" => "your password",
        "developer_name" => "your name or company name",
        "country" => "your country or region",
        "email" => "an email address",
        "mobile" | "contact_mobile" => "a mobile number",
        "it_mobile" => "the IT responsible person's mobile number",
        "it_email" => "the IT responsible person's email address",
        "it_name" => "the IT responsible person's name",
        "contact_name" => "the contact name",
        "software_name" => "the software name",
        "software_function" => "what the software does",
        "it_team_size" => "the IT team size",
        "market_planning" => "your market planning",
        "server_config" => "the server configuration",
        "server_bandwidth" => "the server bandwidth",
        "dev_language" => "the development language",
        "database" => "the database",
        "name" => "an application name",
        "reason" => "the reasons for rejection",
        "website" => "the website",
        "cif" => "the CIF number",
        _ => "this answer",
    }
}

/// The sentence for one field error, shown beside the field and in the error summary.
pub fn field_message(error: &FieldError) -> String {
    let field = error.field.as_str();
    let noun = field_noun(field);
    let num = |name: &str| error.param_u64(name).unwrap_or_default();
    match (field, error.code.as_str()) {
        ("country", field_code::REQUIRED) => "Select your country or region".into(),
        ("licence_id", field_code::REQUIRED) => "Upload your business licence".into(),
        ("agreement_confirmed", _) | ("confirmed", _) => {
            "Confirm that you have read and accept the agreement".into()
        }
        ("name", field_code::TOO_LONG) => format!(
            "Application name must be {} or fewer (a Chinese character counts as 2); it is {}",
            num("max"),
            num("length")
        ),
        (_, field_code::REQUIRED) => format!("Enter {noun}"),
        (_, field_code::TOO_LONG) => format!("{} must be {} characters or fewer", capitalise(noun), num("max")),
        (_, field_code::EMAIL_FORMAT) => {
            "Enter an email address in the correct format, like name@example.com".into()
        }
        (_, field_code::MOBILE_FORMAT) => {
            "Enter a mobile number with its country code, like +86 138 0013 8000".into()
        }
        (_, field_code::MOBILE_CHINA) => {
            "Enter a mainland China mobile number as +86 and 11 digits starting with 13 to 19".into()
        }
        (_, field_code::URL_FORMAT) => "Enter a web address in the correct format, like https://www.example.com".into(),
        (_, field_code::COUNTRY_UNKNOWN) => "Select a country or region from the list".into(),
        (_, field_code::NOT_A_NUMBER) => format!("{} must be a whole number, like 12", capitalise(noun)),
        (_, field_code::OUT_OF_RANGE) => {
            format!("{} must be between {} and {}", capitalise(noun), num("min"), num("max"))
        }
        (_, field_code::INVALID_CHAR) => format!(
            "Application name cannot contain “{}” ({}): use Chinese characters, letters, digits, . and _ only",
            error.param_str("char").unwrap_or_default(),
            error.param_str("code_point").unwrap_or_default()
        ),
        (_, field_code::CIF_FORMAT) => {
            "Enter the CIF number as a letter, 7 digits and a control character, like A13585625".into()
        }
        (_, field_code::CIF_NOT_ASKED) => "Only developers in Spain give a CIF number: leave it empty".into(),
        (_, field_code::CIF_CONTROL) => {
            "Check the CIF number: its last character does not match the others".into()
        }
        (_, field_code::INVISIBLE_CHAR) => format!(
            "{} must not contain control characters, line breaks or text-direction marks",
            capitalise(noun)
        ),
        (_, field_code::FILE_EMPTY) => "The selected file is empty".into(),
        (_, field_code::FILE_TOO_LARGE) => format!(
            "The selected file must be {} or smaller",
            crate::format::file_size(error.param_u64("max").unwrap_or(rules::LICENCE_MAX_BYTES))
        ),
        (_, field_code::FILE_TYPE) => "The selected file must be a JPG or PNG image".into(),
        (_, field_code::UPLOAD_MISSING) => "Upload your business licence again".into(),
        (_, field_code::DUPLICATE) => "You already have an app with this name: choose another".into(),
        (_, field_code::INCORRECT_PASSWORD) => "The password is incorrect".into(),
        (_, field_code::MUST_ACCEPT) => "Confirm that you have read and accept the agreement".into(),
        _ => format!("Check {noun}"),
    }
}

pub const STATUS_SUBMITTED: &str = "Submitted";
pub const STATUS_IN_REVIEW: &str = "In review";
pub const STATUS_APPROVED: &str = "Approved";
pub const STATUS_REJECTED: &str = "Rejected";

pub fn qualification_status(status: portal_core::api::QualificationStatus) -> &'static str {
    use portal_core::api::QualificationStatus::*;
    match status {
        Submitted => STATUS_SUBMITTED,
        InReview => STATUS_IN_REVIEW,
        Approved => STATUS_APPROVED,
        Rejected => STATUS_REJECTED,
    }
}

/// English names of the countries and regions the core accepts.
pub fn country_name(code: &str) -> &'static str {
    match code {
        "AE" => "United Arab Emirates",
        "AR" => "Argentina",
        "AT" => "Austria",
        "AU" => "Australia",
        "BE" => "Belgium",
        "BG" => "Bulgaria",
        "BR" => "Brazil",
        "CA" => "Canada",
        "CH" => "Switzerland",
        "CL" => "Chile",
        "CN" => "China (mainland)",
        "CO" => "Colombia",
        "CZ" => "Czechia",
        "DE" => "Germany",
        "DK" => "Denmark",
        "EE" => "Estonia",
        "EG" => "Egypt",
        "ES" => "Spain",
        "FI" => "Finland",
        "FR" => "France",
        "GB" => "United Kingdom",
        "GR" => "Greece",
        "HK" => "Hong Kong SAR",
        "HR" => "Croatia",
        "HU" => "Hungary",
        "ID" => "Indonesia",
        "IE" => "Ireland",
        "IL" => "Israel",
        "IN" => "India",
        "IT" => "Italy",
        "JP" => "Japan",
        "KR" => "South Korea",
        "KZ" => "Kazakhstan",
        "LT" => "Lithuania",
        "LU" => "Luxembourg",
        "LV" => "Latvia",
        "MA" => "Morocco",
        "MO" => "Macao SAR",
        "MX" => "Mexico",
        "MY" => "Malaysia",
        "NG" => "Nigeria",
        "NL" => "Netherlands",
        "NO" => "Norway",
        "NZ" => "New Zealand",
        "PE" => "Peru",
        "PH" => "Philippines",
        "PK" => "Pakistan",
        "PL" => "Poland",
        "PT" => "Portugal",
        "RO" => "Romania",
        "RS" => "Serbia",
        "RU" => "Russia",
        "SA" => "Saudi Arabia",
        "SE" => "Sweden",
        "SG" => "Singapore",
        "SI" => "Slovenia",
        "SK" => "Slovakia",
        "TH" => "Thailand",
        "TR" => "Türkiye",
        "TW" => "Taiwan region",
        "UA" => "Ukraine",
        "US" => "United States",
        "UY" => "Uruguay",
        "VN" => "Vietnam",
        "ZA" => "South Africa",
        _ => "Unknown",
    }
}

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

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
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
