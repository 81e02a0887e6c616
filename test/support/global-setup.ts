import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

import type { TestProject } from "vitest/node";

import { BUILD_RESULT } from "./extensions-build";
import { adminQuery, databaseUrl, postgresAnswers } from "./postgres";

/**
 * Migrates one template database per provider, once per run; each test file then gets its own
 * copy (a file copy for SQLite, CREATE DATABASE … TEMPLATE for PostgreSQL), so files never share
 * rows and never pay for migrations.
 */
export const SQLITE_TEMPLATE = join(process.cwd(), ".tmp", "test-template.sqlite");
export const POSTGRES_TEMPLATE = `aftercare_test_template_${process.pid}`;

export default async function setup(project: TestProject) {
  mkdirSync(join(process.cwd(), ".tmp"), { recursive: true });
  rmSync(SQLITE_TEMPLATE, { force: true });
  // The extensions are built by Shopify CLI once per run, by the first file that needs them.
  rmSync(BUILD_RESULT, { force: true });
  migrate(`file:${SQLITE_TEMPLATE}`);

  const postgres = await postgresAnswers();
  if (process.env.TEST_POSTGRES_REQUIRED === "1" && !postgres) {
    throw new Error("TEST_POSTGRES_REQUIRED=1 but PostgreSQL does not answer");
  }
  if (postgres) {
    await adminQuery(`DROP DATABASE IF EXISTS "${POSTGRES_TEMPLATE}" WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE "${POSTGRES_TEMPLATE}"`);
    migrate(databaseUrl(POSTGRES_TEMPLATE));
  }
  project.provide("sqliteTemplate", SQLITE_TEMPLATE);
  project.provide("postgresTemplate", postgres ? POSTGRES_TEMPLATE : null);

  return async () => {
    if (postgres) await adminQuery(`DROP DATABASE IF EXISTS "${POSTGRES_TEMPLATE}" WITH (FORCE)`);
    rmSync(SQLITE_TEMPLATE, { force: true });
    rmSync(BUILD_RESULT, { force: true });
  };
}

function migrate(url: string) {
  execFileSync(join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "pipe"],
  });
}

declare module "vitest" {
  export interface ProvidedContext {
    sqliteTemplate: string;
    postgresTemplate: string | null;
  }
}
