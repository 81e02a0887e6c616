import { isInteger, isSafeNumber, parse as parseLossless } from "lossless-json";
import { z } from "zod";

import type { JobRepository } from "../repositories/jobs.server";

/**
 * Webhook topics whose work is done by a job: what each route keeps of Shopify's payload (ids and
 * statuses only; the privacy topics also keep who the request is about, scrubbed when done).
 * A payload that does not match is answered 400 and nothing is stored.
 */
/**
 * A REST id. Shopify's ids are 64-bit: one above 2^53 is not exact as a JavaScript number, so
 * bodies are parsed with `parseWebhookBody` (those ids arrive as digit strings) and a number that
 * is not a safe integer is refused rather than trusted.
 */
const numericId = z
  .union([z.number().int().refine(Number.isSafeInteger, "is beyond 2^53 and was rounded; parse the body with parseWebhookBody"), z.string().regex(/^\d+$/)])
  .transform(String);

/**
 * Parses a webhook's raw body (after `authenticate.webhook` has checked its HMAC) keeping every
 * integer exact: one beyond 2^53 becomes its digit string, everything else parses as JSON.parse would.
 */
export function parseWebhookBody(raw: string): unknown {
  return parseLossless(raw, null, (digits) => (isInteger(digits) && !isSafeNumber(digits) ? digits : Number(digits)));
}
const ref = z.object({ id: numericId, admin_graphql_api_id: z.string().startsWith("gid://shopify/").optional() });
const gidOf = (type: string, value: { id: string; admin_graphql_api_id?: string }) => value.admin_graphql_api_id ?? `gid://shopify/${type}/${value.id}`;

const returnTopic = ref.extend({ status: z.string().optional() }).transform((r) => ({ returnId: gidOf("Return", r) }));

export const WEBHOOK_TOPICS = {
  "orders/updated": ref.extend({ name: z.string() }).transform((o) => ({ orderId: gidOf("Order", o), orderName: o.name })),
  "orders/cancelled": ref.transform((o) => ({ orderId: gidOf("Order", o) })),
  "fulfillments/update": ref.extend({ order_id: numericId, shipment_status: z.string().nullable().optional(), updated_at: z.string() }).transform((f) => ({
    orderId: `gid://shopify/Order/${f.order_id}`,
    deliveredAt: f.shipment_status === "delivered" ? f.updated_at : null,
  })),
  "refunds/create": ref.extend({ order_id: numericId }).transform((r) => ({ refundId: gidOf("Refund", r), orderId: `gid://shopify/Order/${r.order_id}` })),
  "returns/request": returnTopic,
  "returns/approve": returnTopic,
  "returns/decline": returnTopic,
  "returns/process": returnTopic,
  "returns/close": returnTopic,
  "returns/cancel": returnTopic,
  "customers/redact": z
    .object({ customer: z.object({ id: numericId.nullable().optional(), email: z.string().nullable().optional() }), orders_to_redact: z.array(numericId).default([]) })
    .transform((p) => ({
      customerId: p.customer.id ? `gid://shopify/Customer/${p.customer.id}` : null,
      email: p.customer.email ?? null,
      orderIds: p.orders_to_redact.map((id) => `gid://shopify/Order/${id}`),
    })),
  "customers/data_request": z
    .object({ customer: z.object({ id: numericId.nullable().optional(), email: z.string().nullable().optional() }), orders_requested: z.array(numericId).default([]), data_request: z.object({ id: numericId }).optional() })
    .transform((p) => ({
      customerId: p.customer.id ? `gid://shopify/Customer/${p.customer.id}` : null,
      email: p.customer.email ?? null,
      orderIds: p.orders_requested.map((id) => `gid://shopify/Order/${id}`),
      dataRequestId: p.data_request?.id ?? null,
    })),
} as const;

export type JobTopic = keyof typeof WEBHOOK_TOPICS;
export type TopicPayload<T extends JobTopic> = z.output<(typeof WEBHOOK_TOPICS)[T]>;

/** Topics whose job payload names a person: emptied once the job is done. */
export const PRIVACY_TOPICS: readonly string[] = ["customers/redact", "customers/data_request"];

/** What `authenticate.webhook` hands a route (its topic is Shopify's header, as "ORDERS_UPDATED"). */
export type WebhookDelivery = { shop: string; topic: string; eventId?: string; webhookId?: string; payload: unknown };

/**
 * What a webhook route does after `authenticate.webhook`: checks the payload, then records the
 * event and its job in one transaction (the unique (shop, eventId) makes a redelivery a no-op).
 * Answers at once; the job does the work.
 */
export async function acceptWebhook(jobs: JobRepository, topic: JobTopic, delivery: WebhookDelivery): Promise<Response> {
  // Each route serves one topic; a delivery of another topic sent to it is refused.
  if (delivery.topic !== topic.toUpperCase().replace(/\//g, "_")) return new Response(`this route handles ${topic}, not ${delivery.topic}`, { status: 400 });
  const parsed = WEBHOOK_TOPICS[topic].safeParse(delivery.payload);
  if (!parsed.success) {
    return new Response(`${topic} payload: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`, { status: 400 });
  }
  // Shopify sends X-Shopify-Event-Id on every delivery; a retry of one delivery keeps its webhook id.
  const eventId = delivery.eventId ?? delivery.webhookId;
  if (!eventId) return new Response("missing X-Shopify-Event-Id", { status: 400 });
  const outcome = await jobs.acceptWebhook(delivery.shop, { topic, eventId, webhookId: delivery.webhookId ?? null }, { kind: "webhook", payload: { topic, eventId, data: parsed.data } });
  return new Response(null, { status: 200, headers: { "X-Aftercare-Webhook": outcome } });
}
