import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { postStream, residentBytes, startHostileApp, webhookHeaders, type HostileApp } from "../support/hostile";

/**
 * Issue 22, items 7 and 8, measured from outside against the production server (`npm start`:
 * server.mjs and the build): a 50 MB body sent chunked, without Content-Length, to every POST
 * entry — signed where the entry needs it, so the app's own parsing is what refuses it — is
 * refused early: the server answers 4xx and closes the connection before the body ends, and
 * its memory stays bounded. (Before: 27 of 32 entries read it to the end, the web process grew by
 * up to 150 MB.) `npm run build` first.
 */
const MB = 1024 * 1024;
const TOTAL = 50 * MB;
let app: HostileApp;

beforeAll(async () => {
  app = await startHostileApp();
}, 120_000);
afterAll(async () => app?.close());

type Entry = { name: string; path: () => string; headers: () => Record<string, string>; chunk?: () => Buffer };

const boundary = "----aftercarefuzz";
const multipartOpening = () => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="huge.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);

const entries: Entry[] = [
  ...["/webhooks/orders/updated", "/WEBHOOKS/orders/updated", "/webhooks/orders/updated/", "/Webhooks/Shop/Redact/", "/webhooks/app/uninstalled"].map((path) => ({
    name: `webhook ${path}`,
    path: () => `${app.app.url}${path}`,
    headers: () => webhookHeaders(path.split("/").slice(2, 4).join("/").toLowerCase(), "{}", { shop: app.shop }),
  })),
  { name: "proxy lookup (form)", path: () => app.proxyUrl("/lookup"), headers: () => ({ "Content-Type": "application/x-www-form-urlencoded" }) },
  { name: "proxy lookup (no type)", path: () => app.proxyUrl("/lookup"), headers: () => ({}) },
  { name: "proxy order submit (form)", path: () => app.proxyUrl(`/orders/${app.orderId}`, { customerId: app.customerId }), headers: () => ({ "Content-Type": "application/x-www-form-urlencoded" }) },
  {
    name: "proxy order preview (one 50 MB photo)",
    path: () => app.proxyUrl(`/orders/${app.orderId}`, { customerId: app.customerId }),
    headers: () => ({ "Content-Type": `multipart/form-data; boundary=${boundary}` }),
  },
  { name: "proxy order preview (not multipart inside)", path: () => app.proxyUrl(`/orders/${app.orderId}`, { customerId: app.customerId }), headers: () => ({ "Content-Type": `multipart/form-data; boundary=${boundary}` }), chunk: () => Buffer.alloc(64 * 1024, "x") },
  { name: "proxy status (form)", path: () => app.proxyUrl("/status?token=x"), headers: () => ({ "Content-Type": "application/x-www-form-urlencoded" }) },
  { name: "proxy portal", path: () => app.proxyUrl("", { customerId: app.customerId }), headers: () => ({ "Content-Type": "application/x-www-form-urlencoded" }) },
  { name: "proxy unsigned", path: () => `${app.app.url}/apps/proxy/lookup`, headers: () => ({ "Content-Type": "application/x-www-form-urlencoded" }) },
  ...["/api/customer/photos", `/api/customer/orders/ORDER/preview`, `/api/customer/orders/ORDER/requests`, "/api/customer/aftercare", "/api/customer/orders/ORDER"].map((path) => ({
    name: `customer account ${path}`,
    path: () => `${app.app.url}${path.replace("ORDER", app.orderId)}`,
    headers: () => ({ "Content-Type": "application/json", Authorization: `Bearer ${app.customerToken()}` }),
  })),
  { name: "customer account without a token", path: () => `${app.app.url}/api/customer/photos`, headers: () => ({ "Content-Type": "application/json" }) },
  { name: "admin extension log a request", path: () => `${app.app.url}/api/admin/orders/${app.orderId}/requests`, headers: () => ({ "Content-Type": "application/json", Authorization: `Bearer ${app.staffToken()}` }) },
  { name: "login (form)", path: () => `${app.app.url}/auth/login`, headers: () => ({ "Content-Type": "application/x-www-form-urlencoded" }) },
  { name: "login (no type)", path: () => `${app.app.url}/auth/login`, headers: () => ({}) },
  { name: "any other path", path: () => `${app.app.url}/no/such/page`, headers: () => ({ "Content-Type": "application/octet-stream" }) },
];

describe("50 MB chunked bodies against the production server", () => {
  it.each(entries.map((e) => [e.name, e] as const))("GIVEN %s WHEN 50 MB arrive without Content-Length THEN it is refused and the connection closed long before the end, memory bounded", async (_name, entry) => {
    const before = residentBytes(app.app.pid);
    const first = entry.name.includes("50 MB photo") ? multipartOpening() : null;
    const chunk = entry.chunk?.() ?? Buffer.alloc(64 * 1024, "a");
    // The first chunk opens a multipart photo part where the entry takes one.
    const body = first ? Buffer.concat([first, chunk.subarray(first.length)]) : chunk;
    const outcome = await postStream(entry.path(), entry.headers(), TOTAL, body);
    const grown = residentBytes(app.app.pid) - before;
    if (process.env.HOSTILE_DEBUG) process.stdout.write(`${entry.name}: ${JSON.stringify({ ...outcome, body: outcome.body.slice(0, 120), grown })}\n`);

    expect(outcome.finished, `${entry.name}: the whole 50 MB went in (status ${outcome.status})`).toBe(false);
    // At most the entry's own cap (one 10 MB photo, a 5 MB webhook…) plus what the sockets buffer.
    expect(outcome.sent).toBeLessThan(24 * MB);
    if (outcome.status !== null) {
      expect(outcome.status).toBeGreaterThanOrEqual(400);
      expect(outcome.status).toBeLessThan(500);
    } else {
      expect(outcome.cut).toBe(true);
    }
    expect(grown).toBeLessThan(64 * MB);
  });

  it("GIVEN all of the above WHEN the server is asked again THEN it still answers, and it read none of those bodies to the end", async () => {
    const response = await fetch(`${app.app.url}/healthz`);
    expect(response.status).toBe(200);
  });
});
