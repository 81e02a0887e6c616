import { createHash, timingSafeEqual } from "node:crypto";

import { localDate, type LocalDate } from "../domain/calendar";
import { decide, type Decision, type LineDecision } from "../domain/engine/decide";
import { exchangeOffers, netSettlement, type ExchangeCandidate, type ExchangeOffer } from "../domain/engine/exchange";
import { groupsOf } from "../domain/engine/match";
import { lastDay } from "../domain/engine/windows";
import { itemWithVariant } from "../domain/item-label";
import { formatMinorUnits, parseMinorUnits } from "../domain/money";
import type { OfferedCase, Policy, ServiceRule, WindowRule } from "../domain/policy/schema";
import { returnableQuantity, type HistoryEntry, type OrderLine, type RequestLine, type Scenario } from "../domain/scenario";
import { CAUSES, type Cause, type Reason, type RequestKind, type Requirement, type Resolution, type ServiceKind } from "../domain/vocabulary";
import { SubmitRaced, type RequestRecord, type RequestRepository, type RequestSummary } from "../repositories/requests.server";
import {
  draftInputSchema,
  guestLookupSchema,
  statusInputSchema,
  submitInputSchema,
  type Entitlement,
  journeySchema,
  type Journey,
  type ExchangeOption,
  type OrderLineView,
  type OrderView,
  type Preview,
  type ServiceTerms,
  type StatusView,
  type Submitted,
  type Viewer,
} from "../schemas/requests";
import { shopperMessage } from "../schemas/messages";
import { adminClient, type Admin, type AdminClient } from "../shopify/client.server";
import { ShopifyNotFoundError, ShopifyUnavailableError } from "../shopify/errors";
import type { DecisionOrder } from "../shopify/order-mapping";
import { fetchOrderForDecision } from "../shopify/orders.server";
import { fetchReturnableLines, requestReturn } from "../shopify/returns.server";
import { fetchCustomerOrders, fetchExchangeProducts, fetchOrderForShopper, findOrdersByName, type CustomerOrderSummary, type ExchangeProduct, type ShopperOrder } from "../shopify/shopper.server";
import { RequestFlowError } from "./errors";
import { nextReturnAttempt, returnErrorText } from "./return-retry.server";
import { signToken, STATUS_LINK_DAYS, verifyToken } from "./tokens.server";

/**
 * The shopper's request flow, written once for every front end (app proxy pages, the
 * customer-account extension, the merchant's desk): lookup → eligibility per line → preview →
 * submit → status. Transport-agnostic: callers pass the shop, who is asking (a Viewer they have
 * authenticated) and the shop's Admin client; nothing here reads an HTTP request.
 * See docs/decisions/009-request-flow.md.
 */
export type FlowContext = { shop: string; viewer: Viewer; admin: Admin };

export type PublishedPolicy = { policy: Policy; versionId: string | null };

export type RateLimit = {
  /** Counts one attempt under `key`; false when the key has used up its attempts. */
  consume(key: string): Promise<boolean>;
};

export type PhotoKeys = {
  /**
   * True when `key` names a photo this shop's shopper uploaded and it is still stored; with
   * `use`, only when it was uploaded by that viewer for that order.
   */
  exists(shop: string, key: string, use?: { viewer: Viewer; orderId: string }): Promise<boolean>;
};

export type RequestFlowDeps = {
  requests: RequestRepository;
  policies: (shop: string) => Promise<PublishedPolicy>;
  /** The app's secret: signs guest grants and status links. */
  secret: string;
  photos: PhotoKeys;
  /** Guest lookups per order number (a transport adds its own per-IP limit). */
  orderLookups: RateLimit;
  now?: () => Date;
  log?: { warn(obj: object, msg: string): void };
  /**
   * How long an order read from Shopify answers the order page and previews again (0: never).
   * Submitting always reads the order afresh. See docs/decisions/012-eligibility-speed.md.
   */
  orderCacheSeconds?: number;
};

const GUEST_GRANT_HOURS = 4;
const OPEN_STATUSES = new Set(["requested", "approved", "received", "inspected"]);
const SPENT_STATUSES = new Set(["declined", "cancelled"]);
/** For "what may this item still get": an item as it arrived, with its receipt. */
const AS_NEW = { used: false, worn: false, tagsAttached: true, originalPackaging: true, packagingOpened: false };

const NOT_FOUND = "We could not find that order. Check the order number and the email address or phone number used for it.";

/** An order as Shopify gave it, with the entitlements already decided on it (see `entitlements`). */
type Snapshot = {
  shopper: ShopperOrder;
  order: DecisionOrder;
  /** The shop's products, read only when the policy lets an exchange be for another item. */
  products: ExchangeProduct[];
  fetchedAt: number;
  /** Entitlements per policy object, then per day and stored-requests fingerprint. */
  decided: WeakMap<Policy, Map<string, Map<string, Entitlement[]>>>;
};

type Loaded = {
  shopper: ShopperOrder;
  order: DecisionOrder;
  policy: Policy;
  versionId: string | null;
  stored: RequestSummary[];
  now: Date;
  lastDays: Map<WindowRule, LocalDate | null>;
  snapshot: Snapshot;
};

/**
 * How long the process's request flow keeps an order read from Shopify for its order page and
 * previews; submitting reads it again (docs/decisions/012-eligibility-speed.md).
 */
