// Starts the stand-alone portal in unsplit builds (`trunk serve`) without any inline script,
// so the page works under a strict Content-Security-Policy (script-src 'self'
// 'wasm-unsafe-eval'). The release build's page loads the app's module instead, which
// starts the portal itself (crates/xtask/src/own_page.rs).
import { mount } from "./embed.js";

// The portal owns this page: its language sets the page's lang and title too.
await mount(document.getElementById("portal"), { ownsPage: true });
