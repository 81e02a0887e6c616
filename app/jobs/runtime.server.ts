import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

import { BodyRefused, readCapped, WEBHOOK_LIMIT_BYTES } from "../platform/body.server";
import { env } from "../platform/env.server";
import { logger, requestIdFrom } from "../platform/logger.server";
import { metrics } from "../platform/metrics.server";
import { mailerFromEnv } from "../messaging/mailer.server";
import { acceptanceLogAt } from "../messaging/acceptance-log.server";
import { dataExports, operations, repairs, requests, shops } from "../repositories/index.server";
import { flowRepairs, flowStore } from "../repositories/flow-store.server";
import { notifications, shopperRepairs } from "../repositories/outbox.server";
import { photoStore } from "../requests/photo-store.server";
import { offlineAdminGraphql } from "../shopify.server";
import { createWebhookBatcher, verifyShopifyWebhook } from "./intake.server";
import { acknowledgement, answerResponse, intakeWebhook, payloadProblem, refusal, type JobTopic, type WebhookAnswer, type WebhookDelivery } from "./webhooks.server";
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
  repairs,
  // Loaded when a quote-expiry task first asks (the policy service is not needed to take webhooks in).
  policyOf: async (shop) => (await (await import("../policies/index.server")).publishedPolicies.get(shop)).policy,
  jobs: queue.sink,
  dataExports,
  // null only when the shop has no offline session (not installed now); a database or token
  // refresh failure is thrown, and the job is tried again.
  adminFor: (shop) => offlineAdminGraphql(shop),
  log: logger,
  metrics: { jobFinished: (kind, outcome) => metrics.jobsFinished.inc({ kind, outcome }) },
  money: { reconcileGraceMs: env.RECONCILE_GRACE_MS },
  photos: photoStore,
  flow: { flow: flowStore, repairs: flowRepairs, shops },
  messaging: {
    notifications,
    shops,
    repairs: shopperRepairs,
    mailer: mailerFromEnv(env),
    secret: env.SHOPIFY_API_SECRET,
    storefrontOrigin: env.MAIL_STOREFRONT_ORIGIN ?? null,
    acceptanceLog: env.SMTP_ACCEPTANCE_LOG_URL ? acceptanceLogAt(env.SMTP_ACCEPTANCE_LOG_URL) : null,
  },
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

/**
 * Where webhook deliveries are recorded: the group commit in front of the process's job queue
 * (the Job table on SQLite, pg-boss on PostgreSQL), one per process, shared by the fast path
 * (app/platform/http.server.ts) and the Remix routes.
 */
export const webhookIntake = createWebhookBatcher(queue);

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
  // Capped as it streams: a body past any Shopify webhook's size is refused before it is all read.
  const body = await readCapped(request, WEBHOOK_LIMIT_BYTES).catch((error: unknown) => {
    if (error instanceof BodyRefused) throw new Response(error.status === 413 ? "The body is larger than any Shopify webhook." : "The body could not be read.", { status: error.status, headers: { "X-Aftercare-Webhook": "refused" } });
    throw error;
  });
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
