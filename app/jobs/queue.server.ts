import type { Database } from "../platform/db-client.server";
import type { JobRepository } from "../repositories/jobs.server";
import { createBossQueue } from "./queue-boss.server";
import { DEFAULT_QUEUE_OPTIONS, type JobQueue, type QueueOptions } from "./queue-contract.server";
import { createTableQueue } from "./queue-table.server";

export * from "./queue-contract.server";
export { BOSS_QUEUE, bossQueueOf, createBossQueue } from "./queue-boss.server";
export { createTableQueue } from "./queue-table.server";

/** The queue for the database: the `Job` table on SQLite (queue-table), pg-boss on PostgreSQL (queue-boss). */
export function createJobQueue(db: Database, provider: "sqlite" | "postgresql", repository: JobRepository, options: Partial<QueueOptions> & { connectionString?: string } = {}): JobQueue {
  const settings = { ...DEFAULT_QUEUE_OPTIONS, ...options };
  if (provider === "postgresql") {
    if (!options.connectionString) throw new Error("pg-boss needs the database's connection string");
    return createBossQueue(db, options.connectionString, settings);
  }
  return createTableQueue(db, repository, settings);
}
