// `npm run bench:desk`: the desk's request list at 100,000 requests for one shop (and 100,000 for
// another in the same tables) on SQLite and, when it answers, PostgreSQL. Times the repository call
// the list page makes (app/repositories/desk.server.ts `list`): the first page of the Open tab, a
// filtered page (kind + reason + date range), the page after it (keyset cursor) and a search by
// order name. Median of five rounds per case; results in bench/results/desk-list.json.
import { performance } from "node:perf_hooks";

import { type Database } from "../app/platform/db-client.server";
import { createDeskRepository, type ListQuery } from "../app/repositories/desk.server";

import { literals, onBothDatabases, prng, time as timed, type Provider } from "./support/list-bench";

const PER_SHOP = Number(process.env.BENCH_REQUESTS ?? 100_000);
const SHOPS = ["bench-jeweller.myshopify.com", "other-jeweller.myshopify.com"];
const TARGET_MS = 50;
const ROUNDS = 5;
const STATUSES = ["requested", "approved", "received", "inspected", "resolved", "closed", "declined", "cancelled"];
const WEIGHTS = [0.05, 0.04, 0.03, 0.02, 0.3, 0.46, 0.08, 0.02];
const KINDS = ["return", "return", "return", "warranty", "service"];
const REASONS = ["changed_mind", "changed_mind", "defective", "damaged_in_transit", "wrong_item", "other"];
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20, 12);

/** Multi-row INSERTs through the driver (Prisma's createMany is slow at this size on a shared machine). */
async function fill(db: Database, provider: Provider) {
  const random = prng(20_261_129);
  const { quote, stamp } = literals(provider);
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

const time = (run: () => Promise<unknown>) => timed(run, ROUNDS);

async function measure(db: Database, provider: Provider) {
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
}

await onBothDatabases(
  "desk-list",
  {
    targetMs: TARGET_MS,
    note: "Repository call of the list page (keyset condition, lines included; a tab of several statuses reads one index-ordered page per status and merges them). Median of 5 rounds after 3 warm-ups; the machine is shared with other sessions (loadavg above).",
  },
  measure,
);
