import type { IncomingMessage, ServerResponse } from "node:http";

import { DEFAULT_LIMIT_BYTES, JSON_LIMIT_BYTES, PHOTO_JSON_LIMIT_BYTES, UPLOAD_LIMIT_BYTES, WEBHOOK_LIMIT_BYTES } from "./body.server";
import { env } from "./env.server";
import { verifyShopifyWebhook } from "../jobs/intake.server";
import { answerLifecycleWebhook, answerWebhook, webhookIntake, type LifecycleTopic } from "../jobs/runtime.server";
import { WEBHOOK_TOPICS, type JobTopic, type WebhookAnswer } from "../jobs/webhooks.server";
import { logger, requestIdFrom, withRequest } from "./logger.server";
import { readerLocale, refusalText } from "./refusals";

/**
 * The production server's front (server.mjs; docs/decisions/011-webhook-fast-path.md). Every
 * request gets an id (X-Request-Id when a proxy sent a sane one, else a fresh one), answered in
 * its X-Request-Id header and carried by every log line written while serving it, and one access
 * line (method, path without its query string, status, time). Shopify's webhook POSTs are
 * answered here, before Remix: raw body, HMAC, headers, JSON, then the intake's group commit.
 * Everything else goes to `next` (Remix through Express), under a cap on its body counted as it
 * streams (`bodyLimitOf`); any answer given before its request's body has all arrived closes the
 * connection, so a refused body is never read on.
 */

const LIFECYCLE_TOPICS: readonly string[] = ["app/uninstalled", "shop/redact"] satisfies LifecycleTopic[];
/** A request's path as routes see it: lower case, without its query string and trailing slashes. */
function pathOf(url: string | undefined): string {
  const end = (url ?? "").search(/[?#]/);
  return (end === -1 ? (url ?? "") : (url ?? "").slice(0, end)).toLowerCase().replace(/\/+$/, "");
}

/**
 * The topic a webhook POST is for, from its path (`/webhooks/orders/updated`), or null. Matched
 * as Remix matches routes (any case, a trailing slash allowed), so no spelling of a webhook's
 * path reaches a route that would read its body without this path's cap.
 */
export function webhookTopicOf(method: string | undefined, url: string | undefined): string | null {
  if (method?.toUpperCase() !== "POST") return null;
  const path = pathOf(url);
  if (!path.startsWith("/webhooks/")) return null;
  const topic = path.slice("/webhooks/".length);
  return topic in WEBHOOK_TOPICS || LIFECYCLE_TOPICS.includes(topic) ? topic : null;
}

/**
 * How many bytes a request to `url` may send: each route reads with its own cap below this
 * (app/platform/body.server.ts) and answers in its reader's language; this one is the server's backstop
 * for any route that reads a body without one.
 */
export function bodyLimitOf(url: string | undefined): number {
  const path = pathOf(url);
  if (path.startsWith("/webhooks/")) return WEBHOOK_LIMIT_BYTES;
  if (path.startsWith("/apps/proxy/orders/")) return UPLOAD_LIMIT_BYTES;
  if (path === "/api/customer/photos") return PHOTO_JSON_LIMIT_BYTES;
  if (path.startsWith("/api/")) return JSON_LIMIT_BYTES;
  if (path.startsWith("/apps/proxy")) return JSON_LIMIT_BYTES;
  return DEFAULT_LIMIT_BYTES;
}

/** The body, or null once it passes the webhook cap (nothing more is kept or waited for). */
function readBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers["content-length"] ?? "0");
    if (Number.isFinite(declared) && declared > WEBHOOK_LIMIT_BYTES) return resolve(null);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= WEBHOOK_LIMIT_BYTES) return void chunks.push(chunk);
      // Answered now (413, the connection then closed); what is still in flight is dropped
      // unread, so the client's socket is not reset before it reads the answer.
      chunks.length = 0;
      request.off("data", onData);
      request.resume();
      resolve(null);
    };
    request.on("data", onData);
    request.on("end", () => resolve(size > WEBHOOK_LIMIT_BYTES ? null : Buffer.concat(chunks, size)));
    request.on("error", reject);
  });
}

