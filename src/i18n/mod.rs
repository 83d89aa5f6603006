//! Every sentence the app shows, in the reader's language: English, 简体中文 or Español.
//! The words live in one message file per language (`public/locales/<tag>.json`, see
//! [`catalogue`]); this module names them and words the rules' codes with their
//! parameters. Rules stay language-free.

mod case;
mod catalogue;
mod countries;
mod errors;
mod fields;

use case::capitalise;
pub use case::lower;
pub use catalogue::{
    activate, current, first_words, has, has_pages, install, install_pages, ENGLISH_FIRST_WORDS,
};
use catalogue::{text, text_opt};
pub use countries::{country_name, sort_by_name};
pub use errors::{api_error, conflict_message};
pub use fields::{
    field_hint, field_label, field_message, go_live_status, permission_status, qualification_status,
};
pub use portal_core::locale::{fill, Locale};

/// Each fixed text is a function named as its key in the message files, giving the active
/// language's words.
macro_rules! texts {
    ($($name:ident)*) => {
        $(pub fn $name() -> &'static str { text(stringify!($name)) })*
        /// Every fixed text's key, for the tests of the message files.
        #[cfg(test)]
        const FIXED_KEYS: &[&str] = &[$(stringify!($name)),*];
    };
}

texts! {
    page_title language app_name skip_to_content sign_out signed_in_as nav_label loading try_again
    error_summary_title error_prefix show_password hide_password config_error_title config_error_hint
    sign_in_title step_up_through_host host_signing_in host_no_token sign_in_intro sign_in_button
    signing_in reauth_title reauth_body session_expired account_label account_hint password_label
    agreement_title agreement_intro agreement_text_label agreement_confirm_button agreement_saving
    agreement_new_version developer_title developer_intro save_and_continue saving
    select_placeholder apps_title apps_empty_title apps_empty_body create_app edit_developer col_name
    col_type col_status col_created app_type_commercial app_status_test app_status_online choose_type_title
    type_commercial_hint continue_button crash_title crash_body crash_reload draft_restored
    draft_discard qualification_title qualification_intro section_contact section_software
    section_licence section_it section_market section_confirm same_as_contact same_as_contact_note
    choose_file drop_file uploading replace_file remove_file licence_preview check_title change
    submit_application submitting confirmed not_given status_title reference submitted_on timeline
    step_submitted step_in_review step_decision waiting what_next next_pending next_approved
    next_rejected reviewer_reasons edit_and_resubmit create_your_app create_app_title create_button
    creating not_approved_yet view_status console_app_key console_app_secret console_credentials
    console_credentials_hint copy copied reveal hide reset_secret cancel reveal_title reset_title
    reset_body back_to_apps review_title review_empty col_reference col_account col_software
    col_submitted developer_section decision_title decision_question answers_title approve reject
    record_decision decision_recorded reviewers_only not_found_title not_found_body go_home
    status_submitted status_in_review status_approved status_rejected callback_urls_title
    add_callback_url remove save_callback_urls callback_urls_saved allowed_sources_title
    add_allowed_source save_allowed_sources allowed_sources_saved previous_secret revoke_previous
    revoke_title revoke_body old_secret_hours_legend usage_title usage_none audit_title audit_empty
    audit_col_when audit_col_what audit_col_who audit_col_from audit_older email_notice_title resend_link
    change_email verify_checking verify_done_title verify_used_title verify_expired_title
    verify_invalid_title verify_invalid_body go_live_title go_live_requested go_live_waiting go_live_button
    app_online_body go_live_queue_title col_app go_live_empty permissions_title permissions_hint col_group
    permission_sensitive permission_sensitive_hint permission_not_requested permission_active
    permission_pending permissions_all_asked request_permission_title request_permission_button
    permission_queue_title permission_queue_empty
}

/// What exactly is wrong with the configuration, for the operator.
pub fn config_problem(error: &crate::config::ConfigError) -> String {
    use crate::config::ConfigError;
    match error {
        ConfigError::Unreachable { url } => fill(text("config.unreachable"), &[("url", url)]),
        ConfigError::Status { url, status } => {
            fill(text("config.status"), &[("url", url), ("status", status)])
        }
        ConfigError::Malformed { url, detail } => {
            fill(text("config.malformed"), &[("url", url), ("detail", detail)])
        }
        ConfigError::NotAnApi { api } => fill(text("config.not_an_api"), &[("api", api)]),
        ConfigError::ApiUnreachable { api, origin } => fill(
            text("config.api_unreachable"),
            &[("api", api), ("origin", origin)],
        ),
    }
}

/// The application name's weighted length, e.g. "11 of 30".
pub fn name_counter(weight: usize, max: usize) -> String {
    fill(text("name_counter"), &[("weight", &weight), ("max", &max)])
}

pub fn callback_url_label(number: usize) -> String {
    fill(text("callback_url_label"), &[("n", &number)])
}

pub fn remove_callback_url(number: usize) -> String {
    fill(text("remove_callback_url"), &[("n", &number)])
}

pub fn callback_urls_hint(max: usize) -> String {
    fill(text("callback_urls_hint"), &[("max", &max)])
}

pub fn allowed_source_label(number: usize) -> String {
    fill(text("allowed_source_label"), &[("n", &number)])
}

pub fn remove_allowed_source(number: usize) -> String {
    fill(text("remove_allowed_source"), &[("n", &number)])
}

pub fn allowed_sources_hint(max: usize) -> String {
    fill(text("allowed_sources_hint"), &[("max", &max)])
}

/// Shown when the browser refused to copy and the value is selected instead.
pub fn copy_selected(what: &str) -> String {
    fill(text("copy_selected"), &[("what", &what)])
}

/// Said to screen readers once a file is uploaded.
pub fn uploaded(file: &str) -> String {
    fill(text("uploaded"), &[("file", &file)])
}

pub fn secret_hidden_in(seconds: u32) -> String {
    fill(text("secret_hidden_in"), &[("seconds", &seconds)])
}

pub fn secret_expires(at: &str, relative: &str) -> String {
    fill(text("secret_expires"), &[("at", &at), ("relative", &relative)])
}

pub fn secret_expired(at: &str) -> String {
    fill(text("secret_expired"), &[("at", &at)])
}

pub fn previous_secret_until(at: &str, relative: &str) -> String {
    fill(
        text("previous_secret_until"),
        &[("at", &at), ("relative", &relative)],
    )
}

/// A secret's issue time and when it last passed the gateway's check.
pub fn secret_used(issued: &str, used: &str) -> String {
    fill(text("secret_used"), &[("issued", &issued), ("used", &used)])
}

pub fn secret_never_used(issued: &str) -> String {
    fill(text("secret_never_used"), &[("issued", &issued)])
}

/// A reset's choice of how long the old secret keeps working.
pub fn old_secret_hours(hours: u32) -> &'static str {
    text(&format!("old_secret_hours.{hours}"))
}

