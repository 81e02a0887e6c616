
import { databaseTarget } from "../platform/db-target";
import { driverOf, type Database } from "../platform/db-client.server";
import { acceptWebhookBatchPostgres, acceptWebhookBatchSqlite } from "./webhook-batch.server";

export type JobRecord = {
  id: string;
  shop: string;
  kind: string;
  payload: unknown;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lastError: string | null;
  done: boolean;
};

export type NewJob = { kind: string; payload: unknown; runAt?: Date; maxAttempts?: number };

/** One webhook delivery to record: its dedupe row (shop, event id) and the job that does its work. */
export type WebhookIntake = { shop: string; event: { topic: string; eventId: string; webhookId: string | null }; job: { kind: string; payload: unknown } };
export type WebhookIntakeOutcome = "accepted" | "duplicate" | "unknown-shop";

type Row = Awaited<ReturnType<Database["job"]["findFirstOrThrow"]>>;

function toRecord(row: Row): JobRecord {
  return {
    id: row.id,
    shop: row.shop,
    kind: row.kind,
    payload: JSON.parse(row.payloadJson) as unknown,
    runAt: row.runAt,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    lockedBy: row.lockedBy,
    lastError: row.lastError,
    done: row.done,
  };
}

/**
 * The durable job queue, a table on the app's own database so a job enqueued with its webhook's
 * dedupe row survives a restart. Per-shop functions take the shop first; `claim` is the worker's
 * cross-shop call (it picks whatever is due) and says so in its name.
 *
 * Claiming: PostgreSQL locks candidate rows with `FOR UPDATE SKIP LOCKED`, so concurrent workers
 * never take the same job and never wait on each other; SQLite serialises writers, so an update
 * conditional on the row still being unclaimed is atomic there. A claim expires after
 * `lockTimeoutMs` (a worker that died mid-job), and the job runs again.
 */
