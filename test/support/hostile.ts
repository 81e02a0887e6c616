import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";

import { appProxyFromToml, signedAppProxyUrl } from "../standin/app-proxy";
import { customerAccountToken } from "../standin/customer-account/harness";
import { legacyId } from "../standin/ids";
import { sessionToken } from "../standin/tokens";
import { startDemoApp, type RunningDemoApp } from "./demo-app";

/**
 * What the hostile-input tests share: the demo jeweller in the stand-in and the production build
 * of the app (server.mjs, as `npm start` runs it) on a fresh SQLite database, and requests signed
 * exactly as Shopify signs them — app proxy URLs, customer-account and admin session tokens,
 * webhooks — so every refusal they see is the app's own, not a signature's.
 */
export const API_KEY = "aftercare-hostile-key";
export const API_SECRET = "aftercare-hostile-secret";

export type HostileApp = RunningDemoApp & {
  shop: string;
  /** The featured shopper and her recent order (legacy ids). */
  customerId: string;
  orderId: string;
  /** Another shopper of the shop and one of her orders. */
  otherCustomerId: string;
  otherOrderId: string;
  proxyUrl(path: string, options?: { customerId?: string | null; locale?: string; shop?: string; timestamp?: number }): string;
  customerToken(customerId?: string | null, shop?: string): string;
  staffToken(shop?: string): string;
};

export async function startHostileApp(env: Record<string, string> = {}): Promise<HostileApp> {
  const running = await startDemoApp({ apiKey: API_KEY, apiSecret: API_SECRET, demo: { deskRequests: false }, env: () => ({ LOG_LEVEL: "warn", ...env }) });
  const shop = running.demo.summary.domain;
  const store = running.demo.standin.engine.shops.get(shop);
  if (!store) throw new Error("the demo shop is missing");
  const featured = running.demo.summary.featuredCustomerId;
  const other = store.orders.find((o) => o.customerId && o.customerId !== featured);
  if (!other?.customerId) throw new Error("the demo shop has no second shopper with an order");
  const proxy = appProxyFromToml(readFileSync("shopify.app.toml", "utf8"));
  return {
    ...running,
    shop,
    customerId: legacyId(featured),
    orderId: legacyId(running.demo.summary.featuredOrderIds.recent),
    otherCustomerId: legacyId(other.customerId),
    otherOrderId: legacyId(other.id),
    proxyUrl(path, options = {}) {
      const query = options.locale ? `${path.includes("?") ? "&" : "?"}locale=${encodeURIComponent(options.locale)}` : "";
      return signedAppProxyUrl({
        storefrontPath: `/apps/aftercare${path}${query}`,
        shop: options.shop ?? shop,
        secret: API_SECRET,
        proxy,
        appOrigin: running.app.url,
        loggedInCustomerId: options.customerId === undefined ? null : options.customerId,
        timestamp: options.timestamp,
      });
    },
    customerToken: (customerId = legacyId(featured), forShop = shop) => customerAccountToken({ apiKey: API_KEY, apiSecret: API_SECRET, shop: forShop, customerId }),
    staffToken: (forShop = shop) => sessionToken({ shop: forShop, apiKey: API_KEY, apiSecret: API_SECRET }),
  };
}

/** Webhook headers as Shopify sends them, signed over `body` (or with a forged signature). */
export function webhookHeaders(topic: string, body: Buffer | string, options: { shop: string; forged?: boolean }): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "X-Shopify-Topic": topic,
    "X-Shopify-Shop-Domain": options.shop,
    "X-Shopify-Api-Version": "2026-10",
    "X-Shopify-Webhook-Id": randomUUID(),
    "X-Shopify-Event-Id": randomUUID(),
    "X-Shopify-Triggered-At": new Date().toISOString(),
    "X-Shopify-Hmac-Sha256": createHmac("sha256", options.forged ? "not-the-secret" : API_SECRET).update(body).digest("base64"),
  };
}

/** The resident memory of a process, in bytes (Linux). */
export function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) * 1024 : 0;
}

export type StreamOutcome = {
  status: number | null;
  body: string;
  /** Bytes the client handed to its socket before the server answered or closed it. */
  sent: number;
  /** The whole body went out. */
  finished: boolean;
  /** The connection was cut (reset, broken pipe) while the body was still going out. */
  cut: boolean;
  /** The answer asked for the connection to close. */
  closing: boolean;
};

/**
 * POSTs `total` bytes of `chunk` repeated, chunked (no Content-Length), to `url`, honouring
 * backpressure; stops at the server's answer, a closed connection or `total` bytes, and after
 * `timeoutMs` at the latest.
 */
export function postStream(url: string, headers: Record<string, string>, total: number, chunk: Buffer, timeoutMs = 30_000): Promise<StreamOutcome> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const outcome: StreamOutcome = { status: null, body: "", sent: 0, finished: false, cut: false, closing: false };
    let settled = false;
    let answered = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(finish, timeoutMs);
    const request = httpRequest(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: "POST", headers: { ...headers, "Transfer-Encoding": "chunked" }, agent: false },
      (response) => {
        outcome.status = response.statusCode ?? null;
        outcome.closing = response.headers.connection === "close";
        response.setEncoding("utf8");
        response.on("data", (text: string) => (outcome.body += text));
        response.on("end", () => {
          answered = true;
          finish();
        });
        response.on("error", () => finish());
      },
    );
    request.on("error", () => {
      if (!outcome.finished) outcome.cut = true;
      // An answer may still be on its way when the write side breaks; give it a moment.
      setTimeout(() => (answered ? undefined : finish()), 500);
    });
    const pump = () => {
      while (!settled && outcome.status === null && outcome.sent < total) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - outcome.sent));
        outcome.sent += piece.length;
        if (!request.write(piece)) return void request.once("drain", pump);
      }
      if (!settled && outcome.sent >= total && !outcome.finished) {
        outcome.finished = true;
        request.end();
      }
    };
    pump();
  });
}
