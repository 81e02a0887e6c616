import { fromPrisma, PgBoss, type JobResult, type JobWithMetadata } from "pg-boss";

import { driverOf, type Database } from "../platform/db-client.server";
import type { JobRecord, NewJob } from "../repositories/jobs.server";
import { inTransaction, recordWebhookEvents } from "../repositories/webhook-batch.server";
import { SCHEDULE, type JobQueue, type JobSink, type QueueOptions, type ScheduledTask } from "./queue-contract.server";

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
