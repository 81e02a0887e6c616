import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { evaluateScenario, parseMinorUnits, PRESET_DOCUMENTS, type Decision, type PolicyInput, type ScenarioInput } from "../../app/domain";
import { formatMoneyIn } from "../../app/domain/money";
import { processReturnOnce, reconcileShop, refundOnce, storeCreditOnce, type MoneyDeps } from "../../app/jobs/money.server";
import { createOperationRepository, MoneyCeilingError } from "../../app/repositories/operations.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { adminClient, type AdminClient } from "../../app/shopify/client.server";
import { fetchOrderForDecision } from "../../app/shopify/orders.server";
import { approveReturn, fetchReturn, fetchReturnableLines, requestReturn } from "../../app/shopify/returns.server";
import { startStandin, type RunningStandin } from "../standin";
import { minorOf } from "../standin/money";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import type { OrderRec, ShopStore } from "../standin/store";
import { payloadFor } from "../standin/webhook-payloads";
import { freshDatabase, type TestDatabase } from "../support/databases";
import { libraryGraphql, SCOPES } from "./gateway-standin";
import { routeShopTrafficTo } from "../../app/shopify/admin-origin.server";

/**
 * The money path in the shopper's currency, end to end against the stand-in: Shopify's order
 * (presentment money) → the engine's decision → a request whose decision is its money ceiling →
 * refunds and store credit in that currency, never converted, never above the ceiling.
 */
const GBP_SHOP = "money-gbp.myshopify.com";
const JPY_SHOP = "money-jpy.myshopify.com";
const KWD_SHOP = "money-kwd.myshopify.com";

let standin: RunningStandin;
let database: TestDatabase;
let deps: MoneyDeps;
const requests = () => createRequestRepository(database.db);

beforeAll(async () => {
  [standin, database] = await Promise.all([
    startStandin({
      apiKey: "aftercare-test-key",
      apiSecret: "aftercare-test-secret",
      appUrl: "http://127.0.0.1:9",
      scopes: SCOPES,
      webhooks: { subscriptions: [] },
      shops: [
        { myshopifyDomain: GBP_SHOP, currencyCode: "GBP", ianaTimezone: "Europe/London", countryCode: "GB", enabledPresentmentCurrencies: ["GBP", "EUR"] },
        { myshopifyDomain: JPY_SHOP, currencyCode: "JPY", ianaTimezone: "Asia/Tokyo", countryCode: "JP", enabledPresentmentCurrencies: ["JPY"] },
        { myshopifyDomain: KWD_SHOP, currencyCode: "KWD", ianaTimezone: "Asia/Kuwait", countryCode: "KW", enabledPresentmentCurrencies: ["KWD"] },
      ],
    }),
    freshDatabase("sqlite"),
  ]);
  routeShopTrafficTo(standin.origin);
  deps = { operations: createOperationRepository(database.db), reconcileGraceMs: -1_000 };
});
afterAll(async () => {
  await standin?.close();
  await database?.dispose();
});

function admin(shop: string): AdminClient {
  return adminClient(libraryGraphql(standin, shop), { baseDelayMs: 5, maxDelayMs: 40, maxElapsedMs: 20_000 });
}

/** What the engine decides for a return of the given lines of a Shopify order, read through the gateway. */
async function decideReturn(client: AdminClient, order: OrderRec, lines: { index: number; quantity: number }[], options: { now: string; reason?: "changed_mind" | "defective"; preferred?: "refund" | "store_credit" }): Promise<Decision> {
  const read = await fetchOrderForDecision(client, order.id);
  const scenario: ScenarioInput = {
    id: order.name,
    preset: "uk-jeweller",
    now: options.now,
    shop: read.shop,
    order: read.order,
    request: {
      kind: "return",
      preferredResolution: options.preferred ?? null,
      lines: lines.map((l) => ({
        lineId: order.lineItems[l.index].id,
        quantity: l.quantity,
        reason: options.reason ?? "defective",
        condition: { used: false, worn: false, tagsAttached: true, originalPackaging: true, packagingOpened: false },
      })),
      proofOfPurchase: true,
      photos: 1,
    },
  };
  return evaluateScenario(scenario);
}

