import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

import type { IncomingMessage, ServerResponse } from "node:http";

import { legacyId } from "../ids";
import { escapeHtml } from "../storefront-liquid";
import { signJwt } from "../tokens";
import type { RouteContext, StandinRoute } from "../server";

/**
 * Customer accounts in the stand-in: a page per UI extension that loads the bundle Shopify CLI
 * built (extensions/<handle>/dist/<handle>.js) with host.js beside this file, which provides the
 * extension API and renders Polaris web components as plain accessible HTML. The stand-in plays
 * Shopify's part: it knows which customer is signed in to which shop and signs their session
 * tokens with the app's secret. docs/decisions/008-customer-account-harness.md says what this
 * proves and what it cannot.
 */
export type CustomerSession = { shop: string; customerId: string; locale: string; country: string; currency: string };

/** The claims Shopify puts in a customer-account extension's session token (HS256, app secret, 5 minutes). */
export type CustomerTokenClaims = { dest: string; aud: string; sub?: string; exp: number; nbf: number; iat: number; jti: string };

const TARGETS: Record<string, string> = {
  "aftercare-order-action": "customer-account.order.action.menu-item.render",
  "aftercare-order-page": "customer-account.order.page.render",
  "aftercare-my-aftercare": "customer-account.page.render",
};

export function customerAccountToken(input: { apiKey: string; apiSecret: string; shop: string; customerId?: string | null; nowSeconds?: number; ttlSeconds?: number }): string {
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  const claims: CustomerTokenClaims = {
    dest: input.shop,
    aud: input.apiKey,
    ...(input.customerId ? { sub: `gid://shopify/Customer/${input.customerId}` } : {}),
    exp: now + (input.ttlSeconds ?? 300),
    nbf: now,
    iat: now,
    jti: randomUUID(),
  };
  return signJwt(claims, input.apiSecret);
}

/** Shopify picks the extension's locale file: the exact locale, then its language, then the default. */
export function messagesFor(handle: string, locale: string): Record<string, unknown> {
  const dir = join(process.cwd(), "extensions", handle, "locales");
  for (const name of [locale, locale.split("-")[0]]) {
    const file = join(dir, `${name}.json`);
    if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  }
  return JSON.parse(readFileSync(join(dir, "en.default.json"), "utf8")) as Record<string, unknown>;
}

