import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { operationKey, reconcileShop, refundOnce, type MoneyDeps } from "../../app/jobs/money.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { ShopifyOutcomeUnknownError } from "../../app/shopify/errors";
import { createRefund, type RefundPlan } from "../../app/shopify/money.server";
import type { RunningStandin } from "../standin";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { freshDatabase, type TestDatabase } from "../support/databases";
import { withDecidedRequests } from "../support/money-requests";
import { gatewayStandin, quickClient, SHOP } from "./gateway-standin";

/**
 * refundCreate's `@idempotent` key while its first request is still running: Shopify answers the
 * duplicate "This request is currently in progress, please try again." (IDEMPOTENCY_CONCURRENT_REQUEST,
 * https://shopify.dev/docs/api/usage/implementing-idempotency). The first request may still
 * succeed, so the app records the outcome as unknown and reconciles; it never marks it failed.
 */
let standin: RunningStandin;
let database: TestDatabase;
let deps: MoneyDeps;

beforeAll(async () => {
  [standin, database] = await Promise.all([gatewayStandin(), freshDatabase("sqlite")]);
  // Requests decided with room to spare: these tests are about idempotency, not the ceiling.
  deps = { operations: withDecidedRequests(database.db, createOperationRepository(database.db)), reconcileGraceMs: -1_000 };
});
afterAll(async () => {
  await standin?.close();
  await database?.dispose();
});

describe("a refund whose key is already in flight", () => {
  it("GIVEN the first refundCreate still running WHEN the job sends the same key THEN the operation stays unknown ('sent'), and the reconciler finds the one refund", async () => {
    const store = standin.store(SHOP);
    const customer = addCustomer(store);
    const ring = addProduct(store, { title: "Ring", price: 12_000 });
    const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }] });
    const admin = quickClient(standin);
    const requestId = "in-flight";
    const key = operationKey(requestId, "refund");
    const plan: Omit<RefundPlan, "note"> = { orderId: order.id, currency: "GBP", lines: [{ lineItemId: order.lineItems[0].id, quantity: 1, restock: false }], toPaymentMinor: 12_000, storeCreditMinor: 0, storeCreditExpiresAt: null, shippingMinor: 0, notify: false };
    let release = () => {};
    store.mutationGates.refundCreate = new Promise<void>((resolve) => (release = resolve));
    try {
      // The first attempt: on Shopify's side it is still running when the job's own send arrives
      // (say the client gave up on the answer and the job was retried).
      const first = createRefund(admin, key, { ...plan, note: `Aftercare ${key}` });
      while (!store.idempotencyKeys.get(`refundCreate:${key}`)?.inFlight) await new Promise((resolve) => setTimeout(resolve, 10));

      const outcome = await refundOnce(admin, deps, SHOP, requestId, "refund", plan).catch((e: unknown) => e);

      expect(outcome).toBeInstanceOf(ShopifyOutcomeUnknownError);
      expect(await deps.operations.find(SHOP, key)).toMatchObject({ status: "sent" });
      release();
      const made = await first;
      const finished = await reconcileShop(admin, deps, SHOP);
      expect(finished.errors).toEqual([]);
      expect(await deps.operations.find(SHOP, key)).toMatchObject({ status: "succeeded", shopifyResultId: made.refundId });
      expect(store.refunds.filter((r) => r.orderId === order.id)).toHaveLength(1);
    } finally {
      delete store.mutationGates.refundCreate;
      release();
    }
  });
});
