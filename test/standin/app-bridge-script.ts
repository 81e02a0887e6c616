/**
 * A stand-in for Shopify's App Bridge script (https://cdn.shopify.com/shopifycloud/app-bridge.js),
 * served at /app-bridge.js, doing what the app relies on:
 * - `window.shopify.idToken()`: a session token for the shop, from the stand-in that served this
 *   script (it signs with the app secret, as Shopify does);
 * - a `fetch` wrapper that adds `Authorization: Bearer <token>` to same-origin requests and, when
 *   the app answers 401 with `X-Shopify-Retry-Invalid-Session-Request: 1`, retries once with a
 *   fresh token (https://shopify.dev/docs/api/app-bridge-library/apis/resource-fetching);
 * - the library's bounce page (`/auth/session-token?shopify-reload=…`): get a token and go to the
 *   reload URL with `id_token` added, as the new embedded auth strategy expects;
 * - links with the `shopify:` protocol (shopify://admin/orders/123) open the stand-in's admin page;
 * - `<ui-nav-menu>` shown as a plain link bar, `<ui-title-bar>` / `<ui-save-bar>` / `<ui-modal>`
 *   hidden, `shopify.toast.show`, `shopify.loading`, `shopify.config`, `shopify.environment`.
 * There is no admin around the app: it runs in the top window (see docs/decisions/004).
 */
export const APP_BRIDGE_SCRIPT = String.raw`(function () {
  "use strict";
  if (window.shopify && window.shopify.__standin) return;
  var script = document.currentScript || document.querySelector('script[src*="app-bridge.js"]');
  var standin = new URL(script.src).origin;
  var apiKey = script.getAttribute("data-api-key") || "";
  var params = new URLSearchParams(location.search);
  var KEY = "shopify-standin-context";
  var saved = {};
  try { saved = JSON.parse(sessionStorage.getItem(KEY) || "{}"); } catch (e) { saved = {}; }
  var shop = params.get("shop") || saved.shop || "";
  var host = params.get("host") || saved.host || "";
  try { sessionStorage.setItem(KEY, JSON.stringify({ shop: shop, host: host })); } catch (e) { /* private mode */ }

  var cached = null;
  function decode(token) {
    try { return JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))); } catch (e) { return {}; }
  }
  function idToken(fresh) {
    if (!fresh && cached && decode(cached).exp * 1000 - Date.now() > 10000) return Promise.resolve(cached);
    return realFetch(standin + "/store/" + encodeURIComponent(shop) + "/session-token?api_key=" + encodeURIComponent(apiKey), { credentials: "omit" })
      .then(function (r) { if (!r.ok) throw new Error("session token refused: " + r.status); return r.json(); })
      .then(function (body) { cached = body.token; return cached; });
  }

  var realFetch = window.fetch.bind(window);
  function sameOrigin(input) {
    var url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    try { return new URL(url, location.href).origin === location.origin; } catch (e) { return false; }
  }
  window.fetch = function (input, init) {
    if (!sameOrigin(input)) return realFetch(input, init);
    var headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
    if (headers.has("Authorization")) return realFetch(input, init);
    function send(token) {
      var h = new Headers(headers);
      h.set("Authorization", "Bearer " + token);
      return realFetch(input, Object.assign({}, init, { headers: h }));
    }
    return idToken(false).then(send).then(function (response) {
      if (response.status === 401 && response.headers.get("X-Shopify-Retry-Invalid-Session-Request") === "1") return idToken(true).then(send);
      return response;
    });
  };

  var toasts;
  window.shopify = {
    __standin: true,
    config: { apiKey: apiKey, shop: shop, host: host, locale: "en-GB" },
    environment: { embedded: true, mobile: false, pos: false },
    idToken: function () { return idToken(false); },
    loading: function () {},
    toast: {
      show: function (message) {
        if (!toasts) { toasts = document.createElement("div"); toasts.setAttribute("role", "status"); toasts.style.cssText = "position:fixed;bottom:16px;left:50%;transform:translateX(-50%);z-index:9999"; document.body.appendChild(toasts); }
        var t = document.createElement("div");
        t.textContent = message;
        t.style.cssText = "background:#303030;color:#fff;padding:8px 16px;border-radius:8px;margin-top:8px;font:14px system-ui";
        toasts.appendChild(t);
        setTimeout(function () { t.remove(); }, 5000);
        return String(Date.now());
      },
      hide: function () {},
    },
    user: function () { return Promise.resolve({ accountAccess: "Account owner" }); },
  };

  function define(name, show) {
    if (!window.customElements || customElements.get(name)) return;
    customElements.define(name, class extends HTMLElement {
      connectedCallback() { this.style.display = show ? "flex" : "none"; if (show) { this.style.gap = "16px"; this.style.padding = "8px 16px"; this.style.borderBottom = "1px solid #e3e3e3"; this.style.font = "14px system-ui"; } }
    });
  }
  define("ui-nav-menu", true);
  define("ui-title-bar", false);
  define("ui-save-bar", false);
  define("ui-modal", false);

  // Links to Shopify admin pages (the shopify: protocol, e.g. shopify://admin/orders/123) open
  // that page of the admin around the app; here, the stand-in's page for it.
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a[href^='shopify:']") : null;
    if (!link) return;
    var path = link.getAttribute("href").replace(/^shopify:(\/\/)?admin\/?/, "");
    event.preventDefault();
    window.location.assign(standin + "/store/" + encodeURIComponent(shop.replace(/\.myshopify\.com$/, "")) + "/" + path);
  }, true);

  // The library's bounce page: fetch a token, then reload the page the app asked for with it.
  var reload = params.get("shopify-reload");
  if (reload) {
    var target = new URL(reload, location.href);
    if (target.origin === location.origin) {
      idToken(true).then(function (token) { target.searchParams.set("id_token", token); location.replace(target.href); });
    }
  }
})();
`;
