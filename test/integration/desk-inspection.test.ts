import { beforeAll, describe, expect, it } from "vitest";

import { createDesk } from "../../app/desk/actions.server";
import { asDescribed } from "../../app/desk/inspection";
import { resolutionsFor } from "../../app/desk/machine";
import type { Finding } from "../../app/desk/schemas";
import { detailView } from "../../app/desk/views.server";
import { decide, presetPolicy, scenarioSchema, type Decision, type PresetName } from "../../app/domain";
import { createDeskRepository } from "../../app/repositories/desk.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository, engineDecisionOf, type RequestRecord } from "../../app/repositories/requests.server";
import { fetchOrderForDecision } from "../../app/shopify/orders.server";
import { fetchReturnableLines, requestReturn } from "../../app/shopify/returns.server";
import type { RunningDemo } from "../../scripts/demo-standin";
import { testProviders, type TestDatabase } from "../support/databases";
import { DEMO_SHOP, useDemoDesk } from "../support/demo-desk";

/**
 * The desk uses the engine's answer at receipt (issue 24; issue 22 items 19 and 20), on each
 * preset, against the demo shop on the stand-in: the resolutions offered are the policy's, in its
 * order and nothing else; an inspection that contradicts the shopper is decided again by the
 * engine, both decisions are shown side by side, a refused item is marked to be sent back, and the
 * request can then be declined after receipt with the policy's words.
 */
const NOW = new Date("2026-11-20T10:00:00Z");
const ASKED = new Date(NOW.getTime() - 3_600_000);
const AS_NEW = { used: false, worn: false, tagsAttached: true, originalPackaging: true, packagingOpened: false };
const WORN = { used: true, worn: true, tagsAttached: false, originalPackaging: false, packagingOpened: true, soiled: false, damaged: false };

type Ask = { kind: "return" | "warranty" | "service"; service?: "crystal_replacement" | "repair_by_merchant" | null; reason: string; cause?: string | null; exchange?: boolean };

