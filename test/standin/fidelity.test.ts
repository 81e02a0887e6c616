import { beforeEach, describe, expect, it } from "vitest";

import { payDraftOrder } from "./draft-orders";
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

describe("refundCreate's @idempotent key (https://shopify.dev/docs/api/usage/implementing-idempotency)", () => {
  const REFUND = `mutation Refund($input: RefundInput!, $key: String!) {
    refundCreate(input: $input) @idempotent(key: $key) { refund { id } userErrors { field message } }
  }`;
  const input = () => ({ orderId: order.id, refundLineItems: [{ lineItemId: order.lineItems[1].id, quantity: 1 }] });

  it("GIVEN a first request still running WHEN the same key arrives THEN IDEMPOTENCY_CONCURRENT_REQUEST's answer, and the first still completes once", async () => {
    let release = () => {};
    store.mutationGates.refundCreate = new Promise<void>((resolve) => (release = resolve));
    const first = gql(REFUND, { input: input(), key: "k-1" });
    const second = await gql(REFUND, { input: input(), key: "k-1" });
    delete store.mutationGates.refundCreate;
    release();
    expect(second.data?.refundCreate).toEqual({ refund: null, userErrors: [{ field: null, message: "This request is currently in progress, please try again." }] });
    const done = await first;
    expect(done.data?.refundCreate.userErrors).toEqual([]);
    // Once finished, the key answers with the first refund.
    const third = await gql(REFUND, { input: input(), key: "k-1" });
    expect(third.data?.refundCreate.refund.id).toBe(done.data?.refundCreate.refund.id);
    expect(store.refunds).toHaveLength(1);
  });

  it("GIVEN a key older than the retention window WHEN sent again THEN it is forgotten and a new refund is made (why the app checks the refund's note first)", async () => {
    const first = await gql(REFUND, { input: input(), key: "k-2" });
    clock += store.idempotencyRetentionMs - 1;
    expect((await gql(REFUND, { input: input(), key: "k-2" })).data?.refundCreate.refund.id).toBe(first.data?.refundCreate.refund.id);
    clock += 1;
    const after = await gql(REFUND, { input: { ...input(), refundLineItems: [{ lineItemId: order.lineItems[2].id, quantity: 1 }] }, key: "k-2" });
    expect(after.data?.refundCreate.userErrors).toEqual([]);
    expect(store.refunds).toHaveLength(2);
  });
});

