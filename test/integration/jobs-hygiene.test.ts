import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { pruneOldRows, runDueJobs, type JobDeps } from "../../app/jobs/worker.server";
import { createExportRepository } from "../../app/repositories/exports.server";
import { createJobRepository } from "../../app/repositories/jobs.server";
import { createOperationRepository } from "../../app/repositories/operations.server";
import { createRequestRepository } from "../../app/repositories/requests.server";
import { freshDatabase, testProviders, type Provider, type TestDatabase } from "../support/databases";

const SHOP = "hygiene.myshopify.com";
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** An orders/updated job as acceptWebhook stores it. */
const rename = (n: number) => ({ kind: "webhook", payload: { topic: "orders/updated", eventId: `e${n}`, data: { orderId: `gid://shopify/Order/${n}`, orderName: `#${n}` } } });

describe.each(testProviders())("job hygiene on %s", (provider: Provider) => {
  let database: TestDatabase;
  let deps: JobDeps;

  beforeAll(async () => {
    database = await freshDatabase(provider);
    deps = {
      requests: createRequestRepository(database.db),
      operations: createOperationRepository(database.db),
      jobs: createJobRepository(database.db, provider),
      dataExports: createExportRepository(database.db),
      adminFor: async () => null,
    };
  });
  afterAll(async () => database?.dispose());

  it("GIVEN a worker whose lock expired and was taken over WHEN it completes or fails the job THEN nothing changes; the new holder finishes it", async () => {
    const job = await deps.jobs.enqueue(SHOP, { kind: "test", payload: {} });
    const t0 = new Date();
    expect((await deps.jobs.claimDue("slow", { now: t0 })).map((j) => j.id)).toContain(job.id);
    const t1 = new Date(t0.getTime() + 10 * MINUTE);
    expect((await deps.jobs.claimDue("fresh", { now: t1, lockTimeoutMs: 5 * MINUTE })).map((j) => j.id)).toContain(job.id);

    expect(await deps.jobs.complete(SHOP, job.id, { workerId: "slow" })).toBe(false);
    expect(await deps.jobs.fail(SHOP, job.id, "late failure", null, { workerId: "slow" })).toBe(false);
    const row = await database.db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row).toMatchObject({ done: false, lockedBy: "fresh", lastError: null });

    expect(await deps.jobs.complete(SHOP, job.id, { workerId: "fresh" })).toBe(true);
    expect((await database.db.job.findUniqueOrThrow({ where: { id: job.id } })).done).toBe(true);
  });

  it("GIVEN a job whose worker died on its last attempt WHEN its lock expires THEN no claim takes it past its attempts", async () => {
    const job = await deps.jobs.enqueue(SHOP, { kind: "last-try", payload: {}, maxAttempts: 2 });
    const start = Date.now();
    for (const [i, worker] of ["w1", "w2"].entries()) {
      const claimed = await deps.jobs.claimDue(worker, { now: new Date(start + i * 10 * MINUTE), lockTimeoutMs: MINUTE, limit: 50 });
      expect(claimed.find((j) => j.id === job.id)?.attempts).toBe(i + 1);
    }
    const third = await deps.jobs.claimDue("w3", { now: new Date(start + 30 * MINUTE), lockTimeoutMs: MINUTE, limit: 50 });
    expect(third.map((j) => j.id)).not.toContain(job.id);
    expect((await database.db.job.findUniqueOrThrow({ where: { id: job.id } })).attempts).toBe(2);
  });

  it("GIVEN a batch claimed at once WHEN a later job's lock lapses while earlier ones run and another worker takes it THEN that job runs once, by the other worker", async () => {
    const shop = `batch-${provider}.myshopify.com`;
    await database.db.job.deleteMany({ where: { done: false } });
    const first = await deps.jobs.enqueue(shop, rename(1));
    const second = await deps.jobs.enqueue(shop, { ...rename(2), runAt: new Date(Date.now() + 1) });
    const t0 = new Date(Date.now() + 1_000);
    let clock = t0;
    const renamed: string[] = [];
    let stolen: Awaited<ReturnType<typeof runDueJobs>> | null = null;
    // Claimed together at t0; the first job starts four minutes later (a slow batch) and, while it
    // runs, another worker six minutes on finds the second job's claim lapsed and takes it.
    const slow: JobDeps = {
      ...deps,
      now: () => clock,
      jobs: {
        ...deps.jobs,
        claimDue: async (...args: Parameters<JobDeps["jobs"]["claimDue"]>) => {
          const claimed = await deps.jobs.claimDue(...args);
          clock = new Date(t0.getTime() + 4 * MINUTE);
          return claimed;
        },
      },
      requests: {
        ...deps.requests,
        renameOrder: async (s: string, orderId: string, name: string) => {
          renamed.push(orderId);
          if (orderId.endsWith("/1")) stolen = await runDueJobs(other, { workerId: "other", now: new Date(t0.getTime() + 6 * MINUTE) });
          return deps.requests.renameOrder(s, orderId, name);
        },
      },
    };
    const other: JobDeps = {
      ...deps,
      requests: {
        ...deps.requests,
        renameOrder: async (s: string, orderId: string, name: string) => {
          renamed.push(orderId);
          return deps.requests.renameOrder(s, orderId, name);
        },
      },
    };
    const result = await runDueJobs(slow, { workerId: "slow" });
    expect(stolen).toEqual({ ran: 1, failed: 0 });
    expect(result).toEqual({ ran: 1, failed: 0 });
    expect(renamed.filter((r) => r.endsWith("/2"))).toHaveLength(1);
    for (const id of [first.id, second.id]) expect((await database.db.job.findUniqueOrThrow({ where: { id } })).done).toBe(true);
  });

  it("GIVEN finished jobs and webhook events older than 30 days WHEN the retention job runs THEN they go; unfinished and recent rows stay", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 31 * DAY);
    const oldDone = await database.db.job.create({ data: { shop: SHOP, kind: "test", payloadJson: "{}", done: true, doneAt: old, createdAt: old } });
    const oldGaveUp = await database.db.job.create({ data: { shop: SHOP, kind: "test", payloadJson: "{}", done: true, doneAt: old, lastError: "boom", createdAt: old } });
    const oldWaiting = await database.db.job.create({ data: { shop: SHOP, kind: "test", payloadJson: "{}", runAt: old, createdAt: old } });
    const recentDone = await database.db.job.create({ data: { shop: SHOP, kind: "test", payloadJson: "{}", done: true, doneAt: new Date(now.getTime() - 29 * DAY) } });
    await database.db.webhookEvent.create({ data: { shop: SHOP, topic: "orders/updated", eventId: "old-event", receivedAt: old, processedAt: old } });
    await database.db.webhookEvent.create({ data: { shop: SHOP, topic: "orders/updated", eventId: "recent-event" } });

    const pruned = await pruneOldRows(deps, now);
    expect(pruned.jobs).toBeGreaterThanOrEqual(2);
    const left = new Set((await database.db.job.findMany({ select: { id: true } })).map((j) => j.id));
    expect([left.has(oldDone.id), left.has(oldGaveUp.id), left.has(oldWaiting.id), left.has(recentDone.id)]).toEqual([false, false, true, true]);
    expect((await database.db.webhookEvent.findMany({ where: { shop: SHOP }, select: { eventId: true } })).map((e) => e.eventId)).toEqual(["recent-event"]);
  });
});
