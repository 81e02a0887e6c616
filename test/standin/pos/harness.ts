import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { messagesFor } from "../customer-account/harness";
import type { StandinRoute } from "../server";
import { sessionToken } from "../tokens";

/**
 * Shopify POS in the stand-in, for Aftercare's POS UI extension (extensions/aftercare-pos): a page
 * per target that loads the bundle Shopify CLI built (one bundle registers every target; the page
 * hosts one), with the customer-account harness's host.js in its POS mode: `shopify.order` or
 * `shopify.customer` for the screen shown, `shopify.action.presentModal()` opening the target's
 * modal (the tile's home modal, the menu item's action), `shopify.toast`, `window.close()`, and
 * fetch() to the app's URL carrying the POS user's session token as POS adds it. The stand-in signs
 * the token as Shopify would (HS256, the app's secret, `iss` the shop's admin, `sub` the user).
 * Meant for a tablet-sized window (1024 × 768). docs/decisions/019-pos.md says what this proves.
 */
export const POS_HANDLE = "aftercare-pos";

/** Each target, and the modal its tile or menu item presents. */
const TARGETS: Record<string, { modal: string | null; needs: "order" | "customer" | null }> = {
  "pos.home.tile.render": { modal: "pos.home.modal.render", needs: null },
  "pos.home.modal.render": { modal: null, needs: null },
  "pos.order-details.action.menu-item.render": { modal: "pos.order-details.action.render", needs: "order" },
  "pos.order-details.action.render": { modal: null, needs: "order" },
  "pos.customer-details.action.menu-item.render": { modal: "pos.customer-details.action.render", needs: "customer" },
  "pos.customer-details.action.render": { modal: null, needs: "customer" },
};

export type PosSession = { shop: string; userId: number; locale: string; locationName: string };

export function posHarness(options: { apiKey: string; apiSecret: string; appUrl: string; bundleDir?: string }) {
  let session: PosSession | null = null;
  return {
    /** A POS user signed in to the shop on the counter's tablet, as the next pages will see them. */
    signIn(next: Partial<PosSession> & { shop: string }) {
      session = { userId: 1, locale: "en", locationName: "Boutique", ...next };
    },
    /** The page hosting a target, e.g. pagePath("pos.order-details.action.menu-item.render", { order: "1001", orderName: "#1001" }). */
    pagePath(target: string, query: { order?: string; orderName?: string; customer?: string; locale?: string } = {}): string {
      const params = new URLSearchParams({ target });
      for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
      return `/pos/${POS_HANDLE}?${params}`;
    },
    route: (async (req, res, { url }) => {
      if (!url.pathname.startsWith("/pos/")) return false;
      const rest = url.pathname.slice("/pos/".length);
      const send = (status: number, type: string, body: string) => {
        res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
        res.end(body);
        return true;
      };
      if (rest === "host.js") return send(200, "text/javascript; charset=utf-8", readFileSync(join(import.meta.dirname, "..", "customer-account", "host.js"), "utf8"));
      if (rest === `bundles/${POS_HANDLE}.js`) {
        const file = options.bundleDir ? join(options.bundleDir, `${POS_HANDLE}.js`) : join(process.cwd(), "extensions", POS_HANDLE, "dist", `${POS_HANDLE}.js`);
        if (!existsSync(file)) return send(404, "text/plain", "no such bundle: run `shopify app build`");
        return send(200, "text/javascript; charset=utf-8", readFileSync(file, "utf8"));
      }
      if (rest === "session-token") {
        if (!session) return send(401, "application/json", JSON.stringify({ error: "nobody is signed in" }));
        return send(200, "application/json", JSON.stringify({ token: sessionToken({ shop: session.shop, apiKey: options.apiKey, apiSecret: options.apiSecret, staffId: session.userId }) }));
      }
      if (rest !== POS_HANDLE) return false;
      const target = url.searchParams.get("target") ?? "";
      const shape = TARGETS[target];
      if (!shape) return send(404, "text/plain", `Aftercare's POS extension has no target ${target.slice(0, 60)}`);
      if (!session) return send(401, "text/plain", "sign in first");
      const order = url.searchParams.get("order");
      const customer = url.searchParams.get("customer");
      if (shape.needs === "order" && !order) return send(400, "text/plain", "this target shows an order: ?order=");
      if (shape.needs === "customer" && !customer) return send(400, "text/plain", "this target shows a customer: ?customer=");
      const locale = url.searchParams.get("locale") ?? session.locale;
      const modalUrl = new URL(url.toString());
      if (shape.modal) modalUrl.searchParams.set("target", shape.modal);
      const config = {
        surface: "pos",
        base: "/pos",
        appUrl: options.appUrl,
        handle: POS_HANDLE,
        target,
        locale,
        country: "GB",
        currency: "GBP",
        orderId: null,
        selected: [],
        entryUrl: url.toString(),
        messages: messagesFor(POS_HANDLE, locale),
        pos: {
          modal: shape.modal,
          modalUrl: `${modalUrl.pathname}${modalUrl.search}`,
          // POS gives numbers; the stand-in's ids pass 2^53, so they are handed over as their digits
          // (the extension only ever writes them into a URL, where both read the same).
          order: order ? { id: order, name: url.searchParams.get("orderName") ?? `#${order}`, customerId: customer ?? undefined } : null,
          customer: customer ? { id: customer } : null,
          session: { shopDomain: session.shop, userId: session.userId, locationName: session.locationName, currency: "GBP" },
        },
      };
      const dir = locale.startsWith("ar") ? "rtl" : "ltr";
      const modal = target.endsWith(".action.render") || target === "pos.home.modal.render";
      return send(
        200,
        "text/html; charset=utf-8",
        `<!doctype html><html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shopify POS · ${target}</title>` +
          `<style>body{margin:0;padding:24px;background:${modal ? "#fff" : "#e3e3e3"};font-family:system-ui,sans-serif}</style>` +
          `<script type="application/json" id="harness-config">${JSON.stringify(config).replace(/</g, "\\u003c")}</script>` +
          `<script src="/pos/host.js"></script></head><body></body></html>`,
      );
    }) satisfies StandinRoute,
  };
}
