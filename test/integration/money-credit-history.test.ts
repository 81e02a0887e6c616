import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { operationKey, reconcileShop, storeCreditOnce, type CrashPoint, type MoneyDeps } from "../../app/jobs/money.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { adminClient } from "../../app/shopify/client.server";
import type { RunningStandin } from "../standin";
import { minorOf } from "../standin/money";
import { addCustomer } from "../standin/sample-shop";
import { freshDatabase, type TestDatabase } from "../support/databases";
import { withDecidedRequests } from "../support/money-requests";
import { gatewayStandin, quickClient, SHOP } from "./gateway-standin";

/**
 * storeCreditAccountCredit takes no idempotency key: after a crash or a lost answer, whether our
 * credit landed is read from the customer's store-credit history. A customer credited many times
 * by others between our send and our look must not be credited twice.
 */
let standin: RunningStandin;
let database: TestDatabase;
let deps: MoneyDeps;

beforeAll(async () => {
  [standin, database] = await Promise.all([gatewayStandin(), freshDatabase("sqlite")]);
  deps = { operations: withDecidedRequests(database.db, createOperationRepository(database.db)), reconcileGraceMs: -1_000 };
});
afterAll(async () => {
  await standin?.close();
  await database?.dispose();
});

class Crash extends Error {}

function crashAt(base: MoneyDeps, point: CrashPoint): MoneyDeps {
  return { ...base, crash: (at) => {
    if (at === point) throw new Crash(`worker killed at ${point}`);
  } };
}

function creditsOf(customerId: string) {
  const store = standin.store(SHOP);
  return store.storeCreditAccounts.filter((a) => a.ownerId === customerId).flatMap((a) => a.transactions).map((t) => ({ id: t.id, minor: minorOf(t.amount) }));
}

/** Others' credits (a loyalty app, the merchant by hand) landing on the customer's account. */
function othersCredit(customerId: string, count: number) {
  const store = standin.store(SHOP);
  for (let i = 0; i < count; i++) store.creditStoreCredit(customerId, 100 + i, "GBP", { event: "ADJUSTMENT" });
}

describe("a goodwill credit's lookup reads the customer's history back to the send", () => {
  it.each([
    ["pages of 10", { pageSize: 10 }],
    ["the default pages", {}],
  ])(
    "GIVEN our credit landed, the worker died, and the customer got 35 other credits before the reconciler looked WHEN it reconciles (%s) THEN it finds ours and the account is credited once",
    async (_label, creditLookup) => {
      const customer = addCustomer(standin.store(SHOP));
      const admin = quickClient(standin);
      const grant = { customerId: customer.id, amountMinor: 4_200, currency: "GBP", expiresAt: null, notify: false };
      const requestId = `busy-${Object.keys(creditLookup).length}`;
      await expect(storeCreditOnce(admin, crashAt(deps, "after-call"), SHOP, requestId, "goodwill", grant)).rejects.toBeInstanceOf(Crash);
      const ours = creditsOf(customer.id).find((c) => c.minor === 4_200)!;
      othersCredit(customer.id, 35);

      await reconcileShop(admin, { ...deps, creditLookup }, SHOP);
      await reconcileShop(admin, { ...deps, creditLookup }, SHOP);

      expect(creditsOf(customer.id).filter((c) => c.minor === 4_200)).toEqual([ours]);
      expect(creditsOf(customer.id)).toHaveLength(36);
      expect(await deps.operations.find(SHOP, operationKey(requestId, "goodwill"))).toMatchObject({ status: "succeeded", shopifyResultId: ours.id, attempts: 1 });
    },
  );

  it("GIVEN our credit's answer was lost and more credits arrived since than the page cap can read WHEN the reconciler looks THEN the operation goes to needs_review and nothing is sent again", async () => {
    const customer = addCustomer(standin.store(SHOP));
    const admin = quickClient(standin);
    const grant = { customerId: customer.id, amountMinor: 5_100, currency: "GBP", expiresAt: null, notify: false };
    await expect(storeCreditOnce(admin, crashAt(deps, "after-call"), SHOP, "capped", "goodwill", grant)).rejects.toBeInstanceOf(Crash);
    othersCredit(customer.id, 35);

    const outcome = await reconcileShop(admin, { ...deps, creditLookup: { pageSize: 10, maxPages: 3 } }, SHOP);
    await reconcileShop(admin, { ...deps, creditLookup: { pageSize: 10, maxPages: 3 } }, SHOP);

    expect(creditsOf(customer.id).filter((c) => c.minor === 5_100)).toHaveLength(1);
    const row = await deps.operations.find(SHOP, operationKey("capped", "goodwill"));
    expect(row).toMatchObject({ status: "needs_review", attempts: 1 });
    expect(row?.lastError).toContain("read 3 pages (30 transactions)");
    expect(outcome.errors).toEqual([]);
  });

  it("GIVEN a send that never reached Shopify and a customer with a long history older than the send WHEN the reconciler looks THEN it stops at the send's time, decides it did not land, and sends once", async () => {
    const customer = addCustomer(standin.store(SHOP));
    const admin = quickClient(standin);
    othersCredit(customer.id, 40);
    const grant = { customerId: customer.id, amountMinor: 6_300, currency: "GBP", expiresAt: null, notify: false };
    const key = operationKey("old-history", "goodwill");
    await deps.operations.begin(SHOP, { requestId: "old-history", step: "goodwill", idempotencyKey: key, kind: "store_credit", amountMinor: 6_300, currency: "GBP", input: grant, shopifyOrderId: null, shopifyTargetId: customer.id });
    // Claimed an hour after the old credits; the worker died before its request left.
    const later = new Date(Date.now() + 3_600_000);
    expect(await deps.operations.claimSend(SHOP, key, 0, later, { transactionIds: [] })).toBe(true);

    await reconcileShop(admin, { ...deps, now: () => new Date(later.getTime() + 60_000), creditLookup: { pageSize: 10, maxPages: 2 } }, SHOP);

    expect(creditsOf(customer.id).filter((c) => c.minor === 6_300)).toHaveLength(1);
    expect(await deps.operations.find(SHOP, key)).toMatchObject({ status: "succeeded", attempts: 2 });
  });

  it.each([
    ["within the page cap", "succeeded", {}],
    ["past the page cap", "needs_review", { pageSize: 10, maxPages: 2 }],
  ] as const)(
    "GIVEN our credit landed but its answer was lost, and 35 other credits arrived before the client looked WHEN the lookup runs %s THEN the credit is not sent again and the operation is %s",
    async (label, status, creditLookup) => {
      const customer = addCustomer(standin.store(SHOP));
      const admin = quickClient(standin);
      // The credit reaches Shopify, others' credits land, then the connection drops before the answer.
      const lossy = adminClient(async (query, options) => {
        const answer = await admin.graphql(query, options);
        if (query.includes("storeCreditAccountCredit(")) {
          othersCredit(customer.id, 35);
          throw new TypeError("fetch failed");
        }
        return answer;
      }, admin.policy);
      const grant = { customerId: customer.id, amountMinor: 7_700, currency: "GBP", expiresAt: null, notify: false };

      const outcome = await storeCreditOnce(lossy, { ...deps, creditLookup }, SHOP, `lost-${label}`, "goodwill", grant);

      expect(creditsOf(customer.id).filter((c) => c.minor === 7_700)).toHaveLength(1);
      expect(outcome).toMatchObject({ status, attempts: 1 });
    },
  );
});
