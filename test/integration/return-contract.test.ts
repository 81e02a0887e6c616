import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { presetPolicy, type Policy } from "../../app/domain";
import { createDesk } from "../../app/desk/actions.server";
import { operationKey, reconcileShop } from "../../app/jobs/money.server";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { createRequestFlow } from "../../app/requests/flow.server";
import type { Viewer } from "../../app/schemas/requests";
import { adminClient } from "../../app/shopify/client.server";
import { fetchExchangeOutcome } from "../../app/shopify/money.server";
import { fetchReturn } from "../../app/shopify/returns.server";
import type { RunningStandin } from "../standin";
import { minorUnits } from "../standin/money";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { gatewayStandin, libraryGraphql, SHOP } from "./gateway-standin";

/**
 * Issue 26, the return kept in step with Shopify (docs/decisions/022-contract.md): the fees the policy keeps
 * go on Shopify's return, so the order shows them and the refund is Shopify's own figure.
 */
const SECRET = "return-contract-secret";
/** The policy with its change-of-mind rules changed as `patch` says (a fee, say). */
function withChangeOfMind(base: Policy, patch: Record<string, unknown>): Policy {
  return { ...base, returns: { ...base.returns, changeOfMind: { ...base.returns.changeOfMind, ...patch } as Policy["returns"]["changeOfMind"] } };
}

const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

