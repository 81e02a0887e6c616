import { beforeEach, describe, expect, it } from "vitest";

import { createStandin } from "./executor";
import { payloadFor } from "./webhook-payloads";
import { addCustomer, addPaidOrder, addProduct } from "./sample-shop";
import type { CustomerRec, OrderRec, ShopStore, StoreEvent } from "./store";

const SHOP = "demo-jeweller.myshopify.com";

// Responses are read by path, as a client would; their shape is what the assertions check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = { data?: Record<string, any>; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[]; extensions?: { cost: any } };

let standin: ReturnType<typeof createStandin>;
let store: ShopStore;
let customer: CustomerRec;
let order: OrderRec;
let clock: number;

async function gql(query: string, variables: Record<string, unknown> = {}): Promise<Body> {
  const result = await standin.graphql(SHOP, { query, variables });
  expect(result.status).toBe(200);
  return result.body as Body;
}

beforeEach(() => {
  clock = Date.parse("2026-06-01T10:00:00Z");
  standin = createStandin({ apiKey: "key", now: () => new Date(clock) });
  store = standin.addShop({ myshopifyDomain: SHOP });
  customer = addCustomer(store, { email: "ada@example.com" });
  const ring = addProduct(store, { title: "Solitaire ring", price: 120000, productType: "Ring", tags: ["engagement"] });
  const studs = addProduct(store, { title: "Pearl studs", price: 8000, productType: "Earrings" });
  order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }, { variant: studs.variant, quantity: 2, discount: 1600 }], shipping: 500 });
});

const ORDER = `#graphql
  query Order($id: ID!) {
    order(id: $id) {
      id name displayFinancialStatus
      totalPriceSet { shopMoney { amount currencyCode } }
      customer { email }
      lineItems(first: 10) { nodes { id quantity refundableQuantity discountedUnitPriceAfterAllDiscountsSet { shopMoney { amount } } } }
      fulfillments { deliveredAt fulfillmentLineItems(first: 10) { nodes { id quantity lineItem { id } } } }
      transactions { id kind gateway amountSet { shopMoney { amount } } }
    }
  }`;

const REFUND = `#graphql
  mutation Refund($input: RefundInput!, $key: String!) {
    refundCreate(input: $input) @idempotent(key: $key) {
      refund { id totalRefundedSet { shopMoney { amount currencyCode } } }
      userErrors { field message }
    }
  }`;

describe("Admin GraphQL executor", () => {
  it("GIVEN a paid order WHEN it is queried THEN derived values and nested records come back with a cost", async () => {
    const body = await gql(ORDER, { id: order.id });
    expect(body.errors).toBeUndefined();
    expect(body.data?.order).toMatchObject({
      name: "#1001",
      displayFinancialStatus: "PAID",
      totalPriceSet: { shopMoney: { amount: "1349.0", currencyCode: "GBP" } },
      customer: { email: "ada@example.com" },
    });
    expect(body.data?.order.lineItems.nodes[1]).toMatchObject({ quantity: 2, refundableQuantity: 2, discountedUnitPriceAfterAllDiscountsSet: { shopMoney: { amount: "72.0" } } });
    // Connections cost 2 + first × one item, so the requested cost (first: 10) exceeds what came back.
    expect(body.extensions?.cost.requestedQueryCost).toBeGreaterThan(30);
    expect(body.extensions?.cost.actualQueryCost).toBeLessThan(body.extensions?.cost.requestedQueryCost);
    expect(body.extensions?.cost.throttleStatus).toMatchObject({ maximumAvailable: 2000, restoreRate: 100 });
  });

  it("GIVEN a misspelt field WHEN validated THEN it is refused as Shopify refuses it, with no data", async () => {
    const body = await gql(`query Shop { shop { nmae } }`);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      {
        message: "Field 'nmae' doesn't exist on type 'Shop'",
        locations: [{ line: 1, column: 21 }],
        path: ["query Shop", "shop", "nmae"],
        extensions: { code: "undefinedField", typeName: "Shop", fieldName: "nmae" },
      },
    ]);
  });

  it("GIVEN search syntax WHEN orders are listed THEN only matching orders come back", async () => {
    const other = addCustomer(store, { email: "grace@example.com" });
    const { variant } = addProduct(store, { title: "Fountain pen", price: 30000, productType: "Pen" });
    addPaidOrder(store, { customer: other, lines: [{ variant, quantity: 1 }] });
    const body = await gql(`{ orders(first: 5, query: "email:grace@example.com") { nodes { name } } products(first: 5, query: "product_type:Pen") { nodes { title } } }`);
    expect(body.data?.orders.nodes).toEqual([{ name: "#1002" }]);
    expect(body.data?.products.nodes).toEqual([{ title: "Fountain pen" }]);
  });

  it("GIVEN a drained bucket WHEN a query costs more than what is left THEN THROTTLED, and the bucket refills at 100 a second", async () => {
    standin.drainBucket(SHOP, 0);
    const body = await gql(`{ shop { name } }`);
    expect(body.errors?.[0].extensions?.code).toBe("THROTTLED");
    expect(body.data).toBeUndefined();
    clock += 1000;
    const again = await gql(`{ shop { name } }`);
    expect(again.data?.shop.name).toBe("Demo Jeweller");
    expect(again.extensions?.cost.throttleStatus.currentlyAvailable).toBe(99);
  });

  it("GIVEN a shop's past being built unmetered WHEN its queries pass the bucket THEN none is throttled nor charged, and metered again it throttles as before", async () => {
    standin.drainBucket(SHOP, 0);
    standin.meter(SHOP, false);
    for (let i = 0; i < 3; i++) expect((await gql(`{ shop { name } }`)).data?.shop.name).toBe("Demo Jeweller");
    expect(standin.throttleStatus(SHOP).currentlyAvailable).toBe(0);
    standin.meter(SHOP, true);
    expect((await gql(`{ shop { name } }`)).errors?.[0].extensions?.code).toBe("THROTTLED");
  });
});

