/**
 * What the merchant may do to a request in each state. Pure: the routes ask it which buttons to
 * show, the actions ask it again before they change anything (a stale page cannot act on a
 * request that moved on).
 *
 * requested → approve | decline
 * approved  → mark received
 * received  → record inspection | resolve | quote a paid repair
 * inspected → resolve | quote a paid repair
 * any       → internal note
 * requested | approved → override a line's decision (with a note)
 */

export const DESK_STATUSES = ["requested", "approved", "declined", "received", "inspected", "resolved", "closed", "cancelled"] as const;
export type DeskStatus = (typeof DESK_STATUSES)[number];
export type DeskKind = "return" | "warranty" | "service";

export const DESK_ACTIONS = ["approve", "decline", "receive", "inspect", "resolve", "note", "override", "quote"] as const;
export type DeskAction = (typeof DESK_ACTIONS)[number];

/** How a request can be settled. Money methods move money through Shopify; the others record the work done. */
export const RESOLUTIONS = ["refund", "store_credit", "exchange", "repair", "replacement", "parts", "quote"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const MONEY_RESOLUTIONS: readonly Resolution[] = ["refund", "store_credit"];

const BY_STATUS: Record<DeskStatus, DeskAction[]> = {
  requested: ["approve", "decline", "override", "note"],
  approved: ["receive", "override", "note"],
  received: ["inspect", "resolve", "quote", "note"],
  inspected: ["resolve", "quote", "note"],
  declined: ["note"],
  resolved: ["note"],
  closed: ["note"],
  cancelled: ["note"],
};

/** The statuses an action starts from (its compare-and-set). */
export const FROM: Record<Exclude<DeskAction, "note" | "override" | "quote">, DeskStatus[]> = {
  approve: ["requested"],
  decline: ["requested"],
  receive: ["approved"],
  inspect: ["received"],
  resolve: ["received", "inspected"],
};

export function allowedActions(request: { status: DeskStatus }): DeskAction[] {
  return BY_STATUS[request.status] ?? ["note"];
}

export function isAllowed(request: { status: DeskStatus }, action: DeskAction): boolean {
  return allowedActions(request).includes(action);
}

/**
 * The resolutions that fit a request's kind. An exchange (Shopify hands over the variant the
 * shopper chose when the return is processed) only fits a return whose shopper chose one.
 */
export function resolutionsFor(kind: DeskKind, options: { exchange?: boolean } = {}): Resolution[] {
  switch (kind) {
    case "return":
      return options.exchange ? ["exchange", "refund", "store_credit"] : ["refund", "store_credit"];
    case "warranty":
      return ["repair", "replacement", "parts", "quote", "refund", "store_credit"];
    case "service":
      return ["repair", "parts", "quote"];
  }
}

export const STATUS_LABELS: Record<DeskStatus, string> = {
  requested: "New",
  approved: "Approved",
  declined: "Declined",
  received: "Item received",
  inspected: "Inspected",
  resolved: "Resolved",
  closed: "Closed",
  cancelled: "Cancelled",
};

export const RESOLUTION_LABELS: Record<Resolution, string> = {
  refund: "Refund to original payment",
  store_credit: "Store credit",
  exchange: "Exchange for the chosen variant",
  repair: "Repair",
  replacement: "Replacement",
  parts: "Parts sent",
  quote: "Paid repair (quote accepted)",
};

/** What the merchant sees when an action finds the request already past it. */
export function alreadyMessage(status: DeskStatus): string {
  return `This request is already ${STATUS_LABELS[status].toLowerCase()}.`;
}