export function customerAccountHarness(options: {
  apiKey: string;
  apiSecret: string;
  /** Where the built bundles are (default: each extension's dist/). */
  bundleDir?: string;
  /** Calls to the app's public URL go to this origin instead (the demo's local build); tests route them in the browser. */
  appRoute?: { from: string; to: string };
  /**
   * The shop whose shoppers may sign in on the harness's sign-in page. Without it nobody can sign
   * in through the page (tests sign in with `signIn`) and a page opened signed out answers 401.
   */
  signInShop?: string;
}) {
  let session: CustomerSession | null = null;
  const harness = {
    /** The customer signed in to the shop's customer accounts, as the next pages will see them. */
    signIn(next: Partial<CustomerSession> & { shop: string; customerId: string }) {
      session = { locale: "en", country: "GB", currency: "GBP", ...next };
    },
    signOut() {
      session = null;
    },
    /** Path of the page hosting an extension, e.g. pagePath("aftercare-order-page", { order: "1001" }). */
    pagePath(handle: keyof typeof TARGETS | string, query: { order?: string; locale?: string } = {}): string {
      const params = new URLSearchParams();
      if (query.order) params.set("order", query.order);
      if (query.locale) params.set("locale", query.locale);
      return `/customer-account/${handle}${params.size ? `?${params}` : ""}`;
    },
    route: (async (req, res, ctx) => {
      const { url } = ctx;
      if (!url.pathname.startsWith("/customer-account/")) return false;
      const rest = url.pathname.slice("/customer-account/".length);
      const send = (status: number, type: string, body: string) => {
        res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
        res.end(body);
        return true;
      };
      if (rest === "host.js") return send(200, "text/javascript; charset=utf-8", readFileSync(join(import.meta.dirname, "host.js"), "utf8"));
      if (rest.startsWith("bundles/")) {
        const handle = rest.slice("bundles/".length).replace(/\.js$/, "");
        const file = options.bundleDir ? join(options.bundleDir, `${handle}.js`) : join(process.cwd(), "extensions", handle, "dist", `${handle}.js`);
        if (!(handle in TARGETS) || !existsSync(file)) return send(404, "text/plain", "no such bundle: run `shopify app build`");
        return send(200, "text/javascript; charset=utf-8", readFileSync(file, "utf8"));
      }
      if (rest === "session-token") {
        if (!session) return send(401, "application/json", JSON.stringify({ error: "nobody is signed in" }));
        const token = customerAccountToken({ ...options, shop: session.shop, customerId: session.customerId });
        return send(200, "application/json", JSON.stringify({ token }));
      }
      if (rest === "login") return signInPage(req, res, url, ctx);
      // The order index and an order's status page (the root url's /orders and /orders/:id,
      // Shop.customerAccountsV2.url): here Aftercare's own full pages stand in for Shopify's pages
      // and Aftercare's action on them (the order's page, or "My aftercare" for the list).
      const orderPage = /^orders(?:\/(\d{1,20}))?$/.exec(rest);
      if (orderPage) {
        if (!session) return toSignIn(res, url, options.signInShop);
        const locale = url.searchParams.get("locale") ?? undefined;
        const to = orderPage[1] ? harness.pagePath("aftercare-order-page", { order: orderPage[1], locale }) : harness.pagePath("aftercare-my-aftercare", { locale });
        res.writeHead(302, { location: to });
        res.end();
        return true;
      }
      const target = TARGETS[rest];
      if (!target) return false;
      if (!session) return options.signInShop ? toSignIn(res, url, options.signInShop) : send(401, "text/plain", "sign in first");
      const locale = url.searchParams.get("locale") ?? session.locale;
      const config = {
        handle: rest,
        target,
        locale,
        country: session.country,
        currency: session.currency,
        orderId: url.searchParams.get("order"),
        customerGid: `gid://shopify/Customer/${session.customerId}`,
        entryUrl: url.toString(),
        messages: messagesFor(rest, locale),
        appRoute: options.appRoute ?? null,
      };
      const dir = locale.startsWith("ar") || locale.startsWith("he") ? "rtl" : "ltr";
      return send(
        200,
        "text/html; charset=utf-8",
        `<!doctype html><html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><title>Customer account · ${rest}</title>` +
          `<style>body{margin:0;padding:24px;background:#f4f4f4;max-width:860px}</style>` +
          `<script type="application/json" id="harness-config">${JSON.stringify(config).replace(/</g, "\\u003c")}</script>` +
          `<script src="/customer-account/host.js"></script></head><body></body></html>`,
      );
    }) satisfies StandinRoute,
  };

  /**
   * Customer accounts' sign-in, as Shopify runs it for any of its pages opened signed out: the
   * shopper signs in and comes back to the page they asked for (`return_to`, a path of these pages
   * only). The stand-in has no codes or passwords: the shopper chooses who to sign in as.
   */
  function signInPage(req: IncomingMessage, res: ServerResponse, url: URL, ctx: RouteContext): boolean {
    const back = safeReturn(url.searchParams.get("return_to"));
    if (!options.signInShop) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("no shop signs in here");
      return true;
    }
    const store = ctx.standin.store(options.signInShop);
    const chosen = url.searchParams.get("customer");
    const customer = chosen ? store.customers.find((c) => String(legacyId(c.id)) === chosen) : undefined;
    if (customer && req.method === "GET") {
      harness.signIn({ shop: options.signInShop, customerId: chosen!, locale: customer.locale?.split("-")[0] ?? "en", country: store.shop.countryCode, currency: store.shop.currencyCode });
      res.writeHead(302, { location: back });
      res.end();
      return true;
    }
    // Newest first (a test's shopper is usually the last one added).
    const items = [...store.customers]
      .reverse()
      .map((c) => `<li><a href="/customer-account/login?${new URLSearchParams({ customer: String(legacyId(c.id)), return_to: back })}">${escapeHtml(`${c.firstName} ${c.lastName}`)}</a> <span>${escapeHtml(c.email)}</span></li>`);
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in · ${escapeHtml(store.shop.name)}</title>` +
        `<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:24px;background:#f4f4f4}main{max-width:28rem;margin:0 auto;background:#fff;padding:24px;border-radius:12px}a{color:#1f5199}</style></head>` +
        `<body><main><h1>Sign in</h1><p>${escapeHtml(store.shop.name)} · customer accounts. This local stand-in sends no code: choose who to sign in as.</p><ul>${items.join("")}</ul></main></body></html>`,
    );
    return true;
  }

  return harness;
}

/** Only this harness's pages are a place to come back to. */
function safeReturn(value: string | null): string {
  return value && /^\/customer-account\/[A-Za-z0-9/_?=&%.-]*$/.test(value) && !value.includes("..") ? value : "/customer-account/orders";
}

function toSignIn(res: ServerResponse, url: URL, shop: string | undefined): boolean {
  if (!shop) {
    res.writeHead(401, { "content-type": "text/plain" });
    res.end("sign in first");
    return true;
  }
  res.writeHead(302, { location: `/customer-account/login?${new URLSearchParams({ return_to: `${url.pathname}${url.search}` })}` });
  res.end();
  return true;
}
