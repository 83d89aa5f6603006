//! The stand-alone page of the split build starts the app from the app's own module, with
//! its icon inside it. On a phone's first load every request shares the connection with the
//! wasm the sign-in form waits for: measured with Lighthouse's simulated mobile network,
//! the start script (`boot.js`), `embed.js` it imported and the icon held the form back
//! 150 ms. `boot.js` stays the start of unsplit builds (`trunk serve`); `embed.js` stays
//! what a host page imports, and it loads the same module, which then does not start itself.

/// Appended to the glue: started when the page loaded it as its own script, as `boot.js`
/// and `embed.js` would (the page's stylesheet is already there, and the handle is not
/// needed: the page is the portal's until it is left).
const START: &str = "
// index.html loads this module as its own script: the portal starts here. A host page
// imports embed.js instead, which mounts it where the host says.
if ([...document.scripts].some((s) => s.type === \"module\" && s.src === import.meta.url)) {
    await __wbg_init();
    // The app starts in a task after the wasm's compilation (their one task kept the browser
    // from painting or taking a tap).
    await new Promise((started) => setTimeout(started));
    mount(document.getElementById(\"portal\"), {
        config: new URL(\"config.json\", import.meta.url).href,
        assets: new URL(\"./\", import.meta.url).href,
        ownsPage: true,
    });
}
";

/// The glue, starting the portal when the page loads it itself. Refuses a glue without the
/// two functions the start calls.
pub(crate) fn start_from_glue(glue: &str) -> Result<String, String> {
    for needed in ["export function mount(", "async function __wbg_init("] {
        if !glue.contains(needed) {
            return Err(format!("the glue no longer has `{needed}`"));
        }
    }
    Ok(format!("{glue}{START}"))
}

/// Trunk's page, loading the app's module `js` itself instead of `boot.js` (and not twice:
/// without a module preload of it), with `icon` (an SVG) inside it.
pub(crate) fn load_app_from_page(page: &str, js: &str, icon: &str) -> Result<String, String> {
    let (mut started, mut iconed) = (false, false);
    let out = crate::split::edit_tags(page, |tag| {
        let words: Vec<&str> = tag
            .trim_start_matches('<')
            .trim_end_matches('>')
            .split(' ')
            .collect();
        let has = |word: &str| words.contains(&word);
        if tag.starts_with("<script ") && has("src=./boot.js") {
            started = true;
            format!("<script src=./{js} type=module>")
        } else if tag.starts_with("<link ") && has("rel=modulepreload") && has(&format!("href=./{js}")) {
            // The script itself is fetched as early.
            String::new()
        } else if tag.starts_with("<link ") && has("rel=icon") && has("href=favicon.svg") {
            iconed = true;
            tag.replace("href=favicon.svg", &format!("href=\"{}\"", data_url(icon)))
        } else {
            tag.to_owned()
        }
    });
    match (started, iconed) {
        (true, true) => Ok(out),
        (false, _) => Err("the page no longer starts the app with ./boot.js".into()),
        (_, false) => Err("the page no longer links favicon.svg as its icon".into()),
    }
}

/// An SVG as a `data:` URL, escaped only where a URL or the attribute needs it.
fn data_url(svg: &str) -> String {
    let escaped: String = svg
        .trim()
        .chars()
        .map(|c| match c {
            '"' => "'".to_owned(),
            '#' => "%23".to_owned(),
            '<' => "%3C".to_owned(),
            '>' => "%3E".to_owned(),
            '%' => "%25".to_owned(),
            '\n' | '\r' => " ".to_owned(),
            c => c.to_string(),
        })
        .collect();
    format!("data:image/svg+xml,{escaped}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const JS: &str = "portal-web-bbbbbbbbbbbbbbbb.js";

    #[test]
    fn the_page_loads_the_apps_module_itself_with_its_icon_inside() {
        let page = "<meta content=portal-web-bbbbbbbbbbbbbbbb.js name=portal-js>\
            <script src=./boot.js type=module></script><link href=./main-1.css rel=stylesheet>\
            <link href=favicon.svg rel=icon type=image/svg+xml>\
            <link as=fetch crossorigin href=config.json rel=preload>\
            <link crossorigin href=./portal-web-bbbbbbbbbbbbbbbb.js rel=modulepreload>";
        let icon = "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect fill=\"#1d4ed8\"/></svg>\n";
        let out = load_app_from_page(page, JS, icon).unwrap();
        assert!(!out.contains("boot.js"), "{out}");
        assert!(
            out.contains(&format!("<script src=./{JS} type=module></script>")),
            "{out}"
        );
        assert!(!out.contains("modulepreload"), "{out}");
        assert!(
            out.contains(
                "<link href=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E\
                 %3Crect fill='%231d4ed8'/%3E%3C/svg%3E\" rel=icon type=image/svg+xml>"
            ),
            "{out}"
        );
        assert!(out.contains("<meta content=portal-web-bbbbbbbbbbbbbbbb.js name=portal-js>"));
        assert!(out.contains("<link as=fetch crossorigin href=config.json rel=preload>"));
    }

    #[test]
    fn a_page_it_does_not_recognise_is_refused() {
        let icon = "<svg/>";
        for page in [
            "<script src=./start.js type=module></script><link href=favicon.svg rel=icon>",
            "<script src=./boot.js type=module></script><link href=icon.png rel=icon>",
        ] {
            assert!(load_app_from_page(page, JS, icon).is_err(), "{page}");
        }
    }

    #[test]
    fn the_glue_starts_the_portal_only_where_it_can() {
        let glue = "export function mount(element, options) {}\nasync function __wbg_init(m) {}\n";
        let started = start_from_glue(glue).unwrap();
        assert!(started.starts_with(glue));
        assert!(started.contains("await __wbg_init();"));
        assert!(start_from_glue("async function __wbg_init(m) {}").is_err());
        assert!(start_from_glue("export function mount(element, options) {}").is_err());
    }
}
