// The developer portal as an ES module for any page: the stand-alone index.html and a
// seller portal that embeds it. Its name is stable; it finds the built, hashed files
// beside itself, wherever it is served from.
//
//   import { mount } from "https://cdn.example.com/developers/embed.js";
//   const portal = await mount(element, { config, basePath, getToken, theme });
//   portal.unmount();
//
// See the README ("Embedding in a seller portal") for the options and the events.

const here = new URL("./", import.meta.url);
let app;

/** The built app's file names: from this page's meta tags (stand-alone), else from the
 *  index.html beside this file (embedded). */
async function builtFiles() {
  const meta = (doc, name) => doc.querySelector(`meta[name="${name}"]`)?.content;
  let doc = document;
  if (!meta(doc, "portal-js")) {
    const page = await fetch(new URL("index.html", here));
    if (!page.ok) throw new Error(`developer portal: ${page.url} answered ${page.status}`);
    doc = new DOMParser().parseFromString(await page.text(), "text/html");
  }
  const css = doc.querySelector('link[rel="stylesheet"]');
  return {
    js: new URL(meta(doc, "portal-js"), here).href,
    wasm: new URL(meta(doc, "portal-wasm"), here).href,
    css: css && { href: new URL(css.getAttribute("href"), here).href, integrity: css.integrity },
  };
}

/** Loads the app once per page, however often it is mounted. */
function load() {
  app ??= (async () => {
    const files = await builtFiles();
    const module = await import(files.js);
    await module.default({ module_or_path: files.wasm });
    return { module, css: files.css };
  })();
  return app;
}

/** The portal's stylesheet, shared by every mount: added by the first, removed by the last. */
const styles = { link: null, users: 0 };

function useStylesheet(css) {
  if (!css || [...document.styleSheets].some((s) => s.href === css.href)) return () => {};
  if (!styles.link) {
    styles.link = document.createElement("link");
    styles.link.rel = "stylesheet";
    styles.link.href = css.href;
    if (css.integrity) {
      styles.link.integrity = css.integrity;
      styles.link.crossOrigin = "anonymous";
    }
    document.head.append(styles.link);
  }
  styles.users += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    styles.users -= 1;
    if (styles.users === 0) {
      styles.link.remove();
      styles.link = null;
    }
  };
}

/**
 * Mounts the portal into `element`.
 * @param {HTMLElement} element
 * @param {{config?: string|object, basePath?: string, locale?: string,
 *          getToken?: () => Promise<string|null>, theme?: Record<string,string>}} options
 * @returns {Promise<{unmount(): void}>}
 */
export async function mount(element, options = {}) {
  if (!(element instanceof HTMLElement)) throw new TypeError("mount: element must be an HTMLElement");
  const { module, css } = await load();
  const release = useStylesheet(css);
  const config = options.config ?? new URL("config.json", here).href;
  // The message files (en.json, zh-CN.json, es.json and their .pages.json) are beside the built files.
  const mounted = module.mount(element, { ...options, config, assets: here.href });
  let done = false;
  return {
    unmount() {
      if (done) return;
      done = true;
      mounted.unmount();
      mounted.free();
      release();
    },
  };
}
