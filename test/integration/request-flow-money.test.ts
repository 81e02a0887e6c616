import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { presetPolicy, type Policy } from "../../app/domain";
import { createDesk } from "../../app/desk/actions.server";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository, SubmitRaced } from "../../app/repositories/requests.server";
import { createRequestFlow } from "../../app/requests/flow.server";
import { RequestFlowError } from "../../app/requests/errors";
import { orderViewSchema, previewSchema, type Viewer } from "../../app/schemas/requests";
import { adminClient } from "../../app/shopify/client.server";
import { localiseMessage } from "../../app/storefront/i18n";
import type { RunningStandin } from "../standin";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import type { MailingAddressRec, OrderRec, ShopStore, VariantRec } from "../standin/store";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { gatewayStandin, libraryGraphql, SHOP } from "./gateway-standin";

/**
 * The request flow where money is at stake (issue 22, items 4 and 5): two submits for one item
 * make one request, a request's money is capped by what Shopify says the order still holds, and
 * an order paid in another currency than the shop's is shown and exchanged in that currency.
 */
const SECRET = "request-flow-money-secret";
const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

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

function shipTo(store: ShopStore, order: OrderRec, countryCodeV2: string, country: string): void {
  const address: MailingAddressRec = { __typename: "MailingAddress", id: store.nextId("MailingAddress"), firstName: "Eva", lastName: "Martin", address1: "1 rue de la Paix", address2: null, city: "Paris", zip: "75002", country, countryCodeV2, province: null, provinceCode: null, phone: null, company: null };
  order.shippingAddress = address;
}

