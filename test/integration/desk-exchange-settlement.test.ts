import { beforeAll, describe, expect, it } from "vitest";

import { createDesk, type ExchangePreview } from "../../app/desk/actions.server";
import { itemWithVariant } from "../../app/domain/item-label";
import { formatMoneyIn, parseMinorUnits } from "../../app/domain/money";
import { reconcileShop } from "../../app/jobs/money.server";
import { createRequestRepository, engineDecisionOf, type RequestRecord } from "../../app/repositories/requests.server";
import type { AdminGraphql } from "../../app/shopify/client.server";
import { fetchSuggestedRefund } from "../../app/shopify/money.server";
import { renderStatus } from "../../app/storefront/pages.server";
import { pageContext } from "../../app/storefront/proxy.server";
import type { RunningDemo } from "../../scripts/demo-standin";
import type { VariantRec } from "../standin/store";
import { testProviders, type TestDatabase } from "../support/databases";
import { DEMO_SHOP, useDemoDesk } from "../support/demo-desk";

/**
 * An exchange for an item of another value, settled in Shopify (issues 11 and 13): the
 * difference the shopper was shown goes back in the exchange's processing (to the original
 * payment, or as store credit with the policy's expiry), or — when the new item costs more — is
 * invoiced once with orderInvoiceSend for what the order then has outstanding. Two clicks make one
 * refund or one invoice; a refused invoice is shown and can be sent again.
 */
const NOW = new Date("2026-11-20T10:00:00Z");

