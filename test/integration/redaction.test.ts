import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { runDueJobs, type JobDeps } from "../../app/jobs/worker.server";
import { createExportRepository } from "../../app/repositories/exports.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { decidedRequest } from "../support/money-requests";
import { createRequestRepository, type RequestInput } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { deliver, signedWebhook, SHOP } from "./webhook-support";

const state = vi.hoisted(() => ({ current: undefined as unknown as { db: object; deps: Record<string, object> } }));
vi.mock("../../app/repositories/index.server", () => {
  const live = (key: string) => new Proxy({}, { get: (_t, prop) => (state.current.deps[key] as Record<string | symbol, unknown>)[prop] });
  return { shops: live("shops"), requests: live("requests"), operations: live("operations"), jobs: live("jobs"), dataExports: live("dataExports"), repairs: live("repairs") };
});
vi.mock("../../app/db.server", () => ({ default: new Proxy({}, { get: (_t, prop) => (state.current.db as Record<string | symbol, unknown>)[prop] }) }));

/** Ada is redacted; Bea, another customer of the same shop, and Ada at another shop are not. */
const ADA = { id: 7001, gid: "gid://shopify/Customer/7001", email: "ada.lovelace@example.com", name: "Ada Lovelace", note: "Bought for my mother's 70th", lineNote: "stone came loose on the left claw", photo: "photos/ada-ring-1.jpg" };
const BEA = { gid: "gid://shopify/Customer/7002", email: "bea@example.com", name: "Bea Shaw" };

function requestOf(who: { gid: string; email: string; name: string }, orderId: string, extra: Partial<RequestInput> = {}, lineNote: string | null = null, photos: string[] = []): RequestInput {
  return {
    orderId,
    orderName: "#2001",
    customerId: who.gid,
    customerEmail: who.email,
    customerName: who.name,
    kind: "warranty",
    currency: "GBP",
    decision: { outcome: "eligible", refundMinor: 12_500, reasons: ["within warranty"] },
    lines: [{ lineItemId: "gid://shopify/LineItem/91", quantity: 2, reason: "defective", cause: "manufacturing", condition: { used: true }, notes: lineNote, photos }],
    ...extra,
  };
}

