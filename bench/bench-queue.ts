// `npm run bench:bench`: the repair bench's queue at 100,000 tickets for one shop (and 100,000 for
// another in the same tables) on SQLite and, when it answers, PostgreSQL. Times what the queue
// page's loader asks of the repairs repository for one page (app/routes/app.bench._index.tsx: the
// tab's keyset page and the per-state counts, together): every tab's first page, the page after
// it, one state, the overdue tab and "mine". 95th percentile of 20 rounds per case against 50 ms;
// results in bench/results/bench-queue.json.
import { performance } from "node:perf_hooks";

import { type Database } from "../app/platform/db-client.server";
import { OWED_STATES, type RepairState } from "../app/repairs/machine";
import { TABS } from "../app/repairs/queue-tabs";
import { createRepairRepository } from "../app/repositories/repairs.server";

import { literals, onBothDatabases, prng, time, type Provider } from "./support/list-bench";

const PER_SHOP = Number(process.env.BENCH_TICKETS ?? 100_000);
const SHOPS = ["bench-jeweller.myshopify.com", "other-jeweller.myshopify.com"];
const TARGET_MS = 50;
const ROUNDS = 20;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 12);
const TODAY = "2026-12-07";
// A workshop two years old: most tickets long closed, a few hundred open at any time.
const STATES: [RepairState, number][] = [
  ["awaiting_item", 0.004],
  ["received", 0.003],
  ["assessed", 0.002],
  ["quoted", 0.003],
  ["quote_accepted", 0.001],
  ["quote_declined", 0.001],
  ["quote_expired", 0.001],
  ["at_bench", 0.004],
  ["ready", 0.003],
  ["sent_back", 0.45],
  ["collected", 0.48],
  ["cancelled", 0.048],
];
const WORK = ["Resize", "Rhodium plating", "Clasp repair", "Warranty repair", "Polish and re-plate", "Crystal replacement"];
const STAFF = ["gid://shopify/StaffMember/1", "gid://shopify/StaffMember/2", "gid://shopify/StaffMember/3"];

const localDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Requests and their tickets through the driver in multi-row INSERTs, newest job numbers last. */
async function fill(db: Database, provider: Provider) {
  const random = prng(20_261_207);
  const { quote, stamp } = literals(provider);
  for (const [s, shop] of SHOPS.entries()) {
    for (let start = 0; start < PER_SHOP; start += 2_000) {
      const requests: string[] = [];
      const tickets: string[] = [];
      for (let i = start; i < Math.min(PER_SHOP, start + 2_000); i++) {
        const id = `q${s}${String(i).padStart(9, "0")}`;
        const createdMs = NOW - Math.floor((1 - i / PER_SHOP) * 730 * DAY) - Math.floor(random() * DAY);
        const created = new Date(createdMs);
        // Open tickets are recent (the last ninety days); closed ones are spread over the two years.
        let roll = random();
        let state: RepairState = "collected";
        for (const [candidate, weight] of STATES) {
          if (roll < weight) {
            state = candidate;
            break;
          }
          roll -= weight;
        }
        const recent = i >= PER_SHOP * 0.9;
        if (!recent && !["sent_back", "collected", "cancelled"].includes(state)) state = "collected";
        const owed = (OWED_STATES as readonly string[]).includes(state);
        // Owed work is promised ten working days or so after intake; about one in six is late.
        const dueOn = state === "awaiting_item" ? null : localDate(owed ? NOW + (random() < 0.17 ? -1 : 1) * Math.ceil(random() * 14) * DAY : createdMs + 14 * DAY);
        const staff = random() < 0.8 ? STAFF[Math.floor(random() * STAFF.length)] : null;
        requests.push(
          `(${[quote(id), quote(shop), i + 1, quote(`gid://shopify/Order/${s}${i}`), quote(`#${1001 + i}`), quote(`gid://shopify/Customer/${Math.floor(random() * 20_000)}`), quote(`shopper${i}@example.com`), quote(`Shopper ${i}`), quote("service"), quote(state === "cancelled" ? "cancelled" : "resolved"), quote("repair"), quote("GBP"), stamp(created), stamp(created)].join(",")})`,
        );
        tickets.push(
          `(${[quote(`t${id}`), quote(shop), 1001 + i, quote(id), quote("repair"), quote(state), quote(WORK[Math.floor(random() * WORK.length)]), quote("Diamond Solitaire Ring"), quote("GBP"), quote(dueOn), quote(staff), quote(staff ? "Bench staff" : null), stamp(created), stamp(created), stamp(created)].join(",")})`,
        );
      }
      await db.$executeRawUnsafe(
        `INSERT INTO "AftercareRequest" ("id","shop","number","orderId","orderName","customerId","customerEmail","customerName","kind","status","resolution","currency","createdAt","updatedAt") VALUES ${requests.join(",")}`,
      );
      await db.$executeRawUnsafe(
        `INSERT INTO "RepairTicket" ("id","shop","number","requestId","origin","state","work","itemTitle","currency","dueOn","assigneeId","assigneeName","stateChangedAt","createdAt","updatedAt") VALUES ${tickets.join(",")}`,
      );
    }
  }
  await db.$executeRawUnsafe(`INSERT INTO "RepairCounter" ("shop","last") VALUES ${SHOPS.map((shop) => `(${quote(shop)}, ${1000 + PER_SHOP})`).join(",")}`);
  // Fresh statistics, as a live database would have.
  await db.$executeRawUnsafe("ANALYZE");
}

