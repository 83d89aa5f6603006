//! The qualification answers being written: kept in signals shared by the form and the
//! check page, and in the browser's storage so that a refresh or a later visit loses nothing.

use leptos::prelude::*;
use portal_core::{
    api::{LicenceInfo, QualificationRequest},
    Form,
};
use serde::{Deserialize, Serialize};

const STORAGE_KEY: &str = "portal.qualification-draft";
/// Fields that are not typed text: the upload and the confirmation.
const NOT_TEXT: [&str; 2] = ["licence_id", "agreement_confirmed"];
/// The IT person's fields and the contact fields they copy when "same as contact" is ticked.
const SAME_AS_CONTACT: [(&str, &str); 3] = [
    ("it_name", "contact_name"),
    ("it_mobile", "contact_mobile"),
    ("it_email", "email"),
];

#[derive(Debug, Clone)]
pub struct QualificationDraft {
    fields: Vec<(&'static str, RwSignal<String>)>,
    pub agreement: RwSignal<bool>,
    /// "The IT responsible person is the contact" (WCAG 3.3.7: no typing the same twice).
    pub same_it: RwSignal<bool>,
    pub licence: RwSignal<Option<LicenceInfo>>,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    answers: QualificationRequest,
    same_it: bool,
    licence: Option<LicenceInfo>,
}

impl QualificationDraft {
    /// The draft kept from an earlier visit, or an empty one.
    pub fn restore() -> Self {
        let draft = Self {
            fields: QualificationRequest::FIELDS
                .iter()
                .filter(|f| !NOT_TEXT.contains(f))
                .map(|f| (*f, RwSignal::new(String::new())))
                .collect(),
            agreement: RwSignal::new(false),
            same_it: RwSignal::new(false),
            licence: RwSignal::new(None),
        };
        let stored = storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|t| serde_json::from_str::<Stored>(&t).ok());
        if let Some(stored) = stored {
            draft.load(&stored.answers, stored.licence);
            draft.same_it.set(stored.same_it);
        }
        draft
    }

    /// The signal of a text answer.
    pub fn field(&self, name: &str) -> RwSignal<String> {
        self.fields
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| *s)
            .expect("a text field of the application")
    }

    /// The answers as a request (reactive).
    pub fn request(&self) -> QualificationRequest {
        let mut map = serde_json::Map::new();
        for (name, signal) in &self.fields {
            map.insert((*name).into(), signal.get().into());
        }
        if self.same_it.get() {
            for (it, contact) in SAME_AS_CONTACT {
                let value = map.get(contact).cloned().unwrap_or_default();
                map.insert(it.into(), value);
            }
        }
        map.insert(
            "licence_id".into(),
            self.licence.get().map(|l| l.id).unwrap_or_default().into(),
        );
        map.insert("agreement_confirmed".into(), self.agreement.get().into());
        serde_json::from_value(serde_json::Value::Object(map)).unwrap_or_default()
    }

    /// Fills the draft from earlier answers (editing a rejected application).
    pub fn load(&self, answers: &QualificationRequest, licence: Option<LicenceInfo>) {
        if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(answers) {
            for (name, signal) in &self.fields {
                signal.set(
                    map.get(*name)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .to_owned(),
                );
            }
        }
        self.agreement.set(answers.agreement_confirmed);
        self.same_it.set(false);
        self.licence.set(licence);
    }

    /// Whether anything has been answered.
    pub fn is_started(&self) -> bool {
        self.licence.with_untracked(Option::is_some)
            || self
                .fields
                .iter()
                .any(|(_, s)| s.with_untracked(|v| !v.is_empty()))
    }

    /// Writes the draft to storage (call from an effect).
    pub fn save(&self) {
        let stored = Stored {
            answers: self.request(),
            same_it: self.same_it.get(),
            licence: self.licence.get(),
        };
        if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(&stored)) {
            let _ = storage.set_item(STORAGE_KEY, &text);
        }
    }

    /// Forgets the draft (after submitting, or when signing out).
    pub fn clear(&self) {
        for (_, signal) in &self.fields {
            signal.set(String::new());
        }
        self.agreement.set(false);
        self.same_it.set(false);
        self.licence.set(None);
        if let Some(storage) = storage() {
            let _ = storage.remove_item(STORAGE_KEY);
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}
