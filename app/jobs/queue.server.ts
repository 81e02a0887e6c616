import type { Prisma } from "@prisma/client";
import { fromPrisma, PgBoss, type JobResult, type JobWithMetadata } from "pg-boss";

import { driverOf, type Database } from "../platform/db-client.server";
import type { JobRecord, JobRepository, NewJob } from "../repositories/jobs.server";
import { inTransaction, recordWebhookEvents } from "../repositories/webhook-batch.server";

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

const neverRun = (): Record<TaskName, number> => Object.fromEntries(SCHEDULE.map((task) => [task.name, 0])) as Record<TaskName, number>;

/** Capped exponential backoff: base, 2×base, 4×base … up to one hour. */
export function backoffMs(attempts: number, baseSeconds = DEFAULT_QUEUE_OPTIONS.retryDelaySeconds): number {
  return Math.min(3_600_000, baseSeconds * 1000 * 2 ** Math.max(0, attempts - 1));
}

export function createJobQueue(db: Database, provider: "sqlite" | "postgresql", repository: JobRepository, options: Partial<QueueOptions> & { connectionString?: string } = {}): JobQueue {
  const settings = { ...DEFAULT_QUEUE_OPTIONS, ...options };
  if (provider === "postgresql") {
    if (!options.connectionString) throw new Error("pg-boss needs the database's connection string");
    return createBossQueue(db, options.connectionString, settings);
  }
  return createTableQueue(db, repository, settings);
}

