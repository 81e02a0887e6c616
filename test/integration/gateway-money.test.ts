import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { operationKey, processReturnOnce, reconcileShop, refundOnce, storeCreditOnce, type CrashPoint, type MoneyDeps } from "../../app/jobs/money.server";
import { runDueJobs, sweepUnfinishedOperations, type JobDeps } from "../../app/jobs/worker.server";
import { createExportRepository } from "../../app/repositories/exports.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { adminClient } from "../../app/shopify/client.server";
import { fetchOrderForDecision } from "../../app/shopify/orders.server";
import { approveReturn, fetchReturn, fetchReturnableLines, requestReturn } from "../../app/shopify/returns.server";
import type { RunningStandin } from "../standin";
import { minorOf } from "../standin/money";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { freshDatabase, type TestDatabase } from "../support/databases";
import { withDecidedRequests } from "../support/money-requests";
import { gatewayStandin, quickClient, SHOP } from "./gateway-standin";

let standin: RunningStandin;
let database: TestDatabase;
let deps: MoneyDeps;

beforeAll(async () => {
  [standin, database] = await Promise.all([gatewayStandin(), freshDatabase("sqlite")]);
  // The crash is simulated a moment ago: no grace period before the reconciler takes the rows.
  // Every request here was decided with room to spare: these tests are about never paying twice.
  deps = { operations: withDecidedRequests(database.db, createOperationRepository(database.db)), reconcileGraceMs: -1_000 };
});
afterAll(async () => {
  await standin?.close();
  await database?.dispose();
});

class Crash extends Error {}

function crashAt(point: CrashPoint): MoneyDeps {
  return { ...deps, crash: (at) => {
    if (at === point) throw new Crash(`worker killed at ${point}`);
  } };
}

/** A paid, delivered order: a £120.00 ring less £20.00 discount and a £35.00 chain, £4.95 shipping. */
function paidOrder() {
  const store = standin.store(SHOP);
  const customer = addCustomer(store);
  const ring = addProduct(store, { title: "Ring", price: 12_000 });
  const chain = addProduct(store, { title: "Chain", price: 3_500 });
  const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1, discount: 2_000 }, { variant: chain.variant, quantity: 1 }], shipping: 495 });
  return { store, customer, order };
}

function refundsOf(orderId: string) {
  const store = standin.store(SHOP);
  return store.refunds.filter((r) => r.orderId === orderId).map((r) => ({ id: r.id, total: store.refundTotal(r), returnId: r.returnId }));
}

function creditsOf(customerId: string) {
  const store = standin.store(SHOP);
  return store.storeCreditAccounts.filter((a) => a.ownerId === customerId).flatMap((a) => a.transactions).map((t) => ({ minor: minorOf(t.amount), event: t.event }));
}

