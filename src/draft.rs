//! Answers being written, kept in the browser's storage so that a refresh, a closed tab or
//! a session that ended loses nothing: the qualification (in signals shared by the form and
//! the check page) and the short forms ([`FormDraft`]). Each account has its own drafts on
//! a shared browser; another account signing in never sees them. No password, token or
//! secret is ever part of one.

use leptos::prelude::*;
use portal_core::api::{LicenceInfo, QualificationRequest, TextAnswer};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

/// Before drafts were per account, one key held whoever's answers were typed last.
const OLD_STORAGE_KEY: &str = "portal.qualification-draft";
/// Every draft's key is `portal.draft.<form>:<account>`.
const DRAFT_PREFIX: &str = "portal.draft.";
const QUALIFICATION: &str = "qualification";
/// Drafts written by another version of the form are not restored.
const SCHEMA_VERSION: u32 = 2;

#[derive(Debug, Clone)]
pub struct QualificationDraft {
    /// The typed answers, in [`TextAnswer::ALL`]'s order.
    fields: [RwSignal<String>; TextAnswer::ALL.len()],
    pub agreement: RwSignal<bool>,
    /// "The IT responsible person is the contact" (WCAG 3.3.7: no typing the same twice).
    pub same_it: RwSignal<bool>,
    pub licence: RwSignal<Option<LicenceInfo>>,
    /// Whose draft this is; nothing is kept while no one is signed in.
    owner: RwSignal<Option<String>>,
    /// The answers came back from an earlier visit (the form says so, and offers to discard).
    pub restored: RwSignal<bool>,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    answers: QualificationRequest,
    same_it: bool,
    licence: Option<LicenceInfo>,
}

impl QualificationDraft {
    /// An empty draft belonging to no one yet (see [`QualificationDraft::switch_to`]).
    pub fn new() -> Self {
        if let Some(storage) = storage() {
            let _ = storage.remove_item(OLD_STORAGE_KEY);
        }
        Self {
            fields: std::array::from_fn(|_| RwSignal::new(String::new())),
            agreement: RwSignal::new(false),
            same_it: RwSignal::new(false),
            licence: RwSignal::new(None),
            owner: RwSignal::new(None),
            restored: RwSignal::new(false),
        }
    }

    /// Makes this the draft of `account` (or of no one): its kept answers, if any, replace
    /// whatever the signals held.
    pub fn switch_to(&self, account: Option<String>) {
        if self.owner.get_untracked() == account {
            return;
        }
        // No one owns the signals while they change hands, so nothing is saved under the
        // wrong account.
        self.owner.set(None);
        self.reset_signals();
        let stored = account
            .as_deref()
            .and_then(|a| storage().and_then(|s| s.get_item(&storage_key(QUALIFICATION, a)).ok().flatten()))
            .and_then(|t| crate::json::from_str::<Stored>(&t).ok())
            .filter(|s| s.version == SCHEMA_VERSION);
        if let Some(stored) = stored {
            self.load(&stored.answers, stored.licence);
            self.same_it.set(stored.same_it);
            self.restored.set(self.is_started());
        }
        self.owner.set(account);
    }

    /// The signal of a typed answer.
    pub fn field(&self, answer: TextAnswer) -> RwSignal<String> {
        self.fields[answer as usize]
    }

    /// The answers as a request (reactive).
    pub fn request(&self) -> QualificationRequest {
        let mut request = QualificationRequest::default();
        for answer in TextAnswer::ALL {
            *request.text_mut(answer) = self.field(answer).get();
        }
        if self.same_it.get() {
            for (it, contact) in TextAnswer::SAME_AS_CONTACT {
                *request.text_mut(it) = request.text(contact).to_owned();
            }
        }
        request.licence_id = self.licence.get().map(|l| l.id).unwrap_or_default();
        request.agreement_confirmed = self.agreement.get();
        request
    }

    /// Fills the draft from earlier answers (editing a rejected application).
    pub fn load(&self, answers: &QualificationRequest, licence: Option<LicenceInfo>) {
        for answer in TextAnswer::ALL {
            self.field(answer).set(answers.text(answer).to_owned());
        }
        self.agreement.set(answers.agreement_confirmed);
        self.same_it.set(false);
        self.licence.set(licence);
    }

    /// Whether anything has been answered.
    pub fn is_started(&self) -> bool {
        self.licence.with_untracked(Option::is_some)
            || self.fields.iter().any(|s| s.with_untracked(|v| !v.is_empty()))
    }

    /// Writes the draft to its owner's storage (call from an effect).
    pub fn save(&self) {
        let Some(owner) = self.owner.get() else { return };
        let stored = Stored {
            version: SCHEMA_VERSION,
            answers: self.request(),
            same_it: self.same_it.get(),
            licence: self.licence.get(),
        };
        if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(&stored)) {
            let _ = storage.set_item(&storage_key(QUALIFICATION, &owner), &text);
        }
    }

    /// Forgets the draft (after submitting, discarding it, or signing out).
    pub fn clear(&self) {
        self.reset_signals();
        if let (Some(storage), Some(owner)) = (storage(), self.owner.get_untracked()) {
            let _ = storage.remove_item(&storage_key(QUALIFICATION, &owner));
        }
    }

    fn reset_signals(&self) {
        for signal in &self.fields {
            signal.set(String::new());
        }
        self.agreement.set(false);
        self.same_it.set(false);
        self.licence.set(None);
        self.restored.set(false);
    }
}

