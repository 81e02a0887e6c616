import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { createDatabase, driverOf } from "../../app/platform/db-client.server";
import { createWebhookBatcher, verifyShopifyWebhook } from "../../app/jobs/intake.server";
import { createJobRepository, type WebhookIntake } from "../../app/repositories/jobs.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { freshDatabase, testProviders, type Provider, type TestDatabase } from "../support/databases";
import { SECRET } from "./webhook-support";

// The fast path (app/platform/http.server.ts) and the intake's group commit (app/jobs/intake.server.ts),
// over a real HTTP server and each provider's database.
const state = vi.hoisted(() => ({ database: undefined as unknown as { db: object; provider: "sqlite" | "postgresql" } }));
vi.mock("../../app/db.server", () => ({ default: new Proxy({}, { get: (_t, prop) => (state.database.db as Record<string | symbol, unknown>)[prop] }) }));
vi.mock("../../app/repositories/index.server", async () => {
  const { createShopRepository: shops } = await import("../../app/repositories/shops.server");
  const { createJobRepository: jobs } = await import("../../app/repositories/jobs.server");
  const { createRequestRepository } = await import("../../app/repositories/requests.server");
  const { createOperationRepository } = await import("../../app/repositories/operations.server");
  const { createExportRepository } = await import("../../app/repositories/exports.server");
  const { createRepairRepository } = await import("../../app/repositories/repairs.server");
  const live = (create: (db: never) => object) => new Proxy({}, { get: (_t, prop) => (create(state.database.db as never) as Record<string | symbol, unknown>)[prop] });
  return {
    shops: live(shops),
    jobs: new Proxy({}, { get: (_t, prop) => (jobs(state.database.db as never, state.database.provider) as Record<string | symbol, unknown>)[prop] }),
    requests: live(createRequestRepository),
    operations: live(createOperationRepository),
    dataExports: live(createExportRepository),
    repairs: live(createRepairRepository),
  };
});

const SHOP = "intake.myshopify.com";

function headersFor(topic: string, raw: string, options: { shop?: string; secret?: string; eventId?: string } = {}): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "X-Shopify-Topic": topic,
    "X-Shopify-Shop-Domain": options.shop ?? SHOP,
    "X-Shopify-Api-Version": "2026-10",
    "X-Shopify-Webhook-Id": randomUUID(),
    "X-Shopify-Event-Id": options.eventId ?? randomUUID(),
    "X-Shopify-Hmac-Sha256": createHmac("sha256", options.secret ?? SECRET).update(raw).digest("base64"),
  };
}

const order = (n: number) => ({ id: n, admin_graphql_api_id: `gid://shopify/Order/${n}`, name: `#${n}`, email: "someone.private@example.com" });
const intake = (shop: string, eventId: string): WebhookIntake => ({ shop, event: { topic: "orders/updated", eventId, webhookId: null }, job: { kind: "webhook", payload: { topic: "orders/updated", eventId } } });

describe("verifyShopifyWebhook", () => {
  const verify = (method: string, headers: Record<string, string>, raw: string) =>
    verifyShopifyWebhook({ method, header: (name) => headers[Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase()) ?? ""], body: Buffer.from(raw), secret: SECRET });

  it("GIVEN a delivery as Shopify signs it THEN it is accepted with its topic, shop, ids and 18-digit ids kept exact", () => {
    const raw = '{"id": 820982911946154508, "name": "#1"}';
    const headers = headersFor("orders/updated", raw, { eventId: "evt-1" });
    const verified = verify("POST", headers, raw);
    expect(verified).toMatchObject({ ok: true, delivery: { shop: SHOP, topic: "ORDERS_UPDATED", eventId: "evt-1", payload: { id: "820982911946154508", name: "#1" } } });
  });

  it("GIVEN a forged signature, a missing header, another method, an invalid shop or a signed body that is not JSON THEN 401, 400, 405, 400, 400", () => {
    const raw = JSON.stringify(order(1));
    expect(verify("POST", headersFor("orders/updated", raw, { secret: "forged" }), raw)).toMatchObject({ ok: false, status: 401 });
    // The body changed after signing.
    expect(verify("POST", headersFor("orders/updated", raw), raw.replace("#1", "#2"))).toMatchObject({ ok: false, status: 401 });
    const { "X-Shopify-Webhook-Id": _dropped, ...missing } = headersFor("orders/updated", raw);
    expect(verify("POST", missing, raw)).toMatchObject({ ok: false, status: 400 });
    expect(verify("GET", headersFor("orders/updated", raw), raw)).toMatchObject({ ok: false, status: 405 });
    expect(verify("POST", headersFor("orders/updated", raw, { shop: "evil shop\n" }), raw)).toMatchObject({ ok: false, status: 400 });
    const broken = '{"id": 1, "name": ';
    expect(verify("POST", headersFor("orders/updated", broken), broken)).toMatchObject({ ok: false, status: 400, reason: "the signed body is not JSON" });
  });
});

