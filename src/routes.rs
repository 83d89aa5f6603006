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
    /// Where a verification e-mail's link leads (signed in or not).
    VerifyEmail,
    /// Reviewers: an app's request to go online.
    ReviewGoLive(i64),
    /// Reviewers: an app's request for a permission group.
    ReviewPermission(i64),
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
            Page::VerifyEmail => "/verify-email".into(),
            Page::ReviewGoLive(id) => format!("/review/go-live/{id}"),
            Page::ReviewPermission(id) => format!("/review/permissions/{id}"),
        }
    }

    /// The page a path under the router base names (`/apps/12`), if any; a trailing slash
    /// is the same path.
    pub fn parse(path: &str) -> Option<Page> {
        let path = match path.strip_suffix('/') {
            Some(p) if !p.is_empty() => p,
            _ => path,
        };
        let id = |s: &str| s.parse::<i64>().ok();
        Some(match path {
            "/" | "" => Page::Home,
            "/sign-in" => Page::SignIn,
            "/agreement" => Page::Agreement,
            "/developer" => Page::Developer,
            "/apps" => Page::Apps,
            "/apps/new" => Page::NewApp,
            "/apps/new/commercial" => Page::NewCommercialApp,
            "/qualification" => Page::Qualification,
            "/qualification/check" => Page::QualificationCheck,
            "/qualification/status" => Page::QualificationStatus,
            "/review" => Page::Review,
            "/verify-email" => Page::VerifyEmail,
            _ => {
                if let Some(rest) = path.strip_prefix("/apps/") {
                    Page::App(id(rest)?)
                } else if let Some(rest) = path.strip_prefix("/review/go-live/") {
                    Page::ReviewGoLive(id(rest)?)
                } else if let Some(rest) = path.strip_prefix("/review/permissions/") {
                    Page::ReviewPermission(id(rest)?)
                } else {
                    Page::ReviewApplication(id(path.strip_prefix("/review/")?)?)
                }
            }
        })
    }

    /// The number a page's address carries (`/apps/12` → 12).
    pub fn id(self) -> Option<i64> {
        match self {
            Page::App(id)
            | Page::ReviewApplication(id)
            | Page::ReviewGoLive(id)
            | Page::ReviewPermission(id) => Some(id),
            _ => None,
        }
    }

    /// The page's address for a link: its path under the router base.
    pub fn href(self) -> String {
        link(&self.path())
    }

    /// The qualification form, scrolled to one answer (the check page's Change links).
    pub fn change_answer(field: &str) -> String {
        format!("{}#{field}", Page::Qualification.href())
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

/// `path` (inside the app) under the router base, for a link.
pub fn link(path: &str) -> String {
    match leptos::prelude::use_context::<crate::router::Nav>() {
        Some(nav) => nav.href(path),
        None => path.to_owned(),
    }
}

/// A function that goes to `path` (inside the app) at the same address as the page's links:
/// under the router base, and the home page at `base/`, never `base` (from `/developers`
/// the page's relative file names would resolve against the site root).
pub fn use_go() -> impl Fn(&str) + Clone + 'static {
    let nav = leptos::prelude::expect_context::<crate::router::Nav>();
    move |path: &str| nav.go(path)
}

/// Sends the reader on to `path` (a page inside the app) in place of the page that shows
/// this, once it has been drawn (not during: the address would change under the drawing).
#[leptos::component]
pub fn GoTo(
    /// The page's path inside the app.
    path: String,
) -> impl leptos::IntoView {
    let nav = leptos::prelude::expect_context::<crate::router::Nav>();
    leptos::prelude::queue_microtask(move || nav.go_instead(&path));
}

/// The page path of the browser's `pathname` under the router `base` (`/developers/apps`
/// under `/developers` is `/apps`): what the app's own links and `next` values hold.
pub fn within(pathname: &str, base: &str) -> String {
    match pathname.strip_prefix(base) {
        Some(rest) if rest.starts_with('/') => rest.to_owned(),
        Some("") => "/".into(),
        _ => pathname.to_owned(),
    }
}

/// The path the portal lives under, from the path of the page the browser opened: that
/// path without the longest page route it ends with (`/developers/apps/12` → `/developers`).
/// A mistyped or stale address (`/developers/apps/abc`) loses its tail from the first
/// segment that is a page's own name, so the portal still starts, under its real base, and
/// says the page was not found. "" at the site root. Wrong only when the portal's own path
/// ends with a page's name (say `/apps/`): then `router_base` in `config.json` says it.
pub fn base_of(pathname: &str) -> String {
    let mut segments: Vec<&str> = pathname.split('/').filter(|s| !s.is_empty()).collect();
    if segments.last().is_some_and(|s| s.ends_with(".html")) {
        segments.pop();
    }
    let names_page = |segments: &[&str]| Page::parse(&format!("/{}", segments.join("/"))).is_some();
    let tail = |n: usize| &segments[segments.len() - n..];
    // The longest tail that names a page (the home page's tail is empty), else the longest
    // that starts with a page's name.
    let route_len = (1..=segments.len())
        .rev()
        .find(|&n| names_page(tail(n)))
        .or_else(|| (1..=segments.len()).rev().find(|&n| names_page(&tail(n)[..1])))
        .unwrap_or(0);
    let base = &segments[..segments.len() - route_len];
    if base.is_empty() {
        String::new()
    } else {
        format!("/{}", base.join("/"))
    }
}

