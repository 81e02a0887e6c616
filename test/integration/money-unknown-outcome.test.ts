import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { operationKey, processReturnOnce, reconcileShop, storeCreditOnce, type MoneyDeps } from "../../app/jobs/money.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { ShopifyOutcomeUnknownError } from "../../app/shopify/errors";
import { approveReturn, fetchReturn, fetchReturnableLines, requestReturn } from "../../app/shopify/returns.server";
import type { RunningStandin } from "../standin";
import type { Fault } from "../standin/faults";
import { minorOf } from "../standin/money";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { freshDatabase, type TestDatabase } from "../support/databases";
import { withDecidedRequests } from "../support/money-requests";
import { gatewayStandin, quickClient, SHOP } from "./gateway-standin";

/**
 * Issue 22 item 2: storeCreditAccountCredit and returnProcess have no `@idempotent`. When Shopify
 * carries one out and its answer is lost (a 5xx from a proxy, a dropped connection: the client's
 * timeout), the client must never send it again, whatever an immediate look shows: the effect may
 * not be visible yet. The row stays `sent`; the reconciler looks after the grace period
 * (docs/decisions/005) and finds the one effect.
 */
let standin: RunningStandin;
let database: TestDatabase;
let deps: MoneyDeps;

beforeAll(async () => {
  [standin, database] = await Promise.all([gatewayStandin(), freshDatabase("sqlite")]);
  deps = { operations: withDecidedRequests(database.db, createOperationRepository(database.db)) };
});
afterAll(async () => {
  await standin?.close();
  await database?.dispose();
});

function creditsOf(customerId: string) {
  const store = standin.store(SHOP);
  return store.storeCreditAccounts.filter((a) => a.ownerId === customerId).flatMap((a) => a.transactions).map((t) => ({ minor: minorOf(t.amount), event: t.event }));
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([
  ["commits, then answers 503", { kind: "lost", status: 503 }],
  ["commits, then the connection drops (a timeout)", { kind: "lost" }],
  ["is still running when the answer is lost (503 now, committed 150 ms later)", { kind: "lost", status: 503, delayMs: 150 }],
  ["is still running when the connection drops (committed 150 ms later)", { kind: "lost", delayMs: 150 }],
] as [string, Extract<Fault, { kind: "lost" }>][])("a non-idempotent money mutation that %s", (_name, fault) => {
  it("GIVEN a goodwill store credit WHEN its answer is lost THEN it is not sent again: the row stays sent, and the reconciler records the one credit", async () => {
    const store = standin.store(SHOP);
    const customer = addCustomer(store);
    const requestId = `lost-credit-${fault.status ?? "drop"}-${fault.delayMs ?? 0}`;
    standin.faults.next(1, fault, "graphql", "StoreCreditAccountCredit");
    const admin = quickClient(standin);
    const outcome = await storeCreditOnce(admin, deps, SHOP, requestId, "goodwill", { customerId: customer.id, amountMinor: 2_500, currency: "GBP", expiresAt: null, notify: false }).catch((e: unknown) => e);
    await wait(300);
    expect(creditsOf(customer.id)).toEqual([{ minor: 2_500, event: "ADJUSTMENT" }]);
    const row = (await deps.operations.find(SHOP, operationKey(requestId, "goodwill")))!;
    expect(row.attempts).toBe(1);
    if (outcome instanceof Error) {
      expect(outcome).toBeInstanceOf(ShopifyOutcomeUnknownError);
      expect(row.status).toBe("sent");
    } else {
      // The effect was already there to see: recognised, not resent.
      expect(row.status).toBe("succeeded");
    }
    // The reconciler, past the grace period, twice: it finds the credit and sends nothing.
    for (let i = 0; i < 2; i++) await reconcileShop(admin, { ...deps, reconcileGraceMs: -1_000 }, SHOP);
    expect(creditsOf(customer.id)).toEqual([{ minor: 2_500, event: "ADJUSTMENT" }]);
    expect(await deps.operations.find(SHOP, operationKey(requestId, "goodwill"))).toMatchObject({ status: "succeeded", attempts: 1 });
  });

  it("GIVEN a return processed with its refund WHEN the answer is lost THEN it is not processed again, and the reconciler records the one refund", async () => {
    const store = standin.store(SHOP);
    const customer = addCustomer(store);
    const ring = addProduct(store, { title: "Ring", price: 12_000 });
    const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }], shipping: 495 });
    const admin = quickClient(standin);
    const lines = await fetchReturnableLines(admin, order.id);
    const requested = await requestReturn(admin, order.id, [{ fulfillmentLineItemId: lines[0].fulfillmentLineItemId, quantity: 1, reason: "changed_mind", customerNote: null }]);
    await approveReturn(admin, requested.id);
    const state = await fetchReturn(admin, requested.id);
    const requestId = `lost-process-${fault.status ?? "drop"}-${fault.delayMs ?? 0}`;
    standin.faults.next(1, fault, "graphql", "ReturnProcess");
    const plan = { returnId: requested.id, orderId: order.id, currency: "GBP", lines: [{ returnLineItemId: state.lines[0].id, quantity: 1 }], toPaymentMinor: 12_000, storeCreditMinor: 0, storeCreditExpiresAt: null, shippingMinor: 0, notify: false };
    await processReturnOnce(admin, deps, SHOP, requestId, "process", plan).catch((e: unknown) => e);
    await wait(300);
    const refunds = () => store.refunds.filter((r) => r.orderId === order.id).map((r) => store.refundTotal(r));
    expect(refunds()).toEqual([12_000]);
    for (let i = 0; i < 2; i++) await reconcileShop(admin, { ...deps, reconcileGraceMs: -1_000 }, SHOP);
    expect(refunds()).toEqual([12_000]);
    expect(await deps.operations.find(SHOP, operationKey(requestId, "process"))).toMatchObject({ status: "succeeded", attempts: 1 });
  });
});
