//! Each answer's label, hint and noun, and the sentence for each of its errors.

use super::*;
use portal_core::{error::field_code, rules, FieldError};

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
        "licence_id" => "your business licence",
        "agreement_confirmed" => "the confirmation",
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

pub fn qualification_status(status: portal_core::api::QualificationStatus) -> &'static str {
    use portal_core::api::QualificationStatus::*;
    match status {
        Submitted => STATUS_SUBMITTED,
        InReview => STATUS_IN_REVIEW,
        Approved => STATUS_APPROVED,
        Rejected => STATUS_REJECTED,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_core::{api::*, Form};

    /// Every field of every form the core defines has its own label and noun, so no
    /// sentence falls back to "Answer" or "this answer" (fields named by their legend or
    /// their own sentence are listed).
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
        for field in forms
            .iter()
            .flat_map(|f| f.iter())
            .filter(|f| !own_words.contains(f))
        {
            assert_ne!(field_label(field), "Answer", "{field} has a label");
            assert_ne!(field_noun(field), "this answer", "{field} has a noun");
        }
    }
}
