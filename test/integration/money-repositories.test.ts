import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { MinorUnitsRangeError } from "../../app/repositories/minor-units.server";
import { createOperationRepository, MoneyCeilingError, type OperationIntent } from "../../app/repositories/operations.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";

const SHOP = "idr-jeweller.myshopify.com";

/** A refund intent of `minor` units for a request, under its own step. */
function refundIntent(requestId: string, step: string, minor: number, currency = "IDR"): OperationIntent {
  return { requestId, step, idempotencyKey: `aftercare:${requestId}:${step}`, kind: "refund", amountMinor: minor, currency, input: { step, minor }, shopifyOrderId: "gid://shopify/Order/1", shopifyTargetId: null };
}

describe.each(testProviders())("money columns and the per-request ceiling on %s", (provider) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await freshDatabase(provider);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function decided(total: string, currency = "IDR") {
    return createRequestRepository(database.db).create(SHOP, {
      orderId: "gid://shopify/Order/1",
      orderName: "#1001",
      kind: "return",
      currency,
      decision: { refund: { total, currency } },
      lines: [{ lineItemId: "gid://shopify/LineItem/1", quantity: 1, reason: "defective" }],
    });
  }

  it("GIVEN an IDR refund of 35 million rupiah (3.5 billion minor units) WHEN recorded THEN it is stored and read back exactly, past 32 bits", async () => {
    const request = await decided("35000000.00");
    expect(request.money.decidedMinor).toBe(3_500_000_000);
    const operations = createOperationRepository(database.db);
    const { operation } = await operations.begin(SHOP, refundIntent(request.id, "refund", 3_500_000_000));
    expect(operation.amountMinor).toBe(3_500_000_000);
    expect((await operations.find(SHOP, operation.idempotencyKey))?.amountMinor).toBe(3_500_000_000);
    expect((await createRequestRepository(database.db).find(SHOP, request.id))?.money.decidedMinor).toBe(3_500_000_000);
  });

  it("GIVEN an amount beyond exact integers THEN it is refused rather than rounded", async () => {
    const request = await decided("1.00");
    await expect(createOperationRepository(database.db).begin(SHOP, refundIntent(request.id, "huge", 2 ** 60))).rejects.toBeInstanceOf(MinorUnitsRangeError);
  });

  it("GIVEN a request decided at 100.00 WHEN two different steps of 60.00 are begun at once THEN exactly one is recorded and the other refused", async () => {
    const request = await decided("100.00");
    const operations = createOperationRepository(database.db);
    const outcomes = await Promise.allSettled([operations.begin(SHOP, refundIntent(request.id, "a", 6_000)), operations.begin(SHOP, refundIntent(request.id, "b", 6_000))]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected");
    expect(refused && refused.status === "rejected" ? refused.reason : null).toBeInstanceOf(MoneyCeilingError);
    expect(await operations.forRequest(SHOP, request.id)).toHaveLength(1);
  });

  it("GIVEN a failed operation THEN its amount no longer counts, and another shop's request bounds nothing here", async () => {
    const request = await decided("100.00");
    const operations = createOperationRepository(database.db);
    const { operation } = await operations.begin(SHOP, refundIntent(request.id, "first", 10_000));
    await expect(operations.begin(SHOP, refundIntent(request.id, "second", 1))).rejects.toBeInstanceOf(MoneyCeilingError);
    await operations.markFailed(SHOP, operation.idempotencyKey, "Shopify refused", new Date());
    expect((await operations.begin(SHOP, refundIntent(request.id, "second", 10_000))).created).toBe(true);
    await expect(operations.begin("other.myshopify.com", refundIntent(request.id, "elsewhere", 1))).rejects.toBeInstanceOf(MoneyCeilingError);
  });

  it("GIVEN a decision without money THEN the ceiling is zero; without a decision nothing may move", async () => {
    const requests = createRequestRepository(database.db);
    const noMoney = await requests.create(SHOP, { orderId: "o", orderName: "#1", kind: "service", currency: "IDR", decision: { refund: null }, lines: [{ lineItemId: "l", quantity: 1, reason: "other" }] });
    expect(noMoney.money.decidedMinor).toBe(0);
    const undecided = await requests.create(SHOP, { orderId: "o", orderName: "#1", kind: "return", currency: "IDR", lines: [{ lineItemId: "l", quantity: 1, reason: "other" }] });
    const operations = createOperationRepository(database.db);
    await expect(operations.begin(SHOP, refundIntent(noMoney.id, "x", 1))).rejects.toBeInstanceOf(MoneyCeilingError);
    await expect(operations.begin(SHOP, refundIntent(undecided.id, "x", 1))).rejects.toBeInstanceOf(MoneyCeilingError);
    // Once decided, the same request may move exactly what was decided.
    expect(await requests.recordDecision(SHOP, undecided.id, { refund: { total: "5.00", currency: "IDR" } }, "refund")).toBe(true);
    expect((await operations.begin(SHOP, refundIntent(undecided.id, "x", 500))).created).toBe(true);
  });
});