describe("returns and money against the stand-in", () => {
  it("GIVEN a shopper's return WHEN requested, approved and processed with a refund THEN Shopify holds one refund of exactly the engine's amount and the return is closed", async () => {
    const { order } = paidOrder();
    const admin = quickClient(standin);
    const lines = await fetchReturnableLines(admin, order.id);
    const ring = lines.find((l) => l.lineItemId === order.lineItems[0].id)!;
    const requested = await requestReturn(admin, order.id, [{ fulfillmentLineItemId: ring.fulfillmentLineItemId, quantity: 1, reason: "changed_mind", customerNote: "Too big" }]);
    expect(requested.status).toBe("REQUESTED");
    expect((await approveReturn(admin, requested.id)).status).toBe("OPEN");
    const state = await fetchReturn(admin, requested.id);

    const outcome = await processReturnOnce(admin, deps, SHOP, "req-full-return", "process", {
      returnId: requested.id,
      orderId: order.id,
      currency: "GBP",
      lines: [{ returnLineItemId: state.lines[0].id, quantity: 1 }],
      toPaymentMinor: 10_000,
      storeCreditMinor: 0,
      storeCreditExpiresAt: null,
      shippingMinor: 0,
      notify: true,
    });

    expect(outcome).toMatchObject({ status: "succeeded", amountMinor: 10_000, attempts: 1 });
    expect(refundsOf(order.id)).toEqual([{ id: outcome.shopifyResultId, total: 10_000, returnId: requested.id }]);
    expect((await fetchReturn(admin, requested.id)).status).toBe("CLOSED");
    // The ring is no longer returnable; the chain still is.
    expect((await fetchOrderForDecision(admin, order.id)).order.lines.map((l) => l.title)).toEqual(["Chain"]);
  });

  it("GIVEN a store-credit resolution WHEN refunded THEN the order records the refund and the customer's account holds exactly that credit", async () => {
    const { order, customer } = paidOrder();
    const admin = quickClient(standin);
    const outcome = await refundOnce(admin, deps, SHOP, "req-store-credit", "refund", {
      orderId: order.id,
      currency: "GBP",
      lines: [{ lineItemId: order.lineItems[1].id, quantity: 1, restock: true }],
      toPaymentMinor: 0,
      storeCreditMinor: 3_500,
      storeCreditExpiresAt: null,
      shippingMinor: 0,
      notify: false,
    });
    expect(outcome.status).toBe("succeeded");
    expect(refundsOf(order.id)).toEqual([{ id: outcome.shopifyResultId, total: 3_500, returnId: null }]);
    expect(creditsOf(customer.id)).toEqual([{ minor: 3_500, event: "ORDER_REFUND" }]);
    // Asked again (a retried job): the recorded operation answers, Shopify is not called.
    const again = await refundOnce(admin, deps, SHOP, "req-store-credit", "refund", outcome.input as never);
    expect(again.id).toBe(outcome.id);
    expect(refundsOf(order.id)).toHaveLength(1);
  });

  describe.each(["before-call", "after-call", "after-record"] as const)("a worker killed %s", (point) => {
    it("GIVEN a refund WHEN the reconciler runs after the crash THEN exactly one refund of the amount exists", async () => {
      const { order } = paidOrder();
      const admin = quickClient(standin);
      const requestId = `crash-refund-${point}`;
      const plan = { orderId: order.id, currency: "GBP", lines: [{ lineItemId: order.lineItems[0].id, quantity: 1, restock: false }], toPaymentMinor: 10_495, storeCreditMinor: 0, storeCreditExpiresAt: null, shippingMinor: 495, notify: false };
      const first = await refundOnce(admin, crashAt(point), SHOP, requestId, "refund", plan).catch((e: unknown) => e);
      expect(first).toBeInstanceOf(Crash);

      await reconcileShop(admin, deps, SHOP);
      await reconcileShop(admin, deps, SHOP);

      expect(refundsOf(order.id).map((r) => r.total)).toEqual([10_495]);
      expect(await deps.operations.find(SHOP, operationKey(requestId, "refund"))).toMatchObject({ status: "succeeded", shopifyResultId: refundsOf(order.id)[0].id });
    });

    it("GIVEN a return processed with a refund (no idempotency in Shopify) WHEN the reconciler runs after the crash THEN one refund, one processing", async () => {
      const { order } = paidOrder();
      const admin = quickClient(standin);
      const [line] = await fetchReturnableLines(admin, order.id);
      const ret = await requestReturn(admin, order.id, [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, reason: "defective" }]);
      await approveReturn(admin, ret.id);
      const state = await fetchReturn(admin, ret.id);
      const requestId = `crash-process-${point}`;
      const plan = { returnId: ret.id, orderId: order.id, currency: "GBP", lines: [{ returnLineItemId: state.lines[0].id, quantity: 1 }], toPaymentMinor: 10_000, storeCreditMinor: 0, storeCreditExpiresAt: null, shippingMinor: 0, notify: false };
      await expect(processReturnOnce(admin, crashAt(point), SHOP, requestId, "process", plan)).rejects.toBeInstanceOf(Crash);

      await reconcileShop(admin, deps, SHOP);
      await reconcileShop(admin, deps, SHOP);

      expect(refundsOf(order.id)).toEqual([{ id: expect.any(String), total: 10_000, returnId: ret.id }]);
      expect((await fetchReturn(admin, ret.id)).lines[0].processedQuantity).toBe(1);
      expect(await deps.operations.find(SHOP, operationKey(requestId, "process"))).toMatchObject({ status: "succeeded", shopifyResultId: refundsOf(order.id)[0].id });
    });

    it("GIVEN goodwill store credit WHEN the reconciler runs after the crash THEN the account was credited exactly once", async () => {
      const { customer } = paidOrder();
      const admin = quickClient(standin);
      const requestId = `crash-credit-${point}`;
      const grant = { customerId: customer.id, amountMinor: 2_500, currency: "GBP", expiresAt: null, notify: false };
      const first = await storeCreditOnce(admin, crashAt(point), SHOP, requestId, "goodwill", grant).catch((e: unknown) => e);
      expect(first).toBeInstanceOf(Crash);

      await reconcileShop(admin, deps, SHOP);
      await reconcileShop(admin, deps, SHOP);

      expect(creditsOf(customer.id)).toEqual([{ minor: 2_500, event: "ADJUSTMENT" }]);
      expect((await deps.operations.find(SHOP, operationKey(requestId, "goodwill")))?.status).toBe("succeeded");
    });
  });

  it("GIVEN a customer whose account already holds 30 credits WHEN a goodwill credit's worker dies after the call and the reconciler runs THEN the account is credited once", async () => {
    const { customer } = paidOrder();
    const admin = quickClient(standin);
    for (let i = 0; i < 30; i++) await storeCreditOnce(admin, deps, SHOP, `long-history-${i}`, "goodwill", { customerId: customer.id, amountMinor: 100, currency: "GBP", expiresAt: null, notify: false });
    const grant = { customerId: customer.id, amountMinor: 3_300, currency: "GBP", expiresAt: null, notify: false };
    await expect(storeCreditOnce(admin, crashAt("after-call"), SHOP, "long-history", "goodwill", grant)).rejects.toBeInstanceOf(Crash);

    await reconcileShop(admin, deps, SHOP);

    expect(creditsOf(customer.id).filter((c) => c.minor === 3_300)).toHaveLength(1);
    expect((await deps.operations.find(SHOP, operationKey("long-history", "goodwill")))?.status).toBe("succeeded");
  });

  it("GIVEN the same goodwill credit started by two workers at once WHEN both run THEN only one sends and the account is credited once", async () => {
    const { customer } = paidOrder();
    const admin = quickClient(standin);
    const grant = { customerId: customer.id, amountMinor: 1_500, currency: "GBP", expiresAt: null, notify: false };
    // A merchant's double click, or a route and a job racing: same request, same step.
    const both = await Promise.all([
      storeCreditOnce(admin, deps, SHOP, "double-click", "goodwill", grant),
      storeCreditOnce(admin, deps, SHOP, "double-click", "goodwill", grant),
    ]);

    expect(creditsOf(customer.id)).toEqual([{ minor: 1_500, event: "ADJUSTMENT" }]);
    // One caller finished it; the other saw the claim taken and left the row to its owner.
    expect(both.map((o) => o.status)).toContain("succeeded");
    const row = await deps.operations.find(SHOP, operationKey("double-click", "goodwill"));
    expect(row).toMatchObject({ status: "succeeded", attempts: 1 });
  });

  it("GIVEN a goodwill credit whose first sender is still waiting on Shopify WHEN a second caller starts the same step THEN it sends nothing and the account is credited once", async () => {
    const { customer } = paidOrder();
    const admin = quickClient(standin);
    const grant = { customerId: customer.id, amountMinor: 1_250, currency: "GBP", expiresAt: null, notify: false };
    const live: MoneyDeps = { operations: deps.operations }; // the default grace: a fresh row is a live sender's
    // The first worker's storeCreditAccountCredit is held on the wire until the second caller is done.
    let inFlight!: () => void;
    const sending = new Promise<void>((resolve) => (inFlight = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const slow = adminClient(async (query, options) => {
      if (query.includes("storeCreditAccountCredit(")) {
        inFlight();
        await released;
      }
      return admin.graphql(query, options);
    }, admin.policy);

    const first = storeCreditOnce(slow, live, SHOP, "in-flight", "goodwill", grant);
    await sending;
    const second = await storeCreditOnce(admin, live, SHOP, "in-flight", "goodwill", grant);
    release();
    const done = await first;

    expect(creditsOf(customer.id)).toEqual([{ minor: 1_250, event: "ADJUSTMENT" }]);
    expect(second.status).toBe("sent");
    expect(done).toMatchObject({ status: "succeeded", attempts: 1 });
  });

  it("GIVEN throttling and 5xx on 30% of calls WHEN five returns are requested, approved and refunded and five customers credited THEN every one completes once", { timeout: 120_000 }, async () => {
    // Each throttled answer drains the shared bucket to a second short of the query's cost (as
    // Shopify's does), so five flows back off together: the client is given time to get through.
    const admin = quickClient(standin, { maxElapsedMs: 90_000 });
    const cases = Array.from({ length: 5 }, () => paidOrder());
    standin.faults.clear(7).share(0.15, { kind: "throttled" }).share(0.18, { kind: "status", status: 503 });
    try {
      await Promise.all(
        cases.map(async ({ order, customer }, i) => {
          const lines = await fetchReturnableLines(admin, order.id);
          const ret = await requestReturn(admin, order.id, [{ fulfillmentLineItemId: lines[0].fulfillmentLineItemId, quantity: 1, reason: "defective" }]);
          await approveReturn(admin, ret.id);
          const state = await fetchReturn(admin, ret.id);
          await processReturnOnce(admin, deps, SHOP, `faults-${i}`, "process", {
            returnId: ret.id, orderId: order.id, currency: "GBP", lines: [{ returnLineItemId: state.lines[0].id, quantity: 1 }],
            toPaymentMinor: 6_495, storeCreditMinor: 4_000, storeCreditExpiresAt: null, shippingMinor: 495, notify: false,
          }).catch(() => reconcileShop(admin, deps, SHOP));
          await storeCreditOnce(admin, deps, SHOP, `faults-${i}`, "goodwill", { customerId: customer.id, amountMinor: 1_000 + i, currency: "GBP", expiresAt: null, notify: false }).catch(() => reconcileShop(admin, deps, SHOP));
        }),
      );
      while ((await deps.operations.unfinished(SHOP)).length) await reconcileShop(admin, deps, SHOP);
    } finally {
      standin.faults.clear();
    }
    expect(standin.faults.served.length).toBeGreaterThan(0);
    cases.forEach(({ order, customer }, i) => {
      expect(refundsOf(order.id).map((r) => r.total)).toEqual([10_495]);
      // A refund whose answer was lost is finished by the reconciler after the goodwill credit has
      // gone, so the two credits land in either order: each exactly once is what is checked.
      const byEvent = creditsOf(customer.id).sort((a, b) => a.event.localeCompare(b.event));
      expect(byEvent).toEqual([{ minor: 1_000 + i, event: "ADJUSTMENT" }, { minor: 4_000, event: "ORDER_REFUND" }]);
      expect(standin.store(SHOP).returns.filter((r) => r.orderId === order.id)).toHaveLength(1);
    });
  });

  it("GIVEN a credit left 'sent' by a dead worker WHEN the sweep and the job worker run THEN the reconciler finishes it once; a row a live worker just touched is left alone", async () => {
    const { customer } = paidOrder();
    const admin = quickClient(standin);
    const grant = { customerId: customer.id, amountMinor: 777, currency: "GBP", expiresAt: null, notify: false };
    await expect(storeCreditOnce(admin, crashAt("after-call"), SHOP, "swept", "goodwill", grant)).rejects.toBeInstanceOf(Crash);

    // With the default grace period the row is too fresh: a live worker may still be sending it.
    expect(await reconcileShop(admin, { operations: deps.operations }, SHOP)).toEqual({ finished: 0, unfinished: 0, errors: [] });

    const jobDeps: JobDeps = {
      requests: createRequestRepository(database.db),
      operations: deps.operations,
      jobs: createJobRepository(database.db, "sqlite"),
      dataExports: createExportRepository(database.db),
      adminFor: async () => admin,
      now: () => new Date(Date.now() + 10 * 60_000),
    };
    expect(await sweepUnfinishedOperations(jobDeps)).toEqual([SHOP]);
    expect(await sweepUnfinishedOperations(jobDeps)).toEqual([]);
    expect(await runDueJobs(jobDeps, { workerId: "w", now: new Date(Date.now() + 10 * 60_000) })).toEqual({ ran: 1, failed: 0 });
    expect(creditsOf(customer.id)).toEqual([{ minor: 777, event: "ADJUSTMENT" }]);
    expect((await deps.operations.find(SHOP, operationKey("swept", "goodwill")))?.status).toBe("succeeded");
  });
});
