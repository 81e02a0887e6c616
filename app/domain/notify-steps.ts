/**
 * The steps of a request that the shopper is emailed about (issue 27), and which timeline entry
 * calls for each. One email per request and step, at most: the step is the email's key.
 */
export const NOTIFY_STEPS = [
  "received",
  "approved",
  "declined",
  "item_received",
  "refunded",
  "credited",
  "exchanged",
  // A request the desk cancelled before its items arrived (the shopper kept them, or asked twice).
  "cancelled",
  // The repair bench's steps the shopper hears of (one ticket per request, so one email per ticket and step).
  "repair_received",
  "repair_assessed",
  "repair_quoted",
  "repair_paid",
  "repair_ready",
  "repair_sent_back",
  "repair_collected",
] as const;
export type NotifyStep = (typeof NOTIFY_STEPS)[number];

/** The timeline entry type (RequestEvent.type) that calls for a step's email. */
const STEP_OF_EVENT: Record<string, NotifyStep> = {
  requested: "received",
  approved: "approved",
  declined: "declined",
  received: "item_received",
  refunded: "refunded",
  credited: "credited",
  exchanged: "exchanged",
  cancelled: "cancelled",
};

/** The step a timeline entry calls for, or null (notes, internal entries, steps not mailed yet). */
export function stepOfEvent(type: string, internal = false): NotifyStep | null {
  if (internal) return null;
  return STEP_OF_EVENT[type] ?? null;
}

/**
 * The repair ticket's state (app/repairs/machine.ts) whose move calls for a step's email: the
 * piece taken in, assessed, quoted, the quote paid, ready, sent back or collected. Declined,
 * expired and cancelled tickets are told by the desk in its own words; the bench's entries are
 * the team's (internal), so the email is written from the ticket, never from the entry's words.
 */
const STEP_OF_REPAIR_STATE: Record<string, NotifyStep> = {
  received: "repair_received",
  assessed: "repair_assessed",
  quoted: "repair_quoted",
  quote_accepted: "repair_paid",
  ready: "repair_ready",
  sent_back: "repair_sent_back",
  collected: "repair_collected",
};

/** The step a repair ticket's move into `to` calls for, or null. */
export function stepOfRepairMove(to: string): NotifyStep | null {
  return STEP_OF_REPAIR_STATE[to] ?? null;
}

export function isNotifyStep(value: unknown): value is NotifyStep {
  return typeof value === "string" && (NOTIFY_STEPS as readonly string[]).includes(value);
}

/**
 * Steps Shopify itself can email the shopper about: a return approved or declined
 * (`returnApproveRequest` / `returnDeclineRequest` with `notifyCustomer`), a refund
 * (`refundCreate` / `returnProcess` with `notify`), store credit (`storeCreditAccountCredit` with
 * `notify`), an exchange processed (`returnProcess` with `notifyCustomer`). For these the shop
 * chooses who sends it; never both.
 */
export const SHOPIFY_CAN_SEND: readonly NotifyStep[] = ["approved", "declined", "refunded", "credited", "exchanged"];

export type Sender = "aftercare" | "shopify";

/**
 * Who sends a step when the shop has not chosen (docs/decisions/016-shopper-emails.md): Aftercare
 * whenever it can send mail at all (its email is in the shopper's language, carries the merchant's
 * words and the status link); Shopify when the app has no SMTP configured, so the shopper is still
 * told. Steps Shopify cannot send are always Aftercare's.
 */
export function defaultSender(step: NotifyStep, mailConfigured: boolean): Sender {
  if (!SHOPIFY_CAN_SEND.includes(step)) return "aftercare";
  return mailConfigured ? "aftercare" : "shopify";
}
