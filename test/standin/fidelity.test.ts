import { beforeEach, describe, expect, it } from "vitest";

import { createStandin } from "./executor";
import { addCustomer, addPaidOrder, addProduct } from "./sample-shop";
import type { OrderRec, ShopStore } from "./store";

/**
 * Where money and access depend on it, the stand-in answers as the 2026-10 schema's descriptions
 * and Shopify's documentation say (issue 15). Each test names the text it follows.
 */

const SHOP = "fidelity-jeweller.myshopify.com";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = { data?: Record<string, any> | null; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };

let clock: number;
let standin: ReturnType<typeof createStandin>;
let store: ShopStore;
let order: OrderRec;

async function gql(query: string, variables: Record<string, unknown> = {}): Promise<Body> {
  return (await standin.graphql(SHOP, { query, variables })).body as Body;
}

beforeEach(() => {
  clock = Date.parse("2026-11-01T10:00:00Z");
  standin = createStandin({ apiKey: "key", now: () => new Date(clock) });
  store = standin.addShop({ myshopifyDomain: SHOP });
  const customer = addCustomer(store, { email: "ada@example.com" });
  const ring = addProduct(store, { title: "Ring", price: 50_000 });
  const studs = addProduct(store, { title: "Studs", price: 8_000 });
  const chain = addProduct(store, { title: "Chain", price: 12_000 });
  order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }, { variant: studs.variant, quantity: 1 }, { variant: chain.variant, quantity: 1 }] });
});

const REQUEST = `mutation R($input: ReturnRequestInput!) { returnRequest(input: $input) { return { id status } userErrors { field message code } } }`;
const APPROVE = `mutation A($id: ID!) { returnApproveRequest(input: { id: $id }) { return { id status } userErrors { message } } }`;
const DECLINE = `mutation D($input: ReturnDeclineRequestInput!) { returnDeclineRequest(input: $input) { return { id status } userErrors { field message code } } }`;
const STATUS = `query S($id: ID!) { order(id: $id) { returnStatus } }`;

async function requestReturn(line: number, extra: Record<string, unknown> = {}): Promise<Body> {
  const fli = order.fulfillments[0].fulfillmentLineItems.find((f) => f.lineItemId === order.lineItems[line].id)!;
  return gql(REQUEST, { input: { orderId: order.id, returnLineItems: [{ fulfillmentLineItemId: fli.id, quantity: 1, returnReason: "UNWANTED", ...extra }] } });
}

async function returnStatus(): Promise<string> {
  return (await gql(STATUS, { id: order.id })).data?.order.returnStatus as string;
}

describe("Order.returnStatus (OrderReturnStatus: 'the prioritized return status' of an order's returns)", () => {
  it("GIVEN returns in every state WHEN the order is read THEN each value of the enum appears, the one needing the merchant first winning", async () => {
    expect(await returnStatus()).toBe("NO_RETURN");
    const requested = (await requestReturn(0)).data?.returnRequest.return.id as string;
    expect(await returnStatus()).toBe("RETURN_REQUESTED");
    const open = (await requestReturn(1)).data?.returnRequest.return.id as string;
    await gql(APPROVE, { id: open });
    expect(await returnStatus()).toBe("IN_PROGRESS"); // "Some items in the order are being returned."
    store.inspectReturn(open);
    expect(await returnStatus()).toBe("INSPECTION_COMPLETE"); // "All return shipments from a return in this order were inspected."
    store.failReturn(requested);
    expect(await returnStatus()).toBe("RETURN_FAILED"); // "Some returns in the order were not completed successfully."
  });

  it("GIVEN only closed returns WHEN read THEN RETURNED; declined and canceled returns leave NO_RETURN", async () => {
    const declined = (await requestReturn(0)).data?.returnRequest.return.id as string;
    await gql(DECLINE, { input: { id: declined, declineReason: "FINAL_SALE" } });
    expect(await returnStatus()).toBe("NO_RETURN");
    const closed = (await requestReturn(1)).data?.returnRequest.return.id as string;
    await gql(APPROVE, { id: closed });
    await gql(`mutation C($id: ID!) { returnClose(id: $id) { userErrors { message } } }`, { id: closed });
    expect(await returnStatus()).toBe("RETURNED");
  });
});
