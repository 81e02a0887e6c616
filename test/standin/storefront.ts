import { readFileSync, existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";

import { legacyId } from "./ids";
import { formatMoney, minorOf, minorUnits } from "./money";
import type { RouteContext, StandinRoute } from "./server";
import type { CustomerRec, DraftOrderRec, OrderRec, ShopStore } from "./store";
import { createThemeEngine, escapeHtml, EXTENSION_DIR, renderAppBlock } from "./storefront-liquid";

/**
 * A minimal Online Store for each shop of the stand-in (`options.shop`'s on the stand-in's own
 * origin, every shop's on `{shop}.localhost`, see `shopOf`), enough to drive the storefront flow in a
 * browser: a home page, the shopper's account and one page per order with the theme app
 * extension's block rendered from its real Liquid, the extension's assets, and the app proxy
 * (`/apps/aftercare/*` → the app's `/apps/proxy/*`, signed by the stand-in's `appProxyUrl` as
 * Shopify signs it), with the answer rendered inside the theme when it is `application/liquid`.
 * https://shopify.dev/docs/apps/build/online-store/app-proxies
 */
export type StorefrontOptions = {
  shop: string;
  /** The shopper signed in unless they sign out (a customer gid); none by default. */
  signedInCustomerId?: string | null;
  locale?: string;
  /** Clock for the proxy signature's timestamp. */
  now?: () => Date;
  /** False: pages render without the app block (the Lighthouse baseline, bench/lighthouse.ts). */
  block?: boolean;
};

const ASSET_BASE = "/extensions/aftercare-theme/assets";
const COOKIE = "standin_customer";

export function storefrontRoutes(options: StorefrontOptions): StandinRoute {
  const now = options.now ?? (() => new Date());

  return async (req, res, ctx) => {
    const { pathname } = ctx.url;
    const shop = shopOf(req, ctx);
    if (!shop) return false;
    // shopify.app.toml [app_proxy]: the shopper's /{prefix}/{subpath} (/apps/aftercare).
    const prefix = `/${ctx.standin.appProxy.prefix}/${ctx.standin.appProxy.subpath}`;
    if (pathname.startsWith(`${ASSET_BASE}/`)) return serveAsset(res, pathname.slice(ASSET_BASE.length + 1));
    if (pathname === prefix || pathname.startsWith(`${prefix}/`)) return proxy(req, res, ctx, shop);
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const store = ctx.standin.store(shop);
    const customer = signedIn(req, store);
    if (pathname === "/") return page(res, 200, store, customer, "Home", homePage(store));
    if (pathname === "/account/login") {
      const as = ctx.url.searchParams.get("customer");
      const chosen = as ? store.customers.find((c) => String(legacyId(c.id)) === as) : undefined;
      if (chosen) return redirect(res, ctx.url.searchParams.get("return_url") ?? "/account", `${COOKIE}=${legacyId(chosen.id)}; Path=/; HttpOnly; SameSite=Lax`);
      return page(res, 200, store, customer, "Log in", loginPage(store));
    }
    if (pathname === "/account/logout") return redirect(res, "/", `${COOKIE}=none; Path=/; HttpOnly; SameSite=Lax`);
    if (pathname === "/account") {
      if (!customer) return redirect(res, "/account/login");
      return page(res, 200, store, customer, "Account", accountPage(store, customer, block({ customer: customerDrop(customer) }, store)));
    }
    // A draft order's invoice URL (DraftOrder.invoiceUrl, "the link to the checkout, which is sent
    // to the customer in the invoice email"): the checkout of the draft's lines and total.
    const invoiceMatch = /^\/(\d+)\/invoices\/([0-9a-f]+)$/.exec(pathname);
    if (invoiceMatch && invoiceMatch[1] === String(legacyId(store.shop.id))) {
      const draft = store.draftOrders.find((d) => d.invoiceToken === invoiceMatch[2]);
      if (!draft) return page(res, 404, store, customer, "Not found", `<h1>This invoice does not exist</h1>`);
      return page(res, 200, store, customer, `Checkout ${draft.name}`, invoicePage(draft));
    }
    const orderMatch = /^\/account\/orders\/(\d+)$/.exec(pathname);
    if (orderMatch) {
      if (!customer) return redirect(res, `/account/login?return_url=${encodeURIComponent(pathname)}`);
      // A shopper sees only their own orders; Shopify answers 404 for anyone else's.
      const order = store.orders.find((o) => String(legacyId(o.id)) === orderMatch[1] && o.customerId === customer.id);
      if (!order) return page(res, 404, store, customer, "Not found", `<h1>Order not found</h1><p><a href="/account">Back to your account</a></p>`);
      const rendered = block({ customer: customerDrop(customer), order: { id: legacyId(order.id), name: order.name, created_at: order.createdAt } }, store);
      return page(res, 200, store, customer, `Order ${order.name}`, orderPage(store, order, rendered));
    }
    return false;
  };

  function block(objects: Record<string, unknown>, store: ShopStore): { html: string; head: string } {
    if (options.block === false) return { html: "", head: "" };
    const engine = createThemeEngine({ assetBase: ASSET_BASE, currencyCode: store.shop.currencyCode, locale: options.locale });
    const rendered = renderAppBlock(engine, "order-aftercare.liquid", { shop: shopDrop(store), request: { locale: { iso_code: options.locale ?? "en" } }, localization: { country: { iso_code: store.shop.countryCode } }, ...objects }, { blockId: "aftercare_order_block", assetBase: ASSET_BASE });
    const head = [
      rendered.stylesheet ? `<link rel="stylesheet" href="${escapeHtml(rendered.stylesheet)}">` : "",
      rendered.javascript ? `<script src="${escapeHtml(rendered.javascript)}" defer></script>` : "",
    ].join("");
    return { html: rendered.html, head };
  }

  /**
   * The shop whose storefront the request is for. On Shopify each shop's storefront is its own
   * domain; here it is `{shop}.localhost` on the stand-in's port (browsers resolve every
   * `*.localhost` to this machine), e.g. http://demo-crystal.myshopify.com.localhost:3001. Any other
   * host (127.0.0.1, localhost) is `options.shop`'s storefront; a host naming no shop of the
   * stand-in is not a storefront (null).
   */
  function shopOf(req: IncomingMessage, ctx: RouteContext): string | null {
    const host = String(req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
    const named = /^(.+\.myshopify\.com)\.localhost$/.exec(host)?.[1];
    if (!named || named === options.shop) return options.shop;
    try {
      ctx.standin.store(named);
      return named;
    } catch {
      return null;
    }
  }

  function signedIn(req: IncomingMessage, store: ShopStore): CustomerRec | null {
    const cookie = /(?:^|;\s*)standin_customer=([^;]+)/.exec(String(req.headers.cookie ?? ""))?.[1];
    if (cookie === "none") return null;
    if (cookie) return store.customers.find((c) => String(legacyId(c.id)) === cookie) ?? null;
    // The shopper signed in by default is the featured shop's; another shop's storefront starts signed out.
    return options.signedInCustomerId && store.domain === options.shop ? (store.find(options.signedInCustomerId, "Customer") ?? null) : null;
  }

  async function proxy(req: IncomingMessage, res: ServerResponse, ctx: RouteContext, shop: string): Promise<boolean> {
    const store = ctx.standin.store(shop);
    const customer = signedIn(req, store);
    // Shopify drops whatever the shopper put in the parameters it signs, then adds its own.
    const params = new URLSearchParams(ctx.url.search);
    for (const key of ["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature"]) params.delete(key);
    const query = params.toString();
    const target = ctx.standin.appProxyUrl(`${ctx.url.pathname}${query ? `?${query}` : ""}`, {
      shop,
      loggedInCustomerId: customer ? legacyId(customer.id) : null,
      timestamp: Math.floor(now().getTime() / 1000),
    });
    const method = req.method ?? "GET";
    const body = method === "GET" || method === "HEAD" ? undefined : new Uint8Array(await ctx.body());
    let answer: Response;
    try {
      answer = await fetch(target, {
        method,
        body,
        redirect: "manual",
        headers: { accept: String(req.headers.accept ?? "*/*"), ...(req.headers["content-type"] ? { "content-type": String(req.headers["content-type"]) } : {}) },
      });
    } catch {
      // What a shopper sees on Shopify when the app's server is down.
      return page(res, 502, store, customer, "Unavailable", `<h1>This page is not available right now</h1><p>Please try again in a few minutes.</p>`);
    }
    const type = answer.headers.get("content-type") ?? "";
    if (!type.startsWith("application/liquid")) {
      // Passed through as bytes (a PDF is not text), with what tells the browser how to show it.
      const headers: Record<string, string> = { "Content-Type": type || "text/plain" };
      const location = answer.headers.get("location");
      if (location) headers.Location = location;
      const disposition = answer.headers.get("content-disposition");
      if (disposition) headers["Content-Disposition"] = disposition;
      res.writeHead(answer.status, headers);
      res.end(Buffer.from(await answer.arrayBuffer()));
      return true;
    }
    const text = await answer.text();
    const engine = createThemeEngine({ assetBase: ASSET_BASE, currencyCode: store.shop.currencyCode, locale: options.locale });
    const layoutNone = /\{%-?\s*layout\s+none\s*-?%\}/.test(text);
    const source = text.replace(/\{%-?\s*layout\s+[^%]*-?%\}/g, "");
    const html = await engine.parseAndRender(source, {
      shop: shopDrop(store),
      customer: customer ? customerDrop(customer) : null,
      // On new customer accounts the theme's account links lead to customer accounts (here the harness's pages).
      routes:
        store.shop.customerAccountsVersion === "NEW_CUSTOMER_ACCOUNTS"
          ? { root_url: "/", account_url: "/customer-account/orders", account_login_url: "/customer-account/login", account_logout_url: "/account/logout" }
          : { root_url: "/", account_url: "/account", account_login_url: "/account/login", account_logout_url: "/account/logout" },
      request: { path: ctx.url.pathname, host: ctx.url.host, locale: { iso_code: options.locale ?? "en" } },
      localization: { country: { iso_code: store.shop.countryCode } },
    });
    if (layoutNone) {
      res.writeHead(answer.status, { "Content-Type": "text/html; charset=utf-8" });
      res.end(html);
      return true;
    }
    return page(res, answer.status, store, customer, "Aftercare", html);
  }
}

function serveAsset(res: ServerResponse, name: string): boolean {
  const file = join(EXTENSION_DIR, "assets", name);
  if (!/^[\w.-]+$/.test(name) || !existsSync(file)) return false;
  const type = name.endsWith(".css") ? "text/css; charset=utf-8" : name.endsWith(".js") ? "text/javascript; charset=utf-8" : "application/octet-stream";
  res.writeHead(200, { "Content-Type": type, "Cache-Control": "public, max-age=300" });
  res.end(readFileSync(file));
  return true;
}

function redirect(res: ServerResponse, location: string, cookie?: string): boolean {
  // Only same-site paths: the login page's return_url never sends the shopper elsewhere.
  const safe = location.startsWith("/") && !location.startsWith("//") ? location : "/account";
  res.writeHead(302, { Location: safe, ...(cookie ? { "Set-Cookie": cookie } : {}) });
  res.end();
  return true;
}

function shopDrop(store: ShopStore) {
  return { name: store.shop.name, permanent_domain: store.domain, currency: store.shop.currencyCode, email: store.shop.contactEmail };
}

function customerDrop(customer: CustomerRec) {
  return { id: legacyId(customer.id), first_name: customer.firstName, last_name: customer.lastName, name: `${customer.firstName} ${customer.lastName}`, email: customer.email };
}

const THEME_CSS = `
:root{--color-foreground:28,25,23;--color-button:92,54,38;--color-button-text:255,255,255;color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 Georgia,"Times New Roman",serif;color:rgb(var(--color-foreground));background:#fbf8f4}
a{color:rgb(var(--color-button))}
.theme-header{display:flex;justify-content:space-between;align-items:center;padding:1rem 2rem;border-bottom:1px solid #e7ded3;background:#fff}
.theme-header__name{font-size:1.4rem;text-decoration:none;color:inherit;letter-spacing:.04em}
.theme-header nav a{margin-left:1.25rem}
.theme-main{max-width:60rem;margin:0 auto;padding:2rem}
.theme-footer{padding:2rem;text-align:center;font-size:.85rem;color:#6b625a}
.theme-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:1rem;padding:0;list-style:none}
.theme-card{padding:1rem;border:1px solid #e7ded3;background:#fff;border-radius:.4rem}
.theme-table{width:100%;border-collapse:collapse;margin:1rem 0}
.theme-table th,.theme-table td{padding:.5rem;border-bottom:1px solid #e7ded3;text-align:left;vertical-align:top}
.theme-table td.num,.theme-table th.num{text-align:right}
.theme-muted{color:#6b625a;font-size:.9em}
`;

function page(res: ServerResponse, status: number, store: ShopStore, customer: CustomerRec | null, title: string, content: string | { html: string; head: string }): boolean {
  const main = typeof content === "string" ? { html: content, head: "" } : content;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – ${escapeHtml(store.shop.name)}</title>
<style>${THEME_CSS}</style>
${main.head}
</head>
<body>
<header class="theme-header">
<a class="theme-header__name" href="/">${escapeHtml(store.shop.name)}</a>
<nav aria-label="Main"><a href="/">Shop</a>${customer ? `<a href="/account">Account</a><a href="/account/logout">Log out</a>` : `<a href="/account/login">Log in</a>`}</nav>
</header>
<main class="theme-main" id="MainContent">
${main.html}
</main>
<footer class="theme-footer">${escapeHtml(store.shop.name)} · ${escapeHtml(store.shop.countryName)} · Local Shopify stand-in storefront</footer>
</body>
</html>`;
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
  res.end(html);
  return true;
}

function homePage(store: ShopStore): string {
  const products = store.products.slice(0, 12).map((p) => {
    const variant = store.find(p.variantIds[0], "ProductVariant");
    const price = variant ? formatMoney(minorUnits(variant.price, store.shop.currencyCode), store.shop.currencyCode) : "";
    const was = variant?.compareAtPrice ? ` <s class="theme-muted">${formatMoney(minorUnits(variant.compareAtPrice, store.shop.currencyCode), store.shop.currencyCode)}</s>` : "";
    return `<li class="theme-card"><strong>${escapeHtml(p.title)}</strong><br><span class="theme-muted">${escapeHtml(p.productType)}</span><br>${price}${was}</li>`;
  });
  return `<h1>${escapeHtml(store.shop.name)}</h1><p>${escapeHtml(store.shop.description ?? "")}</p><ul class="theme-grid">${products.join("")}</ul>`;
}

function loginPage(store: ShopStore): string {
  const shoppers = store.customers.slice(0, 5).map((c) => `<li><a href="/account/login?customer=${legacyId(c.id)}">${escapeHtml(`${c.firstName} ${c.lastName}`)}</a> <span class="theme-muted">${escapeHtml(c.email)}</span></li>`);
  return `<h1>Log in</h1><p>This local storefront has no passwords: choose a shopper to sign in as.</p><ul>${shoppers.join("")}</ul>`;
}

function accountPage(store: ShopStore, customer: CustomerRec, rendered: { html: string; head: string }) {
  const orders = store.orders.filter((o) => o.customerId === customer.id).reverse();
  const rows = orders.map(
    (o) =>
      `<tr><td><a href="/account/orders/${legacyId(o.id)}">${escapeHtml(o.name)}</a></td><td>${escapeHtml(localDate(o.createdAt, store))}</td><td>${escapeHtml(store.fulfillmentStatus(o).replace(/_/g, " ").toLowerCase())}</td><td class="num">${formatMoney(store.originalTotal(o), o.presentmentCurrencyCode)}</td></tr>`,
  );
  return {
    head: rendered.head,
    html: `<h1>Account</h1><p>Signed in as ${escapeHtml(`${customer.firstName} ${customer.lastName}`)} (${escapeHtml(customer.email)}).</p>
<h2>Order history</h2><table class="theme-table"><thead><tr><th>Order</th><th>Date</th><th>Fulfilment</th><th class="num">Total</th></tr></thead><tbody>${rows.join("")}</tbody></table>${rendered.html}`,
  };
}

/** The checkout a draft order's invoice opens: its lines and total, paid once it is COMPLETED. */
function invoicePage(draft: DraftOrderRec): string {
  const currency = draft.presentmentCurrencyCode;
  const total = draft.lineItems.reduce((sum, li) => sum + minorOf(li.originalUnitPriceSet) * li.quantity, 0);
  const lines = draft.lineItems.map((li) => `<tr><td>${escapeHtml(li.title)}</td><td class="num">${li.quantity}</td><td class="num">${formatMoney(minorOf(li.originalUnitPriceSet) * li.quantity, currency)}</td></tr>`);
  return `<h1 data-standin-invoice="${escapeHtml(draft.name)}">Checkout: ${escapeHtml(draft.name)}</h1>
<table><thead><tr><th scope="col">Item</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Price</th></tr></thead><tbody>${lines.join("")}</tbody>
<tfoot><tr><th scope="row" colspan="2">Total</th><td class="num" data-standin-invoice-total>${formatMoney(total, currency)}</td></tr></tfoot></table>
<p>${draft.status === "COMPLETED" ? "This invoice is paid." : "Payment due."}</p>`;
}

function orderPage(store: ShopStore, order: OrderRec, rendered: { html: string; head: string }) {
  const currency = order.presentmentCurrencyCode;
  const lines = order.lineItems.map((li) => {
    const properties = li.customAttributes.filter((a) => a.value).map((a) => `<br><span class="theme-muted">${escapeHtml(a.key)}: ${escapeHtml(a.value ?? "")}</span>`);
    const discount = store.lineItemDiscount(li);
    return `<tr><td>${escapeHtml(li.name)}${properties.join("")}</td><td class="num">${formatMoney(minorOf(li.originalUnitPriceSet), currency)}</td><td class="num">${li.quantity}</td><td class="num">${discount ? `<span class="theme-muted">−${formatMoney(discount, currency)}</span><br>` : ""}${formatMoney(store.lineTotalAfterDiscounts(li), currency)}</td></tr>`;
  });
  const fulfilment = order.fulfillments[0];
  const delivery = fulfilment?.deliveredAt ? `Delivered ${escapeHtml(localDate(fulfilment.deliveredAt, store))}` : fulfilment ? "On its way" : "Not yet dispatched";
  return {
    head: rendered.head,
    html: `<p><a href="/account">← Account</a></p><h1>Order ${escapeHtml(order.name)}</h1>
<p class="theme-muted">Placed ${escapeHtml(localDate(order.createdAt, store))} · ${delivery}</p>
<table class="theme-table"><thead><tr><th>Product</th><th class="num">Price</th><th class="num">Quantity</th><th class="num">Total</th></tr></thead>
<tbody>${lines.join("")}</tbody>
<tfoot><tr><td colspan="3">Shipping (${escapeHtml(order.shippingLines[0]?.title ?? "")})</td><td class="num">${formatMoney(store.shippingTotal(order), currency)}</td></tr>
<tr><th colspan="3">Total</th><th class="num">${formatMoney(store.originalTotal(order), currency)}</th></tr></tfoot></table>
${rendered.html}`,
  };
}

function localDate(isoDate: string, store: ShopStore): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: store.shop.ianaTimezone }).format(new Date(isoDate));
}