async function measure(db: Database, provider: Provider) {
  const started = performance.now();
  await fill(db, provider);
  const fillSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  const repairs = createRepairRepository(db);
  const shop = SHOPS[0];
  // One page as the loader reads it: the tab's keyset page and the counts, together.
  const page = (query: Parameters<typeof repairs.queue>[1]) => Promise.all([repairs.queue(shop, query), repairs.counts(shop, TODAY)]);
  const cases: Record<string, Awaited<ReturnType<typeof time>> & { rows: number }> = {};
  for (const tab of TABS) {
    const query = { states: tab.states, dueBefore: tab.overdue ? TODAY : null };
    const [first] = await page(query);
    cases[`${tab.id}FirstPage`] = { ...(await time(() => page(query), ROUNDS)), rows: first.rows.length };
    if (first.nextCursor) cases[`${tab.id}NextPage`] = { ...(await time(() => page({ ...query, after: first.nextCursor }), ROUNDS)), rows: (await page({ ...query, after: first.nextCursor }))[0].rows.length };
  }
  const oneState = { states: ["at_bench"] as RepairState[] };
  cases.oneStateFirstPage = { ...(await time(() => page(oneState), ROUNDS)), rows: (await page(oneState))[0].rows.length };
  const mine = { states: TABS[0].states, assigneeId: STAFF[0] };
  cases.mineOpenFirstPage = { ...(await time(() => page(mine), ROUNDS)), rows: (await page(mine))[0].rows.length };
  const deep = { states: TABS.find((t) => t.id === "closed")!.states, after: 1001 + Math.floor(PER_SHOP / 2) };
  cases.closedHalfwayPage = { ...(await time(() => page(deep), ROUNDS)), rows: (await page(deep))[0].rows.length };
  const counts = await repairs.counts(shop, TODAY);
  return { provider, ticketsPerShop: PER_SHOP, shops: SHOPS.length, fillSeconds, counts, cases, withinTarget: Object.values(cases).every((c) => c.p95Ms <= TARGET_MS) };
}

await onBothDatabases(
  "bench-queue",
  {
    targetMs: TARGET_MS,
    note: "One page of the bench queue as its loader reads it (the tab's keyset page with request fields, and the per-state and overdue counts, in parallel). 95th percentile of 20 rounds after 3 warm-ups; the machine is shared with other sessions (loadavg above).",
  },
  measure,
);
