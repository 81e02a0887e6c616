// Prisma's native schema engine cannot be downloaded on our machines, so migrations run on the
// JavaScript engine through the same driver adapters the app uses at run time. DATABASE_URL picks
// the database: `file:` for SQLite (the embedded default), `postgres(ql)://` for PostgreSQL.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

import { databaseTarget } from "./app/platform/db-target";
import { CatalogFriendlyClient } from "./prisma/pg-migration-client";

const target = databaseTarget(process.env.DATABASE_URL);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: target.schemaPath,
  migrations: { path: target.migrationsPath, seed: "tsx prisma/seed.ts" },
  async adapter() {
    return target.provider === "postgresql"
      ? new PrismaPg({ connectionString: target.url, Client: CatalogFriendlyClient })
      : new PrismaBetterSQLite3({ url: target.url });
  },
});
