// Starts the portal without any inline script, so the page works under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval'). Trunk writes the
// hashed module names into meta tags at build time; they resolve against this file's
// own URL, wherever the portal is hosted.
const file = (name) => new URL(document.querySelector(`meta[name="${name}"]`).content, import.meta.url).href;
const { default: init } = await import(file("portal-js"));
await init({ module_or_path: file("portal-wasm") });
