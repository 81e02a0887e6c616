import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { createExportRepository } from "../../app/repositories/exports.server";
import { createRepairRepository } from "../../app/repositories/repairs.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { freshDatabase, type TestDatabase } from "../support/databases";
import { deliver, signedWebhook } from "./webhook-support";

let database: TestDatabase;
vi.mock("../../app/db.server", () => ({ default: new Proxy({}, { get: (_t, prop) => (database.db as unknown as Record<string | symbol, unknown>)[prop] }) }));
vi.mock("../../app/repositories/index.server", () => {
  const make: Record<string, (db: TestDatabase["db"]) => object> = {
    shops: createShopRepository,
    requests: createRequestRepository,
    operations: createOperationRepository,
    jobs: (db) => createJobRepository(db, "sqlite"),
    dataExports: createExportRepository,
    repairs: createRepairRepository,
  };
  return Object.fromEntries(Object.entries(make).map(([key, create]) => [key, new Proxy({}, { get: (_t, prop) => (create(database.db) as Record<string | symbol, unknown>)[prop] })]));
});

describe("health, readiness and metrics", () => {
  beforeAll(async () => {
    database = await freshDatabase("sqlite");
    (await import("../../app/jobs/runtime.server")).jobRuntime.autoRun = false;
  });
  afterAll(async () => database?.dispose());

  it("GIVEN the embedded database WHEN opened THEN it runs in WAL with synchronous NORMAL and a busy timeout", async () => {
    const [mode] = await database.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [sync] = await database.db.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
    const [busy] = await database.db.$queryRawUnsafe<{ timeout: bigint | number }[]>("PRAGMA busy_timeout");
    expect([mode.journal_mode, Number(sync.synchronous), Number(busy.timeout)]).toEqual(["wal", 1, 5000]);
  });

  it("GIVEN a running app WHEN probed THEN /healthz and /readyz answer 200 with the database and queue checked", async () => {
    const health = await (await import("../../app/routes/healthz")).loader();
    expect(health.status).toBe(200);
    const ready = await (await import("../../app/routes/readyz")).loader();
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { database: "ok", queue: expect.stringMatching(/^ok: 0 due/) } });
  });

  it("GIVEN webhooks answered WHEN /metrics is scraped THEN it counts them by topic and outcome, with queue and money figures and no personal data", async () => {
    await createShopRepository(database.db).recordInstall("metrics.myshopify.com");
    const body = { admin_graphql_api_id: "gid://shopify/Order/7", name: "#7", email: "private.person@example.com" };
    expect((await deliver("orders.updated", signedWebhook("orders/updated", body, { shop: "metrics.myshopify.com" }))).status).toBe(200);
    expect((await deliver("orders.updated", signedWebhook("orders/updated", body, { shop: "nobody.myshopify.com" }))).status).toBe(200);
    expect((await deliver("orders.updated", signedWebhook("orders/updated", body, { shop: "metrics.myshopify.com", secret: "forged" }))).status).toBe(401);

    const response = await (await import("../../app/routes/metrics")).loader({ request: new Request("https://aftercare.test/metrics"), params: {}, context: {} });
    const text = await response.text();
    expect(text).toMatch(/aftercare_webhooks_received_total\{topic="orders\/updated",outcome="accepted",app="aftercare"\} 1/);
    expect(text).toMatch(/aftercare_webhooks_received_total\{topic="orders\/updated",outcome="unknown-shop",app="aftercare"\} 1/);
    expect(text).toMatch(/aftercare_webhooks_received_total\{topic="orders\/updated",outcome="refused",app="aftercare"\} 1/);
    expect(text).toMatch(/aftercare_webhook_ack_seconds_count\{app="aftercare",topic="orders\/updated"\} 2/);
    expect(text).toMatch(/aftercare_jobs\{state="due",app="aftercare"\} 1/);
    expect(text).toContain("aftercare_money_operations");
    expect(text).not.toContain("private.person");
  });

  it("GIVEN Shopify throttles, answers GraphQL errors, HTTP errors and drops a connection WHEN the gateway calls THEN /metrics counts each by operation and where it came from", async () => {
    const { HttpInternalError, HttpThrottlingError } = await import("@shopify/shopify-api");
    const { adminClient, send } = await import("../../app/shopify/client.server");
    const { ORDER_REFUNDS } = await import("../../app/shopify/money.server");
    const answers: (() => Response)[] = [
      () => new Response(JSON.stringify({ errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }], extensions: { cost: { requestedQueryCost: 10, throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 0, restoreRate: 50 } } } })),
      () => {
        throw new HttpThrottlingError({ message: "429", code: 429, statusText: "Too Many Requests", retryAfter: 1, body: {}, headers: {} });
      },
      () => {
        throw new HttpInternalError({ message: "503", code: 503, statusText: "Service Unavailable", body: {}, headers: {} });
      },
      () => {
        throw new TypeError("fetch failed");
      },
      () => new Response(JSON.stringify({ data: { order: null } })),
      () => new Response(JSON.stringify({ errors: [{ message: "Field 'nope' doesn't exist" }] })),
    ];
    const graphql = async () => (answers.shift() as () => Response)();
    let now = 0;
    const admin = adminClient(graphql, { now: () => now, sleep: async (ms) => void (now += ms), random: () => 0, maxElapsedMs: 600_000 });
    expect(await send(admin, ORDER_REFUNDS, { id: "gid://shopify/Order/1" })).toEqual({ order: null });
    await expect(send(admin, ORDER_REFUNDS, { id: "gid://shopify/Order/1" })).rejects.toThrow(/nope/);

    const response = await (await import("../../app/routes/metrics")).loader({ request: new Request("https://aftercare.test/metrics"), params: {}, context: {} });
    const text = await response.text();
    expect(text).toMatch(/aftercare_shopify_throttled_total\{operation="OrderRefunds",via="graphql",app="aftercare"\} 1/);
    expect(text).toMatch(/aftercare_shopify_throttled_total\{operation="OrderRefunds",via="http",app="aftercare"\} 1/);
    expect(text).toMatch(/aftercare_shopify_errors_total\{operation="OrderRefunds",via="http",app="aftercare"\} 1/);
    expect(text).toMatch(/aftercare_shopify_errors_total\{operation="OrderRefunds",via="network",app="aftercare"\} 1/);
    expect(text).toMatch(/aftercare_shopify_errors_total\{operation="OrderRefunds",via="graphql",app="aftercare"\} 1/);
    expect(text).not.toContain("gid://shopify/Order/1");
  });
});