describe.each(testProviders())("returns in step with Shopify on %s", (provider) => {
  let standin: RunningStandin;
  let database: TestDatabase;
  let policy: Policy;
  let serial = 0;

  beforeAll(async () => {
    [standin, database] = await Promise.all([gatewayStandin(), freshDatabase(provider)]);
  });
  afterAll(async () => {
    await standin?.close();
    await database?.dispose();
  });

  const admin = () => adminClient(libraryGraphql(standin));
  const flow = () =>
    createRequestFlow({
      requests: createRequestRepository(database.db),
      policies: async () => ({ policy, versionId: "v-test" }),
      secret: SECRET,
      photos: { exists: async () => true },
      orderLookups: { consume: async () => true },
    });
  const desk = () => createDesk({ requests: createRequestRepository(database.db), desk: createDeskRepository(database.db), operations: createOperationRepository(database.db), admin: admin(), staff: { id: "7", name: "Staff 7" }, timezone: "Europe/London", locale: "en-GB" });

  /** A delivered order for one piece at `price`, returned by its shopper through the flow. */
  async function submitted(input: { price: number; kind?: "return" | "warranty"; reason?: string; cause?: string; preferredResolution?: string | null }) {
    const store = standin.store(SHOP);
    const customer = addCustomer(store, { email: `contract-${++serial}@example.com` });
    const piece = addProduct(store, { title: `Piece ${serial}`, price: input.price, productType: "Rings" });
    const order = addPaidOrder(store, { customer, lines: [{ variant: piece.variant, quantity: 1 }], shipping: 0, createdAt: days(6), deliveredAt: days(4) });
    const viewer: Viewer = { type: "customer", customerId: customer.id };
    const done = await flow().submit(
      { shop: SHOP, viewer, admin: admin() },
      { orderId: order.id, kind: input.kind ?? "return", ...(input.preferredResolution === null ? {} : { preferredResolution: input.preferredResolution ?? "refund" }), lines: [{ lineId: order.lineItems[0].id, quantity: 1, reason: input.reason ?? "changed_mind", ...(input.cause ? { cause: input.cause } : {}) }], idempotencyKey: `contract-key-${serial}-0123456789` },
    );
    return { store, order, customer, requestId: done.requestId, returnId: done.shopifyReturnId as string };
  }

  it("GIVEN a policy keeping a 10% restocking fee and a £5.00 label fee WHEN a £90.00 ring comes back and the desk refunds it THEN Shopify's return carries both fees, the desk shows Shopify's figure beside the policy's, and the refund is Shopify's own figure (£76.00)", async () => {
    const base = presetPolicy("uk-jeweller");
    policy = withChangeOfMind(base, { fees: { id: "fees", text: "We keep 10% for restocking and £5 for the label.", restockingPercent: 10, returnShippingFee: "5.00" } });
    const { store, order, requestId, returnId } = await submitted({ price: 9_000 });
    expect(returnId).toBeTruthy();

    // The order shows both fees on its return, as Shopify admin and its reports read them.
    const made = store.find(returnId, "Return")!;
    expect(made.returnShippingFees.map((f) => f.amountMinor)).toEqual([500]);
    expect(made.returnLineItems.map((l) => l.restockingFee?.percentage)).toEqual([10]);
    const state = await fetchReturn(admin(), returnId);
    expect({ label: state.returnShippingFeeMinor, restocking: state.lines.map((l) => l.restockingFeeMinor) }).toEqual({ label: 500, restocking: [900] });

    const actions = desk();
    expect(await actions.approve(SHOP, requestId)).toMatchObject({ ok: true });
    expect(await actions.receive(SHOP, requestId)).toMatchObject({ ok: true });
    // Shopify's own figure for settling the return, after the fees it carries.
    const shopify = await fetchExchangeOutcome(admin(), returnId, state.lines.map((l) => ({ returnLineItemId: l.id, quantity: l.quantity })), []);
    expect(shopify).toEqual({ currency: "GBP", settlement: "refund", amountMinor: 7_600 });
    expect(await actions.preview(SHOP, requestId, { method: "refund" })).toMatchObject({ amountMinor: 7_600, itemsMinor: 9_000, shopifyMinor: 7_600, warning: null });

    expect(await actions.resolve(SHOP, requestId, { method: "refund" })).toMatchObject({ ok: true });
    const operation = await createOperationRepository(database.db).find(SHOP, operationKey(requestId, "resolve"));
    expect(operation).toMatchObject({ status: "succeeded", kind: "return_process", amountMinor: shopify.amountMinor, input: { feesMinor: 1_400 } });
    const refunds = store.refunds.filter((r) => r.orderId === order.id);
    expect(refunds.map((r) => store.refundTotal(r))).toEqual([shopify.amountMinor]);
    expect(store.find(returnId, "Return")?.status).toBe("CLOSED");
  });

  it("GIVEN a return whose Shopify return carries a fee the policy no longer keeps (decided again at inspection) WHEN the desk refunds it THEN the refund is held for review with both figures and nothing is sent", async () => {
    const base = presetPolicy("uk-jeweller");
    policy = withChangeOfMind(base, { fees: { id: "fees", text: "We keep £5 for the label.", returnShippingFee: "5.00" } });
    const { store, order, requestId, returnId } = await submitted({ price: 6_000 });
    expect(store.find(returnId, "Return")?.returnShippingFees.map((f) => f.amountMinor)).toEqual([500]);
    // The engine's decision now keeps no fee (as an inspection deciding the piece faulty would).
    const requests = createRequestRepository(database.db);
    const request = (await requests.find(SHOP, requestId))!;
    const stored = request.decision as { engine: { refund: Record<string, unknown> } };
    const { fees: _dropped, ...refund } = stored.engine.refund;
    expect(await requests.recordDecision(SHOP, requestId, { ...stored.engine, refund: { ...refund, total: "60.00" } }, null)).toBe(true);
    const actions = desk();
    await actions.approve(SHOP, requestId);
    await actions.receive(SHOP, requestId);
    const preview = await actions.preview(SHOP, requestId, { method: "refund" });
    expect(preview).toMatchObject({ amountMinor: 6_000, shopifyMinor: 5_500, warning: expect.stringContaining("after the fees it carries (£5.00)") });
    const result = await actions.resolve(SHOP, requestId, { method: "refund" });
    expect(result).toMatchObject({ ok: false, status: 409 });
    const operation = await createOperationRepository(database.db).find(SHOP, operationKey(requestId, "resolve"));
    expect(operation).toMatchObject({ status: "needs_review", lastError: expect.stringMatching(/£60\.00 for these items after its fees \(£0\.00\); Shopify's return gives £55\.00/) });
    expect(store.refunds.filter((r) => r.orderId === order.id)).toEqual([]);
  });

  /** The UK jeweller whose warranty settles a claim in store credit valid a year, refunded as Shopify's refund. */
  function creditingWarranty(): Policy {
    const base = presetPolicy("uk-jeweller");
    return { ...base, warranty: { ...base.warranty, resolutions: ["repair", "replacement", "store_credit"], refund: { id: "credit", method: "store_credit", storeCreditExpiryDays: 365, text: "A claim we cannot repair is settled in store credit valid a year." } } as Policy["warranty"] };
  }

  /** The customer's store-credit transactions: the refunds' (ORDER_REFUND, tied to a refund) and any storeCreditAccountCredit (ADJUSTMENT). */
  const creditsOf = (store: ReturnType<RunningStandin["store"]>, customerId: string) => store.storeCreditAccounts.filter((a) => a.ownerId === customerId).flatMap((a) => a.transactions.map((t) => ({ event: t.event, amountMinor: minorUnits(t.amount.amount, t.amount.currencyCode), refundId: t.refundId ?? null, expiresAt: t.expiresAt ?? null })));

  it.each([
    ["with its Shopify return", false],
    ["whose Shopify return never opened", true],
  ])("GIVEN a warranty claim %s WHEN the desk settles it in store credit THEN the credit is a refund on the order (a store-credit refund method with its expiry), never storeCreditAccountCredit", async (_how, noReturn) => {
    policy = creditingWarranty();
    if (noReturn) standin.faults.next(1, { kind: "status", status: 400 }, "graphql", "ReturnRequest");
    let made: Awaited<ReturnType<typeof submitted>>;
    try {
      made = await submitted({ price: 12_000, kind: "warranty", reason: "defective", cause: "manufacturing", preferredResolution: "store_credit" });
    } finally {
      standin.faults.clear();
    }
    const { store, order, customer, requestId, returnId } = made;
    expect(Boolean(returnId)).toBe(!noReturn);
    const actions = desk();
    if (!noReturn) expect(await actions.approve(SHOP, requestId)).toMatchObject({ ok: true });
    else await createDeskRepository(database.db).transition(SHOP, requestId, ["requested"], "approved");
    expect(await actions.receive(SHOP, requestId)).toMatchObject({ ok: true });
    expect(await actions.resolve(SHOP, requestId, { method: "store_credit" })).toMatchObject({ ok: true });

    const operation = (await createOperationRepository(database.db).find(SHOP, operationKey(requestId, "resolve")))!;
    expect(operation).toMatchObject({ status: "succeeded", kind: noReturn ? "refund" : "return_process", amountMinor: 12_000 });
    const refunds = store.refunds.filter((r) => r.orderId === order.id);
    expect(refunds).toHaveLength(1);
    const credits = creditsOf(store, customer.id);
    expect(credits).toEqual([{ event: "ORDER_REFUND", amountMinor: 12_000, refundId: refunds[0].id, expiresAt: expect.any(String) }]);
    // The policy's year, from the claim's date.
    expect(Date.parse(credits[0].expiresAt as string) - Date.now()).toBeGreaterThan(360 * 86_400_000);
    expect((await createRequestRepository(database.db).find(SHOP, requestId))?.resolution).toBe("store_credit");
  });

  it("GIVEN a credited request WHEN the refund's answer is lost and the desk and the reconciler try again THEN the store credit is refunded once", async () => {
    policy = creditingWarranty();
    standin.faults.next(1, { kind: "status", status: 400 }, "graphql", "ReturnRequest");
    let made: Awaited<ReturnType<typeof submitted>>;
    try {
      made = await submitted({ price: 8_000, kind: "warranty", reason: "defective", cause: "manufacturing", preferredResolution: "store_credit" });
    } finally {
      standin.faults.clear();
    }
    const { store, order, customer, requestId } = made;
    await createDeskRepository(database.db).transition(SHOP, requestId, ["requested"], "approved");
    const actions = desk();
    await actions.receive(SHOP, requestId);
    // Shopify makes the refund, then its answer is lost.
    standin.faults.next(1, { kind: "lost", status: 502 }, "graphql", "RefundCreate");
    const first = await actions.resolve(SHOP, requestId, { method: "store_credit" });
    standin.faults.clear();
    expect(first).toMatchObject({ ok: true });
    expect(await actions.resolve(SHOP, requestId, { method: "store_credit" })).toMatchObject({ ok: false, status: 409 });
    const operations = createOperationRepository(database.db);
    await reconcileShop(admin(), { operations, reconcileGraceMs: 0 }, SHOP);
    await reconcileShop(admin(), { operations, reconcileGraceMs: 0 }, SHOP);
    expect(store.refunds.filter((r) => r.orderId === order.id)).toHaveLength(1);
    expect(creditsOf(store, customer.id).map((c) => [c.event, c.amountMinor])).toEqual([["ORDER_REFUND", 8_000]]);
  });

  it("GIVEN a warranty claim the desk resolves by repair WHEN returnClose's answer is lost THEN Shopify's return is closed once, under the request's key, and the desk says so", async () => {
    policy = presetPolicy("uk-jeweller");
    const { store, requestId, returnId } = await submitted({ price: 15_000, kind: "warranty", reason: "defective", cause: "manufacturing", preferredResolution: null });
    const actions = desk();
    expect(await actions.approve(SHOP, requestId)).toMatchObject({ ok: true });
    expect(await actions.receive(SHOP, requestId)).toMatchObject({ ok: true });
    expect(store.find(returnId, "Return")?.status).toBe("OPEN");
    // Shopify closes the return, then its answer is lost: the client looks before anything else.
    standin.faults.next(1, { kind: "lost", status: 502 }, "graphql", "ReturnClose");
    const result = await actions.resolve(SHOP, requestId, { method: "repair" });
    standin.faults.clear();
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining("is closed") });
    expect(store.find(returnId, "Return")?.status).toBe("CLOSED");
    const operation = await createOperationRepository(database.db).find(SHOP, operationKey(requestId, "return-close"));
    expect(operation).toMatchObject({ status: "succeeded", kind: "return_close", shopifyResultId: returnId, attempts: 1 });
    // The reconciler finds nothing left to do.
    await reconcileShop(admin(), { operations: createOperationRepository(database.db), reconcileGraceMs: 0 }, SHOP);
    expect(store.find(returnId, "Return")?.status).toBe("CLOSED");
  });
});
