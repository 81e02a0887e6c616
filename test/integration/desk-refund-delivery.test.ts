import { beforeAll, describe, expect, it } from "vitest";

import { engineRefund } from "../../app/desk/actions.server";
import { formatMinorUnits, parseMinorUnits } from "../../app/domain/money";
import { operationKey } from "../../app/jobs/money.server";
import { createRequestRepository, engineDecisionOf, type RequestRecord } from "../../app/repositories/requests.server";
import { fetchOrderForDecision } from "../../app/shopify/orders.server";
import type { RunningDemo } from "../../scripts/demo-standin";
import { minorOf } from "../standin/money";
import { testProviders, type TestDatabase } from "../support/databases";
import { DEMO_SHOP, useDemoDesk } from "../support/demo-desk";

/**
 * Issue 22 item 3: a desk refund that includes delivery, a store-credit bonus or a fee was always
 * held for review (the engine's total, shipping included, compared with Shopify's items-only
 * figure) and Shopify's refund carried no shipping line. The delivery now goes on the refund's
 * shipping, and items are compared with items.
 */
const NOW = new Date("2026-11-20T10:00:00Z");
const shop = DEMO_SHOP;

describe.each(testProviders())("desk refunds with delivery, a bonus or a fee (%s)", (provider) => {
  const { running, admin, deskFor } = useDemoDesk(provider, NOW);
  let database: TestDatabase;
  let demo: RunningDemo;
  const taken = new Set<string>();
  beforeAll(() => {
    ({ database, demo } = running);
  });

  /** The delivery the engine decided to refund, read from the stored decision. */
  function shippingOf(request: RequestRecord): number {
    const refund = (engineDecisionOf(request.decision) as { refund: { shipping?: string; currency: string } | null } | null)?.refund;
    return refund?.shipping ? parseMinorUnits(refund.shipping, refund.currency) : 0;
  }

  async function pick(status: "received" | "inspected", fits: (r: RequestRecord) => boolean): Promise<RequestRecord> {
    const all = await createRequestRepository(database.db).list(shop, { status: [status], take: 200 });
    const found = all.find((r) => r.kind === "return" && !r.resolution && !taken.has(r.id) && !r.lines.some((l) => l.exchangeVariantId) && fits(r));
    if (!found) throw new Error(`no ${status} return that fits`);
    taken.add(found.id);
    return found;
  }

  /** The request's decision with its refund changed as `change` says (a policy with a bonus or fees). */
  async function redecide(request: RequestRecord, change: (refund: Record<string, unknown>, itemsMinor: number, currency: string) => Record<string, unknown>, offers: string[] = []): Promise<RequestRecord> {
    const requests = createRequestRepository(database.db);
    const decision = engineDecisionOf(request.decision) as { refund: Record<string, unknown> & { currency: string }; lines: { eligible: boolean; resolutions: string[] }[] };
    const figure = engineRefund(request)!;
    // Such a policy also offers what it pays in (store credit for a credit bonus) on each accepted line.
    const lines = decision.lines.map((l) => (l.eligible ? { ...l, resolutions: [...new Set([...l.resolutions, ...offers])] } : l));
    expect(await requests.recordDecision(shop, request.id, { ...decision, lines, refund: change(decision.refund, figure.itemsMinor, figure.currency) }, null)).toBe(true);
    return (await requests.find(shop, request.id))!;
  }

  const refundsOf = (request: RequestRecord) => {
    const store = demo.standin.engine.store(shop);
    return store.refunds.filter((r) => r.orderId === request.orderId).map((r) => ({ total: store.refundTotal(r), shipping: r.refundShippingLines.reduce((sum, s) => sum + minorOf(s.subtotalAmountSet), 0) }));
  };

  it("GIVEN a faulty return whose policy refunds delivery WHEN the desk refunds it THEN it is sent, not held: Shopify's refund carries the delivery on its shipping line and the order records delivery refunded", async () => {
    const request = await pick("inspected", (r) => engineRefund(r) !== null && shippingOf(r) > 0);
    const figure = engineRefund(request)!;
    const before = refundsOf(request).length;
    const result = await deskFor("101").actions.resolve(shop, request.id, { method: "refund" });
    expect(result).toMatchObject({ ok: true });
    const operation = await deskFor("0").operations.find(shop, operationKey(request.id, "resolve"));
    expect(operation?.status).toBe("succeeded");
    const made = refundsOf(request).slice(before);
    expect(made).toEqual([{ total: figure.amountMinor, shipping: shippingOf(request) }]);
    // The next return on this order finds the delivery already refunded.
    const { order } = await fetchOrderForDecision(admin(), request.orderId);
    expect(order.shippingRefunded).toBe(formatMinorUnits(shippingOf(request), figure.currency));
  });

  it("GIVEN a change-of-mind return whose policy keeps a restocking fee WHEN the desk refunds it THEN the items less the fee are refunded, not held for review", async () => {
    const original = await pick("received", (r) => engineRefund(r) !== null && shippingOf(r) === 0 && (engineRefund(r)?.amountMinor ?? 0) > 1_000);
    const request = await redecide(original, (refund, items, currency) => ({ ...refund, total: formatMinorUnits(items - 500, currency), fees: { restocking: formatMinorUnits(500, currency), returnShipping: formatMinorUnits(0, currency) } }));
    const before = refundsOf(request).length;
    const result = await deskFor("101").actions.resolve(shop, request.id, { method: "refund" });
    expect(result).toMatchObject({ ok: true });
    expect(refundsOf(request).slice(before)).toEqual([{ total: engineRefund(request)!.amountMinor, shipping: 0 }]);
  });

  it("GIVEN a return whose policy adds a bonus for choosing store credit WHEN the desk credits it THEN the credit with its bonus is sent, not held for review", async () => {
    const original = await pick("received", (r) => engineRefund(r) !== null && shippingOf(r) === 0 && (engineRefund(r)?.amountMinor ?? 0) > 1_000);
    const request = await redecide(original, (refund, items, currency) => ({ ...refund, method: "store_credit", total: formatMinorUnits(items + 300, currency), bonus: formatMinorUnits(300, currency) }), ["store_credit"]);
    const result = await deskFor("101").actions.resolve(shop, request.id, { method: "store_credit" });
    expect(result).toMatchObject({ ok: true });
    const operation = await deskFor("0").operations.find(shop, operationKey(request.id, "resolve"));
    expect(operation).toMatchObject({ status: "succeeded", amountMinor: engineRefund(request)!.amountMinor });
  });
});
