// The seller centre mounts the developer portal under /seller/developer-tools. It records
// what the portal tells it (tests read window.hostEvents) and the computed styles of its own
// elements before the portal arrives (tests compare them afterwards).
import { mount } from "/portal/embed.js";

const element = document.getElementById("developer-tools");
const style = (id) => {
  const s = getComputedStyle(document.getElementById(id));
  return [s.fontSize, s.fontFamily, s.color, s.boxSizing, s.backgroundColor].join(" | ");
};
// Measured once the seller centre's own stylesheet applies: WebKit may run this module
// before it has loaded.
const own = document.querySelector('link[rel="stylesheet"][href="/host.css"]');
if (own && !own.sheet) await new Promise((loaded) => own.addEventListener("load", loaded, { once: true }));
window.hostStylesBefore = { title: style("host-title"), orders: style("host-orders") };
window.hostStyles = () => ({ title: style("host-title"), orders: style("host-orders") });

window.hostEvents = [];
for (const name of ["navigate", "signed-out", "session-expired", "app-created"]) {
  element.addEventListener(`portal:${name}`, (event) => window.hostEvents.push({ name, detail: event.detail }));
}

// The seller centre's language (its language menu sets ?lang=), which the portal follows.
const language = new URLSearchParams(location.search).get("lang") ?? document.documentElement.lang;
document.documentElement.lang = language;

const options = {
  config: "/portal-config.json",
  basePath: "/seller/developer-tools",
  locale: language,
  // The seller centre's back end vouches for its signed-in seller.
  getToken: async () => {
    const answer = await fetch("/host/token", { method: "POST" });
    return answer.ok ? answer.text() : null;
  },
  theme: { "--portal-brand": "#7a1fa2" },
};

if (location.pathname.startsWith(options.basePath)) {
  window.portal = await mount(element, options);
}
window.unmountPortal = () => window.portal.unmount();
window.mountPortal = async () => {
  window.portal = await mount(element, options);
};