describe.each(testProviders())("settling an exchange of another value (%s)", (provider) => {
  const { running, admin, deskFor } = useDemoDesk(provider, NOW);
  const shop = DEMO_SHOP;
  let database: TestDatabase;
  let demo: RunningDemo;
  const used = new Set<string>();
  beforeAll(() => {
    ({ database, demo } = running);
  });

  type Case = { request: RequestRecord; variant: VariantRec; words: string; amountMinor: number; orderEmail: string };

  /**
   * A received (or approved, then received) single-line return, on a fully paid order in the shop's currency with nothing
   * outstanding, and an in-stock item dearer (or cheaper) than what the shopper paid for it;
   * the request is given that item and the difference as the request flow stores them.
   */
  async function exchangeOfAnotherValue(settlement: "charge" | "refund" | "store_credit"): Promise<Case> {
    const store = demo.standin.engine.store(shop);
    const all = await createRequestRepository(database.db).list(shop, { status: ["approved", "received", "inspected"], take: 200 });
    for (const request of all) {
      if (used.has(request.id) || request.resolution || request.kind !== "return" || request.lines.length !== 1 || request.lines[0].exchangeVariantId || !request.shopifyReturnId) continue;
      const order = store.find(request.orderId, "Order");
      if (!order || !order.email || order.presentmentCurrencyCode !== order.currencyCode || request.currency !== order.currencyCode || store.outstanding(order) !== 0) continue;
      if (settlement === "store_credit" && !request.customerId) continue;
      const line = request.lines[0];
      const bought = store.find(line.lineItemId, "LineItem");
      const suggested = await fetchSuggestedRefund(admin(), request.orderId, [{ lineItemId: line.lineItemId, quantity: line.quantity }]);
      const paid = suggested.lines.reduce((sum, l) => sum + l.subtotalMinor, 0);
      if (paid <= 0) continue;
      const price = (v: VariantRec) => parseMinorUnits(v.price, order.currencyCode) * line.quantity;
      const variant = store.variants.find((v) => v.id !== bought?.variantId && v.availableForSale && v.inventoryQuantity >= line.quantity && (settlement === "charge" ? price(v) > paid : price(v) < paid && price(v) > 0));
      if (!variant) continue;
      used.add(request.id);
      // An approved return is received first, as the desk does when the parcel arrives.
      if (request.status === "approved") expect(await deskFor("0").actions.receive(shop, request.id)).toMatchObject({ ok: true });
      const amountMinor = Math.abs(price(variant) - paid);
      // The product with its variant, as the request flow stores the shopper's choice.
      const words = itemWithVariant(store.find(variant.productId, "Product")?.title ?? "", variant);
      await database.db.requestLine.updateMany({ where: { id: line.id }, data: { exchangeVariantId: variant.id, exchangeVariantTitle: words } });
      // As the request flow stores an exchange: the engine gives no refund (an exchange moves
      // none), the preview the difference; the request's money ceiling follows from both.
      // The desk offers an exchange only where the policy's decision does: this one was decided by
      // a policy that exchanges the item (the demo's faulty returns are not).
      const engine = engineDecisionOf(request.decision) as { lines: { resolutions: string[] }[] };
      const lines = engine.lines.map((l) => ({ ...l, resolutions: [...new Set([...l.resolutions, "exchange"])] }));
      const stored = { engine: { ...engine, lines, refund: null }, preview: { exchange: { settlement, amount: { amountMinor, currency: request.currency }, text: null } } };
      await createRequestRepository(database.db).recordDecision(shop, request.id, stored, null);
      const fresh = await createRequestRepository(database.db).find(shop, request.id);
      return { request: fresh!, variant, words: line.quantity > 1 ? `${line.quantity} × ${words}` : words, amountMinor, orderEmail: order.email };
    }
    throw new Error(`the demo shop has no received return to exchange with a ${settlement} difference`);
  }

  it("GIVEN the shopper chose a dearer item WHEN two staff members confirm the exchange THEN Shopify processes it once and one invoice for the difference goes to the order's email, on the timeline and the shopper's status", async () => {
    const { request, variant, words, amountMinor, orderEmail } = await exchangeOfAnotherValue("charge");
    const store = demo.standin.engine.store(shop);
    const order = store.find(request.orderId, "Order")!;
    const formatted = formatMoneyIn(amountMinor, request.currency, "en-GB");

    const preview = (await deskFor("11").actions.exchangePreview(shop, request.id)) as ExchangePreview;
    expect(preview).toMatchObject({ method: "exchange", settlement: "charge", amountMinor, currency: request.currency, email: orderEmail, warning: null });
    expect(preview.summary).toBe(`The new item (${words}) is sent; an invoice for ${formatted} is sent to ${orderEmail} with Shopify's payment link.`);
    expect(preview.shopifyMinor).toBe(amountMinor);

    const [one, two] = await Promise.all([deskFor("11").actions.resolve(shop, request.id, { method: "exchange" }), deskFor("12").actions.resolve(shop, request.id, { method: "exchange" })]);
    const [won, lost] = one.ok ? [one, two] : [two, one];
    expect(won).toEqual({ ok: true, message: expect.stringContaining(`An invoice for ${formatted} was sent to ${orderEmail}.`) });
    expect(lost.ok).toBe(false);

    const invoices = store.invoices.filter((i) => i.orderId === order.id);
    expect(invoices).toEqual([{ orderId: order.id, to: orderEmail, amountMinor, currencyCode: request.currency, customMessage: expect.stringContaining(formatMoneyIn(amountMinor, request.currency, "en")), sentAt: expect.any(String) }]);
    // Shopify's order owes exactly the difference, which the invoice's payment link collects.
    expect(store.outstanding(order)).toBe(amountMinor);
    expect(store.financialStatus(order)).toBe("PARTIALLY_PAID");
    const ret = store.returns.find((r) => r.id === (store.returns.find((x) => (x.exchangeLineItems ?? []).some((e) => e.variantId === variant.id) && x.orderId === order.id)?.id));
    expect(ret?.status).toBe("CLOSED");

    // A third click, and the retry action, send nothing more.
    const again = await deskFor("13").actions.invoice(shop, request.id);
    expect(again).toEqual({ ok: false, status: 409, message: `Not done: Not sent again: the invoice for ${formatted} was already sent to the shopper.` });
    expect(store.invoices.filter((i) => i.orderId === order.id)).toHaveLength(1);

    // The demo parcel's reverse delivery is an operation too, but moves no money.
    const ops = (await deskFor("1").operations.forRequest(shop, request.id)).filter((o) => o.kind !== "reverse_delivery");
    expect(ops.map((o) => [o.step, o.kind, o.status, o.amountMinor])).toEqual([
      ["exchange", "return_process", "succeeded", 0],
      ["invoice", "invoice", "succeeded", amountMinor],
    ]);
    const timeline = await deskFor("1").desk.timeline(shop, request.id);
    expect(timeline.filter((e) => e.type === "invoiced").map((e) => [e.amountMinor, e.currency, e.message])).toEqual([[amountMinor, request.currency, `Invoice for ${formatted} sent to the order's email address: the shopper pays the exchange's difference through Shopify's payment link.`]]);
    // No email address is written into the timeline (its message or its data): it outlives a redaction.
    const rows = await database.db.requestEvent.findMany({ where: { shop, requestId: request.id }, select: { message: true, dataJson: true } });
    expect(JSON.stringify(rows)).not.toContain(orderEmail);
    // The shopper's status page shows the step with its amount.
    const seen = await createRequestRepository(database.db).events(shop, request.id);
    expect(seen.filter((e) => e.type === "invoiced").map((e) => [e.amountMinor, e.currency])).toEqual([[amountMinor, request.currency]]);
    const steps = seen.map((e) => ({ type: e.type, actor: e.actor, at: e.at.toISOString(), message: e.message, amount: e.amountMinor !== null && e.currency ? { amountMinor: e.amountMinor, currency: e.currency } : null }));
    const html = renderStatus(pageContext(new URL("https://shop.example/apps/aftercare/status?token=t")), { requestId: request.id, number: request.number, orderName: request.orderName, kind: "return", service: null, status: "closed", createdAt: request.createdAt.toISOString(), lines: [], steps, shopifyReturn: "open" }, null, "Europe/London");
    const number = new Intl.NumberFormat("en", { minimumFractionDigits: 2 }).format(amountMinor / 100);
    expect(html).toMatch(new RegExp(`<strong>Invoice sent for the difference</strong> · <time[^>]*>[^<]*</time> · (?:<[^>]+>)*[^<]*${number.replace(/[.,]/g, "\\$&")}`));
  });

  it("GIVEN the shopper chose a cheaper item WHEN staff confirm the exchange twice THEN the difference is refunded once to the original payment in the exchange's processing", async () => {
    const { request, words, amountMinor } = await exchangeOfAnotherValue("refund");
    const store = demo.standin.engine.store(shop);
    const order = store.find(request.orderId, "Order")!;
    const formatted = formatMoneyIn(amountMinor, request.currency, "en-GB");
    const refundsBefore = new Set(order.refundIds);

    const preview = (await deskFor("21").actions.exchangePreview(shop, request.id)) as ExchangePreview;
    expect(preview.summary).toBe(`The new item (${words}) is sent; ${formatted} is refunded to ${request.customerName ?? preview.email}'s original payment.`);
    expect([preview.shopifyMinor, preview.warning]).toEqual([-amountMinor, null]);

    const first = await deskFor("21").actions.resolve(shop, request.id, { method: "exchange" });
    expect(first).toEqual({ ok: true, message: `Exchange processed: ${words} will be sent to the shopper; ${formatted} refunded to the original payment.` });
    const second = await deskFor("22").actions.resolve(shop, request.id, { method: "exchange" });
    expect(second.ok).toBe(false);

    const fresh = order.refundIds.filter((id) => !refundsBefore.has(id)).map((id) => store.find(id, "Refund")!);
    expect(fresh).toHaveLength(1);
    expect(store.refundTotal(fresh[0])).toBe(amountMinor);
    const txs = fresh[0].transactionIds.map((id) => store.find(id, "OrderTransaction")!);
    expect(txs.map((t) => [t.kind, t.gateway === "shopify_store_credit"])).toEqual([["REFUND", false]]);
    expect(store.outstanding(order)).toBe(0);
    expect(store.invoices.filter((i) => i.orderId === order.id)).toEqual([]);

    const ops = (await deskFor("1").operations.forRequest(shop, request.id)).filter((o) => o.kind !== "reverse_delivery");
    expect(ops.map((o) => [o.step, o.kind, o.status, o.amountMinor])).toEqual([["exchange", "return_process", "succeeded", amountMinor]]);
    // The difference is the request's whole money ceiling: nothing more can be refunded on it.
    expect((await deskFor("1").requests.find(shop, request.id))?.money.decidedMinor).toBe(amountMinor);
    const events = await createRequestRepository(database.db).events(shop, request.id);
    expect(events.filter((e) => e.type === "refunded").map((e) => [e.amountMinor, e.currency])).toEqual([[amountMinor, request.currency]]);
  });

  it("GIVEN a cheaper item under a policy that settles in store credit WHEN the exchange is confirmed THEN the difference is credited once, expiring as the policy's refund rule says", async () => {
    const { request, amountMinor } = await exchangeOfAnotherValue("store_credit");
    const store = demo.standin.engine.store(shop);
    const order = store.find(request.orderId, "Order")!;
    const decision = engineDecisionOf(request.decision) as { lines: { case: string; eligible: boolean; resolutions: string[] }[]; refund: null };
    // The line must be one the engine lets be exchanged for the policy's case expiry to apply.
    decision.lines = decision.lines.map((l) => ({ ...l, eligible: true, resolutions: [...new Set([...l.resolutions, "exchange"])] }));
    const caseName = decision.lines[0].case;
    const stored = { engine: decision, preview: { exchange: { settlement: "store_credit", amount: { amountMinor, currency: request.currency }, text: null } } };
    await createRequestRepository(database.db).recordDecision(shop, request.id, stored, null);
    const { requests, desk, operations } = deskFor("31");
    const actions = createDesk({ requests, desk, operations, admin: admin(), staff: { id: "31", name: "Staff 31" }, timezone: "Europe/London", locale: "en-GB", storeCreditExpiryDays: { [caseName]: 90 } });

    const preview = (await actions.exchangePreview(shop, request.id)) as ExchangePreview;
    expect(preview.settlement).toBe("store_credit");
    expect(preview.expiresOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(preview.summary).toContain(`${formatMoneyIn(amountMinor, request.currency, "en-GB")} is credited to`);
    expect(preview.summary).toContain(`as store credit, expiring ${preview.expiresOn}.`);

    const [one, two] = await Promise.all([actions.resolve(shop, request.id, { method: "exchange" }), actions.resolve(shop, request.id, { method: "exchange" })]);
    expect([one.ok, two.ok].filter(Boolean)).toHaveLength(1);
    const account = store.storeCreditAccount(order.customerId!, request.currency)!;
    const credits = account.transactions.filter((t) => t.refundId && order.refundIds.includes(t.refundId) && t.event === "ORDER_REFUND" && store.find(t.refundId, "Refund")?.returnId);
    const ours = credits.filter((t) => store.find(t.refundId!, "Refund")?.note === `Aftercare aftercare:${request.id}:exchange`);
    expect(ours.map((t) => parseMinorUnits(t.amount.amount, t.amount.currencyCode))).toEqual([amountMinor]);
    // Expires at the end of the policy's day, in the shop's zone.
    expect(ours[0].expiresAt?.slice(0, 10)).toBe(preview.expiresOn);
  });

  it("GIVEN Shopify refuses the invoice (the order has no email) WHEN the exchange is confirmed THEN the exchange is processed, the refusal is on the timeline, and sending again once it is put right sends one invoice", async () => {
    const { request, amountMinor, orderEmail } = await exchangeOfAnotherValue("charge");
    const store = demo.standin.engine.store(shop);
    const order = store.find(request.orderId, "Order")!;
    const formatted = formatMoneyIn(amountMinor, request.currency, "en-GB");
    order.email = null;
    try {
      const preview = (await deskFor("41").actions.exchangePreview(shop, request.id)) as ExchangePreview;
      expect(preview.warning).toContain("The order has no email address, so Shopify cannot send the invoice");
      const result = await deskFor("41").actions.resolve(shop, request.id, { method: "exchange" });
      expect(result).toEqual({ ok: false, status: 422, message: expect.stringMatching(new RegExp(`^Exchange processed: .* But the invoice for ${formatted.replace(/[.$]/g, "\\$&")} was not sent: .*no email address.*Send it again from this page`)) });
      expect((await deskFor("1").requests.find(shop, request.id))?.resolution).toBe("exchange");
      expect(store.invoices.filter((i) => i.orderId === order.id)).toEqual([]);
      const failed = (await deskFor("1").desk.timeline(shop, request.id)).filter((e) => e.type === "failed");
      expect(failed.map((e) => e.message)).toEqual([expect.stringMatching(/^Invoice for .* not sent: /)]);
    } finally {
      order.email = orderEmail;
    }
    const [a, b] = await Promise.all([deskFor("42").actions.invoice(shop, request.id), deskFor("43").actions.invoice(shop, request.id)]);
    expect([a, b].filter((r) => r.ok)).toEqual([{ ok: true, message: `An invoice for ${formatted} was sent to ${orderEmail}.` }]);
    expect(store.invoices.filter((i) => i.orderId === order.id).map((i) => [i.amountMinor, i.to])).toEqual([[amountMinor, orderEmail]]);
    const ops = (await deskFor("1").operations.forRequest(shop, request.id)).filter((o) => o.kind === "invoice");
    expect(ops.map((o) => [o.step, o.status])).toEqual([
      ["invoice", "failed"],
      ["invoice-2", "succeeded"],
    ]);
  });

  it("GIVEN Shopify emails the invoice but its answer is lost WHEN the desk and later the reconciler look again THEN it is never sent a second time and goes to a person", async () => {
    const { request } = await exchangeOfAnotherValue("charge");
    const store = demo.standin.engine.store(shop);
    const order = store.find(request.orderId, "Order")!;
    const base = admin();
    // The invoice goes out; the connection drops before its answer arrives.
    const lossy: AdminGraphql = async (query, options) => {
      const response = await base(query, options);
      if (/orderInvoiceSend\s*\(/.test(query)) throw new TypeError("fetch failed");
      return response;
    };
    let clock = new Date();
    const { requests, desk, operations } = deskFor("61");
    const actions = createDesk({ requests, desk, operations, admin: lossy, staff: { id: "61", name: "Staff 61" }, timezone: "Europe/London", locale: "en-GB", now: () => clock });
    const first = await actions.resolve(shop, request.id, { method: "exchange" });
    expect(first).toEqual({ ok: false, status: 502, message: expect.stringMatching(/^Exchange processed: .* But the invoice for .* was not confirmed: Shopify did not confirm the change\..* It is recorded and will never be sent twice\.$/) });
    expect(store.invoices.filter((i) => i.orderId === order.id)).toHaveLength(1);
    // A click at once finds it on the wire; one after the grace period looks, cannot tell, and hands it to a person.
    expect(await actions.invoice(shop, request.id)).toMatchObject({ ok: false, status: 409, message: expect.stringMatching(/is being sent right now/) });
    clock = new Date(clock.getTime() + 10 * 60_000);
    expect(await actions.invoice(shop, request.id)).toMatchObject({ ok: false, status: 409, message: expect.stringMatching(/needs a person to check it before it is sent \(held for review: Shopify did not confirm the invoice email/) });
    expect(await reconcileShop(base, { operations, now: () => clock }, shop)).toMatchObject({ unfinished: 0 });
    expect(store.invoices.filter((i) => i.orderId === order.id)).toHaveLength(1);
    const ops = (await operations.forRequest(shop, request.id)).filter((o) => o.kind === "invoice");
    expect(ops.map((o) => [o.step, o.status])).toEqual([["invoice", "needs_review"]]);
  });

  it("GIVEN the difference the shopper was shown is not Shopify's WHEN previewed and confirmed THEN the preview warns with both figures and the invoice is held for review, not sent", async () => {
    const { request, amountMinor } = await exchangeOfAnotherValue("charge");
    const store = demo.standin.engine.store(shop);
    const order = store.find(request.orderId, "Order")!;
    const shownMinor = amountMinor + 500;
    const stored = { engine: engineDecisionOf(request.decision), preview: { exchange: { settlement: "charge", amount: { amountMinor: shownMinor, currency: request.currency }, text: null } } };
    await database.db.aftercareRequest.update({ where: { id: request.id }, data: { decisionJson: JSON.stringify(stored) } });
    const preview = (await deskFor("51").actions.exchangePreview(shop, request.id)) as ExchangePreview;
    expect(preview.warning).toBe(
      `Shopify's prices give ${formatMoneyIn(amountMinor, request.currency, "en-GB")} to pay; the shopper was shown ${formatMoneyIn(shownMinor, request.currency, "en-GB")} to pay. Check before confirming: Shopify's figure is checked again before anything moves, and a difference holds it for review.`,
    );
    const result = await deskFor("51").actions.resolve(shop, request.id, { method: "exchange" });
    expect(result).toEqual({ ok: false, status: 409, message: expect.stringMatching(/But the invoice for .* needs a person to check it before it is sent \(held for review: the shopper was shown .* to pay, Shopify shows .* outstanding; no invoice was sent\)/) });
    expect(store.invoices.filter((i) => i.orderId === order.id)).toEqual([]);
    const ops = (await deskFor("1").operations.forRequest(shop, request.id)).filter((o) => o.kind === "invoice");
    expect(ops.map((o) => o.status)).toEqual(["needs_review"]);
  });
});
