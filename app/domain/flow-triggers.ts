/**
 * Aftercare's Shopify Flow triggers (issue 27; docs/decisions/020-flow.md): each is a `flow_trigger`
 * extension under extensions/<handle>/, and which step of a request is each one's event. One event
 * per request and trigger: the handle is the event's key, as the notify step is an email's.
 */
export const FLOW_TRIGGERS = [
  "aftercare-request-submitted",
  "aftercare-request-approved",
  "aftercare-item-received",
  "aftercare-quote-sent",
  "aftercare-quote-paid",
  "aftercare-ticket-ready",
  "aftercare-request-resolved",
] as const;
export type FlowTrigger = (typeof FLOW_TRIGGERS)[number];

export function isFlowTrigger(value: unknown): value is FlowTrigger {
  return typeof value === "string" && (FLOW_TRIGGERS as readonly string[]).includes(value);
}

/** The timeline entry types (RequestEvent.type) that are a trigger's event. */
const TRIGGERS_OF_EVENT: Record<string, readonly FlowTrigger[]> = {
  requested: ["aftercare-request-submitted"],
  approved: ["aftercare-request-approved"],
  received: ["aftercare-item-received"],
  quoted: ["aftercare-quote-sent"],
  resolved: ["aftercare-request-resolved"],
};

/**
 * The triggers a timeline entry is the event of. A request resolved by its paid quote (the desk's
 * "quote paid" resolution, data.method "quote") is also the quote's payment.
 */
export function triggersOfEvent(type: string, data: Record<string, unknown> = {}): FlowTrigger[] {
  const triggers = [...(TRIGGERS_OF_EVENT[type] ?? [])];
  if (type === "resolved" && data.method === "quote") triggers.push("aftercare-quote-paid");
  return triggers;
}

/** The repair ticket states (app/repairs/machine.ts) whose arrival is a trigger's event. */
const TRIGGER_OF_TICKET_STATE: Record<string, FlowTrigger> = {
  quoted: "aftercare-quote-sent",
  quote_accepted: "aftercare-quote-paid",
  ready: "aftercare-ticket-ready",
};

export function triggerOfTicketState(state: string): FlowTrigger | null {
  return TRIGGER_OF_TICKET_STATE[state] ?? null;
}

/**
 * The payload's keys: exactly the `key`s of the extension's [[settings.fields]] (Flow reads the
 * payload by them), with `customer_id` / `order_id` for the customer and order references.
 */
export type FlowTriggerPayload = {
  customer_id?: LegacyId;
  order_id: LegacyId;
  "Request ID": string;
  "Request number": string;
  Kind: string;
  Service: string;
  Reason: string;
  Amount: number;
  Currency: string;
  "Job number"?: string;
};

/** The triggers whose extension declares the repair ticket's job number. */
export const TICKET_TRIGGERS: readonly FlowTrigger[] = ["aftercare-quote-sent", "aftercare-quote-paid", "aftercare-ticket-ready"];

/** A Shopify resource's numeric id as Flow's references take it. */
export type LegacyId = number | string;

/**
 * The numeric id Flow's references take, from a Shopify gid ("gid://shopify/Order/123" → 123):
 * a JSON number where one holds it exactly, else its digits as a string, never a rounded number
 * (Shopify's ids are 64-bit; a double holds integers exactly only up to 2^53).
 */
export function legacyIdOf(gid: string | null | undefined): LegacyId | null {
  const match = /\/(\d+)$/.exec(gid ?? "");
  if (!match) return null;
  const value = Number(match[1]);
  return Number.isSafeInteger(value) ? value : match[1];
}
