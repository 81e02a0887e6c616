import { createHash, timingSafeEqual } from "node:crypto";

import { parseMinorUnits } from "../../domain/money";
import type { Policy } from "../../domain/policy/schema";
import { returnableQuantity } from "../../domain/scenario";
import { CAUSES, type ServiceKind } from "../../domain/vocabulary";
import { guestLookupSchema, type OrderLineView, type OrderView } from "../../schemas/requests";
import type { Admin } from "../../shopify/client.server";
import { ShopifyNotFoundError } from "../../shopify/errors";
import { fetchOrderForDecision } from "../../shopify/orders.server";
import { fetchCustomerOrders, fetchExchangeProducts, fetchOrderForShopper, findOrdersByName, type CustomerOrderSummary } from "../../shopify/shopper.server";
import { RequestFlowError } from "../errors";
import { signToken, verifyToken } from "../tokens.server";
import { entitlements, openFor, returnedUnits, termsOf } from "./decide.server";
import { exchangeOptions, exchangeRulesForView, optionOf } from "./exchange-offers.server";
import { GUEST_GRANT_HOURS, NOT_FOUND, ORDER_CACHE_ENTRIES, invalid, shopperRead, type FlowContext, type FlowCore, type Loaded, type PublishedPolicy, type Snapshot } from "./shared.server";

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** Constant-time equality of two strings of any length (compares their digests). */
function same(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

function normaliseContact(value: string): { email: string | null; phone: string | null } {
  const trimmed = value.trim();
  if (trimmed.includes("@")) return { email: trimmed.toLowerCase(), phone: null };
  const digits = trimmed.replace(/\D/g, "");
  return { email: null, phone: digits.length >= 6 ? digits : null };
}

/** Phones match on their last 9 digits, so "07700 900123" finds "+44 7700 900123". */
function phoneKey(digits: string): string {
  return digits.slice(-9).padStart(9, "0");
}

/**
 * Read the order: a guest's proof that they know it, a customer's list, and the order a viewer
 * may see (from a short-lived cache for pages and previews, afresh for a submit) with what each
 * line may still get.
 */
export function orderReader(core: FlowCore) {
  const { deps, clock, statusLink } = core;
  const orderCacheMs = (deps.orderCacheSeconds ?? 0) * 1000;
  // Insertion-ordered: the oldest entry is the first one, dropped when the cache is full.
  const snapshots = new Map<string, Snapshot>();

  async function policyOf(shop: string): Promise<PublishedPolicy> {
    try {
      return await deps.policies(shop);
    } catch (error) {
      deps.log?.warn({ shop, error: (error as Error).message }, "no published policy for the request flow");
      throw new RequestFlowError("unavailable", "This shop has not published its returns and aftercare policy yet. Please contact the shop.");
    }
  }

  /**
   * The order as Shopify has it: from the short-lived cache when `fresh` is false and it holds
   * one young enough, else read (and kept). Who may see it is checked by the caller every time.
   */
  async function snapshotOf(ctx: FlowContext, orderId: string, policy: Policy, fresh: boolean): Promise<Snapshot | null> {
    const collections = policy.groups.some((g) => g.match.collections !== undefined);
    const promotions = policy.discounts.staggeredRefundLowest.promotions;
    // The order's mapping depends on what the policy asks of it (collections, promotions).
    const otherItems = [policy.returns.changeOfMind, policy.returns.faulty, policy.warranty].some((r) => r.enabled && r.exchange?.otherItems);
    const key = `${ctx.shop}\u0000${orderId}\u0000${collections}\u0000${promotions.join("\u0001")}\u0000${otherItems}`;
    const now = clock().getTime();
    if (!fresh && orderCacheMs > 0) {
      const hit = snapshots.get(key);
      if (hit && now - hit.fetchedAt < orderCacheMs) return hit;
    }
    const [shopper, order, products] = await shopperRead(ctx.admin, async (admin) => {
      const [shopper, order] = await Promise.all([
        fetchOrderForShopper(admin, orderId),
        fetchOrderForDecision(admin, orderId, { collections, staggeredPromotions: promotions }).catch((error: unknown) => {
          if (error instanceof ShopifyNotFoundError) return null;
          throw error;
        }),
      ]);
      // Other items are priced for the order's market, which the order names.
      const products = otherItems && shopper ? await fetchExchangeProducts(admin, shopper.country, shopper.currency) : [];
      return [shopper, order, products] as const;
    });
    if (!shopper || !order) {
      snapshots.delete(key);
      return null;
    }
    const snapshot: Snapshot = { shopper, order, products, fetchedAt: now, decided: new WeakMap() };
    if (orderCacheMs > 0) {
      snapshots.delete(key);
      snapshots.set(key, snapshot);
      if (snapshots.size > ORDER_CACHE_ENTRIES) snapshots.delete(snapshots.keys().next().value as string);
    }
    return snapshot;
  }

  /** The order a viewer may see, or not_found (another customer's order answers exactly the same). */
  async function load(ctx: FlowContext, orderId: string, options: { fresh?: boolean } = {}): Promise<Loaded> {
    if (ctx.viewer.type === "guest") {
      const granted = verifyToken(deps.secret, "guest", ctx.shop, ctx.viewer.grant, clock());
      if (granted !== orderId) throw new RequestFlowError("not_found", NOT_FOUND);
    }
    const { policy, versionId } = await policyOf(ctx.shop);
    const [snapshot, stored] = await Promise.all([snapshotOf(ctx, orderId, policy, options.fresh ?? false), deps.requests.summariesForOrder(ctx.shop, orderId)]);
    if (!snapshot) throw new RequestFlowError("not_found", NOT_FOUND);
    const { shopper, order } = snapshot;
    if (ctx.viewer.type === "customer" && shopper.customerId !== ctx.viewer.customerId) throw new RequestFlowError("not_found", NOT_FOUND);
    return { shopper, order, policy, versionId, stored, now: clock(), lastDays: new Map(), snapshot };
  }

  function view(loaded: Loaded, shop: string): OrderView {
    const { shopper, order, policy } = loaded;
    const currency = order.currency;
    const byLine = entitlements(loaded);
    // A line's quantity is what was bought; what may still be asked about excludes refunded units.
    const available = new Map(order.order.lines.map((l) => [l.id, returnableQuantity(l)]));
    const lines: OrderLineView[] = shopper.lines.map((line) => {
      const open = openFor(loaded, line.id);
      const units = available.get(line.id) ?? 0;
      return {
        lineId: line.id,
        title: line.title,
        variantTitle: line.variantTitle,
        image: line.image,
        quantity: line.quantity,
        available: units,
        unitPrice: { amountMinor: parseMinorUnits(line.unitPrice, currency), currency },
        state: open.length ? "open_request" : units === 0 ? "returned" : "available",
        openRequests: open.map((r) => ({ number: r.number, kind: r.kind, service: r.service as ServiceKind | null, status: r.status, statusToken: statusLink(shop, r.id).token })),
        // "Returned" only for what Shopify records as refunded or returned; units in a return still
        // open are not (this app's open request, listed above, says what is happening to them).
        entitlements:
          units === 0
            ? [{ kind: "return", service: null, eligible: false, until: null, reasons: [], blockers: [returnedUnits(order, line.id) >= line.quantity ? "unavailable" : "in_return"], resolutions: [], charge: null }]
            : (byLine.get(line.id) ?? []),
        exchangeOptions: units === 0 ? [] : exchangeOptions(loaded, line.id, exchangeRulesForView(policy), 1).map((o) => optionOf(o, currency)),
      };
    });
    return {
      orderId: order.orderId,
      orderName: order.orderName,
      placedAt: shopper.placedAt,
      currency,
      timezone: order.shop.timezone,
      policyVersionId: loaded.versionId,
      lines,
      services: policy.services.filter((s) => s.enabled).map((s) => ({ ...termsOf(s, order.shop.currency), text: s.text, charge: s.charge })),
      causes: [...CAUSES],
    };
  }

  return {
    /**
     * A guest proves they know an order: its number and the email or phone on it. The same answer
     * (not_found) and the same work for a wrong number and a wrong contact; comparisons are
     * constant-time; attempts per order number are limited. Returns a grant (a signed token for
     * this order, a few hours) to pass as `{ type: "guest", grant }`.
     */
    async findGuestOrder(ctx: { shop: string; admin: Admin }, raw: unknown): Promise<{ orderId: string; orderName: string; grant: string; expiresAt: string }> {
      const parsed = guestLookupSchema.safeParse(raw);
      if (!parsed.success) throw invalid(parsed.error);
      const number = parsed.data.orderNumber.replace(/^#/, "");
      if (!(await deps.orderLookups.consume(`${ctx.shop}:${number}`))) {
        throw new RequestFlowError("rate_limited", "Too many attempts for this order. Please wait a while and try again.");
      }
      const contact = normaliseContact(parsed.data.contact);
      const candidates = await shopperRead(ctx.admin, (admin) => findOrdersByName(admin, number));
      // Compare against something even when no order has this number, so both misses cost the same.
      const pool = candidates.length ? candidates : [{ id: "", name: "", customerId: null, emails: ["\u0000"], phones: ["\u0000"] }];
      let match: (typeof candidates)[number] | null = null;
      for (const candidate of pool) {
        let hit = false;
        for (const email of candidate.emails) hit = same(email.trim().toLowerCase(), contact.email ?? "\u0001") || hit;
        for (const phone of candidate.phones) hit = same(phoneKey(phone.replace(/\D/g, "")), contact.phone ? phoneKey(contact.phone) : "\u0001") || hit;
        if (hit && candidate.id && !match) match = candidate;
      }
      if (!match) throw new RequestFlowError("not_found", NOT_FOUND);
      const expiresAt = new Date(clock().getTime() + GUEST_GRANT_HOURS * 3_600_000);
      return { orderId: match.id, orderName: match.name, grant: signToken(deps.secret, "guest", ctx.shop, match.id, expiresAt), expiresAt: expiresAt.toISOString() };
    },

    /** A logged-in customer's recent orders (a guest sees only the order of their grant). */
    async listOrders(ctx: FlowContext): Promise<CustomerOrderSummary[]> {
      if (ctx.viewer.type !== "customer") return [];
      const customerId = ctx.viewer.customerId;
      return shopperRead(ctx.admin, (admin) => fetchCustomerOrders(admin, customerId));
    },

    /** The order's items with what each may still get, decided by the engine on the published policy. */
    async orderView(ctx: FlowContext, orderId: string): Promise<OrderView> {
      return view(await load(ctx, orderId), ctx.shop);
    },

    load,
  };
}