describe("limits the schema's descriptions state", () => {
  it("GIVEN a customerNote of 301 characters WHEN a return is requested THEN TOO_LONG ('Maximum length: 300 characters.'); 300 emoji are 300 characters and pass", async () => {
    const long = await requestReturn(0, { customerNote: "x".repeat(301) });
    expect(long.data?.returnRequest.userErrors).toEqual([{ field: ["input", "returnLineItems", "0", "customerNote"], message: "Customer note is too long (maximum is 300 characters)", code: "TOO_LONG" }]);
    expect(store.returns).toHaveLength(0);
    const emoji = await requestReturn(0, { customerNote: "💍".repeat(300) });
    expect(emoji.data?.returnRequest.userErrors).toEqual([]);
  });

  it("GIVEN a declineNote of 501 characters WHEN declining THEN TOO_LONG ('Maximum length: 500 characters.') and the return stays requested", async () => {
    const id = (await requestReturn(0)).data?.returnRequest.return.id as string;
    const body = await gql(DECLINE, { input: { id, declineReason: "OTHER", declineNote: "n".repeat(501) } });
    expect(body.data?.returnDeclineRequest.userErrors).toEqual([{ field: ["input", "declineNote"], message: "Decline note is too long (maximum is 500 characters)", code: "TOO_LONG" }]);
    expect(store.find(id, "Return")?.status).toBe("REQUESTED");
    const ok = await gql(DECLINE, { input: { id, declineReason: "OTHER", declineNote: "n".repeat(500) } });
    expect(ok.data?.returnDeclineRequest.return.status).toBe("DECLINED");
  });

  it("GIVEN an account near its limit WHEN credited past it THEN CREDIT_LIMIT_EXCEEDED ('The operation would cause the account's credit limit to be exceeded.')", async () => {
    store.storeCreditLimitMinor.GBP = 10_000;
    const CREDIT = `mutation C($id: ID!, $c: StoreCreditAccountCreditInput!) { storeCreditAccountCredit(id: $id, creditInput: $c) { storeCreditAccountTransaction { id } userErrors { field message code } } }`;
    const owner = store.customers[0].id;
    const within = await gql(CREDIT, { id: owner, c: { creditAmount: { amount: "80.00", currencyCode: "GBP" } } });
    expect(within.data?.storeCreditAccountCredit.userErrors).toEqual([]);
    const over = await gql(CREDIT, { id: owner, c: { creditAmount: { amount: "20.01", currencyCode: "GBP" } } });
    expect(over.data?.storeCreditAccountCredit.userErrors).toEqual([{ field: ["creditInput", "creditAmount", "amount"], message: "The operation would cause the account's credit limit to be exceeded.", code: "CREDIT_LIMIT_EXCEEDED" }]);
  });

  it("GIVEN an account's transactions read newest first WHEN credits land between two pages THEN the next page continues after the cursor's transaction, none repeated or skipped", async () => {
    const owner = store.customers[0].id;
    const first = [1, 2, 3, 4, 5].map((i) => store.creditStoreCredit(owner, i * 100, "EUR", { event: "ADJUSTMENT" }));
    const account = store.storeCreditAccounts.find((a) => a.ownerId === owner && a.currencyCode === "EUR")!;
    const PAGE = `query P($id: ID!, $after: String) { storeCreditAccount(id: $id) { transactions(first: 2, after: $after, reverse: true) { nodes { ... on StoreCreditAccountCreditTransaction { id } } pageInfo { hasNextPage endCursor } } } }`;
    type Page = { storeCreditAccount: { transactions: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } };
    const one = (await gql(PAGE, { id: account.id })).data as Page;
    expect(one.storeCreditAccount.transactions.nodes.map((n) => n.id)).toEqual([first[4].id, first[3].id]);
    store.creditStoreCredit(owner, 900, "EUR", { event: "ADJUSTMENT" });
    store.creditStoreCredit(owner, 901, "EUR", { event: "ADJUSTMENT" });
    const two = (await gql(PAGE, { id: account.id, after: one.storeCreditAccount.transactions.pageInfo.endCursor })).data as Page;
    expect(two.storeCreditAccount.transactions.nodes.map((n) => n.id)).toEqual([first[2].id, first[1].id]);
    expect(two.storeCreditAccount.transactions.pageInfo.hasNextPage).toBe(true);
  });

  it("GIVEN first: 251 WHEN a connection is read THEN refused: a page holds at most 250", async () => {
    const body = await gql(`{ orders(first: 251) { nodes { id } } }`);
    expect(body.errors?.[0].message).toBe("The first and last arguments must be less than or equal to 250");
    expect((await gql(`{ orders(first: 250) { nodes { id } } }`)).errors).toBeUndefined();
  });
});