/// Where the application's draft lives. It is made when a qualification page first needs it
/// (so its code loads with those pages, not with the sign-in form), owned by the app so it
/// outlives the page, and it follows whoever is signed in.
#[derive(Debug, Clone, Copy)]
pub struct DraftSlot {
    draft: StoredValue<Option<QualificationDraft>>,
    owner: StoredValue<Owner>,
}

impl DraftSlot {
    /// An empty slot for the app (call in the app's root component).
    pub fn provide() {
        provide_context(Self {
            draft: StoredValue::new(None),
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
        });
    }

    /// The draft, made (and restored for the signed-in account) on first use.
    pub fn open(&self) -> QualificationDraft {
        if let Some(draft) = self.draft.get_value() {
            return draft;
        }
        let session = expect_context::<crate::session::Session>();
        let draft = self.owner.get_value().with(|| {
            let draft = QualificationDraft::new();
            // Restored at once, so a page opened after a reload sees the answers.
            draft.switch_to(session.account_name());
            // Then it follows whoever is signed in: their own answers, nobody else's.
            Effect::new({
                let draft = draft.clone();
                move |_| draft.switch_to(session.account().map(|a| a.name))
            });
            // Every change to the answers is kept in the browser at once.
            Effect::new({
                let draft = draft.clone();
                move |_| draft.save()
            });
            draft
        });
        self.draft.set_value(Some(draft.clone()));
        draft
    }

    /// Signing out: the answers in memory go (those kept in storage go with the account's).
    pub fn clear(&self) {
        if let Some(draft) = self.draft.get_value() {
            draft.clear();
        }
    }
}

impl Default for QualificationDraft {
    fn default() -> Self {
        Self::new()
    }
}

/// A short form's answers (developer information, a new app's name), kept per account and
/// form while they differ from what the server has, restored with a notice.
#[derive(Debug, Clone, Copy)]
pub struct FormDraft {
    key: StoredValue<Option<String>>,
    /// The answers came back from an earlier visit (the form says so, and offers to discard).
    pub restored: RwSignal<bool>,
}

#[derive(Serialize, Deserialize)]
struct StoredForm<T> {
    version: u32,
    answers: T,
}

impl FormDraft {
    /// The draft of `form` for `account` (none is kept while no one is signed in).
    pub fn open(form: &str, account: Option<String>) -> Self {
        Self {
            key: StoredValue::new(account.map(|a| storage_key(form, &a))),
            restored: RwSignal::new(false),
        }
    }

    /// The kept answers if they differ from `saved` (and then says they were restored),
    /// else `saved`.
    pub fn restore<T: DeserializeOwned + PartialEq + Clone>(&self, saved: &T) -> T {
        let kept = self
            .key
            .get_value()
            .and_then(|key| storage().and_then(|s| s.get_item(&key).ok().flatten()))
            .and_then(|text| crate::json::from_str::<StoredForm<T>>(&text).ok())
            .filter(|s| s.version == SCHEMA_VERSION && s.answers != *saved);
        self.restored.set(kept.is_some());
        kept.map_or_else(|| saved.clone(), |s| s.answers)
    }

    /// Keeps `answers` while they differ from `saved`; forgets them once they match.
    pub fn keep<T: Serialize + PartialEq>(&self, answers: &T, saved: &T) {
        let (Some(key), Some(storage)) = (self.key.get_value(), storage()) else {
            return;
        };
        let stored = StoredForm {
            version: SCHEMA_VERSION,
            answers,
        };
        match serde_json::to_string(&stored) {
            Ok(text) if answers != saved => {
                let _ = storage.set_item(&key, &text);
            }
            _ => {
                let _ = storage.remove_item(&key);
            }
        }
    }

    /// Forgets the answers (after submitting or discarding them).
    pub fn forget(&self) {
        if let (Some(key), Some(storage)) = (self.key.get_value(), storage()) {
            let _ = storage.remove_item(&key);
        }
        self.restored.set(false);
    }
}

/// Forgets every draft of `account` on this browser (signing out).
pub fn forget_account(account: &str) {
    let Some(storage) = storage() else { return };
    let suffix = format!(":{}", crate::i18n::lower(account));
    let length = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..length)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(DRAFT_PREFIX) && k.ends_with(&suffix))
        .collect();
    for key in keys {
        let _ = storage.remove_item(&key);
    }
}

fn storage_key(form: &str, account: &str) -> String {
    format!("{DRAFT_PREFIX}{form}:{}", crate::i18n::lower(account))
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}
