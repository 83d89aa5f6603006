//! Pieces shared by the pages.

use leptos::prelude::request_animation_frame;

pub mod answers;
pub mod app_lists;
pub mod audit_log;
pub mod checkbox;
pub mod copy_button;
pub mod dialog;
pub mod draft_notice;
pub mod email_notice;
pub mod error_panel;
pub mod error_summary;
pub mod form_errors;
pub mod go_live;
pub mod host_sign_in;
pub mod journey;
pub mod language_switch;
pub mod licence_image;
pub mod licence_upload;
pub mod list_setting;
pub mod loader;
pub mod permissions;
pub mod radios;
pub mod reauth;
pub mod require_session;
pub mod select_field;
pub mod status_tag;
pub mod step_up;
pub mod submit;
pub mod summary_list;
pub mod table;
pub mod text_field;
pub mod timeline;
pub mod usage_chart;

pub use answers::answer;
pub use app_lists::{AllowedSourcesForm, CallbackUrlsForm};
pub use audit_log::AuditLog;
pub use checkbox::Checkbox;
pub use copy_button::CopyButton;
pub use dialog::Dialog;
pub use draft_notice::DraftNotice;
pub use email_notice::EmailNotice;
pub use error_panel::ErrorPanel;
pub use error_summary::ErrorSummary;
pub use form_errors::FormErrors;
pub use go_live::GoLiveSection;
pub use host_sign_in::HostSignIn;
pub use journey::Journey;
pub use language_switch::LanguageSwitch;
pub use licence_image::LicenceImage;
pub use licence_upload::LicenceUpload;
pub use loader::{load, load_or};
pub use permissions::PermissionsSection;
pub use radios::{Choice, Radios};
pub use reauth::ReauthDialog;
pub use require_session::{use_client, RequireSession};
pub use select_field::SelectField;
pub use status_tag::status_tag;
pub use step_up::{StepUp, StepUpForm, Unlocked};
pub use submit::{new_idempotency_key, Outcome, Submit};
pub use summary_list::summary_row;
pub use table::Table;
pub use text_field::TextField;
pub use timeline::timeline;
pub use usage_chart::UsageChart;

/// Moves focus to the main region (skip link, and after page changes).
pub fn focus_main() {
    error_summary::focus_field("main");
}

/// Moves focus to the element `id` once the page has drawn it: where a control that had
/// focus is replaced (Reveal by Hide), keyboard and screen reader users stay in place.
pub fn focus_when_drawn(id: impl Into<String>) {
    let id = id.into();
    request_animation_frame(move || error_summary::focus_field(&id));
}
