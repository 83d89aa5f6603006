//! The portal's own navigation: which page the address names, links inside the portal that
//! change the page without reloading it, Back and Forward. Small on purpose: the download the
//! sign-in form waits for carries one `match` over [`Page`] instead of a general router's
//! route tables and matching (leptos_router cost 38 of that download's 208.6 KB brotli).

use crate::{host::Host, on_demand, routes::Page};
use leptos::{ev, prelude::*, task::spawn_local};
use wasm_bindgen::{JsCast, JsValue};

/// Where the reader is, inside the portal.
#[derive(Debug, Clone, PartialEq, Default)]
struct Place {
    /// The page path under the base (`/apps/12`).
    path: String,
    /// The query, without its `?`.
    query: String,
}

/// The reader's place and the base path the portal lives under; shared through context.
#[derive(Clone, Copy)]
pub struct Nav {
    place: RwSignal<Place>,
    base: StoredValue<String>,
}

impl Nav {
    /// Reads the address, follows Back and Forward and the portal's own links until the app
    /// is taken off the page.
    pub fn provide(base: String, host: Host) -> Nav {
        let nav = Nav {
            place: RwSignal::new(Place::default()),
            base: StoredValue::new(base),
        };
        nav.read_address();
        let back = window_event_listener(ev::popstate, move |_| nav.read_address());
        let click = window_event_listener(ev::click, move |ev| nav.follow(&ev, &host));
        on_cleanup(move || {
            back.remove();
            click.remove();
        });
        provide_context(nav);
        nav
    }

    /// Works under `base` from now on (the configuration's, read after the first screen).
    pub fn rebase(self, base: String) {
        self.base.set_value(base);
        self.read_address();
    }

    /// The page the address names (`None`: no page of the portal), tracked.
    pub fn page(self) -> Option<Page> {
        self.place.with(|p| Page::parse(&p.path))
    }

    /// The page path under the base, tracked.
    pub fn path(self) -> String {
        self.place.with(|p| p.path.clone())
    }

    /// The value of `key` in the address's query, decoded.
    pub fn query(self, key: &str) -> Option<String> {
        self.place.with_untracked(|p| {
            p.query.split('&').find_map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (k == key).then(|| {
                    js_sys::decode_uri_component(&v.replace('+', " "))
                        .ok()
                        .and_then(|s| s.as_string())
                        .unwrap_or_default()
                })
            })
        })
    }

    /// `path` (inside the portal) under the base, as links and the address bar hold it.
    pub fn href(self, path: &str) -> String {
        format!("{}{path}", self.base.try_get_value().unwrap_or_default())
    }

    /// Goes to `to`, a path inside the portal (with its query and fragment, if any). A page
    /// that names a fragment takes the reader there itself; any other starts at the top.
    pub fn go(self, to: &str) {
        self.change(to, false);
    }

    /// Goes to `to` in place of the page shown, which leaves no entry in the history: a
    /// page that only sends the reader on must not catch them again on Back.
    pub fn go_instead(self, to: &str) {
        self.change(to, true);
    }

    fn change(self, to: &str, replace: bool) {
        let url = self.href(to);
        let location = window().location();
        let here = format!(
            "{}{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default(),
            location.hash().unwrap_or_default()
        );
        if let (true, Ok(history)) = (here != url, window().history()) {
            let _ = if replace {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
            } else {
                history.push_state_with_url(&JsValue::NULL, "", Some(&url))
            };
        }
        self.read_address();
        if !to.contains('#') {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    fn read_address(self) {
        let location = window().location();
        let Some(base) = self.base.try_get_value() else {
            return;
        };
        let place = Place {
            path: crate::routes::within(&location.pathname().unwrap_or_default(), &base),
            query: location
                .search()
                .unwrap_or_default()
                .trim_start_matches('?')
                .to_owned(),
        };
        if self.place.try_with_untracked(|p| *p != place) == Some(true) {
            self.place.set(place);
        }
    }

    /// A click on a link to another page of the portal changes the page in place. The
    /// browser keeps every other click: with a modifier key or another button, a link with
    /// a target, `download` or `rel=external`, to another origin or outside the base, a
    /// fragment of this same page, and links of the host page around the portal.
    fn follow(self, ev: &web_sys::MouseEvent, host: &Host) {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.alt_key()
            || ev.ctrl_key()
            || ev.shift_key()
        {
            return;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
        else {
            return;
        };
        if !host.holds(&link)
            || link
                .get_attribute("target")
                .is_some_and(|t| !t.is_empty() && t != "_self")
            || link.has_attribute("download")
            || link
                .get_attribute("rel")
                .is_some_and(|r| r.split_ascii_whitespace().any(|p| p == "external"))
        {
            return;
        }
        let Some(href) = link.get_attribute("href") else {
            return;
        };
        let location = window().location();
        let Ok(url) = web_sys::Url::new_with_base(&href, &location.href().unwrap_or_default()) else {
            return;
        };
        let base = self.base.get_value();
        let pathname = url.pathname();
        let inside = base.is_empty() || pathname == base || pathname.starts_with(&format!("{base}/"));
        if url.origin() != location.origin().unwrap_or_default() || !inside {
            return;
        }
        let same_page = pathname == location.pathname().unwrap_or_default()
            && url.search() == location.search().unwrap_or_default();
        if same_page && !url.hash().is_empty() {
            return;
        }
        ev.prevent_default();
        let path = crate::routes::within(&pathname, &base);
        self.go(&format!("{path}{}{}", url.search(), url.hash()));
    }
}

/// The page the address names, its code downloaded first when it is a page of its own
/// chunk. The page shown stays until the next one is ready, and a page that arrives after
/// the reader has moved on is dropped.
#[component]
pub fn Pages() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let parent = Owner::current().expect("pages are drawn inside the app");
    let wanted = Memo::new(move |_| nav.page());
    let next: StoredValue<Option<AnyView>, LocalStorage> = StoredValue::new_local(None);
    let ready = Trigger::new();
    Effect::new(move |_| {
        let page = wanted.get();
        // Each page lives under an owner of its own, dropped with its view.
        let owner = parent.child();
        spawn_local(async move {
            let view = on_demand::view_of(page, owner).await;
            if wanted.try_get_untracked() == Some(page) {
                next.set_value(Some(view));
                ready.notify();
            }
        });
    });
    move || {
        ready.track();
        next.try_update_value(Option::take).flatten()
    }
}
