import { z } from "zod";

import { FLOW_TRIGGERS, isFlowTrigger, type FlowTrigger } from "../domain/flow-triggers";
import type { FlowRepository } from "../repositories/flow.server";

/**
 * What Shopify Flow sends the app (issue 27), once its signature is checked by the route: the
 * trigger lifecycle callback (a shop enabled or disabled a workflow using one of Aftercare's
 * triggers) and the runs of the "Hold Aftercare request for review" action. Both answer with a
 * status Flow understands: 2xx recorded, 4xx never worth retrying.
 * https://shopify.dev/docs/apps/build/flow/track-lifecycle-events
 * https://shopify.dev/docs/apps/build/flow/actions/endpoints
 */
export type FlowAnswer = { status: 200 | 404 | 422; message: string };

const shopDomain = z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "not a myshopify.com domain");

/** The trigger's names as Flow may give them: its extension handle, or the name the toml gives it. */
const TRIGGER_NAMES: Record<string, FlowTrigger> = {
  "Aftercare request submitted": "aftercare-request-submitted",
  "Aftercare request approved": "aftercare-request-approved",
  "Aftercare item received": "aftercare-item-received",
  "Aftercare quote sent": "aftercare-quote-sent",
  "Aftercare quote paid": "aftercare-quote-paid",
  "Aftercare repair ready": "aftercare-ticket-ready",
  "Aftercare request resolved": "aftercare-request-resolved",
};

export function triggerNamed(id: string): FlowTrigger | null {
  if (isFlowTrigger(id)) return id;
  return TRIGGER_NAMES[id] ?? null;
}

export const lifecycleSchema = z.object({
  flow_trigger_definition_id: z.string().min(1).max(200),
  has_enabled_flow: z.boolean(),
  shop_id: z.union([z.number(), z.string()]).optional(),
  shopify_domain: shopDomain,
  timestamp: z.string().datetime({ offset: true }),
});

/** Records whether the shop now has an enabled workflow using the trigger (the newer callback wins). */
export async function receiveLifecycle(flow: Pick<FlowRepository, "setSubscription">, body: unknown): Promise<FlowAnswer & { shop?: string }> {
  const parsed = lifecycleSchema.safeParse(body);
  if (!parsed.success) return { status: 422, message: `Not a trigger lifecycle callback: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` };
  const trigger = triggerNamed(parsed.data.flow_trigger_definition_id);
  if (!trigger) return { status: 404, message: `Aftercare has no trigger ${parsed.data.flow_trigger_definition_id}; its triggers are ${FLOW_TRIGGERS.join(", ")}.` };
  const recorded = await flow.setSubscription(parsed.data.shopify_domain, trigger, parsed.data.has_enabled_flow, new Date(parsed.data.timestamp));
  const state = parsed.data.has_enabled_flow ? "enabled" : "disabled";
  return { status: 200, shop: parsed.data.shopify_domain, message: recorded ? `${trigger} ${state} for ${parsed.data.shopify_domain}` : `${trigger}: an older callback, the newer one stands` };
}

export const holdActionSchema = z.object({
  shop_id: z.union([z.number(), z.string()]).optional(),
  shopify_domain: shopDomain,
  action_run_id: z.string().min(1).max(200),
  action_definition_id: z.string().max(200).optional(),
  handle: z.string().max(200).optional(),
  properties: z.object({
    request_id: z.string().trim().min(1, "Request ID is empty: give the Request ID of an Aftercare trigger").max(100),
    reason: z.string().trim().max(500).optional().nullable(),
  }),
});

/** Flow's hold action: the request is held for review, so the desk does not approve it until released. */
export async function receiveHold(
  deps: { flow: Pick<FlowRepository, "hold">; note: (shop: string, requestId: string, message: string, at: Date) => Promise<unknown>; now?: () => Date },
  body: unknown,
): Promise<FlowAnswer & { shop?: string }> {
  const parsed = holdActionSchema.safeParse(body);
  if (!parsed.success) return { status: 422, message: `Not a run of the hold action: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` };
  const { shopify_domain: shop, action_run_id: actionRunId, properties } = parsed.data;
  const at = (deps.now ?? (() => new Date()))();
  const reason = properties.reason?.trim() || null;
  const outcome = await deps.flow.hold(shop, properties.request_id, { reason, actionRunId }, at);
  // A request of another shop is as unknown as one that does not exist.
  if (outcome === "missing") return { status: 404, shop, message: `This shop has no Aftercare request ${properties.request_id}.` };
  if (outcome === "held") await deps.note(shop, properties.request_id, `Held for review by a Shopify Flow workflow${reason ? `: ${reason}` : ""}. It is not approved until someone releases the hold.`, at);
  return { status: 200, shop, message: outcome === "held" ? "held" : "already held" };
}
