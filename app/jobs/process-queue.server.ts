import { databaseTarget } from "../platform/db-target";
import db from "../db.server";
import { env } from "../platform/env.server";
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
  return createJobQueue(db, target.provider, jobs, {
    connectionString: target.provider === "postgresql" ? target.url : undefined,
    ...(env.JOB_RETRY_DELAY_S ? { retryDelaySeconds: env.JOB_RETRY_DELAY_S } : {}),
    ...(env.JOB_CONCURRENCY ? { concurrency: env.JOB_CONCURRENCY } : {}),
    ...(env.JOB_HEARTBEAT_S ? { heartbeatSeconds: env.JOB_HEARTBEAT_S } : {}),
    ...(env.JOB_SUPERVISE_S ? { superviseSeconds: env.JOB_SUPERVISE_S } : {}),
    ...(env.JOB_POLL_MS ? { pollMs: env.JOB_POLL_MS } : {}),
  });
})());
