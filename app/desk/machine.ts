/**
 * What the merchant may do to a request in each state. Pure: the routes ask it which buttons to
 * show, the actions ask it again before they change anything (a stale page cannot act on a
 * request that moved on).
 *
 * requested → approve | decline
 * approved  → mark received
 * received  → record inspection | resolve | quote a paid repair
 * inspected → resolve | quote a paid repair | decline (when the engine refused every line on
 *             what the shop found: the items go back to the shopper)
 * any       → internal note
 * requested | approved → override a line's decision (with a note)
 */

import en from "../i18n/locales/en.json";
import type { Translate } from "../i18n/admin";

export const DESK_STATUSES = ["requested", "approved", "declined", "received", "inspected", "resolved", "closed", "cancelled"] as const;
export type DeskStatus = (typeof DESK_STATUSES)[number];
export type DeskKind = "return" | "warranty" | "service";

export const DESK_ACTIONS = ["approve", "decline", "receive", "inspect", "resolve", "note", "override", "quote", "cancel"] as const;
export type DeskAction = (typeof DESK_ACTIONS)[number];

/** How a request can be settled. Money methods move money through Shopify; the others record the work done. */
export const RESOLUTIONS = ["refund", "store_credit", "exchange", "repair", "replacement", "parts", "service", "quote"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const MONEY_RESOLUTIONS: readonly Resolution[] = ["refund", "store_credit"];

const BY_STATUS: Record<DeskStatus, DeskAction[]> = {
  requested: ["approve", "decline", "override", "note", "cancel"],
  approved: ["receive", "override", "note", "cancel"],
  received: ["inspect", "resolve", "quote", "note"],
  inspected: ["decline", "resolve", "quote", "note"],
  declined: ["note"],
  resolved: ["note"],
  closed: ["note"],
  cancelled: ["note"],
};

/** The statuses an action starts from (its compare-and-set). */
export const FROM: Record<Exclude<DeskAction, "note" | "override" | "quote">, DeskStatus[]> = {
  approve: ["requested"],
  decline: ["requested", "inspected"],
  receive: ["approved"],
  inspect: ["received"],
  resolve: ["received", "inspected"],
  // Before the item is at the shop; after receipt a request is resolved or declined.
  cancel: ["requested", "approved"],
};

export function allowedActions(request: { status: DeskStatus }): DeskAction[] {
  return BY_STATUS[request.status] ?? ["note"];
}

export function isAllowed(request: { status: DeskStatus }, action: DeskAction): boolean {
  return allowedActions(request).includes(action);
}

/** A line of the engine's decision, as much of it as the resolution list reads. */
export type DecidedLine = { eligible: boolean; resolutions: readonly string[] };

/** What the desk offered before decisions were stored: only for a request with no engine decision at all. */
const BY_KIND: Record<DeskKind, Resolution[]> = {
  return: ["refund", "store_credit"],
  warranty: ["repair", "replacement", "parts", "refund", "store_credit"],
  service: ["repair", "parts"],
};

/**
 * The resolutions the policy's decision offers for a request, in the policy's order and nothing
 * else: what every eligible line offers (one request is settled one way). The decision is the
 * engine's latest for the request: on what the shop found once an inspection is recorded, else
 * on the shopper's word. Beside them:
 * - a paid repair whose quote the shopper accepted (`acceptedQuote`) is resolved as "quote";
 * - a line the merchant accepted as a goodwill gesture (`goodwill`, a recorded override) when the
 *   engine refused every line gets the request kind's usual list, as the override says;
 * - a request stored without any engine decision (rows older than decisions) keeps that list too.
 * An exchange stays listed where the policy offers it; `exchangeUnavailable` says why it cannot be
 * done from the desk (the shopper chose no piece in exchange).
 */
export function resolutionsFor(
  kind: DeskKind,
  decision: { lines: readonly DecidedLine[] } | null,
  options: { acceptedQuote?: boolean; goodwill?: boolean } = {},
): Resolution[] {
  const extra: Resolution[] = options.acceptedQuote ? ["quote"] : [];
  if (!decision || decision.lines.length === 0) return [...BY_KIND[kind], ...extra];
  const eligible = decision.lines.filter((l) => l.eligible);
  if (eligible.length === 0) return options.goodwill ? [...BY_KIND[kind], ...extra] : extra;
  const offered = eligible
    .map((l) => l.resolutions.filter((r): r is Resolution => (RESOLUTIONS as readonly string[]).includes(r) && r !== "quote"))
    .reduce((a, b) => a.filter((r) => b.includes(r)));
  return [...new Set([...offered, ...extra])];
}

/** Why a listed resolution cannot be done from the desk for this request, or null when it can. */
export function unavailableReason(method: Resolution, request: { lines: readonly { exchangeVariantId: string | null }[] }, t?: Translate): string | null {
  if (method === "exchange" && !request.lines.some((l) => l.exchangeVariantId)) return t ? t("request.resolve.noExchangePiece") : "the shopper chose no piece in exchange";
  return null;
}

/**
 * Whether the policy's decision quotes paid work for a line it refused (contract revision 3,
 * `lines[].alternative`: "we will confirm or provide a quotation for the relevant repair"): the
 * desk then offers to quote a repair.
 */
export function offersPaidRepair(decision: unknown): boolean {
  const lines = (decision as { lines?: { alternative?: { resolution?: string; charge?: string } | null }[] } | null)?.lines ?? [];
  return lines.some((l) => l.alternative?.resolution === "repair" && l.alternative.charge === "paid");
}

/** The statuses in English, for the desk's own English messages; pages read `labels.status.*` in the merchant's language. */
export const STATUS_LABELS: Record<DeskStatus, string> = en.labels.status;

export const RESOLUTION_LABELS: Record<Resolution, string> = {
  refund: "Refund to original payment",
  store_credit: "Store credit",
  exchange: "Exchange for the chosen variant",
  repair: "Repair",
  replacement: "Replacement",
  parts: "Parts sent",
  service: "Service done",
  quote: "Paid repair (quote accepted)",
};

/** What the merchant sees when an action finds the request already past it. */
export function alreadyMessage(status: DeskStatus): string {
  return `This request is already ${STATUS_LABELS[status].toLowerCase()}.`;
}
