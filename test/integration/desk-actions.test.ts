import { beforeAll, describe, expect, it } from "vitest";

import { parseMinorUnits } from "../../app/domain/money";
import { fetchOrderRefunds } from "../../app/shopify/money.server";
import { allowedActions, isAllowed } from "../../app/desk/machine";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createRequestRepository, type RequestRecord } from "../../app/repositories/requests.server";
import type { RunningDemo } from "../../scripts/demo-standin";
import { testProviders, type TestDatabase } from "../support/databases";
import { DEMO_SHOP, useDemoDesk } from "../support/demo-desk";

/**
 * The desk's use-case module against the demo shop on the stand-in: the demo starts with requests
 * in every state that agree with the stand-in's returns, and the merchant's actions change exactly
 * one thing in Shopify however many times they are clicked.
 */
const NOW = new Date("2026-11-20T10:00:00Z");

describe("the state machine", () => {
  it("GIVEN each status THEN only the actions that make sense are offered", () => {
    // Cancelled at the desk only before the item is at the shop; after receipt it is resolved or declined.
    expect(allowedActions({ status: "requested" })).toEqual(["approve", "decline", "override", "note", "cancel"]);
    expect(allowedActions({ status: "approved" })).toEqual(["receive", "override", "note", "cancel"]);
    expect(allowedActions({ status: "received" })).toEqual(["inspect", "resolve", "quote", "note"]);
    // After inspection a request the policy refused on what was found can be declined.
    expect(allowedActions({ status: "inspected" })).toEqual(["decline", "resolve", "quote", "note"]);
    expect(isAllowed({ status: "resolved" }, "resolve")).toBe(false);
    expect(isAllowed({ status: "declined" }, "approve")).toBe(false);
  });
});

