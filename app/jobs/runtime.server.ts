import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

import { env } from "../env.server";
import { logger } from "../logger.server";
import { metrics } from "../metrics.server";
import { dataExports, jobs, operations, requests, shops } from "../repositories/index.server";
import { photoStore } from "../requests/index.server";
import { retryShopifyReturns } from "../requests/return-retry.server";
import { authenticate, unauthenticated } from "../shopify.server";
import { acceptWebhook, acknowledge, parseWebhookBody, payloadProblem, refuse, type JobTopic, type WebhookDelivery } from "./webhooks.server";
import { pruneOldRows, runDueJobs, sweepUnfinishedOperations, type JobDeps } from "./worker.server";

/**
 * The job worker. `npm run worker` (scripts/worker.ts) runs `startWorker`: it polls the queue at
 * once and then every few seconds, hands unfinished money operations to the reconciler every few
 * minutes and prunes old rows every few hours. Web processes only record and enqueue, unless
 * JOBS_IN_WEB says they also run jobs (the development default, for `shopify app dev`): then a
 * webhook kicks a pass after its answer has gone. Several workers can run at once: claiming is
 * atomic, each job's lock is renewed as it starts, and completing re-checks it
 * (repositories/jobs.server.ts).
 */
export const jobRuntime = {
  /** Tests that drain the queue themselves turn this off to keep each step deterministic. */
  autoRun: true,
  pollMs: env.JOB_POLL_MS ?? 2_000,
  /** How often unfinished money operations are handed to the reconciler. */
  sweepMs: 5 * 60_000,
  /** How often finished jobs and webhook events past their retention are pruned. */
  pruneMs: 6 * 60 * 60_000,
  /** How often shoppers' photos never submitted with a request are swept (app/requests/photos.server.ts). */
  photoSweepMs: 60 * 60_000,
  /** How often shoppers' returns Shopify refused or did not answer are asked for again (app/requests/return-retry.server.ts). */
  returnRetryMs: 30_000,
};

/** Whether this web process runs jobs too (JOBS_IN_WEB; by default only outside production). */
export const jobsInWeb = env.JOBS_IN_WEB ? env.JOBS_IN_WEB === "true" : env.NODE_ENV !== "production";

let lastSweep = 0;
let lastPrune = 0;
let lastPhotoSweep = 0;
let lastReturnRetry = 0;

const workerId = `worker-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;

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
  metrics: { jobFinished: (kind, outcome) => metrics.jobsFinished.inc({ kind, outcome }) },
};

declare global {
  var __aftercareJobTimer: ReturnType<typeof setInterval> | undefined;
}

let running: Promise<void> | null = null;

async function passOnce(): Promise<void> {
  try {
    if (Date.now() - lastSweep >= jobRuntime.sweepMs) {
      lastSweep = Date.now();
      await sweepUnfinishedOperations(deps);
    }
    if (Date.now() - lastPrune >= jobRuntime.pruneMs) {
      lastPrune = Date.now();
      await pruneOldRows(deps, new Date());
    }
    if (Date.now() - lastPhotoSweep >= jobRuntime.photoSweepMs) {
      lastPhotoSweep = Date.now();
      const swept = await photoStore.sweepUnsubmitted((keys) => requests.photoKeysInUse(keys), new Date());
      if (swept) logger.info({ swept }, "unsubmitted photos deleted");
    }
    if (Date.now() - lastReturnRetry >= jobRuntime.returnRetryMs) {
      lastReturnRetry = Date.now();
      await retryShopifyReturns({ requests, adminFor: deps.adminFor, log: logger }, new Date());
    }
    for (;;) {
      const { ran } = await runDueJobs(deps, { workerId, limit: 20 });
      if (ran === 0) break;
    }
  } catch (error) {
    logger.error({ error: (error as Error).message }, "job worker pass failed");
  }
}

/** One pass over the queue; a pass already under way is joined, not doubled. */
function pass(): Promise<void> {
  running ??= passOnce().finally(() => {
    running = null;
  });
  return running;
}

/** Runs due jobs soon, after the current response has gone; starts the poller once per process. */
export function kickJobs(): void {
  if (!jobRuntime.autoRun || !jobsInWeb) return;
  if (!globalThis.__aftercareJobTimer) {
    globalThis.__aftercareJobTimer = setInterval(() => void pass(), jobRuntime.pollMs);
    globalThis.__aftercareJobTimer.unref();
  }
  setImmediate(() => void pass());
}

/**
 * The worker process's loop: a first pass at once (work left due by a restart runs now, not when
 * the next webhook arrives), then one every `pollMs`. `stop` waits for the pass under way.
 */
export function startWorker(): { workerId: string; stop(): Promise<void> } {
  logger.info({ workerId, pollMs: jobRuntime.pollMs }, "job worker started");
  void pass();
  const timer = setInterval(() => void pass(), jobRuntime.pollMs);
  return {
    workerId,
    async stop() {
      clearInterval(timer);
      await running;
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
  if (problem || !eventId) return refuse(delivery, topic, problem ?? "missing X-Shopify-Event-Id");
  const event = { eventId, webhookId: delivery.webhookId ?? null };
  const outcome = topic === "app/uninstalled" ? await shops.uninstallOnce(delivery.shop, event, new Date()) : await shops.eraseOnce(delivery.shop, event, new Date());
  if (outcome === "accepted") logger.info({ requestId: delivery.requestId, shop: delivery.shop, topic, eventId }, topic === "app/uninstalled" ? "shop uninstalled; sessions removed" : "shop data erased");
  return acknowledge(delivery, topic, outcome);
}
