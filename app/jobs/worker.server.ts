import type { ExportRepository } from "../repositories/exports.server";
import type { JobRecord, JobRepository } from "../repositories/jobs.server";
import type { OperationRepository } from "../repositories/operations.server";
import type { RepairRepository } from "../repositories/repairs.server";
import { attachBalance, followPaidBalances } from "../repairs/deposits.server";
import { attachDraft, expireQuotes, followPaidQuotes } from "../repairs/quotes.server";
import type { Policy } from "../domain/policy/schema";
import type { RequestRepository, RequestStatus } from "../repositories/requests.server";
import type { Admin } from "../shopify/client.server";
import { describe } from "../shopify/errors";
import { queueNotifications, sendNotification, type MessagingDeps } from "../messaging/notify.server";
import { queueFlowEvents, sendFlowEvent, type FlowDeps } from "../flow/send.server";
import { retryShopifyReturns } from "../requests/return-retry.server";
import { followShopifyRefund } from "../requests/shopify-refunds.server";
import { execute, reconcileShop, settleConfirmed } from "./money.server";
import { backoffMs, type JobSink, type JobWorker, type TaskName } from "./queue.server";
import { PRIVACY_TOPICS, type JobTopic, type TopicPayload } from "./webhooks.server";

/** What jobs need; `jobs` is the queue's sink in the worker, the jobs repository in most tests. */
export type JobDeps<J extends JobSink = JobRepository> = {
  requests: RequestRepository;
  operations: OperationRepository;
  /** Repair tickets: a quote's payment (orders/create) and its draft order found by the reconciler. */
  repairs?: RepairRepository;
  /** The shop's live policy (a quote's validity); null when it has none. */
  policyOf?: (shop: string) => Promise<Policy | null>;
  jobs: J;
  dataExports: ExportRepository;
  /** The shop's Admin client for jobs that talk to Shopify (null: the app is not installed). */
  adminFor: (shop: string) => Promise<Admin | null>;
  now?: () => Date;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** Counts finished attempts (prom-client in the worker process). */
  metrics?: { jobFinished(kind: string, outcome: "done" | "retry" | "gave_up"): void };
  /** Money job settings: how long a sent operation is left to its sender before anyone looks (money.server). */
  money?: { reconcileGraceMs?: number };
  /** Shoppers' photo storage: the hourly sweep deletes photos no request names (app/requests/photos.server.ts). */
  /** Emails to shoppers (app/messaging): the outbox, the mailer and what a status link needs. */
  messaging?: Omit<MessagingDeps, "requests" | "adminFor" | "now">;
  /** Shopify Flow (app/flow): its outbox of trigger events and the repair tickets their payloads name. */
  flow?: Omit<FlowDeps, "requests" | "adminFor" | "now">;
  photos?: { sweepUnsubmitted(inUse: (keys: string[]) => Promise<Set<string>>, now: Date): Promise<number> };
};

/** How long finished jobs and webhook events are kept. */
export const RETENTION_MS = 30 * 24 * 60 * 60_000;

/** Retention: finished jobs and webhook events older than 30 days go (run on a schedule). */
export async function pruneOldRows(deps: Pick<JobDeps<JobSink>, "jobs" | "log">, now: Date): Promise<{ jobs: number; events: number }> {
  const pruned = await deps.jobs.pruneFinishedBefore(new Date(now.getTime() - RETENTION_MS));
  if (pruned.jobs || pruned.events) deps.log?.info(pruned, "pruned finished jobs and webhook events older than 30 days");
  return pruned;
}

/** What each returns/* topic means for the request behind the return. */
const RETURN_STATUS: Record<string, RequestStatus> = {
  "returns/request": "requested",
  "returns/approve": "approved",
  "returns/decline": "declined",
  "returns/process": "resolved",
  "returns/close": "closed",
  "returns/cancel": "cancelled",
};

/** A webhook job's payload: the topic's data as acceptWebhook parsed and stored it. */
type WebhookJob = { [T in JobTopic]: { topic: T; eventId: string; data: TopicPayload<T> } }[JobTopic];