describe.each(testProviders())("the desk at receipt, on each preset (%s)", (provider) => {
  const { running, admin } = useDemoDesk(provider, NOW);
  const shop = DEMO_SHOP;
  let database: TestDatabase;
  let demo: RunningDemo;
  const used = new Set<string>();
  beforeAll(() => {
    ({ database, demo } = running);
  });

  function deskOn(preset: PresetName, staff = "31") {
    const requests = createRequestRepository(database.db);
    const desk = createDeskRepository(database.db);
    const operations = createOperationRepository(database.db);
    const actions = createDesk({ requests, desk, operations, admin: admin(), staff: { id: staff, name: `Staff ${staff}` }, timezone: "Europe/London", locale: "en-GB", policyOf: async () => presetPolicy(preset) });
    return { requests, desk, operations, actions };
  }

  /** Another variant of the line's product at the same price and in stock (a ring's other size). */
  function siblingOf(lineItemId: string): { id: string; title: string } | null {
    const store = demo.standin.engine.store(shop);
    const bought = store.find(store.find(lineItemId, "LineItem")?.variantId, "ProductVariant");
    const product = store.find(bought?.productId, "Product");
    const sibling = product?.variantIds.map((id) => store.find(id, "ProductVariant")).find((v) => v && v.id !== bought?.id && v.price === bought?.price && v.availableForSale && v.inventoryQuantity >= 2);
    return sibling ? { id: sibling.id, title: sibling.title } : null;
  }

  /**
   * A request as the shopper would have made it under `preset`: a delivered line of an order
   * nobody has asked about yet that the engine accepts on the shopper's word, stored with that
   * decision, with a Shopify return for items that travel.
   */
  async function asked(preset: PresetName, ask: Ask): Promise<{ request: RequestRecord; shopper: Decision }> {
    const policy = presetPolicy(preset);
    const store = demo.standin.engine.store(shop);
    const candidates = store.orders.filter((o) => o.customerId && !o.cancelledAt && o.returnIds.length === 0 && o.refundIds.length === 0 && o.fulfillments[0]?.deliveredAt && !used.has(o.id));
    for (const order of candidates.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))) {
      const returnable = (await fetchReturnableLines(admin(), order.id)).filter((l) => l.quantity > 0);
      if (!returnable.length) continue;
      const read = await fetchOrderForDecision(admin(), order.id);
      for (const target of returnable) {
        const line = read.order.lines.find((l) => l.id === target.lineItemId);
        if (!line) continue;
        const swap = ask.exchange ? siblingOf(line.id) : null;
        if (ask.exchange && !swap) continue;
        const scenario = scenarioSchema.parse({
          id: `inspection-${order.name}`,
          policy,
          now: ASKED.toISOString(),
          shop: read.shop,
          order: read.order,
          request: {
            kind: ask.kind,
            service: ask.service ?? null,
            preferredResolution: ask.exchange ? "exchange" : null,
            lines: [{ lineId: line.id, quantity: 1, reason: ask.reason, cause: ask.cause ?? null, condition: AS_NEW }],
            proofOfPurchase: true,
            photos: 1,
            liabilityAccepted: true,
          },
        });
        const shopper = decide(policy, scenario);
        if (!shopper.lines.every((l) => l.eligible)) continue;
        if (ask.exchange && !shopper.lines.every((l) => l.resolutions.includes("exchange"))) continue;
        used.add(order.id);
        const { requests } = deskOn(preset);
        const { request } = await requests.submit(
          shop,
          `inspection-${provider}-${order.id}`,
          {
            orderId: order.id,
            orderName: read.orderName,
            customerId: read.customer?.id ?? null,
            customerEmail: read.customer?.email ?? null,
            customerName: read.customer?.name ?? null,
            kind: ask.kind,
            service: ask.service ?? null,
            currency: read.currency,
            decision: { engine: shopper, preview: null },
            preferredResolution: ask.exchange ? "exchange" : null,
            channel: "storefront",
            lines: [{ lineItemId: line.id, fulfillmentLineItemId: target.fulfillmentLineItemId, title: line.title, quantity: 1, reason: ask.reason, cause: ask.cause ?? null, condition: AS_NEW, photos: ["p-1"], exchangeVariantId: swap?.id ?? null, exchangeVariantTitle: swap?.title ?? null }],
          },
          { type: "requested", actor: "shopper", at: ASKED },
        );
        if (ask.kind !== "service") {
          const ret = await requestReturn(admin(), order.id, [{ fulfillmentLineItemId: target.fulfillmentLineItemId, quantity: 1, reason: ask.reason }]);
          await requests.linkReturn(shop, request.id, ret.id);
        }
        await database.db.aftercareRequest.updateMany({ where: { shop, id: request.id }, data: { createdAt: ASKED } });
        return { request: (await requests.find(shop, request.id))!, shopper };
      }
    }
    throw new Error(`no order in the demo the ${preset} policy accepts a ${ask.kind} ${ask.service ?? ""} ${ask.reason} on`);
  }

  async function received(preset: PresetName, ask: Ask) {
    const made = await asked(preset, ask);
    const { actions, requests } = deskOn(preset);
    expect(await actions.approve(shop, made.request.id)).toMatchObject({ ok: true });
    expect(await actions.receive(shop, made.request.id)).toMatchObject({ ok: true });
    return { ...made, request: (await requests.find(shop, made.request.id))! };
  }

  function found(request: RequestRecord, finding: Partial<Finding>): Finding[] {
    return asDescribed(request.lines).map((f) => ({ ...f, ...finding, lineId: f.lineId }));
  }

  async function view(preset: PresetName, id: string) {
    const { requests, desk, operations } = deskOn(preset);
    return detailView({ requests, desk, operations }, shop, (await requests.find(shop, id))!, "en-GB");
  }

  // ---------------------------------------------------------------- item 19: the policy's resolutions

  it.each([
    ["uk-jeweller", { kind: "return", reason: "defective" }, ["refund", "repair", "replacement"]],
    ["fine-jewellery", { kind: "return", reason: "defective" }, ["refund", "repair", "replacement"]],
    ["gulf-boutique", { kind: "return", reason: "changed_mind" }, ["store_credit"]],
    ["crystal-accessories", { kind: "service", service: "repair_by_merchant", reason: "other" }, ["repair"]],
    ["crystal-accessories", { kind: "service", service: "crystal_replacement", reason: "loose_crystal" }, ["parts"]],
  ] as [PresetName, Ask, string[]][])("GIVEN a %s request (%j) THEN the desk offers what the policy's decision lists, in its order, and refuses anything else", async (preset, ask, expected) => {
    const { request } = await received(preset, ask);
    const page = await view(preset, request.id);
    expect(page.resolutions).toEqual(expected);
    const { actions, requests } = deskOn(preset);
    // Something the kind used to allow but this policy does not offer is refused, and nothing changes.
    const other = (["store_credit", "refund", "parts"] as const).find((m) => !expected.includes(m))!;
    const refused = await actions.resolve(shop, request.id, { method: other });
    expect(refused).toMatchObject({ ok: false, status: 422 });
    if (!refused.ok) expect(refused.message).toMatch(/^The policy's decision does not offer (a refund|store credit|parts) for this request; it offers /);
    expect((await requests.find(shop, request.id))?.resolution).toBeNull();
    // A resolution the policy offers that moves no money goes through.
    const work = expected.find((m) => m === "repair" || m === "replacement");
    if (work) {
      expect(await actions.resolve(shop, request.id, { method: work })).toMatchObject({ ok: true });
      expect((await requests.find(shop, request.id))?.resolution).toBe(work);
    }
  });

  it("GIVEN a uk-jeweller warranty claim whose shopper chose a piece of equal value THEN the desk offers exchange with repair and replacement, and exchanges it through Shopify", async () => {
    const { request } = await received("uk-jeweller", { kind: "warranty", reason: "defective", cause: "manufacturing", exchange: true });
    const page = await view("uk-jeweller", request.id);
    expect(page.resolutions).toEqual(["repair", "replacement", "exchange"]);
    expect(page.unavailable).toEqual({});
    const { actions, requests } = deskOn("uk-jeweller");
    const done = await actions.resolve(shop, request.id, { method: "exchange" });
    expect(done).toMatchObject({ ok: true });
    const after = (await requests.find(shop, request.id))!;
    expect(after.resolution).toBe("exchange");
    const ret = demo.standin.engine.store(shop).returns.find((r) => r.id === after.shopifyReturnId)!;
    expect((ret.exchangeLineItems ?? []).map((x) => x.variantId)).toEqual([request.lines[0].exchangeVariantId]);
  });

  it("GIVEN a uk-jeweller warranty claim with no piece chosen THEN exchange is listed as the policy offers it, but marked as not possible from the desk", async () => {
    const { request } = await received("uk-jeweller", { kind: "warranty", reason: "defective", cause: "manufacturing" });
    const page = await view("uk-jeweller", request.id);
    expect(page.resolutions).toEqual(["repair", "replacement", "exchange"]);
    expect(page.unavailable).toEqual({ exchange: "the shopper chose no piece in exchange" });
  });

  // ---------------------------------------------------------------- item 20: the inspection decides

  it.each([
    ["uk-jeweller", { kind: "return", reason: "changed_mind" }, { condition: WORN }, "condition_not_met"],
    ["fine-jewellery", { kind: "return", reason: "changed_mind" }, { condition: WORN }, "condition_not_met"],
    ["gulf-boutique", { kind: "return", reason: "changed_mind" }, { condition: WORN }, "condition_not_met"],
    // "Returns that are damaged or soiled may not be accepted and may be returned to you."
    ["gulf-boutique", { kind: "return", reason: "changed_mind" }, { condition: { ...AS_NEW, soiled: true, damaged: false } }, "condition_not_met"],
    ["crystal-accessories", { kind: "service", service: "repair_by_merchant", reason: "other" }, { cause: "misuse" }, "cause_not_covered"],
  ] as [PresetName, Ask, Partial<Finding>, string][])(
    "GIVEN a %s request the engine accepted on the shopper's word WHEN the inspection contradicts it THEN the engine decides again, both decisions show side by side, the item is marked to be sent back, and it is declined after receipt with the policy's words",
    async (preset, ask, finding, blocker) => {
      const { request, shopper } = await received(preset, ask);
      const { actions, requests, desk } = deskOn(preset, "41");
      const inspected = await actions.inspect(shop, request.id, { lines: found(request, finding), note: "Checked at the bench." });
      expect(inspected).toEqual({ ok: true, message: "Inspection recorded: on what was found, the policy refuses the request. Decline it with the policy's words, or quote a repair where the policy offers one." });

      const after = (await requests.find(shop, request.id))!;
      expect(after.status).toBe("inspected");
      const decided = engineDecisionOf(after.decision) as Decision;
      expect(decided.lines.map((l) => [l.eligible, l.blockers])).toEqual([[false, [blocker]]]);
      expect(after.lines.map((l) => l.sendBack)).toEqual([true]);
      // Nothing is owed on a refused item: the money ceiling follows the decision at receipt.
      expect(after.money.decidedMinor).toBe(0);

      const page = await view(preset, request.id);
      expect(page.resolutions).toEqual([]);
      expect(page.actions).toContain("decline");
      const words = decided.lines[0].explanation.filter((e) => e.outcome === "blocked").map((e) => e.text);
      expect(page.inspection).toMatchObject({
        by: "Staff 41",
        changed: true,
        refusedAll: true,
        declineWords: words.join(" "),
        lines: [{ id: request.lines[0].id, sendBack: true, shopper: { eligible: true, refusals: [] }, inspected: { eligible: false, refusals: words } }],
      });
      expect(page.inspection?.lines[0].shopper?.resolutions.length).toBe(shopper.lines[0].resolutions.length);
      // The team's timeline says what was found and what the policy made of it.
      const entry = (await desk.timeline(shop, request.id)).find((e) => e.type === "inspected")!;
      expect(entry.message).toContain(words[0]);
      expect(entry.staffName).toBe("Staff 41");

      // Nothing can be resolved against the policy's refusal.
      expect(await actions.resolve(shop, request.id, { method: shopper.lines[0].resolutions[0] === "service" ? "service" : (shopper.lines[0].resolutions[0] as "repair") })).toMatchObject({ ok: false, status: 422 });

      const declined = await actions.decline(shop, request.id, { reason: "OTHER", message: page.inspection!.declineWords.slice(0, 500) });
      expect(declined).toEqual({ ok: true, message: `Request declined after inspection. To send back to the shopper: ${request.lines[0].title}.` });
      const closed = (await requests.find(shop, request.id))!;
      expect(closed.status).toBe("declined");
      if (request.shopifyReturnId) {
        // The Shopify return is cancelled: the items are the shopper's again (fulfilled to them).
        expect(demo.standin.engine.store(shop).returns.find((r) => r.id === request.shopifyReturnId)?.status).toBe("CANCELED");
        expect(await requests.isReplacedReturn(shop, request.shopifyReturnId)).toBe(true);
      }
      const shopperSees = await requests.events(shop, request.id);
      expect(shopperSees.filter((e) => e.type === "declined").map((e) => e.message)).toEqual([`Declined after inspection: ${page.inspection!.declineWords.slice(0, 500)}`]);
    },
  );

  it.each([
    ["warranty", { kind: "warranty", reason: "defective", cause: "manufacturing" }],
    ["faulty return", { kind: "return", reason: "defective" }],
  ] as [string, Ask][])("GIVEN a uk-jeweller %s WHEN the inspection finds accidental damage THEN the policy refuses it, the item is marked to be sent back, and the desk offers to quote a paid repair, which it sends", async (_label, ask) => {
    const { request } = await received("uk-jeweller", ask);
    const { actions, requests, desk } = deskOn("uk-jeweller", "52");
    expect(await actions.inspect(shop, request.id, { lines: found(request, { cause: "accident" }) })).toMatchObject({ ok: true });
    const after = (await requests.find(shop, request.id))!;
    const decided = engineDecisionOf(after.decision) as Decision;
    expect(decided.lines.map((l) => [l.eligible, l.blockers, l.alternative, l.sendBack])).toEqual([[false, ["cause_not_covered"], { resolution: "repair", charge: "paid" }, true]]);
    expect(after.lines.map((l) => l.sendBack)).toEqual([true]);
    const page = await view("uk-jeweller", request.id);
    expect([page.quoteOffered, page.actions.includes("quote"), page.resolutions]).toEqual([true, true, []]);
    expect(page.inspection?.lines[0].alternative).toEqual({ resolution: "repair", charge: "paid" });
    const quoted = await actions.quote(shop, request.id, { amount: "65.00", description: "Re-set the stone and re-tip the claws (accidental damage)." });
    expect(quoted).toMatchObject({ ok: true });
    expect((await desk.currentQuote(shop, request.id))?.status).toBe("awaiting");
  });

  it("GIVEN a uk-jeweller faulty return found as described THEN no paid repair is quoted on a return the policy accepts", async () => {
    const { request } = await received("uk-jeweller", { kind: "return", reason: "defective" });
    const { actions } = deskOn("uk-jeweller");
    expect(await actions.inspect(shop, request.id, { lines: asDescribed(request.lines) })).toMatchObject({ ok: true });
    expect((await view("uk-jeweller", request.id)).quoteOffered).toBe(false);
    expect(await actions.quote(shop, request.id, { amount: "10.00", description: "x" })).toMatchObject({ ok: false, status: 422 });
  });

  it("GIVEN an inspection that confirms the shopper THEN the decision stands, nothing is sent back, and a decline after receipt is refused", async () => {
    const { request } = await received("uk-jeweller", { kind: "return", reason: "defective" });
    const { actions, requests } = deskOn("uk-jeweller");
    expect(await actions.inspect(shop, request.id, { lines: asDescribed(request.lines) })).toEqual({ ok: true, message: "Inspection recorded: the policy accepts the request on what was found." });
    const after = (await requests.find(shop, request.id))!;
    expect(after.lines.map((l) => l.sendBack)).toEqual([false]);
    expect(after.money.decidedMinor).toBe(request.money.decidedMinor);
    const page = await view("uk-jeweller", request.id);
    expect(page.inspection?.changed).toBe(false);
    expect(page.resolutions).toEqual(["refund", "repair", "replacement"]);
    const refused = await actions.decline(shop, request.id, { reason: "OTHER", message: "No." });
    expect(refused).toMatchObject({ ok: false, status: 422 });
    expect((await requests.find(shop, request.id))?.status).toBe("inspected");
  });

  it("GIVEN findings for another request's line, or none for one of its items THEN the inspection is refused and nothing changes", async () => {
    const { request } = await received("uk-jeweller", { kind: "return", reason: "changed_mind" });
    const { actions, requests, desk } = deskOn("uk-jeweller");
    const wrong = found(request, { condition: WORN }).map((f) => ({ ...f, lineId: "someone-elses-line" }));
    expect(await actions.inspect(shop, request.id, { lines: wrong })).toEqual({ ok: false, status: 422, message: "Record what was found on each item of this request, once each. Nothing changed." });
    const after = (await requests.find(shop, request.id))!;
    expect([after.status, after.lines[0].sendBack]).toEqual(["received", false]);
    expect(await desk.inspectionOf(shop, request.id)).toBeNull();
    // Another shop cannot read this shop's inspection.
    expect(await actions.inspect(shop, request.id, { lines: found(request, {}) })).toMatchObject({ ok: true });
    expect(await desk.inspectionOf("another-shop.myshopify.com", request.id)).toBeNull();
  });

  it("GIVEN two staff members recording an inspection at once THEN one is recorded and the other is told", async () => {
    const { request } = await received("gulf-boutique", { kind: "return", reason: "changed_mind" });
    const [a, b] = await Promise.all([deskOn("gulf-boutique", "1").actions.inspect(shop, request.id, { lines: found(request, { condition: WORN }) }), deskOn("gulf-boutique", "2").actions.inspect(shop, request.id, { lines: found(request, {}) })]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    const loser = [a, b].find((r) => !r.ok);
    expect(loser).toMatchObject({ ok: false, status: 409 });
    expect(await database.db.requestInspection.count({ where: { requestId: request.id } })).toBe(1);
  });
});

describe("resolutionsFor", () => {
  it("GIVEN a decision THEN every eligible line's common resolutions, in the first line's order; none when every line is refused", () => {
    const line = (eligible: boolean, resolutions: string[]) => ({ eligible, resolutions });
    expect(resolutionsFor("return", { lines: [line(true, ["refund", "repair", "replacement"]), line(true, ["replacement", "refund"])] })).toEqual(["refund", "replacement"]);
    expect(resolutionsFor("return", { lines: [line(false, []), line(true, ["store_credit"])] })).toEqual(["store_credit"]);
    expect(resolutionsFor("warranty", { lines: [line(false, [])] })).toEqual([]);
    expect(resolutionsFor("warranty", { lines: [line(false, [])] }, { acceptedQuote: true })).toEqual(["quote"]);
    expect(resolutionsFor("service", { lines: [line(true, ["service"])] })).toEqual(["service"]);
  });
});