describe("money in the shopper's currency (MoneyBag.presentmentMoney, ProductVariant.contextualPricing)", () => {
  it("GIVEN a euro-area market at 1.16 euros a pound WHEN a £100 ring's contextual price is read for France, for Britain and with no country THEN €116 in EUR, and the shop's £100 otherwise; `price` stays 'in the default shop currency'", async () => {
    store.markets = [{ name: "Euro area", countries: ["FR", "DE"], currencyCode: "EUR", rate: "1.16" }];
    const ring = addProduct(store, { title: "Solitaire", price: 10_000 });
    ring.variant.compareAtPrice = "120.00";
    const PRICE = `query P($id: ID!, $country: CountryCode) { productVariant(id: $id) { price contextualPricing(context: { country: $country }) { price { amount currencyCode } compareAtPrice { amount currencyCode } quantityRule { minimum increment isDefault } } } }`;
    const read = async (country: string | null) => (await gql(PRICE, { id: ring.variant.id, country })).data?.productVariant;
    expect(await read("FR")).toEqual({
      price: "100.00",
      contextualPricing: { price: { amount: "116.0", currencyCode: "EUR" }, compareAtPrice: { amount: "139.2", currencyCode: "EUR" }, quantityRule: { minimum: 1, increment: 1, isDefault: true } },
    });
    expect((await read("GB")).contextualPricing.price).toEqual({ amount: "100.0", currencyCode: "GBP" });
    expect((await read(null)).contextualPricing.price).toEqual({ amount: "100.0", currencyCode: "GBP" });
  });

  it("GIVEN an order paid in euros at 0.86 pounds a euro WHEN its line price and net payment are read THEN presentmentMoney is in EUR as paid and shopMoney the pounds it was booked at", async () => {
    const customer = addCustomer(store, { email: "eva@example.com" });
    const ring = addProduct(store, { title: "Band", price: 10_000 });
    const euro = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1, unitPrice: 11_600 }], presentment: { currencyCode: "EUR", rate: "0.86" } });
    const body = await gql(`query O($id: ID!) { order(id: $id) { currencyCode presentmentCurrencyCode netPaymentSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } } lineItems(first: 5) { nodes { originalUnitPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } } } } } }`, { id: euro.id });
    const order = body.data?.order;
    expect([order.currencyCode, order.presentmentCurrencyCode]).toEqual(["GBP", "EUR"]);
    expect(order.lineItems.nodes[0].originalUnitPriceSet).toEqual({ shopMoney: { amount: "99.76", currencyCode: "GBP" }, presentmentMoney: { amount: "116.0", currencyCode: "EUR" } });
    expect(order.netPaymentSet.presentmentMoney).toEqual({ amount: "116.0", currencyCode: "EUR" });
  });
});

