// `npm run bench:scale [-- <webhooks> <money operations>]`: the scale run on PostgreSQL (two web
// and two worker processes on pg-boss, the Shopify stand-in, one worker SIGKILLed at 40 %; see
// test/scale/harness.ts) with 10,000 webhooks and 1,000 money operations by default. Writes
// bench/results/scale-postgresql.json with the machine's load; exits non-zero when anything was
// lost or done twice.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";

import { runScale } from "../test/scale/harness";
import { adminQuery, databaseUrl } from "../test/support/postgres";

const webhooks = Number(process.argv[2] ?? 10_000);
const moneyOperations = Number(process.argv[3] ?? 1_000);

const name = `aftercare_bench_scale_${randomUUID().replace(/-/g, "")}`;
await adminQuery(`CREATE DATABASE "${name}"`);
const url = databaseUrl(name);
try {
  execFileSync(join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "ignore", "inherit"] });
  const loadBefore = loadavg();
  const result = await runScale({ databaseUrl: url, webhooks, moneyOperations, drainTimeoutMs: 30 * 60_000, log: (line) => process.stdout.write(`${line}\n`) });
  const loadAfter = loadavg();
  const lost = result.webhooks.unprocessed + result.money.operationsNotCredited + (result.webhooks.statuses["200"] === result.webhooks.deliveries ? 0 : 1);
  const twice = result.money.operationsCreditedTwice + Math.max(0, result.webhooks.events - webhooks);
  const output = {
    benchmark: "scale-postgresql",
    command: `npm run bench:scale -- ${webhooks} ${moneyOperations}`,
    date: new Date().toISOString(),
    shape: { webProcesses: 2, workerProcesses: 2, engine: "pg-boss", killed: "one worker, SIGKILL, at 40 % of the webhooks", duplicates: "every tenth webhook delivered twice; every money job enqueued twice" },
    node: process.version,
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), loadavgBefore: loadBefore.map((l) => Number(l.toFixed(2))), loadavgAfter: loadAfter.map((l) => Number(l.toFixed(2))), note: "2 cores; read the load averages: a load above 2 means the run had less than the whole machine" },
    verdict: { lost, doneTwice: twice },
    ...result,
  };
  mkdirSync(join("bench", "results"), { recursive: true });
  writeFileSync(join("bench", "results", "scale-postgresql.json"), `${JSON.stringify(output, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(output.verdict)} · ${result.throughput.webhooksPerSecond} webhooks/s end to end · wrote bench/results/scale-postgresql.json\n`);
  if (lost || twice) process.exitCode = 1;
} finally {
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