export const ORDER_CACHE_SECONDS = 30;
const ORDER_CACHE_ENTRIES = 500;
const DECIDED_PER_SNAPSHOT = 8;

/** The journey the shopper was shown before submitting, from the stored `{ engine, preview }` (null before previews carried it). */
function journeyStored(stored: unknown): Journey | null {
  const preview = typeof stored === "object" && stored !== null && "preview" in stored ? (stored as { preview: unknown }).preview : null;
  const journey = typeof preview === "object" && preview !== null && "journey" in preview ? journeySchema.safeParse((preview as { journey: unknown }).journey) : null;
  return journey?.success ? journey.data : null;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The date in `timezone` at `at`, as a cache key (the engine computes its own with the
 * calendar); one formatter per zone, as parsing the instant with luxon on every page cost more
 * than the rest of a cached answer.
 */
function dayIn(timezone: string, at: Date): string {
  let format = dayFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timezone, format);
  }
  return format.format(at);
}

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
 * How long a shopper's page waits for Shopify's reads, retries included: the gateway's default
 * (a minute) outlasts the app proxy and the shopper, who then saw a bare 500.
 */
export const SHOPPER_READ_BUDGET_MS = 8_000;

/** `admin` with the shopper-facing budget (never a longer one than it had). */
function shopperFacing(admin: Admin): AdminClient {
  const client = typeof admin === "function" ? adminClient(admin) : admin;
  return { ...client, policy: { ...client.policy, maxElapsedMs: Math.min(client.policy.maxElapsedMs, SHOPPER_READ_BUDGET_MS) } };
}

/** Reads for a shopper's page: Shopify not answering within the budget is a message, not a 500. */
async function shopperRead<T>(admin: Admin, read: (admin: AdminClient) => Promise<T>): Promise<T> {
  try {
    return await read(shopperFacing(admin));
  } catch (error) {
    if (error instanceof ShopifyUnavailableError) throw new RequestFlowError("unavailable", "Shopify is not answering right now. Please try again in a few minutes.");
    throw error;
  }
}

