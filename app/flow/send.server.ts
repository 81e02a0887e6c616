import { exponentOf } from "../domain/money";
import { TICKET_TRIGGERS, legacyIdOf, type FlowTrigger, type FlowTriggerPayload } from "../domain/flow-triggers";
import { requestReference } from "../repositories/desk.server";
import type { FlowEventRecord, FlowRepository } from "../repositories/flow.server";
import type { RepairRepository } from "../repositories/repairs.server";
import type { RequestRecord, RequestRepository } from "../repositories/requests.server";
import type { ShopRecord } from "../repositories/shops.server";
import type { Admin } from "../shopify/client.server";
import { ShopifyOutcomeUnknownError, ShopifyUserErrors, describe } from "../shopify/errors";
import { FLOW_PAYLOAD_LIMIT_BYTES, sendFlowTrigger } from "../shopify/flow.server";

/**
 * The `flow` job (issue 27; docs/decisions/020-flow.md): one trigger event sent to Shopify Flow
 * with flowTriggerReceive, at most once. Its outbox row (FlowEvent) was written with the step; the
 * job takes it to `sending` BEFORE the call (a compare-and-set: of two workers, one sends), then
 * `sent`. Flow refusing it (userErrors) or Shopify not reached gives it back to `pending` and the
 * queue retries; a call whose outcome is unknown is never resent (a workflow may have run): the row
 * is `unknown` and the job ends on the desk's failed-jobs list. Nothing is sent while the shop has
 * no enabled workflow using the trigger, nor for a shop that uninstalled.
 */
export type FlowDeps = {
  flow: FlowRepository;
  requests: Pick<RequestRepository, "find">;
  repairs?: Pick<RepairRepository, "forRequest">;
  shops: { find(shop: string): Promise<ShopRecord | null> };
  adminFor: (shop: string) => Promise<Admin | null>;
  now?: () => Date;
};

/** How long a `sending` row is left to its sender (past the gateway's call budget) before it is called unknown. */
export const SENDING_GRACE_MS = 5 * 60_000;

/** A minor-unit amount as the decimal Flow's `number_decimal` field takes (1250 GBP → 12.5). */
function decimalOf(minor: number, currency: string): number {
  return minor / 10 ** exponentOf(currency);
}

/** The trigger's payload: the keys its extension declares, from the request, the event's entry and the repair ticket. */
export async function payloadFor(deps: Pick<FlowDeps, "flow" | "repairs">, shop: string, trigger: FlowTrigger, eventId: string | null, request: RequestRecord): Promise<FlowTriggerPayload> {
  const ticket = TICKET_TRIGGERS.includes(trigger) && deps.repairs ? await deps.repairs.forRequest(shop, request.id) : null;
  const entry = eventId ? await deps.flow.eventAmount(shop, eventId) : null;
  // What the event is worth: the quote for a quote's triggers, the money of the entry (a refund or
  // credit resolving it), else what the policy decided for the request.
  const quoted = trigger === "aftercare-quote-sent" || trigger === "aftercare-quote-paid" ? (ticket?.quote?.amountMinor ?? null) : null;
  const amountMinor = entry?.amountMinor ?? quoted ?? request.money.decidedMinor ?? 0;
  const currency = entry?.amountMinor !== null && entry?.amountMinor !== undefined ? (entry.currency ?? request.currency) : request.currency;
  const customerId = legacyIdOf(request.customerId);
  const orderId = legacyIdOf(request.orderId);
  if (orderId === null) throw new Error(`request ${request.id} has no Shopify order id (${request.orderId})`);
  return {
    ...(customerId !== null ? { customer_id: customerId } : {}),
    order_id: orderId,
    "Request ID": request.id,
    "Request number": requestReference(request),
    Kind: request.kind,
    Service: request.service ?? "",
    Reason: request.lines[0]?.reason ?? "",
    Amount: decimalOf(amountMinor, currency),
    Currency: currency,
    ...(TICKET_TRIGGERS.includes(trigger) ? { "Job number": ticket?.job ?? "" } : {}),
  };
}