describe("refundCreate", () => {
  const input = () => ({ orderId: order.id, refundLineItems: [{ lineItemId: order.lineItems[0].id, quantity: 1, restockType: "RETURN" }], transactions: [{ orderId: order.id, parentId: order.transactions[0].id, amount: "1200.00", gateway: "shopify_payments", kind: "REFUND" }] });

  it("GIVEN no @idempotent directive WHEN refunding THEN the call fails and nothing is refunded", async () => {
    const body = await gql(`mutation R($input: RefundInput!) { refundCreate(input: $input) { refund { id } userErrors { message } } }`, { input: input() });
    expect(body.errors?.[0].extensions?.code).toBe("IDEMPOTENCY_KEY_REQUIRED");
    expect(store.refunds).toHaveLength(0);
  });

  it("GIVEN the same key twice WHEN refunding THEN one refund exists and both calls return it", async () => {
    const first = await gql(REFUND, { input: input(), key: "refund-1" });
    const second = await gql(REFUND, { input: input(), key: "refund-1" });
    expect(first.data?.refundCreate.userErrors).toEqual([]);
    expect(second.data?.refundCreate.refund.id).toBe(first.data?.refundCreate.refund.id);
    expect(store.refunds).toHaveLength(1);
    expect(first.data?.refundCreate.refund.totalRefundedSet.shopMoney).toEqual({ amount: "1200.0", currencyCode: "GBP" });
  });

  it("GIVEN more money than was paid WHEN refunding THEN userErrors and nothing changes", async () => {
    const body = await gql(REFUND, { input: { ...input(), transactions: [{ ...input().transactions[0], amount: "5000.00" }] }, key: "too-much" });
    expect(body.data?.refundCreate.refund).toBeNull();
    expect(body.data?.refundCreate.userErrors.length).toBeGreaterThan(0);
    expect(store.refunds).toHaveLength(0);
  });

  it("GIVEN a store credit refund method WHEN refunding THEN the customer's account is credited in the order currency", async () => {
    const body = await gql(REFUND, {
      input: { orderId: order.id, refundLineItems: [{ lineItemId: order.lineItems[1].id, quantity: 1, restockType: "NO_RESTOCK" }], refundMethods: [{ storeCreditRefund: { amount: { amount: "72.00", currencyCode: "GBP" }, expiresAt: "2027-06-01T00:00:00Z" } }] },
      key: "credit-1",
    });
    expect(body.data?.refundCreate.userErrors).toEqual([]);
    const accounts = await gql(`query C($id: ID!) { customer(id: $id) { storeCreditAccounts(first: 5) { nodes { balance { amount currencyCode } } } } }`, { id: customer.id });
    expect(accounts.data?.customer.storeCreditAccounts.nodes).toEqual([{ balance: { amount: "72.0", currencyCode: "GBP" } }]);
  });
});

