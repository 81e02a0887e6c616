import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@aftercare/prisma-postgres";
import { PrismaClient as SqliteClient } from "@prisma/client";
import { createRequire } from "node:module";

import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";

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

/**
 * The database driver itself, beside a Prisma client, for the one path too hot for Prisma: the
 * webhook intake's batch write (docs/decisions/011-webhook-fast-path.md). On SQLite a connection
 * of its own that never waits for the write lock inside SQLite (`busy_timeout = 0`: a synchronous
 * wait would stop the event loop, and with it a Prisma transaction of this very process that holds
 * the lock); the caller retries without blocking. On PostgreSQL a small pool.
 */
export type Driver = { provider: "sqlite"; sqlite: BetterSqlite3.Database } | { provider: "postgresql"; pool: pg.Pool };

/**
 * better-sqlite3 as the Prisma adapter loads it (its own copy, resolved from the adapter's
 * package): one build of SQLite per process. Two builds in one process do not see each other's
 * POSIX locks on the same file, and closing a connection in one drops the other's locks
 * (https://www.sqlite.org/howtocorrupt.html, 2.2.1).
 */
function adapterSqlite(): typeof BetterSqlite3 {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve("@prisma/adapter-better-sqlite3"))("better-sqlite3") as typeof BetterSqlite3;
}

const drivers = new WeakMap<Database, { provider: Driver["provider"]; open(): Driver; close(): Promise<void> }>();

/**
 * Which database `db` talks to, for the rare query whose best shape differs by planner (the bench
 * queue's several-state page: decision 013). SQLite for a client not made by createDatabase.
 */
export function providerOf(db: Database): Driver["provider"] {
  return drivers.get(db)?.provider ?? "sqlite";
}

/** The driver connection under `db` (opened on first use, closed by `db.$disconnect()`). */
export function driverOf(db: Database): Driver {
  const driver = drivers.get(db);
  if (!driver) throw new Error("this Prisma client was not made by createDatabase: no driver beside it");
  return driver.open();
}

function lazyDriver(target: ReturnType<typeof databaseTarget>): { provider: Driver["provider"]; open(): Driver; close(): Promise<void> } {
  let driver: Driver | null = null;
  return {
    provider: target.provider,
    open() {
      if (driver) return driver;
      if (target.provider === "postgresql") {
        // Idle connections close, and never keep a process (a test run, a script) alive. A batch waits
        // up to 10 s for a connection on a busy machine, then fails (answered 500: Shopify delivers again).
        const pool = new pg.Pool({ connectionString: target.url, max: 4, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 10_000, allowExitOnIdle: true });
        // An idle connection the server ends (a restart, a failover, pg_terminate_backend) is an
        // 'error' on the pool; unheard, it is an uncaught exception that ends the web process. The
        // pool has already dropped that connection and opens a new one on the next batch.
        pool.on("error", (error) => process.stderr.write(`${JSON.stringify({ level: 50, msg: "webhook pool: idle connection lost", error: error.message })}\n`));
        driver = { provider: "postgresql", pool };
      } else {
        const Sqlite = adapterSqlite();
        const sqlite = new Sqlite(target.url.replace(/^file:/, ""), { timeout: 0 });
        for (const pragma of SQLITE_PRAGMAS) if (!pragma.startsWith("busy_timeout")) sqlite.pragma(pragma);
        driver = { provider: "sqlite", sqlite };
      }
      return driver;
    },
    async close() {
      const open = driver;
      driver = null;
      if (open?.provider === "sqlite") open.sqlite.close();
      else if (open?.provider === "postgresql") await open.pool.end();
    },
  };
}

/** A Prisma client for DATABASE_URL-style `url`, through the matching driver adapter. */
export function createDatabase(url: string): Database {
  const target = databaseTarget(url);
  const db =
    target.provider === "postgresql"
      ? (new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url }) }) as unknown as Database)
      : new SqliteClient({ adapter: new TunedSQLite({ url: target.url, timeout: 5000 }) });
  const driver = lazyDriver(target);
  drivers.set(db, driver);
  const disconnect = db.$disconnect.bind(db);
  db.$disconnect = async () => {
    await driver.close();
    await disconnect();
  };
  return db;
}