describe.each(testProviders())("privacy webhooks on %s", (provider) => {
  let database: TestDatabase;
  let deps: JobDeps;

  beforeAll(async () => {
    database = await freshDatabase(provider);
    deps = {
      requests: createRequestRepository(database.db),
      operations: createOperationRepository(database.db),
      jobs: createJobRepository(database.db, provider),
      dataExports: createExportRepository(database.db),
      adminFor: async () => null,
    };
    state.current = { db: database.db, deps: { ...deps, shops: createShopRepository(database.db) } } as never;
    await createShopRepository(database.db).recordInstall(SHOP);
    (await import("../../app/jobs/runtime.server")).jobRuntime.autoRun = false;
  });
  afterAll(async () => database?.dispose());

  it("GIVEN Ada's requests WHEN customers/data_request and then customers/redact arrive THEN the merchant gets her data as JSON, then no personal field of hers remains anywhere", async () => {
    const mine = await deps.requests.create(SHOP, requestOf(ADA, "gid://shopify/Order/801", { customerNote: ADA.note }, ADA.lineNote, [ADA.photo]));
    // A guest order found only through the orders the webhook names.
    const guest = await deps.requests.create(SHOP, requestOf({ gid: "", email: ADA.email, name: ADA.name }, "gid://shopify/Order/802", { customerId: null, customerEmail: "ada.other@example.com" }));
    const bea = await deps.requests.create(SHOP, requestOf(BEA, "gid://shopify/Order/803", { customerNote: "gift" }, "scratched", ["photos/bea.jpg"]));
    const elsewhere = await deps.requests.create("other.myshopify.com", requestOf(ADA, "gid://shopify/Order/801", { customerNote: ADA.note }));

    const customer = { id: ADA.id, email: ADA.email, phone: null };
    expect((await deliver("customers.data_request", signedWebhook("customers/data_request", { shop_id: 1, shop_domain: SHOP, customer, orders_requested: [801, 802], data_request: { id: 55 } }))).status).toBe(200);
    await runDueJobs(deps, { workerId: "w" });
    const [exported] = await deps.dataExports.list(SHOP);
    const data = exported.data as { dataRequestId: string; requests: { id: string; customerEmail: string | null; lines: { notes: string | null }[] }[] };
    expect(data.dataRequestId).toBe("55");
    expect(data.requests.map((r) => r.id).sort()).toEqual([mine.id, guest.id].sort());
    expect(JSON.stringify(data)).toContain(ADA.lineNote);

    expect((await deliver("customers.redact", signedWebhook("customers/redact", { shop_id: 1, shop_domain: SHOP, customer, orders_to_redact: [801, 802] }))).status).toBe(200);
    expect(await runDueJobs(deps, { workerId: "w" })).toEqual({ ran: 1, failed: 0 });

    // Every row of every table of this shop, as text: none of Ada's personal values is left.
    const shopRows = JSON.stringify([
      await database.db.aftercareRequest.findMany({ where: { shop: SHOP }, include: { lines: true } }),
      await database.db.customerDataExport.findMany({ where: { shop: SHOP } }),
      await database.db.job.findMany({ where: { shop: SHOP } }),
      await database.db.webhookEvent.findMany({ where: { shop: SHOP } }),
      await database.db.operation.findMany({ where: { shop: SHOP } }),
    ]);
    for (const personal of [ADA.gid, ADA.email, ADA.name, ADA.note, ADA.lineNote, ADA.photo, "ada.other@example.com"]) expect(shopRows).not.toContain(personal);

    // The anonymised figures stay: kind, quantities, reasons, causes, the decision.
    const anonymised = await deps.requests.find(SHOP, mine.id);
    expect(anonymised).toMatchObject({ customerId: null, customerEmail: null, customerName: null, customerNote: null, kind: "warranty", decision: { refundMinor: 12_500 }, redactedAt: expect.any(Date) });
    expect(anonymised?.lines[0]).toMatchObject({ quantity: 2, reason: "defective", cause: "manufacturing", notes: null, photos: [] });
    expect((await deps.requests.find(SHOP, guest.id))?.customerEmail).toBeNull();

    // Bea, and Ada's data at another shop, are untouched.
    expect(await deps.requests.find(SHOP, bea.id)).toMatchObject({ customerEmail: BEA.email, customerNote: "gift", lines: [expect.objectContaining({ notes: "scratched", photos: ["photos/bea.jpg"] })] });
    expect((await deps.requests.find("other.myshopify.com", elsewhere.id))?.customerEmail).toBe(ADA.email);
  });

  it("GIVEN a staff-logged request with the shopper's note, an invoice entry naming the order's email, and money still being sent WHEN customers/redact arrives THEN the timeline keeps none of it, the job finishes, and the operation loses the customer's id as soon as it finishes", async () => {
    const who = { gid: "gid://shopify/Customer/7301", email: "dora.maar@example.com", name: "Dora Maar" };
    const note = "Clasp broke at my sister's wedding";
    const { request: logged } = await deps.requests.submit(SHOP, `staff-logged-${provider}`, requestOf(who, "gid://shopify/Order/7301", { customerNote: note }), { type: "requested", actor: "merchant", message: note });
    // An entry written before entries stopped naming the order's email (message and data).
    await database.db.requestEvent.create({ data: { shop: SHOP, requestId: logged.id, type: "invoiced", actor: "merchant", message: `Invoice for £20.00 sent to ${who.email.toUpperCase()}: the shopper pays the exchange's difference.`, dataJson: JSON.stringify({ key: "k", to: who.email }), amountMinor: 2000n, currency: "GBP" } });
    await database.db.requestEvent.create({ data: { shop: SHOP, requestId: logged.id, type: "message", actor: "merchant", message: "Called the shopper about the clasp", internal: true } });
    await database.db.aftercareRequest.update({ where: { id: logged.id }, data: { moneyDecidedMinor: 10_000n } });
    const key = `pending-redaction-${provider}`;
    await deps.operations.begin(SHOP, { requestId: logged.id, step: "credit", idempotencyKey: key, kind: "store_credit", amountMinor: 500, currency: "GBP", input: { customerId: who.gid, amountMinor: 500, currency: "GBP", expiresAt: null, notify: false }, shopifyOrderId: "gid://shopify/Order/7301", shopifyTargetId: who.gid });
    expect(await deps.operations.claimSend(SHOP, key, 0, new Date(), { transactionIds: [] })).toBe(true);

    // The data request first: the export carries the request's whole timeline.
    const customer = { id: 7301, email: who.email, phone: null };
    expect((await deliver("customers.data_request", signedWebhook("customers/data_request", { shop_id: 1, shop_domain: SHOP, customer, orders_requested: [7301], data_request: { id: 73 } }))).status).toBe(200);
    await runDueJobs(deps, { workerId: "w" });
    const exported = (await deps.dataExports.list(SHOP)).find((e) => (e.data as { dataRequestId: string }).dataRequestId === "73");
    const timeline = (exported?.data as { requests: { id: string; timeline: { type: string; message: string | null; internal: boolean }[] }[] }).requests.find((r) => r.id === logged.id)?.timeline;
    expect.soft(timeline?.map((e) => [e.type, e.message, e.internal])).toEqual([
      ["requested", note, false],
      ["invoiced", expect.stringContaining("Invoice for £20.00"), false],
      ["message", "Called the shopper about the clasp", true],
    ]);

    expect((await deliver("customers.redact", signedWebhook("customers/redact", { shop_id: 1, shop_domain: SHOP, customer, orders_to_redact: [7301] }))).status).toBe(200);
    // Done, not failed: nothing is left to a job that retries and gives up.
    expect.soft(await runDueJobs(deps, { workerId: "w" })).toEqual({ ran: 1, failed: 0 });

    const asText = (rows: unknown) => JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value));
    const events = asText(await database.db.requestEvent.findMany({ where: { shop: SHOP, requestId: logged.id } }));
    for (const personal of [note, who.email, who.email.toUpperCase(), who.name]) expect.soft(events).not.toContain(personal);
    expect(events).toContain("Invoice for £20.00");
    // The unfinished credit keeps what a retry must send, until it finishes; then it loses it.
    expect((await deps.operations.find(SHOP, key))?.shopifyTargetId).toBe(who.gid);
    await deps.operations.markSucceeded(SHOP, key, "gid://shopify/StoreCreditAccountTransaction/1", new Date());
    const finished = asText(await database.db.operation.findMany({ where: { shop: SHOP, idempotencyKey: key } }));
    expect(finished).not.toContain(who.gid);
    expect(await deps.operations.find(SHOP, key)).toMatchObject({ status: "succeeded", amountMinor: 500, currency: "GBP", shopifyResultId: "gid://shopify/StoreCreditAccountTransaction/1" });
  });

  it("GIVEN a guest request whose email was typed in another case WHEN customers/redact names the address THEN it is still found and redacted", async () => {
    const guest = await deps.requests.create(SHOP, requestOf({ gid: "", email: "", name: "Cara Nye" }, "gid://shopify/Order/990", { customerId: null, customerEmail: "  Cara.Nye@Example.COM " }));
    const customer = { id: 7009, email: "cara.nye@example.com", phone: null };

    expect((await deliver("customers.redact", signedWebhook("customers/redact", { shop_id: 1, shop_domain: SHOP, customer, orders_to_redact: [] }))).status).toBe(200);
    await runDueJobs(deps, { workerId: "w" });

    expect(await deps.requests.find(SHOP, guest.id)).toMatchObject({ customerEmail: null, customerName: null, redactedAt: expect.any(Date) });
  });

  it("GIVEN a shop with requests, operations, jobs and exports WHEN shop/redact arrives THEN every row of that shop is gone and other shops' rows stay", async () => {
    const shop = "leaving.myshopify.com";
    await createShopRepository(database.db).recordInstall(shop);
    await deps.requests.create(shop, requestOf(BEA, "gid://shopify/Order/901"));
    await deps.jobs.enqueue(shop, { kind: "reconcile", payload: {} });
    await deps.dataExports.record(shop, { customerId: BEA.gid, email: BEA.email }, { any: "thing" }, new Date());
    await decidedRequest(database.db, shop, "r", "GBP", 1);
    await deps.operations.begin(shop, { requestId: "r", step: "refund", idempotencyKey: `leaving-${provider}`, kind: "refund", amountMinor: 1, currency: "GBP", input: {}, shopifyOrderId: null, shopifyTargetId: null });

    expect((await deliver("shop.redact", signedWebhook("shop/redact", { shop_id: 2, shop_domain: shop }, { shop }))).status).toBe(200);

    for (const count of [
      database.db.aftercareRequest.count({ where: { shop } }),
      database.db.requestLine.count({ where: { request: { shop } } }),
      database.db.job.count({ where: { shop } }),
      database.db.customerDataExport.count({ where: { shop } }),
      database.db.operation.count({ where: { shop } }),
      database.db.shop.count({ where: { domain: shop } }),
    ]) expect(await count).toBe(0);
    expect(await database.db.aftercareRequest.count({ where: { shop: SHOP } })).toBeGreaterThan(0);
  });
});
