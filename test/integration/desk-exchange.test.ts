import { beforeAll, describe, expect, it } from "vitest";

import { itemWithVariant } from "../../app/domain/item-label";
import { createDesk } from "../../app/desk/actions.server";
import { homeView } from "../../app/desk/views.server";
import { runJob, type JobDeps } from "../../app/jobs/worker.server";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createExportRepository } from "../../app/repositories/exports.server";
import { createJobRepository, type JobRecord } from "../../app/repositories/jobs.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository, type RequestRecord } from "../../app/repositories/requests.server";
import type { AdminGraphql } from "../../app/shopify/client.server";
import { decimalOf, fetchSuggestedRefund } from "../../app/shopify/money.server";
import { cancelReturn, createExchangeReturn, fetchReturn } from "../../app/shopify/returns.server";
import type { RunningDemo } from "../../scripts/demo-standin";
import { testProviders, type TestDatabase } from "../support/databases";
import { DEMO_SHOP, useDemoDesk } from "../support/demo-desk";

/**
 * "Exchange a ring for another size", end to end against the stand-in: the shopper chose another
 * in-stock variant at the same price; the desk's exchange turns the request's Shopify return into
 * one carrying that variant as an exchange line item and processes it once, however often it is
 * clicked. No money moves; Shopify hands the new variant over (stock taken) and closes the return.
 */
const NOW = new Date("2026-11-20T10:00:00Z");