/** A request recording the decision: its refund total becomes the request's money ceiling. */
async function requestFor(shop: string, order: OrderRec, decision: Decision) {
  return requests().create(shop, {
    orderId: order.id,
    orderName: order.name,
    kind: "return",
    currency: order.presentmentCurrencyCode,
    decision,
    lines: decision.lines.map((l) => ({ lineItemId: l.lineId, quantity: 1, reason: "defective" })),
  });
}

function refundsOf(store: ShopStore, orderId: string) {
  return store.refunds.filter((r) => r.orderId === orderId);
}

function delivered(store: ShopStore, lines: { title: string; price: number; productType: string; quantity?: number }[], shipping: number, extra: Partial<Parameters<typeof addPaidOrder>[1]> = {}) {
  const customer = addCustomer(store);
  const order = addPaidOrder(store, {
    customer,
    lines: lines.map((l) => ({ variant: addProduct(store, { title: l.title, price: l.price, productType: l.productType }).variant, quantity: l.quantity ?? 1 })),
    shipping,
    createdAt: "2026-11-02T10:00:00Z",
    deliveredAt: "2026-11-05T10:00:00Z",
    ...extra,
  });
  return { customer, order };
}

describe("money in the shopper's currency", () => {
  it("GIVEN a EUR customer of a GBP shop WHEN a faulty item is refunded THEN the decision and the refund are in EUR, to the cent, and the shop's books convert it", async () => {
    const store = standin.store(GBP_SHOP);
    const customer = addCustomer(store);
    const cuff = addProduct(store, { title: "Silver cuff", price: 8_000, productType: "Bracelets" });
    // The shopper paid €95.00 for the cuff and €5.90 delivery; the shop books £0.85 per euro.
    const order = addPaidOrder(store, {
      customer,
      lines: [{ variant: cuff.variant, quantity: 1, unitPrice: 9_500 }],
      shipping: 590,
      createdAt: "2026-11-02T10:00:00Z",
      deliveredAt: "2026-11-05T10:00:00Z",
      presentment: { currencyCode: "EUR", rate: "0.85" },
    });
    const client = admin(GBP_SHOP);

    const read = await fetchOrderForDecision(client, order.id);
    expect(read.shop.currency).toBe("GBP");
    expect(read.order).toMatchObject({ currency: "EUR", shippingCharged: "5.90" });
    expect(read.order.lines[0].unitPrice).toBe("95.00");
    const decision = await decideReturn(client, order, [{ index: 0, quantity: 1 }], { now: "2026-11-10T12:00:00Z" });
    expect(decision.refund).toMatchObject({ currency: "EUR", items: "95.00", shipping: "5.90", total: "100.90" });

    const request = await requestFor(GBP_SHOP, order, decision);
    const outcome = await refundOnce(client, deps, GBP_SHOP, request.id, "refund", {
      orderId: order.id, currency: "EUR", lines: [{ lineItemId: order.lineItems[0].id, quantity: 1, restock: false }],
      toPaymentMinor: 10_090, storeCreditMinor: 0, storeCreditExpiresAt: null, shippingMinor: 590, notify: false,
    });

    expect(outcome).toMatchObject({ status: "succeeded", amountMinor: 10_090, currency: "EUR" });
    const [refund] = refundsOf(store, order.id);
    const tx = store.find(refund.transactionIds[0], "OrderTransaction")!;
    expect(tx.amountSet.presentmentMoney).toEqual({ __typename: "MoneyV2", amount: "100.9", currencyCode: "EUR" });
    // £85.77 = €100.90 × 0.85, rounded to the penny: Shopify's side, not what the shopper gets.
    expect(tx.amountSet.shopMoney).toEqual({ __typename: "MoneyV2", amount: "85.77", currencyCode: "GBP" });
    expect(minorOf(refund.refundShippingLines[0].subtotalAmountSet)).toBe(590);
  });

  it("GIVEN a GBP refund asked for a EUR order THEN Shopify's rule holds: the refund is refused, nothing moves", async () => {
    const store = standin.store(GBP_SHOP);
    const { order } = delivered(store, [{ title: "Ring", price: 5_000, productType: "Rings" }], 0, { presentment: { currencyCode: "EUR", rate: "0.85" } });
    const client = admin(GBP_SHOP);
    const decision = await decideReturn(client, order, [{ index: 0, quantity: 1 }], { now: "2026-11-10T12:00:00Z" });
    const request = await requestFor(GBP_SHOP, order, decision);
    await expect(
      refundOnce(client, deps, GBP_SHOP, request.id, "refund", {
        orderId: order.id, currency: "GBP", lines: [], toPaymentMinor: 100, storeCreditMinor: 0, storeCreditExpiresAt: null, shippingMinor: 0, notify: false,
      }),
    ).rejects.toBeInstanceOf(MoneyCeilingError);
    expect(refundsOf(store, order.id)).toEqual([]);
  });

  for (const { shop, currency, price, shipping, items, total, printed } of [
    { shop: JPY_SHOP, currency: "JPY", price: 12_500, shipping: 800, items: "12500", total: "13300", printed: "13300.0" },
    { shop: KWD_SHOP, currency: "KWD", price: 41_175, shipping: 1_500, items: "41.175", total: "42.675", printed: "42.675" },
  ]) {
    it(`GIVEN a ${currency} shop WHEN a whole order is returned and refunded, and another refunded as store credit THEN every amount is exact in ${currency}`, async () => {
      const store = standin.store(shop);
      const client = admin(shop);
      const { order } = delivered(store, [{ title: "Pearl pendant", price, productType: "Necklaces" }], shipping);
      // Shopify prints the price as it does for the currency, and the gateway reads it back exactly.
      expect(order.lineItems[0].originalUnitPriceSet.presentmentMoney.amount).toBe(currency === "JPY" ? "12500.0" : "41.175");

      const decision = await decideReturn(client, order, [{ index: 0, quantity: 1 }], { now: "2026-11-10T12:00:00Z" });
      expect(decision.refund).toMatchObject({ currency, items, total });
      const request = await requestFor(shop, order, decision);
      const returnable = await fetchReturnableLines(client, order.id);
      const requested = await requestReturn(client, order.id, [{ fulfillmentLineItemId: returnable[0].fulfillmentLineItemId, quantity: 1, reason: "defective" }]);
      await approveReturn(client, requested.id);
      const state = await fetchReturn(client, requested.id);
      const totalMinor = parseMinorUnits(total, currency);
      const processed = await processReturnOnce(client, deps, shop, request.id, "process", {
        returnId: requested.id, orderId: order.id, currency, lines: [{ returnLineItemId: state.lines[0].id, quantity: 1 }],
        toPaymentMinor: totalMinor, storeCreditMinor: 0, storeCreditExpiresAt: null, shippingMinor: shipping, notify: false,
      });
      expect(processed).toMatchObject({ status: "succeeded", amountMinor: totalMinor });
      const [refund] = refundsOf(store, order.id);
      expect(store.refundTotal(refund)).toBe(totalMinor);
      expect(store.find(refund.transactionIds[0], "OrderTransaction")?.amountSet.presentmentMoney).toMatchObject({ amount: printed, currencyCode: currency });

      // A second order, refunded as store credit: the customer's account is in the same currency.
      const second = delivered(store, [{ title: "Pearl pendant", price, productType: "Necklaces" }], shipping);
      const creditDecision = await decideReturn(client, second.order, [{ index: 0, quantity: 1 }], { now: "2026-11-10T12:00:00Z" });
      const creditRequest = await requestFor(shop, second.order, creditDecision);
      const credited = await refundOnce(client, deps, shop, creditRequest.id, "refund", {
        orderId: second.order.id, currency, lines: [{ lineItemId: second.order.lineItems[0].id, quantity: 1, restock: true }],
        toPaymentMinor: 0, storeCreditMinor: totalMinor, storeCreditExpiresAt: null, shippingMinor: shipping, notify: false,
      });
      expect(credited.status).toBe("succeeded");
      const account = store.storeCreditAccount(second.customer.id, currency)!;
      expect(account.transactions.map((t) => t.amount)).toEqual([{ __typename: "MoneyV2", amount: printed, currencyCode: currency }]);
    });
  }

  it("GIVEN two faulty returns from one order THEN delivery is refunded with the first only", async () => {
    const store = standin.store(GBP_SHOP);
    const client = admin(GBP_SHOP);
    const { order } = delivered(store, [{ title: "Silver bangle", price: 8_000, productType: "Bracelets" }, { title: "Silver ring", price: 6_000, productType: "Rings" }], 495);

    const first = await decideReturn(client, order, [{ index: 0, quantity: 1 }], { now: "2026-11-10T12:00:00Z" });
    expect(first.refund).toMatchObject({ items: "80.00", shipping: "4.95", total: "84.95" });
    const firstRequest = await requestFor(GBP_SHOP, order, first);
    await refundOnce(client, deps, GBP_SHOP, firstRequest.id, "refund", {
      orderId: order.id, currency: "GBP", lines: [{ lineItemId: order.lineItems[0].id, quantity: 1, restock: false }],
      toPaymentMinor: 8_495, storeCreditMinor: 0, storeCreditExpiresAt: null, shippingMinor: 495, notify: false,
    });

    // The order now shows the delivery refunded: the second faulty return gives the ring back only.
    const read = await fetchOrderForDecision(client, order.id);
    expect(read.order.shippingRefunded).toBe("4.95");
    const second = await decideReturn(client, order, [{ index: 1, quantity: 1 }], { now: "2026-11-11T12:00:00Z" });
    expect(second.refund).toMatchObject({ items: "60.00", shipping: "0.00", total: "60.00" });
  });

  it("GIVEN an order shipped but never marked delivered WHEN asked about after fulfilment + 14 + 30 days THEN the return is refused as late", async () => {
    const store = standin.store(GBP_SHOP);
    const client = admin(GBP_SHOP);
    const { order } = delivered(store, [{ title: "Silver bangle", price: 8_000, productType: "Bracelets" }], 0, { createdAt: "2026-02-20T10:00:00Z", deliveredAt: null });
    const read = await fetchOrderForDecision(client, order.id);
    expect(read.order).toMatchObject({ deliveredAt: null, fulfilledAt: "2026-02-20T10:00:00Z" });

    // Fulfilled 20 February: receipt is taken as 6 March, so the 30-day window ends 5 April.
    const inTime = await decideReturn(client, order, [{ index: 0, quantity: 1 }], { now: "2026-04-05T12:00:00Z", reason: "changed_mind" });
    expect(inTime.lines[0]).toMatchObject({ eligible: true });
    const late = await decideReturn(client, order, [{ index: 0, quantity: 1 }], { now: "2026-04-06T12:00:00Z", reason: "changed_mind" });
    expect(late.lines[0]).toMatchObject({ eligible: false, blockers: ["window_expired"] });
    expect(late.refund).toBeNull();
  });

  it("GIVEN a request decided at £84.95 WHEN a second step would refund or credit past it THEN it is refused, nothing is recorded or sent, until the merchant records an override", async () => {
    const store = standin.store(GBP_SHOP);
    const client = admin(GBP_SHOP);
    const { order, customer } = delivered(store, [{ title: "Silver bangle", price: 8_000, productType: "Bracelets" }], 495);
    const decision = await decideReturn(client, order, [{ index: 0, quantity: 1 }], { now: "2026-11-10T12:00:00Z" });
    const request = await requestFor(GBP_SHOP, order, decision);
    expect(request.money.decidedMinor).toBe(8_495);
    await refundOnce(client, deps, GBP_SHOP, request.id, "refund", {
      orderId: order.id, currency: "GBP", lines: [{ lineItemId: order.lineItems[0].id, quantity: 1, restock: false }],
      toPaymentMinor: 8_495, storeCreditMinor: 0, storeCreditExpiresAt: null, shippingMinor: 495, notify: false,
    });
    const creditsBefore = store.storeCreditAccounts.length;

    // A retried step under a new name: the ceiling, not Shopify, stops it.
    const grant = { customerId: customer.id, amountMinor: 1_000, currency: "GBP", expiresAt: null, notify: false };
    const refused = await storeCreditOnce(client, deps, GBP_SHOP, request.id, "goodwill-retry", grant).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MoneyCeilingError);
    expect((refused as MoneyCeilingError).figures).toMatchObject({ ceilingMinor: 8_495, committedMinor: 8_495, askedMinor: 1_000, currency: "GBP" });
    expect((await deps.operations.forRequest(GBP_SHOP, request.id)).map((o) => o.step)).toEqual(["refund"]);
    expect(store.storeCreditAccounts.length).toBe(creditsBefore);
    expect(refundsOf(store, order.id)).toHaveLength(1);

    // The merchant allows £10.00 more, recorded with who and why: the same credit now goes through.
    expect(await requests().recordMoneyOverride(GBP_SHOP, request.id, { minor: 1_000, reason: "Goodwill for the wait", by: "owner@example.com" }, new Date())).toBe(true);
    expect((await requests().find(GBP_SHOP, request.id))?.money.override).toMatchObject({ minor: 1_000, reason: "Goodwill for the wait" });
    const credited = await storeCreditOnce(client, deps, GBP_SHOP, request.id, "goodwill-retry", grant);
    expect(credited.status).toBe("succeeded");
    // And not a penny more.
    await expect(storeCreditOnce(client, deps, GBP_SHOP, request.id, "goodwill-again", { ...grant, amountMinor: 1 })).rejects.toBeInstanceOf(MoneyCeilingError);
  });

  it("GIVEN a pending refund WHEN its request is cancelled before the reconciler runs THEN nothing is sent", async () => {
    const store = standin.store(GBP_SHOP);
    const client = admin(GBP_SHOP);
    const { order } = delivered(store, [{ title: "Silver ring", price: 6_000, productType: "Rings" }], 0);
    const decision = await decideReturn(client, order, [{ index: 0, quantity: 1 }], { now: "2026-11-10T12:00:00Z" });
    const request = await requestFor(GBP_SHOP, order, decision);
    const crashing: MoneyDeps = { ...deps, crash: (point) => { if (point === "before-call") throw new Error("worker died"); } };
    await expect(refundOnce(client, crashing, GBP_SHOP, request.id, "refund", {
      orderId: order.id, currency: "GBP", lines: [{ lineItemId: order.lineItems[0].id, quantity: 1, restock: false }],
      toPaymentMinor: 6_000, storeCreditMinor: 0, storeCreditExpiresAt: null, shippingMinor: 0, notify: false,
    })).rejects.toThrow("worker died");
    expect(await requests().advance(GBP_SHOP, request.id, "cancelled")).toBe(true);

    await reconcileShop(client, deps, GBP_SHOP);

    const [operation] = await deps.operations.forRequest(GBP_SHOP, request.id);
    expect(operation).toMatchObject({ status: "failed", attempts: 0 });
    expect(refundsOf(store, order.id)).toEqual([]);
  });

  it("GIVEN a refund whose items differ from Shopify's suggested refund by more than a minor unit per line THEN it is held with both figures and not sent", async () => {
    const store = standin.store(GBP_SHOP);
    const client = admin(GBP_SHOP);
    const { order } = delivered(store, [{ title: "Silver ring", price: 6_000, productType: "Rings" }], 0);
    await requests().create(GBP_SHOP, { orderId: order.id, orderName: order.name, kind: "return", currency: "GBP", decision: { refund: { total: "60.00", currency: "GBP" } }, lines: [{ lineItemId: order.lineItems[0].id, quantity: 1, reason: "defective" }] }).then(async (request) => {
      const held = await refundOnce(client, deps, GBP_SHOP, request.id, "refund", {
        orderId: order.id, currency: "GBP", lines: [{ lineItemId: order.lineItems[0].id, quantity: 1, restock: false }],
        toPaymentMinor: 5_500, storeCreditMinor: 0, storeCreditExpiresAt: null, shippingMinor: 0, notify: false,
      });
      expect(held.status).toBe("needs_review");
      expect(held.lastError).toContain("£55.00");
      expect(held.lastError).toContain("£60.00");
      expect(refundsOf(store, order.id)).toEqual([]);
    });
  });

  it("GIVEN a staggered promotion the policy names by title WHEN a line it touched is returned THEN the order mapping marks it staggered and the refund is the lowest net unit price it gave", async () => {
    const store = standin.store(KWD_SHOP);
    const client = admin(KWD_SHOP);
    const customer = addCustomer(store);
    const ring = addProduct(store, { title: "Gold ring", price: 20_000, productType: "Rings" });
    const bangle = addProduct(store, { title: "Gold bangle", price: 30_000, productType: "Bracelets" });
    // "Buy more, save more": 10% off the ring (2.000), 20% off the bangle (6.000).
    const order = addPaidOrder(store, {
      customer,
      lines: [{ variant: ring.variant, quantity: 1, discount: 2_000 }, { variant: bangle.variant, quantity: 1, discount: 6_000 }],
      shipping: 0,
      createdAt: "2026-11-02T10:00:00Z",
      deliveredAt: "2026-11-05T10:00:00Z",
    });
    order.discountCodes = [];
    order.discountApplications = [{ __typename: "AutomaticDiscountApplication", index: 0, title: "Eid Tiers", allocationMethod: "ACROSS", targetSelection: "ALL", targetType: "LINE_ITEM", value: { __typename: "PricingPercentageValue", percentage: 20 } }];

    const policy = structuredClone(PRESET_DOCUMENTS["gulf-boutique"]) as PolicyInput;
    policy.discounts.staggeredRefundLowest.promotions = ["eid tiers"];
    const decideWith = async (staggeredPromotions: string[]) => {
      const read = await fetchOrderForDecision(client, order.id, { staggeredPromotions });
      return {
        read,
        decision: evaluateScenario({
          id: "staggered",
          policy,
          now: "2026-11-10T12:00:00Z",
          shop: read.shop,
          order: read.order,
          request: {
            kind: "return",
            lines: [{ lineId: order.lineItems[1].id, quantity: 1, reason: "changed_mind", condition: { used: false, worn: false, tagsAttached: true, originalPackaging: true, packagingOpened: false } }],
            proofOfPurchase: true,
            photos: 0,
          },
        } satisfies ScenarioInput),
      };
    };

    const named = await decideWith(policy.discounts.staggeredRefundLowest.promotions ?? []);
    expect(named.read.order.discounts).toEqual([{ id: "Eid Tiers", kind: "staggered", value: "20", minimumSubtotal: null }]);
    expect(named.decision.refund).toMatchObject({ currency: "KWD", items: "18.000" });

    // Not named by the policy: an ordinary percentage discount, and the bangle's own net price back.
    const unnamed = await decideWith([]);
    expect(unnamed.read.order.discounts[0].kind).toBe("percentage");
    expect(unnamed.decision.refund).toMatchObject({ items: "24.000" });
  });

  it("GIVEN a EUR order of a GBP shop WHEN Shopify prints it THEN GraphQL carries both currencies and the REST webhook books it in pounds", async () => {
    const store = standin.store(GBP_SHOP);
    const { order } = delivered(store, [{ title: "Ring", price: 10_000, productType: "Rings" }], 0, { presentment: { currencyCode: "EUR", rate: "0.85" } });
    const response = await libraryGraphql(standin, GBP_SHOP)(`query O($id: ID!) { order(id: $id) { currencyCode presentmentCurrencyCode totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } } } }`, { variables: { id: order.id } });
    const body = (await response.json()) as { data: { order: unknown } };
    expect(body.data.order).toEqual({
      currencyCode: "GBP",
      presentmentCurrencyCode: "EUR",
      totalPriceSet: { shopMoney: { amount: "85.0", currencyCode: "GBP" }, presentmentMoney: { amount: "100.0", currencyCode: "EUR" } },
    });
    const payload = payloadFor(store, "orders/updated", order);
    expect(payload).toMatchObject({ currency: "GBP", presentment_currency: "EUR", total_price: "85.0" });
  });

  it("GIVEN a return whose processing would refund other than Shopify's figure for its lines THEN the processing is held with both figures and the return stays open", async () => {
    const store = standin.store(KWD_SHOP);
    const client = admin(KWD_SHOP);
    const { order } = delivered(store, [{ title: "Pearl pendant", price: 41_175, productType: "Necklaces" }], 0);
    const request = await requests().create(KWD_SHOP, { orderId: order.id, orderName: order.name, kind: "return", currency: "KWD", decision: { refund: { total: "45.000", currency: "KWD" } }, lines: [{ lineItemId: order.lineItems[0].id, quantity: 1, reason: "defective" }] });
    const returnable = await fetchReturnableLines(client, order.id);
    const requested = await requestReturn(client, order.id, [{ fulfillmentLineItemId: returnable[0].fulfillmentLineItemId, quantity: 1, reason: "defective" }]);
    await approveReturn(client, requested.id);
    const state = await fetchReturn(client, requested.id);

    const held = await processReturnOnce(client, deps, KWD_SHOP, request.id, "process", {
      returnId: requested.id, orderId: order.id, currency: "KWD", lines: [{ returnLineItemId: state.lines[0].id, quantity: 1 }],
      toPaymentMinor: 45_000, storeCreditMinor: 0, storeCreditExpiresAt: null, shippingMinor: 0, notify: false,
    });

    expect(held).toMatchObject({ status: "needs_review", attempts: 0 });
    expect(held.lastError).toContain(formatMoneyIn(45_000, "KWD", "en"));
    expect(held.lastError).toContain(formatMoneyIn(41_175, "KWD", "en"));
    expect((await fetchReturn(client, requested.id)).status).toBe("OPEN");
    expect(refundsOf(store, order.id)).toEqual([]);
  });
});
