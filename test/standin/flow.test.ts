import { beforeEach, describe, expect, it } from "vitest";

import { createStandin } from "./executor";
import { FLOW_PAYLOAD_LIMIT_BYTES, deployedFlowTriggers } from "./flow";
import { addCustomer, addPaidOrder, addProduct } from "./sample-shop";
import type { OrderRec, ShopStore } from "./store";

/**
 * flowTriggerReceive as the 2026-10 schema describes it ("Triggers any workflows that begin with
 * the trigger specified in the request body"; `handle`, `payload`; `body` deprecated) and Flow's
 * trigger reference: the handle must be one of the app's flow_trigger extensions, the payload stays
 * under 50 KB, references name the shop's resources; a refusal is `userErrors`, never a change.
 */
const SHOP = "flow-jeweller.myshopify.com";
const RECEIVE = `mutation F($handle: String, $payload: JSON) { flowTriggerReceive(handle: $handle, payload: $payload) { userErrors { field message } } }`;

let standin: ReturnType<typeof createStandin>;
let store: ShopStore;
let order: OrderRec;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function receive(variables: Record<string, unknown>): Promise<any> {
  return (await standin.graphql(SHOP, { query: RECEIVE, variables })).body;
}

beforeEach(() => {
  standin = createStandin({ apiKey: "key", now: () => new Date("2026-12-07T10:00:00Z") });
  store = standin.addShop({ myshopifyDomain: SHOP });
  const customer = addCustomer(store, { email: "ada@example.com" });
  const ring = addProduct(store, { title: "Ring", price: 50_000 });
  order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }] });
});

const orderId = () => order.id.split("/").pop() as string;

describe("the stand-in's flowTriggerReceive", () => {
  it("GIVEN the app's extensions WHEN the stand-in reads them THEN it knows exactly the seven flow_trigger handles", () => {
    expect(deployedFlowTriggers().map((t) => t.handle).sort()).toEqual([
      "aftercare-item-received",
      "aftercare-quote-paid",
      "aftercare-quote-sent",
      "aftercare-request-approved",
      "aftercare-request-resolved",
      "aftercare-request-submitted",
      "aftercare-ticket-ready",
    ]);
    expect([...store.flowTriggerHandles].sort()).toEqual(deployedFlowTriggers().map((t) => t.handle).sort());
  });

  it("GIVEN a deployed handle and a payload naming the shop's order WHEN received THEN no userErrors and the call is recorded as sent", async () => {
    const body = await receive({ handle: "aftercare-request-approved", payload: { order_id: orderId(), "Request ID": "r1" } });
    expect(body.errors).toBeUndefined();
    expect(body.data.flowTriggerReceive.userErrors).toEqual([]);
    expect(store.flowTriggers).toEqual([{ handle: "aftercare-request-approved", payload: { order_id: orderId(), "Request ID": "r1" }, at: expect.any(String) }]);
  });

  it("GIVEN a handle the app never deployed WHEN received THEN a userError on handle and nothing recorded", async () => {
    const body = await receive({ handle: "aftercare-made-up", payload: { order_id: orderId() } });
    expect(body.data.flowTriggerReceive.userErrors).toEqual([{ field: ["handle"], message: expect.stringContaining("aftercare-made-up") }]);
    expect(store.flowTriggers).toEqual([]);
  });

  it("GIVEN a payload over Flow's 50 KB WHEN received THEN a userError on payload and nothing recorded; just under the limit is accepted", async () => {
    const over = await receive({ handle: "aftercare-request-approved", payload: { order_id: orderId(), Reason: "x".repeat(FLOW_PAYLOAD_LIMIT_BYTES) } });
    expect(over.data.flowTriggerReceive.userErrors).toEqual([{ field: ["payload"], message: expect.stringContaining("exceeds the limit") }]);
    const under = await receive({ handle: "aftercare-request-approved", payload: { order_id: orderId(), Reason: "x".repeat(FLOW_PAYLOAD_LIMIT_BYTES - 100) } });
    expect(under.data.flowTriggerReceive.userErrors).toEqual([]);
    expect(store.flowTriggers).toHaveLength(1);
  });

  it("GIVEN a reference to no order or customer of the shop WHEN received THEN a userError names it and nothing is recorded", async () => {
    const unknown = await receive({ handle: "aftercare-request-approved", payload: { order_id: 1 } });
    expect(unknown.data.flowTriggerReceive.userErrors).toEqual([{ field: ["payload", "order_id"], message: expect.stringContaining("order") }]);
    const customer = await receive({ handle: "aftercare-request-approved", payload: { order_id: orderId(), customer_id: "12" } });
    expect(customer.data.flowTriggerReceive.userErrors).toEqual([{ field: ["payload", "customer_id"], message: expect.stringContaining("customer") }]);
    expect(store.flowTriggers).toEqual([]);
  });

  it("GIVEN the deprecated body argument WHEN used THEN it validates against the schema and is refused in favour of handle and payload", async () => {
    const body = (await standin.graphql(SHOP, { query: `mutation { flowTriggerReceive(body: "{}") { userErrors { field message } } }`, variables: {} })).body as { data: { flowTriggerReceive: { userErrors: unknown[] } } };
    expect(body.data.flowTriggerReceive.userErrors).toEqual([{ field: ["body"], message: expect.stringContaining("deprecated") }]);
  });
});
