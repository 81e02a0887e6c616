import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@aftercare/prisma-postgres";
import { PrismaClient as SqliteClient } from "@prisma/client";

import { databaseTarget } from "./db-target";

/**
 * The SQLite client is the default one (`@prisma/client`, which the session storage also
 * imports); the PostgreSQL one is generated beside it. Both generated clients come from one model definition (prisma/schema.prisma), so they share
 * one type; only the query compiler inside differs.
 */
export type Database = SqliteClient;

/**
 * SQLite tuned for many small writes from several processes: write-ahead logging (readers never
 * wait for the writer, a commit is one append), `synchronous = NORMAL` (durable at each WAL
 * checkpoint; safe against corruption, and a power cut can lose only the last commits, which a
 * webhook's redelivery restores) and a busy timeout so a second process waits for the write lock
 * instead of failing at once.
 */
export const SQLITE_PRAGMAS = ["journal_mode = WAL", "synchronous = NORMAL", "busy_timeout = 5000"] as const;

class TunedSQLite extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    for (const pragma of SQLITE_PRAGMAS) await adapter.queryRaw({ sql: `PRAGMA ${pragma}`, args: [], argTypes: [] });
    return adapter;
  }
}

/** A Prisma client for DATABASE_URL-style `url`, through the matching driver adapter. */
export function createDatabase(url: string): Database {
  const target = databaseTarget(url);
  if (target.provider === "postgresql") {
    return new PostgresClient({
      adapter: new PrismaPg({ connectionString: target.url }),
    }) as unknown as Database;
  }
  return new SqliteClient({ adapter: new TunedSQLite({ url: target.url, timeout: 5000 }) });
}
