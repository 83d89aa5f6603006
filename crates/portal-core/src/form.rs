//! Running a request's rules the same way on both sides.

use crate::error::FieldError;
use validator::{Validate, ValidationError, ValidationErrors};

/// A request body that a person fills in as a form.
pub trait Form: Validate + Sized {
    /// Field names in the order the form shows them; errors come back in this order
    /// so that the error summary reads top to bottom like the form.
    const FIELDS: &'static [&'static str];

    /// Trims leading and trailing white space from the text fields.
    fn normalize(&mut self);

    /// Normalizes, then validates: the value to store, or one error per failing field.
    fn check(mut self) -> Result<Self, Vec<FieldError>> {
        self.normalize();
        match self.validate() {
            Ok(()) => Ok(self),
            Err(errors) => Err(field_errors(Self::FIELDS, &errors)),
        }
    }

    /// The errors of a copy of `self`, without consuming it (for live checks in forms).
    fn errors(&self) -> Vec<FieldError>
    where
        Self: Clone,
    {
        self.clone().check().err().unwrap_or_default()
    }
}

/// The first error of each field, ordered by `order`; the submitted value is never echoed.
fn field_errors(order: &[&str], errors: &ValidationErrors) -> Vec<FieldError> {
    let mut out: Vec<FieldError> = errors
        .field_errors()
        .into_iter()
        .filter_map(|(field, list)| list.first().map(|first| field_error(&field, first)))
        .collect();
    in_field_order(&mut out, order);
    out
}

/// Puts `errors` in the form's field `order`, fields it does not name last; errors of the
/// same rank keep their order. An insertion sort: the lists are a few errors long, and the
/// standard library's sort would add kilobytes of code to the browser's first download.
pub fn in_field_order(errors: &mut [FieldError], order: &[&str]) {
    let rank = |e: &FieldError| order.iter().position(|n| *n == e.field).unwrap_or(order.len());
    for i in 1..errors.len() {
        let mut j = i;
        while j > 0 && rank(&errors[j - 1]) > rank(&errors[j]) {
            errors.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// One rule's verdict on `field`, as it crosses the wire: the submitted value is never echoed.
pub fn field_error(field: &str, error: &ValidationError) -> FieldError {
    let mut out = FieldError::new(field, &error.code);
    for (name, value) in &error.params {
        if name != "value" {
            out.params.insert(name.to_string(), value.clone());
        }
    }
    out
}

/// Trims a text field in place, leaving it untouched when there is nothing to trim.
pub fn trim_in_place(value: &mut String) {
    let trimmed = value.trim();
    if trimmed.len() != value.len() {
        *value = trimmed.to_owned();
    }
}
