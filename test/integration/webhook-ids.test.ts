import { stringify } from "lossless-json";
import { describe, expect, it } from "vitest";

import { acceptWebhook, parseWebhookBody, WEBHOOK_TOPICS } from "../../app/jobs/webhooks.server";
import type { JobRepository } from "../../app/repositories/jobs.server";
import { createStandin } from "../standin";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { payloadFor, compliancePayload } from "../standin/webhook-payloads";

/**
 * Shopify's ids are 64-bit; the stand-in draws orders', customers' and refunds' ids above 2^53,
 * where JSON.parse rounds half of them. The app reads webhook bodies with parseWebhookBody, so the
 * ids it stores are exact, and refuses a rounded number rather than trusting it.
 */
const SHOP = "ids-jeweller.myshopify.com";

function shopWithOrder() {
  const standin = createStandin({ apiKey: "key" });
  const store = standin.addShop({ myshopifyDomain: SHOP });
  const customer = addCustomer(store, { email: "ada@example.com" });
  const ring = addProduct(store, { title: "Ring", price: 10_000 });
  // Two orders, so one of them has an odd id: above 2^53 an odd integer has no exact double.
  const orders = [0, 1].map(() => addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }] }));
  const order = orders.find((o) => BigInt(o.id.split("/").pop() as string) % 2n === 1n)!;
  store.deliver(order.fulfillments[0].id, "2026-11-02T10:00:00Z");
  return { store, customer, order };
}

describe("64-bit ids in webhook bodies", () => {
  it("GIVEN an order id above 2^53 WHEN its fulfilment webhook is read THEN the body prints it exactly and the app keeps it exactly", () => {
    const { store, order } = shopWithOrder();
    const digits = order.id.split("/").pop() as string;
    expect(BigInt(digits)).toBeGreaterThan(2n ** 53n);
    expect(String(Number(digits))).not.toBe(digits); // what JSON.parse would have made of it

    const raw = stringify(payloadFor(store, "fulfillments/update", order.fulfillments[0])) as string;
    expect(raw).toContain(`"order_id":${digits}`);

    const parsed = WEBHOOK_TOPICS["fulfillments/update"].parse(parseWebhookBody(raw));
    expect(parsed?.orderId).toBe(order.id);
  });

  it("GIVEN a body parsed with JSON.parse (ids rounded) WHEN accepted THEN 400 and nothing stored, never a neighbouring order's id", async () => {
    const { store, order } = shopWithOrder();
    const raw = stringify(payloadFor(store, "fulfillments/update", order.fulfillments[0])) as string;
    const stored: unknown[] = [];
    const jobs = { acceptWebhook: async (...args: unknown[]) => (stored.push(args), "accepted") } as unknown as JobRepository;

    const response = await acceptWebhook(jobs, "fulfillments/update", { shop: SHOP, topic: "FULFILLMENTS_UPDATE", eventId: "e-1", payload: JSON.parse(raw) });

    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/beyond 2\^53/);
    expect(stored).toEqual([]);
  });

  it("GIVEN customers/redact for a customer and orders above 2^53 WHEN read THEN every id is exact", () => {
    const { store, customer, order } = shopWithOrder();
    const raw = stringify(compliancePayload(store, "customers/redact", customer.id)) as string;
    const parsed = WEBHOOK_TOPICS["customers/redact"].parse(parseWebhookBody(raw));
    expect(parsed.customerId).toBe(customer.id);
    expect(parsed.orderIds).toContain(order.id);
  });
});
