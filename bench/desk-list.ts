// `npm run bench:desk`: the desk's request list at 100,000 requests for one shop (and 100,000 for
// another in the same tables) on SQLite and, when it answers, PostgreSQL. Times the repository call
// the list page makes (app/repositories/desk.server.ts `list`): the first page of the Open tab, a
// filtered page (kind + reason + date range), the page after it (keyset cursor) and a search by
// order name. Median of five rounds per case; results in bench/results/desk-list.json.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

import pg from "pg";

import { createDatabase, type Database } from "../app/platform/db-client.server";
import { createDeskRepository, type ListQuery } from "../app/repositories/desk.server";

const PER_SHOP = Number(process.env.BENCH_REQUESTS ?? 100_000);
const SHOPS = ["bench-jeweller.myshopify.com", "other-jeweller.myshopify.com"];
const TARGET_MS = 50;
const ROUNDS = 5;
const PG_ADMIN = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const STATUSES = ["requested", "approved", "received", "inspected", "resolved", "closed", "declined", "cancelled"];
const WEIGHTS = [0.05, 0.04, 0.03, 0.02, 0.3, 0.46, 0.08, 0.02];
const KINDS = ["return", "return", "return", "warranty", "service"];
const REASONS = ["changed_mind", "changed_mind", "defective", "damaged_in_transit", "wrong_item", "other"];
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20, 12);

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function migrate(url: string) {
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
}

/** Multi-row INSERTs through the driver (Prisma's createMany is slow at this size on a shared machine). */
async function fill(db: Database, provider: "sqlite" | "postgresql") {
  const random = prng(20_261_129);
  const quote = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`);
  // As Prisma writes them: ISO text with "+00:00" on SQLite, a timestamp on PostgreSQL.
  const stamp = (d: Date) => (provider === "sqlite" ? `'${d.toISOString().replace("Z", "+00:00")}'` : `'${d.toISOString()}'`);
  for (const [s, shop] of SHOPS.entries()) {
    for (let start = 0; start < PER_SHOP; start += 2_000) {
      const requests: string[] = [];
      const lines: string[] = [];
      for (let i = start; i < Math.min(PER_SHOP, start + 2_000); i++) {
        const id = `b${s}${String(i).padStart(9, "0")}`;
        let roll = random();
        let status = STATUSES[STATUSES.length - 1];
        for (const [k, w] of WEIGHTS.entries()) {
          if (roll < w) {
            status = STATUSES[k];
            break;
          }
          roll -= w;
        }
        // Two years of requests, newest last.
        const createdAt = new Date(NOW - Math.floor((1 - i / PER_SHOP) * 730 * DAY) - Math.floor(random() * DAY));
        const kind = KINDS[Math.floor(random() * KINDS.length)];
        const resolution = status === "resolved" || status === "closed" ? (random() < 0.7 ? "refund" : "store_credit") : null;
        const customer = `gid://shopify/Customer/${Math.floor(random() * 20_000)}`;
        requests.push(
          `(${[quote(id), quote(shop), i + 1, quote(`gid://shopify/Order/${s}${i}`), quote(`#${1001 + i}`), quote(customer), quote(`shopper${i}@example.com`), quote(`Shopper ${i}`), quote(kind), quote(status), quote(resolution), quote("GBP"), stamp(createdAt), stamp(createdAt)].join(",")})`,
        );
        lines.push(`(${[quote(`l${id}`), quote(id), quote(`gid://shopify/LineItem/${s}${i}`), quote("Crystal Tennis Bracelet"), 1, quote(REASONS[Math.floor(random() * REASONS.length)])].join(",")})`);
      }
      await db.$executeRawUnsafe(
        `INSERT INTO "AftercareRequest" ("id","shop","number","orderId","orderName","customerId","customerEmail","customerName","kind","status","resolution","currency","createdAt","updatedAt") VALUES ${requests.join(",")}`,
      );
      await db.$executeRawUnsafe(`INSERT INTO "RequestLine" ("id","requestId","lineItemId","title","quantity","reason") VALUES ${lines.join(",")}`);
    }
  }
  // Fresh statistics, as a live database would have.
  await db.$executeRawUnsafe("ANALYZE");
}

async function time(run: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await run(); // warm caches and the query compiler
  const rounds: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await run();
    rounds.push(performance.now() - start);
  }
  const sorted = [...rounds].sort((a, b) => a - b);
  return { medianMs: Number(sorted[Math.floor(ROUNDS / 2)].toFixed(2)), slowestMs: Number(sorted[ROUNDS - 1].toFixed(2)) };
}

async function measure(provider: "sqlite" | "postgresql", url: string) {
  migrate(url);
  const db = createDatabase(url);
  try {
    const started = performance.now();
    await fill(db, provider);
    const fillSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
    const desk = createDeskRepository(db);
    const shop = SHOPS[0];
    const open: ListQuery = { status: ["requested", "approved", "received", "inspected"] };
    const filtered: ListQuery = { kind: ["warranty"], reason: "defective", from: new Date(NOW - 365 * DAY), to: new Date(NOW - 30 * DAY) };
    const firstFiltered = await desk.list(shop, filtered);
    const cases = {
      firstPageOpenTab: await time(() => desk.list(shop, open)),
      firstPageAll: await time(() => desk.list(shop, {})),
      filteredPage: await time(() => desk.list(shop, filtered)),
      filteredSecondPage: await time(() => desk.list(shop, { ...filtered, after: firstFiltered.nextCursor })),
      searchByOrderName: await time(() => desk.list(shop, { q: "#51234" })),
      resolvedOldestFirst: await time(() => desk.list(shop, { status: ["resolved"], sort: "oldest" })),
    };
    const rows = (await desk.list(shop, filtered)).rows.length;
    return { provider, requestsPerShop: PER_SHOP, shops: SHOPS.length, fillSeconds, filteredRows: rows, cases, withinTarget: Object.values(cases).every((c) => c.medianMs <= TARGET_MS) };
  } finally {
    await db.$disconnect();
  }
}

const results: unknown[] = [];
function write() {
  const report = {
    ranAt: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), loadavg: loadavg().map((l) => Number(l.toFixed(2))) },
    targetMs: TARGET_MS,
    note: "Repository call of the list page (keyset condition, lines included; a tab of several statuses reads one index-ordered page per status and merges them). Median of 5 rounds after 3 warm-ups; the machine is shared with other sessions (loadavg above).",
    results,
  };
  writeFileSync("bench/results/desk-list.json", `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
}
mkdirSync(".tmp", { recursive: true });
const file = join(process.cwd(), ".tmp", `bench-desk-${process.pid}.sqlite`);
rmSync(file, { force: true });
results.push(await measure("sqlite", `file:${file}`));
write();
rmSync(file, { force: true });

const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2_000 });
const pgUp = await admin.connect().then(
  () => true,
  () => false,
);
if (pgUp) {
  const name = `aftercare_bench_${process.pid}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  try {
    results.push(await measure("postgresql", url.toString()));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

write();
