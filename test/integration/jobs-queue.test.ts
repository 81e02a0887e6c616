import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { BOSS_QUEUE, bossQueueOf, createJobQueue, SCHEDULE, type JobQueue, type JobWorker } from "../../app/jobs/queue.server";
import type { JobRecord } from "../../app/repositories/jobs.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { freshDatabase, testProviders, type Provider, type TestDatabase } from "../support/databases";

const SHOP = "queue.myshopify.com";
const OTHER = "other-queue.myshopify.com";

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A worker whose jobs fail while `failing` holds their kind; it records every attempt. */
function recordingWorker() {
  const runs: JobRecord[] = [];
  const settled: { id: string; outcome: string }[] = [];
  const failing = new Set<string>();
  const tasks: Record<string, number> = {};
  const worker: JobWorker = {
    async run(job) {
      runs.push(job);
      if (failing.has(job.kind)) throw new Error(`${job.kind} failed on attempt ${job.attempts}`);
    },
    task: async (name) => void (tasks[name] = (tasks[name] ?? 0) + 1),
    isPrivate: () => false,
    onSettled: (job, outcome) => void settled.push({ id: job.id, outcome }),
  };
  return { worker, runs, settled, failing, counts: () => tasks };
}

/**
 * The job interface on each engine: the Job table (SQLite) and pg-boss (PostgreSQL). Each test
 * drives the engine through `JobQueue` only, as the worker process does.
 */
