//! The error state of one form: what the shared rules say in the browser, what the
//! server answered, and failures that belong to no field.

use crate::{api::ApiError, i18n};
use leptos::prelude::*;
use portal_core::{FieldError, Form};

#[derive(Debug, Clone, Copy)]
pub struct FormErrors {
    /// The form's field order, from its request type.
    order: &'static [&'static str],
    /// Rules run live only after the first submit, so nobody is scolded while typing.
    submitted: RwSignal<bool>,
    /// The server's 422 field errors, each cleared when its field is edited.
    server: RwSignal<Vec<FieldError>>,
    /// A failure that is not about a field, and the field the summary should link to.
    general: RwSignal<Option<(String, Option<&'static str>)>>,
    /// Bumped on each failed submit; the error summary takes focus when it changes.
    attempts: RwSignal<u32>,
}

impl FormErrors {
    pub fn new<T: Form>() -> Self {
        Self {
            order: T::FIELDS,
            submitted: RwSignal::new(false),
            server: RwSignal::new(Vec::new()),
            general: RwSignal::new(None),
            attempts: RwSignal::new(0),
        }
    }

    /// Starts a submit: the checked request to send, or `None` when the rules refuse it.
    pub fn submit<T: Form>(&self, request: T) -> Option<T> {
        self.submitted.set(true);
        self.server.set(Vec::new());
        self.general.set(None);
        match request.check() {
            Ok(checked) => Some(checked),
            Err(_) => {
                self.attempts.update(|n| *n += 1);
                None
            }
        }
    }

    /// Shows a failed request: field errors beside fields, anything else in the summary.
    pub fn fail(&self, error: &ApiError, link_to: Option<&'static str>) {
        match error {
            ApiError::Validation(fields) if !fields.is_empty() => self.server.set(fields.clone()),
            other => self.general.set(Some((i18n::api_error(other), link_to))),
        }
        self.attempts.update(|n| *n += 1);
    }

    /// The person changed `field`: the server's verdict on its old value no longer holds.
    pub fn edited(&self, field: &str) {
        if self.server.with_untracked(|s| s.iter().any(|e| e.field == field)) {
            self.server.update(|s| s.retain(|e| e.field != field));
        }
    }

    /// The errors to show, given the rules' current verdict on the form's values.
    pub fn visible(&self, client: Vec<FieldError>) -> Vec<FieldError> {
        let mut shown = if self.submitted.get() { client } else { Vec::new() };
        self.server.with(|server| {
            for e in server {
                if !shown.iter().any(|s| s.field == e.field) {
                    shown.push(e.clone());
                }
            }
        });
        portal_core::form::in_field_order(&mut shown, self.order);
        shown
    }

    pub fn general(&self) -> Option<(String, Option<&'static str>)> {
        self.general.get()
    }

    pub fn attempts(&self) -> u32 {
        self.attempts.get()
    }
}

/// A field's error as it is shown: the message (if any) and the ids that tie the hint
/// and the error to the input for screen readers.
#[derive(Debug, Clone)]
pub struct FieldState {
    pub error: Memo<Option<String>>,
    pub hint_id: String,
    pub error_id: String,
    has_hint: bool,
}

impl FieldState {
    pub fn new(id: &'static str, errors: Memo<Vec<FieldError>>, has_hint: bool) -> Self {
        Self {
            error: Memo::new(move |_| message_for(&errors.read(), id)),
            hint_id: format!("{id}-hint"),
            error_id: format!("{id}-error"),
            has_hint,
        }
    }

    /// `aria-describedby`: the hint, and the error while one is shown.
    pub fn described_by(&self) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
        let (hint, error_id, error) = (
            self.has_hint.then(|| self.hint_id.clone()),
            self.error_id.clone(),
            self.error,
        );
        move || {
            let ids: Vec<String> = hint
                .iter()
                .cloned()
                .chain(error.read().is_some().then(|| error_id.clone()))
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }

    pub fn invalid(&self) -> impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static {
        let error = self.error;
        move || error.read().is_some().then_some("true")
    }
}

/// The error line under a field's label, with the hidden "Error:" prefix screen
/// readers announce; `id` is what the input's `aria-describedby` points at.
pub fn error_line(id: String, error: Memo<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|m| {
            view! {
                <p class="field__error" id=id.clone()>
                    <span class="visually-hidden">{i18n::error_prefix()}</span>
                    {m}
                </p>
            }
        })
    }
}

/// The message for `field` among `errors`, if any.
pub fn message_for(errors: &[FieldError], field: &str) -> Option<String> {
    errors.iter().find(|e| e.field == field).map(i18n::field_message)
}