/** Runs one job; throws when it should be tried again. */
export async function runJob(deps: JobDeps<JobSink>, job: JobRecord): Promise<void> {
  const now = deps.now ?? (() => new Date());
  const shop = job.shop;
  if (job.kind === "reconcile") {
    const admin = await deps.adminFor(shop);
    if (!admin) return; // uninstalled: nothing can be finished now; the rows wait for a reinstall
    const result = await reconcileShop(admin, { operations: deps.operations, now, reconcileGraceMs: deps.money?.reconcileGraceMs }, shop);
    // A quote's draft order the reconciler found or made goes on its ticket (the shopper's pay button).
    if (deps.repairs) for (const ticketId of await deps.repairs.quotedWithoutDraft(shop)) await attachDraft(admin, deps.repairs, shop, ticketId);
    if (deps.repairs) for (const ticketId of await deps.repairs.readyWithoutBalanceDraft(shop)) await attachBalance(admin, deps.repairs, shop, ticketId);
    if (result.unfinished) throw new Error(`reconcile left ${result.unfinished} operation(s) unfinished: ${result.errors.join("; ")}`);
    return;
  }
  if (job.kind === "money") {
    // One recorded money operation taken as far as it goes (005): its row decides, so a second
    // run of this job (a retry, a worker killed mid-job, the same job enqueued twice) never pays twice.
    const { idempotencyKey } = job.payload as { idempotencyKey: string };
    const operation = await deps.operations.find(shop, idempotencyKey);
    if (!operation) throw new Error(`no money operation ${idempotencyKey} in this shop`);
    const admin = await deps.adminFor(shop);
    if (!admin) return; // uninstalled: the row waits for a reinstall and the reconciler
    const moneyDeps = { operations: deps.operations, now, reconcileGraceMs: deps.money?.reconcileGraceMs };
    const outcome = await execute(admin, moneyDeps, shop, operation);
    await settleConfirmed(moneyDeps, shop, outcome);
    if (outcome.status === "pending" || outcome.status === "sent") throw new Error(`money operation ${idempotencyKey} is still ${outcome.status}; tried again later`);
    return;
  }
  if (job.kind === "notify") {
    // One email of one request's step; its outbox row decides, so a second run never sends twice.
    if (!deps.messaging) throw new Error("this worker has no messaging configured");
    const { notificationId } = job.payload as { notificationId: string };
    await sendNotification({ ...deps.messaging, requests: deps.requests, adminFor: deps.adminFor, policyOf: deps.messaging.policyOf ?? deps.policyOf ?? null, now }, shop, notificationId);
    return;
  }
  if (job.kind === "flow") {
    // One trigger event to Shopify Flow; its outbox row decides, so a second run never sends twice.
    if (!deps.flow) throw new Error("this worker has no Shopify Flow configured");
    await sendFlowEvent({ ...deps.flow, requests: deps.requests, adminFor: deps.adminFor, now }, shop, (job.payload as { flowEventId: string }).flowEventId);
    return;
  }
  if (job.kind !== "webhook") throw new Error(`unknown job kind ${job.kind}`);
  const webhook = job.payload as WebhookJob;
  switch (webhook.topic) {
    case "orders/updated":
      await deps.requests.renameOrder(shop, webhook.data.orderId, webhook.data.orderName);
      return;
    case "orders/create": {
      // Read back from Shopify: only a draft order Shopify shows completed (paid) accepts its ticket.
      if (!deps.repairs) throw new Error("this worker has no repair tickets configured");
      const admin = await deps.adminFor(shop);
      if (!admin) return;
      const { moved, waiting: quotes } = await followPaidQuotes(admin, deps.repairs, shop, webhook.data.tags, now());
      const { paid, waiting: balances } = await followPaidBalances(admin, deps.repairs, shop, webhook.data.tags, now());
      const waiting = [...quotes, ...balances];
      if (moved.length || paid.length) deps.log?.info({ shop, orderId: webhook.data.orderId, moved, balancesPaid: paid }, "repair quotes paid");
      if (waiting.length) throw new Error(`order ${webhook.data.orderId} names quotes whose draft orders Shopify does not show paid yet: ${waiting.join(", ")}`);
      return;
    }
    case "orders/cancelled":
      await deps.requests.cancelOpenForOrder(shop, webhook.data.orderId);
      return;
    case "fulfillments/update":
      if (webhook.data.deliveredAt) await deps.requests.recordDelivery(shop, webhook.data.orderId, new Date(webhook.data.deliveredAt));
      return;
    case "refunds/create":
      // A refund appeared (ours or the merchant's): finish any operation it may belong to.
      if ((await deps.operations.unfinished(shop)).length && !(await deps.jobs.hasPending(shop, "reconcile"))) {
        await deps.jobs.enqueue(shop, { kind: "reconcile", payload: { after: webhook.data.refundId } });
      }
      // One made outside Aftercare (Shopify admin, POS) goes on its request's timeline.
      if ((await followShopifyRefund(deps, shop, webhook.data, now())).length) deps.log?.info({ shop, refundId: webhook.data.refundId }, "refund made in Shopify recorded on its request");
      return;
    case "returns/request":
    case "returns/approve":
    case "returns/decline":
    case "returns/process":
    case "returns/close":
    case "returns/cancel": {
      // A return the desk cancelled to make it again (an exchange) no longer speaks for the
      // request, even when its webhook is handled before the request follows the new return.
      if (await deps.requests.isReplacedReturn(shop, webhook.data.returnId)) {
        deps.log?.info({ shop, topic: webhook.topic, returnId: webhook.data.returnId }, "return replaced by the desk; its request follows the new one");
        return;
      }
      // The merchant acted in Shopify's admin: the request behind that return follows (forward only).
      const moved = await deps.requests.advanceByReturn(shop, webhook.data.returnId, RETURN_STATUS[webhook.topic]);
      if (moved > 0) {
        // The step goes on the request's timeline, which the shopper's status page shows.
        const request = await deps.requests.findByReturn(shop, webhook.data.returnId);
        if (request) await deps.requests.addEvent(shop, request.id, { type: RETURN_STATUS[webhook.topic], actor: "shopify", at: now() });
      }
      deps.log?.info({ shop, topic: webhook.topic, returnId: webhook.data.returnId, moved }, "request kept in step with its Shopify return");
      return;
    }
    case "customers/redact": {
      const requestIds = (await deps.requests.customerData(shop, webhook.data)).map((r) => r.id);
      const redacted = await deps.requests.redactCustomer(shop, webhook.data, now());
      const exports = await deps.dataExports.eraseCustomer(shop, webhook.data);
      const operations = await deps.operations.redactCustomer(shop, { customerId: webhook.data.customerId, orderIds: webhook.data.orderIds, requestIds });
      const gaveUpJobs = await deps.jobs.scrubGaveUpMentioning(shop, [webhook.data.customerId ?? "", webhook.data.email ?? "", webhook.data.email?.trim().toLowerCase() ?? ""]);
      // Unfinished money operations keep their input until they finish (a retry sends what was
      // recorded); their redacted request records that, and each loses its input as it finishes
      // (operations repository), however long that takes: nothing here waits or gives up.
      deps.log?.info({ shop, redacted, exports, operations, gaveUpJobs }, operations.unfinished ? "customer's personal data removed; unfinished money operations are redacted as each finishes" : "customer's personal data removed");
      return;
    }
    case "customers/data_request": {
      // Each request with its timeline (the steps the shopper was shown and the team's notes).
      const requests = await Promise.all((await deps.requests.customerData(shop, webhook.data)).map(async (request) => ({ ...request, timeline: await deps.requests.timelineForExport(shop, request.id) })));
      await deps.dataExports.record(shop, { customerId: webhook.data.customerId, email: webhook.data.email }, { dataRequestId: webhook.data.dataRequestId, shop, requests }, now());
      return;
    }
  }
}

