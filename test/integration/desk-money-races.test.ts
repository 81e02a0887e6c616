import { beforeAll, describe, expect, it } from "vitest";

import { createDesk, engineRefund } from "../../app/desk/actions.server";
import { formatMinorUnits } from "../../app/domain/money";
import { operationKey, reconcileShop } from "../../app/jobs/money.server";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createOperationRepository, type OperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository, type RequestRecord } from "../../app/repositories/requests.server";
import { runJob, type JobDeps } from "../../app/jobs/worker.server";
import { createExportRepository } from "../../app/repositories/exports.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { fetchSuggestedRefund, processReturn } from "../../app/shopify/money.server";
import { fetchReturn } from "../../app/shopify/returns.server";
import type { RunningDemo } from "../../scripts/demo-standin";
import { testProviders, type TestDatabase } from "../support/databases";
import { DEMO_SHOP, useDemoDesk } from "../support/demo-desk";

/**
 * Issue 22 items 1 and 26: the desk's money against a colleague, a crash and a lost answer, on the
 * demo shop and both databases. Whatever happens, a request ends with one refund AND its money
 * entry on the timeline, or with no refund at all; and the merchant is told what really happened.
 */
const NOW = new Date("2026-11-20T10:00:00Z");
const shop = DEMO_SHOP;

class Crash extends Error {}