/** Takes one outbox row as far as it goes; throws when the job should be tried again (or listed). */
export async function sendFlowEvent(deps: FlowDeps, shop: string, id: string): Promise<FlowEventRecord["status"] | "gone"> {
  const now = deps.now ?? (() => new Date());
  const row = await deps.flow.find(shop, id);
  if (!row) return "gone"; // erased with its shop
  if (row.status === "sent" || row.status === "skipped") return row.status;
  if (row.status === "sending" || row.status === "unknown") {
    const since = now().getTime() - (row.sendingAt?.getTime() ?? 0);
    if (row.status === "sending" && since < SENDING_GRACE_MS) throw new Error(`${row.trigger} is being sent (claimed ${Math.round(since / 1000)} s ago); looked at again later`);
    // A send interrupted after the call went out: Flow cannot be asked whether it ran the workflow.
    const reason = `outcome unknown: the ${row.trigger} trigger was sent to Shopify Flow but its answer was lost; not resent (a workflow may have run). Check the shop's Flow run history.`;
    await deps.flow.markUnknown(shop, id, reason);
    throw new Error(reason);
  }
  const skip = async (reason: string) => {
    await deps.flow.skip(shop, id, reason);
    return "skipped" as const;
  };
  const shopRecord = await deps.shops.find(shop);
  if (!shopRecord || shopRecord.uninstalledAt) return skip("the shop uninstalled Aftercare");
  if (!(await deps.flow.isSubscribed(shop, row.trigger))) return skip("no enabled workflow uses this trigger (Flow's lifecycle callback)");
  const request = await deps.requests.find(shop, row.requestId);
  if (!request) return skip("the request no longer exists");
  const admin = await deps.adminFor(shop);
  if (!admin) return skip("the shop uninstalled Aftercare");

  const payload = await payloadFor(deps, shop, row.trigger, row.eventId, request);
  const size = Buffer.byteLength(JSON.stringify(payload));
  if (size > FLOW_PAYLOAD_LIMIT_BYTES) return skip(`payload of ${size} bytes is over Flow's limit of ${FLOW_PAYLOAD_LIMIT_BYTES}`);
  if (!(await deps.flow.claim(shop, id, row.attempts, now()))) return "sending"; // another worker has it
  try {
    await sendFlowTrigger(admin, row.trigger, payload);
  } catch (error) {
    if (error instanceof ShopifyOutcomeUnknownError) {
      await deps.flow.markUnknown(shop, id, describe(error));
      throw new Error(`${row.trigger}: ${describe(error)}; never resent blind`);
    }
    // Refused (userErrors) or never reached: nothing ran; tried again with the queue's backoff.
    await deps.flow.release(shop, id, describe(error));
    if (error instanceof ShopifyUserErrors) throw new Error(`Shopify Flow refused ${row.trigger}: ${error.message}`);
    throw error;
  }
  await deps.flow.markSent(shop, id, now());
  return "sent";
}

/** Enqueues a flow job for every outbox row without one (the worker's `flow-sweep`, every minute). */
export async function queueFlowEvents(deps: { flow: FlowRepository; jobs: { enqueue(shop: string, job: { kind: string; payload: unknown; runAt?: Date }): Promise<unknown> }; now?: () => Date }): Promise<number> {
  const now = deps.now ?? (() => new Date());
  let queued = 0;
  for (const row of await deps.flow.unqueued()) {
    // Enqueued, then marked: a crash between enqueues it twice, and the row's claim makes the second a no-op.
    await deps.jobs.enqueue(row.shop, { kind: "flow", payload: { flowEventId: row.id }, runAt: now() });
    if (await deps.flow.markQueued(row.shop, row.id, now())) queued += 1;
  }
  return queued;
}