/** SQLite (and a table queue anywhere): the `Job` table, polled by this process. */
export function createTableQueue(db: Database, repository: JobRepository, settings: QueueOptions): JobQueue {
  let timer: ReturnType<typeof setInterval> | null = null;
  let running: Promise<void> | null = null;
  let lastRun = neverRun();
  const workerId = `table-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  let scheduled = false;

  const toRow = (shop: string, job: NewJob) => ({ shop, kind: job.kind, payloadJson: JSON.stringify(job.payload), runAt: job.runAt ?? new Date(), maxAttempts: job.maxAttempts ?? settings.maxAttempts });

  async function runOne(worker: JobWorker, job: JobRecord): Promise<void> {
    // Each job's lock is renewed as it starts; one whose lock lapsed (another worker took it) is left.
    if (!(await repository.renewLock(job.shop, job.id, workerId, new Date()))) return;
    try {
      await worker.run(job);
      const completed = await repository.complete(job.shop, job.id, { scrubPayload: worker.isPrivate(job), workerId });
      const webhook = job.kind === "webhook" ? (job.payload as { eventId?: string }) : null;
      if (completed && webhook?.eventId) await repository.markWebhookProcessed(job.shop, webhook.eventId, new Date());
      worker.onSettled?.(job, "done");
    } catch (error) {
      const last = job.attempts >= job.maxAttempts;
      const retryAt = last ? null : new Date(Date.now() + backoffMs(job.attempts, settings.retryDelaySeconds));
      await repository.fail(job.shop, job.id, error instanceof Error ? error.message : String(error), retryAt, { workerId, scrubPayload: last && worker.isPrivate(job) });
      worker.onSettled?.(job, last ? "gave_up" : "retry", error);
    }
  }

  async function passOnce(worker: JobWorker): Promise<void> {
    if (scheduled) {
      for (const task of SCHEDULE) {
        if (Date.now() - lastRun[task.name] < task.everyMs) continue;
        lastRun[task.name] = Date.now();
        await worker.task(task.name, new Date());
      }
    }
    for (;;) {
      const claimed = await repository.claimDue(workerId, { limit: settings.concurrency * 5 });
      if (!claimed.length) return;
      for (let i = 0; i < claimed.length; i += settings.concurrency) await Promise.all(claimed.slice(i, i + settings.concurrency).map((job) => runOne(worker, job)));
    }
  }

  const queue: JobQueue = {
    engine: "table",
    async enqueue(shop, jobs, options = {}) {
      if (!jobs.length) return;
      await (options.tx ?? db).job.createMany({ data: jobs.map((job) => toRow(shop, job)) });
    },
    acceptWebhooks: (batch) => repository.acceptWebhooks(batch),
    async acceptWebhook(shop, event, job) {
      return (await queue.acceptWebhooks([{ shop, event, job }]))[0];
    },
    async start(worker) {
      const pass = () => {
        running ??= passOnce(worker)
          .catch((error: unknown) => worker.onSettled?.({ id: "pass", shop: "", kind: "pass", payload: null, runAt: new Date(), attempts: 0, maxAttempts: 0, lockedBy: null, lastError: null, done: false }, "retry", error))
          .finally(() => {
            running = null;
          });
        return running;
      };
      // Not unref'd: the poll is what keeps a worker process alive.
      timer = setInterval(() => void pass(), settings.pollMs);
      // Work left due across a restart runs now, not at the first tick.
      await pass();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
    async schedule() {
      scheduled = true;
      lastRun = neverRun();
      return [...SCHEDULE];
    },
    async deadLetters(shop, limit = 50) {
      const rows = await db.job.findMany({ where: { shop, done: true, lastError: { not: null } }, orderBy: [{ doneAt: "desc" }, { id: "desc" }], take: limit });
      return rows.map((row) => ({ id: row.id, kind: row.kind, topic: topicOf(row.kind, row.payloadJson), attempts: row.attempts, lastError: row.lastError ?? "", failedAt: row.doneAt ?? row.createdAt }));
    },
    async retry(shop, id) {
      const row = await db.job.findFirst({ where: { shop, id, done: true, lastError: { not: null } }, select: { attempts: true } });
      if (!row) return false;
      // One more attempt, as pg-boss's retry gives (its retry limit goes up by one).
      const { count } = await db.job.updateMany({ where: { shop, id, done: true, lastError: { not: null } }, data: { done: false, doneAt: null, runAt: new Date(), maxAttempts: row.attempts + 1, lockedAt: null, lockedBy: null } });
      return count === 1;
    },
    sink: {
      enqueue: (shop, job) => repository.enqueue(shop, { ...job, maxAttempts: job.maxAttempts ?? settings.maxAttempts }),
      hasPending: (shop, kind) => repository.hasPending(shop, kind),
      scrubGaveUpMentioning: (shop, needles) => repository.scrubGaveUpMentioning(shop, needles),
      markWebhookProcessed: (shop, eventId, at) => repository.markWebhookProcessed(shop, eventId, at),
      pruneFinishedBefore: (before) => repository.pruneFinishedBefore(before),
    },
    stats: (now) => repository.stats(now),
  };
  return queue;
}

function topicOf(kind: string, payloadJson: string): string | null {
  if (kind !== "webhook") return null;
  try {
    return (JSON.parse(payloadJson) as { topic?: string }).topic ?? null;
  } catch {
    return null;
  }
}

/** pg-boss's queues: the app's jobs, and one per recurring task. */
export const BOSS_QUEUE = "aftercare-jobs";
const BOSS_SCHEMA = "pgboss";
/** Jobs one pg-boss worker claims per fetch (run in turn, each settled on its own). */
const BOSS_BATCH = 5;
/** The pg-boss queue a recurring task's cron sends to. */
export const bossQueueOf = (task: ScheduledTask["name"]) => `aftercare-${task}`;
type BossData = { shop: string; kind: string; payload: unknown };

/** PostgreSQL: pg-boss, in its own schema of the app's database. */
export function createBossQueue(db: Database, connectionString: string, settings: QueueOptions): JobQueue {
  const boss = new PgBoss({ connectionString, schema: BOSS_SCHEMA, superviseIntervalSeconds: settings.superviseSeconds, monitorIntervalSeconds: settings.superviseSeconds, max: Math.max(4, settings.concurrency + 2) });
  boss.on("error", (error: Error) => process.stderr.write(`pg-boss: ${error.message}\n`));
  const jobOptions = {
    retryLimit: settings.maxAttempts - 1,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: 3600,
    heartbeatSeconds: settings.heartbeatSeconds,
    expireInSeconds: 15 * 60,
    deleteAfterSeconds: settings.retentionSeconds,
  };
  let ready: Promise<PgBoss> | null = null;
  let workers = false;

  /**
   * pg-boss started once per process, and its queues created. Only a start that succeeded is kept:
   * one that failed (the database down or refusing connections at the first webhook) is forgotten,
   * so the next call starts again instead of every webhook and /readyz failing until a restart.
   */
  function started(): Promise<PgBoss> {
    ready ??= (async () => {
      await boss.start();
      for (const name of [BOSS_QUEUE, ...SCHEDULE.map((t) => bossQueueOf(t.name))]) {
        if (!(await boss.getQueue(name))) await boss.createQueue(name, jobOptions).catch(async (error: unknown) => {
          // Another process created it between the look and the create.
          if (!(await boss.getQueue(name))) throw error;
        });
      }
      return boss;
    })();
    const attempt = ready;
    attempt.catch(() => {
      if (ready === attempt) ready = null;
    });
    return attempt;
  }

  const toInsert = (shop: string, job: NewJob) => ({
    data: { shop, kind: job.kind, payload: job.payload } satisfies BossData,
    ...(job.runAt ? { startAfter: job.runAt } : {}),
    ...(job.maxAttempts ? { retryLimit: job.maxAttempts - 1 } : {}),
  });

  const toRecord = (job: JobWithMetadata<BossData>): JobRecord => ({
    id: job.id,
    shop: job.data.shop,
    kind: job.data.kind,
    payload: job.data.payload,
    runAt: job.startAfter,
    attempts: job.retryCount + 1,
    maxAttempts: job.retryLimit + 1,
    lockedBy: null,
    lastError: null,
    done: false,
  });

  /** Empties a settled job's payload (it named a person). */
  const scrub = (id: string) => db.$executeRawUnsafe(`UPDATE ${BOSS_SCHEMA}.job SET data = jsonb_set(data, '{payload}', '{}'::jsonb) WHERE name = $1 AND id = $2::uuid`, BOSS_QUEUE, id);

  const queue: JobQueue = {
    engine: "pg-boss",
    async enqueue(shop, jobs, options = {}) {
      if (!jobs.length) return;
      const b = await started();
      await b.insert(BOSS_QUEUE, jobs.map((job) => toInsert(shop, job)), options.tx ? { db: fromPrisma(options.tx) } : {});
    },
    async acceptWebhooks(batch) {
      if (!batch.length) return [];
      const b = await started();
      const driver = driverOf(db);
      if (driver.provider !== "postgresql") throw new Error("pg-boss runs on PostgreSQL only");
      // The driver, not Prisma: this runs hundreds of times a second (decision 011).
      return inTransaction(driver.pool, async (client) => {
        const { outcomes, accepted } = await recordWebhookEvents(client, batch);
        // The jobs go in through the same transaction: both commit, or neither does.
        if (accepted.length) await b.insert(BOSS_QUEUE, accepted.map((a) => toInsert(a.item.shop, a.item.job)), { db: { executeSql: (text, values) => client.query(text, values) } });
        return outcomes;
      });
    },
    async acceptWebhook(shop, event, job) {
      return (await queue.acceptWebhooks([{ shop, event, job }]))[0];
    },
    async start(worker) {
      const b = await started();
      workers = true;
      const pollingIntervalSeconds = Math.max(0.5, settings.pollMs / 1000);
      // Each of `concurrency` pg-boss workers claims up to BOSS_BATCH jobs per fetch and runs them one
      // after another, settling each on its own (perJobResults: one job's failure retries that job
      // only). While fetches come back full it fetches again at once (burstWhenBatchFull) instead of
      // waiting out the poll: one job per worker per poll drained a backlog at 8 jobs a second.
      await b.work<BossData, void, { includeMetadata: true; perJobResults: true; batchSize: number; localConcurrency: number; pollingIntervalSeconds: number; burstWhenBatchFull: boolean }>(
        BOSS_QUEUE,
        { includeMetadata: true, perJobResults: true, batchSize: BOSS_BATCH, localConcurrency: settings.concurrency, pollingIntervalSeconds, burstWhenBatchFull: true },
        async (jobs) => {
          const results: JobResult[] = [];
          for (const job of jobs) {
            const record = toRecord(job);
            try {
              await worker.run(record);
            } catch (error) {
              const last = record.attempts >= record.maxAttempts;
              if (last && worker.isPrivate(record)) await scrub(job.id);
              worker.onSettled?.(record, last ? "gave_up" : "retry", error);
              results.push({ id: job.id, status: "failed", output: error instanceof Error ? error : new Error(String(error)) });
              continue;
            }
            if (worker.isPrivate(record)) await scrub(job.id);
            const webhook = record.kind === "webhook" ? (record.payload as { eventId?: string }) : null;
            if (webhook?.eventId) await repositoryLike.markWebhookProcessed(record.shop, webhook.eventId, new Date());
            worker.onSettled?.(record, "done");
            results.push({ id: job.id, status: "completed" });
          }
          return results;
        },
      );
      for (const task of SCHEDULE) await b.work(bossQueueOf(task.name), { pollingIntervalSeconds }, async () => void (await worker.task(task.name, new Date())));
    },
    async stop() {
      if (!ready) return;
      const running = await ready.catch(() => null);
      if (running) await running.stop({ graceful: workers, timeout: 30_000 });
      ready = null;
      workers = false;
    },
    async schedule() {
      const b = await started();
      for (const task of SCHEDULE) await b.schedule(bossQueueOf(task.name), task.cron, {}, { tz: "UTC" });
      return [...SCHEDULE];
    },
    async deadLetters(shop, limit = 50) {
      await started();
      const rows = await db.$queryRawUnsafe<{ id: string; data: BossData; output: { message?: string } | null; retry_count: number; completed_on: Date | null; created_on: Date }[]>(
        `SELECT id::text AS id, data, output, retry_count, completed_on, created_on FROM ${BOSS_SCHEMA}.job
         WHERE name = $1 AND state = 'failed' AND data->>'shop' = $2 ORDER BY completed_on DESC NULLS LAST, id DESC LIMIT $3`,
        BOSS_QUEUE,
        shop,
        limit,
      );
      return rows.map((row) => ({
        id: row.id,
        kind: row.data.kind,
        topic: row.data.kind === "webhook" ? ((row.data.payload as { topic?: string } | null)?.topic ?? null) : null,
        attempts: Number(row.retry_count) + 1,
        lastError: row.output?.message ?? "failed",
        failedAt: row.completed_on ?? row.created_on,
      }));
    },
    async retry(shop, id) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
      const b = await started();
      // Only this shop's job: the id alone never reaches another shop's.
      const owned = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND id = $2::uuid AND data->>'shop' = $3 AND state = 'failed'`, BOSS_QUEUE, id, shop);
      if (!owned[0]?.n) return false;
      await b.retry(BOSS_QUEUE, id);
      const again = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND id = $2::uuid AND state = 'retry'`, BOSS_QUEUE, id);
      return (again[0]?.n ?? 0) === 1;
    },
    get sink() {
      return repositoryLike;
    },
    async stats(now) {
      await started();
      const [row] = await db.$queryRawUnsafe<{ due: number; waiting: number; oldest: Date | null; gave_up: number }[]>(
        `SELECT count(*) FILTER (WHERE state IN ('created','retry') AND start_after <= $2)::int AS due,
                count(*) FILTER (WHERE state IN ('created','retry','active'))::int AS waiting,
                min(start_after) FILTER (WHERE state IN ('created','retry') AND start_after <= $2) AS oldest,
                count(*) FILTER (WHERE state = 'failed')::int AS gave_up
         FROM ${BOSS_SCHEMA}.job WHERE name = $1`,
        BOSS_QUEUE,
        now,
      );
      return { due: row?.due ?? 0, waiting: row?.waiting ?? 0, oldestDueAt: row?.oldest ?? null, gaveUp: row?.gave_up ?? 0 };
    },
  };

  const repositoryLike: JobSink = {
    enqueue: (shop, job) => queue.enqueue(shop, [job]),
    async hasPending(shop, kind) {
      await started();
      const [row] = await db.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND state IN ('created','retry','active') AND data->>'shop' = $2 AND data->>'kind' = $3`,
        BOSS_QUEUE,
        shop,
        kind,
      );
      return (row?.n ?? 0) > 0;
    },
    async scrubGaveUpMentioning(shop, needles) {
      const present = needles.filter(Boolean);
      if (!present.length) return 0;
      await started();
      return db.$executeRawUnsafe(
        `UPDATE ${BOSS_SCHEMA}.job SET data = jsonb_set(data, '{payload}', '{}'::jsonb)
         WHERE name = $1 AND state = 'failed' AND data->>'shop' = $2 AND (data->'payload')::text LIKE ANY($3::text[])`,
        BOSS_QUEUE,
        shop,
        present.map((needle) => `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
      );
    },
    async markWebhookProcessed(shop, eventId, at) {
      await db.webhookEvent.updateMany({ where: { shop, eventId }, data: { processedAt: at } });
    },
    async pruneFinishedBefore(before) {
      // pg-boss deletes its own settled jobs after `deleteAfterSeconds`; the events are ours.
      const events = await db.webhookEvent.deleteMany({ where: { receivedAt: { lt: before } } });
      return { jobs: 0, events: events.count };
    },
  };

  return queue;
}
