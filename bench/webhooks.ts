// `npm run bench:webhooks [-- sqlite|postgresql]`: signed orders/updated webhooks sent open-loop
// (at a fixed rate, whatever the answers) to the production build, as Shopify would, with the
// job worker stopped; then the worker drains the queue and every event is checked to have been
// handled exactly once. Figures go to bench/results/webhooks-<provider>.json with the machine's
// load. Rate and duration: WEBHOOK_RATE (default 500/s), WEBHOOK_SECONDS (default 30).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

import { createDatabase } from "../app/platform/db-client.server";
import { adminQuery, databaseUrl } from "../test/support/postgres";
import { freePort } from "../test/support/app-server";

const provider = (process.argv[2] ?? "sqlite") as "sqlite" | "postgresql";
const RATE = Number(process.env.WEBHOOK_RATE ?? 500);
const SECONDS = Number(process.env.WEBHOOK_SECONDS ?? 30);
const SHOP = "bench-jeweller.myshopify.com";
const SECRET = "bench-secret";

function migrate(url: string) {
  execFileSync(join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "ignore", "inherit"] });
}

async function database(): Promise<{ url: string; dispose(): Promise<void> }> {
  if (provider === "sqlite") {
    mkdirSync(".tmp", { recursive: true });
    const file = join(process.cwd(), ".tmp", `bench-webhooks-${process.pid}.sqlite`);
    migrate(`file:${file}`);
    return { url: `file:${file}`, dispose: async () => ["", "-wal", "-shm"].forEach((s) => rmSync(`${file}${s}`, { force: true })) };
  }
  const name = `aftercare_bench_${process.pid}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  migrate(databaseUrl(name));
  return { url: databaseUrl(name), dispose: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

function start(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
  return child;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const db = await database();
const prisma = createDatabase(db.url);
await prisma.shop.create({ data: { domain: SHOP, currency: "GBP" } });
const port = await freePort();
const env = { NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: db.url, SHOPIFY_API_KEY: "bench", SHOPIFY_API_SECRET: SECRET, SHOPIFY_APP_URL: `http://127.0.0.1:${port}`, JOBS_IN_WEB: "false", LOG_LEVEL: "warn" };
// The production server, as `npm start` runs it (server.mjs: webhooks on the fast path).
const web = start(["server.mjs", join("build", "index.js")], env);
for (;;) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
  } catch {
    await new Promise((r) => setTimeout(r, 200));
  }
}

function delivery(n: number) {
  const id = 5_000_000_000_000 + n;
  const body = JSON.stringify({ id, admin_graphql_api_id: `gid://shopify/Order/${id}`, name: `#${n}`, email: "bench@example.com", financial_status: "paid", line_items: [{ id: id + 1, quantity: 1, price: "199.00" }] });
  return {
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": "orders/updated",
      "X-Shopify-Shop-Domain": SHOP,
      "X-Shopify-Api-Version": "2026-10",
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-Hmac-Sha256": createHmac("sha256", SECRET).update(body).digest("base64"),
    },
  };
}

// The sender must cost less than the server it measures: deliveries are built and signed before
// the clock starts (Shopify signs on its own machines), and sent with node:http over kept-alive
// connections, which costs a fraction of fetch's CPU per request.
const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
function post({ body, headers }: ReturnType<typeof delivery>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port, path: "/webhooks/orders/updated", method: "POST", agent, headers: { ...headers, "Content-Length": Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.once("end", () => resolve(response.statusCode ?? 0));
    });
    request.once("error", reject);
    request.end(body);
  });
}

// Warm-up: the first requests compile code paths and open connections.
for (let i = 0; i < 50; i++) await post(delivery(-1 - i));

