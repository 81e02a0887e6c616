import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { runDueJobs, type JobDeps } from "../../app/jobs/worker.server";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createExportRepository } from "../../app/repositories/exports.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository, type RequestInput } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { freshDatabase, testProviders, type Provider, type TestDatabase } from "../support/databases";
import { deliver, signedWebhook, SHOP } from "./webhook-support";


type Bound = { database: TestDatabase; deps: JobDeps };
// The routes use the process's repositories and database; point them, at call time, at the
// database of the provider under test.
const state = vi.hoisted(() => ({ current: undefined as unknown as { database: { db: object }; deps: Record<string, object> } }));
vi.mock("../../app/repositories/index.server", () => {
  const live = (key: string) => new Proxy({}, { get: (_t, prop) => (state.current.deps[key] as Record<string | symbol, unknown>)[prop] });
  return { shops: live("shops"), requests: live("requests"), operations: live("operations"), jobs: live("jobs"), dataExports: live("dataExports"), repairs: live("repairs") };
});
vi.mock("../../app/db.server", () => ({ default: new Proxy({}, { get: (_t, prop) => (state.current.database.db as Record<string | symbol, unknown>)[prop] }) }));
let current: Bound;

const returnBody = (id: number, status: string) => ({ id, admin_graphql_api_id: `gid://shopify/Return/${id}`, status, order: { id: 1, admin_graphql_api_id: "gid://shopify/Order/1" } });

function aRequest(orderId: string): RequestInput {
  return { orderId, orderName: "#1001", customerId: "gid://shopify/Customer/1", customerEmail: "ada@example.com", customerName: "Ada", kind: "return", currency: "GBP", lines: [{ lineItemId: "gid://shopify/LineItem/1", quantity: 1, reason: "changed_mind" }] };
}

async function bind(provider: Provider): Promise<Bound> {
  const database = await freshDatabase(provider);
  const deps: JobDeps = {
    requests: createRequestRepository(database.db),
    operations: createOperationRepository(database.db),
    jobs: createJobRepository(database.db, provider),
    dataExports: createExportRepository(database.db),
    adminFor: async () => null,
  };
  Object.assign(deps, { shops: createShopRepository(database.db) });
  return { database, deps };
}

