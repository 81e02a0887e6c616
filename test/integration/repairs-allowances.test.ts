import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { presetPolicy, type Policy } from "../../app/domain";
import { createBench, type Staff } from "../../app/repairs/bench.server";
import { createRepairRepository } from "../../app/repositories/repairs.server";
import { createRequestRepository, engineDecisionOf } from "../../app/repositories/requests.server";
import { createRequestFlow } from "../../app/requests/flow.server";
import type { Viewer } from "../../app/schemas/requests";
import { adminClient } from "../../app/shopify/client.server";
import type { RunningStandin } from "../standin";
import { addCustomer, addPaidOrder, addProduct } from "../standin/sample-shop";
import { freshDatabase, testProviders, type TestDatabase } from "../support/databases";
import { gatewayStandin, libraryGraphql, SHOP } from "./gateway-standin";

/**
 * Issue 25's allowances on both databases (docs/decisions/023): free work under a service's
 * allowance is recorded when the worked piece is handed back, once under two clicks, so the next
 * request for the same item is decided on it (here the policy quotes a second resize as paid);
 * a cancelled ticket leaves the allowance free.
 */
const STAFF: Staff = { id: "21", name: "Noor Haddad" };
const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

/** The fine-jewellery preset, whose one free resize is followed by resizes quoted as paid work. */
const policy: Policy = (() => {
  const preset = presetPolicy("fine-jewellery");
  return { ...preset, services: preset.services.map((s) => (s.service === "resize" && s.allowance ? { ...s, allowance: { ...s.allowance, thereafter: "quoted" as const } } : s)) };
})();

