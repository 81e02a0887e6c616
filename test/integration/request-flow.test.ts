import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { presetPolicy, type Policy } from "../../app/domain";
import { createDesk } from "../../app/desk/actions.server";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createRequestFlow, type RateLimit } from "../../app/requests/flow.server";
import { RequestFlowError } from "../../app/requests/errors";
import { RETURN_ATTEMPTS, retryShopifyReturns } from "../../app/requests/return-retry.server";
import { orderViewSchema, previewSchema, statusViewSchema, submittedSchema, type Viewer } from "../../app/schemas/requests";
import { adminClient } from "../../app/shopify/client.server";
import type { RunningStandin } from "../standin";
import { applyRefund } from "../standin/resolvers/refunds";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import type { ShopStore, VariantRec } from "../standin/store";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { gatewayStandin, libraryGraphql, SHOP } from "./gateway-standin";

const SECRET = "request-flow-test-secret";
const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

/** A product with more sizes: `sizes` beyond the first, each with its stock. */
function addSizes(store: ShopStore, base: VariantRec, sizes: { value: string; stock: number; price?: string }[]): VariantRec[] {
  const product = store.find(base.productId, "Product");
  base.title = "K";
  base.selectedOptions = [{ __typename: "SelectedOption", name: "Ring size", value: "K" }];
  return sizes.map((size, i) => {
    const variant: VariantRec = { ...base, id: store.nextId("ProductVariant"), title: size.value, position: i + 2, price: size.price ?? base.price, inventoryQuantity: size.stock, availableForSale: size.stock > 0, selectedOptions: [{ __typename: "SelectedOption", name: "Ring size", value: size.value }] };
    product?.variantIds.push(variant.id);
    store.variants.push(store.index(variant));
    return variant;
  });
}

function unlimited(): RateLimit {
  return { consume: async () => true };
}

