/**
 * The steps of a request that the shopper is emailed about (issue 27), and which timeline entry
 * calls for each. One email per request and step, at most: the step is the email's key.
 */
export const NOTIFY_STEPS = ["received", "approved", "declined", "item_received", "refunded", "credited", "exchanged"] as const;
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
};

/** The step a timeline entry calls for, or null (notes, internal entries, steps not mailed yet). */
export function stepOfEvent(type: string, internal = false): NotifyStep | null {
  if (internal) return null;
  return STEP_OF_EVENT[type] ?? null;
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