describe.each(testProviders())("allowances used at the bench (%s)", (provider) => {
  let standin: RunningStandin;
  let database: TestDatabase;
  beforeAll(async () => {
    [standin, database] = await Promise.all([gatewayStandin(), freshDatabase(provider)]);
  });
  afterAll(async () => {
    await standin?.close();
    await database?.dispose();
  });

  const flow = () =>
    createRequestFlow({
      requests: createRequestRepository(database.db),
      policies: async () => ({ policy, versionId: "v-allowances" }),
      secret: "allowances-test-secret",
      photos: { exists: async () => false },
      orderLookups: { consume: async () => true },
    });
  const ctx = (viewer: Viewer) => ({ shop: SHOP, viewer, admin: adminClient(libraryGraphql(standin)) });
  const repairs = () => createRepairRepository(database.db);
  const bench = () => createBench({ repairs: repairs(), staff: STAFF, timezone: "Europe/London", country: "GB", locale: "en-GB", policy });

  /** An adjustable ring bought ten days ago, and its buyer. */
  function ringOrder() {
    const store = standin.store(SHOP);
    const customer = addCustomer(store);
    const ring = addProduct(store, { title: "Adjustable ring", price: 6_500, productType: "Rings" });
    const stamp = store.timestamp();
    ring.product.metafields.push({ __typename: "Metafield", id: store.nextId("Metafield"), namespace: "custom", key: "adjustable", type: "boolean", value: "true", createdAt: stamp, updatedAt: stamp, ownerType: "PRODUCT" } as never);
    const order = addPaidOrder(store, { customer, lines: [{ variant: ring.variant, quantity: 1 }], createdAt: days(10), deliveredAt: days(8) });
    return { order, lineId: order.lineItems[0].id, viewer: { type: "customer", customerId: customer.id } as Viewer };
  }

  /** The resize the shopper asks for, resolved by the desk and sent to the bench, taken in. */
  async function resizeAtBench(o: ReturnType<typeof ringOrder>, key: string) {
    const submitted = await flow().submit(ctx(o.viewer), { orderId: o.order.id, kind: "service", service: "resize", lines: [{ lineId: o.lineId, quantity: 1, reason: "other" }], idempotencyKey: key });
    await database.db.aftercareRequest.updateMany({ where: { shop: SHOP, id: submitted.requestId }, data: { status: "resolved", resolution: "service" } });
    const { ticket } = await repairs().open(SHOP, { requestId: submitted.requestId, origin: "service", work: "Resize", itemTitle: "Adjustable ring", currency: "GBP" }, { staffId: STAFF.id, staffName: STAFF.name, message: "Repair ticket {job} opened.", at: new Date() });
    expect(await bench().move(SHOP, ticket.id, { move: "intake", from: "awaiting_item", description: "Yellow metal adjustable ring, customer states 18ct gold.", condition: "Light wear.", termsAccepted: true })).toMatchObject({ ok: true });
    return ticket;
  }

  const resizeOf = async (o: ReturnType<typeof ringOrder>) => (await flow().orderView(ctx(o.viewer), o.order.id)).lines[0].entitlements.find((e) => e.service === "resize");

  it("GIVEN a free resize worked and collected (two clicks at once) THEN the use is recorded once, and a second resize on the same line is decided as paid work by quote", async () => {
    const o = ringOrder();
    expect(await resizeOf(o)).toMatchObject({ eligible: true, charge: "free", allowanceLeft: 1 });
    const ticket = await resizeAtBench(o, "allowance-first-resize-0001");
    for (const [move, from] of [["assess", "received"], ["start", "assessed"], ["finish", "at_bench"]] as const) {
      expect(await bench().move(SHOP, ticket.id, { move, from, ...(move === "assess" ? { findings: "Shank can go up two sizes." } : {}) })).toMatchObject({ ok: true });
    }
    // While the work is under way the allowance is held: a second request would be quoted.
    expect(await resizeOf(o)).toMatchObject({ eligible: true, charge: "paid", allowanceLeft: 0 });

    const clicks = await Promise.all([bench().move(SHOP, ticket.id, { move: "collect", from: "ready" }), bench().move(SHOP, ticket.id, { move: "collect", from: "ready" })]);
    expect(clicks.filter((c) => c.ok)).toEqual([{ ok: true, message: `${ticket.job} collected by the customer. Free work recorded against the allowance: "One free size adjustment per piece."` }]);
    expect(clicks.filter((c) => !c.ok)).toEqual([expect.objectContaining({ ok: false, status: 409 })]);
    expect((await repairs().find(SHOP, ticket.id))?.allowanceUse).toEqual({ key: "resize", at: expect.any(Date) });
    const events = await database.db.requestEvent.findMany({ where: { shop: SHOP, requestId: ticket.requestId, type: "repair" } });
    expect(events.filter((e) => e.message?.includes("recorded against the allowance"))).toHaveLength(1);

    const second = await resizeOf(o);
    expect(second).toMatchObject({ eligible: true, charge: "paid", allowanceLeft: 0 });
    const submitted = await flow().submit(ctx(o.viewer), { orderId: o.order.id, kind: "service", service: "resize", lines: [{ lineId: o.lineId, quantity: 1, reason: "other" }], idempotencyKey: "allowance-second-resize-0002" });
    const stored = await createRequestRepository(database.db).find(SHOP, submitted.requestId);
    const decision = engineDecisionOf(stored?.decision) as { lines: { charge: string; explanation: { rule: string; detail?: string }[] }[] };
    expect(decision.lines[0].charge).toBe("paid");
    expect(decision.lines[0].explanation.find((e) => e.rule === "services.resize.allowance.once")?.detail).toBe("used 1 of 1; further work is quoted");
  });

  it("GIVEN a free resize whose ticket is cancelled THEN nothing is recorded and the allowance is free for the next request", async () => {
    const o = ringOrder();
    const ticket = await resizeAtBench(o, "allowance-cancelled-resize-01");
    expect(await bench().move(SHOP, ticket.id, { move: "cancel", from: "received", reason: "The customer took the ring back before the work." })).toMatchObject({ ok: true });
    expect((await repairs().find(SHOP, ticket.id))?.allowanceUse).toBeNull();
    expect(await resizeOf(o)).toMatchObject({ eligible: true, charge: "free", allowanceLeft: 1 });
  });

  it("GIVEN the policy refuses a resize once the free one is used (the preset as published) THEN a second one after the collected ticket is refused with limit_reached", async () => {
    const o = ringOrder();
    const ticket = await resizeAtBench(o, "allowance-preset-resize-0001");
    const strict = createBench({ repairs: repairs(), staff: STAFF, timezone: "Europe/London", country: "GB", locale: "en-GB", policy: presetPolicy("fine-jewellery") });
    for (const [move, from] of [["assess", "received"], ["start", "assessed"], ["finish", "at_bench"], ["send_back", "ready"]] as const) {
      expect(await strict.move(SHOP, ticket.id, { move, from, ...(move === "assess" ? { findings: "Fine." } : {}) })).toMatchObject({ ok: true });
    }
    expect((await repairs().find(SHOP, ticket.id))?.allowanceUse).toMatchObject({ key: "resize" });
    const strictFlow = createRequestFlow({ requests: createRequestRepository(database.db), policies: async () => ({ policy: presetPolicy("fine-jewellery"), versionId: "v-preset" }), secret: "allowances-test-secret", photos: { exists: async () => false }, orderLookups: { consume: async () => true } });
    const view = await strictFlow.orderView(ctx(o.viewer), o.order.id);
    expect(view.lines[0].entitlements.find((e) => e.service === "resize")).toMatchObject({ eligible: false, blockers: ["limit_reached"] });
  });
});
