// The demo's after-sales desk: recent requests from the demo jeweller's shoppers in every state,
// made the way the app makes them — the engine decides each one on the Shopify order read through
// the gateway, a Shopify return is requested on the stand-in, and the desk's own actions (the same
// use-case module the admin uses) approve, receive, inspect, resolve or decline it — so what the
// desk shows and what the stand-in holds agree.
import { createDesk, type Staff } from "../app/desk/actions.server";
import { asDescribed } from "../app/desk/inspection";
import { resolutionsFor, type Resolution } from "../app/desk/machine";
import type { Database } from "../app/platform/db-client.server";
import { decide, scenarioSchema, type Decision, type Policy } from "../app/domain";
import { itemWithVariant } from "../app/domain/item-label";
import { createDeskRepository } from "../app/repositories/desk.server";
import { createRepairRepository } from "../app/repositories/repairs.server";
import type { RepairState } from "../app/repairs/machine";
import { seedBench } from "./demo-bench";
import { createOperationRepository } from "../app/repositories/operations.server";
import { createParcels } from "../app/parcels/parcel.server";
import { RequestFlowError } from "../app/requests/errors";
import { createParcelRepository } from "../app/repositories/parcels.server";
import { currencyOf } from "../app/domain/money";
import { createRequestRepository, engineDecisionOf } from "../app/repositories/requests.server";
import type { AdminGraphql } from "../app/shopify/client.server";
import { fetchOrderForDecision } from "../app/shopify/orders.server";
import {
  cancelReturn,
  fetchReturnableLines,
  requestReturn,
} from "../app/shopify/returns.server";
import type { OrderRec, ShopStore } from "../test/standin/store";

