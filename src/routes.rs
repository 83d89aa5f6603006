//! The app's pages and their paths, in one place.

/// A page of the journey. Paths are relative to the router base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// Sends the signed-in user to the next step they have to do.
    Home,
    SignIn,
    Agreement,
    Developer,
}

impl Page {
    pub const fn path(self) -> &'static str {
        match self {
            Page::Home => "/",
            Page::SignIn => "/sign-in",
            Page::Agreement => "/agreement",
            Page::Developer => "/developer",
        }
    }

    /// The sign-in page, returning to `next` afterwards.
    pub fn sign_in_then(next: &str) -> String {
        if next.is_empty() || next == Page::Home.path() || next == Page::SignIn.path() {
            Page::SignIn.path().to_owned()
        } else {
            format!(
                "{}?next={}",
                Page::SignIn.path(),
                js_sys::encode_uri_component(next)
            )
        }
    }

    /// A `next` value is only followed when it is a path inside the app.
    pub fn safe_next(next: Option<String>) -> String {
        match next {
            Some(n) if n.starts_with('/') && !n.starts_with("//") => n,
            _ => Page::Home.path().to_owned(),
        }
    }
}