/** One webhook POST, answered without Remix. */
export async function serveWebhook(request: IncomingMessage, response: ServerResponse, topic: string, requestId: string): Promise<void> {
  const startedAt = performance.now();
  const body = await readBody(request);
  let answer: WebhookAnswer;
  if (body === null) {
    answer = { status: 413, outcome: "refused", reason: "The body is larger than any Shopify webhook." };
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
    closeWhenAnsweredEarly(request, response);
    // The connecting peer, for the routes' client address (app/storefront/proxy.server.ts):
    // set here only, whatever a client sent under the same name.
    request.headers["x-aftercare-peer"] = request.socket.remoteAddress ?? "";
    withRequest(requestId, () => {
      response.once("finish", () => {
        const path = request.url?.split("?")[0];
        logger.info({ requestId, method: request.method, path, status: response.statusCode, ms: Number((performance.now() - started).toFixed(2)) }, "request");
      });
      const topic = webhookTopicOf(request.method, request.url);
      if (topic === null) {
        if (capBody(request, response, bodyLimitOf(request.url))) next(request, response);
        return;
      }
      serveWebhook(request, response, topic, requestId).catch((error: unknown) => {
        // The database could not take the delivery: 500, and Shopify delivers it again.
        logger.error({ topic, error: (error as Error).message }, "webhook not recorded");
        if (!response.headersSent) response.writeHead(500, { "Content-Type": "text/plain" });
        response.end("not recorded; deliver again");
      });
    });
  };
}

/**
 * An answer written while the request's body is still arriving (a refusal, a route that never
 * reads it) says `Connection: close`: Node then closes the socket once the answer is out instead
 * of reading the rest of the body to keep the connection.
 */
function closeWhenAnsweredEarly(request: IncomingMessage, response: ServerResponse): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    if (!request.complete && !this.headersSent) this.setHeader("Connection", "close");
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
}

/**
 * The server's cap on a body handed to Remix: a declared length over `limit` is answered 413 at
 * once; a body that streams past it (chunked, no length) is cut, its connection closed. Counted
 * where Node's parser hands the body over (`push`), so nothing is read twice or lost to the route.
 * False when the request was answered here.
 */
function capBody(request: IncomingMessage, response: ServerResponse, limit: number): boolean {
  const declared = Number(request.headers["content-length"] ?? "0");
  if (Number.isFinite(declared) && declared > limit) {
    tooLargeAnswer(request, response);
    return false;
  }
  let size = 0;
  let over = false;
  const push = request.push;
  request.push = function (this: IncomingMessage, chunk: unknown, encoding?: BufferEncoding) {
    // Past the cap nothing more reaches the route, not even the body's end: it never sees a
    // truncated body as a whole one, and its reading fails when the connection closes.
    if (over) return true;
    if (chunk !== null && chunk !== undefined) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        over = true;
        logger.warn({ path: pathOf(request.url), limit }, "request body over the server's cap; answered 413 and closed");
        if (!response.headersSent) tooLargeAnswer(request, response);
        return true;
      }
    }
    return push.call(this, chunk, encoding);
  } as IncomingMessage["push"];
  return true;
}

function tooLargeAnswer(request: IncomingMessage, response: ServerResponse): void {
  const text = refusalText(readerLocale(request.url ?? "/", headerOf(request, "Accept-Language")), "tooLarge");
  response.writeHead(413, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(text), Connection: "close" });
  // Node closes the connection once the answer is out (Connection: close).
  response.end(text);
}

/** Writes what the intake still holds, for a clean shutdown. */
export function drainWebhooks(): Promise<void> {
  return webhookIntake.idle();
}
