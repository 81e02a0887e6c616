import { describe, expect, it } from "vitest";

import { minorOf } from "./money";
import { createDemoStore, DEMO_SHOP_DOMAIN } from "./seed";
import { METAFIELD_NAMESPACE } from "./seed-catalogue";

const NOW = new Date("2026-11-25T10:00:00Z");
const YEAR_AGO = new Date("2025-11-25T10:00:00Z");

describe("demo shop seed", () => {
  const { store, summary } = createDemoStore({ now: NOW, seed: 7 });

  it("GIVEN a seed WHEN the demo shop is built twice THEN the data is identical, and another seed differs", () => {
    const again = createDemoStore({ now: NOW, seed: 7 }).store;
    const other = createDemoStore({ now: NOW, seed: 8 }).store;
    expect(JSON.stringify(again.orders)).toBe(JSON.stringify(store.orders));
    expect(JSON.stringify(again.customers)).toBe(JSON.stringify(store.customers));
    expect(JSON.stringify(other.orders)).not.toBe(JSON.stringify(store.orders));
  });

  it("GIVEN the default size WHEN seeded THEN a UK jeweller with a catalogue, a few hundred customers and a year of orders", () => {
    expect(store.shop).toMatchObject({ myshopifyDomain: DEMO_SHOP_DOMAIN, currencyCode: "GBP", ianaTimezone: "Europe/London", countryCode: "GB" });
    expect(summary.counts.customers).toBe(300);
    expect(summary.counts.orders).toBeGreaterThan(1000);
    expect(store.collections.length).toBeGreaterThan(5);
    expect(store.discounts.length).toBeGreaterThanOrEqual(3);
  });

  it("GIVEN shoppers in the euro area WHEN seeded THEN their orders are paid in EUR and booked in GBP at the order's rate; the rest in GBP", () => {
    const euro = store.orders.filter((o) => o.presentmentCurrencyCode === "EUR");
    expect(euro.length).toBeGreaterThan(10);
    expect(store.orders.filter((o) => o.presentmentCurrencyCode === "GBP").length).toBeGreaterThan(euro.length);
    for (const order of euro) {
      expect(order.currencyCode).toBe("GBP");
      const sale = order.transactions.find((t) => t.kind === "SALE")!;
      expect(sale.amountSet.presentmentMoney.currencyCode).toBe("EUR");
      expect(sale.amountSet.shopMoney.currencyCode).toBe("GBP");
      expect(minorOf(sale.amountSet)).toBe(store.originalTotal(order));
    }
  });

  it("GIVEN every order WHEN totals are recomputed THEN order total = lines − discounts + shipping, and it was paid in full", () => {
    for (const order of store.orders) {
      const lines = order.lineItems.reduce((sum, li) => sum + minorOf(li.originalUnitPriceSet) * li.quantity, 0);
      const discounts = order.lineItems.reduce((sum, li) => sum + li.discountAllocations.reduce((s, a) => s + minorOf(a.allocatedAmountSet), 0), 0);
      const shipping = order.shippingLines.reduce((sum, s) => sum + minorOf(s.discountedPriceSet), 0);
      expect(store.originalTotal(order)).toBe(lines - discounts + shipping);
      expect(store.received(order)).toBe(store.originalTotal(order));
    }
  });

  it("GIVEN every line WHEN its product and variant are looked up THEN both exist and belong together", () => {
    for (const order of store.orders) {
      expect(order.lineItems.length).toBeGreaterThan(0);
      for (const li of order.lineItems) {
        const product = store.find(li.productId, "Product");
        const variant = store.find(li.variantId, "ProductVariant");
        expect(product).toBeDefined();
        expect(variant?.productId).toBe(product?.id);
        expect(store.find(li.id, "LineItem")).toBe(li);
      }
    }
  });

  it("GIVEN every order WHEN dates are compared THEN placed within the year before now, delivered after placed and not after now", () => {
    for (const order of store.orders) {
      const placed = new Date(order.createdAt);
      expect(placed > YEAR_AGO && placed < NOW).toBe(true);
      for (const f of order.fulfillments) {
        expect(new Date(f.createdAt) > placed).toBe(true);
        if (f.deliveredAt) {
          expect(new Date(f.deliveredAt) > new Date(f.createdAt)).toBe(true);
          expect(new Date(f.deliveredAt) <= NOW).toBe(true);
        }
      }
    }
    expect(store.orders.filter((o) => o.fulfillments[0]?.deliveredAt).length).toBeGreaterThan(store.orders.length * 0.9);
  });

  it("GIVEN the catalogue WHEN read by the presets' convention THEN earrings pierced and clip-on, pierced sets, adjustable rings, crystal counts, sale prices and Active Crystals are all there", () => {
    const byType = (type: string) => store.products.filter((p) => p.productType === type);
    const meta = (key: string) => store.products.filter((p) => p.metafields.some((m) => m.key === key && m.namespace === METAFIELD_NAMESPACE));
    expect(byType("Earrings").some((p) => p.tags.includes("pierced"))).toBe(true);
    expect(byType("Earrings").some((p) => p.tags.includes("clip-on") && !p.tags.includes("pierced"))).toBe(true);
    expect(byType("Jewellery Sets").every((p) => p.tags.includes("pierced"))).toBe(true);
    for (const type of ["Rings", "Necklaces", "Bracelets", "Bangles", "Watches", "Pens", "Phone Cases", "Headsets", "Active Crystals"]) expect(byType(type).length, type).toBeGreaterThan(0);
    expect(meta("adjustable").some((p) => p.productType === "Rings")).toBe(true);
    expect(meta("crystal_count").some((p) => p.productType === "Phone Cases")).toBe(true);
    expect(store.variants.some((v) => v.compareAtPrice !== null && Number(v.compareAtPrice) > Number(v.price))).toBe(true);
  });

  it("GIVEN the orders WHEN looked over THEN some carry Engraving properties, code discounts with minimum spends and the staggered promotion's tiers", () => {
    const engraved = store.orders.filter((o) => o.lineItems.some((li) => li.customAttributes.some((a) => a.key === "Engraving" && a.value)));
    expect(engraved.length).toBeGreaterThan(20);
    const withCode = store.orders.filter((o) => o.discountCodes.length > 0);
    expect(withCode.length).toBeGreaterThan(20);
    for (const order of withCode) {
      const node = store.discounts.find((d) => d.discount.codes?.some((c) => c.code === order.discountCodes[0]));
      const minimum = node?.discount.minimumRequirement ? minorOf(node.discount.minimumRequirement.greaterThanOrEqualToSubtotal) : Infinity;
      const gross = order.lineItems.reduce((sum, li) => sum + minorOf(li.originalUnitPriceSet) * li.quantity, 0);
      expect(gross).toBeGreaterThanOrEqual(minimum);
    }
    const tiers = new Set(store.orders.flatMap((o) => o.discountApplications.filter((a) => a.__typename === "AutomaticDiscountApplication").map((a) => a.title)));
    expect(tiers.size).toBeGreaterThanOrEqual(2);
  });

  it("GIVEN the earlier after-sales WHEN checked THEN closed returns are refunded within what was paid and one return was declined", () => {
    expect(store.returns.filter((r) => r.status === "CLOSED").length).toBeGreaterThanOrEqual(5);
    expect(store.returns.some((r) => r.status === "DECLINED" && r.decline)).toBe(true);
    for (const refund of store.refunds) {
      const order = store.find(refund.orderId, "Order");
      expect(order?.refundIds).toContain(refund.id);
      if (order) expect(store.refundedAmount(order)).toBeLessThanOrEqual(store.received(order));
      expect(store.refundTotal(refund)).toBeGreaterThan(0);
      if (refund.returnId) expect(store.find(refund.returnId, "Return")?.refundIds).toContain(refund.id);
    }
  });

  it("GIVEN the featured shopper WHEN her orders are read THEN a recently delivered one with pierced earrings and an engraved ring, and an older one", () => {
    const recent = store.find(summary.featuredOrderIds.recent, "Order");
    const older = store.find(summary.featuredOrderIds.older, "Order");
    expect(recent?.customerId).toBe(summary.featuredCustomerId);
    expect(older?.customerId).toBe(summary.featuredCustomerId);
    expect(recent?.fulfillments[0]?.deliveredAt).toBeTruthy();
    expect(recent?.lineItems.some((li) => store.find(li.productId, "Product")?.tags.includes("pierced"))).toBe(true);
    expect(recent?.lineItems.some((li) => li.customAttributes.some((a) => a.key === "Engraving"))).toBe(true);
    expect(new Date(older?.createdAt ?? 0) < new Date(recent?.createdAt ?? 0)).toBe(true);
  });

  it("GIVEN the earlier service visits WHEN read THEN completed draft orders point at the paid counter orders for service products", () => {
    expect(store.draftOrders.length).toBe(4);
    for (const draft of store.draftOrders) {
      const order = store.find(draft.orderId, "Order");
      expect(draft.status).toBe("COMPLETED");
      expect(order?.sourceName).toBe("shopify_draft_order");
      expect(order?.shippingLines).toEqual([]);
      expect(order?.fulfillments).toEqual([]);
      expect(store.received(order!)).toBe(store.originalTotal(order!));
      expect(store.find(draft.lineItems[0].productId, "Product")?.productType).toBe("Services");
      expect(new Date(draft.createdAt) < new Date(order?.createdAt ?? 0)).toBe(true);
    }
  });

  it("GIVEN orders across both daylight-saving changes WHEN read in the shop's zone THEN all were placed during shop hours, 07:00 to 22:59", () => {
    const hour = new Intl.DateTimeFormat("en-GB", { hour: "numeric", hourCycle: "h23", timeZone: "Europe/London" });
    const hours = new Set(store.orders.map((o) => Number(hour.format(new Date(o.createdAt)))));
    expect(Math.min(...hours)).toBeGreaterThanOrEqual(7);
    expect(Math.max(...hours)).toBeLessThanOrEqual(22);
    const months = new Set(store.orders.map((o) => o.createdAt.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(12);
  });
});
