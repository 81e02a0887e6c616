import { createDatabase, type Database } from "./platform/db-client.server";
import { env } from "./platform/env.server";

export type { Database } from "./platform/db-client.server";

declare global {
  // Remix dev re-imports server modules on every change; keep one pool across reloads.
  var __aftercareDb: Database | undefined;
}

/** The process's one Prisma client, on DATABASE_URL. */
const db: Database = globalThis.__aftercareDb ?? createDatabase(env.DATABASE_URL);
if (env.NODE_ENV !== "production") globalThis.__aftercareDb = db;

export default db;
