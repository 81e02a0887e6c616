import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { parseWebhookBody } from "../../app/jobs/webhooks.server";
import { runDueJobs, type JobDeps } from "../../app/jobs/worker.server";
import { createExportRepository } from "../../app/repositories/exports.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRepairRepository } from "../../app/repositories/repairs.server";
import { createRequestRepository, type RequestInput } from "../../app/repositories/requests.server";
import { createShopRepository, type ShopRepository } from "../../app/repositories/shops.server";
import { freshDatabase, testProviders, type Provider, type TestDatabase } from "../support/databases";
import { deliver, SECRET, signedWebhook } from "./webhook-support";

// Every subscribed topic, sent the body Shopify's own examples have (test/fixtures/webhooks):
// 18-digit ids, `{}` for returns/process. Each must be answered 200 and have its effect.
const state = vi.hoisted(() => ({ current: undefined as unknown as { db: object; deps: Record<string, object> } }));
vi.mock("../../app/repositories/index.server", () => {
  const live = (key: string) => new Proxy({}, { get: (_t, prop) => (state.current.deps[key] as Record<string | symbol, unknown>)[prop] });
  return { shops: live("shops"), requests: live("requests"), operations: live("operations"), jobs: live("jobs"), dataExports: live("dataExports"), repairs: live("repairs") };
});
vi.mock("../../app/db.server", () => ({ default: new Proxy({}, { get: (_t, prop) => (state.current.db as Record<string | symbol, unknown>)[prop] }) }));

const ORDER = "gid://shopify/Order/820982911946154508";
const RETURN = "gid://shopify/Return/593058133474738961";
const CUSTOMER = "gid://shopify/Customer/191167321987654321";

function fixture(topic: string, shop: string): string {
  return readFileSync(`test/fixtures/webhooks/${topic.replace("/", "_")}.json`, "utf8").replaceAll("{shop}", shop);
}

function send(topic: string, shop: string, options: { eventId?: string; body?: string } = {}): Promise<Response> {
  return deliver(topic.replace("/", "."), signedWebhook(topic, options.body ?? fixture(topic, shop), { shop, eventId: options.eventId }));
}

function aRequest(extra: Partial<RequestInput> = {}): RequestInput {
  return { orderId: ORDER, orderName: "#1001", customerId: CUSTOMER, customerEmail: "john@example.com", customerName: "John Smith", kind: "return", currency: "GBP", lines: [{ lineItemId: "gid://shopify/LineItem/866550311766439020", quantity: 1, reason: "changed_mind" }], ...extra };
}

describe("parseWebhookBody", () => {
  it("GIVEN an 18-digit id WHEN parsed THEN its digits are kept exactly; small numbers stay numbers", () => {
    expect(parseWebhookBody('{"id":820982911946154508,"n":12,"price":"1.50","x":1.5}')).toEqual({ id: "820982911946154508", n: 12, price: "1.50", x: 1.5 });
  });
});