pub fn usage_summary(total: &str, day: &str, most: &str) -> String {
    fill(
        text("usage_summary"),
        &[("total", &total), ("day", &day), ("most", &most)],
    )
}

/// An audit log action, named as the e-mails name it.
pub fn audit_action(action: &str) -> &'static str {
    text_opt(&format!("audit.{action}")).unwrap_or_else(|| text("audit.other"))
}

pub fn email_notice_body(email: &str) -> String {
    fill(text("email_notice_body"), &[("email", &email)])
}

pub fn link_sent(email: &str) -> String {
    fill(text("link_sent"), &[("email", &email)])
}

pub fn verify_done_body(email: &str) -> String {
    fill(text("verify_done_body"), &[("email", &email)])
}

/// What an app in test may do.
pub fn permission_since(date: &str) -> String {
    fill(text("permission_since"), &[("date", &date)])
}

pub fn permission_asked_on(date: &str) -> String {
    fill(text("permission_asked_on"), &[("date", &date)])
}

pub fn permission_rejected_on(date: &str) -> String {
    fill(text("permission_rejected_on"), &[("date", &date)])
}

pub fn permission_sent(group: &str) -> String {
    fill(text("permission_sent"), &[("group", &group)])
}

pub fn test_limits(calls: &str, sellers: &str) -> String {
    fill(text("test_limits"), &[("calls", &calls), ("sellers", &sellers)])
}

pub fn audit_shown(count: usize) -> String {
    fill(text("audit_shown"), &[("count", &count)])
}

/// The app list's note about an application that is not approved yet.
pub fn application_banner(reference: &str, status: &str) -> String {
    fill(
        text("application_banner"),
        &[("reference", &reference), ("status", &status)],
    )
}

pub fn agreement_version(version: u32, published: &str) -> String {
    fill(
        text("agreement_version"),
        &[("version", &version), ("published", &published)],
    )
}

pub fn agreement_confirm_label(version: u32) -> String {
    fill(text("agreement_confirm_label"), &[("version", &version)])
}

pub fn agreement_accepted(version: u32, at: &str) -> String {
    fill(text("agreement_accepted"), &[("version", &version), ("at", &at)])
}

#[cfg(test)]
mod tests;