export function createRequestFlow(deps: RequestFlowDeps) {
  const clock = deps.now ?? (() => new Date());
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

  /**
   * What the engine counts against allowances: services asked for (a declined or cancelled one
   * used nothing), and parts the merchant sent on any request, warranty claims included.
   */
  function history(stored: RequestSummary[]): HistoryEntry[] {
    return stored.flatMap((r) => {
      const service = r.kind === "service" && !SPENT_STATUSES.has(r.status);
      return r.lines
        .filter((l) => service || l.partsSent > 0)
        .map((l) => ({ kind: r.kind, service: r.kind === "service" ? (r.service as ServiceKind | null) : null, lineId: l.lineItemId, at: r.createdAt.toISOString(), partsSent: l.partsSent }));
    });
  }

  function scenario(loaded: Loaded, request: Scenario["request"]): Scenario {
    return {
      id: `${loaded.order.orderId}:${request.kind}`,
      now: loaded.now.toISOString(),
      shop: loaded.order.shop,
      order: loaded.order.order,
      request,
      history: history(loaded.stored),
    };
  }

  function windowsOf(policy: Policy, kind: Entitlement["kind"], service: ServiceKind | null): WindowRule[] {
    if (kind === "service") return policy.services.find((s) => s.service === service)?.windows ?? [];
    const rules = kind === "warranty" ? policy.warranty : kind === "faulty" ? policy.returns.faulty : policy.returns.changeOfMind;
    return rules.enabled ? rules.windows : [];
  }

  /** The last day an open window allows for this line (the latest of those that apply), or null. */
  function until(loaded: Loaded, line: OrderLine, rules: WindowRule[]): LocalDate | null {
    return latestWindow(loaded, line, rules)?.last ?? null;
  }

  /** Of the windows that apply to this line, the one that ends last, with its last day (null: no limit). */
  function latestWindow(loaded: Loaded, line: OrderLine, rules: WindowRule[]): { rule: WindowRule; last: LocalDate | null } | null {
    if (rules.length === 0) return null;
    const groups = groupsOf(loaded.policy.groups, line);
    const specific = rules.filter((r) => r.groups?.some((g) => groups.has(g)));
    const applicable = specific.length ? specific : rules.filter((r) => !r.groups);
    let latest: { rule: WindowRule; last: LocalDate | null } | null = null;
    for (const rule of applicable) {
      // Anchors are the order's, not the line's: one calendar computation per rule and order.
      if (!loaded.lastDays.has(rule)) loaded.lastDays.set(rule, lastDay(rule.window, loaded.order.order, loaded.order.shop, loaded.policy.receipt.transitAllowanceDays));
      const last = loaded.lastDays.get(rule) ?? null;
      if (last === null) return { rule, last: null };
      if (latest === null || (latest.last !== null && last > latest.last)) latest = { rule, last };
    }
    return latest;
  }

  /**
   * The merchant's words for why a line was refused. Too late: only the sentence of the window
   * that ended last, and its last day, not every window's sentence.
   */
  function refusalWords(loaded: Loaded, line: OrderLine, d: LineDecision, rules: WindowRule[]): { reasons: string[]; ended: LocalDate | null } {
    const latest = d.blockers.includes("window_expired") ? latestWindow(loaded, line, rules) : null;
    if (!latest?.last) return { reasons: refusalsOf(d), ended: null };
    const windowRule = (e: { rule: string }) => e.rule.includes(".windows.");
    const other = d.explanation.filter((e) => e.outcome === "blocked" && !windowRule(e)).map((e) => e.text);
    return { reasons: [...new Set([latest.rule.text, ...other])], ended: latest.last };
  }

  function refusalsOf(line: LineDecision): string[] {
    return [...new Set(line.explanation.filter((e) => e.outcome === "blocked").map((e) => e.text))];
  }

  /** Units of a line Shopify records as refunded or returned (0 for a line still returnable). */
  function returnedUnits(order: DecisionOrder, lineId: string): number {
    return order.unavailable.find((u) => u.lineId === lineId)?.returned ?? 0;
  }

  function openFor(loaded: Loaded, lineId: string) {
    return loaded.stored.filter((r) => OPEN_STATUSES.has(r.status) && r.lines.some((l) => l.lineItemId === lineId));
  }

  function sameKind(request: RequestSummary, kind: Entitlement["kind"], service: ServiceKind | null): boolean {
    if (kind === "service") return request.kind === "service" && request.service === service;
    if (kind === "warranty") return request.kind === "warranty";
    return request.kind === "return";
  }

  /**
   * Each line's entitlements, decided once per order snapshot, policy, day and state of the
   * stored requests: the engine is pure and reads the clock only as the shop's local date, so
   * the same inputs give the same answer and a page viewed again is not decided again.
   */
  function entitlements(loaded: Loaded): Map<string, Entitlement[]> {
    const { snapshot } = loaded;
    const key = `${dayIn(loaded.order.shop.timezone, loaded.now)}|${loaded.stored.map((r) => `${r.id}:${r.status}`).join(",")}`;
    let memo = snapshot.decided.get(loaded.policy);
    if (!memo) {
      memo = new Map();
      snapshot.decided.set(loaded.policy, memo);
    }
    const known = memo.get(key);
    if (known) return known;
    const decided = decideEntitlements(loaded);
    memo.set(key, decided);
    if (memo.size > DECIDED_PER_SNAPSHOT) memo.delete(memo.keys().next().value as string);
    return decided;
  }

  /** Each line's entitlements: one decision per kind over all lines (not one per line). */
  function decideEntitlements(loaded: Loaded): Map<string, Entitlement[]> {
    const { policy, order } = loaded;
    const lines = order.order.lines;
    const byLine = new Map<string, Entitlement[]>(lines.map((l) => [l.id, []]));
    if (lines.length === 0) return byLine;
    const kinds: { kind: Entitlement["kind"]; service: ServiceKind | null; reason: Reason; cause: Cause | null }[] = [
      { kind: "return", service: null, reason: "changed_mind", cause: null },
      { kind: "faulty", service: null, reason: "defective", cause: null },
      { kind: "warranty", service: null, reason: "defective", cause: "manufacturing" },
      ...policy.services.filter((s) => s.enabled).map((s) => ({ kind: "service" as const, service: s.service, reason: "other" as Reason, cause: null })),
    ];
    for (const k of kinds) {
      const requestKind: RequestKind = k.kind === "faulty" ? "return" : k.kind;
      const decision = decide(
        policy,
        scenario(loaded, {
          kind: requestKind,
          service: k.service,
          preferredResolution: null,
          lines: lines.map((l) => ({ lineId: l.id, quantity: 1, reason: k.reason, cause: k.cause, condition: AS_NEW, partsRequested: null })),
          proofOfPurchase: true,
          photos: 1,
          usesStoreCourier: false,
          liabilityAccepted: true,
        }),
      );
      const rules = windowsOf(policy, k.kind, k.service);
      for (const d of decision.lines) {
        const line = lines.find((l) => l.id === d.lineId) as OrderLine;
        const open = openFor(loaded, d.lineId).find((r) => sameKind(r, k.kind, k.service));
        const refused = d.eligible ? null : refusalWords(loaded, line, d, rules);
        const entitlement: Entitlement = {
          kind: k.kind,
          service: k.service,
          eligible: d.eligible && !open,
          until: d.eligible ? until(loaded, line, rules) : null,
          reasons: refused ? refused.reasons : [...new Set(d.explanation.filter((e) => e.outcome === "passed" && e.rule.includes(".windows.")).map((e) => e.text))],
          blockers: open ? ["open_request", ...d.blockers] : [...d.blockers],
          resolutions: d.resolutions,
          charge: d.charge,
          partsLeft: d.eligible ? d.maxParts : null,
          ended: refused?.ended ?? null,
          allowanceLeft: d.eligible ? (d.allowanceLeft ?? null) : null,
        };
        byLine.get(d.lineId)?.push(entitlement);
      }
    }
    return byLine;
  }

  /** What a line could be exchanged for: its product's other variants, and other items where the policy allows. */
  function exchangeCandidates(loaded: Loaded, lineId: string): { line: { unitPrice: string; variantId: string | null }; candidates: ExchangeCandidate[] } | null {
    const line = loaded.shopper.lines.find((l) => l.id === lineId);
    if (!line?.variant) return null;
    const productTitle = line.title;
    // An item whose price today in the order's currency Shopify does not give is never offered:
    // its value next to what the shopper paid cannot be known (issue 22, item 5).
    const candidates: ExchangeCandidate[] = line.siblings.flatMap((v) => (v.price === null ? [] : [{ variantId: v.id, title: v.title, productTitle, sameProduct: true, price: v.price, available: v.available }]));
    for (const product of loaded.snapshot.products) {
      if (product.id === line.productId) continue;
      for (const v of product.variants) if (v.price !== null) candidates.push({ variantId: v.id, title: v.title, productTitle: product.title, sameProduct: false, price: v.price, available: v.available });
    }
    // The price the line was bought at (Shopify's original unit price), not the variant's price today.
    return { line: { unitPrice: line.unitPrice, variantId: line.variant.id }, candidates };
  }

  function optionOf(offer: ExchangeOffer, currency: string): ExchangeOption {
    const m = (amountMinor: number) => ({ amountMinor, currency });
    return {
      variantId: offer.variantId,
      title: offer.title,
      productTitle: offer.productTitle,
      sameProduct: offer.sameProduct,
      price: m(offer.newValueMinor),
      difference: m(offer.differenceMinor),
      settlement: offer.settlement,
    };
  }

  /** The case a line's exchange is decided under on the order page (before a reason is chosen): change of mind, else faulty. */
  function exchangeRulesForView(policy: Policy): OfferedCase | null {
    for (const rules of [policy.returns.changeOfMind, policy.returns.faulty]) if (rules.enabled && rules.resolutions.includes("exchange")) return rules;
    return null;
  }

  function exchangeOptions(loaded: Loaded, lineId: string, rules: OfferedCase | null, quantity: number): ExchangeOffer[] {
    const found = exchangeCandidates(loaded, lineId);
    if (!found) return [];
    return exchangeOffers(rules, found.line, quantity, found.candidates, loaded.order.currency);
  }

  /** A service as the merchant named and priced it: a fixed price is in the shop's money. */
  function termsOf(rule: ServiceRule, shopCurrency: string): ServiceTerms {
    const price: ServiceTerms["price"] =
      rule.price?.kind === "fixed"
        ? { kind: "fixed", amount: { amountMinor: parseMinorUnits(rule.price.amount, shopCurrency), currency: shopCurrency } }
        : rule.price?.kind === "free" || (!rule.price && rule.charge === "free")
          ? { kind: "free" }
          : { kind: "quote" };
    return { service: rule.service, name: rule.label ?? null, price, turnaround: rule.turnaround?.text ?? null, asksCause: !!rule.causesNotCovered, asksLiability: !!rule.liabilityAcknowledgement };
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

  function invalid(error: { issues: { path: PropertyKey[]; message: string }[] }): RequestFlowError {
    const fields: Record<string, string> = {};
    for (const issue of error.issues) {
      const path = issue.path.map(String).join(".") || "form";
      fields[path] ??= issue.message;
    }
    return new RequestFlowError("invalid", Object.values(fields).join(" "), fields);
  }

  /** The exchange's difference over all its lines, settled by the first exchanged line's case rule (one parcel, one settlement). */
  function exchangeSettlement(policy: Policy, decision: Decision, offers: ExchangeOffer[], currency: string): NonNullable<Preview["exchange"]> {
    const first = decision.lines.find((l) => l.eligible && l.resolutions.includes("exchange"));
    const rule = first ? caseRulesOf(policy, first)?.exchange : undefined;
    const net = netSettlement(offers, rule);
    return { settlement: net.settlement, amount: { amountMinor: net.amountMinor, currency }, text: rule?.text ?? null };
  }

  type Draft = { input: ReturnType<typeof draftInputSchema.parse>; loaded: Loaded; decision: Decision; preview: Preview };

  function caseRulesOf(policy: Policy, line: LineDecision): OfferedCase | null {
    const rules = line.case === "warranty" ? policy.warranty : line.case === "faulty" ? policy.returns.faulty : line.case === "change_of_mind" ? policy.returns.changeOfMind : null;
    return rules?.enabled ? rules : null;
  }

  /**
   * The journey as the engine decides it (rules 15 and 18). The shopper has not posted anything
   * yet, so the engine is asked what it repays for this very request if the piece goes by post
   * from the order's country, proof not yet shown: it answers with the postage rule's words,
   * applied or refused, and asks for proof of postage where the policy wants it. Nothing here
   * decides policy: the rule's own maximum and "not from abroad" are only read to be said.
   */
  function journeyOf(loaded: Loaded, asked: Scenario["request"], decision: Decision, serviceRule: ServiceRule | undefined): Journey {
    const { policy, order } = loaded;
    // The smallest amount the currency has, so a claim that refunds nothing else still carries the postage's own refund.
    const ask = (proof: boolean) => decide(policy, scenario(loaded, { ...asked, postage: { amount: formatMinorUnits(1, order.currency), method: "post", fromCountry: null, proof } }));
    const proven = ask(true);
    const entry = proven.refund?.explanation.find((e) => /\.postage\.[^.]+$/.test(e.rule)) ?? null;
    const rules = [policy.returns.changeOfMind, policy.returns.faulty, policy.warranty, ...policy.services].map((r) => ("postage" in r ? r.postage : undefined)).filter((r) => r !== undefined);
    const rule = entry ? rules.find((r) => entry.rule.endsWith(`.postage.${r.id}`) && r.text === entry.text) : undefined;
    const repaid = entry?.outcome === "applied";
    const proofRequired = repaid && ask(false).requirements.includes("proof_of_postage");
    const postage: Journey["postage"] =
      entry && rule
        ? {
            repaid,
            maximum: rule.maximum !== undefined ? { amountMinor: parseMinorUnits(rule.maximum, order.currency), currency: order.currency } : null,
            proofRequired,
            domesticOnly: rule.domesticOnly,
            text: rule.text,
          }
        : null;
    // The policy's words for the way home: the rule of the eligible lines' case or service that names the payer the engine chose.
    const homeRules = decision.lines
      .filter((l) => l.eligible)
      .map((l) => (l.case === "service" ? serviceRule?.outboundShipping : caseRulesOf(policy, l)?.outboundShipping))
      .filter((r) => r !== undefined);
    const home = homeRules.find((r) => r.payer === decision.outboundShipping);
    return { postage, outboundShipping: decision.outboundShipping, outboundText: home?.text ?? null };
  }

  async function draft(ctx: FlowContext, raw: unknown, options: { fresh?: boolean } = {}): Promise<Draft> {
    const parsed = draftInputSchema.safeParse(raw);
    if (!parsed.success) throw invalid(parsed.error);
    const input = parsed.data;
    const loaded = await load(ctx, input.orderId, options);
    // A photo is named only by whoever uploaded it, for this order (a key from another customer,
    // grant or order is refused as if it did not exist).
    for (const [i, photo] of input.photos.entries()) {
      if (!(await deps.photos.exists(ctx.shop, photo, { viewer: ctx.viewer, orderId: input.orderId }))) {
        throw new RequestFlowError("invalid", shopperMessage("photoMissing"), { [`photos.${i}`]: shopperMessage("photoMissing") });
      }
    }
    const { policy, order } = loaded;
    const currency = order.currency;
    const fields: Record<string, string> = {};
    const orderLines = new Map(order.order.lines.map((l) => [l.id, l]));
    const wanted = new Map<string, string>();
    input.lines.forEach((choice, i) => {
      const kindOf: Entitlement["kind"] = input.kind === "service" ? "service" : input.kind === "warranty" ? "warranty" : "return";
      const open = openFor(loaded, choice.lineId).find((r) => sameKind(r, kindOf, input.service));
      if (open) {
        fields[`lines.${i}.lineId`] = open.number !== null ? shopperMessage("openRequest", { number: open.number }) : shopperMessage("openRequestNoNumber");
        return;
      }
      const line = orderLines.get(choice.lineId);
      if (!line) {
        fields[`lines.${i}.lineId`] = shopperMessage("notOnOrder");
        return;
      }
      if (choice.quantity > returnableQuantity(line)) fields[`lines.${i}.quantity`] = shopperMessage("atMost", { n: returnableQuantity(line) });
      if (choice.exchangeVariantId) wanted.set(choice.lineId, choice.exchangeVariantId);
    });
    if (Object.keys(fields).length) throw new RequestFlowError("invalid", Object.values(fields).join(" "), fields);

    const preferred = wanted.size > 0 ? "exchange" : input.preferredResolution;
    const requestLines: RequestLine[] = input.lines.map((c) => ({ lineId: c.lineId, quantity: c.quantity, reason: c.reason, cause: c.cause, condition: { ...AS_NEW, ...c.condition }, partsRequested: null }));
    const asked: Scenario["request"] = {
      kind: input.kind,
      service: input.service,
      preferredResolution: preferred,
      lines: requestLines,
      proofOfPurchase: true,
      photos: input.photos.length,
      usesStoreCourier: false,
      liabilityAccepted: input.liabilityAccepted,
    };
    const decision = decide(policy, scenario(loaded, asked));
    const eligible = decision.lines.filter((l) => l.eligible);
    const resolutions = eligible.length ? eligible.map((l) => l.resolutions).reduce((a, b) => a.filter((r) => b.includes(r))) : [];
    // An exchange is checked against the case the engine decided (change of mind, faulty…): what
    // that case's rules offer for the quantity asked, in stock.
    const exchanges = new Map<string, ExchangeOffer>();
    input.lines.forEach((choice, i) => {
      const variantId = wanted.get(choice.lineId);
      const line = decision.lines.find((l) => l.lineId === choice.lineId);
      if (!variantId || !line?.eligible) return;
      const offer = exchangeOptions(loaded, choice.lineId, caseRulesOf(policy, line), choice.quantity).find((o) => o.variantId === variantId);
      if (offer) exchanges.set(choice.lineId, offer);
      else fields[`lines.${i}.exchangeVariantId`] = shopperMessage("exchangeUnavailable");
    });
    if (Object.keys(fields).length && resolutions.includes("exchange")) throw new RequestFlowError("invalid", Object.values(fields).join(" "), fields);
    if (wanted.size && !resolutions.includes("exchange") && eligible.length) {
      input.lines.forEach((c, i) => {
        if (c.exchangeVariantId) fields[`lines.${i}.exchangeVariantId`] = shopperMessage("exchangeNotOffered");
      });
      throw new RequestFlowError("invalid", Object.values(fields).join(" "), fields);
    }

    // What the shopper must still provide, in the merchant's words.
    const requirements: Preview["requirements"] = [];
    const seen = new Set<string>();
    const need = (requirement: Requirement, text: string | undefined, met: boolean) => {
      if (!text || seen.has(requirement)) return;
      seen.add(requirement);
      requirements.push({ requirement, text, met });
    };
    const serviceRule: ServiceRule | undefined = input.kind === "service" ? policy.services.find((s) => s.service === input.service) : undefined;
    for (const line of eligible) {
      if (line.case === "service") {
        need("photos", serviceRule?.photos?.text, input.photos.length > 0);
        need("liability_acknowledgement", serviceRule?.liabilityAcknowledgement?.text, input.liabilityAccepted);
      } else {
        need("photos", caseRulesOf(policy, line)?.photos?.text, input.photos.length > 0);
      }
    }

    let refund: Preview["refund"] = null;
    if (decision.refund) {
      const r = decision.refund;
      const items = parseMinorUnits(r.items, currency);
      const moneyLines = eligible.filter((l) => l.resolutions.some((x) => x === "refund" || x === "store_credit"));
      const gross = moneyLines.reduce((sum, l) => {
        const line = orderLines.get(l.lineId) as OrderLine;
        const qty = input.lines.find((c) => c.lineId === l.lineId)?.quantity ?? 0;
        return sum + parseMinorUnits(line.unitPrice, currency) * qty;
      }, 0);
      const m = (amountMinor: number) => ({ amountMinor, currency });
      refund = {
        method: r.method,
        items: m(gross),
        discounts: m(Math.max(0, gross - items)),
        shipping: m(parseMinorUnits(r.shipping, currency)),
        // The policy model has no restocking or handling fees: nothing is deducted.
        fees: m(0),
        total: m(parseMinorUnits(r.total, currency)),
        storeCreditExpiresOn: r.storeCreditExpiresOn,
        explanation: r.explanation.map((e) => e.text),
      };
    }

    const titles = new Map(loaded.shopper.lines.map((l) => [l.id, l.title]));
    // Too late: the window that applied and the day it ended, not every window's sentence.
    const refusedLine = (l: LineDecision): { refusals: string[]; ended: LocalDate | null } => {
      const line = orderLines.get(l.lineId);
      if (l.eligible || !line) return { refusals: refusalsOf(l), ended: null };
      const words = refusalWords(loaded, line, l, windowsOf(policy, l.case === "change_of_mind" ? "return" : l.case, input.service));
      return { refusals: words.reasons, ended: words.ended };
    };
    const preview: Preview = {
      orderId: order.orderId,
      orderName: order.orderName,
      kind: input.kind,
      service: input.service,
      decidedOn: decision.decidedOn,
      policyVersionId: loaded.versionId,
      serviceTerms: serviceRule?.enabled ? termsOf(serviceRule, order.shop.currency) : null,
      canSubmit: decision.lines.every((l) => l.eligible) && requirements.every((r) => r.met),
      lines: decision.lines.map((l) => ({
        lineId: l.lineId,
        title: titles.get(l.lineId) ?? "",
        quantity: input.lines.find((c) => c.lineId === l.lineId)?.quantity ?? 0,
        eligible: l.eligible,
        blockers: l.blockers,
        ...refusedLine(l),
        applied: [...new Set(l.explanation.filter((e) => e.outcome !== "blocked").map((e) => e.text))],
        resolutions: l.resolutions,
        charge: l.charge,
        partsLeft: l.eligible ? l.maxParts : null,
        allowanceLeft: l.eligible ? (l.allowanceLeft ?? null) : null,
        exchange: exchanges.has(l.lineId) ? optionOf(exchanges.get(l.lineId) as ExchangeOffer, currency) : null,
      })),
      refund: exchanges.size ? null : refund,
      exchange: exchanges.size ? exchangeSettlement(policy, decision, [...exchanges.values()], currency) : null,
      resolutions: resolutions as Resolution[],
      returnShipping: decision.returnShipping,
      journey: journeyOf(loaded, asked, decision, serviceRule),
      requirements,
      notes: decision.notes.map((n) => n.text),
    };
    return { input, loaded, decision, preview };
  }

  function statusLink(shop: string, requestId: string): { token: string; expiresAt: Date } {
    const expiresAt = new Date(clock().getTime() + STATUS_LINK_DAYS * 86_400_000);
    return { token: signToken(deps.secret, "status", shop, requestId, expiresAt), expiresAt };
  }

  function submitted(shop: string, request: RequestRecord, created: boolean): Submitted {
    const link = statusLink(shop, request.id);
    return {
      requestId: request.id,
      number: request.number ?? 0,
      created,
      status: request.status,
      statusToken: link.token,
      statusExpiresAt: link.expiresAt.toISOString(),
      shopifyReturnId: request.shopifyReturnId,
    };
  }


  /** The request a submit key already made, as a repeated submit answers it (if the viewer may see its order). */
  async function firstWithKey(ctx: FlowContext, key: string): Promise<Submitted | null> {
    const already = await deps.requests.findBySubmitKey(ctx.shop, key);
    if (!already) return null;
    await load(ctx, already.orderId);
    return submitted(ctx.shop, already, false);
  }

  /**
   * A submit whose key made nothing yet. Another submit for the same item (a second tab, a second
   * call with its own key) may store its request between this one's decision and its write: the
   * repository then refuses to store (SubmitRaced) and this decides again on what is stored now,
   * where that request shows as open on the item, answered 409 in the shopper's words.
   */
  async function submitNew(ctx: FlowContext, data: ReturnType<typeof submitInputSchema.parse>, key: string): Promise<Submitted> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await submitOnce(ctx, data, key);
      } catch (error) {
        if (error instanceof SubmitRaced && attempt < 3) continue;
        if (error instanceof SubmitRaced) throw new RequestFlowError("conflict", error.number !== null ? shopperMessage("openRequest", { number: error.number }) : shopperMessage("openRequestNoNumber"));
        throw error;
      }
    }
  }

  /** Decided again on the order as Shopify has it now, stored, sent. */
  async function submitOnce(ctx: FlowContext, data: ReturnType<typeof submitInputSchema.parse>, key: string): Promise<Submitted> {
    // What is stored and sent to Shopify is decided on the order as Shopify has it now.
    let drafted: Draft;
    try {
      drafted = await draft(ctx, data, { fresh: true });
    } catch (error) {
      // A line another request now holds open (stored since the preview, or by a send racing this
      // one) is a conflict with that request (409), not a mistake in the form.
      const fields = error instanceof RequestFlowError && error.code === "invalid" ? error.fields : {};
      const open = Object.values(fields).find((m) => m.startsWith(shopperMessage("openRequestNoNumber").slice(0, -1)));
      if (open) throw new RequestFlowError("conflict", open, fields);
      throw error;
    }
    const { input, loaded, decision, preview } = drafted;
    if (!preview.lines.every((l) => l.eligible)) {
      throw new RequestFlowError("not_eligible", preview.lines.flatMap((l) => l.refusals).join(" ") || "This request is not covered by the shop's policy.");
    }
    const missing = preview.requirements.filter((r) => !r.met);
    if (missing.length) {
      const fields = Object.fromEntries(missing.map((r) => [r.requirement === "photos" ? "photos" : "liabilityAccepted", r.text]));
      throw new RequestFlowError("requirements_missing", missing.map((r) => r.text).join(" "), fields);
    }
    for (const [i, photo] of input.photos.entries()) {
      if (!(await deps.photos.exists(ctx.shop, photo))) throw new RequestFlowError("invalid", shopperMessage("photoMissing"), { [`photos.${i}`]: shopperMessage("photoMissing") });
    }

    const travels = input.kind !== "service";
    const fulfillment = new Map<string, string>();
    if (travels) {
      const returnable = await fetchReturnableLines(ctx.admin, input.orderId);
      const fields: Record<string, string> = {};
      input.lines.forEach((c, i) => {
        const options = returnable.filter((r) => r.lineItemId === c.lineId && r.quantity >= c.quantity);
        if (options.length === 0) fields[`lines.${i}.lineId`] = shopperMessage("notDelivered");
        else fulfillment.set(c.lineId, options[0].fulfillmentLineItemId);
      });
      if (Object.keys(fields).length) throw new RequestFlowError("invalid", Object.values(fields).join(" "), fields);
    }

    // Each piece with its variant ("Crystal Eternity Band, size L"), as the desk and the status page show it.
    const titles = new Map(loaded.shopper.lines.map((l) => [l.id, itemWithVariant(l.title, l.variant)]));
    const variants = new Map([...loaded.shopper.lines.flatMap((l) => l.siblings), ...loaded.snapshot.products.flatMap((p) => p.variants)].map((v) => [v.id, v]));
    const customer = loaded.order.customer;
    const { request, created } = await deps.requests.submit(
      ctx.shop,
      key,
      {
        orderId: loaded.order.orderId,
        orderName: loaded.order.orderName,
        customerId: customer?.id ?? null,
        customerEmail: customer?.email ?? null,
        customerName: customer?.name ?? null,
        customerNote: input.note,
        kind: input.kind,
        service: input.service,
        currency: loaded.order.currency,
        decision: { engine: decision, preview },
        // The shopper's wish; how it is resolved is the merchant's to record (the desk's `resolution`).
        preferredResolution: preview.lines.some((l) => l.exchange) ? "exchange" : (input.preferredResolution ?? preview.resolutions[0] ?? null),
        policyVersionId: loaded.versionId,
        channel: ctx.viewer.type === "staff" ? "staff" : "shopper",
        locale: data.locale ?? null,
        lines: input.lines.map((c) => {
          const exchange = preview.lines.find((l) => l.lineId === c.lineId)?.exchange ?? null;
          return {
            lineItemId: c.lineId,
            fulfillmentLineItemId: fulfillment.get(c.lineId) ?? null,
            title: titles.get(c.lineId) ?? "",
            quantity: c.quantity,
            reason: c.reason,
            cause: c.cause,
            // Only what the shopper was asked: a form that showed no checklist records none.
            condition: { ...c.condition },
            notes: null,
            photos: input.photos,
            exchangeVariantId: exchange?.variantId ?? null,
            exchangeVariantTitle: exchange ? itemWithVariant(exchange.productTitle, variants.get(exchange.variantId) ?? { title: exchange.title }) : null,
          };
        }),
      },
      { type: "requested", actor: ctx.viewer.type === "staff" ? "merchant" : "shopper", message: input.note },
      {
        seen: loaded.stored.map((r) => r.id),
        // Shopify's figure for what the order still holds caps the request's money (store credit has no other backstop).
        refundableMinor: loaded.shopper.currency === loaded.order.currency ? loaded.shopper.refundableMinor : null,
        extraMinor: decision.refund?.bonus ? parseMinorUnits(decision.refund.bonus, loaded.order.currency) : 0,
      },
    );
    if (!created) return submitted(ctx.shop, request, false);

    let linked = request;
    if (travels) {
      try {
        const ret = await requestReturn(
          ctx.admin,
          request.orderId,
          request.lines.map((l) => ({ fulfillmentLineItemId: l.fulfillmentLineItemId as string, quantity: l.quantity, reason: l.reason, customerNote: input.note })),
        );
        await deps.requests.linkReturn(ctx.shop, request.id, ret.id);
        linked = { ...request, shopifyReturnId: ret.id };
      } catch (error) {
        // The request is stored and the merchant sees it; Shopify's refusal goes on its timeline,
        // the request keeps it (the shopper's status page shows it) and the worker tries again.
        const message = returnErrorText(error);
        await deps.requests.returnNotOpened(ctx.shop, request.id, message, nextReturnAttempt(1, clock()));
        linked = { ...request, returnError: message };
        await deps.requests.addEvent(ctx.shop, request.id, { type: "message", actor: "system", message: `Return request not opened in Shopify: ${message}` });
        deps.log?.warn({ shop: ctx.shop, requestId: request.id, error: (error as Error).message }, "Shopify return request failed");
      }
    }
    return submitted(ctx.shop, linked, true);
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

    /** The answer before submitting: decision per line, refund breakdown, resolutions, requirements. */
    async preview(ctx: FlowContext, raw: unknown): Promise<Preview> {
      return (await draft(ctx, raw)).preview;
    },

    /**
     * Stores the request with its decision and policy version. The client's idempotency key makes
     * a double submit return the first request. Items that travel back become a Shopify return
     * request; services stay in the app.
     */
    async submit(ctx: FlowContext, raw: unknown): Promise<Submitted> {
      const parsed = submitInputSchema.safeParse(raw);
      if (!parsed.success) throw invalid(parsed.error);
      const key = parsed.data.idempotencyKey;
      const first = await firstWithKey(ctx, key);
      if (first) return first;
      try {
        return await submitNew(ctx, parsed.data, key);
      } catch (error) {
        // Two sends at once (a double click, two tabs): the one that loses the race finds its items
        // already asked about, or no longer returnable in Shopify, because the other's request is
        // stored and its return opened. It answers with that request, not with the refusal.
        if (error instanceof RequestFlowError) {
          const winner = await firstWithKey(ctx, key);
          if (winner) return winner;
        }
        throw error;
      }
    },

    /** A request's status and its steps so far, for whoever holds its status link or may see its order. */
    async status(ctx: FlowContext, raw: unknown): Promise<StatusView> {
      const parsed = statusInputSchema.safeParse(raw);
      if (!parsed.success) throw invalid(parsed.error);
      const gone = new RequestFlowError("not_found", "This status link is not valid or has expired. Look your order up again to see its requests.");
      let requestId: string;
      if ("token" in parsed.data) {
        const subject = verifyToken(deps.secret, "status", ctx.shop, parsed.data.token, clock());
        if (!subject) throw gone;
        requestId = subject;
      } else {
        requestId = parsed.data.requestId;
      }
      const request = await deps.requests.find(ctx.shop, requestId);
      if (!request) throw gone;
      if (!("token" in parsed.data)) {
        const v = ctx.viewer;
        const allowed =
          v.type === "staff" ||
          (v.type === "customer" && request.customerId === v.customerId) ||
          (v.type === "guest" && verifyToken(deps.secret, "guest", ctx.shop, v.grant, clock()) === request.orderId);
        if (!allowed) throw gone;
      }
      const events = await deps.requests.events(ctx.shop, request.id);
      return {
        requestId: request.id,
        number: request.number,
        orderName: request.orderName,
        kind: request.kind,
        service: request.service as ServiceKind | null,
        status: request.status,
        createdAt: request.createdAt.toISOString(),
        lines: request.lines.map((l) => ({ title: l.title, quantity: l.quantity, exchangeVariantTitle: l.exchangeVariantTitle })),
        journey: journeyStored(request.decision),
        shopifyReturn: request.kind === "service" ? "none" : request.shopifyReturnId ? "open" : request.returnRetryAt ? "pending" : request.returnError ? "stalled" : "pending",
        steps: events
          .filter((e) => e.actor !== "system")
          .map((e) => ({
            type: e.type,
            actor: e.actor,
            at: e.at.toISOString(),
            message: e.message,
            amount: e.amountMinor !== null && e.currency ? { amountMinor: e.amountMinor, currency: e.currency } : null,
          })),
      };
    },

    /** The local date in the shop's zone (for "returnable until" wording). */
    today(timezone: string): LocalDate {
      return localDate(clock().toISOString(), timezone);
    },
  };
}

export type RequestFlow = ReturnType<typeof createRequestFlow>;
