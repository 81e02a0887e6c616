import type { LocalDate } from "../../domain/calendar";
import { decide, type LineDecision } from "../../domain/engine/decide";
import { groupsOf } from "../../domain/engine/match";
import { lastDay } from "../../domain/engine/windows";
import { parseMinorUnits } from "../../domain/money";
import type { OfferedCase, Policy, ServiceRule, WindowRule } from "../../domain/policy/schema";
import type { HistoryEntry, OrderLine, Scenario } from "../../domain/scenario";
import type { Cause, Reason, RequestKind, ServiceKind } from "../../domain/vocabulary";
import type { RequestSummary } from "../../repositories/requests.server";
import type { Entitlement, ServiceTerms } from "../../schemas/requests";
import type { DecisionOrder } from "../../shopify/order-mapping";
import { AS_NEW, DECIDED_PER_SNAPSHOT, OPEN_STATUSES, SPENT_STATUSES, type Loaded } from "./shared.server";

/**
 * Decide: what the engine says of an order's lines on the published policy (each line's
 * entitlements, decided once per order snapshot, day and stored requests), and the policy's words
 * for a refusal. Pure functions of the order as loaded.
 */

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

/**
 * What the engine counts against allowances: services asked for (a declined or cancelled one
 * used nothing), and parts the merchant sent on any request, warranty claims included. A service
 * that went to the bench holds its allowance while its ticket is open and uses it only when the
 * ticket is handed back worked for free (recorded then); a cancelled ticket, or one handed back
 * after a declined or expired quote, or after paid work, gives it back (docs/decisions/023).
 */
export function history(stored: RequestSummary[]): HistoryEntry[] {
  return stored.flatMap((r) => {
    const service = r.kind === "service" && !SPENT_STATUSES.has(r.status) && (!r.ticket || !CLOSED_TICKET_STATES.has(r.ticket.state) || r.ticket.allowanceUsed);
    return r.lines
      .filter((l) => service || l.partsSent > 0)
      .map((l) => ({ kind: r.kind, service: r.kind === "service" ? (r.service as ServiceKind | null) : null, lineId: l.lineItemId, at: r.createdAt.toISOString(), partsSent: l.partsSent }));
  });
}

/** A ticket in these states holds nothing more (app/repairs/machine.ts CLOSED_STATES). */
const CLOSED_TICKET_STATES = new Set(["sent_back", "collected", "cancelled"]);

export function scenario(loaded: Loaded, request: Scenario["request"]): Scenario {
  return {
    id: `${loaded.order.orderId}:${request.kind}`,
    now: loaded.now.toISOString(),
    shop: loaded.order.shop,
    order: loaded.order.order,
    request,
    history: history(loaded.stored),
  };
}

export function windowsOf(policy: Policy, kind: Entitlement["kind"], service: ServiceKind | null): WindowRule[] {
  if (kind === "service") return policy.services.find((s) => s.service === service)?.windows ?? [];
  const rules = kind === "warranty" ? policy.warranty : kind === "faulty" ? policy.returns.faulty : policy.returns.changeOfMind;
  return rules.enabled ? rules.windows : [];
}

/** The last day an open window allows for this line (the latest of those that apply), or null. */
export function until(loaded: Loaded, line: OrderLine, rules: WindowRule[]): LocalDate | null {
  return latestWindow(loaded, line, rules)?.last ?? null;
}

/** Of the windows that apply to this line, the one that ends last, with its last day (null: no limit). */
export function latestWindow(loaded: Loaded, line: OrderLine, rules: WindowRule[]): { rule: WindowRule; last: LocalDate | null } | null {
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
export function refusalWords(loaded: Loaded, line: OrderLine, d: LineDecision, rules: WindowRule[]): { reasons: string[]; ended: LocalDate | null } {
  const latest = d.blockers.includes("window_expired") ? latestWindow(loaded, line, rules) : null;
  if (!latest?.last) return { reasons: refusalsOf(d), ended: null };
  const windowRule = (e: { rule: string }) => e.rule.includes(".windows.");
  const other = d.explanation.filter((e) => e.outcome === "blocked" && !windowRule(e)).map((e) => e.text);
  return { reasons: [...new Set([latest.rule.text, ...other])], ended: latest.last };
}

export function refusalsOf(line: LineDecision): string[] {
  return [...new Set(line.explanation.filter((e) => e.outcome === "blocked").map((e) => e.text))];
}

/** Units of a line Shopify records as refunded or returned (0 for a line still returnable). */
export function returnedUnits(order: DecisionOrder, lineId: string): number {
  return order.unavailable.find((u) => u.lineId === lineId)?.returned ?? 0;
}

export function openFor(loaded: Loaded, lineId: string) {
  return loaded.stored.filter((r) => OPEN_STATUSES.has(r.status) && r.lines.some((l) => l.lineItemId === lineId));
}

export function sameKind(request: RequestSummary, kind: Entitlement["kind"], service: ServiceKind | null): boolean {
  if (kind === "service") return request.kind === "service" && request.service === service;
  if (kind === "warranty") return request.kind === "warranty";
  return request.kind === "return";
}

/**
 * Each line's entitlements, decided once per order snapshot, policy, day and state of the
 * stored requests: the engine is pure and reads the clock only as the shop's local date, so
 * the same inputs give the same answer and a page viewed again is not decided again.
 */
export function entitlements(loaded: Loaded): Map<string, Entitlement[]> {
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
export function decideEntitlements(loaded: Loaded): Map<string, Entitlement[]> {
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

/** A service as the merchant named and priced it: a fixed price is in the shop's money. */
export function termsOf(rule: ServiceRule, shopCurrency: string): ServiceTerms {
  const price: ServiceTerms["price"] =
    rule.price?.kind === "fixed"
      ? { kind: "fixed", amount: { amountMinor: parseMinorUnits(rule.price.amount, shopCurrency), currency: shopCurrency } }
      : rule.price?.kind === "free" || (!rule.price && rule.charge === "free")
        ? { kind: "free" }
        : { kind: "quote" };
  return { service: rule.service, name: rule.label ?? null, price, turnaround: rule.turnaround?.text ?? null, asksCause: !!rule.causesNotCovered, asksLiability: !!rule.liabilityAcknowledgement };
}

export function caseRulesOf(policy: Policy, line: LineDecision): OfferedCase | null {
  const rules = line.case === "warranty" ? policy.warranty : line.case === "faulty" ? policy.returns.faulty : line.case === "change_of_mind" ? policy.returns.changeOfMind : null;
  return rules?.enabled ? rules : null;
}
