import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { reconcileShop, type MoneyDeps } from "../../app/jobs/money.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { adminClient } from "../../app/shopify/client.server";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { decidedRequest } from "../support/money-requests";

const SHOP = "lookups.myshopify.com";

describe.each(testProviders())("a money operation whose look at Shopify keeps failing, on %s", (provider) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await freshDatabase(provider);
  });
  afterAll(async () => database?.dispose());

  it("GIVEN a sent store credit whose effect cannot be looked up WHEN the reconciler keeps failing to look THEN it goes to needs_review after maxAttempts, never sent again", async () => {
    const operations = createOperationRepository(database.db);
    await decidedRequest(database.db, SHOP, "req-lookup", "GBP", 10_000);
    const key = `lookup-${provider}`;
    await operations.begin(SHOP, { requestId: "req-lookup", step: "credit", idempotencyKey: key, kind: "store_credit", amountMinor: 500, currency: "GBP", input: { customerId: "gid://shopify/Customer/9", amountMinor: 500, currency: "GBP", expiresAt: null, notify: false }, shopifyOrderId: null, shopifyTargetId: "gid://shopify/Customer/9" });
    // Sent once (the worker then died): only a look at Shopify can tell whether it landed.
    expect(await operations.claimSend(SHOP, key, 0, new Date(Date.now() - 3_600_000), { transactionIds: [] })).toBe(true);

    let calls = 0;
    const unreachable = adminClient(
      async () => {
        calls += 1;
        throw new TypeError("fetch failed");
      },
      { baseDelayMs: 1, maxDelayMs: 1, maxElapsedMs: 5 },
    );
    const deps: MoneyDeps = { operations, reconcileGraceMs: -60_000, maxAttempts: 3 };
    for (let run = 0; run < 4; run++) await reconcileShop(unreachable, deps, SHOP);

    const row = await operations.find(SHOP, key);
    expect(row?.status).toBe("needs_review");
    expect(row?.attempts).toBe(3);
    expect(row?.lastError).toContain("could not be asked");
    expect(calls).toBeGreaterThan(0);
    expect(await operations.unfinished(SHOP)).toEqual([]);
  });
  it("GIVEN a store credit never sent WHEN every read of Shopify before its send fails THEN each counts an attempt and after maxAttempts it goes to needs_review, never sent and never looping through the reconciler", async () => {
    const operations = createOperationRepository(database.db);
    await decidedRequest(database.db, SHOP, "req-presend", "GBP", 10_000);
    const key = `presend-${provider}`;
    await operations.begin(SHOP, { requestId: "req-presend", step: "credit", idempotencyKey: key, kind: "store_credit", amountMinor: 500, currency: "GBP", input: { customerId: "gid://shopify/Customer/9", amountMinor: 500, currency: "GBP", expiresAt: null, notify: false }, shopifyOrderId: null, shopifyTargetId: "gid://shopify/Customer/9" });

    const sent: string[] = [];
    const unreadable = adminClient(
      async (query) => {
        if (/^\s*mutation/.test(query)) sent.push(query);
        throw new TypeError("fetch failed");
      },
      { baseDelayMs: 1, maxDelayMs: 1, maxElapsedMs: 5 },
    );
    const deps: MoneyDeps = { operations, reconcileGraceMs: -60_000, maxAttempts: 3 };
    for (let run = 0; run < 4; run++) await reconcileShop(unreadable, deps, SHOP);

    const row = await operations.find(SHOP, key);
    expect(row).toMatchObject({ status: "needs_review", attempts: 3, sentAt: null });
    expect(row?.lastError).toContain("could not be read before sending");
    expect(sent).toEqual([]);
    expect((await operations.unfinished(SHOP)).map((o) => o.idempotencyKey)).not.toContain(key);
  });
});