describe("reverseDeliveryCreateWithShipping (2026-10: 'Creates a new reverse delivery with associated external shipping information')", () => {
  const RFO = `query F($id: ID!) { return(id: $id) { reverseFulfillmentOrders(first: 5) { nodes { id status lineItems(first: 5) { nodes { id totalQuantity } } reverseDeliveries(first: 5) { nodes { id deliverable { ... on ReverseDeliveryShippingDeliverable { tracking { number url } } } reverseDeliveryLineItems(first: 5) { nodes { quantity reverseFulfillmentOrderLineItem { id } } } } } } } } }`;
  const CREATE = `mutation C($rfo: ID!, $lines: [ReverseDeliveryLineItemInput!]!, $tracking: ReverseDeliveryTrackingInput) { reverseDeliveryCreateWithShipping(reverseFulfillmentOrderId: $rfo, reverseDeliveryLineItems: $lines, trackingInput: $tracking) { reverseDelivery { id } userErrors { field message code } } }`;

  it("GIVEN a requested return WHEN it has no reverse fulfilment order yet THEN a delivery on a made-up one is refused; once approved, an empty line list takes every line whole and the tracking is read back", async () => {
    const returnId = (await requestReturn(0)).data?.returnRequest.return.id as string;
    expect((await gql(RFO, { id: returnId })).data?.return.reverseFulfillmentOrders.nodes).toEqual([]);
    const refused = await gql(CREATE, { rfo: "gid://shopify/ReverseFulfillmentOrder/1", lines: [], tracking: { number: "RR123456785GB" } });
    expect(refused.data?.reverseDeliveryCreateWithShipping).toMatchObject({ reverseDelivery: null, userErrors: [{ field: ["reverseFulfillmentOrderId"], code: "NOT_FOUND" }] });
    await gql(APPROVE, { id: returnId });
    const [rfo] = (await gql(RFO, { id: returnId })).data!.return.reverseFulfillmentOrders.nodes;
    // "If an empty array is provided, then this mutation will create a reverse delivery line item for each reverse fulfillment order line item, with its quantity equal to the reverse fulfillment order line item total quantity."
    const made = await gql(CREATE, { rfo: rfo.id, lines: [], tracking: { number: "RR123456785GB", url: "https://www.royalmail.com/track-your-item#/tracking-results/RR123456785GB" } });
    expect(made.data?.reverseDeliveryCreateWithShipping.userErrors).toEqual([]);
    const [after] = (await gql(RFO, { id: returnId })).data!.return.reverseFulfillmentOrders.nodes;
    expect(after.reverseDeliveries.nodes).toEqual([
      {
        id: made.data?.reverseDeliveryCreateWithShipping.reverseDelivery.id,
        deliverable: { tracking: { number: "RR123456785GB", url: "https://www.royalmail.com/track-your-item#/tracking-results/RR123456785GB" } },
        reverseDeliveryLineItems: { nodes: rfo.lineItems.nodes.map((l: { id: string; totalQuantity: number }) => ({ quantity: l.totalQuantity, reverseFulfillmentOrderLineItem: { id: l.id } })) },
      },
    ]);
  });

  it("GIVEN an open return WHEN a line is asked for more units than it has, or one not on it THEN the delivery is refused and none is made; the same tracking sent twice makes two (Shopify does not merge them)", async () => {
    const returnId = (await requestReturn(1)).data?.returnRequest.return.id as string;
    await gql(APPROVE, { id: returnId });
    const [rfo] = (await gql(RFO, { id: returnId })).data!.return.reverseFulfillmentOrders.nodes;
    const line = rfo.lineItems.nodes[0];
    const tooMany = await gql(CREATE, { rfo: rfo.id, lines: [{ reverseFulfillmentOrderLineItemId: line.id, quantity: line.totalQuantity + 1 }] });
    expect(tooMany.data?.reverseDeliveryCreateWithShipping.userErrors[0]).toMatchObject({ field: ["reverseDeliveryLineItems", "0", "quantity"] });
    const unknown = await gql(CREATE, { rfo: rfo.id, lines: [{ reverseFulfillmentOrderLineItemId: "gid://shopify/ReverseFulfillmentOrderLineItem/1", quantity: 1 }] });
    expect(unknown.data?.reverseDeliveryCreateWithShipping.userErrors[0]).toMatchObject({ code: "NOT_FOUND" });
    expect((await gql(RFO, { id: returnId })).data?.return.reverseFulfillmentOrders.nodes[0].reverseDeliveries.nodes).toEqual([]);
    await gql(CREATE, { rfo: rfo.id, lines: [], tracking: { number: "1Z999AA10123456784" } });
    await gql(CREATE, { rfo: rfo.id, lines: [], tracking: { number: "1Z999AA10123456784" } });
    expect((await gql(RFO, { id: returnId })).data?.return.reverseFulfillmentOrders.nodes[0].reverseDeliveries.nodes).toHaveLength(2);
  });
});