describe("returns", () => {
  const REQUEST = `mutation Q($input: ReturnRequestInput!) { returnRequest(input: $input) { return { id status } userErrors { field message code } } }`;

  async function requestReturn(): Promise<string> {
    const fli = order.fulfillments[0].fulfillmentLineItems[0];
    const body = await gql(REQUEST, { input: { orderId: order.id, returnLineItems: [{ fulfillmentLineItemId: fli.id, quantity: 1, returnReason: "SIZE_TOO_SMALL" }] } });
    expect(body.data?.returnRequest).toMatchObject({ return: { status: "REQUESTED" }, userErrors: [] });
    return body.data?.returnRequest.return.id;
  }

  it("GIVEN a declined return WHEN it is approved THEN userErrors and it stays declined", async () => {
    const id = await requestReturn();
    const declined = await gql(`mutation D($input: ReturnDeclineRequestInput!) { returnDeclineRequest(input: $input) { return { status decline { reason } } userErrors { message } } }`, {
      input: { id, declineReason: "RETURN_PERIOD_ENDED" },
    });
    expect(declined.data?.returnDeclineRequest.return).toEqual({ status: "DECLINED", decline: { reason: "RETURN_PERIOD_ENDED" } });
    const approved = await gql(`mutation A($input: ReturnApproveRequestInput!) { returnApproveRequest(input: $input) { return { status } userErrors { code message } } }`, { input: { id } });
    expect(approved.data?.returnApproveRequest.userErrors[0].code).toBe("INVALID_STATE");
    expect(store.find(id, "Return")?.status).toBe("DECLINED");
  });

  it("GIVEN an approved return WHEN processed with a refund THEN money goes back and the return closes", async () => {
    const id = await requestReturn();
    await gql(`mutation A($input: ReturnApproveRequestInput!) { returnApproveRequest(input: $input) { userErrors { message } } }`, { input: { id } });
    const ret = store.find(id, "Return");
    const body = await gql(`mutation P($input: ReturnProcessInput!) { returnProcess(input: $input) { return { status } userErrors { field message } } }`, {
      input: {
        returnId: id,
        returnLineItems: [{ id: ret?.returnLineItems[0].id, quantity: 1, dispositions: [] }],
        financialTransfer: { issueRefund: { orderTransactions: [{ parentId: order.transactions[0].id, transactionAmount: { amount: "1200.00", currencyCode: "GBP" } }] } },
      },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?.returnProcess).toEqual({ return: { status: "CLOSED" }, userErrors: [] });
    expect(store.financialStatus(order)).toBe("PARTIALLY_REFUNDED");
  });
});

describe("returnable fulfillments and cancelling", () => {
  it("GIVEN a requested return WHEN returnableFulfillments is asked THEN the claimed unit is no longer returnable; cancelling frees it", async () => {
    const Q = `query R($id: ID!) { returnableFulfillments(orderId: $id, first: 5) { nodes { returnableFulfillmentLineItems(first: 10) { nodes { quantity fulfillmentLineItem { lineItem { id } } } } } } }`;
    const before = await gql(Q, { id: order.id });
    const lines = () => before.data?.returnableFulfillments.nodes[0].returnableFulfillmentLineItems.nodes;
    expect(lines().map((l: { quantity: number }) => l.quantity)).toEqual([1, 2]);
    const fli = order.fulfillments[0].fulfillmentLineItems[1];
    const requested = await gql(`mutation Q($input: ReturnRequestInput!) { returnRequest(input: $input) { return { id } userErrors { message } } }`, {
      input: { orderId: order.id, returnLineItems: [{ fulfillmentLineItemId: fli.id, quantity: 2, returnReason: "UNWANTED" }] },
    });
    const after = await gql(Q, { id: order.id });
    expect(after.data?.returnableFulfillments.nodes[0].returnableFulfillmentLineItems.nodes).toHaveLength(1);
    const cancelled = await gql(`mutation C($id: ID!) { returnCancel(id: $id) { return { status } userErrors { message } } }`, { id: requested.data?.returnRequest.return.id });
    expect(cancelled.data?.returnCancel).toEqual({ return: { status: "CANCELED" }, userErrors: [] });
    expect(store.returnableQuantity(fli)).toBe(2);
  });
});

describe("other mutations", () => {
  it("GIVEN goodwill WHEN storeCreditAccountCredit THEN the balance grows; a past expiry is refused", async () => {
    const M = `mutation S($id: ID!, $input: StoreCreditAccountCreditInput!) { storeCreditAccountCredit(id: $id, creditInput: $input) { storeCreditAccountTransaction { amount { amount } } userErrors { code } } }`;
    const ok = await gql(M, { id: customer.id, input: { creditAmount: { amount: "25.00", currencyCode: "GBP" }, expiresAt: "2027-01-01T00:00:00Z" } });
    expect(ok.data?.storeCreditAccountCredit).toEqual({ storeCreditAccountTransaction: { amount: { amount: "25.0" } }, userErrors: [] });
    const past = await gql(M, { id: customer.id, input: { creditAmount: { amount: "25.00", currencyCode: "GBP" }, expiresAt: "2020-01-01T00:00:00Z" } });
    expect(past.data?.storeCreditAccountCredit.userErrors[0].code).toBe("EXPIRES_AT_IN_PAST");
  });

  it("GIVEN a repair quote WHEN draftOrderCreate THEN it has an invoice URL; tags and the refund policy update", async () => {
    const draft = await gql(`mutation D($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { name invoiceUrl totalPriceSet { shopMoney { amount } } } userErrors { message } } }`, {
      input: { customerId: customer.id, lineItems: [{ title: "Ring resize", quantity: 1, originalUnitPriceWithCurrency: { amount: "45.00", currencyCode: "GBP" } }] },
    });
    expect(draft.data?.draftOrderCreate.draftOrder).toMatchObject({ name: "#D1", totalPriceSet: { shopMoney: { amount: "45.0" } } });
    expect(draft.data?.draftOrderCreate.draftOrder.invoiceUrl).toMatch(/\/invoices\/[0-9a-f]{32}$/);

    const tags = await gql(`mutation T($id: ID!) { tagsAdd(id: $id, tags: ["aftercare", "repair"]) { node { id } userErrors { message } } }`, { id: order.id });
    expect(tags.data?.tagsAdd.userErrors).toEqual([]);
    expect(order.tags).toEqual(["aftercare", "repair"]);
    await gql(`mutation T($id: ID!) { tagsRemove(id: $id, tags: ["Repair"]) { userErrors { message } } }`, { id: order.id });
    expect(order.tags).toEqual(["aftercare"]);

    const policy = await gql(`mutation P($p: ShopPolicyInput!) { shopPolicyUpdate(shopPolicy: $p) { shopPolicy { title body } userErrors { message } } }`, { p: { type: "REFUND_POLICY", body: "30 days" } });
    expect(policy.data?.shopPolicyUpdate.shopPolicy).toEqual({ title: "Refund policy", body: "30 days" });
  });
});

describe("access scopes", () => {
  it("GIVEN a token without write_orders WHEN it refunds THEN ACCESS_DENIED for that field, and the query's other fields still answer", async () => {
    const productId = store.products[0].id;
    const result = await standin.graphql(SHOP, { query: `query P($id: ID!) { shop { name } product(id: $id) { title } }`, variables: { id: productId } }, { scopes: ["read_orders"] });
    const body = result.body as Body;
    expect(body.data?.shop.name).toBe("Demo Jeweller");
    expect(body.data?.product).toBeNull();
    expect(body.errors?.[0]).toMatchObject({ path: ["product"], extensions: { code: "ACCESS_DENIED", requiredAccess: "`read_products` access scope." } });

    const refund = await standin.graphql(SHOP, { query: REFUND, variables: { input: { orderId: order.id }, key: "denied" } }, { scopes: ["read_orders", "write_returns"] });
    expect((refund.body as Body).errors?.[0].extensions?.code).toBe("ACCESS_DENIED");
    expect(store.refunds).toHaveLength(0);
    const allowed = await standin.graphql(SHOP, { query: `{ products(first: 1) { nodes { id } } }` }, { scopes: ["write_products"] });
    expect((allowed.body as Body).errors).toBeUndefined();
  });
});

describe("store events", () => {
  it("GIVEN a refund and a delivery WHEN they happen THEN the store announces Shopify's topics with REST-shaped payloads", async () => {
    const events: StoreEvent[] = [];
    store.onEvent((e) => events.push(e));
    await gql(REFUND, {
      input: { orderId: order.id, refundLineItems: [{ lineItemId: order.lineItems[0].id, quantity: 1 }], transactions: [{ orderId: order.id, parentId: order.transactions[0].id, amount: "100.00", gateway: "shopify_payments", kind: "REFUND" }] },
      key: "events-1",
    });
    store.deliver(order.fulfillments[0].id, "2026-06-02T09:00:00Z");
    expect(events.map((e) => e.topic)).toEqual(["refunds/create", "orders/updated", "fulfillments/update", "orders/updated"]);
    expect(payloadFor(store, "orders/updated", order)).toMatchObject({ name: "#1001", financial_status: "partially_refunded", customer: { email: "ada@example.com" } });
    const fulfilment = payloadFor(store, "fulfillments/update", order.fulfillments[0]);
    expect(fulfilment).toMatchObject({ shipment_status: "delivered" });
    expect(String(fulfilment.order_id)).toBe(order.id.split("/").pop());
  });
});
