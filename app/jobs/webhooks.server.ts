import { z } from "zod";

import { logger } from "../platform/logger.server";
import { metrics } from "../platform/metrics.server";
import type { JobRepository } from "../repositories/jobs.server";

/**
 * Webhook topics whose work is done by a job: what each route keeps of Shopify's payload (ids and
 * statuses only; the privacy topics also keep who the request is about, scrubbed when done).
 *
 * Every payload Shopify can send is accepted (a 4xx makes Shopify retry and, in the end, drop the
 * subscription). One rule for ids: an entity's own id is its `admin_graphql_api_id`; an id the
 * payload only gives as a number (a fulfilment's or refund's `order_id`, a customer, orders to
 * redact) is read from the body's own digits (`parseWebhookBody`), so 18-digit ids stay exact.
 * A payload that leaves the app nothing to do (Shopify's `{}` example for returns/process, a
 * fulfilment not yet delivered) maps to null: acknowledged, logged, nothing stored. Only a body
 * that is not a JSON object, or a field of the wrong type, is refused (400).
 */
// A number beyond 2^53 can only have been rounded by a parser other than parseWebhookBody: refused, never trusted.
const digits = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative().refine(Number.isSafeInteger, "is beyond 2^53 and was rounded; parse the body with parseWebhookBody")]).transform(String);
const gid = (type: string) => z.string().startsWith(`gid://shopify/${type}/`);
const returnTopic = z.looseObject({ admin_graphql_api_id: gid("Return").optional() }).transform((r) => (r.admin_graphql_api_id ? { returnId: r.admin_graphql_api_id } : null));
const person = z.looseObject({ id: digits.nullable().optional(), email: z.string().nullable().optional() }).nullable().optional();

export const WEBHOOK_TOPICS = {
  "orders/updated": z
    .looseObject({ admin_graphql_api_id: gid("Order").optional(), name: z.string().optional() })
    .transform((o) => (o.admin_graphql_api_id && o.name ? { orderId: o.admin_graphql_api_id, orderName: o.name } : null)),
  // An order made from a repair quote's draft order (docs/decisions/018-quotes): it carries the
  // draft's tags. Only the tags that name a ticket's quote are kept; any other order is ignored.
  "orders/create": z
    .looseObject({ admin_graphql_api_id: gid("Order").optional(), tags: z.string().nullable().optional() })
    .transform((o) => {
      const tags = (o.tags ?? "").split(",").map((t) => t.trim()).filter((t) => t.startsWith("aftercare-repair-"));
      return o.admin_graphql_api_id && tags.length ? { orderId: o.admin_graphql_api_id, tags } : null;
    }),
  "orders/cancelled": z.looseObject({ admin_graphql_api_id: gid("Order").optional() }).transform((o) => (o.admin_graphql_api_id ? { orderId: o.admin_graphql_api_id } : null)),
  "fulfillments/update": z
    .looseObject({ order_id: digits.optional(), shipment_status: z.string().nullable().optional(), updated_at: z.string().optional() })
    // Only a delivery matters to a request (its return window may start then).
    .transform((f) => (f.order_id && f.shipment_status === "delivered" && f.updated_at ? { orderId: `gid://shopify/Order/${f.order_id}`, deliveredAt: f.updated_at } : null)),
  // A refund made anywhere (Aftercare, Shopify admin, POS): its return, the order lines it
  // refunds and the money its successful refund transactions paid back, in the shopper's currency.
  "refunds/create": z
    .looseObject({
      admin_graphql_api_id: gid("Refund").optional(),
      order_id: digits.optional(),
      return: z.looseObject({ admin_graphql_api_id: gid("Return").optional() }).nullable().optional(),
      refund_line_items: z.array(z.looseObject({ line_item_id: digits.nullable().optional() })).nullable().optional(),
      transactions: z
        .array(z.looseObject({ kind: z.string().nullable().optional(), status: z.string().nullable().optional(), amount: z.union([z.string(), z.number()]).nullable().optional(), currency: z.string().nullable().optional() }))
        .nullable()
        .optional(),
    })
    .transform((r) =>
      r.admin_graphql_api_id && r.order_id
        ? {
            refundId: r.admin_graphql_api_id,
            orderId: `gid://shopify/Order/${r.order_id}`,
            returnId: r.return?.admin_graphql_api_id ?? null,
            lineItemIds: (r.refund_line_items ?? []).flatMap((l) => (l.line_item_id ? [`gid://shopify/LineItem/${l.line_item_id}`] : [])),
            paid: (r.transactions ?? [])
              .filter((t) => t.kind === "refund" && t.status === "success" && t.amount !== null && t.amount !== undefined && t.currency)
              .map((t) => ({ amount: String(t.amount), currency: String(t.currency) })),
          }
        : null,
    ),
  "returns/request": returnTopic,
  "returns/approve": returnTopic,
  "returns/decline": returnTopic,
  "returns/process": returnTopic,
  "returns/close": returnTopic,
  "returns/cancel": returnTopic,
  "customers/redact": z
    .looseObject({ customer: person, orders_to_redact: z.array(digits).nullable().optional() })
    .transform((p) => ({
      customerId: p.customer?.id ? `gid://shopify/Customer/${p.customer.id}` : null,
      email: p.customer?.email ?? null,
      orderIds: (p.orders_to_redact ?? []).map((id) => `gid://shopify/Order/${id}`),
    })),
  "customers/data_request": z
    .looseObject({ customer: person, orders_requested: z.array(digits).nullable().optional(), data_request: z.looseObject({ id: digits.optional() }).nullable().optional() })
    .transform((p) => ({
      customerId: p.customer?.id ? `gid://shopify/Customer/${p.customer.id}` : null,
      email: p.customer?.email ?? null,
      orderIds: (p.orders_requested ?? []).map((id) => `gid://shopify/Order/${id}`),
      dataRequestId: p.data_request?.id ?? null,
    })),
} as const;

