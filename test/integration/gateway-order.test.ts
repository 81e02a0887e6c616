import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { orderSchema } from "../../app/domain/scenario";
import { refundOnce } from "../../app/jobs/money.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { adminClient } from "../../app/shopify/client.server";
import { shareOfMinor } from "../../app/domain/money";
import { decidedRequest } from "../support/money-requests";
import { fetchOrderForDecision, LINE_PAGE_SIZE } from "../../app/shopify/orders.server";
import { approveReturn, fetchReturnableLines, requestReturn } from "../../app/shopify/returns.server";
import type { RunningStandin } from "../standin";
import { addCodeDiscount, addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { freshDatabase, type TestDatabase } from "../support/databases";
import { gatewayStandin, libraryGraphql, SHOP } from "./gateway-standin";

let standin: RunningStandin;
let database: TestDatabase;

beforeAll(async () => {
  [standin, database] = await Promise.all([gatewayStandin(), freshDatabase("sqlite")]);
});
afterAll(async () => {
  await standin?.close();
  await database?.dispose();
});

function metafield(store: ReturnType<RunningStandin["store"]>, key: string, type: string, value: string) {
  const now = store.timestamp();
  return { __typename: "Metafield" as const, id: store.nextId("Metafield"), namespace: "custom", key, type, value, createdAt: now, updatedAt: now, ownerType: "PRODUCT" };
}

describe("fetchOrderForDecision against the stand-in", () => {
  it("GIVEN a delivered order with a discount, a compare-at price, properties and metafields WHEN read THEN the domain order holds each to the minor unit", async () => {
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" });
    const ring = addProduct(store, { title: "Solitaire ring", price: 125_000, productType: "Ring", tags: ["fine", "gold"] });
    ring.variant.compareAtPrice = "1500.00";
    ring.product.metafields.push(metafield(store, "adjustable", "boolean", "true"));
    const studs = addProduct(store, { title: "Crystal studs", price: 4_999, productType: "Earrings" });
    studs.product.metafields.push(metafield(store, "crystal_count", "number_integer", "24"));
    const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }, { variant: studs.variant, quantity: 2, discount: 1_000 }], shipping: 495, deliveredAt: "2026-11-20T10:00:00Z", createdAt: "2026-11-18T09:30:00Z" });
    order.lineItems[0].customAttributes.push({ __typename: "Attribute", key: "Engraving", value: "A & B" });

    const admin = adminClient(libraryGraphql(standin));
    const read = await fetchOrderForDecision(admin, order.id);

    expect(read.shop).toEqual({ country: "GB", timezone: "Europe/London", currency: "GBP" });
    expect(read.customer).toEqual({ id: customer.id, name: "Ada Lovelace", email: "ada@example.com" });
    expect(read.order).toMatchObject({ placedAt: "2026-11-18T09:30:00Z", deliveredAt: "2026-11-20T10:00:00Z", shippingCharged: "4.95" });
    expect(read.order.lines).toEqual([
      expect.objectContaining({ id: order.lineItems[0].id, productType: "Ring", tags: ["fine", "gold"], quantity: 1, unitPrice: "1250.00", compareAtUnitPrice: "1500.00", properties: { Engraving: "A & B" }, metafields: { adjustable: true }, discountAllocations: [] }),
      expect.objectContaining({ id: order.lineItems[1].id, quantity: 2, unitPrice: "49.99", compareAtUnitPrice: null, metafields: { crystal_count: 24 }, discountAllocations: [{ discountId: expect.any(String), amount: "10.00" }] }),
    ]);
    // The domain's own schema accepts it unchanged.
    expect(orderSchema.parse(read.order)).toEqual(read.order);
  });

  it("GIVEN an order discounted by a code with a minimum spend WHEN read THEN the discount carries the minimum, so the engine can re-check it", async () => {
    const store = standin.store(SHOP);
    // sample-shop orders with a discount use the code WELCOME10.
    if (!store.discounts.some((d) => d.discount.codes?.some((c) => c.code === "WELCOME10"))) {
      addCodeDiscount(store, { code: "WELCOME10", percentage: 10, minimum: 10_000 });
    }
    const customer = addCustomer(store);
    const bangle = addProduct(store, { title: "Bangle", price: 8_000 });
    const pendant = addProduct(store, { title: "Pendant", price: 6_000 });
    const order = addPaidOrder(store, { customer, lines: [{ variant: bangle.variant, quantity: 1, discount: 800 }, { variant: pendant.variant, quantity: 1, discount: 600 }] });
    const admin = adminClient(libraryGraphql(standin));

    const read = await fetchOrderForDecision(admin, order.id);

    expect(read.order.discounts).toEqual([{ id: "WELCOME10", kind: "percentage", value: "10", minimumSubtotal: "100.00" }]);
    expect(admin.costs.map((c) => c.operation)).toEqual(["OrderForDecision", "OrderOpenReturns", "DiscountMinimum"]);
  });

  it("GIVEN a 45-line order WHEN read THEN every line arrives across pages and each request's requested cost stays within budget", async () => {
    const store = standin.store(SHOP);
    const customer = addCustomer(store);
    const lines = Array.from({ length: 45 }, (_, i) => ({ variant: addProduct(store, { title: `Charm ${i}`, price: 1_000 + i }).variant, quantity: 1 }));
    const order = addPaidOrder(store, { customer, lines });
    const admin = adminClient(libraryGraphql(standin));

    const read = await fetchOrderForDecision(admin, order.id);

    expect(read.order.lines.map((l) => l.unitPrice)).toEqual(lines.map((_, i) => ((1_000 + i) / 100).toFixed(2)));
    expect(admin.costs.map((c) => c.operation)).toEqual(["OrderForDecision", "OrderLinesPage", "OrderLinesPage", "OrderOpenReturns"]);
    // Measured: one page of LINE_PAGE_SIZE (20) lines costs what the stand-in (Shopify's rules) says.
    const first = admin.costs[0].requested;
    expect(LINE_PAGE_SIZE).toBe(20);
    expect(first).toBeLessThanOrEqual(250);
    console.info(`OrderForDecision requested cost for a 20-line page: ${first}; OrderLinesPage: ${admin.costs[1].requested}`);
  });

  it("GIVEN an item already in a requested return WHEN read THEN it is no longer returnable, and other lines are", async () => {
    const store = standin.store(SHOP);
    const customer = addCustomer(store);
    const a = addProduct(store, { title: "Bangle", price: 30_000 });
    const b = addProduct(store, { title: "Pendant", price: 20_000 });
    const order = addPaidOrder(store, { customer, lines: [{ variant: a.variant, quantity: 2 }, { variant: b.variant, quantity: 1 }] });
    const admin = adminClient(libraryGraphql(standin));
    const returnable = await fetchReturnableLines(admin, order.id);
    const bangle = returnable.find((l) => l.lineItemId === order.lineItems[0].id)!;
    await requestReturn(admin, order.id, [{ fulfillmentLineItemId: bangle.fulfillmentLineItemId, quantity: 1, reason: "changed_mind" }]);

    const read = await fetchOrderForDecision(admin, order.id);

    // The claimed unit counts as gone: the next return of the line starts after it (rule 7).
    expect(read.order.lines.map((l) => [l.title, l.quantity, l.refundedQuantity])).toEqual([["Bangle", 2, 1], ["Pendant", 1, 0]]);
  });

  it("GIVEN a requested return beside an inspected one WHEN read THEN Order.returnStatus shows INSPECTION_COMPLETE, and the requested units are still not offered", async () => {
    const store = standin.store(SHOP);
    const customer = addCustomer(store);
    const a = addProduct(store, { title: "Signet", price: 30_000 });
    const b = addProduct(store, { title: "Locket", price: 20_000 });
    const order = addPaidOrder(store, { customer, lines: [{ variant: a.variant, quantity: 1 }, { variant: b.variant, quantity: 1 }] });
    const admin = adminClient(libraryGraphql(standin));
    const returnable = await fetchReturnableLines(admin, order.id);
    const [signet, locket] = [0, 1].map((i) => returnable.find((l) => l.lineItemId === order.lineItems[i].id)!);
    const first = await requestReturn(admin, order.id, [{ fulfillmentLineItemId: signet.fulfillmentLineItemId, quantity: 1, reason: "changed_mind" }]);
    await approveReturn(admin, first.id, { notifyCustomer: false });
    store.inspectReturn(first.id);
    await requestReturn(admin, order.id, [{ fulfillmentLineItemId: locket.fulfillmentLineItemId, quantity: 1, reason: "changed_mind" }]);
    expect(store.returnStatus(order)).toBe("INSPECTION_COMPLETE");

    const read = await fetchOrderForDecision(admin, order.id);

    expect(read.order.lines).toEqual([]);
    expect(read.unavailable.map((u) => u.title)).toEqual(["Signet", "Locket"]);
  });

  it("GIVEN two discounted units of which one was refunded WHEN read THEN one unit is returnable and the engine gives it the rest of the line's discount", async () => {
    const store = standin.store(SHOP);
    const customer = addCustomer(store);
    const pair = addProduct(store, { title: "Hoops", price: 8_000 });
    const order = addPaidOrder(store, { customer, lines: [{ variant: pair.variant, quantity: 2, discount: 1_001 }] });
    const admin = adminClient(libraryGraphql(standin));
    await decidedRequest(database.db, SHOP, "partial", "GBP", 7_500);
    await refundOnce(admin, { operations: createOperationRepository(database.db) }, SHOP, "partial", "refund", {
      orderId: order.id, currency: "GBP", lines: [{ lineItemId: order.lineItems[0].id, quantity: 1, restock: false }],
      toPaymentMinor: 7_500, storeCreditMinor: 0, storeCreditExpiresAt: null, shippingMinor: 0, notify: false,
    });

    const [line] = (await fetchOrderForDecision(admin, order.id)).order.lines;

    expect(line).toMatchObject({ quantity: 2, refundedQuantity: 1, unitPrice: "80.00" });
    expect(line.discountAllocations[0].amount).toBe("10.01");
    // Rule 7: the first unit carried floor(10.01 ÷ 2) = 5.00, so the last one carries 5.01.
    expect(shareOfMinor(1_001, 1, 2, line.refundedQuantity)).toBe(501);
  });
});