describe.each(testProviders())("resolving a return by exchange (%s)", (provider) => {
  const { running, admin, deskFor } = useDemoDesk(provider, NOW);
  const shop = DEMO_SHOP;
  let database: TestDatabase;
  let demo: RunningDemo;
  beforeAll(() => {
    ({ database, demo } = running);
  });

  /** A received return, unresolved, whose first line's product has another in-stock variant at the same price. */
  async function exchangeable(): Promise<{ request: RequestRecord; variantId: string; variantTitle: string; words: string }> {
    const store = demo.standin.engine.store(shop);
    const all = await createRequestRepository(database.db).list(shop, { status: ["received", "inspected"], take: 100 });
    for (const request of all.filter((r) => !r.resolution && r.kind === "return" && r.lines.length === 1)) {
      const li = store.find(request.lines[0].lineItemId, "LineItem");
      const bought = store.find(li?.variantId, "ProductVariant");
      const product = store.find(bought?.productId, "Product");
      const sibling = product?.variantIds.map((id) => store.find(id, "ProductVariant")).find((v) => v && v.id !== bought?.id && v.price === bought?.price && v.availableForSale && v.inventoryQuantity >= request.lines[0].quantity);
      if (sibling) return { request, variantId: sibling.id, variantTitle: sibling.title, words: itemWithVariant(product?.title ?? "", sibling) };
    }
    throw new Error("the demo shop has no received return with a same-price sibling variant");
  }

  it("GIVEN the shopper chose another size WHEN staff resolve it by exchange and a colleague clicks again THEN Shopify processes one exchange, no money moves, and the home counts it", async () => {
    const { request, variantId, variantTitle, words } = await exchangeable();
    // The shopper's choice, as the request flow stores it.
    await database.db.requestLine.updateMany({ where: { id: request.lines[0].id }, data: { exchangeVariantId: variantId, exchangeVariantTitle: words } });
    const store = demo.standin.engine.store(shop);
    const oldReturnId = request.shopifyReturnId as string;
    const refundsBefore = store.refunds.length;
    const stockBefore = store.find(variantId, "ProductVariant")!.inventoryQuantity;
    const a = deskFor("101");
    const b = deskFor("202");
    const homeBefore = await homeView(a, shop, "Europe/London", new Date(), "en-GB");

    const first = await a.actions.resolve(shop, request.id, { method: "exchange" });
    expect(first).toEqual({ ok: true, message: expect.stringContaining(`Exchange processed: ${request.lines[0].quantity > 1 ? `${request.lines[0].quantity} × ` : ""}${words} will be sent`) });
    const second = await b.actions.resolve(shop, request.id, { method: "exchange" });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.message).toMatch(/already (resolved|closed)/);

    const after = await a.requests.find(shop, request.id);
    expect(after?.resolution).toBe("exchange");
    expect(after?.status).toBe("closed");
    // The request follows the exchange return; the shopper's requested return was cancelled.
    expect(after?.shopifyReturnId).not.toBe(oldReturnId);
    expect(store.returns.find((r) => r.id === oldReturnId)?.status).toBe("CANCELED");
    const ret = await fetchReturn(admin(), after!.shopifyReturnId!);
    expect(ret.status).toBe("CLOSED");
    expect(ret.exchangeLines).toEqual([{ id: expect.any(String), quantity: request.lines[0].quantity, processedQuantity: request.lines[0].quantity, variantId, variantTitle }]);
    expect(ret.lines.every((l) => l.processedQuantity === l.quantity)).toBe(true);
    // Processing records the returned item; no money goes back (same price).
    const fresh = store.refunds.slice(refundsBefore);
    expect(fresh.every((r) => r.orderId === request.orderId && store.refundTotal(r) === 0 && r.transactionIds.length === 0)).toBe(true);
    expect(store.find(variantId, "ProductVariant")!.inventoryQuantity).toBe(stockBefore - request.lines[0].quantity);

    const ops = (await a.operations.forRequest(shop, request.id)).filter((o) => o.step === "exchange");
    expect(ops.map((o) => [o.status, o.kind, o.amountMinor])).toEqual([["succeeded", "return_process", 0]]);
    const timeline = await a.desk.timeline(shop, request.id);
    expect(timeline.filter((e) => e.type === "exchanged")).toHaveLength(1);
    expect((await a.requests.events(shop, request.id)).map((e) => e.type)).toContain("exchanged");

    const home = await homeView(a, shop, "Europe/London", new Date(), "en-GB");
    expect(home.figures.exchanges).toBe(homeBefore.figures.exchanges + 1);
  });

  it("GIVEN the shopper chose another size WHEN two staff members click exchange at the same moment THEN one exchange return is made and processed, and the other is told a colleague is doing it", async () => {
    const { request, variantId, words } = await exchangeable();
    await database.db.requestLine.updateMany({ where: { id: request.lines[0].id }, data: { exchangeVariantId: variantId, exchangeVariantTitle: words } });
    const store = demo.standin.engine.store(shop);
    const returnsBefore = store.returns.filter((r) => r.orderId === request.orderId).length;
    const [one, two] = await Promise.all([deskFor("301").actions.resolve(shop, request.id, { method: "exchange" }), deskFor("302").actions.resolve(shop, request.id, { method: "exchange" })]);
    const results = [one.ok ? one : two, one.ok ? two : one];
    expect(results[0]).toEqual({ ok: true, message: expect.stringMatching(/^Exchange processed/) });
    expect(results[1]).toEqual({ ok: false, status: 409, message: expect.stringMatching(/^Not done by this click: (Staff 30[12] is setting up this exchange|this request is already (resolved|closed))/) });
    // One new return (the exchange one) beside the cancelled original; one exchange processed.
    const ofOrder = store.returns.filter((r) => r.orderId === request.orderId);
    expect(ofOrder.length).toBe(returnsBefore + 1);
    expect(ofOrder.filter((r) => (r.exchangeLineItems ?? []).length > 0)).toHaveLength(1);
    const ops = (await deskFor("1").operations.forRequest(shop, request.id)).filter((o) => o.step.startsWith("exchange"));
    expect(ops.map((o) => o.status)).toEqual(["succeeded"]);
    const after = await deskFor("1").requests.find(shop, request.id);
    expect([after?.resolution, after?.status]).toEqual(["exchange", "closed"]);
    expect((await deskFor("1").desk.timeline(shop, request.id)).filter((e) => e.type === "exchanged")).toHaveLength(1);
  });

  it("GIVEN an exchange replacing the shopper's return WHEN Shopify's returns/cancel for the old return is handled before the request follows the new one THEN the request is not cancelled and the exchange completes", async () => {
    const { request, variantId, words } = await exchangeable();
    await database.db.requestLine.updateMany({ where: { id: request.lines[0].id }, data: { exchangeVariantId: variantId, exchangeVariantTitle: words } });
    const oldReturnId = request.shopifyReturnId as string;
    const requests = createRequestRepository(database.db);
    const jobDeps: JobDeps = { requests, operations: createOperationRepository(database.db), jobs: createJobRepository(database.db, provider), dataExports: createExportRepository(database.db), adminFor: async () => null };
    const base = admin();
    let handled = 0;
    // Shopify's returns/cancel webhook for the old return is worked the moment the cancel is
    // answered: before the desk links the request to its exchange return.
    const racing: AdminGraphql = async (query, options) => {
      const response = await base(query, options);
      if (/returnCancel\s*\(/.test(query)) {
        handled += 1;
        await runJob(jobDeps, { id: `race-${handled}`, shop, kind: "webhook", payload: { topic: "returns/cancel", eventId: `race-${handled}`, data: { returnId: oldReturnId } }, attempts: 1, maxAttempts: 5 } as unknown as JobRecord);
        expect((await requests.find(shop, request.id))?.shopifyReturnId).toBe(oldReturnId);
      }
      return response;
    };
    const actions = createDesk({ requests, desk: createDeskRepository(database.db), operations: createOperationRepository(database.db), admin: racing, staff: { id: "401", name: "Staff 401" }, timezone: "Europe/London", locale: "en-GB" });
    const result = await actions.resolve(shop, request.id, { method: "exchange" });
    expect(handled).toBe(1);
    expect(result).toEqual({ ok: true, message: expect.stringMatching(/^Exchange processed/) });
    const after = await requests.find(shop, request.id);
    expect([after?.resolution, after?.status]).toEqual(["exchange", "closed"]);
    expect((await requests.events(shop, request.id)).map((e) => e.type)).not.toContain("cancelled");
  });

  it("GIVEN the chosen variant sold out WHEN resolved by exchange THEN Shopify's refusal is shown, the items stay on an open return, and the request can still be refunded", async () => {
    const store = demo.standin.engine.store(shop);
    const all = await createRequestRepository(database.db).list(shop, { status: ["received", "inspected"], take: 100 });
    const request = all.find((r) => !r.resolution && r.kind === "return" && r.lines.length === 1 && r.lines.every((l) => !l.exchangeVariantId))!;
    const bought = store.find(request.lines[0].lineItemId, "LineItem")?.variantId;
    const variant = store.variants.find((v) => v.id !== bought)!;
    await database.db.requestLine.updateMany({ where: { id: request.lines[0].id }, data: { exchangeVariantId: variant.id, exchangeVariantTitle: variant.title } });
    const stock = variant.inventoryQuantity;
    variant.inventoryQuantity = 0;
    try {
      const { actions, requests } = deskFor("7");
      const result = await actions.resolve(shop, request.id, { method: "exchange" });
      expect(result).toEqual({ ok: false, status: 422, message: expect.stringMatching(/^Shopify refused the exchange: .*out of stock.*refund or credit them instead/) });
      const after = await requests.find(shop, request.id);
      expect([after?.status, after?.resolution]).toEqual([request.status, null]);
      const kept = store.returns.find((r) => r.id === after?.shopifyReturnId);
      expect([kept?.status, kept?.exchangeLineItems ?? [], kept?.returnLineItems.map((l) => l.quantity)]).toEqual(["OPEN", [], [request.lines[0].quantity]]);
      const refunded = await actions.resolve(shop, request.id, { method: "refund" });
      expect(refunded.ok).toBe(true);
    } finally {
      variant.inventoryQuantity = stock;
    }
  });

  it("GIVEN an exchange set up on the Shopify return WHEN the merchant refunds the request instead and the removal's answer is lost THEN the exchange item is taken off the return once, before the refund, and the return closes with the request", async () => {
    const store = demo.standin.engine.store(shop);
    const all = await createRequestRepository(database.db).list(shop, { status: ["received", "inspected"], take: 100 });
    const request = all.find((r) => !r.resolution && r.kind === "return" && r.lines.length === 1 && r.lines.every((l) => !l.exchangeVariantId) && r.shopifyReturnId)!;
    const bought = store.find(request.lines[0].lineItemId, "LineItem")?.variantId;
    const variant = store.variants.find((v) => v.id !== bought && v.inventoryQuantity >= request.lines[0].quantity)!;
    const variantId = variant.id;
    await database.db.requestLine.updateMany({ where: { id: request.lines[0].id }, data: { exchangeVariantId: variantId, exchangeVariantTitle: variant.title } });
    const a = deskFor("303");
    // The exchange as the desk sets it up: the shopper's return replaced by one carrying the new size.
    const old = await fetchReturn(admin(), request.shopifyReturnId as string);
    await a.desk.markReturnReplaced(shop, old.id, request.id, new Date());
    await cancelReturn(admin(), old.id);
    const made = await createExchangeReturn(admin(), request.orderId, old.lines.map((l) => ({ fulfillmentLineItemId: l.fulfillmentLineItemId as string, quantity: l.quantity, reason: "other" })), [{ variantId, quantity: request.lines[0].quantity }]);
    await a.requests.linkReturn(shop, request.id, made.id);
    expect((await fetchReturn(admin(), made.id)).exchangeLines).toHaveLength(1);

    demo.standin.faults.next(1, { kind: "lost" }, "graphql", "RemoveExchangeLines");
    const served = demo.standin.faults.served.length;
    const refundsBefore = store.refunds.filter((r) => r.orderId === request.orderId).length;
    const result = await a.actions.resolve(shop, request.id, { method: "refund" });
    expect(result).toEqual({ ok: true, message: expect.stringMatching(/sent\.$/) });
    expect(demo.standin.faults.served.slice(served).map((f) => f.fault.kind)).toEqual(["lost"]);

    const ret = await fetchReturn(admin(), made.id);
    expect([ret.status, ret.exchangeLines]).toEqual(["CLOSED", []]);
    expect(store.refunds.filter((r) => r.orderId === request.orderId)).toHaveLength(refundsBefore + 1);
    const after = await a.requests.find(shop, request.id);
    expect([after?.resolution, after?.status]).toEqual(["refund", "closed"]);
    const notes = (await a.desk.timeline(shop, request.id)).filter((e) => e.message?.startsWith("Exchange items taken off"));
    expect(notes).toHaveLength(1);
    // Settling again finds nothing left to take off and sends nothing more.
    expect((await a.actions.resolve(shop, request.id, { method: "refund" })).ok).toBe(false);
    expect(store.refunds.filter((r) => r.orderId === request.orderId)).toHaveLength(refundsBefore + 1);
  });

  it("GIVEN a request without an exchange choice WHEN resolved by exchange THEN it is refused and nothing changes in Shopify", async () => {
    const all = await createRequestRepository(database.db).list(shop, { status: ["received", "inspected"], take: 100 });
    const request = all.find((r) => !r.resolution && r.kind === "return" && r.lines.every((l) => !l.exchangeVariantId));
    expect(request).toBeTruthy();
    const store = demo.standin.engine.store(shop);
    const returnsBefore = store.returns.length;
    const result = await deskFor("1").actions.resolve(shop, request!.id, { method: "exchange" });
    // Refused either way: the policy does not offer an exchange (a faulty item), or the shopper chose nothing.
    expect(result).toEqual({ ok: false, status: 422, message: expect.stringMatching(/^The policy's decision does not offer an exchange|^The shopper did not choose anything in exchange/) });
    expect(store.returns.length).toBe(returnsBefore);
    expect(store.returns.find((r) => r.id === request!.shopifyReturnId)?.status).toBe("OPEN");
  });

  it("GIVEN a received return WHEN its refund is previewed THEN Shopify's suggested refund stands beside the engine's figure, and a difference above a minor unit per line warns", async () => {
    const all = await createRequestRepository(database.db).list(shop, { status: ["received", "inspected"], take: 100 });
    const request = all.find((r) => !r.resolution && r.kind === "return" && r.lines.every((l) => !l.exchangeVariantId) && r.decision);
    expect(request).toBeTruthy();
    const { actions } = deskFor("1");
    const suggested = await fetchSuggestedRefund(admin(), request!.orderId, request!.lines.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity })));
    const shopifyMinor = suggested.lines.reduce((sum, l) => sum + l.subtotalMinor, 0);
    expect(shopifyMinor).toBeGreaterThan(0);

    const agreeing = await actions.preview(shop, request!.id, { method: "refund" });
    expect("ok" in agreeing).toBe(false);
    if ("ok" in agreeing) return;
    expect(agreeing.shopifyMinor).toBe(shopifyMinor);
    // The demo's engine figures agree with Shopify for a plain return (no fee), so no warning.
    expect(Math.abs(agreeing.itemsMinor - shopifyMinor)).toBeLessThanOrEqual(request!.lines.length);
    expect(agreeing.warning).toBeNull();

    // The policy's figure for the items moves two minor units per line away from Shopify's.
    const row = await database.db.aftercareRequest.findFirstOrThrow({ where: { id: request!.id } });
    const stored = JSON.parse(row.decisionJson as string) as { engine?: { refund: { items: string; total: string; currency: string } }; refund?: { items: string; total: string; currency: string } };
    const refund = (stored.engine ?? stored).refund as { items: string; total: string; currency: string };
    const more = agreeing.itemsMinor + 2 * request!.lines.length + 1;
    refund.items = decimalOf(more, refund.currency);
    refund.total = decimalOf(agreeing.amountMinor - agreeing.itemsMinor + more, refund.currency);
    await database.db.aftercareRequest.update({ where: { id: request!.id }, data: { decisionJson: JSON.stringify(stored) } });
    const differing = await actions.preview(shop, request!.id, { method: "refund" });
    if ("ok" in differing) throw new Error(differing.message);
    expect(differing.itemsMinor).toBe(more);
    expect(differing.shopifyMinor).toBe(shopifyMinor);
    expect(differing.warning).toBe(`Shopify suggests ${differing.shopifyFormatted} for these items; the policy gives ${differing.itemsFormatted}. Check which is right before sending.`);
  });
});