/**
 * JSON.parse that keeps integers too large for a double as their exact digits (strings), through
 * the reviver's access to the source text (Node 22): `820982911946154508` stays exact instead of
 * becoming 820982911946154500.
 */
export function parseWebhookBody(raw: string): unknown {
  return JSON.parse(raw, (_key: string, value: unknown, context?: { source?: string }) =>
    typeof value === "number" && !Number.isSafeInteger(value) && context?.source !== undefined && /^-?\d+$/.test(context.source) ? context.source : value,
  );
}

export type JobTopic = keyof typeof WEBHOOK_TOPICS;
/** What a job gets: the topic's data (a payload mapping to null is never enqueued). */
export type TopicPayload<T extends JobTopic> = NonNullable<z.output<(typeof WEBHOOK_TOPICS)[T]>>;

/** Topics whose job payload names a person: emptied once the job is done. */
export const PRIVACY_TOPICS: readonly string[] = ["customers/redact", "customers/data_request"];

/** What `authenticate.webhook` hands a route (its topic is Shopify's header, as "ORDERS_UPDATED"). */
export type WebhookDelivery = {
  shop: string;
  topic: string;
  eventId?: string;
  webhookId?: string;
  payload: unknown;
  /** The request's id for the logs (X-Request-Id, or one made on arrival). */
  requestId?: string;
  /** performance.now() on arrival, for the acknowledgement latency metric. */
  startedAt?: number;
};

/** Counts the answer and its latency. */
function observe(delivery: WebhookDelivery, topic: string, outcome: WebhookOutcome): void {
  metrics.webhooksReceived.inc({ topic, outcome });
  if (delivery.startedAt !== undefined) metrics.webhookAckSeconds.observe({ topic }, (performance.now() - delivery.startedAt) / 1000);
}

/** Why a delivery was answered as it was, for the log line each one gets. */
export type WebhookOutcome = "accepted" | "duplicate" | "ignored" | "unknown-shop" | "refused";

/** A webhook's answer as plain data: the fast path writes it straight to the socket, a route makes a Response of it. */
export type WebhookAnswer = { status: number; outcome: WebhookOutcome; reason?: string };