describe.each(testProviders())("the job queue on %s", (provider: Provider) => {
  let database: TestDatabase;
  let queue: JobQueue;
  const started: JobQueue[] = [];
  const engineOf = (p: Provider) => (p === "postgresql" ? "pg-boss" : "table");

  /** How long until the job may run again, on the engine's own clock (the database's, for pg-boss). */
  const waitOf = async (id: string): Promise<number> => {
    if (provider === "postgresql") {
      const [row] = await database.db.$queryRawUnsafe<{ ms: number }[]>(`SELECT (extract(epoch FROM start_after - now()) * 1000)::float8 AS ms FROM pgboss.job WHERE id = $1::uuid`, id);
      return row.ms;
    }
    return (await database.db.job.findUniqueOrThrow({ where: { id } })).runAt.getTime() - Date.now();
  };
  /** Time passes for one job: it is due now. */
  const makeDue = async (id: string) => {
    if (provider === "postgresql") await database.db.$executeRawUnsafe(`UPDATE pgboss.job SET start_after = now() WHERE id = $1::uuid`, id);
    else await database.db.job.update({ where: { id }, data: { runAt: new Date() } });
  };
  const jobIds = async (kind: string): Promise<string[]> => {
    if (provider === "postgresql") return (await database.db.$queryRawUnsafe<{ id: string }[]>(`SELECT id::text AS id FROM pgboss.job WHERE name = $1 AND data->>'kind' = $2`, BOSS_QUEUE, kind)).map((r) => r.id);
    return (await database.db.job.findMany({ where: { kind }, select: { id: true } })).map((r) => r.id);
  };

  beforeAll(async () => {
    database = await freshDatabase(provider);
    for (const domain of [SHOP, OTHER]) await database.db.shop.create({ data: { domain } });
  });
  // Every queue a test made stops, passed or failed, so no worker of one test takes another's jobs.
  afterEach(async () => {
    for (const q of started.splice(0)) await q.stop();
  });
  afterAll(async () => database?.dispose());

  const newQueue = (options: { pollMs?: number } = {}) => {
    const made = createJobQueue(database.db, provider, createJobRepository(database.db, provider), { connectionString: database.url, retryDelaySeconds: 60, pollMs: 500, superviseSeconds: 1, concurrency: 2, ...options });
    started.push(made);
    return made;
  };

  it("GIVEN jobs left due before a worker starts WHEN it starts with a 10-minute poll THEN it runs them at once", async () => {
    queue = newQueue({ pollMs: 10 * 60_000 });
    expect(queue.engine).toBe(engineOf(provider));
    await queue.enqueue(SHOP, [{ kind: "due-at-start", payload: { n: 1 } }, { kind: "due-at-start", payload: { n: 2 } }]);
    const { worker, runs } = recordingWorker();
    const startedAt = Date.now();
    await queue.start(worker);
    await until("the jobs left due", async () => runs.length === 2, 20_000);
    // Far less than the poll interval: the start itself took them.
    expect(Date.now() - startedAt).toBeLessThan(60_000);
    expect(runs.map((r) => (r.payload as { n: number }).n).sort()).toEqual([1, 2]);
    expect(runs.every((r) => r.shop === SHOP)).toBe(true);
  });

  it("GIVEN a job that keeps failing WHEN it fails THEN it is retried later and each wait is longer than the last (base 60 s here), never at once", async () => {
    queue = newQueue();
    const { worker, runs, failing } = recordingWorker();
    failing.add("flaky");
    await queue.enqueue(SHOP, [{ kind: "flaky", payload: {} }]);
    await queue.start(worker);
    const [id] = await jobIds("flaky");

    await until("the first attempt", async () => runs.length === 1);
    await until("the retry to be scheduled", async () => (await waitOf(id)) > 10_000);
    // The table waits base × 2^(n-1); pg-boss base × 2^(n-1) × (1 + random): the first retry after
    // one to two bases, the second after two to four (a few seconds allowed for the test's own pace).
    const [highFirst, highSecond] = provider === "postgresql" ? [121_000, 241_000] : [61_000, 121_000];
    const firstWait = await waitOf(id);
    expect(firstWait).toBeGreaterThanOrEqual(50_000);
    expect(firstWait).toBeLessThanOrEqual(highFirst);

    await makeDue(id);
    await until("the second attempt", async () => runs.length === 2);
    expect(runs[1].attempts).toBe(2);
    await until("the second retry to be scheduled", async () => (await waitOf(id)) > 10_000);
    const secondWait = await waitOf(id);
    expect(secondWait).toBeGreaterThanOrEqual(110_000); // backing off: twice the base at least
    expect(secondWait).toBeLessThanOrEqual(highSecond);
    expect(runs).toHaveLength(2); // nothing ran it in between
  });

  it("GIVEN a job that used all its attempts WHEN the merchant's desk asks THEN it is in that shop's dead letters with its error, and a retry runs it again", async () => {
    queue = newQueue();
    const { worker, runs, failing } = recordingWorker();
    failing.add("doomed");
    await queue.enqueue(SHOP, [{ kind: "doomed", payload: { topic: "orders/updated" }, maxAttempts: 2 }]);
    await queue.start(worker);
    const [id] = await jobIds("doomed");
    await until("the first attempt", async () => runs.filter((r) => r.id === id).length === 1);
    await until("the retry to be scheduled", async () => (await waitOf(id)) > 10_000);
    await makeDue(id);
    await until("the dead letter", async () => (await queue.deadLetters(SHOP)).some((d) => d.id === id));

    const [dead] = (await queue.deadLetters(SHOP)).filter((d) => d.id === id);
    expect(dead).toMatchObject({ kind: "doomed", attempts: 2, lastError: "doomed failed on attempt 2" });
    expect(await queue.deadLetters(OTHER)).toEqual([]);
    expect((await queue.stats(new Date())).gaveUp).toBeGreaterThanOrEqual(1);

    // Another shop cannot touch it; this shop's retry gives it one more attempt, which succeeds.
    expect(await queue.retry(OTHER, id)).toBe(false);
    failing.delete("doomed");
    expect(await queue.retry(SHOP, id)).toBe(true);
    await until("the retried run", async () => runs.filter((r) => r.id === id).length === 3);
    await until("the dead letter to clear", async () => !(await queue.deadLetters(SHOP)).some((d) => d.id === id));
  });

  it("GIVEN a worker WHEN it schedules the recurring jobs THEN the reconciler sweep, the pruning, the photo sweep, the return retry, the shopper-email sweep, the Shopify Flow sweep and the quote expiry are registered on their crons and run", async () => {
    queue = newQueue();
    expect(await queue.schedule()).toEqual([...SCHEDULE]);
    expect(SCHEDULE.map((t) => t.name)).toEqual(["reconcile-sweep", "prune", "photo-sweep", "return-retry", "notify-sweep", "flow-sweep", "quote-expiry"]);
    const { worker, counts } = recordingWorker();
    if (provider === "postgresql") {
      const rows = await database.db.$queryRawUnsafe<{ name: string; cron: string }[]>(`SELECT name, cron FROM pgboss.schedule ORDER BY name`);
      expect(rows).toEqual([
        { name: bossQueueOf("flow-sweep"), cron: "* * * * *" },
        { name: bossQueueOf("notify-sweep"), cron: "* * * * *" },
        { name: bossQueueOf("photo-sweep"), cron: "41 * * * *" },
        { name: bossQueueOf("prune"), cron: "17 */6 * * *" },
        { name: bossQueueOf("quote-expiry"), cron: "23 * * * *" },
        { name: bossQueueOf("reconcile-sweep"), cron: "*/5 * * * *" },
        { name: bossQueueOf("return-retry"), cron: "* * * * *" },
      ]);
      // A cron firing sends a job to the task's queue; the worker runs each task's job.
      await queue.start(worker);
      const { PgBoss } = await import("pg-boss");
      const sender = new PgBoss({ connectionString: database.url, schema: "pgboss", supervise: false, schedule: false });
      await sender.start();
      for (const task of SCHEDULE) await sender.send(bossQueueOf(task.name), {});
      await sender.stop({ graceful: false });
    } else {
      await queue.start(worker);
    }
    await until("every recurring task to run", async () => SCHEDULE.every((task) => (counts()[task.name] ?? 0) >= 1));
  });

  it("GIVEN a backlog of 120 jobs WHEN a worker polling every 10 minutes starts THEN it runs them all without waiting for a poll, each once", async () => {
    queue = newQueue({ pollMs: 10 * 60_000 });
    await queue.enqueue(SHOP, Array.from({ length: 120 }, (_, n) => ({ kind: "backlog", payload: { n } })));
    const { worker, runs } = recordingWorker();
    await queue.start(worker);
    await until("the backlog to drain", async () => runs.filter((r) => r.kind === "backlog").length >= 120, 20_000);
    const ns = runs.filter((r) => r.kind === "backlog").map((r) => (r.payload as { n: number }).n);
    expect(new Set(ns).size).toBe(120);
    expect(ns).toHaveLength(120);
  });

  it("GIVEN jobs claimed together WHEN one of them fails THEN only that one is retried; the others are done once", async () => {
    queue = newQueue();
    const { worker, runs, settled, failing } = recordingWorker();
    failing.add("sour");
    await queue.enqueue(SHOP, [...[1, 2].map((n) => ({ kind: "sweet", payload: { n } })), { kind: "sour", payload: {} }, ...[3, 4].map((n) => ({ kind: "sweet", payload: { n } }))]);
    await queue.start(worker);
    const [sour] = await jobIds("sour");
    await until("every job's first attempt", async () => runs.filter((r) => r.kind === "sweet").length === 4 && runs.some((r) => r.kind === "sour"));
    await until("the sour job's retry to be scheduled", async () => (await waitOf(sour)) > 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(runs.filter((r) => r.kind === "sweet")).toHaveLength(4);
    expect(runs.filter((r) => r.kind === "sour")).toHaveLength(1);
    expect(settled.filter((s) => s.outcome === "done")).toHaveLength(4);
    expect(settled.filter((s) => s.outcome === "retry").map((s) => s.id)).toEqual([sour]);
  });

  it("GIVEN a batch of webhook deliveries WHEN accepted THEN each new event gets its dedupe row and one job in one transaction; repeats and unknown shops get none", async () => {
    queue = newQueue();
    const job = (n: number) => ({ kind: "webhook", payload: { topic: "orders/updated", eventId: `ev-${n}`, data: { n } } });
    const event = (n: number) => ({ topic: "orders/updated", eventId: `ev-${n}`, webhookId: `wh-${n}` });
    const first = await queue.acceptWebhooks([
      { shop: SHOP, event: event(1), job: job(1) },
      { shop: SHOP, event: event(2), job: job(2) },
      { shop: SHOP, event: event(1), job: job(1) },
      { shop: "never-installed.myshopify.com", event: event(3), job: job(3) },
      { shop: OTHER, event: event(1), job: job(1) },
    ]);
    expect(first).toEqual(["accepted", "accepted", "duplicate", "unknown-shop", "accepted"]);
    expect(await queue.acceptWebhook(SHOP, event(2), job(2))).toBe("duplicate");
    expect(await database.db.webhookEvent.count({ where: { eventId: { startsWith: "ev-" } } })).toBe(3);
    expect((await jobIds("webhook")).length).toBe(3);
  });
});