describe.each(testProviders())("webhook intake on %s", (provider: Provider) => {
  let database: TestDatabase;
  let server: Server;
  let url: string;
  const passedOn: string[] = [];
  const lines: string[] = [];

  beforeAll(async () => {
    database = await freshDatabase(provider);
    state.database = { db: database.db, provider };
    await createShopRepository(database.db).recordInstall(SHOP);
    (await import("../../app/jobs/runtime.server")).jobRuntime.autoRun = false;
    const { createRequestListener } = await import("../../app/platform/http.server");
    const next = (request: IncomingMessage, response: ServerResponse) => {
      passedOn.push(request.url ?? "");
      const { logger } = loggerModule;
      logger.info({ where: "remix" }, "a route logs");
      response.writeHead(204).end();
    };
    const loggerModule = await import("../../app/platform/logger.server");
    // The logs of this file: every line the process writes while it runs.
    loggerModule.logger.level = "info";
    (loggerModule.logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = { write: (line: string) => void lines.push(line) };
    server = createServer(createRequestListener(next));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => void (lines.length = 0));
  afterAll(async () => {
    const loggerModule = await import("../../app/platform/logger.server");
    loggerModule.logger.level = "silent";
    await new Promise((resolve) => server?.close(resolve));
    await database?.dispose();
  });

  const post = (topic: string, body: string, headers: Record<string, string>) => fetch(`${url}/webhooks/${topic}`, { method: "POST", body, headers });

  it("GIVEN a batch with a new event, the same event again, an event accepted before and a shop that never installed THEN one transaction stores one event and one job each, in order", async () => {
    const jobs = createJobRepository(database.db, provider);
    expect(await jobs.acceptWebhooks([intake(SHOP, "before")])).toEqual(["accepted"]);
    const outcomes = await jobs.acceptWebhooks([intake(SHOP, "new"), intake(SHOP, "new"), intake(SHOP, "before"), intake("never.myshopify.com", "x"), intake(SHOP, "other")]);
    expect(outcomes).toEqual(["accepted", "duplicate", "duplicate", "unknown-shop", "accepted"]);
    const events = await database.db.webhookEvent.findMany({ where: { shop: SHOP, eventId: { in: ["before", "new", "other"] } }, orderBy: { eventId: "asc" } });
    expect(events.map((e) => e.eventId)).toEqual(["before", "new", "other"]);
    expect(events.every((e) => e.receivedAt instanceof Date && Math.abs(e.receivedAt.getTime() - Date.now()) < 60_000)).toBe(true);
    expect(await database.db.webhookEvent.count({ where: { shop: "never.myshopify.com" } })).toBe(0);
    // The jobs are the queue's own: claimable, with their payloads.
    const claimed = await jobs.claimDue("w-intake", { limit: 10 });
    expect(claimed.map((j) => (j.payload as { eventId: string }).eventId).sort()).toEqual(["before", "new", "other"]);
    expect(claimed.every((j) => j.kind === "webhook" && j.attempts === 1 && j.maxAttempts === 8)).toBe(true);
    for (const job of claimed) await jobs.complete(job.shop, job.id);
  });

  it("GIVEN two processes write batches with the same event at the same moment THEN exactly one accepts it and it gets one job", async () => {
    // Two clients, as two web processes would have: each its own driver connection.
    const second = createDatabase(database.url);
    try {
      const [a, b] = await Promise.all([createJobRepository(database.db, provider).acceptWebhooks([intake(SHOP, "race"), intake(SHOP, "race-a")]), createJobRepository(second, provider).acceptWebhooks([intake(SHOP, "race-b"), intake(SHOP, "race")])]);
      expect([a[0], b[1]].sort()).toEqual(["accepted", "duplicate"]);
      expect([a[1], b[0]]).toEqual(["accepted", "accepted"]);
      expect(await database.db.job.count({ where: { shop: SHOP, payloadJson: { contains: '"race"' } } })).toBe(1);
    } finally {
      await second.$disconnect();
    }
  });

  it.runIf(provider === "sqlite")("GIVEN another connection holds SQLite's write lock WHEN a batch is written THEN it waits without blocking the event loop, and is written once the lock is free", async () => {
    // Another connection to the file (another process's, as far as SQLite can tell) takes the lock.
    const other = createDatabase(database.url);
    const driver = driverOf(other);
    if (driver.provider !== "sqlite") throw new Error("not SQLite");
    const blocker = driver.sqlite;
    blocker.prepare("BEGIN IMMEDIATE").run();
    try {
      const written = createJobRepository(database.db, provider).acceptWebhooks([intake(SHOP, "after-lock")]);
      let settled = false;
      void written.finally(() => (settled = true));
      // The event loop turns while the batch waits: a timer fires, and the batch is still waiting.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(settled).toBe(false);
      blocker.prepare("COMMIT").run();
      expect(await written).toEqual(["accepted"]);
    } finally {
      if (blocker.inTransaction) blocker.prepare("ROLLBACK").run();
      await other.$disconnect();
    }
  });

  it("GIVEN 40 deliveries at once WHEN the batcher takes them THEN they are written in far fewer transactions and each gets its own outcome", async () => {
    const jobs = createJobRepository(database.db, provider);
    const spy = vi.fn((batch: Parameters<typeof jobs.acceptWebhooks>[0]) => jobs.acceptWebhooks(batch));
    const batcher = createWebhookBatcher({ acceptWebhooks: spy });
    const ids = Array.from({ length: 40 }, (_, i) => `burst-${i % 30}`);
    const outcomes = await Promise.all(ids.map((id) => batcher.acceptWebhook(SHOP, intake(SHOP, id).event, intake(SHOP, id).job)));
    expect(outcomes.filter((o) => o === "accepted")).toHaveLength(30);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(10);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(2);
    expect(await database.db.job.count({ where: { shop: SHOP, payloadJson: { contains: "burst-" } } })).toBe(30);
  });

  it("GIVEN the database fails a batch THEN every delivery in it is rejected (answered 500, Shopify delivers again) and the next batch is written", async () => {
    const jobs = createJobRepository(database.db, provider);
    let fail = true;
    const batcher = createWebhookBatcher({ acceptWebhooks: async (batch) => (fail ? Promise.reject(new Error("disk full")) : jobs.acceptWebhooks(batch)) });
    const failed = await Promise.allSettled([1, 2, 3].map((n) => batcher.acceptWebhook(SHOP, intake(SHOP, `fail-${n}`).event, intake(SHOP, `fail-${n}`).job)));
    expect(failed.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    fail = false;
    expect(await batcher.acceptWebhook(SHOP, intake(SHOP, "fail-1").event, intake(SHOP, "fail-1").job)).toBe("accepted");
  });

  it("GIVEN signed deliveries over HTTP THEN the fast path answers each before Remix: accepted, duplicate, unknown shop, malformed, forged and a redact for another shop", async () => {
    const raw = JSON.stringify(order(11));
    const eventId = randomUUID();
    const first = await post("orders/updated", raw, headersFor("orders/updated", raw, { eventId }));
    expect([first.status, first.headers.get("X-Aftercare-Webhook")]).toEqual([200, "accepted"]);
    const again = await post("orders/updated", raw, headersFor("orders/updated", raw, { eventId }));
    expect([again.status, again.headers.get("X-Aftercare-Webhook")]).toEqual([200, "duplicate"]);
    const stranger = await post("orders/updated", raw, headersFor("orders/updated", raw, { shop: "stranger.myshopify.com" }));
    expect([stranger.status, stranger.headers.get("X-Aftercare-Webhook")]).toEqual([200, "unknown-shop"]);
    const broken = '{"id": 1, "name": ';
    expect((await post("orders/updated", broken, headersFor("orders/updated", broken))).status).toBe(400);
    expect((await post("orders/updated", raw, headersFor("orders/updated", raw, { secret: "forged" }))).status).toBe(401);
    // A topic sent to another topic's address is refused, as the routes refuse it.
    expect((await post("orders/cancelled", raw, headersFor("orders/updated", raw))).status).toBe(400);
    const redact = JSON.stringify({ shop_id: 1, shop_domain: "someone-else.myshopify.com" });
    expect((await post("shop/redact", redact, headersFor("shop/redact", redact))).status).toBe(400);
    expect(await createShopRepository(database.db).find(SHOP)).not.toBeNull();
    expect(await database.db.job.count({ where: { shop: SHOP, payloadJson: { contains: eventId } } })).toBe(1);
    expect(passedOn).toEqual([]);
  });

  it("GIVEN requests with and without X-Request-Id THEN each answer carries one and every log line written while serving it carries it, with no personal data or query string", async () => {
    const raw = JSON.stringify(order(12));
    const given = await post("orders/updated", raw, { ...headersFor("orders/updated", raw, { shop: "stranger.myshopify.com" }), "X-Request-Id": "lb-trace-42" });
    expect(given.headers.get("X-Request-Id")).toBe("lb-trace-42");
    const made = await post("orders/updated", raw, headersFor("orders/updated", raw, { shop: "stranger.myshopify.com" }));
    const madeId = made.headers.get("X-Request-Id");
    expect(madeId).toMatch(/^[0-9a-f-]{36}$/);
    // Not a sane id (a header could carry anything into the logs): replaced.
    const odd = await fetch(`${url}/app?email=someone.private%40example.com`, { headers: { "X-Request-Id": "x".repeat(300) } });
    const oddId = odd.headers.get("X-Request-Id");
    expect(oddId).toMatch(/^[0-9a-f-]{36}$/);
    expect(passedOn).toEqual(["/app?email=someone.private%40example.com"]);

    const parsed = lines.map((line) => JSON.parse(line) as { requestId?: string; msg: string });
    const byRequest = (id: string | null) => parsed.filter((l) => l.requestId === id).map((l) => l.msg);
    expect(byRequest("lb-trace-42")).toEqual(["webhook acknowledged and dropped: the shop never installed the app", "request"]);
    expect(byRequest(madeId)).toEqual(["webhook acknowledged and dropped: the shop never installed the app", "request"]);
    expect(byRequest(oddId)).toEqual(["a route logs", "request"]);
    expect(parsed.every((l) => l.requestId)).toBe(true);
    const text = lines.join("");
    expect(text).not.toContain("someone.private");
    expect(text).not.toContain("email=");
  });
});
