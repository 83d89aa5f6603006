// Starts the stand-alone portal without any inline script, so the page works under a
// strict Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval'): the same entry a
// seller portal uses to embed it.
import { mount } from "./embed.js";

// The portal owns this page: its language sets the page's lang and title too.
await mount(document.getElementById("portal"), { ownsPage: true });
