//! Pieces shared by the pages.

pub mod checkbox;
pub mod error_panel;
pub mod error_summary;
pub mod form_errors;
pub mod require_session;
pub mod text_field;

pub use checkbox::Checkbox;
pub use error_panel::ErrorPanel;
pub use error_summary::ErrorSummary;
pub use form_errors::FormErrors;
pub use require_session::{use_client, RequireSession};
pub use text_field::TextField;

/// Moves focus to the main region (skip link, and after page changes).
pub fn focus_main() {
    error_summary::focus_field("main");
}