describe.each(testProviders())("the desk on the demo shop (%s)", (provider) => {
  const { running, admin, deskFor } = useDemoDesk(provider, NOW);
  const shop = DEMO_SHOP;
  let database: TestDatabase;
  let demo: RunningDemo;
  beforeAll(() => {
    ({ database, demo } = running);
  });

  it("GIVEN a fresh demo THEN the desk has requests in every state, each matching its Shopify return", async () => {
    const { requests } = deskFor("1");
    const all = await requests.list(shop, { take: 100 });
    const statuses = new Set(all.map((r) => r.status));
    // Refunded and credited returns were processed, which closes the Shopify return: "closed".
    for (const s of ["requested", "approved", "received", "inspected", "closed", "declined", "cancelled"]) expect(statuses, s).toContain(s);
    const store = demo.standin.engine.store(shop);
    const expected: Record<string, string> = { requested: "REQUESTED", approved: "OPEN", received: "OPEN", inspected: "OPEN", resolved: "CLOSED", closed: "CLOSED", declined: "DECLINED", cancelled: "CANCELED" };
    expect(new Set(all.map((r) => r.kind))).toEqual(new Set(["return", "warranty", "service"]));
    for (const r of all) {
      // Warranty claims and services come to the workshop without a Shopify return.
      if (r.kind !== "return") {
        expect(r.shopifyReturnId, `${r.orderName} ${r.kind}`).toBeNull();
        continue;
      }
      const ret = store.returns.find((x) => x.id === r.shopifyReturnId);
      expect(ret?.status, `${r.orderName} ${r.status}`).toBe(expected[r.status]);
    }
  });

  async function first(status: string): Promise<RequestRecord> {
    const all = await createRequestRepository(database.db).list(shop, { status: [status as never], take: 100 });
    const found = all.find((r) => !r.resolution);
    if (!found) throw new Error(`no ${status} request`);
    return found;
  }

  it("GIVEN a received return WHEN two staff members confirm its refund at once THEN Shopify refunds it once and the second is told why", async () => {
    const request = await first("received");
    const a = deskFor("101");
    const b = deskFor("202");
    const store = demo.standin.engine.store(shop);
    const refundsBefore = store.refunds.length;
    const [one, two] = await Promise.all([a.actions.resolve(shop, request.id, { method: "refund" }), b.actions.resolve(shop, request.id, { method: "refund" })]);
    const results = [one, two];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser?.ok).toBe(false);
    if (loser && !loser.ok) expect(loser.message).toMatch(/already resolved|being sent right now/);
    expect(store.refunds.length).toBe(refundsBefore + 1);
    const engine = (request.decision as { refund: { total: string; currency: string } }).refund;
    const ours = (await fetchOrderRefunds(admin(), request.orderId)).filter((r) => r.note?.includes(request.id));
    expect(ours).toHaveLength(1);
    expect(ours[0].totalMinor).toBe(parseMinorUnits(engine.total, engine.currency));
    expect(ours[0].totalMinor).toBeGreaterThan(0);
    const after = await a.requests.find(shop, request.id);
    expect(after?.status).toBe("closed"); // returnProcess closed the Shopify return
    expect(after?.resolution).toBe("refund");
    const timeline = await a.desk.timeline(shop, request.id);
    const money = timeline.filter((e) => e.type === "refunded");
    expect(money).toHaveLength(1);
    expect([money[0].amountMinor, money[0].currency, money[0].staffName, money[0].data.shopifyResultId]).toEqual([ours[0].totalMinor, engine.currency, expect.stringMatching(/^Staff (101|202)$/), ours[0].id]);
    // The shopper's status page sees the refund, not the team's internal entries.
    const shopperView = await a.requests.events(shop, request.id);
    expect(shopperView.map((e) => e.type)).toContain("refunded");
    expect(shopperView.some((e) => e.type === "note" || e.type === "failed")).toBe(false);
    // A third, later click is told what happened and moves nothing.
    const late = await b.actions.resolve(shop, request.id, { method: "refund" });
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.message).toMatch(/already resolved \(refund to original payment\) by Staff (101|202) at/);
    expect(store.refunds.length).toBe(refundsBefore + 1);
  });

  it("GIVEN a new request WHEN approved twice at once THEN Shopify approves it once and the loser hears who did", async () => {
    const request = await first("requested");
    const [one, two] = await Promise.all([deskFor("1").actions.approve(shop, request.id), deskFor("2").actions.approve(shop, request.id)]);
    expect([one, two].filter((r) => r.ok)).toHaveLength(1);
    const loser = [one, two].find((r) => !r.ok);
    if (loser && !loser.ok) expect(loser.message).toMatch(/already approved/);
    expect(demo.standin.engine.store(shop).returns.find((r) => r.id === request.shopifyReturnId)?.status).toBe("OPEN");
  });

  it("GIVEN an approved return WHEN two staff members cancel it at once THEN it is cancelled once, Shopify's return with it, and the timeline says who and why", async () => {
    const request = await first("approved");
    const store = demo.standin.engine.store(shop);
    const [one, two] = await Promise.all([deskFor("1").actions.cancel(shop, request.id, { reason: "The shopper phoned: they keep the ring." }), deskFor("2").actions.cancel(shop, request.id, { reason: "Asked twice." })]);
    expect([one, two].filter((r) => r.ok)).toEqual([{ ok: true, message: "Request cancelled. Shopify's return was cancelled." }]);
    const loser = [one, two].find((r) => !r.ok);
    if (loser && !loser.ok) expect(loser.message).toMatch(/already cancelled by Staff [12] at/);
    expect(store.returns.find((r) => r.id === request.shopifyReturnId)?.status).toBe("CANCELED");
    expect((await deskFor("1").requests.find(shop, request.id))?.status).toBe("cancelled");
    const cancelled = (await deskFor("1").desk.timeline(shop, request.id)).filter((e) => e.type === "cancelled");
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0].message).toMatch(/^Cancelled at the desk: (The shopper phoned: they keep the ring\.|Asked twice\.) Shopify's return was cancelled\.$/);
  });

  it("GIVEN Shopify's answer to the cancellation is lost WHEN the desk cancels THEN it reads the return back, finds it cancelled and does not send again", async () => {
    const request = await first("requested");
    // Carried out, then the connection drops before the answer (the client times out).
    demo.standin.faults.next(1, { kind: "lost" }, "graphql", "ReturnCancel");
    const served = demo.standin.faults.served.length;
    const result = await deskFor("1").actions.cancel(shop, request.id, { reason: "Duplicate of another request." });
    expect(demo.standin.faults.served.slice(served).map((f) => f.fault.kind)).toEqual(["lost"]);
    expect(result).toEqual({ ok: true, message: "Request cancelled. Shopify's return was cancelled." });
    expect(demo.standin.engine.store(shop).returns.find((r) => r.id === request.shopifyReturnId)?.status).toBe("CANCELED");
  });

  it("GIVEN Shopify refuses the cancellation WHEN the desk cancels THEN the request is as it was and the failure is on the timeline", async () => {
    const request = await first("requested");
    demo.standin.faults.next(1, { kind: "status", status: 403 }, "graphql", "ReturnCancel");
    const result = await deskFor("1").actions.cancel(shop, request.id, { reason: "Changed their mind." });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.status).toBe(502);
    expect((await deskFor("1").requests.find(shop, request.id))?.status).toBe("requested");
    expect(demo.standin.engine.store(shop).returns.find((r) => r.id === request.shopifyReturnId)?.status).toBe("REQUESTED");
    const timeline = await deskFor("1").desk.timeline(shop, request.id);
    expect(timeline.filter((e) => e.type === "cancelled")).toEqual([]);
    expect(timeline.filter((e) => e.type === "failed").map((e) => e.message)).toEqual([expect.stringMatching(/^Cancelling failed: /)]);
  });

  it("GIVEN a received request WHEN the desk cancels it THEN it is refused (the item is at the shop) and nothing changes", async () => {
    const request = await first("received");
    const result = await deskFor("1").actions.cancel(shop, request.id, { reason: "No longer wanted." });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.status).toBe(409);
    expect((await deskFor("1").requests.find(shop, request.id))?.status).toBe("received");
    expect(demo.standin.engine.store(shop).returns.find((r) => r.id === request.shopifyReturnId)?.status).toBe("OPEN");
  });

  it("GIVEN an override without a note THEN it is refused and nothing is recorded", async () => {
    const request = await first("requested");
    const { actions, desk } = deskFor("1");
    await expect(actions.override(shop, request.id, { lineId: request.lines[0].id, decision: "approve", note: " " })).rejects.toThrow(/needs a note/);
    expect((await desk.timeline(shop, request.id)).filter((e) => e.type === "override")).toHaveLength(0);
  });

  it("GIVEN the list WHEN paged with a cursor THEN pages do not overlap and filters narrow it", async () => {
    const { desk } = deskFor("1");
    const firstPage = await desk.list(shop, { take: 5 });
    expect(firstPage.rows).toHaveLength(5);
    expect(firstPage.nextCursor).toBeTruthy();
    const second = await desk.list(shop, { take: 5, after: firstPage.nextCursor });
    expect(second.rows.map((r) => r.id).filter((id) => firstPage.rows.some((x) => x.id === id))).toEqual([]);
    expect(second.rows[0].createdAt.getTime()).toBeLessThanOrEqual(firstPage.rows[4].createdAt.getTime());
    const declined = await desk.list(shop, { status: ["declined"] });
    expect(declined.rows.every((r) => r.status === "declined")).toBe(true);
    const byOrder = await desk.list(shop, { q: firstPage.rows[0].orderName.replace("#", "") });
    expect(byOrder.rows.map((r) => r.id)).toContain(firstPage.rows[0].id);
    const other = await createDeskRepository(database.db).list("another-shop.myshopify.com", {});
    expect(other.rows).toEqual([]);
  });
});