/**
 * Enqueues a reconcile job for every shop with operations left unfinished (a worker that died),
 * unless one is already waiting. The poller runs it every few minutes.
 */
export async function sweepUnfinishedOperations(deps: JobDeps<JobSink>): Promise<string[]> {
  const swept: string[] = [];
  for (const shop of await deps.operations.shopsWithUnfinished()) {
    if (await deps.jobs.hasPending(shop, "reconcile")) continue;
    await deps.jobs.enqueue(shop, { kind: "reconcile", payload: { sweep: true } });
    swept.push(shop);
  }
  return swept;
}

/** Capped exponential backoff for a failed job: 30 s, 1 min, 2 min … up to 1 hour. */
export function retryDelayMs(attempts: number): number {
  return backoffMs(attempts);
}

/** Whether a job's payload names a person (the privacy topics): emptied once settled. */
export function isPrivateJob(job: Pick<JobRecord, "kind" | "payload">): boolean {
  return job.kind === "webhook" && PRIVACY_TOPICS.includes((job.payload as { topic?: string } | null)?.topic ?? "");
}

/** One recurring task (queue.server.ts SCHEDULE), run once. */
export async function runTask(deps: JobDeps<JobSink>, name: TaskName, now: Date): Promise<unknown> {
  switch (name) {
    case "reconcile-sweep":
      return sweepUnfinishedOperations(deps);
    case "prune":
      return pruneOldRows(deps, now);
    case "photo-sweep": {
      const swept = (await deps.photos?.sweepUnsubmitted((keys) => deps.requests.photoKeysInUse(keys), now)) ?? 0;
      if (swept) deps.log?.info({ swept }, "unsubmitted photos deleted");
      return swept;
    }
    case "notify-sweep":
      return deps.messaging ? queueNotifications({ notifications: deps.messaging.notifications, jobs: deps.jobs, now: () => now }) : 0;
    case "flow-sweep":
      return deps.flow ? queueFlowEvents({ flow: deps.flow.flow, jobs: deps.jobs, now: () => now }) : 0;
    case "quote-expiry": {
      if (!deps.repairs || !deps.policyOf) throw new Error("this worker has no repair tickets configured");
      const expired = await expireQuotes({ repairs: deps.repairs, policyOf: deps.policyOf }, now);
      // Each expired quote's draft order is deleted in Shopify by a money job (docs/decisions/026).
      for (const ticket of expired) for (const idempotencyKey of ticket.keys) await deps.jobs.enqueue(ticket.shop, { kind: "money", payload: { idempotencyKey } });
      if (expired.length) deps.log?.info({ expired: expired.length }, "repair quotes expired unanswered");
      return expired.length;
    }
    case "return-retry":
      return retryShopifyReturns({ requests: deps.requests, adminFor: deps.adminFor, log: deps.log }, now);
  }
}