describe.each(testProviders())("Shopify's payloads on %s", (provider: Provider) => {
  let database: TestDatabase;
  let deps: JobDeps;
  let shops: ShopRepository;
  let shop: string;

  beforeAll(async () => {
    database = await freshDatabase(provider);
    shops = createShopRepository(database.db);
    deps = {
      requests: createRequestRepository(database.db),
      operations: createOperationRepository(database.db),
      jobs: createJobRepository(database.db, provider),
      dataExports: createExportRepository(database.db),
      repairs: createRepairRepository(database.db),
      adminFor: async () => null,
    };
    state.current = { db: database.db, deps: { ...deps, shops } };
    (await import("../../app/jobs/runtime.server")).jobRuntime.autoRun = false;
  });
  afterAll(async () => database?.dispose());

  async function installedShop(): Promise<string> {
    shop = `s${randomUUID().slice(0, 8)}.myshopify.com`;
    await shops.recordInstall(shop);
    return shop;
  }

  async function drain(): Promise<void> {
    expect((await runDueJobs(deps, { workerId: "w" })).failed).toBe(0);
  }

  it("GIVEN order, fulfilment and refund examples with 18-digit ids THEN each is 200 and the request follows the exact order id", async () => {
    await installedShop();
    const request = await deps.requests.create(shop, aRequest());
    for (const topic of ["orders/updated", "fulfillments/update", "refunds/create"]) {
      const response = await send(topic, shop);
      expect([topic, response.status, response.headers.get("X-Aftercare-Webhook")]).toEqual([topic, 200, "accepted"]);
    }
    await drain();
    expect(await deps.requests.find(shop, request.id)).toMatchObject({ orderName: "#9999", deliveredAt: new Date("2026-11-04T14:30:00-05:00") });

    expect((await send("orders/cancelled", shop)).status).toBe(200);
    await drain();
    expect((await deps.requests.find(shop, request.id))?.status).toBe("cancelled");
  });

  it("GIVEN every returns/* example THEN each is 200; the empty returns/process is acknowledged with nothing stored", async () => {
    await installedShop();
    const request = await deps.requests.create(shop, aRequest());
    await deps.requests.linkReturn(shop, request.id, RETURN);
    for (const topic of ["returns/request", "returns/approve"]) expect((await send(topic, shop)).status).toBe(200);
    await drain();
    expect((await deps.requests.find(shop, request.id))?.status).toBe("approved");

    const before = await database.db.webhookEvent.count({ where: { shop } });
    const empty = await send("returns/process", shop);
    expect([empty.status, empty.headers.get("X-Aftercare-Webhook")]).toEqual([200, "ignored"]);
    expect(await database.db.webhookEvent.count({ where: { shop } })).toBe(before);

    for (const topic of ["returns/decline", "returns/close", "returns/cancel"]) expect((await send(topic, shop)).status).toBe(200);
    await drain();
    expect((await deps.requests.find(shop, request.id))?.status).toBe("closed");
  });

  it("GIVEN the privacy examples THEN the export is recorded for the exact ids and the customer is redacted", async () => {
    await installedShop();
    const request = await deps.requests.create(shop, aRequest());
    expect((await send("customers/data_request", shop)).status).toBe(200);
    await drain();
    const [exported] = await deps.dataExports.list(shop);
    expect(exported).toMatchObject({ customerId: CUSTOMER });
    expect(JSON.stringify(exported)).toContain("999912345678901234");

    expect((await send("customers/redact", shop)).status).toBe(200);
    await drain();
    expect(await deps.requests.find(shop, request.id)).toMatchObject({ customerId: null, customerEmail: null, redactedAt: expect.any(Date) });
  });

  it("GIVEN app/uninstalled delivered twice with one event id THEN the uninstall runs once; a reinstall between them is not undone", async () => {
    await installedShop();
    await database.db.session.create({ data: { id: `offline_${shop}`, shop, state: "", accessToken: "shpat_x" } });
    const eventId = randomUUID();
    const first = await send("app/uninstalled", shop, { eventId });
    expect([first.status, first.headers.get("X-Aftercare-Webhook")]).toEqual([200, "accepted"]);
    expect(await database.db.session.count({ where: { shop } })).toBe(0);
    expect((await shops.find(shop))?.uninstalledAt).toBeInstanceOf(Date);

    await shops.recordInstall(shop);
    const again = await send("app/uninstalled", shop, { eventId });
    expect([again.status, again.headers.get("X-Aftercare-Webhook")]).toEqual([200, "duplicate"]);
    expect((await shops.find(shop))?.uninstalledAt).toBeNull();
  });

  it("GIVEN shop/redact THEN a payload naming another shop is refused, the genuine one erases once and its redelivery is a duplicate", async () => {
    await installedShop();
    await deps.requests.create(shop, aRequest());
    const other = await send("shop/redact", shop, { body: fixture("shop/redact", "someone-else.myshopify.com") });
    expect(other.status).toBe(400);
    expect(await shops.find(shop)).not.toBeNull();

    const eventId = randomUUID();
    expect((await send("shop/redact", shop, { eventId })).headers.get("X-Aftercare-Webhook")).toBe("accepted");
    expect(await shops.find(shop)).toBeNull();
    expect(await database.db.aftercareRequest.count({ where: { shop } })).toBe(0);
    expect((await send("shop/redact", shop, { eventId })).headers.get("X-Aftercare-Webhook")).toBe("duplicate");
  });

  it("GIVEN a shop that never installed the app THEN every topic is acknowledged and nothing is stored", async () => {
    const stranger = `never-${randomUUID().slice(0, 8)}.myshopify.com`;
    for (const topic of ["orders/updated", "returns/request", "customers/redact", "app/uninstalled", "shop/redact"]) {
      const response = await send(topic, stranger);
      expect([topic, response.status, response.headers.get("X-Aftercare-Webhook")]).toEqual([topic, 200, "unknown-shop"]);
    }
    expect(await database.db.webhookEvent.count({ where: { shop: stranger } })).toBe(0);
    expect(await database.db.job.count({ where: { shop: stranger } })).toBe(0);
  });

  it("GIVEN a correctly signed body that is not JSON, or not an object THEN 400 and nothing stored; a forged one THEN 401", async () => {
    await installedShop();
    const sign = (raw: string, secret = SECRET) => {
      const request = signedWebhook("orders/updated", raw, { shop });
      request.headers.set("X-Shopify-Hmac-Sha256", createHmac("sha256", secret).update(raw).digest("base64"));
      return request;
    };
    expect((await deliver("orders.updated", sign('{"id": 1, "name": '))).status).toBe(400);
    expect((await deliver("orders.updated", sign("[1, 2]"))).status).toBe(400);
    expect((await deliver("orders.updated", sign('{"id": 1, "name": ', "forged-secret"))).status).toBe(401);
    expect(await database.db.webhookEvent.count({ where: { shop } })).toBe(0);
  });
});
