import { randomUUID } from "node:crypto";

import { logger } from "../logger.server";
import { dataExports, jobs, operations, requests, shops } from "../repositories/index.server";
import { authenticate, unauthenticated } from "../shopify.server";
import { acceptWebhook, acknowledge, parseWebhookBody, payloadProblem, type JobTopic, type WebhookDelivery } from "./webhooks.server";
import { runDueJobs, sweepUnfinishedOperations, type JobDeps } from "./worker.server";

/**
 * The process's job worker: the webhook routes kick it after answering, and a timer polls the
 * queue (jobs retried later, jobs left by a process that stopped). Several app processes can run
 * it at once: claiming is atomic (repositories/jobs.server.ts).
 */
export const jobRuntime = {
  /** Tests that drain the queue themselves turn this off to keep each step deterministic. */
  autoRun: true,
  pollMs: 5_000,
  /** How often unfinished money operations are handed to the reconciler. */
  sweepMs: 5 * 60_000,
};

let lastSweep = 0;

const workerId = `worker-${process.pid}-${randomUUID().slice(0, 8)}`;

const deps: JobDeps = {
  requests,
  operations,
  jobs,
  dataExports,
  adminFor: async (shop) => {
    try {
      return (await unauthenticated.admin(shop)).admin.graphql;
    } catch {
      return null; // no offline session: the app is not installed on this shop now
    }
  },
  log: logger,
};

declare global {
  var __aftercareJobTimer: ReturnType<typeof setInterval> | undefined;
}

let running = false;

async function pass(): Promise<void> {
  if (running) return;
  running = true;
  try {
    if (Date.now() - lastSweep >= jobRuntime.sweepMs) {
      lastSweep = Date.now();
      await sweepUnfinishedOperations(deps);
    }
    for (;;) {
      const { ran } = await runDueJobs(deps, { workerId, limit: 20 });
      if (ran === 0) break;
    }
  } catch (error) {
    logger.error({ error: (error as Error).message }, "job worker pass failed");
  } finally {
    running = false;
  }
}

/** Runs due jobs soon, after the current response has gone; starts the poller once per process. */
export function kickJobs(): void {
  if (!jobRuntime.autoRun) return;
  if (!globalThis.__aftercareJobTimer) {
    globalThis.__aftercareJobTimer = setInterval(() => void pass(), jobRuntime.pollMs);
    globalThis.__aftercareJobTimer.unref();
  }
  setImmediate(() => void pass());
}

const REFUSALS: Record<number, string> = { 401: "the HMAC signature does not verify", 405: "not a POST", 400: "missing or invalid Shopify webhook headers" };

/**
 * `authenticate.webhook` (HMAC, headers), then the body read again so large integer ids stay
 * exact (`parseWebhookBody`). A body that is not JSON, though correctly signed, is answered 400
 * (the library's own JSON.parse would make it a 500); every refusal is logged with its reason.
 *
 * @example
 * export const action = async ({ request }: ActionFunctionArgs) =>
 *   receiveWebhook("orders/cancelled", await verifyWebhook(request));
 */
export async function verifyWebhook(request: Request): Promise<WebhookDelivery> {
  const body = request.clone();
  const topic = request.headers.get("X-Shopify-Topic");
  const shop = request.headers.get("X-Shopify-Shop-Domain");
  let verified: Awaited<ReturnType<typeof authenticate.webhook>>;
  try {
    verified = await authenticate.webhook(request);
  } catch (thrown) {
    // Only the library's own answers pass on untouched; JSON.parse fails only after the HMAC held.
    if (thrown instanceof Response) {
      logger.warn({ shop, topic, status: thrown.status, reason: REFUSALS[thrown.status] ?? thrown.statusText }, "webhook refused");
      throw thrown;
    }
    if (thrown instanceof SyntaxError) {
      logger.warn({ shop, topic, status: 400, reason: "the signed body is not JSON" }, "webhook refused");
      throw new Response("the body is not JSON", { status: 400, headers: { "X-Aftercare-Webhook": "refused" } });
    }
    throw thrown;
  }
  return { shop: verified.shop, topic: verified.topic, eventId: verified.eventId, webhookId: verified.webhookId, payload: parseWebhookBody(await body.text()) };
}

/**
 * A webhook route's whole job after `verifyWebhook`: dedupe, enqueue, answer, and let the
 * worker run it.
 *
 * @example
 * export const action = async ({ request }: ActionFunctionArgs) =>
 *   receiveWebhook("orders/cancelled", await verifyWebhook(request));
 */
export async function receiveWebhook(topic: JobTopic, delivery: WebhookDelivery): Promise<Response> {
  const response = await acceptWebhook(jobs, topic, delivery);
  if (response.headers.get("X-Aftercare-Webhook") === "accepted") kickJobs();
  return response;
}

/**
 * The two lifecycle topics Shopify sends about the shop itself, each done at once (both are a
 * few deletes) and once per event id: app/uninstalled drops the access tokens; shop/redact erases
 * everything, after checking the payload names the shop the signed header names.
 */
export async function receiveLifecycleWebhook(topic: "app/uninstalled" | "shop/redact", delivery: WebhookDelivery): Promise<Response> {
  const expected = topic.toUpperCase().replace(/\//g, "_");
  const problem = delivery.topic !== expected ? `this route handles ${topic}, not ${delivery.topic}` : payloadProblem(delivery);
  const eventId = delivery.eventId ?? delivery.webhookId;
  if (problem || !eventId) {
    const reason = problem ?? "missing X-Shopify-Event-Id";
    logger.warn({ shop: delivery.shop, topic, eventId, status: 400, reason }, "webhook refused");
    return new Response(reason, { status: 400, headers: { "X-Aftercare-Webhook": "refused" } });
  }
  const event = { eventId, webhookId: delivery.webhookId ?? null };
  const outcome = topic === "app/uninstalled" ? await shops.uninstallOnce(delivery.shop, event, new Date()) : await shops.eraseOnce(delivery.shop, event, new Date());
  if (outcome === "accepted") logger.info({ shop: delivery.shop, topic, eventId }, topic === "app/uninstalled" ? "shop uninstalled; sessions removed" : "shop data erased");
  return acknowledge(delivery, topic, outcome);
}
