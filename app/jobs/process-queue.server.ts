import { Gauge } from "prom-client";

import db from "../db.server";
import { databaseTarget } from "../platform/db-target";
import { env } from "../platform/env.server";
import { registry } from "../platform/prometheus.server";
import { jobs } from "../repositories/index.server";
import { createJobQueue, type JobQueue } from "./queue.server";

declare global {
  // Remix dev re-imports server modules on every change; keep one queue (and pg-boss pool) per process.
  var __aftercareQueue: JobQueue | undefined;
}

/**
 * The process's job queue on DATABASE_URL: pg-boss on PostgreSQL, the `Job` table on SQLite
 * (queue.server.ts). Web processes only enqueue through it; `npm run worker` runs it.
 */
export const queue: JobQueue = (globalThis.__aftercareQueue ??= (() => {
  const target = databaseTarget(env.DATABASE_URL);
  const created = createJobQueue(db, target.provider, jobs, {
    connectionString: target.provider === "postgresql" ? target.url : undefined,
    ...(env.JOB_RETRY_DELAY_S ? { retryDelaySeconds: env.JOB_RETRY_DELAY_S } : {}),
    ...(env.JOB_CONCURRENCY ? { concurrency: env.JOB_CONCURRENCY } : {}),
    ...(env.JOB_HEARTBEAT_S ? { heartbeatSeconds: env.JOB_HEARTBEAT_S } : {}),
    ...(env.JOB_SUPERVISE_S ? { superviseSeconds: env.JOB_SUPERVISE_S } : {}),
    ...(env.JOB_POLL_MS ? { pollMs: env.JOB_POLL_MS } : {}),
  });
  registerQueueMetrics(created);
  return created;
})());

/**
 * The queue's own gauges on the process's registry (app/platform/prometheus.server.ts), read from
 * the database at scrape time so every process reports the same totals; registered once, with
 * the queue.
 */
function registerQueueMetrics(queue: JobQueue) {
  const registers = [registry];
  const queueAge = new Gauge({ name: "aftercare_jobs_oldest_due_age_seconds", help: "How long the oldest due job has waited.", registers });
  new Gauge({
    name: "aftercare_jobs",
    help: "Jobs by state: due (runnable now), waiting (unfinished, including retries later), gave_up (the dead-letter state).",
    labelNames: ["state"],
    registers,
    async collect() {
      const stats = await queue.stats(new Date());
      this.set({ state: "due" }, stats.due);
      this.set({ state: "waiting" }, stats.waiting);
      this.set({ state: "gave_up" }, stats.gaveUp);
      queueAge.set(stats.oldestDueAt ? (Date.now() - stats.oldestDueAt.getTime()) / 1000 : 0);
    },
  });
}
