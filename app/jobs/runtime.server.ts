import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

import { env } from "../env.server";
import { logger } from "../logger.server";
import { metrics } from "../metrics.server";
import { dataExports, operations, requests, shops } from "../repositories/index.server";
import { photoStore } from "../requests/index.server";
import { authenticate, unauthenticated } from "../shopify.server";
import { acceptWebhook, acknowledge, parseWebhookBody, payloadProblem, refuse, type JobTopic, type WebhookDelivery } from "./webhooks.server";
import { queue } from "./process-queue.server";
import type { JobSink } from "./queue.server";
import { jobWorker, type JobDeps } from "./worker.server";

/**
 * The job worker. `npm run worker` (scripts/worker.ts) runs `startWorker`: the process's queue
 * (process-queue.server.ts: pg-boss on PostgreSQL, the Job table on SQLite) takes due work at once
 * and then as it comes, with the reconciler sweep and retention on their schedules. Web processes
 * only record and enqueue, unless JOBS_IN_WEB says they also run jobs (the development default,
 * for `shopify app dev`): then the first accepted webhook starts the queue's worker in the web
 * process. Several workers can run at once; the engine never hands one job to two of them at a
 * time, and every job is safe to run again (queue.server.ts).
 */
export const jobRuntime = {
  /** Tests that drain the queue themselves turn this off to keep each step deterministic. */
  autoRun: true,
};

/** Whether this web process runs jobs too (JOBS_IN_WEB; by default only outside production). */
export const jobsInWeb = env.JOBS_IN_WEB ? env.JOBS_IN_WEB === "true" : env.NODE_ENV !== "production";

const workerId = `worker-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;

const deps: JobDeps<JobSink> = {
  requests,
  operations,
  jobs: queue.sink,
  dataExports,
  adminFor: async (shop) => {
    try {
      return (await unauthenticated.admin(shop)).admin.graphql;
    } catch {
      return null; // no offline session: the app is not installed on this shop now
    }
  },
  log: logger,
  metrics: { jobFinished: (kind, outcome) => metrics.jobsFinished.inc({ kind, outcome }) },
  money: { reconcileGraceMs: env.RECONCILE_GRACE_MS },
  photos: photoStore,
};

declare global {
  var __aftercareWebWorker: Promise<void> | undefined;
}

/** JOBS_IN_WEB: starts this web process's worker once (later kicks find it running). */
export function kickJobs(): void {
  if (!jobRuntime.autoRun || !jobsInWeb) return;
  globalThis.__aftercareWebWorker ??= queue.start(jobWorker(deps)).then(
    () => void queue.schedule(),
    (error: unknown) => logger.error({ error: (error as Error).message }, "job worker failed to start"),
  );
}

/**
 * The worker process's loop: due work at once (work left due by a restart runs now, not when the
 * next webhook arrives), then as it comes; the recurring tasks registered. `stop` waits for the
 * jobs under way.
 */
export function startWorker(): { workerId: string; started: Promise<void>; stop(): Promise<void> } {
  logger.info({ workerId, engine: queue.engine }, "job worker started");
  const started = (async () => {
    const scheduled = await queue.schedule();
    logger.info({ workerId, scheduled }, "recurring jobs scheduled");
    await queue.start(jobWorker(deps));
  })();
  started.catch((error: unknown) => logger.error({ workerId, error: (error as Error).message }, "job worker failed to start"));
  return {
    workerId,
    started,
    async stop() {
      await started.catch(() => undefined);
      await queue.stop();
    },
  };
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
  const startedAt = performance.now();
  const requestId = request.headers.get("X-Request-Id") ?? randomUUID();
  const body = request.clone();
  const topic = request.headers.get("X-Shopify-Topic");
  const shop = request.headers.get("X-Shopify-Shop-Domain");
  let verified: Awaited<ReturnType<typeof authenticate.webhook>>;
  try {
    verified = await authenticate.webhook(request);
  } catch (thrown) {
    const topicLabel = topic ?? "unknown";
    // Only the library's own answers pass on untouched; JSON.parse fails only after the HMAC held.
    if (thrown instanceof Response) {
      logger.warn({ requestId, shop, topic, status: thrown.status, reason: REFUSALS[thrown.status] ?? thrown.statusText }, "webhook refused");
      metrics.webhooksReceived.inc({ topic: topicLabel, outcome: "refused" });
      throw thrown;
    }
    if (thrown instanceof SyntaxError) {
      throw refuse({ shop: shop ?? "unknown", topic: topicLabel, payload: null, requestId, startedAt }, topicLabel, "the signed body is not JSON");
    }
    throw thrown;
  }
  return { shop: verified.shop, topic: verified.topic, eventId: verified.eventId, webhookId: verified.webhookId, payload: parseWebhookBody(await body.text()), requestId, startedAt };
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
  const response = await acceptWebhook(queue, topic, delivery);
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
  if (problem || !eventId) return refuse(delivery, topic, problem ?? "missing X-Shopify-Event-Id");
  const event = { eventId, webhookId: delivery.webhookId ?? null };
  const outcome = topic === "app/uninstalled" ? await shops.uninstallOnce(delivery.shop, event, new Date()) : await shops.eraseOnce(delivery.shop, event, new Date());
  if (outcome === "accepted") logger.info({ requestId: delivery.requestId, shop: delivery.shop, topic, eventId }, topic === "app/uninstalled" ? "shop uninstalled; sessions removed" : "shop data erased");
  return acknowledge(delivery, topic, outcome);
}