describe("fees on a return (ReturnRequestInput.returnShippingFee, ReturnRequestLineItemInput.restockingFee 2026-10)", () => {
  const FEES = `query F($id: ID!, $lines: [SuggestedOutcomeReturnLineItemInput!]!) { return(id: $id) { returnShippingFees { amountSet { presentmentMoney { amount currencyCode } } } returnLineItems(first: 5) { nodes { id ... on ReturnLineItem { restockingFee { percentage amountSet { presentmentMoney { amount } } } } } } suggestedFinancialOutcome(returnLineItems: $lines, exchangeLineItems: []) { financialTransfer { __typename ... on RefundReturnOutcome { amount { presentmentMoney { amount } } } } } } }`;

  it("GIVEN a return requested with a 10% restocking fee and a £5 label fee WHEN it is read THEN the return shows both ('the value of the fee as a fixed amount in the presentment currency of the order'; the fee 'as a percentage' and its amount) and Shopify's outcome for its line keeps them", async () => {
    const made = await requestReturn(1, { restockingFee: { percentage: 10 } });
    expect(made.data?.returnRequest.userErrors).toEqual([]);
    // A second return on another line, with a label fee in the order's currency.
    const fli = order.fulfillments[0].fulfillmentLineItems.find((f) => f.lineItemId === order.lineItems[2].id)!;
    const labelled = await gql(REQUEST, { input: { orderId: order.id, returnShippingFee: { amount: { amount: "5.00", currencyCode: "GBP" } }, returnLineItems: [{ fulfillmentLineItemId: fli.id, quantity: 1, returnReason: "UNWANTED", restockingFee: { percentage: 10 } }] } });
    expect(labelled.data?.returnRequest.userErrors).toEqual([]);
    const id = labelled.data?.returnRequest.return.id as string;
    const read = (await gql(FEES, { id, lines: [] })).data!.return;
    expect(read.returnShippingFees).toEqual([{ amountSet: { presentmentMoney: { amount: "5.0", currencyCode: "GBP" } } }]);
    expect(read.returnLineItems.nodes[0].restockingFee).toEqual({ percentage: 10, amountSet: { presentmentMoney: { amount: "12.0" } } });
    const outcome = (await gql(FEES, { id, lines: [{ id: read.returnLineItems.nodes[0].id, quantity: 1 }] })).data!.return.suggestedFinancialOutcome;
    // £120 paid, less £12 restocking and £5 for the label.
    expect(outcome.financialTransfer).toEqual({ __typename: "RefundReturnOutcome", amount: { presentmentMoney: { amount: "103.0" } } });
  });

  it("GIVEN a label fee in another currency than the order's, or a restocking percentage above 100 WHEN the return is requested THEN it is refused and no return is made", async () => {
    const fli = order.fulfillments[0].fulfillmentLineItems.find((f) => f.lineItemId === order.lineItems[0].id)!;
    const euros = await gql(REQUEST, { input: { orderId: order.id, returnShippingFee: { amount: { amount: "5.00", currencyCode: "EUR" } }, returnLineItems: [{ fulfillmentLineItemId: fli.id, quantity: 1, returnReason: "UNWANTED" }] } });
    expect(euros.data?.returnRequest).toMatchObject({ return: null, userErrors: [{ field: ["input", "returnShippingFee", "amount", "currencyCode"], code: "INVALID" }] });
    const tooMuch = await requestReturn(0, { restockingFee: { percentage: 150 } });
    expect(tooMuch.data?.returnRequest).toMatchObject({ return: null, userErrors: [{ field: ["input", "returnLineItems", "0", "restockingFee", "percentage"], code: "INVALID" }] });
    expect(store.returns).toEqual([]);
  });
});

describe("draft orders after draftOrderCreate (DraftOrderStatus, draftOrderInvoiceSend, DraftOrder.order)", () => {
  const CREATE = `mutation C($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id status invoiceSentAt } userErrors { field message } } }`;
  const SEND = `mutation S($id: ID!) { draftOrderInvoiceSend(id: $id) { draftOrder { id status invoiceSentAt } userErrors { field message } } }`;
  const READ = `query R($q: String!) { draftOrders(first: 5, query: $q) { nodes { id status completedAt invoiceSentAt order { id displayFinancialStatus tags sourceName totalPriceSet { shopMoney { amount } } } } } }`;

  it("GIVEN a draft order WHEN its invoice is sent THEN INVOICE_SENT with invoiceSentAt ('when the invoice was last emailed'); WHEN the shopper pays THEN COMPLETED ('has been paid') into a paid order carrying its tags, announced by orders/create; a paid draft cannot be invoiced again", async () => {
    const customer = store.customers[0];
    const made = await gql(CREATE, { input: { purchasingEntity: { customerId: customer.id }, tags: ["aftercare-repair-x"], lineItems: [{ title: "Re-tip claws", quantity: 2, originalUnitPriceWithCurrency: { amount: "15.00", currencyCode: "GBP" } }] } });
    const draft = made.data!.draftOrderCreate.draftOrder;
    expect([draft.status, draft.invoiceSentAt]).toEqual(["OPEN", null]);
    const events: string[] = [];
    store.onEvent((e) => events.push(e.topic));
    const sent = await gql(SEND, { id: draft.id });
    expect(sent.data!.draftOrderInvoiceSend).toEqual({ draftOrder: { id: draft.id, status: "INVOICE_SENT", invoiceSentAt: expect.any(String) }, userErrors: [] });
    expect(store.invoices.filter((i) => i.orderId === draft.id)).toEqual([expect.objectContaining({ to: customer.email, amountMinor: 3_000 })]);

    const order = payDraftOrder(store, draft.id);
    const read = await gql(READ, { q: "tag:aftercare-repair-x" });
    expect(read.data!.draftOrders.nodes).toEqual([
      { id: draft.id, status: "COMPLETED", completedAt: expect.any(String), invoiceSentAt: expect.any(String), order: { id: order.id, displayFinancialStatus: "PAID", tags: ["aftercare-repair-x"], sourceName: "shopify_draft_order", totalPriceSet: { shopMoney: { amount: "30.0" } } } },
    ]);
    expect(events).toEqual(["draft_orders/update", "orders/create", "draft_orders/update"]);
    const again = await gql(SEND, { id: draft.id });
    expect(again.data!.draftOrderInvoiceSend.userErrors).toEqual([{ field: ["id"], message: "Draft order has been paid and cannot be invoiced" }]);
    expect(() => payDraftOrder(store, draft.id)).toThrow(/already paid/);
  });
});