describe.each(testProviders())("money resolutions racing colleagues, crashes and lost answers (%s)", (provider) => {
  const { running, admin, deskFor } = useDemoDesk(provider, NOW);
  let database: TestDatabase;
  let demo: RunningDemo;
  const taken = new Set<string>();
  beforeAll(() => {
    ({ database, demo } = running);
  });

  /**
   * A request of this kind and status the engine gives money for, not used by another test here.
   * The demo's warranty claims carry no decision: one is given the refund Shopify suggests for its
   * items (a warranty that refunds a faulty piece, as the case did).
   */
  async function pick(kind: "return" | "warranty", status: "requested" | "approved" | "received" | "inspected"): Promise<RequestRecord> {
    const requests = createRequestRepository(database.db);
    const all = await requests.list(shop, { status: [status], take: 200 });
    const found = all.find((r) => r.kind === kind && !r.resolution && !taken.has(r.id) && !r.lines.some((l) => l.exchangeVariantId) && (kind === "warranty" || (engineRefund(r)?.amountMinor ?? 0) > 0));
    if (!found) throw new Error(`no ${status} ${kind} with money`);
    taken.add(found.id);
    if (engineRefund(found)) return found;
    const suggested = await fetchSuggestedRefund(admin(), found.orderId, found.lines.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity })));
    const minor = suggested.lines.reduce((sum, l) => sum + l.subtotalMinor, 0);
    const total = formatMinorUnits(minor, suggested.currency);
    expect(await requests.recordDecision(shop, found.id, { refund: { total, items: total, currency: suggested.currency, method: "original_payment", storeCreditExpiresOn: null }, lines: [] }, null)).toBe(true);
    return (await requests.find(shop, found.id))!;
  }

  /** The desk as staff member `staffId` works it, over operations changed by `wrap`. */
  function deskWith(staffId: string, wrap: (operations: OperationRepository) => OperationRepository) {
    const requests = createRequestRepository(running.database.db);
    const desk = createDeskRepository(running.database.db);
    const operations = wrap(createOperationRepository(running.database.db));
    return createDesk({ requests, desk, operations, admin: admin(), staff: { id: staffId, name: `Staff ${staffId}` }, timezone: "Europe/London", locale: "en-GB", now: () => new Date() });
  }

  const refundsOf = (request: RequestRecord) => demo.standin.engine.store(shop).refunds.filter((r) => r.orderId === request.orderId);
  const reconcile = () => reconcileShop(admin(), { operations: createOperationRepository(database.db), reconcileGraceMs: -1_000 }, shop);

  /** One refund and its money entry on the timeline (and the request resolved by it), or no refund and no entry. */
  async function expectOneRefundRecordedOrNone(request: RequestRecord, before: number) {
    const { requests, desk } = deskFor("0");
    const made = refundsOf(request).length - before;
    const timeline = await desk.timeline(shop, request.id);
    const money = timeline.filter((e) => e.type === "refunded" || e.type === "credited");
    const after = (await requests.find(shop, request.id))!;
    if (made === 0) {
      expect(money).toEqual([]);
    } else {
      expect(made).toBe(1);
      expect(money).toHaveLength(1);
      expect(money[0].amountMinor).toBe(engineRefund(request)!.amountMinor);
      expect(after.resolution).toBe(money[0].type === "refunded" ? "refund" : "store_credit");
      expect(["resolved", "closed"]).toContain(after.status);
      // The shopper's status page shows it too.
      expect((await requests.events(shop, request.id)).map((e) => e.type)).toContain(money[0].type);
    }
    return { made, after, timeline };
  }

  async function until(check: () => Promise<boolean>) {
    for (let i = 0; i < 400; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error("timed out waiting");
  }

  it("GIVEN staff A refunds an inspected warranty claim WHEN staff B resolves it as a repair while A's refundCreate is in flight THEN B is refused, and the one refund is recorded on the timeline and resolves the request", async () => {
    const request = await pick("warranty", "inspected");
    const before = refundsOf(request).length;
    const { operations } = deskFor("0");
    demo.standin.faults.next(1, { kind: "slow", ms: 600 }, "graphql", "RefundCreate");
    const a = deskFor("101").actions.resolve(shop, request.id, { method: "refund" });
    await until(async () => (await operations.find(shop, operationKey(request.id, "resolve")))?.status === "sent");
    const b = await deskFor("202").actions.resolve(shop, request.id, { method: "repair" });
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.message).toMatch(/being resolved by refund to original payment right now/i);
    const first = await a;
    expect(first).toMatchObject({ ok: true });
    const { made, after } = await expectOneRefundRecordedOrNone(request, before);
    expect(made).toBe(1);
    expect(after.resolution).toBe("refund");
  });

  it("GIVEN staff A's refund is recorded but the process dies before sending it WHEN staff B resolves the claim as a repair and the reconciler runs THEN B is refused and the reconciler sends the one refund, records it and resolves the request", async () => {
    const request = await pick("warranty", "requested");
    const walk = deskFor("1").actions;
    expect((await walk.approve(shop, request.id)).ok).toBe(true);
    expect((await walk.receive(shop, request.id)).ok).toBe(true);
    const before = refundsOf(request).length;
    const crashing = deskWith("101", (ops) => ({ ...ops, claimSend: async () => {
      throw new Crash("worker killed before the call");
    } }));
    const a = await crashing.resolve(shop, request.id, { method: "refund" });
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.message).toMatch(/Not sent yet.*sent once, automatically/);
    const b = await deskFor("202").actions.resolve(shop, request.id, { method: "repair" });
    expect(b.ok).toBe(false);
    for (let i = 0; i < 2; i++) await reconcile();
    const { made, after, timeline } = await expectOneRefundRecordedOrNone(request, before);
    expect(made).toBe(1);
    expect(after.resolution).toBe("refund");
    expect(timeline.filter((e) => e.type === "refunded")[0].actor).toBe("system");
  });

  it("GIVEN the refund went out but recording its result failed (a database blip) WHEN the desk answers THEN it says the outcome is not confirmed yet and will be checked, a colleague's store credit is refused, and once the reconciler confirms it the request is resolved with its money entry", async () => {
    const request = await pick("return", "received");
    const before = refundsOf(request).length;
    let blips = 1;
    const blipping = deskWith("101", (ops) => ({ ...ops, markSucceeded: async (...args: Parameters<OperationRepository["markSucceeded"]>) => {
      if (blips-- > 0) throw new Error("Connection terminated unexpectedly");
      return ops.markSucceeded(...args);
    } }));
    const a = await blipping.resolve(shop, request.id, { method: "refund" });
    expect(a.ok).toBe(false);
    if (!a.ok) {
      expect(a.message).not.toMatch(/Nothing changed/i);
      expect(a.message).toMatch(/not confirmed yet.*checked with Shopify automatically/);
    }
    expect(refundsOf(request).length - before).toBe(1);
    const b = await deskFor("202").actions.resolve(shop, request.id, { method: "store_credit" });
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.message).toMatch(/no money was moved by this click/);
    for (let i = 0; i < 2; i++) await reconcile();
    const { made, after } = await expectOneRefundRecordedOrNone(request, before);
    expect(made).toBe(1);
    expect(after.resolution).toBe("refund");
    const late = await deskFor("303").actions.resolve(shop, request.id, { method: "refund" });
    expect(late.ok).toBe(false);
    expect(refundsOf(request).length - before).toBe(1);
  });

  it("GIVEN a refund Shopify confirmed after the desk's click ended (the record succeeded, the request not resolved) WHEN staff click refund again THEN nothing more is sent and the request records the resolution and its money entry", async () => {
    const request = await pick("return", "received");
    const before = refundsOf(request).length;
    let blips = 1;
    const blipping = deskWith("101", (ops) => ({ ...ops, markSucceeded: async (...args: Parameters<OperationRepository["markSucceeded"]>) => {
      if (blips-- > 0) throw new Error("Connection terminated unexpectedly");
      return ops.markSucceeded(...args);
    } }));
    expect((await blipping.resolve(shop, request.id, { method: "refund" })).ok).toBe(false);
    // What a reconciler that only finishes the record leaves behind.
    const key = operationKey(request.id, "resolve");
    await createOperationRepository(database.db).markSucceeded(shop, key, refundsOf(request).at(-1)!.id, new Date());
    expect((await deskFor("0").requests.find(shop, request.id))?.status).toBe("received");
    // Two clicks at once: each finds the confirmed money; it is recorded once.
    const clicks = await Promise.all([deskFor("101").actions.resolve(shop, request.id, { method: "refund" }), deskFor("202").actions.resolve(shop, request.id, { method: "refund" })]);
    const again = clicks.find((c) => c.ok) ?? clicks[0];
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.message).toMatch(/already went out.*Nothing more was sent/);
    const { made, after } = await expectOneRefundRecordedOrNone(request, before);
    expect(made).toBe(1);
    expect(after.resolution).toBe("refund");
  });

  it("GIVEN staff A's refund of a return is recorded but the process dies before sending it WHEN the merchant processes the return in Shopify admin (returns/process) and the reconciler runs THEN nothing more is sent and the desk's hold is given back", async () => {
    const request = await pick("return", "approved");
    expect((await deskFor("1").actions.receive(shop, request.id)).ok).toBe(true);
    const before = refundsOf(request).length;
    const crashing = deskWith("101", (ops) => ({ ...ops, claimSend: async () => {
      throw new Crash("worker killed before the call");
    } }));
    expect((await crashing.resolve(shop, request.id, { method: "refund" })).ok).toBe(false);
    // Shopify admin processes the return with its own refund; its webhook reaches the worker.
    const state = await fetchReturn(admin(), request.shopifyReturnId!);
    await processReturn(admin(), { returnId: state.id, orderId: request.orderId, currency: request.currency, note: "Processed in Shopify admin", lines: state.lines.map((l) => ({ returnLineItemId: l.id, quantity: l.quantity })), toPaymentMinor: engineRefund(request)!.amountMinor, storeCreditMinor: 0, storeCreditExpiresAt: null, shippingMinor: 0, notify: false }, async () => null);
    const operations = createOperationRepository(database.db);
    const jobs: JobDeps = { requests: createRequestRepository(database.db), operations, jobs: createJobRepository(database.db, provider), dataExports: createExportRepository(database.db), adminFor: async () => admin() };
    await runJob(jobs, { id: "returns-process", shop, kind: "webhook", payload: { topic: "returns/process", eventId: `process-${request.id}`, data: { returnId: state.id } }, runAt: new Date(), attempts: 0, maxAttempts: 5, lockedBy: null, lastError: null, done: false });
    expect((await createRequestRepository(database.db).find(shop, request.id))?.status).toBe("resolved");
    for (let i = 0; i < 2; i++) await reconcile();
    const row = (await operations.find(shop, operationKey(request.id, "resolve")))!;
    expect(row).toMatchObject({ status: "failed", attempts: 0 });
    expect(row.lastError).toMatch(/not sent: the request was resolved meanwhile/);
    expect(refundsOf(request).length - before).toBe(1); // Shopify admin's own
    expect((await createRequestRepository(database.db).find(shop, request.id))?.resolution).toBeNull();
  });

  it("GIVEN two staff members confirming a refund and a store credit for the same return at once THEN one of them moves money, once, and it is on the timeline", async () => {
    const request = await pick("return", "received");
    const before = refundsOf(request).length;
    const results = await Promise.all([deskFor("101").actions.resolve(shop, request.id, { method: "refund" }), deskFor("202").actions.resolve(shop, request.id, { method: "store_credit" })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const { made } = await expectOneRefundRecordedOrNone(request, before);
    expect(made).toBe(1);
  });
});