export function createJobRepository(db: Database, provider: "sqlite" | "postgresql") {
  async function claimPostgres(workerId: string, now: Date, staleBefore: Date, limit: number): Promise<string[]> {
    const rows = await db.$queryRaw<{ id: string }[]>`
      UPDATE "Job" SET "lockedAt" = ${now}, "lockedBy" = ${workerId}, "attempts" = "attempts" + 1
      WHERE "id" IN (
        SELECT "id" FROM "Job"
        WHERE "done" = false AND "runAt" <= ${now} AND ("lockedAt" IS NULL OR "lockedAt" < ${staleBefore}) AND "attempts" < "maxAttempts"
        ORDER BY "runAt", "id"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id"`;
    return rows.map((r) => r.id);
  }

  async function claimSqlite(workerId: string, now: Date, staleBefore: Date, limit: number): Promise<string[]> {
    const claimable = { done: false, runAt: { lte: now }, OR: [{ lockedAt: null }, { lockedAt: { lt: staleBefore } }] };
    const candidates = await db.job.findMany({ where: claimable, select: { id: true, attempts: true, maxAttempts: true }, orderBy: [{ runAt: "asc" }, { id: "asc" }], take: limit * 2 });
    const claimed: string[] = [];
    for (const { id, attempts, maxAttempts } of candidates) {
      if (claimed.length >= limit) break;
      // A claim never takes a job past its attempts (the count is part of the compare-and-set).
      if (attempts >= maxAttempts) continue;
      const { count } = await db.job.updateMany({
        where: { id, attempts, ...claimable },
        data: { lockedAt: now, lockedBy: workerId, attempts: { increment: 1 } },
      });
      if (count === 1) claimed.push(id);
    }
    return claimed;
  }

  const repository = {
    async enqueue(shop: string, job: NewJob): Promise<JobRecord> {
      const row = await db.job.create({
        data: { shop, kind: job.kind, payloadJson: JSON.stringify(job.payload), runAt: job.runAt ?? new Date(), ...(job.maxAttempts ? { maxAttempts: job.maxAttempts } : {}) },
      });
      return toRecord(row);
    },

    /**
     * Webhook deliveries, any number at once (the intake's group commit, app/jobs/intake.server.ts):
     * each one's dedupe row and job, all in ONE transaction, so a batch costs one commit. Returns
     * one outcome per delivery, in order: "duplicate" when the shop's event id was accepted before
     * (or earlier in the same batch), "unknown-shop" when the shop never installed the app (no
     * row, ever: nothing stored). The unique (shop, eventId) decides through
     * `ON CONFLICT DO NOTHING`, so concurrent batches from several processes cannot both accept
     * one event. Written with the driver, not Prisma (webhook-batch.server.ts; decision 011).
     *
     * Queue engines other than this table (pg-boss) replace this one function.
     */
    async acceptWebhooks(batch: WebhookIntake[]): Promise<WebhookIntakeOutcome[]> {
      if (!batch.length) return [];
      const driver = driverOf(db);
      return driver.provider === "sqlite" ? acceptWebhookBatchSqlite(driver.sqlite, batch) : acceptWebhookBatchPostgres(driver.pool, batch);
    },

    /** One webhook delivery: `acceptWebhooks` with a batch of one. */
    async acceptWebhook(shop: string, event: WebhookIntake["event"], job: WebhookIntake["job"]): Promise<WebhookIntakeOutcome> {
      return (await repository.acceptWebhooks([{ shop, event, job }]))[0];
    },

    /** Claims up to `limit` due jobs of any shop for one worker. */
    async claimDue(workerId: string, options: { now?: Date; limit?: number; lockTimeoutMs?: number } = {}): Promise<JobRecord[]> {
      const now = options.now ?? new Date();
      const staleBefore = new Date(now.getTime() - (options.lockTimeoutMs ?? 5 * 60_000));
      const limit = options.limit ?? 10;
      const ids = provider === "postgresql" ? await claimPostgres(workerId, now, staleBefore, limit) : await claimSqlite(workerId, now, staleBefore, limit);
      if (!ids.length) return [];
      const rows = await db.job.findMany({ where: { id: { in: ids } }, orderBy: [{ runAt: "asc" }, { id: "asc" }] });
      return rows.map(toRecord);
    },

    /**
     * Done; `scrubPayload` empties a payload that carried personal data (privacy topics). With
     * `workerId`, only while that worker still holds the job: a worker whose lock expired and was
     * taken over changes nothing (returns false).
     */
    async complete(shop: string, id: string, options: { scrubPayload?: boolean; at?: Date; workerId?: string } = {}): Promise<boolean> {
      const { count } = await db.job.updateMany({
        where: { shop, id, ...(options.workerId ? { lockedBy: options.workerId } : {}) },
        data: { done: true, doneAt: options.at ?? new Date(), lockedAt: null, lockedBy: null, lastError: null, ...(options.scrubPayload ? { payloadJson: "{}" } : {}) },
      });
      return count === 1;
    },

    /**
     * A failed attempt: runs again at `retryAt`, or is given up (done, with its error: the
     * dead-letter state) when null. With `workerId`, only while that worker still holds the job.
     */
    async fail(shop: string, id: string, error: string, retryAt: Date | null, options: { workerId?: string; at?: Date; scrubPayload?: boolean } = {}): Promise<boolean> {
      const { count } = await db.job.updateMany({
        where: { shop, id, ...(options.workerId ? { lockedBy: options.workerId } : {}) },
        data: retryAt
          ? { lastError: error, runAt: retryAt, lockedAt: null, lockedBy: null }
          : { lastError: error, done: true, doneAt: options.at ?? new Date(), lockedAt: null, lockedBy: null, ...(options.scrubPayload ? { payloadJson: "{}" } : {}) },
      });
      return count === 1;
    },

    /**
     * customers/redact: jobs that gave up (kept with their payload for a person to look at) and
     * name the customer (their id or email anywhere in the payload) are emptied.
     */
    async scrubGaveUpMentioning(shop: string, needles: string[]): Promise<number> {
      const present = needles.filter(Boolean);
      if (!present.length) return 0;
      const { count } = await db.job.updateMany({
        where: { shop, done: true, lastError: { not: null }, OR: present.map((needle) => ({ payloadJson: { contains: needle } })) },
        data: { payloadJson: "{}" },
      });
      return count;
    },

    /**
     * Renews one job's lock just before it runs, so a lock covers each job, not the batch it was
     * claimed in: false when the worker no longer holds it (expired and claimed by another).
     */
    async renewLock(shop: string, id: string, workerId: string, at: Date): Promise<boolean> {
      const { count } = await db.job.updateMany({ where: { shop, id, lockedBy: workerId, done: false }, data: { lockedAt: at } });
      return count === 1;
    },

    /**
     * Retention (a scheduled job): finished jobs and webhook events older than `before` go, any
     * shop. Unfinished jobs stay whatever their age. Returns how many rows of each went.
     */
    async pruneFinishedBefore(before: Date): Promise<{ jobs: number; events: number }> {
      const jobs = await db.job.deleteMany({ where: { done: true, doneAt: { lt: before } } });
      const events = await db.webhookEvent.deleteMany({ where: { receivedAt: { lt: before } } });
      return { jobs: jobs.count, events: events.count };
    },

    /** Queue depth and the age of the oldest due job, for /readyz and the metrics. */
    async stats(now: Date): Promise<{ due: number; waiting: number; oldestDueAt: Date | null; gaveUp: number }> {
      const [due, waiting, oldest, gaveUp] = await Promise.all([
        db.job.count({ where: { done: false, runAt: { lte: now } } }),
        db.job.count({ where: { done: false } }),
        db.job.findFirst({ where: { done: false, runAt: { lte: now } }, orderBy: { runAt: "asc" }, select: { runAt: true } }),
        db.job.count({ where: { done: true, lastError: { not: null } } }),
      ]);
      return { due, waiting, oldestDueAt: oldest?.runAt ?? null, gaveUp };
    },

    /** True when the shop already has this kind of job waiting (a sweep does not pile them up). */
    async hasPending(shop: string, kind: string): Promise<boolean> {
      return (await db.job.count({ where: { shop, kind, done: false } })) > 0;
    },

    async list(shop: string, filter: { done?: boolean; kind?: string } = {}): Promise<JobRecord[]> {
      const rows = await db.job.findMany({ where: { shop, ...filter }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      return rows.map(toRecord);
    },

    async markWebhookProcessed(shop: string, eventId: string, at: Date): Promise<void> {
      await db.webhookEvent.updateMany({ where: { shop, eventId }, data: { processedAt: at } });
    },
  };
  return repository;
}

/** The provider a DATABASE_URL-style url names (the queue's claim differs per provider). */
export function providerOf(url: string): "sqlite" | "postgresql" {
  return databaseTarget(url).provider;
}

export type JobRepository = ReturnType<typeof createJobRepository>;
