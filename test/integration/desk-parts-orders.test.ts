import { beforeAll, describe, expect, it } from "vitest";

import { operationKey, reconcileShop } from "../../app/jobs/money.server";
import { parseMinorUnits } from "../../app/domain/money";
import { createRequestRepository, type RequestRecord } from "../../app/repositories/requests.server";
import { partsOrderTag, replacementOrderTag } from "../../app/shopify/parts-orders.server";
import type { RunningDemo } from "../../scripts/demo-standin";
import { testProviders, type TestDatabase } from "../support/databases";
import { DEMO_SHOP, useDemoDesk } from "../support/demo-desk";

/**
 * Parts posted to the shopper become a zero-price Shopify order (docs/decisions/024-parts-orders):
 * a draft order of the parts at 0.00, completed without payment, under the request's tag, made
 * once however often the desk is clicked, and found again by its tag when Shopify's answer is lost.
 */
const NOW = new Date("2026-11-20T10:00:00Z");

describe.each(testProviders())("parts posted as a zero-price order (%s)", (provider) => {
  const { running, admin, deskFor } = useDemoDesk(provider, NOW);
  const shop = DEMO_SHOP;
  let database: TestDatabase;
  let demo: RunningDemo;
  beforeAll(() => {
    ({ database, demo } = running);
  });

  /** An open request the policy's decision (a crystal policy's 1% quota: two parts for the item) resolves by parts. */
  async function partsRequest(skip: string[] = []): Promise<RequestRecord> {
    const all = await createRequestRepository(database.db).list(shop, { status: ["inspected", "received"], take: 200 });
    const request = all.find((r) => r.kind !== "return" && !r.resolution && !skip.includes(r.id))!;
    const row = await database.db.aftercareRequest.findFirstOrThrow({ where: { id: request.id } });
    const raw = JSON.parse(row.decisionJson as string) as { engine?: unknown };
    const stored = (raw.engine ?? raw) as { lines: { eligible: boolean; resolutions: string[]; maxParts: number | null }[] };
    for (const line of stored.lines) Object.assign(line, { eligible: true, resolutions: ["parts"], maxParts: 2 });
    await database.db.aftercareRequest.update({ where: { id: request.id }, data: { decisionJson: JSON.stringify(raw) } });
    return request;
  }

  const ordersTagged = (tag: string) => demo.standin.engine.store(shop).orders.filter((o) => o.tags.includes(tag));

  it("GIVEN two spare crystals under the item's quota WHEN the desk sends them, twice THEN Shopify holds exactly one zero-price order of those parts for the shopper, tagged with the request, and the timeline names it", async () => {
    const request = await partsRequest();
    const { actions, desk } = deskFor("7");
    const store = demo.standin.engine.store(shop);
    const original = store.orders.find((o) => o.id === request.orderId)!;
    const first = await actions.resolve(shop, request.id, { method: "parts", parts: 2 });
    expect(first).toEqual({ ok: true, message: expect.stringMatching(/^Resolved: 2 parts of the 2 the policy allows sent\. Parts order #\d+ made in Shopify at no charge\.$/) });
    // A second click finds the request resolved: nothing more is made.
    expect(await actions.resolve(shop, request.id, { method: "parts", parts: 2 })).toMatchObject({ ok: false, status: 409 });
    const orders = ordersTagged(partsOrderTag(request.id));
    expect(orders).toHaveLength(1);
    const [order] = orders;
    const price = (l: (typeof order.lineItems)[number]) => parseMinorUnits(l.originalUnitPriceSet.presentmentMoney.amount, l.originalUnitPriceSet.presentmentMoney.currencyCode);
    expect(order.lineItems.map((l) => [l.title, l.quantity, price(l), l.requiresShipping])).toEqual([[`Spare parts for ${request.lines[0].title}`, 2, 0, true]]);
    expect([order.customerId, order.presentmentCurrencyCode, order.sourceName, store.financialStatus(order), store.fulfillmentStatus(order)]).toEqual([original.customerId, original.presentmentCurrencyCode, "shopify_draft_order", "PAID", "UNFULFILLED"]);
    expect(order.shippingAddress?.address1).toBe(original.shippingAddress?.address1);
    expect(order.transactions).toHaveLength(0);
    const timeline = await desk.timeline(shop, request.id);
    expect(timeline.filter((e) => e.message?.startsWith("Parts order ")).map((e) => [e.message, e.data.shopifyOrderId])).toEqual([[`Parts order ${order.name} made in Shopify at no charge, for Shopify to fulfil.`, order.id]]);
  });

  it("GIVEN the desk sends parts WHEN draftOrderComplete's answer is lost while Shopify still makes the order THEN the click says it is checked automatically, and the reconciler (twice) finds the one order by its tag and makes no other", async () => {
    const done = (await database.db.aftercareRequest.findMany({ where: { shop, resolution: "parts" }, select: { id: true } })).map((r) => r.id);
    const request = await partsRequest(done);
    const { actions, operations, desk } = deskFor("8");
    demo.standin.faults.next(1, { kind: "lost", status: 503, delayMs: 150 }, "graphql", "PartsDraftComplete");
    const answer = await actions.resolve(shop, request.id, { method: "parts", parts: 1 });
    expect(answer).toMatchObject({ ok: true, message: expect.stringMatching(/checked and finished automatically\.$/) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const key = operationKey(request.id, "parts-order");
    expect(await operations.find(shop, key)).toMatchObject({ status: "sent", attempts: 1 });
    for (let i = 0; i < 2; i++) await reconcileShop(admin(), { operations, reconcileGraceMs: -1_000 }, shop);
    const orders = ordersTagged(partsOrderTag(request.id));
    expect(orders).toHaveLength(1);
    expect(demo.standin.engine.store(shop).draftOrders.filter((d) => d.tags.includes(partsOrderTag(request.id)))).toHaveLength(1);
    expect(await operations.find(shop, key)).toMatchObject({ status: "succeeded", attempts: 1, shopifyResultId: orders[0].id });
    // The timeline says so once, from the reconciler.
    const notes = (await desk.timeline(shop, request.id)).filter((e) => e.type === "note" && e.message?.startsWith("Parts order "));
    expect(notes.map((e) => [e.actor, e.data.shopifyOrderId])).toEqual([["system", orders[0].id]]);
  });

  it("GIVEN a warranty claim WHEN the desk resolves it by replacement THEN Shopify holds one zero-price order of the variant the shopper bought, tagged with the request, and the timeline names it", async () => {
    const { actions, desk, requests } = deskFor("9");
    // A fresh claim on a warranty claim's order line, received, that the policy's decision resolves by replacement.
    const base = (await requests.list(shop, { take: 200 })).find((r) => r.kind === "warranty")!;
    const lineItemId = base.lines[0].lineItemId;
    const made = await requests.create(shop, { orderId: base.orderId, orderName: base.orderName, kind: "warranty", currency: base.currency, lines: [{ lineItemId, quantity: 1, reason: "defective" }] });
    const decided = JSON.parse((await database.db.aftercareRequest.findFirstOrThrow({ where: { id: base.id } })).decisionJson ?? "null") as { engine?: unknown } | null;
    const stored = ((decided?.engine ?? decided ?? { lines: [] }) as { lines: Record<string, unknown>[] });
    stored.lines = [{ ...(stored.lines[0] ?? {}), lineId: lineItemId, eligible: true, resolutions: ["replacement"], maxParts: null }];
    await database.db.aftercareRequest.update({ where: { id: made.id }, data: { status: "received", decisionJson: JSON.stringify(stored) } });
    const request = (await requests.find(shop, made.id))!;
    const store = demo.standin.engine.store(shop);
    const original = store.orders.find((o) => o.id === request.orderId)!;
    const bought = original.lineItems.find((l) => l.id === request.lines[0].lineItemId)!;
    const answer = await actions.resolve(shop, request.id, { method: "replacement" });
    expect(answer).toEqual({ ok: true, message: expect.stringMatching(/^Resolved: replacement\..* Replacement order #\d+ made in Shopify at no charge\.$/) });
    expect(await actions.resolve(shop, request.id, { method: "replacement" })).toMatchObject({ ok: false, status: 409 });
    const orders = ordersTagged(replacementOrderTag(request.id));
    expect(orders).toHaveLength(1);
    const [order] = orders;
    const price = (l: (typeof order.lineItems)[number]) => parseMinorUnits(l.originalUnitPriceSet.presentmentMoney.amount, l.originalUnitPriceSet.presentmentMoney.currencyCode);
    expect(order.lineItems.map((l) => [l.variantId, l.quantity, price(l), l.requiresShipping])).toEqual([[bought.variantId, request.lines[0].quantity, 0, true]]);
    expect([order.customerId, order.sourceName, store.financialStatus(order)]).toEqual([original.customerId, "shopify_draft_order", "PAID"]);
    const notes = (await desk.timeline(shop, request.id)).filter((e) => e.type === "note" && e.message?.startsWith("Replacement order "));
    expect(notes.map((e) => [e.message, e.data.shopifyOrderId])).toEqual([[`Replacement order ${order.name} made in Shopify at no charge, for Shopify to fulfil.`, order.id]]);
  });
});
