// What the list benchmarks (`bench:desk`, `bench:bench`) share: a seeded random source, a fresh
// migrated database per provider (a SQLite file, then a PostgreSQL database when one answers),
// timings after warm-up, and the results file with the machine's load.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

import pg from "pg";

import { createDatabase, type Database } from "../../app/platform/db-client.server";

export type Provider = "sqlite" | "postgresql";

const PG_ADMIN = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** A small seeded generator (mulberry32): the same rows on every run. */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** SQL literals for multi-row INSERTs written through the driver, and timestamps as Prisma writes them. */
export function literals(provider: Provider) {
  return {
    quote: (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`),
    // ISO text with "+00:00" on SQLite, a timestamp on PostgreSQL.
    stamp: (d: Date) => (provider === "sqlite" ? `'${d.toISOString().replace("Z", "+00:00")}'` : `'${d.toISOString()}'`),
  };
}

/** Times `run` after three warm-ups (caches, the query compiler): median, 95th percentile and slowest. */
export async function time(run: () => Promise<unknown>, rounds: number) {
  for (let i = 0; i < 3; i++) await run();
  const took: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await run();
    took.push(performance.now() - start);
  }
  const sorted = [...took].sort((a, b) => a - b);
  const at = (q: number) => Number(sorted[Math.min(rounds - 1, Math.ceil(q * rounds) - 1)].toFixed(2));
  return { medianMs: Number(sorted[Math.floor(rounds / 2)].toFixed(2)), p95Ms: at(0.95), slowestMs: Number(sorted[rounds - 1].toFixed(2)) };
}

function migrate(url: string) {
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
}

/**
 * Runs `measure` on a fresh migrated SQLite file and then, when it answers, a fresh PostgreSQL
 * database, writing the results file (with the machine and its load average) after each.
 */
export async function onBothDatabases(name: string, header: Record<string, unknown>, measure: (db: Database, provider: Provider) => Promise<unknown>) {
  const results: unknown[] = [];
  const write = () => {
    const report = {
      ranAt: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), loadavg: loadavg().map((l) => Number(l.toFixed(2))) },
      ...header,
      results,
    };
    writeFileSync(`bench/results/${name}.json`, `${JSON.stringify(report, null, 2)}\n`);
    console.log(JSON.stringify(report, null, 2));
  };
  const run = async (url: string, provider: Provider) => {
    migrate(url);
    const db = createDatabase(url);
    try {
      results.push(await measure(db, provider));
    } finally {
      await db.$disconnect();
    }
  };

  mkdirSync(".tmp", { recursive: true });
  const file = join(process.cwd(), ".tmp", `bench-${name}-${process.pid}.sqlite`);
  rmSync(file, { force: true });
  try {
    await run(`file:${file}`, "sqlite");
  } finally {
    rmSync(file, { force: true });
  }
  write();

  const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2_000 });
  const up = await admin.connect().then(
    () => true,
    () => false,
  );
  if (!up) return;
  const database = `aftercare_bench_${process.pid}`;
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${database}`;
  try {
    await run(url.toString(), "postgresql");
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
  write();
}