describe.each(testProviders())("the request flow's money on %s", (provider) => {
  let standin: RunningStandin;
  let database: TestDatabase;
  let policy: Policy;

  beforeAll(async () => {
    [standin, database] = await Promise.all([gatewayStandin(), freshDatabase(provider)]);
  });
  afterAll(async () => {
    await standin?.close();
    await database?.dispose();
  });

  function flow() {
    return createRequestFlow({
      requests: createRequestRepository(database.db),
      policies: async () => ({ policy, versionId: "v-test" }),
      secret: SECRET,
      photos: { exists: async () => true },
      orderLookups: { consume: async () => true },
    });
  }
  const ctx = (viewer: Viewer) => ({ shop: SHOP, viewer, admin: adminClient(libraryGraphql(standin)) });

  it("GIVEN one bracelet WHEN two submits with different keys (two tabs) run at once THEN one request and one Shopify return exist, and the other is refused 409 naming the open request, in the shopper's language on the storefront", async () => {
    policy = presetPolicy("uk-jeweller");
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email: "tabs@example.com" });
    const bracelet = addProduct(store, { title: "Curb bracelet", price: 9_000, productType: "Bracelets" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: bracelet.variant, quantity: 1 }], createdAt: days(5), deliveredAt: days(3) });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const draft = { orderId: order.id, kind: "return", preferredResolution: "store_credit", lines: [{ lineId: order.lineItems[0].id, quantity: 1, reason: "changed_mind" }] };

    const results = await Promise.allSettled(["tab-one-key-0123456789", "tab-two-key-0123456789"].map((idempotencyKey) => flow().submit(ctx(viewer), { ...draft, idempotencyKey })));

    const made = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as RequestFlowError] : []));
    expect(made).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(RequestFlowError);
    expect([refused[0].code, refused[0].status, refused[0].message]).toEqual(["conflict", 409, `This item already has an open request (number ${made[0].number}).`]);
    expect(localiseMessage("fr", refused[0].message)).toBe(`Cet article a déjà une demande en cours (numéro ${made[0].number}).`);
    expect(localiseMessage("ar", refused[0].message)).toBe(`لهذا المنتج طلب مفتوح بالفعل (رقم ${made[0].number}).`);
    expect(await database.db.aftercareRequest.count({ where: { shop: SHOP, orderId: order.id } })).toBe(1);
    expect(store.returns.filter((r) => r.orderId === order.id)).toHaveLength(1);
    // The claim row that serialised them is gone.
    expect(await database.db.deskClaim.count({ where: { shop: SHOP, key: `submit:${order.id}` } })).toBe(0);
  });

  it.runIf(provider === "postgresql")("GIVEN another submit for the order mid-transaction (its claim and request written, not committed) WHEN a submit for the same line is stored THEN it waits for that transaction and then refuses (SubmitRaced), never storing a second request", async () => {
    const requests = createRequestRepository(database.db);
    const orderId = "gid://shopify/Order/880001";
    const lineItemId = "gid://shopify/LineItem/880001";
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      // The other submit, as its transaction stands just before it commits.
      await other.query("BEGIN");
      await other.query(`INSERT INTO "DeskClaim" ("shop", "key", "holder", "token", "expiresAt") VALUES ($1, $2, 'request submit', 'other', now() + interval '1 minute')`, [SHOP, `submit:${orderId}`]);
      await other.query(`INSERT INTO "AftercareRequest" ("id", "shop", "orderId", "orderName", "kind", "currency", "status", "number", "submitKey", "updatedAt") VALUES ('other-request', $1, $2, '#880001', 'return', 'GBP', 'requested', 880001, 'other-key', now())`, [SHOP, orderId]);
      await other.query(`INSERT INTO "RequestLine" ("id", "requestId", "lineItemId", "quantity", "reason") VALUES ('other-line', 'other-request', $1, 1, 'changed_mind')`, [lineItemId]);
      await other.query(`DELETE FROM "DeskClaim" WHERE "shop" = $1 AND "key" = $2`, [SHOP, `submit:${orderId}`]);

      const input = { orderId, orderName: "#880001", kind: "return" as const, currency: "GBP", lines: [{ lineItemId, quantity: 1, reason: "changed_mind" }] };
      let settled = false;
      const submitting = requests.submit(SHOP, "this-key-0123456789", input, { type: "requested", actor: "shopper" }, { seen: [], refundableMinor: null, extraMinor: 0 }).then(
        (value) => ((settled = true), { value }),
        (error: unknown) => ((settled = true), { error }),
      );
      // This submit waits on the other's claim (a lock wait in PostgreSQL); one that does not wait
      // finishes on its own, and the expectations below say what it did.
      while (!settled) {
        const waiting = await database.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
        if (Number(waiting[0].n) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await other.query("COMMIT");

      const outcome = await submitting;
      expect("error" in outcome && outcome.error).toBeInstanceOf(SubmitRaced);
      expect(await database.db.aftercareRequest.count({ where: { shop: SHOP, orderId } })).toBe(1);
    } finally {
      await other.end();
    }
  });

  it("GIVEN one ring and its free resize WHEN two submits with different keys run at once THEN one service request exists (services open no Shopify return, so nothing else stops the second)", async () => {
    policy = presetPolicy("fine-jewellery");
    const store = standin.store(SHOP);
    const customer = addCustomer(store);
    const ring = addProduct(store, { title: "Adjustable band", price: 6_500, productType: "Rings" });
    const now = store.timestamp();
    ring.product.metafields.push({ __typename: "Metafield", id: store.nextId("Metafield"), namespace: "custom", key: "adjustable", type: "boolean", value: "true", createdAt: now, updatedAt: now, ownerType: "PRODUCT" } as never);
    const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }], createdAt: days(10), deliveredAt: days(8) });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const draft = { orderId: order.id, kind: "service", service: "resize", lines: [{ lineId: order.lineItems[0].id, quantity: 1, reason: "other" }] };

    const results = await Promise.allSettled(["resize-tab-one-0123456789", "resize-tab-two-0123456789"].map((idempotencyKey) => flow().submit(ctx(viewer), { ...draft, idempotencyKey })));

    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict", status: 409 } });
    expect(await database.db.aftercareRequest.count({ where: { shop: SHOP, orderId: order.id } })).toBe(1);
  });

  it("GIVEN store credit already given on an earlier request of the order WHEN a new request is submitted THEN its money ceiling is what Shopify says is still refundable less that credit, and a credit past it is refused", async () => {
    policy = presetPolicy("uk-jeweller");
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email: "credit@example.com" });
    const chain = addProduct(store, { title: "Belcher chain", price: 10_000, productType: "Necklaces" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: chain.variant, quantity: 1 }], createdAt: days(5), deliveredAt: days(3) });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const requests = createRequestRepository(database.db);
    const operations = createOperationRepository(database.db);
    const draft = { orderId: order.id, kind: "return", preferredResolution: "store_credit", lines: [{ lineId: order.lineItems[0].id, quantity: 1, reason: "changed_mind" }] };

    // The first request's store credit (storeCreditAccountCredit: Shopify's order does not record it), then the request closes.
    const first = await flow().submit(ctx(viewer), { ...draft, idempotencyKey: "credit-first-0123456789" });
    expect((await requests.find(SHOP, first.requestId))?.money.decidedMinor).toBe(10_000);
    await operations.begin(SHOP, { requestId: first.requestId, step: "credit", idempotencyKey: `aftercare:${first.requestId}:credit`, kind: "store_credit", amountMinor: 10_000, currency: "GBP", input: {}, shopifyOrderId: null, shopifyTargetId: customer.id });
    await database.db.aftercareRequest.updateMany({ where: { id: first.requestId }, data: { status: "closed", resolution: "store_credit" } });
    // The merchant kept no item: the Shopify return was declined, so the chain is returnable again.
    const ret = store.returns.find((r) => r.id === first.shopifyReturnId);
    if (!ret) throw new Error("the first request opened a Shopify return");
    ret.status = "DECLINED";

    const second = await flow().submit(ctx(viewer), { ...draft, idempotencyKey: "credit-second-0123456789" });
    const stored = await requests.find(SHOP, second.requestId);
    // Shopify still holds £100 on the order, all of it already given as credit: nothing is left.
    expect(stored?.money.decidedMinor).toBe(0);
    const internal = await database.db.requestEvent.findMany({ where: { shop: SHOP, requestId: second.requestId, internal: true } });
    expect(internal.map((e) => e.message)).toEqual([expect.stringContaining("Shopify shows 10000 still refundable")]);
    await expect(operations.begin(SHOP, { requestId: second.requestId, step: "credit", idempotencyKey: `aftercare:${second.requestId}:credit`, kind: "store_credit", amountMinor: 10_000, currency: "GBP", input: {}, shopifyOrderId: null, shopifyTargetId: customer.id })).rejects.toMatchObject({ name: "MoneyCeilingError" });
  });

  it("GIVEN a £100 ring bought for €116 by a shopper in France WHEN the order page and an exchange are shown THEN every amount is the euros paid and today's euro price for France, a dearer size is charged its difference in euros, and a line whose price in the order's currency cannot be known offers no exchange", async () => {
    const base = presetPolicy("uk-jeweller");
    if (!base.returns.changeOfMind.enabled) throw new Error("the preset offers change-of-mind returns");
    const store = standin.store(SHOP);
    store.markets = [{ name: "Euro area", countries: ["FR", "DE", "IE"], currencyCode: "EUR", rate: "1.16" }];
    try {
      policy = base;
      const customer = addCustomer(store, { email: "eva@example.com" });
      const ring = addProduct(store, { title: "Pavé ring", price: 10_000, productType: "Rings" });
      const [m, n] = addSizes(store, ring.variant, [{ value: "M", stock: 2 }, { value: "N", stock: 1, price: "110.00" }]);
      const paid = { currencyCode: "EUR", rate: "0.86" };
      const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1, unitPrice: 11_600 }], presentment: paid, createdAt: days(4), deliveredAt: days(2) });
      shipTo(store, order, "FR", "France");
      const viewer: Viewer = { type: "customer", customerId: customer.id };
      const lineId = order.lineItems[0].id;
      const eur = (amountMinor: number) => ({ amountMinor, currency: "EUR" });

      const view = orderViewSchema.parse(await flow().orderView(ctx(viewer), order.id));
      expect(view.currency).toBe("EUR");
      // €116 paid (not the £99.76 Shopify booked it at, labelled in euros).
      expect(view.lines[0].unitPrice).toEqual(eur(11_600));
      // Size M costs €116 in France today: the same value. Size N (€127.60) is not, under the preset.
      expect(view.lines[0].exchangeOptions).toEqual([{ variantId: m.id, title: "M", productTitle: "Pavé ring", sameProduct: true, price: eur(11_600), difference: eur(0), settlement: "none" }]);
      const same = previewSchema.parse(await flow().preview(ctx(viewer), { orderId: order.id, kind: "return", lines: [{ lineId, quantity: 1, reason: "other", exchangeVariantId: m.id }] }));
      expect(same.exchange).toEqual({ settlement: "none", amount: eur(0), text: null });

      // A rule that settles differences charges N's difference in euros.
      policy = { ...base, returns: { ...base.returns, changeOfMind: { ...base.returns.changeOfMind, exchange: { id: "exchange-any", otherItems: false, difference: "refund_or_charge", text: "We refund or charge the difference." } } } };
      const up = previewSchema.parse(await flow().preview(ctx(viewer), { orderId: order.id, kind: "return", lines: [{ lineId, quantity: 1, reason: "other", exchangeVariantId: n.id }] }));
      expect(up.exchange).toMatchObject({ settlement: "charge", amount: eur(1_160) });
      expect(up.lines[0].exchange).toMatchObject({ variantId: n.id, price: eur(12_760), difference: eur(1_160) });

      // Submitted, the desk's own look at Shopify's figures agrees: no difference, in euros.
      const done = await flow().submit(ctx(viewer), { orderId: order.id, kind: "return", lines: [{ lineId, quantity: 1, reason: "other", exchangeVariantId: m.id }], idempotencyKey: "euro-exchange-0123456789" });
      const desk = createDesk({ requests: createRequestRepository(database.db), desk: createDeskRepository(database.db), operations: createOperationRepository(database.db), admin: adminClient(libraryGraphql(standin)), staff: { id: "1", name: "Staff 1" }, timezone: "Europe/London", locale: "en-GB" });
      expect(await desk.exchangePreview(SHOP, done.requestId)).toMatchObject({ settlement: "none", amountMinor: 0, currency: "EUR", shopifyMinor: 0, warning: null });


      // Paid in euros but shipped where the shop sells in pounds: today's price in euros is not known.
      const elsewhere = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1, unitPrice: 11_600 }], presentment: paid, createdAt: days(4), deliveredAt: days(2) });
      shipTo(store, elsewhere, "US", "United States");
      const unknown = orderViewSchema.parse(await flow().orderView(ctx(viewer), elsewhere.id));
      expect(unknown.lines[0]).toMatchObject({ unitPrice: eur(11_600), exchangeOptions: [] });
      await expect(flow().preview(ctx(viewer), { orderId: elsewhere.id, kind: "return", lines: [{ lineId: elsewhere.lineItems[0].id, quantity: 1, reason: "other", exchangeVariantId: m.id }] })).rejects.toMatchObject({
        code: "invalid",
        fields: { "lines.0.exchangeVariantId": "That item is not available for an exchange; choose another." },
      });
    } finally {
      store.markets = [];
    }
  });
});
