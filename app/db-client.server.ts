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

/** A Prisma client for DATABASE_URL-style `url`, through the matching driver adapter. */
export function createDatabase(url: string): Database {
  const target = databaseTarget(url);
  if (target.provider === "postgresql") {
    return new PostgresClient({
      adapter: new PrismaPg({ connectionString: target.url }),
    }) as unknown as Database;
  }
  return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: target.url }) });
}
