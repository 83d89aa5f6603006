//! The app's pages and their paths, in one place.

/// A page of the journey. Paths are relative to the router base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// Sends the signed-in user to the next step they have to do.
    Home,
    SignIn,
    Agreement,
    Developer,
    Apps,
    NewApp,
    NewCommercialApp,
    App(i64),
    Qualification,
    QualificationCheck,
    QualificationStatus,
    Review,
    ReviewApplication(i64),
}

impl Page {
    pub fn path(self) -> String {
        match self {
            Page::Home => "/".into(),
            Page::SignIn => "/sign-in".into(),
            Page::Agreement => "/agreement".into(),
            Page::Developer => "/developer".into(),
            Page::Apps => "/apps".into(),
            Page::NewApp => "/apps/new".into(),
            Page::NewCommercialApp => "/apps/new/commercial".into(),
            Page::App(id) => format!("/apps/{id}"),
            Page::Qualification => "/qualification".into(),
            Page::QualificationCheck => "/qualification/check".into(),
            Page::QualificationStatus => "/qualification/status".into(),
            Page::Review => "/review".into(),
            Page::ReviewApplication(id) => format!("/review/{id}"),
        }
    }

    /// The qualification form, scrolled to one answer (the check page's Change links).
    pub fn change_answer(field: &str) -> String {
        format!("{}#{field}", Page::Qualification.path())
    }

    /// The sign-in page, returning to `next` afterwards.
    pub fn sign_in_then(next: &str) -> String {
        let sign_in = Page::SignIn.path();
        if next.is_empty() || next == "/" || next == sign_in {
            sign_in
        } else {
            format!("{sign_in}?next={}", js_sys::encode_uri_component(next))
        }
    }

    /// A `next` value is only followed when it is a path inside the app.
    pub fn safe_next(next: Option<String>) -> String {
        match next {
            Some(n) if n.starts_with('/') && !n.starts_with("//") => n,
            _ => Page::Home.path(),
        }
    }
}

use portal_core::api::{Me, Role};

/// The step the person must do before `target`, if any: reviewers go to the review
/// queue; sellers accept the agreement, then give developer information.
pub fn required_before(me: &Me, target: Page) -> Option<Page> {
    let review_page = matches!(target, Page::Review | Page::ReviewApplication(_));
    if me.account.role == Role::Reviewer {
        return (!review_page).then_some(Page::Review);
    }
    if review_page {
        return None; // a seller sees "reviewers only" there
    }
    if me.agreement.needs_acceptance() {
        return (target != Page::Agreement).then_some(Page::Agreement);
    }
    if !me.developer_complete && !matches!(target, Page::Developer | Page::Agreement) {
        return Some(Page::Developer);
    }
    (target == Page::Home).then_some(Page::Apps)
}
