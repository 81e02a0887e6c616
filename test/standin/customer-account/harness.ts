import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { signJwt } from "../tokens";
import type { StandinRoute } from "../server";

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
    route: (async (req, res, { url }) => {
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
      const target = TARGETS[rest];
      if (!target) return false;
      if (!session) return send(401, "text/plain", "sign in first");
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
  return harness;
}
