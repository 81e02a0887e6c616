import { beforeAll, describe, expect, it } from "vitest";

import { createCounterReturns } from "../../app/boutique/returns.server";
import { engineRefund } from "../../app/desk/actions.server";
import { resolutionsFor } from "../../app/desk/machine";
import { formatMoneyIn } from "../../app/domain/money";
import type { Decision } from "../../app/domain";
import { engineDecisionOf, type RequestRecord } from "../../app/repositories/requests.server";
import type { RunningDemo } from "../../scripts/demo-standin";
import { testProviders, type TestDatabase } from "../support/databases";
import { DEMO_SHOP, useDemoDesk } from "../support/demo-desk";

/**
 * Returns at the boutique (issue 26): the use cases behind app/routes/api.pos.* for returns, on the
 * demo shop and both databases. Staff find the shopper's open return on the order or by its number,
 * see the engine's decision, mark it received and settle it with the desk's preview and resolve:
 * two taps (or a tap and a retry) make one refund of the engine's figure; a stale screen, another
 * shop or bad input change nothing.
 */
const NOW = new Date("2026-11-20T10:00:00Z");
const shop = DEMO_SHOP;
const OTHER_SHOP = "another-jeweller.myshopify.com";

describe.each(testProviders())("returns at the boutique counter (%s)", (provider) => {
  const { running, deskFor } = useDemoDesk(provider, NOW);
  let database: TestDatabase;
  let demo: RunningDemo;
  beforeAll(() => {
    ({ database, demo } = running);
  });

  function counterFor(staffId: string) {
    const { requests, desk, actions } = deskFor(staffId);
    return { requests, desk, returns: createCounterReturns({ desk: actions, requests, deskList: desk, locale: "en-GB" }) };
  }

  /** A new return the engine gives a refund for, settled with money (no piece in exchange). */
  async function newReturn(): Promise<RequestRecord> {
    const { requests } = counterFor("0");
    const all = await requests.list(shop, { status: ["requested"], take: 200 });
    const found = all.find((r) => {
      const figure = engineRefund(r);
      const offered = resolutionsFor(r.kind, engineDecisionOf(r.decision) as Decision | null);
      return r.kind === "return" && !r.lines.some((l) => l.exchangeVariantId) && figure && figure.amountMinor > 0 && figure.currency === r.currency && offered.includes("refund");
    });
    if (!found) throw new Error("the demo has no new return with a refund");
    return found;
  }

  const refundsOf = (request: RequestRecord) => demo.standin.engine.store(shop).refunds.filter((r) => r.orderId === request.orderId);

  it("GIVEN a shopper's new return WHEN staff open its order or type its number THEN they see it with the policy's decision per item and the engine's refund in the order's currency", { timeout: 60_000 }, async () => {
    const request = await newReturn();
    const { returns } = counterFor("1");
    const onOrder = await returns.forOrder(shop, request.orderId);
    expect(onOrder.ok).toBe(true);
    const listed = onOrder.ok ? onOrder.value.requests.find((r) => r.id === request.id) : undefined;
    const figure = engineRefund(request)!;
    expect(listed).toMatchObject({ reference: `R-${request.number}`, status: "requested", receivable: true, settleable: false, refund: formatMoneyIn(figure.amountMinor, figure.currency, "en-GB") });
    expect(listed?.methods).toContain("refund");
    const decision = engineDecisionOf(request.decision) as Decision;
    expect(listed?.lines.map((l) => l.eligible)).toEqual(request.lines.map((l) => decision.lines.find((d) => d.lineId === l.lineItemId)?.eligible ?? null));
    expect(listed?.lines.every((l) => l.eligible === null || l.why.length > 0)).toBe(true);
    expect(onOrder.ok && onOrder.value.requests.every((r) => r.kind !== "service" && ["requested", "approved", "received", "inspected"].includes(r.status))).toBe(true);

    expect(await returns.byReference(shop, `r${request.number}`)).toEqual({ ok: true, value: listed });
    expect(await returns.byReference(OTHER_SHOP, `R-${request.number}`)).toMatchObject({ ok: false, status: 404 });
    expect(await returns.forOrder(OTHER_SHOP, request.orderId)).toEqual({ ok: true, value: { requests: [] } });
    if (request.customerId) {
      const ofCustomer = await returns.forCustomer(shop, request.customerId);
      expect(ofCustomer.ok && ofCustomer.value.requests.find((r) => r.id === request.id)).toEqual(listed);
      expect(await returns.forCustomer(OTHER_SHOP, request.customerId)).toEqual({ ok: true, value: { requests: [] } });
    }
    expect(await returns.byReference(shop, "ring")).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(/reads like R-12/) });
    expect(await returns.byReference(shop, "R-987654321")).toMatchObject({ ok: false, status: 404 });
  });

  it("GIVEN a new return at the counter WHEN staff mark it received and settle it by refund, tapping twice THEN it is approved, received and refunded once for the engine's figure, and a stale screen or bad input changes nothing", { timeout: 90_000 }, async () => {
    const request = await newReturn();
    const figure = engineRefund(request)!;
    const before = refundsOf(request).length;
    const { returns, requests, desk } = counterFor("1");

    expect(await returns.receive(shop, request.id, { from: "shipped" })).toMatchObject({ ok: false, status: 400 });
    expect(await returns.settle(shop, request.id, { method: "cash" })).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(/Nothing was sent/) });
    expect(await returns.preview(shop, request.id, { method: "refund" })).toMatchObject({ ok: false, status: 409 });
    expect(await returns.receive(OTHER_SHOP, request.id, { from: "requested" })).toMatchObject({ ok: false, status: 404 });
    expect((await requests.find(shop, request.id))?.status).toBe("requested");

    const received = await returns.receive(shop, request.id, { from: "requested" });
    expect(received).toMatchObject({ ok: true, value: { status: "received", receivable: false, settleable: true } });
    const events = await desk.timeline(shop, request.id);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["approved", "received"]));

    // A colleague's tablet still showing it new: refused with who received it; nothing changes.
    const stale = await counterFor("2").returns.receive(shop, request.id, { from: "requested" });
    expect(stale).toMatchObject({ ok: false, status: 409, message: expect.stringMatching(/Staff 1/) });
    expect((await desk.timeline(shop, request.id)).length).toBe(events.length);

    const preview = await returns.preview(shop, request.id, { method: "refund" });
    expect(preview).toMatchObject({ ok: true, value: { method: "refund", formatted: formatMoneyIn(figure.amountMinor, figure.currency, "en-GB"), how: "Refund to the original payment" } });

    // Two taps on "Send" at once (or a tap and a retry after a lost answer): one refund.
    const taps = await Promise.all([returns.settle(shop, request.id, { method: "refund" }), counterFor("2").returns.settle(shop, request.id, { method: "refund" })]);
    expect(taps.some((t) => t.ok)).toBe(true);
    for (const tap of taps) if (!tap.ok) expect(tap.status).toBe(409);
    const again = await returns.settle(shop, request.id, { method: "refund" });
    expect(again.ok || again.status === 409).toBe(true);
    const made = refundsOf(request).slice(before);
    expect(made).toHaveLength(1);
    const after = (await requests.find(shop, request.id))!;
    expect(after.resolution).toBe("refund");
    expect(["resolved", "closed"]).toContain(after.status);
    const money = (await desk.timeline(shop, request.id)).filter((e) => e.type === "refunded");
    expect(money).toHaveLength(1);
    expect(money[0].amountMinor).toBe(figure.amountMinor);
    expect(await database.db.operation.count({ where: { shop, requestId: request.id } })).toBe(1);
    // Settled: no longer open on the order's screen.
    const onOrder = await returns.forOrder(shop, request.orderId);
    expect(onOrder.ok && onOrder.value.requests.some((r) => r.id === request.id)).toBe(false);
  });
  it("GIVEN a new return the policy settles with store credit WHEN staff settle it at the counter with store credit THEN Shopify records one refund to store credit of the engine's figure", { timeout: 90_000 }, async () => {
    const { requests } = counterFor("0");
    const all = await requests.list(shop, { status: ["requested"], take: 200 });
    const found = all.find((r) => {
      const figure = engineRefund(r);
      return r.kind === "return" && r.customerId && !r.lines.some((l) => l.exchangeVariantId) && figure && figure.amountMinor > 0 && figure.currency === r.currency && (engineDecisionOf(r.decision) as Decision).lines.some((l) => l.eligible);
    });
    if (!found) throw new Error("the demo has no new return with a customer and a refund");
    // The demo's preset refunds; the policy under test also credits: its decision offers store
    // credit on each accepted line (the desk, and so the counter, offers only what it lists).
    const decision = engineDecisionOf(found.decision) as Decision;
    const lines = decision.lines.map((l) => (l.eligible && !l.resolutions.includes("store_credit") ? { ...l, resolutions: [...l.resolutions, "store_credit"] } : l));
    expect(await requests.recordDecision(shop, found.id, { ...decision, lines }, null)).toBe(true);
    const request = (await requests.find(shop, found.id))!;
    const figure = engineRefund(request)!;
    const before = refundsOf(request).length;
    const { returns, desk } = counterFor("3");
    expect(await returns.receive(shop, request.id, { from: "requested" })).toMatchObject({ ok: true, value: { settleable: true, methods: expect.arrayContaining(["store_credit"]) } });
    const preview = await returns.preview(shop, request.id, { method: "store_credit" });
    expect(preview).toMatchObject({ ok: true, value: { method: "store_credit", formatted: formatMoneyIn(figure.amountMinor, figure.currency, "en-GB"), how: expect.stringMatching(/^Store credit/) } });
    expect(await returns.settle(shop, request.id, { method: "store_credit" })).toMatchObject({ ok: true });
    expect(refundsOf(request).slice(before)).toHaveLength(1);
    const credited = (await desk.timeline(shop, request.id)).filter((e) => e.type === "credited");
    expect(credited).toHaveLength(1);
    expect(credited[0].amountMinor).toBe(figure.amountMinor);
  });
  it("GIVEN a refund sent at the counter whose answer was lost (the resolution held) WHEN a fresh screen finds the return THEN it offers only to carry on with that refund, and carrying on pays once", { timeout: 90_000 }, async () => {
    const request = await newReturn();
    const before = refundsOf(request).length;
    const { returns, operations } = { ...counterFor("4"), operations: deskFor("4").operations };
    expect(await returns.receive(shop, request.id, { from: "requested" })).toMatchObject({ ok: true });
    // The first tap held the resolution, then its answer never came back.
    expect(await operations.holdResolution(shop, request.id, "refund")).toMatchObject({ held: true });
    const found = await returns.byReference(shop, `R-${request.number}`);
    expect(found).toMatchObject({ ok: true, value: { status: "received", settleable: true, methods: ["refund"] } });
    expect(await returns.settle(shop, request.id, { method: "store_credit" })).toMatchObject({ ok: false, status: 409 });
    expect(await returns.settle(shop, request.id, { method: "refund" })).toMatchObject({ ok: true });
    expect(await returns.settle(shop, request.id, { method: "refund" })).toMatchObject({ ok: false, status: 409 });
    expect(refundsOf(request).slice(before)).toHaveLength(1);
  });
});