describe("draftOrderComplete ('Completes a draft order and converts it into a regular order')", () => {
  const CREATE = `mutation C($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id status } userErrors { field message } } }`;
  const COMPLETE = `mutation P($id: ID!, $pending: Boolean) { draftOrderComplete(id: $id, paymentPending: $pending) { draftOrder { id status completedAt order { id name sourceName tags displayFinancialStatus displayFulfillmentStatus customer { id } shippingAddress { address1 city zip countryCodeV2 } totalPriceSet { presentmentMoney { amount currencyCode } } lineItems(first: 5) { nodes { title quantity requiresShipping originalUnitPriceSet { presentmentMoney { amount } } } } } } userErrors { field message } } }`;
  const address = { firstName: "Ada", lastName: "Lovelace", address1: "1 Marlow Row", city: "London", zip: "SW1A 1AA", countryCode: "GB" };

  it("GIVEN a draft of custom lines at 0.00 for a customer and address WHEN it is completed without paymentPending THEN it is COMPLETED into an order from shopify_draft_order with its lines, tags, customer and address, PAID with no sale (nothing to collect) and waiting to be fulfilled; it cannot be completed again", async () => {
    const customer = store.customers[0];
    const made = await gql(CREATE, { input: { purchasingEntity: { customerId: customer.id }, shippingAddress: address, presentmentCurrencyCode: "GBP", tags: ["aftercare-parts-x"], lineItems: [{ title: "Spare crystals", quantity: 2, originalUnitPriceWithCurrency: { amount: "0.00", currencyCode: "GBP" }, requiresShipping: true }] } });
    const draft = made.data!.draftOrderCreate.draftOrder;
    const events: string[] = [];
    store.onEvent((e) => events.push(e.topic));
    const done = await gql(COMPLETE, { id: draft.id });
    expect(done.errors).toBeUndefined();
    const completed = done.data!.draftOrderComplete;
    expect(completed.userErrors).toEqual([]);
    expect(completed.draftOrder).toMatchObject({ id: draft.id, status: "COMPLETED", completedAt: expect.any(String) });
    expect(completed.draftOrder.order).toEqual({
      id: expect.any(String),
      name: expect.stringMatching(/^#\d+$/),
      sourceName: "shopify_draft_order",
      tags: ["aftercare-parts-x"],
      displayFinancialStatus: "PAID",
      displayFulfillmentStatus: "UNFULFILLED",
      customer: { id: customer.id },
      shippingAddress: { address1: "1 Marlow Row", city: "London", zip: "SW1A 1AA", countryCodeV2: "GB" },
      totalPriceSet: { presentmentMoney: { amount: "0.0", currencyCode: "GBP" } },
      lineItems: { nodes: [{ title: "Spare crystals", quantity: 2, requiresShipping: true, originalUnitPriceSet: { presentmentMoney: { amount: "0.0" } } }] },
    });
    const made2 = store.orders.find((o) => o.id === completed.draftOrder.order.id)!;
    expect(made2.transactions).toEqual([]);
    expect(events).toEqual(["orders/create", "draft_orders/update"]);
    const again = await gql(COMPLETE, { id: draft.id });
    expect(again.data!.draftOrderComplete.userErrors).toEqual([{ field: ["id"], message: "This order has been completed" }]);
    expect(store.orders.filter((o) => o.tags.includes("aftercare-parts-x"))).toHaveLength(1);
  });

  it("GIVEN a draft of a priced line WHEN it is completed with paymentPending THEN its order waits for payment (PENDING, no sale); without it THEN it is marked paid by one sale of its total", async () => {
    const line = { title: "Re-tip claws", quantity: 1, originalUnitPriceWithCurrency: { amount: "15.00", currencyCode: "GBP" } };
    const pending = (await gql(CREATE, { input: { tags: ["p"], lineItems: [line] } })).data!.draftOrderCreate.draftOrder;
    const paid = (await gql(CREATE, { input: { tags: ["q"], lineItems: [line] } })).data!.draftOrderCreate.draftOrder;
    expect((await gql(COMPLETE, { id: pending.id, pending: true })).data!.draftOrderComplete.draftOrder.order.displayFinancialStatus).toBe("PENDING");
    const order = (await gql(COMPLETE, { id: paid.id })).data!.draftOrderComplete.draftOrder.order;
    expect(order.displayFinancialStatus).toBe("PAID");
    expect(store.orders.find((o) => o.id === order.id)!.transactions.map((t) => [t.kind, t.amountSet.shopMoney.amount])).toEqual([["SALE", "15.0"]]);
  });
});

describe("removeFromReturn ('Removes return and/or exchange lines from a return')", () => {
  const CREATE = `mutation C($input: ReturnInput!) { returnCreate(returnInput: $input) { return { id status exchangeLineItems(first: 5) { nodes { id quantity } } returnLineItems(first: 5) { nodes { id quantity } } } userErrors { field message code } } }`;
  const REMOVE = `mutation R($id: ID!, $x: [ExchangeLineItemRemoveFromReturnInput!], $r: [ReturnLineItemRemoveFromReturnInput!]) { removeFromReturn(returnId: $id, exchangeLineItems: $x, returnLineItems: $r) { return { id status exchangeLineItems(first: 5) { nodes { id quantity } } } userErrors { field message code } } }`;

  async function exchangeReturn() {
    const fli = order.fulfillments[0].fulfillmentLineItems.find((f) => f.lineItemId === order.lineItems[1].id)!;
    const other = store.variants.find((v) => v.id !== order.lineItems[1].variantId)!;
    const made = await gql(CREATE, { input: { orderId: order.id, returnLineItems: [{ fulfillmentLineItemId: fli.id, quantity: 1 }], exchangeLineItems: [{ variantId: other.id, quantity: 1 }] } });
    return made.data?.returnCreate.return as { id: string; exchangeLineItems: { nodes: { id: string; quantity: number }[] }; returnLineItems: { nodes: { id: string }[] } };
  }

  it("GIVEN an open return with an exchange item WHEN it is removed THEN the return keeps only its returned item; removing it again, or more than is left, is refused and changes nothing", async () => {
    const ret = await exchangeReturn();
    const x = ret.exchangeLineItems.nodes[0];
    const tooMany = await gql(REMOVE, { id: ret.id, x: [{ exchangeLineItemId: x.id, quantity: 2 }] });
    expect(tooMany.data?.removeFromReturn.userErrors[0]).toMatchObject({ code: "INVALID" });
    expect(tooMany.data?.removeFromReturn.return.exchangeLineItems.nodes).toEqual([x]);
    const removed = await gql(REMOVE, { id: ret.id, x: [{ exchangeLineItemId: x.id, quantity: 1 }] });
    expect(removed.data?.removeFromReturn).toEqual({ return: { id: ret.id, status: "OPEN", exchangeLineItems: { nodes: [] } }, userErrors: [] });
    const again = await gql(REMOVE, { id: ret.id, x: [{ exchangeLineItemId: x.id, quantity: 1 }] });
    expect(again.data?.removeFromReturn.userErrors[0]).toMatchObject({ code: "NOT_FOUND" });
  });

  it("GIVEN a return WHEN its only returned item would be removed, or it is cancelled THEN refused: a return keeps a returned item, and a closed one keeps its lines", async () => {
    const ret = await exchangeReturn();
    const onlyLine = await gql(REMOVE, { id: ret.id, r: [{ returnLineItemId: ret.returnLineItems.nodes[0].id, quantity: 1 }] });
    expect(onlyLine.data?.removeFromReturn.userErrors[0]).toMatchObject({ field: ["returnLineItems"] });
    await gql(`mutation X($id: ID!) { returnCancel(id: $id) { userErrors { message } } }`, { id: ret.id });
    const cancelled = await gql(REMOVE, { id: ret.id, x: [{ exchangeLineItemId: ret.exchangeLineItems.nodes[0].id, quantity: 1 }] });
    expect(cancelled.data?.removeFromReturn.userErrors[0]).toMatchObject({ code: "INVALID_STATE" });
  });
});

describe("draftOrderDelete ('Deletes a draft order')", () => {
  const CREATE = `mutation C($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id status } userErrors { field message } } }`;
  const DELETE = `mutation D($input: DraftOrderDeleteInput!) { draftOrderDelete(input: $input) { deletedId userErrors { field message } } }`;
  const READ = `query R($id: ID!, $q: String!) { draftOrder(id: $id) { id } draftOrders(first: 5, query: $q) { nodes { id } } }`;

  it("GIVEN an open draft WHEN it is deleted THEN deletedId is 'The ID of the deleted draft order', neither draftOrder nor draftOrders shows it, draft_orders/delete is sent, and deleting it again is refused", async () => {
    const draft = (await gql(CREATE, { input: { tags: ["aftercare-repair-x"], lineItems: [{ title: "Re-cut", quantity: 1, originalUnitPriceWithCurrency: { amount: "30.00", currencyCode: "GBP" } }] } })).data!.draftOrderCreate.draftOrder;
    const events: string[] = [];
    store.onEvent((e) => events.push(e.topic));
    const done = await gql(DELETE, { input: { id: draft.id } });
    expect(done.errors).toBeUndefined();
    expect(done.data!.draftOrderDelete).toEqual({ deletedId: draft.id, userErrors: [] });
    expect((await gql(READ, { id: draft.id, q: "tag:aftercare-repair-x" })).data).toEqual({ draftOrder: null, draftOrders: { nodes: [] } });
    expect(events).toEqual(["draft_orders/delete"]);
    expect(store.deletedDraftOrders).toEqual([expect.objectContaining({ id: draft.id, tags: ["aftercare-repair-x"], status: "OPEN" })]);
    expect((await gql(DELETE, { input: { id: draft.id } })).data!.draftOrderDelete).toEqual({ deletedId: null, userErrors: [{ field: ["id"], message: "Draft order does not exist" }] });
  });

  it("GIVEN a draft completed into an order WHEN it is deleted THEN the draft goes and its order stays (the schema sets no condition; the app decides never to)", async () => {
    const draft = (await gql(CREATE, { input: { tags: ["paid-x"], lineItems: [{ title: "Re-cut", quantity: 1, originalUnitPriceWithCurrency: { amount: "30.00", currencyCode: "GBP" } }] } })).data!.draftOrderCreate.draftOrder;
    const order = payDraftOrder(store, draft.id);
    expect((await gql(DELETE, { input: { id: draft.id } })).data!.draftOrderDelete.deletedId).toBe(draft.id);
    expect(store.orders.find((o) => o.id === order.id)).toBeDefined();
  });
});
