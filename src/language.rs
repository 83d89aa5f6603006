//! The reader's language: chosen when the portal starts (the host's choice, else the one
//! saved on this device, else the browser's languages, else English), switchable on every
//! page, saved when switched, and followed by `lang` on the portal's element (and by the
//! page's `lang` and title when the portal owns the page).

use crate::i18n::{self, Locale};
use leptos::{prelude::*, task::spawn_local};
use std::borrow::Cow;

const STORAGE_KEY: &str = "portal.locale";

/// Shown when no message file could be fetched: then there are no texts to say it with.
const NO_TEXTS: &str = "The developer portal could not load its texts. Reload the page. · 开发者门户无法加载文字，请刷新页面。 · El portal no pudo cargar sus textos. Recarga la página.";

/// Shared through context; cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Language {
    /// The language to start in; after that the catalogue's active language is the one
    /// source of truth, and this trigger tells the views it changed.
    first: Locale,
    changed: Trigger,
    /// Where the built files are (the message files, `<tag>.json`, are beside them).
    assets: StoredValue<String>,
    /// Whether the portal is the whole page (its `<html lang>` and title are the portal's).
    owns_page: bool,
    host: StoredValue<crate::host::Host>,
}

impl Language {
    /// The language to start in, provided as context.
    pub fn provide(assets: String, host_choice: Option<String>, owns_page: bool) -> Self {
        let saved = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let browser: Vec<String> = web_sys::window()
            .map(|w| {
                w.navigator()
                    .languages()
                    .iter()
                    .filter_map(|l| l.as_string())
                    .collect()
            })
            .unwrap_or_default();
        let first = Locale::choose(host_choice.as_deref(), saved.as_deref(), &browser);
        let language = Self {
            first,
            changed: Trigger::new(),
            assets: StoredValue::new(assets),
            owns_page,
            host: StoredValue::new(crate::host::use_host()),
        };
        provide_context(language);
        language
    }

    /// The active language; the app is drawn again when it changes.
    pub fn current(&self) -> Locale {
        self.changed.track();
        i18n::current()
    }

    /// Fetches the first language's first words (English's, inside the app, if that fails),
    /// or says why not.
    pub async fn start(self) -> Result<(), &'static str> {
        // The first page is drawn in a task after the app's start: English's words need no
        // download, and the start and the first page in one task kept the browser from
        // painting or taking a tap for 30 ms (four times that on a phone).
        crate::schedule::sleep_ms(0).await;
        let mut got = self.fetch(self.first, false).await.map(|()| self.first);
        if got.is_err() && self.first != Locale::En {
            got = self.fetch(Locale::En, false).await.map(|()| Locale::En);
        }
        let locale = got.map_err(|_| NO_TEXTS)?;
        i18n::activate(locale);
        self.follow(locale);
        Ok(())
    }

    /// The words of the pages beyond sign-in in the active language, fetched once: every
    /// such page waits for them (and its first one downloads them while the browser is idle).
    pub async fn pages_words(self) -> Result<(), &'static str> {
        // Again if the reader switched language while they were on their way.
        while !i18n::has_pages(i18n::current()) {
            let locale = i18n::current();
            self.fetch(locale, true).await.map_err(|_| NO_TEXTS)?;
        }
        Ok(())
    }

    /// Switches to `to` once its words are here (the pages' too, once a page has needed
    /// them), and saves the choice on this device. What the page holds is drawn again in
    /// the new language; drafts and the session are kept (they are stored, not drawn).
    pub fn switch(self, to: Locale) {
        let pages = i18n::has_pages(i18n::current());
        spawn_local(async move {
            if self.fetch(to, pages).await.is_ok() {
                i18n::activate(to);
                if let Some(storage) = storage() {
                    let _ = storage.set_item(STORAGE_KEY, to.tag());
                }
                self.follow(to);
                self.changed.notify();
            }
        });
    }

    /// Keeps `locale`'s first words, and with `pages` its pages' words, once both are here
    /// (nothing is kept when either cannot be fetched); which language is active is the
    /// caller's to change.
    async fn fetch(self, locale: Locale, pages: bool) -> Result<(), String> {
        let first = match (i18n::has(locale), locale) {
            (true, _) => None,
            (false, Locale::En) => Some(Cow::Borrowed(i18n::ENGLISH_FIRST_WORDS)),
            (false, _) => Some(Cow::Owned(self.text_of(locale, "json").await?)),
        };
        let rest = match pages && !i18n::has_pages(locale) {
            true => Some(self.text_of(locale, "pages.json").await?),
            false => None,
        };
        if let Some(file) = first {
            i18n::install(locale, &file)?;
        }
        if let Some(file) = rest {
            i18n::install_pages(locale, &file)?;
        }
        Ok(())
    }

    async fn text_of(self, locale: Locale, extension: &str) -> Result<String, String> {
        let url = format!("{}{}.{extension}", self.assets.get_value(), locale.tag());
        crate::config::fetch_text(&url).await.map_err(|_| url)
    }

    /// `lang` on the portal's element, and on the page with its title when it is ours.
    fn follow(self, locale: Locale) {
        self.host.with_value(|host| host.set_lang(locale.tag()));
        if self.owns_page {
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                if let Some(html) = document.document_element() {
                    let _ = html.set_attribute("lang", locale.tag());
                }
                document.set_title(i18n::page_title());
            }
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