/** The Admin API of the stand-in as the offline token sees it. */
export function standinAdmin(
  origin: string,
  shop: string,
  accessToken: string
): AdminGraphql {
  return async (query, options) =>
    fetch(`${origin}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Shop-Domain": shop,
        "X-Shopify-Access-Token": accessToken,
      },
      body: JSON.stringify({ query, variables: options?.variables ?? {} }),
    });
}

type Target =
  | "requested"
  | "approved"
  | "received"
  | "inspected"
  | "refunded"
  | "credited"
  | "declined"
  | "cancelled";

/** The spread: most waiting on the team, some done, some declined. */
const SPREAD: {
  target: Target;
  reason: "changed_mind" | "defective" | "wrong_item";
  note: string | null;
  /** The shopper asked for another size of the same piece (an exchange candidate). */
  exchange?: boolean;
}[] = [
  {
    target: "requested",
    reason: "changed_mind",
    note: "It's lovely but not quite my style.",
  },
  {
    target: "requested",
    reason: "defective",
    note: "It arrived scratched.",
  },
  { target: "requested", reason: "changed_mind", note: null },
  {
    target: "requested",
    reason: "wrong_item",
    note: "I ordered the silver one and received gold.",
  },
  {
    target: "requested",
    reason: "changed_mind",
    note: "Bought as a gift, they already had one.",
  },
  { target: "approved", reason: "changed_mind", note: "Bigger than it looked in the photos." },
  {
    target: "approved",
    reason: "defective",
    note: "A stone came loose after two days.",
  },
  { target: "received", reason: "changed_mind", note: null },
  {
    target: "received",
    reason: "changed_mind",
    note: "Doesn't go with my other pieces.",
  },
  {
    target: "received",
    reason: "changed_mind",
    note: "Not as sparkly as the photos.",
  },
  {
    target: "received",
    reason: "changed_mind",
    note: "Too small on my finger: could I have the next size up?",
    exchange: true,
  },
  {
    target: "received",
    reason: "changed_mind",
    note: "A little loose; the smaller size would fit better.",
    exchange: true,
  },
  {
    target: "approved",
    reason: "changed_mind",
    note: "Wrong size, please swap it for a bigger one.",
    exchange: true,
  },
  { target: "inspected", reason: "defective", note: "It broke after a few days." },
  {
    target: "refunded",
    reason: "changed_mind",
    note: "Changed my mind, sorry!",
  },
  {
    // The uk-jeweller policy refunds a change of mind (or exchanges it): it offers no store credit.
    target: "refunded",
    reason: "changed_mind",
    note: "Would like something else instead.",
  },
  {
    target: "declined",
    reason: "changed_mind",
    note: "Worn once to a wedding, didn't suit me.",
  },
  {
    target: "cancelled",
    reason: "changed_mind",
    note: "Found the right size in store after all; please cancel.",
  },
];

/**
 * Warranty claims and services the workshop handles: the uk-jeweller policy offers no free
 * services, so those are logged by staff and charged by quote (the engine's decision says so).
 */
const CARE: {
  kind: "warranty" | "service";
  service: "resize" | "cleaning" | "crystal_replacement" | null;
  reason: "defective" | "loose_crystal" | "other";
  cause: "manufacturing" | "wear_and_tear" | null;
  target: "requested" | "approved" | "inspected" | "repaired" | "replaced" | "quoted" | "declined" | "cancelled";
  note: string;
  quote?: string;
}[] = [
  { kind: "warranty", service: null, reason: "defective", cause: "manufacturing", target: "requested", note: "A stone came loose from the setting after a month." },
  { kind: "warranty", service: null, reason: "defective", cause: "manufacturing", target: "inspected", note: "The clasp spring has gone weak." },
  { kind: "warranty", service: null, reason: "defective", cause: "manufacturing", target: "repaired", note: "One claw is lifting on the solitaire." },
  // The uk-jeweller warranty repairs, replaces or exchanges (it sends no loose parts).
  { kind: "warranty", service: null, reason: "loose_crystal", cause: "manufacturing", target: "replaced", note: "Two crystals fell out of the bracelet." },
  { kind: "service", service: "resize", reason: "other", cause: null, target: "requested", note: "Could the ring be made half a size bigger?" },
  { kind: "service", service: "resize", reason: "other", cause: null, target: "quoted", note: "Resize from N to P", quote: "45.00" },
  { kind: "service", service: "cleaning", reason: "other", cause: null, target: "quoted", note: "Deep clean and re-polish", quote: "25.00" },
  { kind: "service", service: "crystal_replacement", reason: "loose_crystal", cause: "wear_and_tear", target: "inspected", note: "A crystal is missing from the pendant." },
];

/**
 * The service's other states, on the first service the shop's policy offers: so a shop whose
 * policy takes no returns (crystals only, say) still has work in every state of the desk.
 */
const SERVICE_STATES: { target: "approved" | "repaired" | "declined" | "cancelled"; note: string }[] = [
  { target: "approved", note: "Posting it to you this week." },
  { target: "repaired", note: "Could you look at the clasp while it is with you?" },
  { target: "declined", note: "The piece was dropped on a tiled floor." },
  { target: "cancelled", note: "Sorted it at a local jeweller after all, thank you." },
];

export type DeskSeedSummary = {
  requests: number;
  byStatus: Record<string, number>;
  /** The repair bench's tickets by state (app/repairs). */
  bench: Record<RepairState, number>;
};

/** Tickets the demo's bench starts with: enough for every state, and a few more still owed. */
const BENCH_TICKETS = 16;
const BENCH_NOTES = [
  "The claw has lifted and the stone moves.",
  "The clasp no longer closes.",
  "A link opened on the chain.",
  "A crystal fell out of the halo.",
  "The bracelet's hinge is loose.",
  "The earring post bent.",
];

export async function seedDeskRequests(options: {
  db: Database;
  admin: AdminGraphql;
  store: ShopStore;
  shop: string;
  timezone: string;
  policy: Policy;
  now: Date;
  /** Orders left alone (the featured shopper's, which the storefront demo shows). */
  skipCustomerId: string;
}): Promise<DeskSeedSummary> {
  const { db, admin, store, shop, now } = options;
  const requests = createRequestRepository(db);
  const desk = createDeskRepository(db);
  const operations = createOperationRepository(db);
  const staff: Staff = { id: "demo-owner", name: "Eleanor Hart" };
  // The parcels shoppers sent back (app/parcels): no proof photos in the demo (none were taken).
  const parcels = createParcels({
    requests,
    parcels: createParcelRepository(db),
    operations,
    photos: { accept: async () => [], exists: async () => false, read: async () => null, remove: async () => undefined, sweepUnsubmitted: async () => 0 },
    policyOf: async () => options.policy,
    now: () => now,
  });
  const actions = createDesk({
    parcel: { postageMinor: (request) => parcels.repaidNow(admin, shop, request), attach: (s, id) => parcels.attach(admin, s, id) },
    requests,
    desk,
    operations,
    admin,
    staff,
    timezone: options.timezone,
    locale: "en-GB",
    policyOf: async () => options.policy,
    // Services and warranty claims resolved for the workshop get their repair tickets.
    repairs: createRepairRepository(db),
    now: () => now,
  });

  const candidates = store.orders
    .filter(
      (o) =>
        o.customerId &&
        o.customerId !== options.skipCustomerId &&
        !o.cancelledAt &&
        o.returnIds.length === 0 &&
        o.refundIds.length === 0
    )
    .filter((o) => {
      // Delivered one to six weeks ago: asked about within days of delivery, so the queue spans weeks.
      const delivered = o.fulfillments[0]?.deliveredAt;
      const age = delivered ? now.getTime() - Date.parse(delivered) : 0;
      return delivered && age > 8 * 86_400_000 && age < 42 * 86_400_000;
    })
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));

  const byStatus: Record<string, number> = {};
  let made = 0;
  let index = 0;
  /**
   * Resolves by what the policy's decision offers (the desk refuses anything else): the plan's
   * own way first, then whatever else this preset offers that needs no chosen piece or accepted
   * quote (parts only while the item's allowance lasts); left where it is when none can be done.
   */
  const resolveAsOffered = async (id: string, wanted: Resolution[], note: string | undefined) => {
    const current = await requests.find(shop, id);
    const offered = current ? resolutionsFor(current.kind, engineDecisionOf(current.decision) as Decision | null) : [];
    const order = [...wanted.filter((m) => offered.includes(m)), ...offered.filter((m) => !wanted.includes(m) && m !== "exchange" && m !== "quote")];
    for (const method of order) {
      const result = await actions.resolve(shop, id, { method, ...(note ? { note } : {}), ...(method === "parts" ? { parts: 1 } : {}) });
      if (result.ok) return;
    }
  };
  // Only what the shop's policy takes: change-of-mind returns, faulty returns, warranty claims.
  const offers = (reason: string) => (reason === "changed_mind" ? options.policy.returns.changeOfMind.enabled : options.policy.returns.faulty.enabled);
  for (const plan of SPREAD.filter((p) => offers(p.reason))) {
    let request: Awaited<ReturnType<typeof makeRequest>> = null;
    const from = index;
    while (!request && index < candidates.length)
      request = await makeRequest(
        candidates[index++],
        plan.reason,
        plan.note,
        plan.target !== "declined",
        plan.exchange ?? false
      );
    // No order fits this plan under the shop's policy (a preset that never refuses a return, say):
    // the next plan starts from the same orders.
    if (!request) {
      index = from;
      continue;
    }
    made += 1;
    const id = request.id;
    // Each request spends a believable time in the queue: older ones further along.
    const step = async (
      run: () => Promise<{ ok: boolean; message: string }>
    ) => {
      const result = await run();
      if (!result.ok)
        throw new Error(
          `demo desk seed: ${plan.target} ${request.orderName}: ${result.message}`
        );
    };
    if (plan.target === "cancelled") {
      // The shopper withdrew it before the team looked: Shopify's return is cancelled, and the
      // request follows as the returns/cancel webhook would move it.
      const asked = await requests.find(shop, id);
      if (asked?.shopifyReturnId) await cancelReturn(admin, asked.shopifyReturnId);
      await requests.advance(shop, id, "cancelled");
      await requests.addEvent(shop, id, { type: "cancelled", actor: "shopper", message: plan.note, at: now });
    } else if (plan.target === "declined") {
      await step(() =>
        actions.decline(shop, id, {
          reason: "OTHER",
          message:
            "We can only accept unworn pieces back; this one shows wear. We'd be glad to clean it for you.",
        })
      );
    } else if (plan.target !== "requested") {
      await step(() => actions.approve(shop, id));
      // Every other request approved has its parcel on the way, by Royal Mail with its tracking.
      if (made % 2 === 1) {
        const exponent = currencyOf(request.currency).exponent;
        const tracking = royalMailNumber(made);
        await parcels.record({ shop, viewer: { type: "staff" }, admin }, id, { carrier: "royal_mail", trackingNumber: tracking, method: made % 4 === 1 ? "post" : "courier", amount: exponent === 0 ? "500" : "3.40" }, null).catch((error: unknown) => {
          // A preset whose maximum is below the demo's postage refuses it, as it would the shopper.
          if (!(error instanceof RequestFlowError)) throw error;
        });
      }
      if (plan.target !== "approved") {
        await step(() => actions.receive(shop, id));
        if (plan.target === "inspected")
          await step(() =>
            actions.inspect(shop, id, {
              lines: asDescribed(request.lines),
              note: "Chain link open; as the shopper described.",
            })
          );
        // Store credit expires as the policy says: another expiry is an override.
        if (plan.target === "refunded") await resolveAsOffered(id, ["refund", "store_credit"], undefined);
        if (plan.target === "credited") await resolveAsOffered(id, ["store_credit", "refund"], undefined);
      }
    }
    const fresh = await requests.find(shop, id);
    if (fresh) byStatus[fresh.status] = (byStatus[fresh.status] ?? 0) + 1;
  }
  // Warranty claims and services: the piece comes to the workshop (no Shopify return), the
  // engine decides on the same order read, and the desk works each to a different point: a repair
  // done, a piece replaced, a paid quote waiting for the shopper.
  const offered = options.policy.services.find((x) => x.enabled);
  const care: (typeof CARE)[number][] = [
    ...CARE.filter((p) => p.kind !== "warranty" || options.policy.warranty.enabled),
    ...SERVICE_STATES.map((x) => ({ kind: "service" as const, service: (offered?.service ?? "cleaning") as "resize" | "cleaning" | "crystal_replacement", reason: (offered?.service === "crystal_replacement" ? "loose_crystal" : "other") as "loose_crystal" | "other", cause: null, target: x.target, note: x.note })),
  ];
  for (const plan of care) {
    let request: Awaited<ReturnType<typeof makeCare>> = null;
    const from = index;
    while (!request && index < candidates.length) request = await makeCare(candidates[index++], plan);
    if (!request) {
      index = from;
      continue;
    }
    made += 1;
    const id = request.id;
    const step = async (run: () => Promise<{ ok: boolean; message: string }>) => {
      const result = await run();
      if (!result.ok) throw new Error(`demo desk seed: ${plan.kind} ${plan.service ?? ""} ${request.orderName}: ${result.message}`);
    };
    if (plan.target === "declined") {
      await step(() => actions.decline(shop, id, { reason: "OTHER", message: "Accidental damage is outside the service: we can quote a repair instead." }));
    } else if (plan.target === "cancelled") {
      await requests.advance(shop, id, "cancelled");
      await requests.addEvent(shop, id, { type: "cancelled", actor: "shopper", message: plan.note, at: now });
    } else if (plan.target === "approved") {
      await step(() => actions.approve(shop, id));
    } else if (plan.target !== "requested") {
      await step(() => actions.approve(shop, id));
      // Every other request approved has its parcel on the way, by Royal Mail with its tracking.
      if (made % 2 === 1) {
        const exponent = currencyOf(request.currency).exponent;
        const tracking = royalMailNumber(made);
        await parcels.record({ shop, viewer: { type: "staff" }, admin }, id, { carrier: "royal_mail", trackingNumber: tracking, method: made % 4 === 1 ? "post" : "courier", amount: exponent === 0 ? "500" : "3.40" }, null).catch((error: unknown) => {
          // A preset whose maximum is below the demo's postage refuses it, as it would the shopper.
          if (!(error instanceof RequestFlowError)) throw error;
        });
      }
      await step(() => actions.receive(shop, id));
      if (plan.target === "inspected") await step(() => actions.inspect(shop, id, { lines: asDescribed(request.lines), note: "Setting worn at one claw; as described." }));
      // Resolved by what the policy's decision offers (the desk refuses anything else): the
      // workshop's own way first, the policy's next choice where this preset offers another.
      if (plan.target === "repaired") await resolveAsOffered(id, ["repair", "service", "replacement"], "Claw re-tipped and stone tightened.");
      if (plan.target === "replaced") await resolveAsOffered(id, ["replacement", "parts", "repair"], "A new bracelet posted.");
      if (plan.target === "quoted") await step(() => actions.quote(shop, id, { amount: plan.quote ?? "35.00", description: plan.note }));
    }
    const fresh = await requests.find(shop, id);
    if (fresh) byStatus[fresh.status] = (byStatus[fresh.status] ?? 0) + 1;
  }
  // The bench: more warranty claims resolved for the workshop until it has a dozen and more
  // tickets (each opened by the desk's resolution), then each walked to its state.
  const repairs = createRepairRepository(db);
  const ticketCount = async () => Object.values((await repairs.counts(shop, "0000-00-00")).byState).reduce((a, b) => a + b, 0);
  for (let n = 0; options.policy.warranty.enabled && (await ticketCount()) < BENCH_TICKETS && index < candidates.length && n < BENCH_TICKETS * 2; n++) {
    const plan = { kind: "warranty" as const, service: null, reason: "defective" as const, cause: "manufacturing" as const, target: "repaired" as const, note: BENCH_NOTES[n % BENCH_NOTES.length] };
    let request: Awaited<ReturnType<typeof makeCare>> = null;
    while (!request && index < candidates.length) request = await makeCare(candidates[index++], plan);
    if (!request) break;
    made += 1;
    for (const run of [() => actions.approve(shop, request.id), () => actions.receive(shop, request.id)]) {
      const result = await run();
      if (!result.ok) throw new Error(`demo bench seed: ${request.orderName}: ${result.message}`);
    }
    await resolveAsOffered(request.id, ["repair", "replacement"], "Sent to the bench.");
    const fresh = await requests.find(shop, request.id);
    if (fresh) byStatus[fresh.status] = (byStatus[fresh.status] ?? 0) + 1;
  }
  const bench = await seedBench({ db, admin, operations, store, shop, timezone: options.timezone, country: store.shop.countryCode, policy: options.policy, now });
  return { requests: made, byStatus, bench };

  /** A warranty claim or a service request on one of the order's delivered lines. */
  async function makeCare(order: OrderRec, plan: (typeof CARE)[number]) {
    const returnable = (await fetchReturnableLines(admin, order.id)).filter((l) => l.quantity > 0);
    const read = await fetchOrderForDecision(admin, order.id);
    // Crystals are replaced from the piece with the most of them (the parts quota is a share of them).
    const crystalsOf = (id: string) => Number(read.order.lines.find((l) => l.id === id)?.metafields?.crystal_count ?? 0);
    const target = plan.service === "crystal_replacement" ? [...returnable].sort((a, b) => crystalsOf(b.lineItemId) - crystalsOf(a.lineItemId))[0] : returnable[0];
    if (!target) return null;
    const line = read.order.lines.find((l) => l.id === target.lineItemId);
    if (!line) return null;
    const delivered = Date.parse(order.fulfillments[0]?.deliveredAt ?? order.createdAt);
    const askedAt = new Date(Math.min(now.getTime() - 3_600_000, delivered + (3 + (order.number % 4)) * 86_400_000));
    const scenario = scenarioSchema.parse({
      id: `demo-${order.name}-${plan.kind}`,
      policy: options.policy,
      now: askedAt.toISOString(),
      shop: read.shop,
      order: read.order,
      request: {
        kind: plan.kind,
        service: plan.service,
        lines: [{ lineId: line.id, quantity: 1, reason: plan.reason, cause: plan.cause, condition: { used: true, worn: true, tagsAttached: false, originalPackaging: false, packagingOpened: true } }],
        proofOfPurchase: true,
        photos: 0,
      },
    });
    const decision = decide(options.policy, scenario);
    // Crystals to be sent need a quota of at least one: a piece with too few for 1% waits for another order.
    if (plan.service === "crystal_replacement" && plan.target === "repaired" && !((decision.lines[0]?.maxParts ?? 0) > 0)) return null;
    const { request: created } = await requests.submit(
      shop,
      `demo-desk-${order.name}-${plan.kind}`,
      {
        orderId: order.id,
        orderName: read.orderName,
        customerId: read.customer?.id ?? null,
        customerEmail: read.customer?.email ?? null,
        customerName: read.customer?.name ?? null,
        customerNote: plan.note,
        kind: plan.kind,
        service: plan.service,
        currency: read.currency,
        decision,
        channel: plan.service ? "staff" : "storefront",
        lines: [{ lineItemId: line.id, fulfillmentLineItemId: target.fulfillmentLineItemId, title: boughtWords(line.id, line.title), quantity: 1, reason: plan.reason, cause: plan.cause, notes: plan.note }],
      },
      { type: "requested", actor: plan.service ? "merchant" : "shopper", message: plan.note, at: askedAt },
    );
    await db.aftercareRequest.updateMany({ where: { shop, id: created.id }, data: { createdAt: askedAt } });
    return created;
  }

  /** Another variant of the line's product at the same price and in stock (a ring's other size). */
  function siblingOf(lineItemId: string): { id: string; title: string } | null {
    const bought = store.find(store.find(lineItemId, "LineItem")?.variantId, "ProductVariant");
    const product = store.find(bought?.productId, "Product");
    const sibling = product?.variantIds
      .map((id) => store.find(id, "ProductVariant"))
      .find((v) => v && v.id !== bought?.id && v.price === bought?.price && v.availableForSale && v.inventoryQuantity >= 2);
    return sibling ? { id: sibling.id, title: itemWithVariant(product?.title ?? "", sibling) } : null;
  }

  /** The bought piece with its variant ("Crystal Eternity Band, size L"), as the request flow records it. */
  function boughtWords(lineItemId: string, title: string): string {
    return itemWithVariant(title, store.find(store.find(lineItemId, "LineItem")?.variantId, "ProductVariant"));
  }

  async function makeRequest(
    order: OrderRec,
    reason: "changed_mind" | "defective" | "wrong_item",
    note: string | null,
    wantEligible: boolean,
    wantExchange: boolean
  ) {
    const returnable = (await fetchReturnableLines(admin, order.id)).filter(
      (l) => l.quantity > 0
    );
    if (!returnable.length) return null;
    const read = await fetchOrderForDecision(admin, order.id);
    const delivered = Date.parse(
      order.fulfillments[0]?.deliveredAt ?? order.createdAt
    );
    // Asked a few days after delivery, never in the future.
    const askedAt = new Date(
      Math.min(
        now.getTime() - 3_600_000,
        delivered + (2 + (order.number % 5)) * 86_400_000
      )
    );
    // The engine decides each returnable line; requests headed for a refund take one it accepts,
    // those headed for a decline one it refuses (as a shop's real queue would).
    const decided = returnable.flatMap((target) => {
      const line = read.order.lines.find((l) => l.id === target.lineItemId);
      if (!line) return [];
      const scenario = scenarioSchema.parse({
        id: `demo-${order.name}`,
        policy: options.policy,
        now: askedAt.toISOString(),
        shop: read.shop,
        order: read.order,
        request: {
          kind: "return",
          lines: [
            {
              lineId: line.id,
              quantity: 1,
              reason,
              condition: {
                used: false,
                worn: false,
                tagsAttached: true,
                originalPackaging: true,
                packagingOpened: false,
              },
            },
          ],
          proofOfPurchase: true,
          photos: 0,
        },
      });
      const decision = decide(options.policy, scenario);
      const eligible =
        decision.lines.every((d) => d.eligible) && decision.refund !== null;
      return [{ target, line, decision, eligible }];
    });
    const chosen = decided.find(
      (d) =>
        d.eligible === wantEligible &&
        (!wantExchange || siblingOf(d.line.id) !== null)
    );
    if (!chosen) return null;
    const { target, line, decision } = chosen;
    const swap = wantExchange ? siblingOf(line.id) : null;
    const { request: created } = await requests.submit(
      shop,
      `demo-desk-${order.name}`,
      {
        orderId: order.id,
        orderName: read.orderName,
        customerId: read.customer?.id ?? null,
        customerEmail: read.customer?.email ?? null,
        customerName: read.customer?.name ?? null,
        customerNote: note,
        kind: "return",
        currency: read.currency,
        decision,
        channel: "storefront",
        lines: [
          {
            lineItemId: line.id,
            fulfillmentLineItemId: target.fulfillmentLineItemId,
            title: boughtWords(line.id, line.title),
            quantity: 1,
            reason,
            notes: note,
            exchangeVariantId: swap?.id ?? null,
            exchangeVariantTitle: swap?.title ?? null,
          },
        ],
      },
      { type: "requested", actor: "shopper", message: note, at: askedAt }
    );
    const ret = await requestReturn(admin, order.id, [
      {
        fulfillmentLineItemId: target.fulfillmentLineItemId,
        quantity: 1,
        reason,
        customerNote: note,
      },
    ]);
    await requests.linkReturn(shop, created.id, ret.id);
    // The demo's clock: the request was made when the shopper asked (a script's direct write;
    // the app itself never back-dates).
    await db.aftercareRequest.updateMany({
      where: { shop, id: created.id },
      data: { createdAt: askedAt },
    });
    return created;
  }
}

/** A Royal Mail tracked number (UPU S10, with its check digit) for the demo's n-th parcel. */
function royalMailNumber(n: number): string {
  const serial = String(10_000_000 + ((n * 7_919) % 90_000_000)).padStart(8, "0");
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = [...serial].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  const check = 11 - (sum % 11);
  return `RR${serial}${check === 10 ? 0 : check === 11 ? 5 : check}GB`;
}
