import { randomUUID } from "node:crypto";

import { logger } from "../logger.server";
import { dataExports, jobs, operations, requests } from "../repositories/index.server";
import { unauthenticated } from "../shopify.server";
import { acceptWebhook, type JobTopic, type WebhookDelivery } from "./webhooks.server";
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

/**
 * A webhook route's whole job after `authenticate.webhook`: dedupe, enqueue, answer, and let the
 * worker run it.
 *
 * @example
 * export const action = async ({ request }: ActionFunctionArgs) =>
 *   receiveWebhook("orders/cancelled", await authenticate.webhook(request));
 */
export async function receiveWebhook(topic: JobTopic, delivery: WebhookDelivery): Promise<Response> {
  const response = await acceptWebhook(jobs, topic, delivery);
  if (response.status === 200) kickJobs();
  return response;
}