/** What the queue (either engine, queue.server.ts) runs: the app's jobs and its recurring tasks. */
export function jobWorker(deps: JobDeps<JobSink>): JobWorker {
  return {
    run: (job) => runJob(deps, job),
    task: (name, now) => runTask(deps, name, now),
    isPrivate: isPrivateJob,
    onSettled(job, outcome, error) {
      deps.metrics?.jobFinished(job.kind, outcome);
      if (outcome !== "done") deps.log?.warn({ shop: job.shop, job: job.id, kind: job.kind, attempts: job.attempts, error: error === undefined ? undefined : describe(error), givenUp: outcome === "gave_up" }, "job failed");
    },
  };
}

/**
 * One pass of a worker: claims due jobs (any shop), runs each, completes or reschedules it.
 * Returns how many ran and failed. Safe to run in several processes at once.
 */
export async function runDueJobs(deps: JobDeps, options: { workerId: string; limit?: number; now?: Date } = { workerId: "worker" }): Promise<{ ran: number; failed: number }> {
  const now = options.now ?? (deps.now ?? (() => new Date()))();
  const clock = options.now ? () => now : (deps.now ?? (() => new Date()));
  const claimed = await deps.jobs.claimDue(options.workerId, { now, limit: options.limit ?? 20 });
  let failed = 0;
  let ran = 0;
  for (const job of claimed) {
    // The batch was claimed at once; each job's lock is renewed as it starts, and a job whose
    // lock lapsed while earlier ones ran (another worker took it) is left to that worker.
    if (!(await deps.jobs.renewLock(job.shop, job.id, options.workerId, clock()))) continue;
    ran += 1;
    try {
      await runJob(deps, job);
      const topic = job.kind === "webhook" ? (job.payload as { topic: string; eventId: string }) : null;
      const completed = await deps.jobs.complete(job.shop, job.id, { scrubPayload: topic !== null && PRIVACY_TOPICS.includes(topic.topic), at: clock(), workerId: options.workerId });
      if (!completed) deps.log?.warn({ shop: job.shop, job: job.id, kind: job.kind }, "job finished after its lock was taken over; left to the new holder");
      if (topic && completed) await deps.jobs.markWebhookProcessed(job.shop, topic.eventId, clock());
      deps.metrics?.jobFinished(job.kind, "done");
    } catch (error) {
      failed += 1;
      const retryAt = job.attempts >= job.maxAttempts ? null : new Date(clock().getTime() + retryDelayMs(job.attempts));
      const privacy = job.kind === "webhook" && PRIVACY_TOPICS.includes((job.payload as { topic: string }).topic);
      // A privacy job that gives up keeps no personal data either (its error says what failed).
      await deps.jobs.fail(job.shop, job.id, describe(error), retryAt, { workerId: options.workerId, at: clock(), scrubPayload: privacy });
      deps.metrics?.jobFinished(job.kind, retryAt ? "retry" : "gave_up");
      deps.log?.warn({ shop: job.shop, job: job.id, kind: job.kind, attempts: job.attempts, error: describe(error), givenUp: retryAt === null }, "job failed");
    }
  }
  return { ran, failed };
}
