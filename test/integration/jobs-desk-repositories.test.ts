import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createInspectionRepository } from "../../app/repositories/inspections.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { createOperationRepository, OperationKeyConflict } from "../../app/repositories/operations.server";
import { decidedRequest } from "../support/money-requests";
import { createRequestRepository, type RequestInput } from "../../app/repositories/requests.server";
import { createShopRepository } from "../../app/repositories/shops.server";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";

const A = "a.myshopify.com";
const B = "b.myshopify.com";

function requestFor(orderId: string, email: string): RequestInput {
  return {
    orderId,
    orderName: "#1001",
    customerId: "gid://shopify/Customer/1",
    customerEmail: email,
    customerName: "Ada Lovelace",
    kind: "return",
    currency: "GBP",
    lines: [{ lineItemId: "gid://shopify/LineItem/1", quantity: 1, reason: "changed_mind", notes: "too big", photos: ["p/1.jpg"] }],
  };
}

describe.each(testProviders())("desk repositories on %s", (provider) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await freshDatabase(provider);
  });
  afterAll(async () => database?.dispose());

  it("GIVEN two shops' requests WHEN shop B reads, moves or redacts by A's ids THEN A's rows are unchanged", async () => {
    const requests = createRequestRepository(database.db);
    const mine = await requests.create(A, requestFor("gid://shopify/Order/1", "ada@example.com"));
    await requests.linkReturn(A, mine.id, "gid://shopify/Return/9");

    expect(await requests.find(B, mine.id)).toBeNull();
    expect(await requests.findByReturn(B, "gid://shopify/Return/9")).toBeNull();
    expect(await requests.list(B)).toEqual([]);
    expect(await requests.advance(B, mine.id, "approved")).toBe(false);
    expect(await requests.advanceByReturn(B, "gid://shopify/Return/9", "closed")).toBe(0);
    expect(await requests.cancelOpenForOrder(B, "gid://shopify/Order/1")).toBe(0);
    expect(await requests.redactCustomer(B, { customerId: "gid://shopify/Customer/1", email: "ada@example.com", orderIds: [] }, new Date())).toBe(0);
    await createShopRepository(database.db).erase(B);

    const after = await requests.find(A, mine.id);
    expect(after).toMatchObject({ status: "requested", customerEmail: "ada@example.com", shopifyReturnId: "gid://shopify/Return/9" });
    expect(after?.lines[0]).toMatchObject({ notes: "too big", photos: ["p/1.jpg"] });
  });

  it("GIVEN an inspection whose note names the customer WHEN the customer is redacted THEN the note and findings lose the name and address, and another customer's inspection is untouched", async () => {
    const requests = createRequestRepository(database.db);
    const inspections = createInspectionRepository(database.db);
    const theirs = await requests.create(A, requestFor("gid://shopify/Order/31", "ada@example.com"));
    const other = await requests.create(A, { ...requestFor("gid://shopify/Order/32", "cy@example.com"), customerId: "gid://shopify/Customer/2", customerName: "Cy Young" });
    const inspect = (requestId: string, note: string) =>
      inspections.recordInspection(A, requestId, ["requested"], {
        findings: [{ line: "l1", condition: "damaged", remark: note }], shopperDecision: null, decision: {}, stored: {}, currency: "GBP", sendBack: [], note, staffId: null, staffName: "Sam", at: new Date(),
      });
    expect(await inspect(theirs.id, "Ada Lovelace's ring, scratched; told ada@example.com")).toBe(true);
    expect(await inspect(other.id, "Cy Young's ring, bent")).toBe(true);

    await requests.redactCustomer(A, { customerId: "gid://shopify/Customer/1", email: "ada@example.com", orderIds: [] }, new Date());

    const redacted = await inspections.inspectionOf(A, theirs.id);
    expect(redacted?.note).toBe("[redacted]'s ring, scratched; told [redacted]");
    expect(JSON.stringify(redacted?.findings)).not.toMatch(/Ada|ada@/);
    expect((await inspections.inspectionOf(A, other.id))?.note).toBe("Cy Young's ring, bent");
  });

  it("GIVEN a customer's parcel and repair ticket WHEN the customer is redacted THEN the tracking number, proof photo and what they stated at intake go, the findings lose their name, and the proof's photo is no longer held", async () => {
    const requests = createRequestRepository(database.db);
    const request = await requests.create(A, requestFor("gid://shopify/Order/41", "ada@example.com"));
    const proofKey = "ab".repeat(16);
    await database.db.requestParcel.create({ data: { shop: A, requestId: request.id, carrier: "royal_mail", trackingNumber: "AB123456785GB", method: "post", postageMinor: 340, currency: "GBP", proofKey, enteredBy: "shopper" } });
    await database.db.repairTicket.create({
      data: { shop: A, number: 1001, requestId: request.id, origin: "repair", work: "Resize", itemTitle: "Ring", currency: "GBP", intakeDescription: "Customer states 18ct gold", intakeCondition: "Scratched", intakeInstructions: "Call Ada on 07700 900123", assessmentFindings: "Ada Lovelace's ring: worn shank" },
    });
    expect(await requests.photoKeysInUse([proofKey])).toEqual(new Set([proofKey]));

    await requests.redactCustomer(A, { customerId: "gid://shopify/Customer/1", email: "ada@example.com", orderIds: [] }, new Date());

    expect(await database.db.requestParcel.findFirst({ where: { requestId: request.id } })).toMatchObject({ trackingNumber: "[redacted]", proofKey: null, postageMinor: 340n });
    expect(await database.db.repairTicket.findFirst({ where: { requestId: request.id } })).toMatchObject({ intakeDescription: null, intakeCondition: null, intakeInstructions: null, assessmentFindings: "[redacted]'s ring: worn shank", work: "Resize" });
    expect(await requests.photoKeysInUse([proofKey])).toEqual(new Set());
  });

  it("GIVEN a request WHEN statuses arrive out of order THEN it only moves forward", async () => {
    const requests = createRequestRepository(database.db);
    const request = await requests.create(A, requestFor("gid://shopify/Order/2", "bea@example.com"));
    expect(await requests.advance(A, request.id, "closed")).toBe(true);
    expect(await requests.advance(A, request.id, "resolved")).toBe(false);
    expect((await requests.find(A, request.id))?.status).toBe("closed");
  });

  it("GIVEN an operation key WHEN it is begun twice THEN one row exists; another shop or other input is refused", async () => {
    const operations = createOperationRepository(database.db);
    await decidedRequest(database.db, A, "r1", "GBP", 1250);
    const intent = {
      requestId: "r1",
      step: "refund",
      idempotencyKey: `r1:refund:${provider}`,
      kind: "refund" as const,
      amountMinor: 1250,
      currency: "GBP",
      input: { orderId: "gid://shopify/Order/1" },
      shopifyOrderId: "gid://shopify/Order/1",
      shopifyTargetId: null,
    };
    const [first, second] = await Promise.all([operations.begin(A, intent), operations.begin(A, intent)]);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(first.operation.id).toBe(second.operation.id);
    await expect(operations.begin(B, intent)).rejects.toBeInstanceOf(OperationKeyConflict);
    await expect(operations.begin(A, { ...intent, input: { orderId: "other" } })).rejects.toBeInstanceOf(OperationKeyConflict);

    await operations.markSucceeded(B, intent.idempotencyKey, "gid://shopify/Refund/1", new Date());
    expect((await operations.find(A, intent.idempotencyKey))?.status).toBe("pending");
    expect(await operations.find(B, intent.idempotencyKey)).toBeNull();
    expect(await operations.unfinished(B)).toEqual([]);
  });

  it("GIVEN due jobs WHEN two workers claim at once THEN each job goes to exactly one worker", async () => {
    const jobs = createJobRepository(database.db, provider);
    for (let i = 0; i < 6; i++) await jobs.enqueue(A, { kind: "test", payload: { i } });
    await jobs.enqueue(A, { kind: "later", payload: {}, runAt: new Date(Date.now() + 3_600_000) });
    const [one, two] = await Promise.all([jobs.claimDue("w1", { limit: 6 }), jobs.claimDue("w2", { limit: 6 })]);
    const ids = [...one, ...two].map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(6);
    expect(await jobs.claimDue("w3")).toEqual([]);

    // A worker that died: its claim expires and the job is handed out again.
    const later = new Date(Date.now() + 10 * 60_000);
    const reclaimed = await jobs.claimDue("w4", { now: later, lockTimeoutMs: 60_000, limit: 10 });
    expect(reclaimed.map((j) => j.kind).filter((k) => k === "test")).toHaveLength(6);
    expect(reclaimed.every((j) => j.lockedBy === "w4" && j.attempts === 2)).toBe(true);

    for (const job of reclaimed) await jobs.complete(B, job.id);
    expect(await jobs.list(A, { done: true })).toEqual([]);
  });

  it("GIVEN one webhook event WHEN it is accepted ten times concurrently THEN one event row and one job exist", async () => {
    const jobs = createJobRepository(database.db, provider);
    for (const shop of [A, B]) await createShopRepository(database.db).recordInstall(shop);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => jobs.acceptWebhook(A, { topic: "orders/cancelled", eventId: "evt-1", webhookId: null }, { kind: "webhook", payload: { n: 1 } })),
    );
    expect(outcomes.filter((o) => o === "accepted")).toHaveLength(1);
    expect(await database.db.webhookEvent.count({ where: { shop: A, eventId: "evt-1" } })).toBe(1);
    expect((await jobs.list(A, { kind: "webhook" })).length).toBe(1);
    // The same event id from another shop is another event.
    expect(await jobs.acceptWebhook(B, { topic: "orders/cancelled", eventId: "evt-1", webhookId: null }, { kind: "webhook", payload: {} })).toBe("accepted");
  });

  it("GIVEN a shop that never installed the app WHEN a webhook is accepted THEN nothing is stored", async () => {
    const jobs = createJobRepository(database.db, provider);
    expect(await jobs.acceptWebhook("never.myshopify.com", { topic: "orders/cancelled", eventId: "evt-n", webhookId: null }, { kind: "webhook", payload: {} })).toBe("unknown-shop");
    expect(await database.db.webhookEvent.count({ where: { shop: "never.myshopify.com" } })).toBe(0);
    expect(await jobs.list("never.myshopify.com")).toEqual([]);
  });
});
