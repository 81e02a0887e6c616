import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { operationKey, storeCreditOnce, type MoneyDeps } from "../../app/jobs/money.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { adminClient } from "../../app/shopify/client.server";
import { InputLimitError, SHOPIFY_LIMITS } from "../../app/shopify/limits";
import { declineReturn, fetchReturnableLines, requestReturn } from "../../app/shopify/returns.server";
import type { RunningStandin } from "../standin";
import { graphqlDocumentsIn } from "../standin/graphql-documents";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { freshDatabase, type TestDatabase } from "../support/databases";
import { withDecidedRequests } from "../support/money-requests";
import { gatewayStandin, libraryGraphql, SHOP } from "./gateway-standin";

/**
 * The app checks the limits the 2026-10 schema states before it calls Shopify, so a shopper or
 * merchant gets a message they can act on and nothing reaches Shopify.
 */
let standin: RunningStandin;
let database: TestDatabase;
let deps: MoneyDeps;

beforeAll(async () => {
  [standin, database] = await Promise.all([gatewayStandin(), freshDatabase("sqlite")]);
  // Requests decided with room to spare: these tests are about Shopify's limits, not the ceiling.
  deps = { operations: withDecidedRequests(database.db, createOperationRepository(database.db)) };
});
afterAll(async () => {
  await standin?.close();
  await database?.dispose();
});

function graphqlCalls(): number {
  return standin.requests.filter((r) => r.path.endsWith("/graphql.json")).length;
}

describe("limits checked before calling Shopify", () => {
  it("GIVEN a shopper's note of 301 characters WHEN a return is requested THEN InputLimitError says how to fix it and Shopify is not called", async () => {
    const store = standin.store(SHOP);
    const order = addPaidOrder(store, { customer: addCustomer(store), lines: [{ variant: addProduct(store, { title: "Ring", price: 9_000 }).variant, quantity: 1 }] });
    const admin = adminClient(libraryGraphql(standin));
    const [line] = await fetchReturnableLines(admin, order.id);
    const before = graphqlCalls();

    const error = await requestReturn(admin, order.id, [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, reason: "other", customerNote: "é".repeat(301) }]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InputLimitError);
    expect((error as InputLimitError).message).toBe("Your note is 301 characters long. Please shorten it to 300 characters or fewer.");
    expect(graphqlCalls()).toBe(before);
    // Exactly at the limit, the request goes through and Shopify accepts it.
    const made = await requestReturn(admin, order.id, [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, reason: "other", customerNote: "é".repeat(300) }]);
    expect(made.status).toBe("REQUESTED");

    const decline = await declineReturn(admin, made.id, { reason: "OTHER", note: "n".repeat(501) }).catch((e: unknown) => e);
    expect(decline).toBeInstanceOf(InputLimitError);
    expect((decline as InputLimitError).message).toMatch(/501 characters long; Shopify sends at most 500/);
    expect(store.find(made.id, "Return")?.status).toBe("REQUESTED");
  });

  it("GIVEN an account at Shopify's credit limit WHEN goodwill credit is issued THEN the operation fails with a message the merchant can act on", async () => {
    const store = standin.store(SHOP);
    const customer = addCustomer(store);
    store.storeCreditLimitMinor.GBP = 5_000;
    try {
      const admin = adminClient(libraryGraphql(standin));
      const outcome = await storeCreditOnce(admin, deps, SHOP, "limit", "goodwill", { customerId: customer.id, amountMinor: 5_001, currency: "GBP", expiresAt: null, notify: false });
      expect(outcome).toMatchObject({ status: "failed", idempotencyKey: operationKey("limit", "goodwill") });
      expect(outcome.lastError).toMatch(/over Shopify's limit for the account\. Issue a smaller amount/);
    } finally {
      delete store.storeCreditLimitMinor.GBP;
    }
  });

  it("GIVEN every document under app/ WHEN its page sizes are read THEN none asks for more than 250", () => {
    const sizes = graphqlDocumentsIn("app").flatMap((d) => [...d.text.matchAll(/\b(?:first|last):\s*(\d+)/g)].map((m) => [d.name, Number(m[1])] as const));
    expect(sizes.length).toBeGreaterThan(10);
    expect(sizes.filter(([, n]) => n > SHOPIFY_LIMITS.pageSize)).toEqual([]);
  });
});
