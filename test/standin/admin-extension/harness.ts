import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { messagesFor } from "../customer-account/harness";
import type { StandinRoute } from "../server";
import { sessionToken } from "../tokens";

/**
 * Shopify admin's order details page in the stand-in, for Aftercare's admin UI extensions: a page
 * per extension that loads the bundle Shopify CLI built, with the customer-account harness's
 * host.js in its admin mode (`shopify.data.selected` is the order, `shopify.close()`, fetch() to
 * the app's URL carrying the staff member's session token as Shopify admin adds it, `s-admin-block`
 * and `s-admin-action` as plain accessible elements). The stand-in signs the token as Shopify
 * would (HS256, the app's secret, `dest` the shop, `sub` the staff member, one minute).
 * docs/decisions/008-customer-account-harness.md says what this proves and what it cannot.
 */
const TARGETS: Record<string, string> = {
  "aftercare-admin-order-block": "admin.order-details.block.render",
  "aftercare-admin-order-action": "admin.order-details.action.render",
};

export type StaffSession = { shop: string; staffId: number; locale: string };

export function adminExtensionHarness(options: { apiKey: string; apiSecret: string; appUrl: string; bundleDir?: string }) {
  let session: StaffSession | null = null;
  return {
    /** A staff member signed in to the shop's admin, as the next pages will see them. */
    signIn(next: Partial<StaffSession> & { shop: string }) {
      session = { staffId: 1, locale: "en", ...next };
    },
    pagePath(handle: string, query: { order: string; locale?: string }): string {
      const params = new URLSearchParams({ order: query.order });
      if (query.locale) params.set("locale", query.locale);
      return `/admin-extension/${handle}?${params}`;
    },
    route: (async (req, res, { url }) => {
      if (!url.pathname.startsWith("/admin-extension/")) return false;
      const rest = url.pathname.slice("/admin-extension/".length);
      const send = (status: number, type: string, body: string) => {
        res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
        res.end(body);
        return true;
      };
      if (rest === "host.js") return send(200, "text/javascript; charset=utf-8", readFileSync(join(import.meta.dirname, "..", "customer-account", "host.js"), "utf8"));
      if (rest.startsWith("bundles/")) {
        const handle = rest.slice("bundles/".length).replace(/\.js$/, "");
        const file = options.bundleDir ? join(options.bundleDir, `${handle}.js`) : join(process.cwd(), "extensions", handle, "dist", `${handle}.js`);
        if (!(handle in TARGETS) || !existsSync(file)) return send(404, "text/plain", "no such bundle: run `shopify app build`");
        return send(200, "text/javascript; charset=utf-8", readFileSync(file, "utf8"));
      }
      if (rest === "session-token") {
        if (!session) return send(401, "application/json", JSON.stringify({ error: "nobody is signed in" }));
        return send(200, "application/json", JSON.stringify({ token: sessionToken({ shop: session.shop, apiKey: options.apiKey, apiSecret: options.apiSecret, staffId: session.staffId }) }));
      }
      const target = TARGETS[rest];
      if (!target) return false;
      if (!session) return send(401, "text/plain", "sign in first");
      const locale = url.searchParams.get("locale") ?? session.locale;
      const order = url.searchParams.get("order") ?? "";
      const config = {
        surface: "admin",
        base: "/admin-extension",
        appUrl: options.appUrl,
        handle: rest,
        target,
        locale,
        country: "GB",
        currency: "GBP",
        orderId: null,
        selected: [`gid://shopify/Order/${order}`],
        entryUrl: url.toString(),
        messages: messagesFor(rest, locale),
      };
      const dir = locale.startsWith("ar") ? "rtl" : "ltr";
      return send(
        200,
        "text/html; charset=utf-8",
        `<!doctype html><html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><title>Shopify admin · order ${order} · ${rest}</title>` +
          `<style>body{margin:0;padding:24px;background:#f1f1f1;max-width:620px}</style>` +
          `<script type="application/json" id="harness-config">${JSON.stringify(config).replace(/</g, "\\u003c")}</script>` +
          `<script src="/admin-extension/host.js"></script></head><body></body></html>`,
      );
    }) satisfies StandinRoute,
  };
}