const total = RATE * SECONDS;
const deliveries = Array.from({ length: total }, (_, n) => delivery(n));
const loadBefore = loadavg();
const latencies: number[] = [];
const statuses = new Map<number, number>();
let errors = 0;
const started = performance.now();
const inFlight: Promise<void>[] = [];
for (let n = 0; n < total; n++) {
  const due = started + (n * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  // Behind schedule (the sender was starved of CPU) it still yields now and then: a loop that never
  // did sent the backlog in one burst and read no answer meanwhile, counting its own delay as the
  // server's.
  else if (n % 8 === 0) await new Promise((r) => setImmediate(r));
  const sent = performance.now();
  inFlight.push(
    post(deliveries[n])
      .then((status) => {
        latencies.push(performance.now() - sent);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      })
      .catch(() => void (errors += 1)),
  );
}
await Promise.all(inFlight);
agent.destroy();
const sendSeconds = (performance.now() - started) / 1000;
const loadAfter = loadavg();
// How the intake's group commit batched them (deliveries per transaction).
const scraped = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
const scrapedValue = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(scraped)?.[1] ?? NaN);
const batches = { transactions: scrapedValue("aftercare_webhook_batch_size_count"), deliveriesPerTransaction: Number((scrapedValue("aftercare_webhook_batch_size_sum") / scrapedValue("aftercare_webhook_batch_size_count")).toFixed(1)) };
await stop(web);

// Then the worker: every accepted event handled exactly once.
const drainStart = performance.now();
// Node with tsx's loader (not tsx's CLI, which would run the worker in a child of its own).
const worker = start(["--import", "tsx", "scripts/worker.ts"], { ...env, JOB_POLL_MS: "200" });
const accepted = await prisma.webhookEvent.count({ where: { shop: SHOP } });
// The queue: the Job table on SQLite, pg-boss's jobs on PostgreSQL (app/jobs/queue.server.ts).
async function queueCounts(): Promise<{ left: number; jobs: number; failedOnce: number }> {
  if (provider === "sqlite") {
    const [left, jobs, failedOnce] = await Promise.all([prisma.job.count({ where: { shop: SHOP, done: false } }), prisma.job.count({ where: { shop: SHOP } }), prisma.job.count({ where: { shop: SHOP, lastError: { not: null } } })]);
    return { left, jobs, failedOnce };
  }
  const [row] = await prisma.$queryRawUnsafe<{ left: number; jobs: number; failed_once: number }[]>(
    `SELECT count(*) FILTER (WHERE state IN ('created','retry','active'))::int AS left, count(*)::int AS jobs, count(*) FILTER (WHERE retry_count > 0 OR state = 'failed')::int AS failed_once FROM pgboss.job WHERE name = 'aftercare-jobs' AND data->>'shop' = $1`,
    SHOP,
  );
  return { left: row.left, jobs: row.jobs, failedOnce: row.failed_once };
}
for (;;) {
  if ((await queueCounts()).left === 0) break;
  await new Promise((r) => setTimeout(r, 500));
}
const drainSeconds = (performance.now() - drainStart) / 1000;
await stop(worker);
const { jobs, failedOnce: failedJobs } = await queueCounts();
const processed = await prisma.webhookEvent.count({ where: { shop: SHOP, processedAt: { not: null } } });
await prisma.$disconnect();
await db.dispose();

const sorted = [...latencies].sort((a, b) => a - b);
const result = {
  provider,
  when: new Date().toISOString(),
  node: process.version,
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), loadavgBefore: loadBefore.map((l) => Number(l.toFixed(2))), loadavgAfter: loadAfter.map((l) => Number(l.toFixed(2))) },
  target: { ratePerSecond: RATE, seconds: SECONDS, p99Ms: 20 },
  sent: total,
  achievedRatePerSecond: Math.round(total / sendSeconds),
  statuses: Object.fromEntries(statuses),
  networkErrors: errors,
  batches,
  ackMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) },
  exactlyOnce: { eventsAccepted: accepted, jobs, jobsFailedOnce: failedJobs, eventsProcessed: processed, drainSeconds: Number(drainSeconds.toFixed(1)) },
};
for (const key of ["p50", "p95", "p99", "max"] as const) result.ackMs[key] = Number(result.ackMs[key]?.toFixed(2));
mkdirSync(join("bench", "results"), { recursive: true });
writeFileSync(join("bench", "results", `webhooks-${provider}.json`), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
const ok = result.statuses[200] === total && result.ackMs.p99 <= 20 && accepted === total + 50 && jobs === accepted && processed === accepted;
console.log(ok ? "webhook benchmark: target met" : "webhook benchmark: target NOT met (see figures)");
