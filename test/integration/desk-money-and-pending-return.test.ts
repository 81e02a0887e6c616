import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { detailView, homeView, shopifyReturnState } from "../../app/desk/views.server";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository, type RequestInput } from "../../app/repositories/requests.server";
import { freshDatabase, testProviders, type Provider, type TestDatabase } from "../support/databases";

const SHOP = "money-shown.myshopify.com";

const input = (orderName: string, currency: string): RequestInput => ({
  orderId: `gid://shopify/Order/${orderName.slice(1)}`,
  orderName,
  customerName: "Ada Lovelace",
  kind: "return",
  currency,
  lines: [{ lineItemId: `gid://shopify/LineItem/${orderName.slice(1)}`, title: "Gold hoop", quantity: 1, reason: "changed_mind" }],
});

describe.each(testProviders())("the desk's amounts and a return Shopify has not opened (%s)", (provider: Provider) => {
  let database: TestDatabase;
  const deps = () => ({ requests: createRequestRepository(database.db), desk: createDeskRepository(database.db), operations: createOperationRepository(database.db) });

  beforeAll(async () => {
    database = await freshDatabase(provider);
    await database.db.shop.create({ data: { domain: SHOP, currency: "GBP", country: "GB", timezone: "Europe/London" } });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("GIVEN refunds and credit this month in GBP, JPY and KWD WHEN the home is read in en-GB THEN each total reads as money in its currency, not '44.10 GBP'", async () => {
    const { requests, desk } = deps();
    const at = new Date();
    for (const [name, currency, type, minor] of [
      ["#1001", "GBP", "refunded", 4410],
      ["#1002", "JPY", "refunded", 1250],
      ["#1003", "KWD", "credited", 41175],
    ] as const) {
      const request = await requests.create(SHOP, input(name, currency));
      await desk.record(SHOP, { requestId: request.id, type, actor: "merchant", staffId: "1", staffName: "Staff 1", message: "sent", amountMinor: minor, currency, data: {}, at });
    }
    const home = await homeView(deps(), SHOP, "Europe/London", at, "en-GB");
    expect(home.figures.refunds.sort()).toEqual(["JP¥1,250", "£44.10"].sort());
    expect(home.figures.credit.map((t) => t.replace(/\u00a0/g, " "))).toEqual(["KWD 41.175"]);
  });

  it("GIVEN Shopify refused the return at submit and a retry is due WHEN the desk reads the request THEN the detail says why, how often and when next, and the list row carries it", async () => {
    const { requests, desk } = deps();
    const request = await requests.create(SHOP, input("#1004", "GBP"));
    const retryAt = new Date(Date.now() + 4 * 60_000);
    expect(await requests.returnNotOpened(SHOP, request.id, "Return quantity exceeds the fulfilled quantity.", retryAt)).toBe(true);
    const pending = (await requests.find(SHOP, request.id))!;
    const view = await detailView(deps(), SHOP, pending, "en-GB");
    expect(view.request.shopifyReturn).toEqual({ state: "retrying", reason: "Return quantity exceeds the fulfilled quantity.", attempts: 1, retryAt: retryAt.toISOString() });
    const row = (await desk.list(SHOP, { status: ["requested"], q: "#1004" })).rows.find((r) => r.id === request.id);
    expect(row && shopifyReturnState(row)).toEqual({ state: "retrying", reason: "Return quantity exceeds the fulfilled quantity.", attempts: 1, retryAt: retryAt.toISOString() });

    // The worker gives up (no next attempt): the desk says it stopped, after how many attempts.
    await requests.returnNotOpened(SHOP, request.id, "Shopify could not be reached to open the return.", null);
    const stopped = await detailView(deps(), SHOP, (await requests.find(SHOP, request.id))!, "en-GB");
    expect(stopped.request.shopifyReturn).toEqual({ state: "stopped", reason: "Shopify could not be reached to open the return.", attempts: 2, retryAt: null });

    // Once Shopify opens it, nothing is shown.
    await requests.linkReturn(SHOP, request.id, "gid://shopify/Return/77");
    const open = await detailView(deps(), SHOP, (await requests.find(SHOP, request.id))!, "en-GB");
    expect(open.request.shopifyReturn).toBeNull();
  });
});