use portal_core::{
    api::{Me, Role},
    journey::Step,
};

impl Page {
    /// The journey step a seller's page needs every earlier step of: the app list and
    /// the qualification pages come after developer information.
    fn step(self) -> Step {
        match self {
            Page::Agreement => Step::Agreement,
            Page::Developer => Step::Developer,
            _ => Step::Qualification,
        }
    }

    /// Where a seller does `step`.
    fn of_step(step: Step) -> Page {
        match step {
            Step::Agreement => Page::Agreement,
            Step::Developer => Page::Developer,
            Step::Qualification => Page::Qualification,
            Step::CreateApps => Page::Apps,
        }
    }
}

/// The step the person must do before `target`, if any: reviewers go to the review
/// queue; sellers take the journey's steps in the core's order.
pub fn required_before(me: &Me, target: Page) -> Option<Page> {
    let review_page = matches!(target, Page::Review | Page::ReviewApplication(_));
    if me.account.role == Role::Reviewer {
        return (!review_page).then_some(Page::Review);
    }
    if review_page {
        return None; // a seller sees "reviewers only" there
    }
    match me.progress().missing_before(target.step()) {
        Some(step) => Some(Page::of_step(step)),
        None => (target == Page::Home).then_some(Page::Apps),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_is_the_path_without_its_page_route() {
        for (path, base) in [
            ("/", ""),
            ("", ""),
            ("/index.html", ""),
            ("/apps", ""),
            ("/apps/12", ""),
            ("/apps/new/commercial", ""),
            ("/developers/", "/developers"),
            ("/developers", "/developers"),
            ("/developers/index.html", "/developers"),
            ("/developers/sign-in", "/developers"),
            ("/developers/apps/12", "/developers"),
            ("/developers/apps/new", "/developers"),
            ("/developers/apps/new/commercial", "/developers"),
            ("/developers/review/7", "/developers"),
            ("/a/b/c/", "/a/b/c"),
            ("/a/b/c/qualification/check", "/a/b/c"),
            // Addresses that name no page: the tail from a page's name is a mistyped page.
            ("/a/b/c/apps/not-a-number", "/a/b/c"),
            ("/developers/apps/12/13", "/developers"),
            ("/developers/review/go-live/x", "/developers"),
            ("/apps/abc", ""),
            ("/developers/nothing", "/developers/nothing"),
        ] {
            assert_eq!(base_of(path), base, "{path}");
        }
    }

    #[test]
    fn page_paths_are_taken_from_under_the_base() {
        for (pathname, base, page) in [
            ("/developers/apps/12", "/developers", "/apps/12"),
            ("/developers/", "/developers", "/"),
            ("/developers", "/developers", "/"),
            ("/apps", "", "/apps"),
            ("/developersx/apps", "/developers", "/developersx/apps"),
        ] {
            assert_eq!(within(pathname, base), page, "{pathname} under {base}");
        }
    }

    #[test]
    fn a_path_names_its_page_and_nothing_else_names_one() {
        for page in ALL {
            assert_eq!(Page::parse(&page.path()), Some(page), "{page:?}");
            assert_eq!(
                Page::parse(&format!("{}/", page.path())),
                Some(page),
                "{page:?} with a slash"
            );
        }
        for path in [
            "/apps/x",
            "/apps/12/13",
            "/review/go-live/",
            "/review/-",
            "/nope",
            "/apps/new/other",
            "/review/permissions/1.5",
        ] {
            assert_eq!(Page::parse(path), None, "{path}");
        }
    }

    #[test]
    fn every_page_path_is_taken_off_the_base() {
        for page in ALL {
            assert_eq!(
                base_of(&format!("/developers{}", page.path())),
                "/developers",
                "{page:?}"
            );
        }
    }

    const ALL: [Page; 16] = [
        Page::Home,
        Page::SignIn,
        Page::Agreement,
        Page::Developer,
        Page::Apps,
        Page::NewApp,
        Page::NewCommercialApp,
        Page::App(12),
        Page::Qualification,
        Page::QualificationCheck,
        Page::QualificationStatus,
        Page::Review,
        Page::ReviewApplication(7),
        Page::VerifyEmail,
        Page::ReviewGoLive(3),
        Page::ReviewPermission(9),
    ];
}
