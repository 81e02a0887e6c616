import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

import { env } from "../env.server";
import { logger, requestIdFrom } from "../logger.server";
import { metrics } from "../metrics.server";
import { dataExports, jobs, operations, requests, shops } from "../repositories/index.server";
import { unauthenticated } from "../shopify.server";
import { createWebhookBatcher, verifyShopifyWebhook } from "./intake.server";
import { acknowledgement, answerResponse, intakeWebhook, payloadProblem, refusal, type JobTopic, type WebhookAnswer, type WebhookDelivery } from "./webhooks.server";
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
};

/** Whether this web process runs jobs too (JOBS_IN_WEB; by default only outside production). */
export const jobsInWeb = env.JOBS_IN_WEB ? env.JOBS_IN_WEB === "true" : env.NODE_ENV !== "production";

let lastSweep = 0;
let lastPrune = 0;

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

/**
 * Where webhook deliveries are recorded: the group commit in front of the jobs repository, one
 * per process, shared by the fast path (app/http.server.ts) and the Remix routes.
 */
export const webhookIntake = createWebhookBatcher(jobs);

/**
 * A webhook request checked as Shopify documents it (`verifyShopifyWebhook`): 405 for another
 * method, 400 for missing headers, 401 for a bad HMAC, 400 for a correctly signed body that is
 * not JSON, each thrown as a Response and logged with its reason. Large integer ids stay exact
 * (`parseWebhookBody`).
 *
 * @example
 * export const action = async ({ request }: ActionFunctionArgs) =>
 *   receiveWebhook("orders/cancelled", await verifyWebhook(request));
 */
export async function verifyWebhook(request: Request): Promise<WebhookDelivery> {
  const startedAt = performance.now();
  const requestId = requestIdFrom(request.headers.get("X-Request-Id"));
  const body = Buffer.from(await request.arrayBuffer());
  const verified = verifyShopifyWebhook({ method: request.method, header: (name) => request.headers.get(name), body, secret: env.SHOPIFY_API_SECRET, requestId, startedAt });
  if (!verified.ok) throw new Response(verified.reason, { status: verified.status, headers: { "X-Aftercare-Webhook": "refused" } });
  return verified.delivery;
}

/**
 * A webhook's whole job after it is verified: dedupe, enqueue (through the group commit), answer,
 * and let the worker run it.
 */
export async function answerWebhook(topic: JobTopic, delivery: WebhookDelivery): Promise<WebhookAnswer> {
  const answer = await intakeWebhook(webhookIntake, topic, delivery);
  if (answer.outcome === "accepted") kickJobs();
  return answer;
}

/**
 * `answerWebhook` as a Response, for a Remix route.
 *
 * @example
 * export const action = async ({ request }: ActionFunctionArgs) =>
 *   receiveWebhook("orders/cancelled", await verifyWebhook(request));
 */
export async function receiveWebhook(topic: JobTopic, delivery: WebhookDelivery): Promise<Response> {
  return answerResponse(await answerWebhook(topic, delivery));
}

/**
 * The two lifecycle topics Shopify sends about the shop itself, each done at once (both are a
 * few deletes) and once per event id: app/uninstalled drops the access tokens; shop/redact erases
 * everything, after checking the payload names the shop the signed header names.
 */
export async function answerLifecycleWebhook(topic: LifecycleTopic, delivery: WebhookDelivery): Promise<WebhookAnswer> {
  const expected = topic.toUpperCase().replace(/\//g, "_");
  const problem = delivery.topic !== expected ? `this route handles ${topic}, not ${delivery.topic}` : payloadProblem(delivery);
  const eventId = delivery.eventId ?? delivery.webhookId;
  if (problem || !eventId) return refusal(delivery, topic, problem ?? "missing X-Shopify-Event-Id");
  const event = { eventId, webhookId: delivery.webhookId ?? null };
  const outcome = topic === "app/uninstalled" ? await shops.uninstallOnce(delivery.shop, event, new Date()) : await shops.eraseOnce(delivery.shop, event, new Date());
  if (outcome === "accepted") logger.info({ requestId: delivery.requestId, shop: delivery.shop, topic, eventId }, topic === "app/uninstalled" ? "shop uninstalled; sessions removed" : "shop data erased");
  return acknowledgement(delivery, topic, outcome);
}

export async function receiveLifecycleWebhook(topic: LifecycleTopic, delivery: WebhookDelivery): Promise<Response> {
  return answerResponse(await answerLifecycleWebhook(topic, delivery));
}

export type LifecycleTopic = "app/uninstalled" | "shop/redact";
