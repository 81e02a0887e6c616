// Database chores that must work offline with Prisma's JavaScript schema engine, for both
// providers from one model (prisma/schema.prisma):
//   node scripts/db.mjs generate             both generated clients
//   node scripts/db.mjs new-migration NAME   a migration for SQLite and one for PostgreSQL
//   node scripts/db.mjs check                exit 1 when a provider's migrations drift from the schema
// `migrate diff --from-migrations` needs a shadow database the JS engine cannot create, so the
// current state of the migrations is read by applying them to a scratch database and pulling it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

const PRISMA = join("node_modules", ".bin", "prisma");
const PG_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const providers = {
  sqlite: { schema: "prisma/schema.prisma", migrations: "prisma/migrations" },
  postgresql: { schema: "prisma/postgres/schema.prisma", migrations: "prisma/postgres/migrations" },
};

function prisma(args, databaseUrl) {
  return execFileSync(PRISMA, args, {
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** A scratch database for one provider; returns its URL and a disposer. */
async function scratch(provider) {
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "aftercare-db-"));
    return { url: `file:${join(dir, "scratch.sqlite")}`, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `aftercare_scratch_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dispose: async () => {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** SQL that takes the database its migrations build to the schema ("" when in step). */
async function pendingSql(provider) {
  const { schema } = providers[provider];
  const db = await scratch(provider);
  try {
    prisma(["migrate", "deploy"], db.url);
    const dir = mkdtempSync(join(tmpdir(), "aftercare-pull-"));
    const current = join(dir, "current.prisma");
    // The CLI prints its driver-adapter warning on stdout ahead of the schema; keep the schema.
    const pulled = prisma(["db", "pull", "--print"], db.url);
    writeFileSync(current, pulled.slice(pulled.search(/^(generator|datasource) /m)));
    const sql = prisma(["migrate", "diff", "--from-schema-datamodel", current, "--to-schema-datamodel", schema, "--script"], db.url);
    rmSync(dir, { recursive: true, force: true });
    return sql.includes("-- This is an empty migration.") ? "" : sql.trim();
  } finally {
    await db.dispose();
  }
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const [command, name] = process.argv.slice(2);
if (command === "generate") {
  execFileSync(process.execPath, ["scripts/derive-postgres-schema.mjs"], { stdio: "inherit" });
  prisma(["generate", "--schema", providers.sqlite.schema], "file:./prisma/dev.sqlite");
  // The CLI picks its adapter from DATABASE_URL; any PostgreSQL URL selects the right one.
  prisma(["generate", "--schema", providers.postgresql.schema], "postgresql://generate@localhost/none");
} else if (command === "new-migration") {
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: new-migration snake_case_name");
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const provider of Object.keys(providers)) {
    const sql = await pendingSql(provider);
    if (!sql) {
      console.log(`${provider}: migrations already match the schema`);
      continue;
    }
    const dir = join(providers[provider].migrations, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "migration.sql"), `${sql}\n`);
    console.log(`${provider}: wrote ${dir}/migration.sql`);
  }
} else if (command === "check") {
  let drift = false;
  for (const provider of Object.keys(providers)) {
    if (provider === "postgresql" && !(await postgresReachable())) {
      console.log("postgresql: not reachable, skipped");
      continue;
    }
    const sql = await pendingSql(provider);
    if (sql) {
      drift = true;
      console.error(`${provider}: migrations drift from the schema; run \`npm run db:migration -- NAME\`. Missing:\n${sql}`);
    } else {
      console.log(`${provider}: migrations match the schema`);
    }
  }
  try {
    execFileSync(process.execPath, ["scripts/derive-postgres-schema.mjs", "--check"], { stdio: "inherit" });
  } catch {
    drift = true;
  }
  process.exit(drift ? 1 : 0);
} else {
  console.error("usage: node scripts/db.mjs generate | new-migration NAME | check");
  process.exit(2);
}
