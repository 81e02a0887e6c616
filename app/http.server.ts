import type { IncomingMessage, ServerResponse } from "node:http";

import { env } from "./env.server";
import { verifyShopifyWebhook } from "./jobs/intake.server";
import { answerLifecycleWebhook, answerWebhook, webhookIntake, type LifecycleTopic } from "./jobs/runtime.server";
import { WEBHOOK_TOPICS, type JobTopic, type WebhookAnswer } from "./jobs/webhooks.server";
import { logger, requestIdFrom, withRequest } from "./logger.server";

/**
 * The production server's front (server.mjs; docs/decisions/011-webhook-fast-path.md). Every
 * request gets an id (X-Request-Id when a proxy sent a sane one, else a fresh one), answered in
 * its X-Request-Id header and carried by every log line written while serving it, and one access
 * line (method, path without its query string, status, time). Shopify's webhook POSTs are
 * answered here, before Remix: raw body, HMAC, headers, JSON, then the intake's group commit.
 * Everything else goes to `next` (Remix through Express).
 */

const LIFECYCLE_TOPICS: readonly string[] = ["app/uninstalled", "shop/redact"] satisfies LifecycleTopic[];
/** Shopify's payloads are far below this; a larger body is not a webhook of ours. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The topic a webhook POST is for, from its path (`/webhooks/orders/updated`), or null. */
export function webhookTopicOf(method: string | undefined, url: string | undefined): string | null {
  if (method !== "POST" || !url?.startsWith("/webhooks/")) return null;
  const end = url.indexOf("?");
  const topic = url.slice("/webhooks/".length, end === -1 ? undefined : end);
  return topic in WEBHOOK_TOPICS || LIFECYCLE_TOPICS.includes(topic) ? topic : null;
}

function readBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks, size)));
    request.on("error", reject);
  });
}

/** One webhook POST, answered without Remix. */
export async function serveWebhook(request: IncomingMessage, response: ServerResponse, topic: string, requestId: string): Promise<void> {
  const startedAt = performance.now();
  const body = await readBody(request);
  let answer: WebhookAnswer;
  if (body === null) {
    answer = { status: 413, outcome: "refused", reason: "the body is larger than any Shopify webhook" };
  } else {
    const verified = verifyShopifyWebhook({ method: request.method ?? "", header: (name) => headerOf(request, name), body, secret: env.SHOPIFY_API_SECRET, requestId, startedAt });
    if (!verified.ok) answer = { status: verified.status, outcome: "refused", reason: verified.reason };
    else if (LIFECYCLE_TOPICS.includes(topic)) answer = await answerLifecycleWebhook(topic as LifecycleTopic, verified.delivery);
    else answer = await answerWebhook(topic as JobTopic, verified.delivery);
  }
  const text = answer.status === 200 ? "" : (answer.reason ?? "");
  response.writeHead(answer.status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(text), "X-Aftercare-Webhook": answer.outcome });
  response.end(text);
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The server's request listener: request id and access line for every request, webhooks on the
 * fast path, the rest to `next`.
 */
export function createRequestListener(next: (request: IncomingMessage, response: ServerResponse) => void) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const requestId = requestIdFrom(headerOf(request, "X-Request-Id"));
    const started = performance.now();
    response.setHeader("X-Request-Id", requestId);
    withRequest(requestId, () => {
      response.once("finish", () => {
        const path = request.url?.split("?")[0];
        logger.info({ requestId, method: request.method, path, status: response.statusCode, ms: Number((performance.now() - started).toFixed(2)) }, "request");
      });
      const topic = webhookTopicOf(request.method, request.url);
      if (topic === null) return next(request, response);
      serveWebhook(request, response, topic, requestId).catch((error: unknown) => {
        // The database could not take the delivery: 500, and Shopify delivers it again.
        logger.error({ topic, error: (error as Error).message }, "webhook not recorded");
        if (!response.headersSent) response.writeHead(500, { "Content-Type": "text/plain" });
        response.end("not recorded; deliver again");
      });
    });
  };
}

/** Writes what the intake still holds, for a clean shutdown. */
export function drainWebhooks(): Promise<void> {
  return webhookIntake.idle();
}
