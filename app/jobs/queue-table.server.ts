import type { Database } from "../platform/db-client.server";
import type { JobRecord, JobRepository, NewJob } from "../repositories/jobs.server";
import { backoffMs, SCHEDULE, type JobQueue, type JobWorker, type QueueOptions, type TaskName } from "./queue-contract.server";

const neverRun = (): Record<TaskName, number> => Object.fromEntries(SCHEDULE.map((task) => [task.name, 0])) as Record<TaskName, number>;

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