describe.each(testProviders())("webhooks on %s", (provider) => {
  beforeAll(async () => {
    current = await bind(provider);
    state.current = current as never;
    await createShopRepository(current.database.db).recordInstall(SHOP);
    (await import("../../app/jobs/runtime.server")).jobRuntime.autoRun = false;
  });
  afterAll(async () => current?.database.dispose());

  it("GIVEN one returns/approve event WHEN delivered ten times concurrently THEN one event, one job and one status change", async () => {
    const { deps, database } = current;
    const request = await deps.requests.create(SHOP, aRequest("gid://shopify/Order/1"));
    await deps.requests.linkReturn(SHOP, request.id, "gid://shopify/Return/501");
    const eventId = randomUUID();

    const responses = await Promise.all(Array.from({ length: 10 }, () => deliver("returns.approve", signedWebhook("returns/approve", returnBody(501, "open"), { eventId }))));

    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(responses.filter((r) => r.headers.get("X-Aftercare-Webhook") === "accepted")).toHaveLength(1);
    expect(await database.db.webhookEvent.count({ where: { shop: SHOP, eventId } })).toBe(1);
    expect(await database.db.job.count({ where: { shop: SHOP, done: false } })).toBe(1);

    expect(await runDueJobs(deps, { workerId: "w1" })).toEqual({ ran: 1, failed: 0 });
    expect((await deps.requests.find(SHOP, request.id))?.status).toBe("approved");
    // The shopper's status page shows the step: one timeline entry, from Shopify.
    expect((await deps.requests.events(SHOP, request.id)).map((e) => [e.type, e.actor])).toEqual([["approved", "shopify"]]);
    expect(await runDueJobs(deps, { workerId: "w2" })).toEqual({ ran: 0, failed: 0 });
    expect((await database.db.webhookEvent.findFirst({ where: { shop: SHOP, eventId } }))?.processedAt).toBeInstanceOf(Date);
  });

  it("GIVEN a forged signature WHEN returns/decline arrives THEN it is refused with 401 and nothing is stored or changed", async () => {
    const { deps, database } = current;
    const request = await deps.requests.create(SHOP, aRequest("gid://shopify/Order/2"));
    await deps.requests.linkReturn(SHOP, request.id, "gid://shopify/Return/502");
    const eventId = randomUUID();
    const response = await deliver("returns.decline", signedWebhook("returns/decline", returnBody(502, "declined"), { eventId, secret: "not-the-secret" }));
    expect(response.status).toBe(401);
    expect(await database.db.webhookEvent.count({ where: { eventId } })).toBe(0);
    expect(await deps.jobs.list(SHOP, { done: false })).toEqual([]);
    expect((await deps.requests.find(SHOP, request.id))?.status).toBe("requested");
  });

  it("GIVEN a payload without the return's id THEN 200 and nothing stored; a topic sent to another topic's route THEN 400", async () => {
    const { database } = current;
    const before = await database.db.webhookEvent.count();
    const ignored = await deliver("returns.close", signedWebhook("returns/close", { status: "closed" }));
    expect([ignored.status, ignored.headers.get("X-Aftercare-Webhook")]).toEqual([200, "ignored"]);
    expect((await deliver("returns.close", signedWebhook("returns/cancel", returnBody(9, "canceled")))).status).toBe(400);
    expect(await database.db.webhookEvent.count()).toBe(before);
  });

  it("GIVEN the merchant acts in Shopify's admin WHEN returns/* arrive out of order THEN the request ends at the furthest status", async () => {
    const { deps } = current;
    const request = await deps.requests.create(SHOP, aRequest("gid://shopify/Order/3"));
    await deps.requests.linkReturn(SHOP, request.id, "gid://shopify/Return/503");
    for (const [route, topic, status] of [["returns.close", "returns/close", "closed"], ["returns.process", "returns/process", "closed"], ["returns.approve", "returns/approve", "open"]] as const) {
      expect((await deliver(route, signedWebhook(topic, returnBody(503, status)))).status).toBe(200);
    }
    await runDueJobs(deps, { workerId: "w1" });
    expect((await deps.requests.find(SHOP, request.id))?.status).toBe("closed");
    // Steps that did not move the request (it was already further on) add nothing to its timeline.
    expect((await deps.requests.events(SHOP, request.id)).map((e) => e.type)).toEqual(["closed"]);
    // The desk's timeline shows what was done in Shopify admin, in its own words.
    const timeline = await createDeskRepository(current.database.db).timeline(SHOP, request.id);
    expect(timeline.map((e) => [e.type, e.actor, e.internal])).toEqual([["closed", "shopify", false]]);
  });

  it("GIVEN open requests WHEN orders/cancelled and a delivered fulfillments/update arrive THEN the requests are cancelled and carry the delivery date", async () => {
    const { deps } = current;
    const open = await deps.requests.create(SHOP, aRequest("gid://shopify/Order/4"));
    await deliver("fulfillments.update", signedWebhook("fulfillments/update", { id: 77, order_id: 4, shipment_status: "delivered", updated_at: "2026-11-20T10:00:00Z", admin_graphql_api_id: "gid://shopify/Fulfillment/77" }));
    await deliver("orders.cancelled", signedWebhook("orders/cancelled", { id: 4, admin_graphql_api_id: "gid://shopify/Order/4" }));
    await deliver("orders.updated", signedWebhook("orders/updated", { id: 4, admin_graphql_api_id: "gid://shopify/Order/4", name: "#1001-A" }));
    // A new process: the jobs were only in the table.
    const restarted = { ...deps, jobs: createJobRepository(current.database.db, provider) };
    expect((await runDueJobs(restarted, { workerId: "after-restart" })).failed).toBe(0);
    expect(await deps.requests.find(SHOP, open.id)).toMatchObject({ status: "cancelled", orderName: "#1001-A", deliveredAt: new Date("2026-11-20T10:00:00Z") });
  });

  // Shopify's refunds/create body, ids as numbers, amounts as strings in the order's currency.
  const refundBody = (id: number, orderId: number, lineItemIds: number[], amounts: string[], returnId: number | null = null) =>
    `{"id":${id},"admin_graphql_api_id":"gid://shopify/Refund/${id}","order_id":${orderId},"note":null,"restock":false,` +
    `"return":${returnId === null ? "null" : `{"id":${returnId},"admin_graphql_api_id":"gid://shopify/Return/${returnId}"}`},` +
    `"refund_line_items":[${lineItemIds.map((l, i) => `{"id":${900 + i},"line_item_id":${l},"quantity":1}`).join(",")}],` +
    `"transactions":[${amounts.map((a, i) => `{"id":${800 + i},"kind":"refund","status":"success","amount":"${a}","currency":"EUR"}`).join(",")},{"id":799,"kind":"refund","status":"failure","amount":"99.00","currency":"EUR"}]}`;

  it("GIVEN refunds made in Shopify admin or on POS WHEN refunds/create arrives THEN the request whose line or return it pays back shows it once with its amount; Aftercare's own refund and another line's are not added", async () => {
    const { deps, database } = current;
    const onLine = await deps.requests.create(SHOP, { ...aRequest("gid://shopify/Order/21"), currency: "EUR", lines: [{ lineItemId: "gid://shopify/LineItem/2101", quantity: 1, reason: "defective" }] });
    const otherLine = await deps.requests.create(SHOP, { ...aRequest("gid://shopify/Order/21"), currency: "EUR", lines: [{ lineItemId: "gid://shopify/LineItem/2102", quantity: 1, reason: "defective" }] });
    const byReturn = await deps.requests.create(SHOP, { ...aRequest("gid://shopify/Order/22"), currency: "EUR", lines: [{ lineItemId: "gid://shopify/LineItem/2201", quantity: 1, reason: "defective" }] });
    await deps.requests.linkReturn(SHOP, byReturn.id, "gid://shopify/Return/2290");
    const ours = await deps.requests.create(SHOP, { ...aRequest("gid://shopify/Order/23"), currency: "EUR", lines: [{ lineItemId: "gid://shopify/LineItem/2301", quantity: 1, reason: "defective" }] });
    await database.db.operation.create({ data: { shop: SHOP, requestId: ours.id, step: "refund", idempotencyKey: `${ours.id}:refund`, kind: "refund", status: "succeeded", inputJson: "{}", shopifyOrderId: "gid://shopify/Order/23", shopifyResultId: "gid://shopify/Refund/2399" } });

    // The merchant refunds line 2101 in two transactions; Shopify delivers the event twice.
    for (const eventId of [randomUUID(), randomUUID()]) await deliver("refunds.create", signedWebhook("refunds/create", refundBody(2199, 21, [2101], ["10.50", "2.25"]), { eventId }));
    await deliver("refunds.create", signedWebhook("refunds/create", refundBody(2298, 22, [], ["40.00"], 2290)));
    await deliver("refunds.create", signedWebhook("refunds/create", refundBody(2399, 23, [2301], ["30.00"])));
    expect(await runDueJobs(deps, { workerId: "refunds" })).toEqual({ ran: 4, failed: 0 });

    const refunds = async (id: string) => (await deps.requests.events(SHOP, id)).filter((e) => e.type === "refunded").map((e) => [e.actor, e.amountMinor, e.currency]);
    expect(await refunds(onLine.id)).toEqual([["shopify", 1275, "EUR"]]);
    expect(await refunds(otherLine.id)).toEqual([]);
    expect(await refunds(byReturn.id)).toEqual([["shopify", 4000, "EUR"]]);
    expect(await refunds(ours.id)).toEqual([]);
  });

  it("GIVEN a money operation on the order still unfinished WHEN refunds/create arrives THEN whose refund it is waits for the reconciler: the job is retried and nothing is added yet", async () => {
    const { deps, database } = current;
    const request = await deps.requests.create(SHOP, { ...aRequest("gid://shopify/Order/24"), currency: "EUR", lines: [{ lineItemId: "gid://shopify/LineItem/2401", quantity: 1, reason: "defective" }] });
    await database.db.operation.create({ data: { shop: SHOP, requestId: request.id, step: "refund", idempotencyKey: `${request.id}:refund`, kind: "refund", status: "sent", inputJson: "{}", shopifyOrderId: "gid://shopify/Order/24" } });
    await deliver("refunds.create", signedWebhook("refunds/create", refundBody(2499, 24, [2401], ["30.00"])));
    const outcome = await runDueJobs(deps, { workerId: "waits" });
    expect(outcome.failed).toBe(1);
    expect((await deps.requests.events(SHOP, request.id)).filter((e) => e.type === "refunded")).toEqual([]);
    await database.db.operation.updateMany({ where: { shop: SHOP, requestId: request.id }, data: { status: "failed" } });
  });
});
