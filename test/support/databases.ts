import { randomUUID } from "node:crypto";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

import { inject } from "vitest";

import { createDatabase, type Database } from "../../app/platform/db-client.server";
import { adminQuery, databaseUrl } from "./postgres";

export type Provider = "sqlite" | "postgresql";

export type TestDatabase = {
  provider: Provider;
  url: string;
  db: Database;
  dispose(): Promise<void>;
};

/** The providers this run tests against: SQLite always, PostgreSQL when it answers. */
export function testProviders(): Provider[] {
  return inject("postgresTemplate") ? ["sqlite", "postgresql"] : ["sqlite"];
}

/** A fresh, migrated database of its own for one test file. */
export async function freshDatabase(provider: Provider): Promise<TestDatabase> {
  if (provider === "sqlite") {
    const dir = join(process.cwd(), ".tmp", "dbs");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${randomUUID()}.sqlite`);
    copyFileSync(inject("sqliteTemplate"), file);
    const url = `file:${file}`;
    const db = createDatabase(url);
    return {
      provider,
      url,
      db,
      async dispose() {
        await db.$disconnect();
        for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  const template = inject("postgresTemplate");
  if (!template) throw new Error("PostgreSQL is not available in this run");
  const name = `aftercare_test_${randomUUID().replace(/-/g, "")}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = databaseUrl(name);
  const db = createDatabase(url);
  return {
    provider,
    url,
    db,
    async dispose() {
      await db.$disconnect();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