describe.each(testProviders())("the request flow on %s", (provider) => {
  let standin: RunningStandin;
  let database: TestDatabase;
  let policy: Policy;
  const photoKeys = new Set<string>();

  beforeAll(async () => {
    [standin, database] = await Promise.all([gatewayStandin(), freshDatabase(provider)]);
  });
  afterAll(async () => {
    await standin?.close();
    await database?.dispose();
  });

  function flow(limits: RateLimit = unlimited()) {
    return createRequestFlow({
      requests: createRequestRepository(database.db),
      policies: async () => ({ policy, versionId: "v-test" }),
      secret: SECRET,
      photos: { exists: async (_shop, key) => photoKeys.has(key) },
      orderLookups: limits,
    });
  }
  const admin = () => adminClient(libraryGraphql(standin));
  const ctx = (viewer: Viewer) => ({ shop: SHOP, viewer, admin: admin() });

  it("GIVEN a logged-in customer with a bangle and pierced earrings WHEN they look at the order THEN the bangle is returnable until a date and the earrings are refused in the merchant's words", async () => {
    policy = presetPolicy("uk-jeweller");
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email: "ada@example.com" });
    const bangle = addProduct(store, { title: "Silver bangle", price: 12_000, productType: "Bracelets" });
    const studs = addProduct(store, { title: "Pearl studs", price: 8_500, productType: "Earrings", tags: ["pierced"] });
    const order = addPaidOrder(store, { customer, lines: [{ variant: bangle.variant, quantity: 1 }, { variant: studs.variant, quantity: 1 }], shipping: 495, createdAt: days(6), deliveredAt: days(4) });

    const view = orderViewSchema.parse(await flow().orderView(ctx({ type: "customer", customerId: customer.id }), order.id));

    const [bangleLine, studLine] = view.lines;
    const bangleReturn = bangleLine.entitlements.find((e) => e.kind === "return");
    expect(bangleReturn).toMatchObject({ eligible: true, reasons: expect.arrayContaining([expect.stringContaining("within")]) });
    expect(bangleReturn?.until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const studReturn = studLine.entitlements.find((e) => e.kind === "return");
    expect(studReturn).toMatchObject({ eligible: false, blockers: ["excluded_item"], reasons: ["For hygiene reasons we cannot exchange or refund earrings unless they are faulty."] });
    expect(studLine.entitlements.find((e) => e.kind === "faulty")?.eligible).toBe(true);
    expect(view.lines[0].unitPrice).toEqual({ amountMinor: 12_000, currency: "GBP" });

    // Another customer, or a guest without a grant, is told the order does not exist.
    const stranger = addCustomer(store, { email: "eve@example.com" });
    await expect(flow().orderView(ctx({ type: "customer", customerId: stranger.id }), order.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(flow().orderView(ctx({ type: "guest", grant: "forged.grant.value-forged-value-forged-value-forged-1" }), order.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(flow().orderView(ctx({ type: "customer", customerId: customer.id }), "gid://shopify/Order/999999")).rejects.toMatchObject({ code: "not_found" });
  });

  it("GIVEN three charms of which one was refunded WHEN the shopper looks THEN two of the three can still be asked about", async () => {
    policy = presetPolicy("uk-jeweller");
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email: "lin@example.com" });
    const charm = addProduct(store, { title: "Silver charm", price: 2_000, productType: "Bracelets" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: charm.variant, quantity: 3 }], createdAt: days(5), deliveredAt: days(3) });
    applyRefund(store, { order, lines: [{ lineItemId: order.lineItems[0].id, quantity: 1, restockType: "NO_RESTOCK", field: [] }], shipping: null, transactions: [], storeCredit: [], allowOverRefunding: false, note: null, returnId: null });

    const view = orderViewSchema.parse(await flow().orderView(ctx({ type: "customer", customerId: customer.id }), order.id));

    expect(view.lines[0]).toMatchObject({ quantity: 3, available: 2 });
  });

  it("GIVEN one of two items WHEN previewed and submitted twice with one key THEN the breakdown is in pence, one request and one Shopify return exist, and the status link shows it", async () => {
    policy = presetPolicy("uk-jeweller");
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email: "grace@example.com" });
    const necklace = addProduct(store, { title: "Gold necklace", price: 20_000, productType: "Necklaces" });
    const bracelet = addProduct(store, { title: "Tennis bracelet", price: 15_000, productType: "Bracelets" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: necklace.variant, quantity: 1, discount: 2_000 }, { variant: bracelet.variant, quantity: 1 }], shipping: 495, createdAt: days(5), deliveredAt: days(3) });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const lineId = order.lineItems[0].id;
    const draft = { orderId: order.id, kind: "return", preferredResolution: "refund", lines: [{ lineId, quantity: 1, reason: "changed_mind" }] };

    const preview = previewSchema.parse(await flow().preview(ctx(viewer), draft));
    expect(preview.canSubmit).toBe(true);
    expect(preview.refund).toMatchObject({ method: "original_payment", items: { amountMinor: 20_000, currency: "GBP" }, discounts: { amountMinor: 2_000 }, shipping: { amountMinor: 0 }, fees: { amountMinor: 0 }, total: { amountMinor: 18_000 } });
    expect(preview.returnShipping).toBe("customer");
    expect(preview.resolutions).toEqual(["refund", "exchange"]);

    const key = "submit-key-0123456789abcdef";
    const [first, second] = await Promise.all([flow().submit(ctx(viewer), { ...draft, idempotencyKey: key }), flow().submit(ctx(viewer), { ...draft, idempotencyKey: key })]);
    submittedSchema.parse(first);
    expect(first.requestId).toBe(second.requestId);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    const again = await flow().submit(ctx(viewer), { ...draft, idempotencyKey: key });
    expect(again).toMatchObject({ requestId: first.requestId, created: false });

    const rows = await database.db.aftercareRequest.findMany({ where: { shop: SHOP, orderId: order.id }, include: { lines: true, events: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "return", status: "requested", policyVersionId: "v-test", submitKey: key, resolution: null, preferredResolution: "refund", customerId: customer.id, number: expect.any(Number) });
    expect(rows[0].lines).toEqual([expect.objectContaining({ lineItemId: lineId, quantity: 1, reason: "changed_mind", fulfillmentLineItemId: expect.stringContaining("FulfillmentLineItem") })]);
    expect(rows[0].events.map((e) => [e.type, e.actor])).toEqual([["requested", "shopper"]]);
    // The engine's total is the request's money ceiling: refunds and credits never pass it.
    expect(rows[0].moneyDecidedMinor).toBe(18_000n);
    const returns = store.returns.filter((r) => r.orderId === order.id);
    expect(returns).toHaveLength(1);
    expect(rows[0].shopifyReturnId).toBe(returns[0].id);
    expect(returns[0].status).toBe("REQUESTED");

    // The status link works without logging in; a forged or another shop's link does not.
    const status = statusViewSchema.parse(await flow().status(ctx({ type: "staff" }), { token: first.statusToken }));
    expect(status).toMatchObject({ requestId: first.requestId, status: "requested", steps: [expect.objectContaining({ type: "requested" })] });
    const forged = first.statusToken.slice(0, -2) + (first.statusToken.endsWith("AA") ? "BB" : "AA");
    await expect(flow().status(ctx({ type: "staff" }), { token: forged })).rejects.toMatchObject({ code: "not_found" });
    await expect(flow().status({ shop: "other.myshopify.com", viewer: { type: "staff" }, admin: admin() }, { token: first.statusToken })).rejects.toMatchObject({ code: "not_found" });
    // The item now shows its open request.
    const view = await flow().orderView(ctx(viewer), order.id);
    expect(view.lines[0]).toMatchObject({ state: "open_request", openRequests: [{ number: rows[0].number, kind: "return" }] });
    await expect(flow().preview(ctx(viewer), draft)).rejects.toMatchObject({ code: "invalid", fields: { "lines.0.lineId": expect.stringContaining("open request") } });
  });

  it("GIVEN two sends of one form that both found no request for their key WHEN the second runs after the first stored its request and opened its return THEN it answers with the first request, not a refusal", async () => {
    policy = presetPolicy("uk-jeweller");
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email: "june@example.com" });
    const cuff = addProduct(store, { title: "Silver cuff", price: 7_000, productType: "Bracelets" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: cuff.variant, quantity: 1 }], createdAt: days(5), deliveredAt: days(3) });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const form = { orderId: order.id, kind: "return", preferredResolution: "refund", idempotencyKey: "race-key-0123456789abcdef", lines: [{ lineId: order.lineItems[0].id, quantity: 1, reason: "changed_mind" }] };
    const first = await flow().submit(ctx(viewer), form);
    expect(first.created).toBe(true);

    // The second send checked its key before the first stored anything (the race), then went on.
    const requests = createRequestRepository(database.db);
    let checks = 0;
    const late = createRequestFlow({
      requests: { ...requests, findBySubmitKey: async (shop: string, key: string) => (checks++ === 0 ? null : requests.findBySubmitKey(shop, key)) },
      policies: async () => ({ policy, versionId: "v-test" }),
      secret: SECRET,
      photos: { exists: async () => true },
      orderLookups: unlimited(),
    });
    const second = await late.submit(ctx(viewer), form);
    expect(second).toMatchObject({ requestId: first.requestId, created: false });
    expect(await database.db.aftercareRequest.count({ where: { shop: SHOP, orderId: order.id } })).toBe(1);
    expect(store.returns.filter((r) => r.orderId === order.id)).toHaveLength(1);
  });

  it("GIVEN a return the shopper submitted asking for store credit WHEN the desk approves, receives and refunds it THEN it is resolved by the merchant's choice, once, and the shopper's wish stays beside it", async () => {
    policy = presetPolicy("uk-jeweller");
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email: "ivy@example.com" });
    const chain = addProduct(store, { title: "Rope chain", price: 6_000, productType: "Necklaces" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: chain.variant, quantity: 1 }], createdAt: days(5), deliveredAt: days(3) });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const draft = { orderId: order.id, kind: "return", preferredResolution: "refund", lines: [{ lineId: order.lineItems[0].id, quantity: 1, reason: "changed_mind" }] };
    const submitted = await flow().submit(ctx(viewer), { ...draft, idempotencyKey: "submit-key-desk-0123456789" });

    const desk = createDesk({ requests: createRequestRepository(database.db), desk: createDeskRepository(database.db), operations: createOperationRepository(database.db), admin: admin(), staff: { id: "1", name: "Staff 1" }, timezone: "Europe/London", locale: "en-GB" });
    expect(await desk.approve(SHOP, submitted.requestId)).toMatchObject({ ok: true });
    expect(await desk.receive(SHOP, submitted.requestId)).toMatchObject({ ok: true });
    // Before preferredResolution, the wish sat in `resolution` and this was refused as already resolved.
    expect(await desk.resolve(SHOP, submitted.requestId, { method: "refund" })).toMatchObject({ ok: true });
    const row = await database.db.aftercareRequest.findFirstOrThrow({ where: { id: submitted.requestId } });
    expect([row.resolution, row.preferredResolution]).toEqual(["refund", "refund"]);
    expect(store.refunds.filter((r) => r.orderId === order.id)).toHaveLength(1);
  });

  it("GIVEN a guest WHEN they look an order up THEN the right email or phone gives a grant, and a wrong email and a wrong number get the same answer", async () => {
    policy = presetPolicy("uk-jeweller");
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email: "Guest.Shopper@example.com" });
    const ring = addProduct(store, { title: "Signet ring", price: 9_000 });
    const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }], createdAt: days(3), deliveredAt: days(1) });
    order.phone = "+44 7700 900123";

    const found = await flow().findGuestOrder(ctx({ type: "staff" }), { orderNumber: order.name, contact: "guest.shopper@EXAMPLE.com" });
    expect(found.orderId).toBe(order.id);
    const byPhone = await flow().findGuestOrder(ctx({ type: "staff" }), { orderNumber: order.name.replace("#", ""), contact: "07700 900123" });
    expect(byPhone.orderId).toBe(order.id);
    const view = await flow().orderView(ctx({ type: "guest", grant: found.grant }), order.id);
    expect(view.orderName).toBe(order.name);

    const wrongEmail = await flow().findGuestOrder(ctx({ type: "staff" }), { orderNumber: order.name, contact: "someone@example.com" }).catch((e: RequestFlowError) => e);
    const wrongNumber = await flow().findGuestOrder(ctx({ type: "staff" }), { orderNumber: "#99999", contact: "guest.shopper@example.com" }).catch((e: RequestFlowError) => e);
    expect(wrongEmail).toBeInstanceOf(RequestFlowError);
    expect(wrongNumber).toBeInstanceOf(RequestFlowError);
    expect([(wrongEmail as RequestFlowError).code, (wrongEmail as RequestFlowError).message]).toEqual([(wrongNumber as RequestFlowError).code, (wrongNumber as RequestFlowError).message]);
    // A grant for one order opens no other.
    const other = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }] });
    await expect(flow().orderView(ctx({ type: "guest", grant: found.grant }), other.id)).rejects.toMatchObject({ code: "not_found" });
    // Input a shopper can fix.
    await expect(flow().findGuestOrder(ctx({ type: "staff" }), { orderNumber: "abc", contact: "x" })).rejects.toMatchObject({ code: "invalid", fields: { orderNumber: expect.stringContaining("order number"), contact: expect.any(String) } });
    // Attempts per order number are limited.
    let left = 2;
    const limited = flow({ consume: async () => left-- > 0 });
    await limited.findGuestOrder(ctx({ type: "staff" }), { orderNumber: order.name, contact: "guest.shopper@example.com" });
    await limited.findGuestOrder(ctx({ type: "staff" }), { orderNumber: order.name, contact: "guest.shopper@example.com" });
    await expect(limited.findGuestOrder(ctx({ type: "staff" }), { orderNumber: order.name, contact: "guest.shopper@example.com" })).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("GIVEN a ring in sizes K to N WHEN the shopper asks for an exchange THEN only in-stock sizes at the same price are offered and the chosen one is stored", async () => {
    policy = presetPolicy("uk-jeweller");
    const store = standin.store(SHOP);
    const customer = addCustomer(store);
    const ring = addProduct(store, { title: "Eternity ring", price: 45_000, productType: "Rings" });
    const [, m, n] = addSizes(store, ring.variant, [{ value: "L", stock: 0 }, { value: "M", stock: 2 }, { value: "N", stock: 1, price: "480.00" }]);
    const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }], createdAt: days(4), deliveredAt: days(2) });
    const viewer: Viewer = { type: "customer", customerId: customer.id };

    const view = await flow().orderView(ctx(viewer), order.id);
    expect(view.lines[0].exchangeOptions).toEqual([{ variantId: m.id, title: "M", productTitle: "Eternity ring", sameProduct: true, price: { amountMinor: 45_000, currency: "GBP" }, difference: { amountMinor: 0, currency: "GBP" }, settlement: "none" }]);
    const lineId = order.lineItems[0].id;
    await expect(flow().preview(ctx(viewer), { orderId: order.id, kind: "return", lines: [{ lineId, quantity: 1, reason: "other", exchangeVariantId: n.id }] })).rejects.toMatchObject({ code: "invalid" });

    const draft = { orderId: order.id, kind: "return", lines: [{ lineId, quantity: 1, reason: "other", exchangeVariantId: m.id }] };
    const preview = await flow().preview(ctx(viewer), draft);
    expect(preview).toMatchObject({ canSubmit: true, refund: null, lines: [{ exchange: { variantId: m.id, title: "M" } }], exchange: { settlement: "none", amount: { amountMinor: 0 } } });
    const done = await flow().submit(ctx(viewer), { ...draft, idempotencyKey: "exchange-key-0123456789" });
    const row = await database.db.aftercareRequest.findFirstOrThrow({ where: { shop: SHOP, id: done.requestId }, include: { lines: true } });
    expect([row.preferredResolution, row.resolution]).toEqual(["exchange", null]);
    // The product with its variant, in the words the desk and the status page show.
    expect(row.lines[0]).toMatchObject({ title: "Eternity ring, ring size K", exchangeVariantId: m.id, exchangeVariantTitle: "Eternity ring, ring size M" });
    expect(store.returns.filter((r) => r.orderId === order.id)).toHaveLength(1);
  });

  it("GIVEN a warranty claim whose form asked no condition checklist and a return whose form asked two questions WHEN submitted THEN each request records only the answers given", async () => {
    policy = presetPolicy("uk-jeweller");
    const store = standin.store(SHOP);
    const customer = addCustomer(store);
    const clasp = addProduct(store, { title: "Gold clasp bracelet", price: 22_000, productType: "Bracelets" });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const claimed = addPaidOrder(store, { customer, lines: [{ variant: clasp.variant, quantity: 1 }], createdAt: days(40), deliveredAt: days(38) });
    const claim = await flow().submit(ctx(viewer), { orderId: claimed.id, kind: "warranty", lines: [{ lineId: claimed.lineItems[0].id, quantity: 1, reason: "defective", cause: "manufacturing" }], idempotencyKey: "warranty-unasked-0123456789" });
    const returned = addPaidOrder(store, { customer, lines: [{ variant: clasp.variant, quantity: 1 }], createdAt: days(5), deliveredAt: days(3) });
    const ret = await flow().submit(ctx(viewer), { orderId: returned.id, kind: "return", preferredResolution: "refund", lines: [{ lineId: returned.lineItems[0].id, quantity: 1, reason: "changed_mind", condition: { worn: false, tagsAttached: true } }], idempotencyKey: "return-two-asked-0123456789" });
    const conditionOf = async (id: string) => JSON.parse((await database.db.requestLine.findFirstOrThrow({ where: { requestId: id } })).conditionJson as string);
    expect(await conditionOf(claim.requestId)).toEqual({});
    expect(await conditionOf(ret.requestId)).toEqual({ worn: false, tagsAttached: true });
  });

  it("GIVEN a policy that allows other items and settles the difference WHEN the shopper exchanges a ring for a dearer size and then for a cheaper pendant THEN the difference is charged, then refunded, out-of-stock items are never offered, and the choice is stored", async () => {
    const base = presetPolicy("uk-jeweller");
    if (!base.returns.changeOfMind.enabled) throw new Error("the preset offers change-of-mind returns");
    policy = { ...base, returns: { ...base.returns, changeOfMind: { ...base.returns.changeOfMind, exchange: { id: "exchange-any", otherItems: true, difference: "refund_or_charge", text: "Exchange for anything in stock; we refund or charge the difference." } } } };
    const store = standin.store(SHOP);
    const customer = addCustomer(store);
    const ring = addProduct(store, { title: "Halo ring", price: 30_000, productType: "Rings" });
    const [, dearer] = addSizes(store, ring.variant, [{ value: "L", stock: 0 }, { value: "P", stock: 1, price: "320.00" }]);
    const pendant = addProduct(store, { title: "Aaa pendant", price: 25_000, productType: "Necklaces" });
    const soldOut = addProduct(store, { title: "Aaa sold-out brooch", price: 30_000, productType: "Brooches" });
    soldOut.variant.inventoryQuantity = 0;
    soldOut.variant.availableForSale = false;
    const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }], createdAt: days(4), deliveredAt: days(2) });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const lineId = order.lineItems[0].id;

    const view = orderViewSchema.parse(await flow().orderView(ctx(viewer), order.id));
    const options = view.lines[0].exchangeOptions;
    expect(options[0]).toMatchObject({ variantId: dearer.id, sameProduct: true, settlement: "charge", difference: { amountMinor: 2_000 } });
    expect(options).toContainEqual(expect.objectContaining({ variantId: pendant.variant.id, productTitle: "Aaa pendant", sameProduct: false, settlement: "refund", difference: { amountMinor: 5_000, currency: "GBP" } }));
    expect(options.map((o) => o.variantId)).not.toContain(soldOut.variant.id);
    await expect(flow().preview(ctx(viewer), { orderId: order.id, kind: "return", lines: [{ lineId, quantity: 1, reason: "other", exchangeVariantId: soldOut.variant.id }] })).rejects.toMatchObject({ code: "invalid", fields: { "lines.0.exchangeVariantId": expect.any(String) } });

    const up = previewSchema.parse(await flow().preview(ctx(viewer), { orderId: order.id, kind: "return", lines: [{ lineId, quantity: 1, reason: "other", exchangeVariantId: dearer.id }] }));
    expect(up).toMatchObject({ canSubmit: true, refund: null, exchange: { settlement: "charge", amount: { amountMinor: 2_000, currency: "GBP" }, text: "Exchange for anything in stock; we refund or charge the difference." } });

    const draft = { orderId: order.id, kind: "return", lines: [{ lineId, quantity: 1, reason: "other", exchangeVariantId: pendant.variant.id }] };
    const down = previewSchema.parse(await flow().preview(ctx(viewer), draft));
    expect(down.exchange).toMatchObject({ settlement: "refund", amount: { amountMinor: 5_000 } });
    expect(down.lines[0].exchange).toMatchObject({ variantId: pendant.variant.id, sameProduct: false, price: { amountMinor: 25_000 } });
    const done = await flow().submit(ctx(viewer), { ...draft, idempotencyKey: "exchange-other-key-0123456789" });
    const row = await database.db.aftercareRequest.findFirstOrThrow({ where: { shop: SHOP, id: done.requestId }, include: { lines: true } });
    expect([row.preferredResolution, row.resolution]).toEqual(["exchange", null]);
    expect(row.lines[0]).toMatchObject({ exchangeVariantId: pendant.variant.id, exchangeVariantTitle: "Aaa pendant" });
    expect(JSON.parse(row.decisionJson ?? "{}").preview.exchange).toMatchObject({ settlement: "refund", amount: { amountMinor: 5_000 } });

    // Under the preset (no exchange rule) the same order offers only same-price sizes of the ring.
    policy = base;
    expect((await flow().orderView(ctx(viewer), order.id)).lines[0].exchangeOptions).toEqual([]);
  });

  it("GIVEN Shopify down when the return is requested WHEN the shopper submits THEN the request is stored with the failure shown on its status page, and the worker opens the return once Shopify answers", async () => {
    policy = presetPolicy("uk-jeweller");
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email: "outage@example.com" });
    const brooch = addProduct(store, { title: "Outage brooch", price: 7_000, productType: "Brooches" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: brooch.variant, quantity: 1 }], createdAt: days(4), deliveredAt: days(2) });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const live = libraryGraphql(standin);
    // Every call from the return request on meets the stand-in's 503s; quick retries give up fast.
    const down = adminClient(
      async (query, options) => {
        if (query.includes("returnRequest(")) standin.faults.next(1_000, { kind: "status", status: 503 });
        return live(query, options);
      },
      { baseDelayMs: 1, maxDelayMs: 2, maxElapsedMs: 200 },
    );
    const now = new Date();
    const repo = createRequestRepository(database.db);
    const draft = { orderId: order.id, kind: "return", preferredResolution: "refund", lines: [{ lineId: order.lineItems[0].id, quantity: 1, reason: "changed_mind" }] };
    let submitted;
    try {
      submitted = await createRequestFlow({ requests: repo, policies: async () => ({ policy, versionId: "v-test" }), secret: SECRET, photos: { exists: async () => false }, orderLookups: unlimited(), now: () => now }).submit({ shop: SHOP, viewer, admin: down }, { ...draft, idempotencyKey: "outage-key-0123456789abcdef" });
    } finally {
      standin.faults.clear();
    }
    expect(standin.faults.served.some((f) => f.fault.kind === "status")).toBe(true);
    expect(submitted).toMatchObject({ created: true, shopifyReturnId: null });
    const stored = await repo.find(SHOP, submitted.requestId);
    expect(stored).toMatchObject({ status: "requested", shopifyReturnId: null, returnError: "Shopify could not be reached to open the return.", returnAttempts: 1, returnRetryAt: new Date(now.getTime() + 60_000) });
    expect(store.returns.filter((r) => r.orderId === order.id)).toHaveLength(0);
    const pending = statusViewSchema.parse(await flow().status(ctx(viewer), { token: submitted.statusToken }));
    expect(pending.shopifyReturn).toBe("pending");

    // Not due yet: nothing asked. Due: the worker opens it, once.
    const deps = { requests: repo, adminFor: async () => admin() };
    expect(await retryShopifyReturns(deps, new Date(now.getTime() + 30_000))).toEqual({ opened: 0, failed: 0 });
    expect(await retryShopifyReturns(deps, new Date(now.getTime() + 61_000))).toEqual({ opened: 1, failed: 0 });
    expect(await retryShopifyReturns(deps, new Date(now.getTime() + 3_600_000))).toEqual({ opened: 0, failed: 0 });
    const returns = store.returns.filter((r) => r.orderId === order.id);
    expect(returns).toHaveLength(1);
    expect(await repo.find(SHOP, submitted.requestId)).toMatchObject({ shopifyReturnId: returns[0].id, returnError: null, returnRetryAt: null });
    expect(statusViewSchema.parse(await flow().status(ctx(viewer), { token: submitted.statusToken })).shopifyReturn).toBe("open");
  });

  it("GIVEN Shopify refusing the return every time WHEN the worker has tried RETURN_ATTEMPTS times THEN it stops, the status page says the shop will open it, and the timeline says why", async () => {
    policy = presetPolicy("uk-jeweller");
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email: "refused@example.com" });
    const cuff = addProduct(store, { title: "Refused cuff", price: 6_000, productType: "Bracelets" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: cuff.variant, quantity: 1 }], createdAt: days(4), deliveredAt: days(2) });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const repo = createRequestRepository(database.db);
    const submitted = await flow().submit(ctx(viewer), { orderId: order.id, kind: "return", preferredResolution: "refund", lines: [{ lineId: order.lineItems[0].id, quantity: 1, reason: "changed_mind" }], idempotencyKey: "refused-key-0123456789abcdef" });
    // The stored request made to look like one whose return Shopify refused at submit (not linked,
    // due now); from here Shopify answers every returnRequest with a userError.
    await database.db.aftercareRequest.update({ where: { id: submitted.requestId }, data: { shopifyReturnId: null, returnError: "refused", returnAttempts: 1, returnRetryAt: new Date(0) } });
    const refusing = adminClient(async (query, options) => {
      if (query.includes("returnRequest(")) return new Response(JSON.stringify({ data: { returnRequest: { return: null, userErrors: [{ field: ["input"], message: "Return line item is not returnable", code: "INVALID" }] } } }));
      return libraryGraphql(standin)(query, options);
    });
    let now = new Date(1_000);
    for (let i = 1; i < RETURN_ATTEMPTS; i++) {
      expect(await retryShopifyReturns({ requests: repo, adminFor: async () => refusing }, now)).toEqual({ opened: 0, failed: 1 });
      now = new Date(now.getTime() + 7 * 3_600_000);
    }
    const stalled = await repo.find(SHOP, submitted.requestId);
    expect(stalled).toMatchObject({ returnAttempts: RETURN_ATTEMPTS, returnRetryAt: null, returnError: expect.stringContaining("not returnable") });
    expect(await retryShopifyReturns({ requests: repo, adminFor: async () => refusing }, now)).toEqual({ opened: 0, failed: 0 });
    expect(statusViewSchema.parse(await flow().status(ctx(viewer), { token: submitted.statusToken })).shopifyReturn).toBe("stalled");
    const events = await repo.events(SHOP, submitted.requestId);
    expect(events.at(-1)?.message).toMatch(/still not opened in Shopify after 8 attempts: .*not returnable/);
  });

  it("GIVEN the one free resize used WHEN a second is asked THEN it is refused with limit_reached and nothing is stored; services open no Shopify return", async () => {
    policy = presetPolicy("fine-jewellery");
    const store = standin.store(SHOP);
    const customer = addCustomer(store);
    const ring = addProduct(store, { title: "Adjustable ring", price: 6_500, productType: "Rings" });
    const now = store.timestamp();
    ring.product.metafields.push({ __typename: "Metafield", id: store.nextId("Metafield"), namespace: "custom", key: "adjustable", type: "boolean", value: "true", createdAt: now, updatedAt: now, ownerType: "PRODUCT" } as never);
    const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }], createdAt: days(10), deliveredAt: days(8) });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const lineId = order.lineItems[0].id;
    const draft = { orderId: order.id, kind: "service", service: "resize", lines: [{ lineId, quantity: 1, reason: "other" }] };

    const view = await flow().orderView(ctx(viewer), order.id);
    expect(view.lines[0].entitlements.find((e) => e.service === "resize")).toMatchObject({ eligible: true, charge: "free" });
    const first = await flow().submit(ctx(viewer), { ...draft, idempotencyKey: "resize-key-first-0123456" });
    expect(first.shopifyReturnId).toBeNull();
    expect(store.returns.filter((r) => r.orderId === order.id)).toHaveLength(0);
    // The first resize is done: the request is closed, and its free allowance is spent.
    await database.db.aftercareRequest.updateMany({ where: { shop: SHOP, id: first.requestId }, data: { status: "closed" } });

    const second = await flow().preview(ctx(viewer), draft);
    expect(second.canSubmit).toBe(false);
    expect(second.lines[0]).toMatchObject({ eligible: false, blockers: ["limit_reached"], refusals: ["One free size adjustment per piece."] });
    await expect(flow().submit(ctx(viewer), { ...draft, idempotencyKey: "resize-key-second-012345" })).rejects.toMatchObject({ code: "not_eligible", message: "One free size adjustment per piece." });
    expect(await database.db.aftercareRequest.count({ where: { shop: SHOP, orderId: order.id } })).toBe(1);
  });

  it("GIVEN crystals already sent for an item on a warranty claim THEN its crystal service shows what is left, and nothing once all are sent (limit_reached)", async () => {
    policy = presetPolicy("crystal-accessories");
    const store = standin.store(SHOP);
    const customer = addCustomer(store);
    const bag = addProduct(store, { title: "Crystal clutch", price: 9_000, productType: "Bags" });
    const stamp = store.timestamp();
    bag.product.metafields.push({ __typename: "Metafield", id: store.nextId("Metafield"), namespace: "custom", key: "crystal_count", type: "number_integer", value: "1200", createdAt: stamp, updatedAt: stamp, ownerType: "PRODUCT" } as never);
    const order = addPaidOrder(store, { customer, lines: [{ variant: bag.variant, quantity: 1 }], createdAt: days(40), deliveredAt: days(38) });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const lineId = order.lineItems[0].id;
    const crystals = async () => orderViewSchema.parse(await flow().orderView(ctx(viewer), order.id)).lines[0].entitlements.find((e) => e.service === "crystal_replacement");

    expect(await crystals()).toMatchObject({ eligible: true, partsLeft: 12 });
    // A warranty claim on the same item was resolved by sending 9 crystals.
    const claim = await createRequestRepository(database.db).create(SHOP, { orderId: order.id, orderName: order.name, kind: "warranty", currency: "GBP", resolution: "parts", lines: [{ lineItemId: lineId, quantity: 1, reason: "defective" }] });
    await database.db.aftercareRequest.update({ where: { id: claim.id }, data: { status: "resolved" } });
    await database.db.requestLine.updateMany({ where: { requestId: claim.id }, data: { partsSent: 9 } });
    expect(await crystals()).toMatchObject({ eligible: true, partsLeft: 3 });
    const preview = await flow().preview(ctx(viewer), { orderId: order.id, kind: "service", service: "crystal_replacement", lines: [{ lineId, quantity: 1, reason: "loose_crystal" }], liabilityAccepted: true });
    expect(preview.lines[0]).toMatchObject({ eligible: true, partsLeft: 3 });

    await database.db.requestLine.updateMany({ where: { requestId: claim.id }, data: { partsSent: 12 } });
    expect(await crystals()).toMatchObject({ eligible: false, blockers: ["limit_reached"], partsLeft: null });
  });

  it("GIVEN a faulty item under a policy that asks for photos WHEN submitted without, then with, photos THEN the first is refused naming the requirement and the second stores the photo keys", async () => {
    policy = presetPolicy("fine-jewellery");
    const store = standin.store(SHOP);
    const customer = addCustomer(store);
    const pendant = addProduct(store, { title: "Pendant", price: 7_000, productType: "Necklaces" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: pendant.variant, quantity: 1 }], createdAt: days(5), deliveredAt: days(3) });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const draft = { orderId: order.id, kind: "return", lines: [{ lineId: order.lineItems[0].id, quantity: 1, reason: "defective" }] };

    const preview = await flow().preview(ctx(viewer), draft);
    expect(preview.requirements).toEqual([{ requirement: "photos", text: "Please send photos of the quality issue.", met: false }]);
    await expect(flow().submit(ctx(viewer), { ...draft, idempotencyKey: "photo-key-missing-012345" })).rejects.toMatchObject({ code: "requirements_missing", fields: { photos: "Please send photos of the quality issue." } });
    await expect(flow().submit(ctx(viewer), { ...draft, photos: ["0".repeat(32)], idempotencyKey: "photo-key-unknown-012345" })).rejects.toMatchObject({ code: "invalid" });
    photoKeys.add("a".repeat(32));
    const done = await flow().submit(ctx(viewer), { ...draft, photos: ["a".repeat(32)], idempotencyKey: "photo-key-present-012345" });
    // The sweep of unsubmitted photos keeps this one: a stored request names it.
    expect(await createRequestRepository(database.db).photoKeysInUse(["a".repeat(32), "b".repeat(32), "not-a-key"])).toEqual(new Set(["a".repeat(32)]));
    const row = await database.db.aftercareRequest.findFirstOrThrow({ where: { shop: SHOP, id: done.requestId }, include: { lines: true } });
    expect(JSON.parse(row.lines[0].photosJson)).toEqual(["a".repeat(32)]);
  });

  it("GIVEN a malformed payload WHEN previewed THEN each problem is named by its field and nothing is stored", async () => {
    policy = presetPolicy("uk-jeweller");
    const before = await database.db.aftercareRequest.count();
    const error = await flow()
      .submit(ctx({ type: "staff" }), { orderId: "1", kind: "swap", lines: [{ lineId: "x", quantity: 0, reason: "bored" }], idempotencyKey: "short" })
      .catch((e: RequestFlowError) => e);
    expect(error).toBeInstanceOf(RequestFlowError);
    expect((error as RequestFlowError).fields).toMatchObject({ orderId: "Choose one of your orders.", kind: expect.any(String), "lines.0.quantity": "Ask for at least one.", "lines.0.reason": "Choose a reason.", idempotencyKey: expect.any(String) });
    expect(await database.db.aftercareRequest.count()).toBe(before);
  });

  it("GIVEN the order cache on WHEN the order page is viewed again THEN Shopify is asked once; a request submitted shows at once, and a refund in Shopify shows once the cache has expired", async () => {
    policy = presetPolicy("uk-jeweller");
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email: "cache@example.com" });
    const bangle = addProduct(store, { title: "Cached bangle", price: 9_000, productType: "Bracelets" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: bangle.variant, quantity: 2 }], createdAt: days(5), deliveredAt: days(3) });
    let calls = 0;
    const live = libraryGraphql(standin);
    const counted = adminClient(async (query, options) => {
      calls++;
      return live(query, options);
    });
    let now = Date.now();
    const cached = createRequestFlow({
      requests: createRequestRepository(database.db),
      policies: async () => ({ policy, versionId: "v-test" }),
      secret: SECRET,
      photos: { exists: async () => false },
      orderLookups: unlimited(),
      orderCacheSeconds: 30,
      now: () => new Date(now),
    });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const c = { shop: SHOP, viewer, admin: counted };

    const first = await cached.orderView(c, order.id);
    const readsPerView = calls;
    expect(readsPerView).toBeGreaterThan(0);
    const second = await cached.orderView(c, order.id);
    expect(calls).toBe(readsPerView);
    expect(second).toEqual(first);
    // Another customer is still told the order does not exist, from the cache too.
    const stranger = addCustomer(store, { email: "cache-stranger@example.com" });
    await expect(cached.orderView({ ...c, viewer: { type: "customer", customerId: stranger.id } }, order.id)).rejects.toMatchObject({ code: "not_found" });

    // Submitting reads the order afresh; the stored request shows on the next view at once.
    const lineId = order.lineItems[0].id;
    await cached.submit(c, { orderId: order.id, kind: "return", preferredResolution: "refund", lines: [{ lineId, quantity: 1, reason: "changed_mind" }], idempotencyKey: "cache-submit-key-0123456789" });
    expect(calls).toBeGreaterThan(readsPerView + 1);
    const afterSubmit = await cached.orderView(c, order.id);
    expect(afterSubmit.lines[0]).toMatchObject({ state: "open_request", openRequests: [expect.objectContaining({ kind: "return", status: "requested" })] });
    expect(afterSubmit.lines[0].entitlements.find((e) => e.kind === "return")).toMatchObject({ eligible: false, blockers: expect.arrayContaining(["open_request"]) });

    // A refund made in Shopify: the cached order answers until it expires, then Shopify's does.
    applyRefund(store, { order, lines: [{ lineItemId: lineId, quantity: 1, restockType: "NO_RESTOCK", field: [] }], shipping: null, transactions: [], storeCredit: [], allowOverRefunding: false, note: null, returnId: null });
    const beforeExpiry = calls;
    const shopifyNow = (await flow().orderView(ctx(viewer), order.id)).lines[0].available;
    expect(shopifyNow).toBeLessThan(afterSubmit.lines[0].available);
    expect((await cached.orderView(c, order.id)).lines[0].available).toBe(afterSubmit.lines[0].available);
    expect(calls).toBe(beforeExpiry);
    now += 31_000;
    expect((await cached.orderView(c, order.id)).lines[0].available).toBe(shopifyNow);
    expect(calls).toBeGreaterThan(beforeExpiry);
  });
});
