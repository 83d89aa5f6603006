// Starts the portal without any inline script, so the page works under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval'). Trunk writes the
// hashed module names into meta tags at build time; they, and config.json, resolve
// against this file's own URL, wherever the portal is hosted.
const here = new URL("./", import.meta.url).href;
const file = (name) => new URL(document.querySelector(`meta[name="${name}"]`).content, here).href;
document.getElementById("portal")?.setAttribute("data-assets", here);
const { default: init } = await import(file("portal-js"));
await init({ module_or_path: file("portal-wasm") });