/** Where accepted deliveries go: the job queue (queue.server.ts), or the intake's group commit in front of it. */
export type WebhookStore = Pick<JobRepository, "acceptWebhook">;

export function answerResponse(answer: WebhookAnswer): Response {
  return new Response(answer.status === 200 ? null : (answer.reason ?? null), { status: answer.status, headers: { "X-Aftercare-Webhook": answer.outcome } });
}

/** A 400, logged with its reason (never the payload) and counted. */
export function refusal(delivery: WebhookDelivery, topic: string, reason: string): WebhookAnswer {
  logger.warn({ requestId: delivery.requestId, shop: delivery.shop, topic, eventId: delivery.eventId, webhookId: delivery.webhookId, status: 400, reason }, "webhook refused");
  observe(delivery, topic, "refused");
  return { status: 400, outcome: "refused", reason };
}

export function refuse(delivery: WebhookDelivery, topic: string, reason: string): Response {
  return answerResponse(refusal(delivery, topic, reason));
}

/**
 * What a webhook does once verified: checks the payload, then records the event and its job in
 * one short transaction (the unique (shop, eventId) makes a redelivery a no-op), nothing else.
 * Answers at once; a worker does the work. A shop that never installed the app is acknowledged
 * and nothing is stored; so is a payload that leaves the app nothing to do.
 */
export async function intakeWebhook(store: WebhookStore, topic: JobTopic, delivery: WebhookDelivery): Promise<WebhookAnswer> {
  // Each route serves one topic; a delivery of another topic sent to it is refused.
  if (delivery.topic !== topic.toUpperCase().replace(/\//g, "_")) return refusal(delivery, topic, `this route handles ${topic}, not ${delivery.topic}`);
  const problem = payloadProblem(delivery);
  if (problem) return refusal(delivery, topic, problem);
  const parsed = WEBHOOK_TOPICS[topic].safeParse(delivery.payload);
  if (!parsed.success) return refusal(delivery, topic, `${topic} payload: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  // Shopify sends X-Shopify-Event-Id on every delivery; a retry of one delivery keeps its webhook id.
  const eventId = delivery.eventId ?? delivery.webhookId;
  if (!eventId) return refusal(delivery, topic, "missing X-Shopify-Event-Id");
  const outcome: WebhookOutcome =
    parsed.data === null ? "ignored" : await store.acceptWebhook(delivery.shop, { topic, eventId, webhookId: delivery.webhookId ?? null }, { kind: "webhook", payload: { topic, eventId, data: parsed.data } });
  return acknowledgement(delivery, topic, outcome);
}

/** `intakeWebhook` as a Response (the Remix routes). */
export async function acceptWebhook(store: WebhookStore, topic: JobTopic, delivery: WebhookDelivery): Promise<Response> {
  return answerResponse(await intakeWebhook(store, topic, delivery));
}

/** 200 with the outcome; what was not stored is logged with why. */
export function acknowledgement(delivery: WebhookDelivery, topic: string, outcome: WebhookOutcome): WebhookAnswer {
  observe(delivery, topic, outcome);
  if (outcome === "ignored" || outcome === "unknown-shop") {
    logger.info({ requestId: delivery.requestId, shop: delivery.shop, topic, eventId: delivery.eventId, outcome }, outcome === "ignored" ? "webhook acknowledged: nothing for the app to do" : "webhook acknowledged and dropped: the shop never installed the app");
  }
  return { status: 200, outcome };
}

export function acknowledge(delivery: WebhookDelivery, topic: string, outcome: WebhookOutcome): Response {
  return answerResponse(acknowledgement(delivery, topic, outcome));
}

/**
 * What every topic's payload must be: a JSON object, and where it names its shop (the privacy
 * topics' `shop_domain`), the shop the signed header names.
 */
export function payloadProblem(delivery: WebhookDelivery): string | null {
  const payload = delivery.payload;
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return "the payload is not a JSON object";
  const domain = (payload as { shop_domain?: unknown }).shop_domain;
  if (domain !== undefined && domain !== delivery.shop) return `the payload's shop_domain ${String(domain)} is not the signed shop ${delivery.shop}`;
  return null;
}
