//! The shared core of the developer portal.
//!
//! Everything both sides must agree on lives here: API paths, request and response
//! bodies, the error shape, and the validation rules. The browser app runs the rules
//! before sending; the server runs the same rules on every request.

pub mod api;
pub mod error;
pub mod form;
pub mod journey;
pub mod locale;
pub mod rules;

pub use error::{ErrorBody, FieldError};
pub use form::Form;
