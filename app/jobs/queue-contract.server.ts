import type { Prisma } from "@prisma/client";

import type { JobRecord, JobRepository, NewJob } from "../repositories/jobs.server";

/**
 * The one job interface the rest of the app uses (docs/decisions/010). It hides which engine runs
 * the jobs: on SQLite the app's own `Job` table (repositories/jobs.server.ts, polled by this
 * process), on PostgreSQL pg-boss (SKIP LOCKED claims, retries with exponential backoff, a failed
 * state that is the dead letter, cron). Either way a job is `{ shop, kind, payload }`, runs at
 * least once, and every handler is safe to run again: the money operations' own rows (005) make
 * a second run of a money job find its work done.
 */
export type JobQueue = {
  readonly engine: "table" | "pg-boss";
  /** Adds jobs; with `tx` (a Prisma interactive transaction) they commit or roll back with it. */
  enqueue(shop: string, jobs: NewJob[], options?: { tx?: Transaction }): Promise<void>;
  /**
   * Webhook deliveries, many at once: per delivery its dedupe row (unique shop + event id) and its
   * job, in ONE short transaction for the whole batch. Outcomes come back in the batch's order.
   */
  acceptWebhooks(batch: WebhookAcceptance[]): Promise<WebhookAcceptOutcome[]>;
  /** One delivery: `acceptWebhooks([delivery])`. */
  acceptWebhook(shop: string, event: WebhookEventRef, job: NewJob): Promise<WebhookAcceptOutcome>;
  /** Runs jobs with `worker` until `stop`: due work at once, then as it comes. */
  start(worker: JobWorker): Promise<void>;
  /** Stops taking jobs and waits for the ones under way. */
  stop(): Promise<void>;
  /** Registers the recurring tasks (reconciler sweep, retention); returns what is scheduled. */
  schedule(): Promise<ScheduledTask[]>;
  /** Jobs that used all their attempts (the dead letter), newest first, for the merchant's desk. */
  deadLetters(shop: string, limit?: number): Promise<DeadLetter[]>;
  /** Puts a dead-lettered job of this shop back in the queue for one more attempt. */
  retry(shop: string, id: string): Promise<boolean>;
  /** What jobs may ask of the queue while they run (the worker's JobDeps.jobs). */
  readonly sink: JobSink;
  /** Queue depth, the oldest due job's age and the dead letters, for /readyz and /metrics. */
  stats(now: Date): Promise<QueueStats>;
};

export type Transaction = Prisma.TransactionClient;
export type WebhookEventRef = { topic: string; eventId: string; webhookId: string | null };
export type WebhookAcceptance = { shop: string; event: WebhookEventRef; job: NewJob };
export type WebhookAcceptOutcome = "accepted" | "duplicate" | "unknown-shop";
export type DeadLetter = { id: string; kind: string; topic: string | null; attempts: number; lastError: string; failedAt: Date };
export type QueueStats = { due: number; waiting: number; oldestDueAt: Date | null; gaveUp: number };
export type TaskName = "reconcile-sweep" | "prune" | "photo-sweep" | "return-retry" | "notify-sweep" | "flow-sweep" | "quote-expiry";
/** A recurring task: its cron on pg-boss, and its period on the table engine's poll. */
export type ScheduledTask = { name: TaskName; cron: string; everyMs: number };

/** The part of the queue a running job uses: enqueue follow-ups, and the privacy scrub. */
export type JobSink = Pick<JobRepository, "hasPending" | "scrubGaveUpMentioning" | "markWebhookProcessed" | "pruneFinishedBefore"> & {
  enqueue(shop: string, job: NewJob): Promise<unknown>;
};

/**
 * What runs a job. `run` throws to ask for a retry; `attempt`/`maxAttempts` say whether this was
 * the last one. `afterSuccess`/`afterGiveUp` run when the job is settled (privacy scrubs, metrics).
 */
export type JobWorker = {
  run(job: JobRecord): Promise<void>;
  /** Runs one recurring task (SCHEDULE) once. */
  task(name: TaskName, now: Date): Promise<unknown>;
  /** Whether a job's payload names a person (emptied once done or given up). */
  isPrivate(job: JobRecord): boolean;
  onSettled?(job: JobRecord, outcome: "done" | "retry" | "gave_up", error?: unknown): void;
};

export type QueueOptions = {
  /** First retry delay; each further retry doubles it, up to an hour. */
  retryDelaySeconds: number;
  /** Attempts in all before a job is dead-lettered. */
  maxAttempts: number;
  /** How often the table engine polls (pg-boss is woken by its own polling). */
  pollMs: number;
  /** pg-boss: a running job's heartbeat; a worker that stops beating (killed) loses the job after it. */
  heartbeatSeconds: number;
  /** pg-boss: how often the supervisor fails jobs whose heartbeat lapsed, and runs maintenance. */
  superviseSeconds: number;
  /** Jobs a worker runs at once. */
  concurrency: number;
  /** pg-boss: keep completed and failed jobs this long (retention, like the table's 30 days). */
  retentionSeconds: number;
};

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = {
  retryDelaySeconds: 30,
  maxAttempts: 8,
  pollMs: 2_000,
  heartbeatSeconds: 30,
  superviseSeconds: 60,
  concurrency: 4,
  retentionSeconds: 30 * 24 * 60 * 60,
};

/**
 * The recurring tasks: the reconciler sweep every 5 minutes, retention every 6 hours, shoppers'
 * photos never submitted with a request every hour, and returns Shopify refused or did not answer
 * at submit every minute (each request keeps its own backoff; app/requests/return-retry.server.ts).
 */
export const SCHEDULE: readonly ScheduledTask[] = [
  { name: "reconcile-sweep", cron: "*/5 * * * *", everyMs: 5 * 60_000 },
  { name: "prune", cron: "17 */6 * * *", everyMs: 6 * 60 * 60_000 },
  { name: "photo-sweep", cron: "41 * * * *", everyMs: 60 * 60_000 },
  { name: "return-retry", cron: "* * * * *", everyMs: 60_000 },
  // Emails to shoppers (app/messaging): a notify job for each step's outbox entry without one.
  { name: "notify-sweep", cron: "* * * * *", everyMs: 60_000 },
  // Shopify Flow (app/flow): a flow job for each trigger event's outbox entry without one.
  { name: "flow-sweep", cron: "* * * * *", everyMs: 60_000 },
  // Repair quotes left unanswered past their validity expire (app/repairs/quotes.server.ts).
  { name: "quote-expiry", cron: "23 * * * *", everyMs: 60 * 60_000 },
];

/** Capped exponential backoff: base, 2×base, 4×base … up to one hour. */
export function backoffMs(attempts: number, baseSeconds = DEFAULT_QUEUE_OPTIONS.retryDelaySeconds): number {
  return Math.min(3_600_000, baseSeconds * 1000 * 2 ** Math.max(0, attempts - 1));
}
